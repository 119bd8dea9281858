"""One open project as the GUI sees it: the Store, the author, the undo stack, change signals.

Undo commands call the methods here, never the widgets; widgets listen to the signals. So an
edit, its undo and its redo all reach every view the same way.

Each operation says what it changed, and views refresh only that (Anki's pattern): an annotation
edit emits the annotation, the one document's new counts and the project's new totals, worked
out from that document alone; nothing is recounted over the project. Only bulk changes (an
import, a merge, a removal) recount the totals, in a worker (`refresh_totals`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from testimonia.core.store import Store
from testimonia.core.views import AnnotationView, AuthorRef, Content, DocumentInfo, LabelInfo

Background = Callable[[Callable[[], object], Callable[[object], None], Callable[[BaseException], None]], None]


def _at_once(job: Callable[[], object], done: Callable[[object], None],
             failed: Callable[[BaseException], None]) -> None:
    try:
        result = job()
    except Exception as exc:  # handed to the caller's handler, as a worker would
        failed(exc)
        return
    done(result)


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
    counts_changed = Signal(str, object)  # a document's UUID and its annotation counts by kind, after an edit
    totals_changed = Signal(object)  # the project's totals (Queries.stats), after an edit or a recount
    field_values_ready = Signal(str)  # completions for this field key were read
    status = Signal(str)  # a line for the status bar, from any view of this session

    def __init__(self, store: Store, author: AuthorRef, parent: QObject | None = None,
                 background: Background | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.author = author
        self.undo_stack = QUndoStack(self)
        self._field_values: dict[str, list[str]] = {}
        self._reading_values: set[str] = set()
        # Runs a read off the GUI thread and hands its result back on it (Runner.quiet); without
        # one, reads run at once (tests, scripts).
        self._background: Background = background or _at_once
        self.totals: dict[str, int] | None = None  # None until the first count arrives
        # Every label (removed ones too) as the interface shows them: built-ins in its language. The
        # window reads them (it knows the language) and sets them here before views hear labels_changed.
        self.shown_labels: list[LabelInfo] = []
        self.labels: list[LabelInfo] = []  # the labels one can mark with, in the order offered (keys 1, 2, 3…)
        self._edits = 0  # counts edits, so a recount that raced one is read again
        self._counting = False
        self.closed = False
        self.documents_changed.connect(self.refresh_totals)
        self.bulk_changed.connect(self.refresh_totals)

    def close(self) -> None:
        self.closed = True
        self.undo_stack.clear()
        self.store.close()

    # -- totals ------------------------------------------------------------------------------
    def refresh_totals(self) -> None:
        """Recount the project's totals off the GUI thread; `totals_changed` follows."""
        if self._counting or self.closed:
            return
        self._counting = True
        edits = self._edits

        def done(stats: object) -> None:
            self._counting = False
            if self.closed:
                return
            if edits != self._edits:  # an edit's delta went into totals this count did not see
                self.refresh_totals()
                return
            self.totals = dict(stats)  # type: ignore[call-overload]
            self.totals_changed.emit(self.totals)

        def failed(_exc: BaseException) -> None:
            self._counting = False

        self._background(self.store.stats, done, failed)

    def _document_before(self, document: str) -> tuple[int, int, bool]:
        return self.store.document_totals(document)

    def _counted(self, document: str, before: tuple[int, int, bool]) -> None:
        """After one annotation changed in `document`: its counts, and the totals by the difference."""
        self._edits += 1
        self.counts_changed.emit(document, self.store.document_counts([document]).get(document, {}))
        after = self.store.document_totals(document)
        if self.totals is not None and not after[2]:  # removed documents are not in the totals
            self.totals = {**self.totals, "annotations": self.totals["annotations"] + after[0] - before[0],
                           "conflicts": self.totals["conflicts"] + after[1] - before[1]}
            self.totals_changed.emit(self.totals)

    # -- called by undo commands -----------------------------------------------------------
    def add_annotation(self, document: str, label: str, start: int, end: int,
                       fields: dict[str, object] | None = None, note: str = "") -> AnnotationView:
        document = self.store.resolve_document(document)
        before = self._document_before(document)
        view = self.store.add_annotation(document, label, start, end, self.author, fields=fields, note=note)
        self._changed(view, before)
        return view

    def set_content(self, uuid: str, content: Content) -> AnnotationView:
        before = self._document_before(self.store.annotation_document(uuid))
        view = self.store.set_content(uuid, content, self.author)
        self._changed(view, before)
        return view

    def resolve(self, uuid: str, *, take: str | None = None, content: Content | None = None) -> AnnotationView:
        """Settle a conflict: one revision whose parents are all heads (Store.resolve)."""
        before = self._document_before(self.store.annotation_document(uuid))
        view = self.store.resolve(uuid, self.author, take=take, content=content)
        self._changed(view, before)
        return view

    def delete_annotation(self, uuid: str) -> AnnotationView:
        before = self._document_before(self.store.annotation_document(uuid))
        view = self.store.delete_annotation(uuid, self.author)
        self._changed(view, before)
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

    def _changed(self, view: AnnotationView, before: tuple[int, int, bool]) -> None:
        if not view.deleted:
            self._learn_values(view.fields)
        self._counted(view.document_uuid, before)
        self.annotation_changed.emit(view)

    # -- reads the editor needs often ------------------------------------------------------
    def field_values(self, key: str) -> list[str]:
        """Values already used for a field anywhere in the project, for completion.

        Read once per session, off the GUI thread (a scan of every annotation): until they arrive
        the answer is empty and `field_values_ready` follows; after that, edits add their values."""
        if key in self._field_values:
            return self._field_values[key]
        if key not in self._reading_values and not self.closed:
            self._reading_values.add(key)

            def done(values: object) -> None:
                self._reading_values.discard(key)
                if self.closed:
                    return
                self._field_values[key] = list(values)  # type: ignore[call-overload]
                self.field_values_ready.emit(key)

            self._background(lambda: _with_register_names(self.store, key), done,
                             lambda _exc: self._reading_values.discard(key))
        return self._field_values.get(key, [])

    def _learn_values(self, fields: dict[str, object]) -> None:
        """An edit's field values join the completions (the list is never recounted in a session)."""
        for key, value in fields.items():
            text = str(value)
            known = self._field_values.get(key)
            if known is not None and text.strip() and text not in known:
                known.append(text)


def _with_register_names(store: object, key: str) -> list[str]:
    """A field's values used so far, then the register's names that suit it (speaker, duty bearer,
    beneficiary, place): completion offers "Jeong Park" before anyone typed it (core/evidence)."""
    values = list(store.field_values(key))  # type: ignore[attr-defined]
    seen = {v.casefold() for v in values}
    for name in store.evidence.names_for_field(key):  # type: ignore[attr-defined]
        if name.casefold() not in seen:
            seen.add(name.casefold())
            values.append(name)
    return values
