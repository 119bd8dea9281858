"""Left dock: the project's documents with their annotation counts, and a filter box."""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QMenu, QTreeView, QVBoxLayout, QWidget

from testimonia.core.labels import CUSTOM, KINDS
from testimonia.core.views import DocumentInfo

from .i18n import arg, format_count, format_datetime, translate
from .plain import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
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
    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._docs: list[DocumentInfo] = []

    def reset(self, docs: list[DocumentInfo]) -> None:
        if [d.uuid for d in docs] == [d.uuid for d in self._docs]:
            # Same documents: update in place so the selection and scroll position stay put.
            self._docs = list(docs)
            if docs:
                self.dataChanged.emit(self.index(0, 0), self.index(len(docs) - 1, len(HEADERS) - 1))
            return
        self.beginResetModel()
        self._docs = list(docs)
        self.endResetModel()

    def row_of(self, uuid: str) -> int:
        return next((i for i, d in enumerate(self._docs) if d.uuid == uuid), -1)

    def info(self, uuid: str) -> DocumentInfo | None:
        row = self.row_of(uuid)
        return self._docs[row] if row >= 0 else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._docs)

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
        d = self._docs[index.row()]
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
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(0)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit(placeholderText=self.tr("Filter documents"), objectName="documentFilter")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = QTreeView(objectName="documentList")
        self.view.setModel(self.proxy)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, len(HEADERS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
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

    def set_documents(self, docs: list[DocumentInfo]) -> None:
        self.model.reset(docs)

    def select(self, uuid: str) -> None:
        row = self.model.row_of(uuid)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
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
