"""Undo commands: thin wrappers whose redo/undo each call one Session (Store) method.

Every step writes a revision (undoing a creation writes a tombstone), so undo history and team
merge never disagree. A command's first application happens in `perform`, before it is pushed, so
a refused edit raises to the caller and never lands on the stack.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QUndoCommand

from testimonia.core.errors import TestimoniaError
from testimonia.core.views import AnnotationView, Content, DocumentInfo, LabelInfo

from .core_text import label_name
from .i18n import arg, translate
from .session import Session, content_of


class StoreCommand(QUndoCommand):
    def __init__(self, session: Session, text: str) -> None:
        super().__init__(text)
        self.session = session
        self._done_once = False
        self._skip_redo = False

    def perform(self) -> object:
        result = self._do()
        self._done_once = self._skip_redo = True  # QUndoStack.push calls redo() next: already done
        return result

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self._guard(self._redo if self._done_once else self._do)
        self._done_once = True

    def undo(self) -> None:
        self._guard(self._undo)

    def _guard(self, step: object) -> None:
        try:
            step()  # type: ignore[operator]
        except TestimoniaError as exc:
            # The project changed underneath (say a merge deleted the label); drop the step rather
            # than leave a stack that can never move past it.
            self.setObsolete(True)
            self.session.error.emit(f"{self.text()}: {exc}")

    def _do(self) -> object:
        return self._redo()

    def _redo(self) -> object:
        raise NotImplementedError

    def _undo(self) -> object:
        raise NotImplementedError


class CreateAnnotation(StoreCommand):
    def __init__(self, session: Session, document: str, label: LabelInfo, start: int, end: int,
                 fields: dict[str, object] | None = None, note: str = "") -> None:
        super().__init__(session, arg(translate("StoreCommand", "Mark as %1"), label.name))
        self.document, self.uuid = document, ""
        self.content = Content(label.uuid, start, end, dict(fields or {}), note)

    def _do(self) -> AnnotationView:
        c = self.content
        view = self.session.add_annotation(self.document, c.label_uuid, c.start, c.end, c.fields, c.note)
        self.uuid = view.uuid
        self.content = content_of(view)
        return view

    def _redo(self) -> AnnotationView:
        return self.session.set_content(self.uuid, replace(self.content, deleted=False))

    def _undo(self) -> AnnotationView:
        return self.session.delete_annotation(self.uuid)


class EditAnnotation(StoreCommand):
    def __init__(self, session: Session, before: AnnotationView, after: Content, text: str) -> None:
        super().__init__(session, text)
        self.uuid = before.uuid
        self.before, self.after = content_of(before, deleted=False), replace(after, deleted=False)

    def _redo(self) -> AnnotationView:
        return self.session.set_content(self.uuid, self.after)

    def _undo(self) -> AnnotationView:
        return self.session.set_content(self.uuid, self.before)


class DeleteAnnotation(StoreCommand):
    def __init__(self, session: Session, before: AnnotationView) -> None:
        super().__init__(session, arg(translate("StoreCommand", "Delete %1"), before.label))
        self.uuid = before.uuid
        self.before = content_of(before, deleted=False)

    def _redo(self) -> AnnotationView:
        return self.session.delete_annotation(self.uuid)

    def _undo(self) -> AnnotationView:
        return self.session.set_content(self.uuid, self.before)


class AddLabel(StoreCommand):
    def __init__(self, session: Session, name: str, color: str, shortcut: str) -> None:
        super().__init__(session, arg(translate("StoreCommand", "Add label %1"), name))
        self.name, self.color, self.shortcut, self.uuid = name, color, shortcut, ""

    def _do(self) -> LabelInfo:
        label = self.session.add_label(self.name, self.color, self.shortcut)
        self.uuid = label.uuid
        return label

    def _redo(self) -> LabelInfo:
        return self.session.set_label_deleted(self.uuid, False)

    def _undo(self) -> LabelInfo:
        return self.session.set_label_deleted(self.uuid, True)


class EditLabel(StoreCommand):
    """Change a label's name, colour and shortcut; undo puts the stored values back."""

    def __init__(self, session: Session, before: LabelInfo, name: str, color: str, shortcut: str) -> None:
        super().__init__(session, arg(translate("StoreCommand", "Edit label %1"),
                                      label_name(before) if name == before.name else name))
        self.uuid = before.uuid
        self.before = (before.name, before.color, before.shortcut)
        self.after = (name, color, shortcut)

    def _redo(self) -> LabelInfo:
        return self.session.update_label(self.uuid, *self.after)

    def _undo(self) -> LabelInfo:
        return self.session.update_label(self.uuid, *self.before)


class RemoveLabel(StoreCommand):
    """Stop offering a label for new marks; annotations that have it keep it."""

    def __init__(self, session: Session, label: LabelInfo) -> None:
        super().__init__(session, arg(translate("StoreCommand", "Remove label %1"), label_name(label)))
        self.uuid = label.uuid

    def _redo(self) -> LabelInfo:
        return self.session.set_label_deleted(self.uuid, True)

    def _undo(self) -> LabelInfo:
        return self.session.set_label_deleted(self.uuid, False)


class RenameDocument(StoreCommand):
    def __init__(self, session: Session, before: DocumentInfo, title: str) -> None:
        super().__init__(session, translate("StoreCommand", "Rename document"))
        self.uuid, self.before, self.after = before.uuid, before.title, title

    def _redo(self) -> DocumentInfo:
        return self.session.set_document_title(self.uuid, self.after)

    def _undo(self) -> DocumentInfo:
        return self.session.set_document_title(self.uuid, self.before)


class SetDocumentRemoved(StoreCommand):
    """Take a document out of the project's lists (it stays in the file, annotations and all), or
    bring back one removed earlier; undo does the opposite."""

    def __init__(self, session: Session, doc: DocumentInfo, removed: bool) -> None:
        super().__init__(session, translate("StoreCommand", "Remove document") if removed
                         else translate("StoreCommand", "Restore document"))
        self.uuid, self.removed = doc.uuid, removed

    def _redo(self) -> DocumentInfo:
        return self.session.set_document_removed(self.uuid, self.removed)

    def _undo(self) -> DocumentInfo:
        return self.session.set_document_removed(self.uuid, not self.removed)


class ImportAnnotations(StoreCommand):
    """A whole annotation import (W3C, REFI-QDA) as one step. It was written before the command
    exists (in a worker); undo takes out everything it added in one go, redo brings it back."""

    def __init__(self, session: Session, text: str, documents: list[str], labels: list[str],
                 annotations: list[str]) -> None:
        super().__init__(session, text)
        self.documents, self.labels, self.annotations = list(documents), list(labels), list(annotations)
        self._done_once = self._skip_redo = True  # QUndoStack.push calls redo() next: already done

    def _redo(self) -> None:
        self.session.set_batch_present(self.documents, self.labels, self.annotations, True)

    def _undo(self) -> None:
        self.session.set_batch_present(self.documents, self.labels, self.annotations, False)


def push(session: Session, command: StoreCommand) -> object:
    """Apply a command now and put it on the undo stack; raises (and pushes nothing) if refused."""
    result = command.perform()
    session.undo_stack.push(command)
    return result
