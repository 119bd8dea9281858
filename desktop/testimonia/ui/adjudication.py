"""Adjudication as undo steps: accept one annotator's version, merge boundaries, reject, bulk accept.

Each command's first application calls core/agreement/curation.py, which writes the curated
annotation as an ordinary revision by the curator (the codings are never touched). Undo and redo
then go through Session like every other edit, so the curated reading merges and syncs the same:

* undoing an accept or a merge deletes the curated annotation (a withdrawn accept settles nothing);
* undoing a reject rewrites its tombstone as a withdrawn accept (still deleted), since a deleted
  reject is what settles its sources; redo puts the reject back;
* a bulk accept is one transaction and one step; undo takes all of its annotations out at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from testimonia.core.agreement import curation
from testimonia.core.agreement.curation_marks import CURATION_FIELD, mark, parse
from testimonia.core.agreement.report import Options
from testimonia.core.views import AnnotationView

from .commands import StoreCommand
from .i18n import translate
from .session import Session, content_of


class _Curate(StoreCommand):
    """A command whose first step writes one curated annotation through core curation."""

    def __init__(self, session: Session, text: str) -> None:
        super().__init__(session, text)
        self.uuid = ""
        self.content = None  # type: ignore[assignment]

    def _write(self) -> AnnotationView:
        raise NotImplementedError

    def _do(self) -> AnnotationView:
        view = self._write()
        self.uuid, self.content = view.uuid, content_of(view)
        self.session.annotation_changed.emit(view)
        return view

    def _redo(self) -> AnnotationView:
        return self.session.set_content(self.uuid, self.content)

    def _undo(self) -> AnnotationView:
        return self.session.delete_annotation(self.uuid)


class AcceptVersion(_Curate):
    """The curated reading takes `chosen` as it is; `also` are the other versions it settles."""

    def __init__(self, session: Session, chosen: str, also: Sequence[str] = ()) -> None:
        super().__init__(session, translate("Adjudication", "Accept version"))
        self.chosen, self.also = chosen, list(also)

    def _write(self) -> AnnotationView:
        return curation.accept(self.session.store, self.session.author, self.chosen, self.also)


class MergeVersions(_Curate):
    """One curated annotation from several versions: from the first character any of them covers
    to the last (or the boundaries given), label and fields from `take`."""

    def __init__(self, session: Session, sources: Sequence[str], take: str | None = None,
                 start: int | None = None, end: int | None = None) -> None:
        super().__init__(session, translate("Adjudication", "Merge boundaries"))
        self.sources, self.take, self.start, self.end = list(sources), take, start, end

    def _write(self) -> AnnotationView:
        return curation.merge(self.session.store, self.session.author, self.sources, take=self.take,
                              start=self.start, end=self.end)


class RejectVersions(_Curate):
    """None of these versions belongs in the curated reading."""

    def __init__(self, session: Session, sources: Sequence[str]) -> None:
        super().__init__(session, translate("Adjudication", "Reject"))
        self.sources = list(sources)

    def _write(self) -> AnnotationView:
        return curation.reject(self.session.store, self.session.author, self.sources)

    def _redo(self) -> AnnotationView:
        return self.session.set_content(self.uuid, self.content)

    def _undo(self) -> AnnotationView:
        parsed = parse(self.content.fields.get(CURATION_FIELD))
        sources = parsed[1] if parsed else self.sources
        withdrawn = {CURATION_FIELD: mark("accept", sources)}
        return self.session.set_content(self.uuid, replace(self.content, fields=withdrawn, deleted=True))


class BulkAccept(StoreCommand):
    """Every unit all annotators agree on becomes a curated copy, in one transaction."""

    def __init__(self, session: Session, options: Options, min_share: float = 1.0) -> None:
        super().__init__(session, translate("Adjudication", "Accept where all agree"))
        self.options, self.min_share = options, min_share
        self.items: list[curation.BulkItem] = []

    def _do(self) -> list[curation.BulkItem]:
        self.items = curation.bulk_accept(self.session.store, self.session.author, self.options, self.min_share)
        if self.items:
            self.session.bulk_changed.emit()
        return self.items

    @property
    def created(self) -> list[str]:
        return [it.curated for it in self.items if it.curated]

    def _redo(self) -> None:
        self.session.set_batch_present([], [], self.created, True)

    def _undo(self) -> None:
        self.session.set_batch_present([], [], self.created, False)
