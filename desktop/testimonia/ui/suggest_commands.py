"""Undo steps for verdicts on suggestions: accepting (one or many at once) and rejecting.

Accepting writes the annotations and their verdict rows in one transaction (core/suggest/review.py);
undo tombstones the annotations and forgets the verdicts, so the suggestions come back to the
review list and their rule's score is as before; redo brings both back. Rejecting only writes
verdicts; undo forgets them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from testimonia.core.suggest import Suggestion, review
from testimonia.core.views import AnnotationView

from .commands import StoreCommand
from .session import Session, content_of

Listed = Callable[[Sequence[Suggestion], bool], None]  # (suggestions, back in the list?)


class AcceptSuggestions(StoreCommand):
    """`text` names the step in Edit › Undo; `fields` replaces the suggested fields."""

    def __init__(self, session: Session, text: str, suggestions: Sequence[Suggestion], listed: Listed,
                 fields: dict[str, object] | None = None) -> None:
        super().__init__(session, text)
        self.suggestions = list(suggestions)
        self.listed = listed
        self.fields = fields
        self.created: list[AnnotationView] = []

    @classmethod
    def written(cls, session: Session, text: str, suggestions: Sequence[Suggestion], listed: Listed,
                created: list[AnnotationView]) -> AcceptSuggestions:
        """The step for an accept already written (a bulk accept runs in a worker, as an import does)."""
        command = cls(session, text, suggestions, listed)
        command.created = list(created)
        command._done_once = command._skip_redo = True  # QUndoStack.push calls redo() next: already done
        listed(command.suggestions, False)
        command._announce(command.created)
        return command

    def _do(self) -> list[AnnotationView]:
        self.created = review.accept(self.session.store, self.suggestions, self.session.author, self.fields)
        self.listed(self.suggestions, False)
        self._announce(self.created)
        return self.created

    def _redo(self) -> None:
        s = self.session
        if len(self.created) == 1:
            view = s.set_content(self.created[0].uuid, replace(content_of(self.created[0]), deleted=False))
        else:
            s.store.set_deleted_many([v.uuid for v in self.created], False, s.author)
            view = None
        review.record(s.store, self.suggestions, review.ACCEPTED, s.author, [v.uuid for v in self.created])
        self.listed(self.suggestions, False)
        if view is None:
            self._announce([])

    def _undo(self) -> None:
        s = self.session
        if len(self.created) == 1:
            s.delete_annotation(self.created[0].uuid)
        else:
            s.store.set_deleted_many([v.uuid for v in self.created], True, s.author)
        review.forget(s.store, self.suggestions)
        self.listed(self.suggestions, True)
        if len(self.created) != 1:
            self._announce([])

    def _announce(self, views: list[AnnotationView]) -> None:
        """One annotation reaches the views as an edit does; many as a bulk change (one re-read)."""
        if len(self.created) == 1 and views:
            # Written already (review.accept): the document's totals before it are one annotation fewer.
            annotations, conflicts, removed = self.session.store.document_totals(views[0].document_uuid)
            self.session._changed(views[0], (annotations - 1, conflicts, removed))
        else:
            self.session.documents_changed.emit()  # the counts in the documents list
            self.session.bulk_changed.emit()


class RejectSuggestions(StoreCommand):
    def __init__(self, session: Session, text: str, suggestions: Sequence[Suggestion], listed: Listed) -> None:
        super().__init__(session, text)
        self.suggestions = list(suggestions)
        self.listed = listed

    def _redo(self) -> None:
        review.reject(self.session.store, self.suggestions, self.session.author)
        self.listed(self.suggestions, False)

    def _undo(self) -> None:
        review.forget(self.session.store, self.suggestions)
        self.listed(self.suggestions, True)
