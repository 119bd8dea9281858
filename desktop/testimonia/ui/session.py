"""One open project as the GUI sees it: the Store, the author, the undo stack, change signals.

Undo commands call the methods here, never the widgets; widgets listen to the signals. So an
edit, its undo and its redo all reach every view the same way.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from testimonia.core.store import Store
from testimonia.core.views import AnnotationView, AuthorRef, Content, DocumentInfo, LabelInfo


def content_of(view: AnnotationView, *, deleted: bool | None = None) -> Content:
    return Content(view.label_uuid, view.start, view.end, dict(view.fields), view.note,
                   view.deleted if deleted is None else deleted)


class Session(QObject):
    annotation_changed = Signal(object)  # AnnotationView, deleted ones included
    labels_changed = Signal()
    documents_changed = Signal()
    document_restored = Signal(str)  # a removed document is back (undo, redo or restore): show it
    error = Signal(str)  # a failed undo/redo, for the status bar
    bulk_changed = Signal()  # many annotations at once (an import, its undo or redo): read everything again

    def __init__(self, store: Store, author: AuthorRef, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.author = author
        self.undo_stack = QUndoStack(self)
        self._field_values: dict[str, list[str]] = {}

    def close(self) -> None:
        self.undo_stack.clear()
        self.store.close()

    # -- called by undo commands -----------------------------------------------------------
    def add_annotation(self, document: str, label: str, start: int, end: int,
                       fields: dict[str, object] | None = None, note: str = "") -> AnnotationView:
        view = self.store.add_annotation(document, label, start, end, self.author, fields=fields, note=note)
        self._changed(view, fields_touched=bool(fields))
        return view

    def set_content(self, uuid: str, content: Content) -> AnnotationView:
        view = self.store.set_content(uuid, content, self.author)
        self._changed(view, fields_touched=True)
        return view

    def delete_annotation(self, uuid: str) -> AnnotationView:
        view = self.store.delete_annotation(uuid, self.author)
        self._changed(view, fields_touched=True)
        return view

    def add_label(self, name: str, color: str, shortcut: str) -> LabelInfo:
        label = self.store.add_label(name, color, self.author, shortcut=shortcut)
        self.labels_changed.emit()
        return label

    def update_label(self, uuid: str, name: str, color: str, shortcut: str) -> LabelInfo:
        label = self.store.update_label(uuid, self.author, name=name, color=color, shortcut=shortcut)
        self.labels_changed.emit()
        return label

    def set_document_title(self, uuid: str, title: str) -> DocumentInfo:
        doc = self.store.set_document_title(uuid, title, self.author)
        self.documents_changed.emit()
        return doc

    def set_document_removed(self, uuid: str, removed: bool) -> DocumentInfo:
        if removed:
            doc = self.store.remove_document(uuid, self.author)
        else:
            doc = self.store.restore_document(uuid, self.author)
        self.documents_changed.emit()
        if not removed:
            self.document_restored.emit(doc.uuid)
        return doc

    def set_label_deleted(self, uuid: str, deleted: bool) -> LabelInfo:
        label = self.store.update_label(uuid, self.author, deleted=deleted)
        self.labels_changed.emit()
        return label

    def set_batch_present(self, documents: list[str], labels: list[str], annotations: list[str],
                          present: bool) -> None:
        """Take what one import added out of the project (present=False) or bring it back: the
        annotations in one transaction (tombstones, or revisions restoring the content), then the
        labels and documents it created, removed or restored like any other."""
        store, author = self.store, self.author
        if present:
            for uuid in documents:
                store.restore_document(uuid, author)
            for uuid in labels:
                store.update_label(uuid, author, deleted=False)
            store.set_deleted_many(annotations, False, author)
        else:
            store.set_deleted_many(annotations, True, author)
            for uuid in labels:
                store.update_label(uuid, author, deleted=True)
            for uuid in documents:
                store.remove_document(uuid, author)
        self._field_values.clear()
        if labels:
            self.labels_changed.emit()
        self.documents_changed.emit()
        self.bulk_changed.emit()

    def _changed(self, view: AnnotationView, fields_touched: bool) -> None:
        if fields_touched:
            self._field_values.clear()
        self.annotation_changed.emit(view)

    # -- reads the editor needs often ------------------------------------------------------
    def field_values(self, key: str) -> list[str]:
        """Values already used for a field anywhere in the project, for completion."""
        if key not in self._field_values:
            self._field_values[key] = self.store.field_values(key)
        return self._field_values[key]
