"""Left dock: the project's documents with their annotation counts, and a filter box."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QMenu, QTreeView, QVBoxLayout, QWidget

from testimonia.core.errors import TestimoniaError
from testimonia.core.labels import CUSTOM, KINDS
from testimonia.core.views import DocumentInfo

if TYPE_CHECKING:
    from testimonia.core.store import Store

from .i18n import arg, format_count, format_datetime, translate
from .plain import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
Background = Callable[[Callable[[], object], Callable[[object], None], Callable[[BaseException], None]], None]
UUID_ROLE = Qt.ItemDataRole.UserRole + 1
COUNT_COLUMNS = (*KINDS, CUSTOM)
TYPE_COLUMN = 1
FIRST_COUNT = 2
# One letter per built-in kind (the keys that mark them); translators may pick their language's initials.
HEADERS = (QT_TRANSLATE_NOOP("DocumentsModel", "Title"), QT_TRANSLATE_NOOP("DocumentsModel", "Type"),
           QT_TRANSLATE_NOOP("DocumentsModel", "S"), QT_TRANSLATE_NOOP("DocumentsModel", "F"),
           QT_TRANSLATE_NOOP("DocumentsModel", "O"), "+")
TIPS = ("", QT_TRANSLATE_NOOP("DocumentsModel", "What the document was imported from"),
        QT_TRANSLATE_NOOP("DocumentsModel", "Statements"), QT_TRANSLATE_NOOP("DocumentsModel", "Figures"),
        QT_TRANSLATE_NOOP("DocumentsModel", "Obligations"),
        QT_TRANSLATE_NOOP("DocumentsModel", "Annotations with your own labels"))
# The same article imported as .txt, .html and .docx has one title three times; the type tells them apart.
SOURCE_TYPES = {"txt": "TXT", "html": "HTML", "pdf": "PDF", "docx": "DOCX",
                "paste": QT_TRANSLATE_NOOP("DocumentsModel", "pasted")}


def source_type(kind: str) -> str:
    shown = SOURCE_TYPES.get(kind, kind.upper())
    return translate("DocumentsModel", shown) if kind == "paste" else shown


class DocumentsModel(QAbstractTableModel):
    """The project's documents, read from the project a page of rows at a time as the view asks
    for them (core/document_list.py): a 30,000-document list costs the rows on screen. Filtering
    is the same query with a condition; nothing is sorted or filtered in Python."""

    PAGE = 128
    KEEP_PAGES = 16
    KEEP_COUNTS = 20_000  # documents whose last counts are remembered across re-reads

    def __init__(self, parent: object = None, *, counts: bool = True) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._counts = counts  # False: a list of titles only (a filter's choices), no counts read
        self._store: Store | None = None
        self._needle = ""
        self._rows = 0
        self._pages: OrderedDict[int, list[DocumentInfo]] = OrderedDict()
        self._background: Background | None = None
        self._generation = 0  # a read of the list; counts read for an earlier one are dropped
        self._known: dict[str, dict[str, int]] = {}  # the last counts read, shown until fresh ones come
        self._reading = False

    def set_store(self, store: Store | None, background: Background | None = None) -> None:
        """`background(job, on_done, on_failed)` runs a page's annotation counts off the GUI thread
        (the window's runner): a page's rows are an index walk, its counts read every annotation
        on its documents (0.6 s on the GUI thread after a 200k pull, where 128 documents held
        them all). Without it the counts are read with the rows."""
        self._store, self._background = store, background
        self._known.clear()
        self.reset()

    def set_filter(self, text: str) -> None:
        self._needle = text.strip()
        self.reset()

    def reset(self) -> None:
        """Read the list again (documents came, went or were renamed): the count now, rows on demand."""
        self.beginResetModel()
        self._generation += 1
        self._pages.clear()
        try:
            self._rows = self._store.document_count(self._needle) if self._store is not None else 0
        except TestimoniaError:
            self._rows = 0  # the window says why when it reads the project next
        self.endResetModel()

    def _page(self, number: int) -> list[DocumentInfo]:
        rows = self._pages.get(number)
        if rows is None:
            rows = []
            store, later = self._store, self._counts and self._background is not None
            if store is not None:
                try:
                    rows = store.document_page(number * self.PAGE, self.PAGE, self._needle,
                                               counts=self._counts and not later)
                except TestimoniaError:
                    rows = []
            if later:
                rows = [replace(d, counts=self._known.get(d.uuid, {})) for d in rows]
            self._pages[number] = rows
            while len(self._pages) > self.KEEP_PAGES:
                self._pages.popitem(last=False)
            if later and store is not None and rows:
                self._count_later(store, number, [d.uuid for d in rows])
        else:
            self._pages.move_to_end(number)
        return rows

    def _count_later(self, store: Store, number: int, uuids: list[str]) -> None:
        generation = self._generation
        assert self._background is not None
        self._reading = True  # a synchronous runner answers at once: no dataChanged from inside data()
        try:
            self._background(lambda: store.document_counts(uuids),
                             lambda counts: self._counted(generation, number, counts),  # type: ignore[arg-type]
                             lambda _error: None)  # the window says what is wrong when it reads the project next
        finally:
            self._reading = False

    def _counted(self, generation: int, number: int, counts: dict[str, dict[str, int]]) -> None:
        rows = self._pages.get(number)
        if generation != self._generation or rows is None:
            return  # the list was read again meanwhile, or the page left the cache
        if len(self._known) > self.KEEP_COUNTS:
            self._known.clear()
        for i, d in enumerate(rows):
            fresh = counts.get(d.uuid, {})
            self._known[d.uuid] = fresh
            if fresh != d.counts:
                rows[i] = replace(d, counts=fresh)
        if not self._reading and rows:
            first = number * self.PAGE
            self.dataChanged.emit(self.index(first, FIRST_COUNT), self.index(first + len(rows) - 1, len(HEADERS) - 1))

    def _doc(self, row: int) -> DocumentInfo | None:
        rows = self._page(row // self.PAGE)
        i = row % self.PAGE
        return rows[i] if i < len(rows) else None

    def row_of(self, uuid: str) -> int:
        if self._store is None:
            return -1
        for number, rows in self._pages.items():
            for i, d in enumerate(rows):
                if d.uuid == uuid:
                    return number * self.PAGE + i
        try:
            row = self._store.document_position(uuid, self._needle)
        except TestimoniaError:
            return -1
        found = self._doc(row) if 0 <= row < self._rows else None
        if row >= 0 and (found is None or found.uuid != uuid):
            # The project changed since the list was read (a change that did not say so): read it again.
            self.reset()
            found = self._doc(row) if 0 <= row < self._rows else None
            if found is None or found.uuid != uuid:
                return -1
        return row

    def info(self, uuid: str) -> DocumentInfo | None:
        row = self.row_of(uuid)
        found = self._doc(row) if row >= 0 else None
        return found if found is not None and found.uuid == uuid else None

    def uuid_at(self, row: int) -> str | None:
        doc = self._doc(row) if 0 <= row < self._rows else None
        return doc.uuid if doc else None

    def set_counts(self, uuid: str, counts: dict[str, int]) -> None:
        """One document's annotation counts changed (an edit): that row alone is updated."""
        for number, rows in self._pages.items():
            for i, d in enumerate(rows):
                if d.uuid == uuid:
                    self._known[uuid] = counts
                    rows[i] = replace(d, counts=counts)
                    row = number * self.PAGE + i
                    self.dataChanged.emit(self.index(row, FIRST_COUNT), self.index(row, len(HEADERS) - 1))
                    return

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return translate("DocumentsModel", HEADERS[section])
        if role == Qt.ItemDataRole.ToolTipRole:
            return translate("DocumentsModel", TIPS[section]) if TIPS[section] else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        d = self._doc(index.row())
        if d is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return str(d.title)
            if col == TYPE_COLUMN:
                return source_type(d.kind)
            n = d.counts.get(COUNT_COLUMNS[col - FIRST_COUNT], 0)
            return format_count(n) if n else ""
        if role == Qt.ItemDataRole.ToolTipRole and col == 0:
            pages = arg(self.tr("%1, %2"), d.kind, self.tr("%Ln page(s)", "", d.pages)) if d.pages else d.kind
            return plain_tooltip(d.title + "\n" + arg(self.tr("%1 (%2), imported by %3 on %4"), d.source_name, pages,
                                                     d.imported_by, format_datetime(d.created)))
        if role == Qt.ItemDataRole.ToolTipRole and col == TYPE_COLUMN:
            return plain_tooltip(d.source_name)
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= FIRST_COUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == UUID_ROLE:
            return d.uuid
        return None


class DocumentsPanel(QWidget):
    document_chosen = Signal(str)
    rename_requested = Signal(str)  # F2 or the context menu on a document
    remove_requested = Signal(str)  # Delete or the context menu on a document

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = DocumentsModel(self)
        self.filter = QLineEdit(placeholderText=self.tr("Filter documents"), objectName="documentFilter")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter_changed)
        self.view = QTreeView(objectName="documentList")
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Widths from the font, never from the contents: sizing to contents asks every row for its
        # text, which on a large project means reading the whole list.
        metrics = self.view.fontMetrics()
        type_width = max(metrics.horizontalAdvance(t) for t in (*SOURCE_TYPES.values(), source_type("paste")))
        for col in range(1, len(HEADERS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            sample = "DOCX" if col == TYPE_COLUMN else "9,999"
            head = header.fontMetrics().horizontalAdvance(self.model.headerData(col, Qt.Orientation.Horizontal))
            width = type_width if col == TYPE_COLUMN else metrics.horizontalAdvance(sample)
            header.resizeSection(col, max(width, head, metrics.horizontalAdvance(sample)) + 14)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.rename_action = QAction(self.tr("&Rename…"), self)
        self.rename_action.setShortcut(QKeySequence(Qt.Key.Key_F2))
        self.rename_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.rename_action.triggered.connect(lambda *_: self._rename(self.view.currentIndex()))
        self.view.addAction(self.rename_action)
        self.remove_action = QAction(self.tr("Re&move document"), self)
        self.remove_action.setShortcuts(QKeySequence.StandardKey.Delete)
        # Only where the list has focus: Delete elsewhere deletes the selected annotation.
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.remove_action.triggered.connect(lambda *_: self._remove(self.view.currentIndex()))
        self.view.addAction(self.remove_action)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.filter)
        lay.addWidget(self.view)

    def set_store(self, store: Store | None, background: Background | None = None) -> None:
        self.model.set_store(store, background)

    def reload(self, current: str | None = None) -> None:
        """Read the list again, keeping `current` selected."""
        self.model.reset()
        if current:
            self.select(current)

    def _filter_changed(self, text: str) -> None:
        current = self.view.currentIndex().data(UUID_ROLE)
        self.model.set_filter(text)
        if current:
            self.select(str(current))

    def select(self, uuid: str) -> None:
        row = self.model.row_of(uuid)
        if row < 0:
            return
        index = self.model.index(row, 0)
        if index.isValid():
            self.view.selectionModel().blockSignals(True)
            self.view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.view.selectionModel().blockSignals(False)
            self.view.scrollTo(index)
            self.view.viewport().update()

    def _rename(self, index: QModelIndex | QPersistentModelIndex) -> None:
        uuid = index.data(UUID_ROLE) if index.isValid() else None
        if uuid:
            self.rename_requested.emit(str(uuid))

    def _remove(self, index: QModelIndex | QPersistentModelIndex) -> None:
        uuid = index.data(UUID_ROLE) if index.isValid() else None
        if uuid:
            self.remove_requested.emit(str(uuid))

    def _context_menu(self, pos: QPoint) -> None:
        index = QPersistentModelIndex(self.view.indexAt(pos))
        if not index.isValid():
            return
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(self.tr("&Rename…"), lambda: self._rename(index))
        menu.addAction(self.tr("Re&move document"), lambda: self._remove(index))
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        uuid = current.data(UUID_ROLE) if current.isValid() else None
        if uuid:
            self.document_chosen.emit(str(uuid))
