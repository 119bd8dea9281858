"""View > Evidence table: every annotation in the project, sortable and filterable.

The model holds AnnotationViews and answers only DisplayRole/ToolTipRole strings (plain text);
sorting uses a separate key role so page numbers and dates sort as numbers, not text. "Export
view to CSV…" writes the proxy's rows in the order shown, so the file is exactly what is on screen.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from testimonia.core import labels as core_labels
from testimonia.core.errors import TestimoniaError
from testimonia.core.interop.atomic import write_file
from testimonia.core.interop.tabular import neutralise
from testimonia.core.views import AnnotationView

from .core_text import fields_line
from .i18n import arg, format_count, format_datetime, translate

if TYPE_CHECKING:
    from .main_window import MainWindow

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("document", "page", "label", "text", "fields", "note", "author", "modified", "status")


def _fields_text(view: AnnotationView) -> str:
    return fields_line(view.kind, view.fields)  # display names and words, never the stored keys


class EvidenceModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[AnnotationView] = []
        self.label_names: dict[str, str] = {}

    def titles(self) -> list[str]:
        return [self.tr("Document"), self.tr("Page"), self.tr("Label"), self.tr("Text"), self.tr("Fields"),
                self.tr("Note"), self.tr("Author"), self.tr("Modified"), self.tr("Status")]

    def set_rows(self, rows: list[AnnotationView], label_names: dict[str, str]) -> None:
        self.beginResetModel()
        self.rows, self.label_names = rows, label_names
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.titles()[section]
        return None

    def text(self, row: int, col: int) -> str:
        v = self.rows[row]
        name = COLUMNS[col]
        if name == "document":
            return v.document_title
        if name == "page":
            return format_count(v.page) if v.page is not None else ""
        if name == "label":
            return self.label_names.get(v.label_uuid, v.label)
        if name == "text":
            return v.exact
        if name == "fields":
            return _fields_text(v)
        if name == "note":
            return v.note
        if name == "author":
            return v.author
        if name == "modified":
            return format_datetime(v.modified)
        flags = [(self.tr("conflict"), v.conflict), (self.tr("orphaned"), v.orphaned)]
        return ", ".join(s for s, on in flags if on)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            text = self.text(row, col)
            return " ".join(text.split()) if COLUMNS[col] in ("text", "note") else text  # one line per row
        if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[col] in ("text", "note", "fields"):
            return None  # tooltips would be rich-text-guessed; the full text is in the editor and the copy
        if role == SORT_ROLE:
            v = self.rows[row]
            name = COLUMNS[col]
            if name == "page":
                return (v.page or 0, v.start)
            if name == "modified":
                return v.modified_hlc
            if name == "document":
                return (v.document_title.casefold(), v.document_uuid, v.start)
            return self.text(row, col).casefold()
        return None


class EvidenceFilter(QSortFilterProxyModel):
    def __init__(self) -> None:
        super().__init__()
        self.kind = self.author = self.document = self.text = ""
        self.setSortRole(SORT_ROLE)

    def set_filter(self, *, kind: str | None = None, author: str | None = None, document: str | None = None,
                   text: str | None = None) -> None:
        self.beginFilterChange()
        for name, value in (("kind", kind), ("author", author), ("document", document), ("text", text)):
            if value is not None:
                setattr(self, name, value)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, EvidenceModel)
        v = model.rows[source_row]
        if self.kind and v.kind != self.kind:
            return False
        if self.author and self.author not in (v.author_uuid, v.creator_uuid):
            return False
        if self.document and v.document_uuid != self.document:
            return False
        if self.text:
            needle = self.text.casefold()
            hay = (v.exact, v.note, _fields_text(v), v.document_title)
            return any(needle in h.casefold() for h in hay)
        return True

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)


class EvidenceTable(QWidget):
    def __init__(self, win: MainWindow) -> None:
        super().__init__()
        self.setObjectName("evidenceTable")
        self.win = win
        self.model = EvidenceModel()
        self.proxy = EvidenceFilter()
        self.proxy.setSourceModel(self.model)
        self.view = QTableView(objectName="evidenceView")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((160, 50, 90, 320, 160, 200, 100, 130, 70)):
            self.view.setColumnWidth(col, width)
        self.view.doubleClicked.connect(self.open_row)
        copy = QAction(self.tr("Copy rows"), self.view)
        copy.setShortcuts(QKeySequence.StandardKey.Copy)
        copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        copy.triggered.connect(lambda *_: self.copy_selected())
        self.view.addAction(copy)

        self.kind = QComboBox(objectName="evidenceKind")
        self.kind.addItem(self.tr("All kinds"), "")
        for b in core_labels.BUILTINS:
            self.kind.addItem(translate("Label", b.name), b.kind)
        self.kind.addItem(self.tr("Custom labels"), core_labels.CUSTOM)
        self.author = QComboBox(objectName="evidenceAuthor")
        self.document = QComboBox(objectName="evidenceDocument")
        self.search = QLineEdit(objectName="evidenceSearch", placeholderText=self.tr("Filter by text…"))
        self.search.setClearButtonEnabled(True)
        self.kind.currentIndexChanged.connect(lambda *_: self.proxy.set_filter(kind=self.kind.currentData() or ""))
        self.author.currentIndexChanged.connect(
            lambda *_: self.proxy.set_filter(author=self.author.currentData() or ""))
        self.document.currentIndexChanged.connect(
            lambda *_: self.proxy.set_filter(document=self.document.currentData() or ""))
        self.search.textChanged.connect(lambda t: self.proxy.set_filter(text=t.strip()))
        self.export_button = QPushButton(self.tr("Export view to CSV…"), objectName="evidenceExport")
        self.export_button.clicked.connect(lambda *_: self.export_csv())
        bar = QHBoxLayout()
        for w in (self.kind, self.author, self.document):
            bar.addWidget(w)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.export_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(bar)
        lay.addWidget(self.view)
        self._refresh_timer = QTimer(self, singleShot=True, interval=300)
        self._refresh_timer.timeout.connect(self.refresh)

    def schedule_refresh(self) -> None:
        self._refresh_timer.start()

    def refresh(self) -> None:
        session = self.win.session
        if session is None:
            self.model.set_rows([], {})
            return
        try:
            rows = session.store.annotations()
            authors = session.store.authors()
            documents = session.store.documents()
        except TestimoniaError as exc:
            self.win.show_status(str(exc))
            return
        self.model.set_rows(rows, {lb.uuid: lb.name for lb in self.win.all_labels})
        self._choices(self.author, self.tr("All authors"), sorted(authors.items(), key=lambda kv: kv[1].casefold()))
        self._choices(self.document, self.tr("All documents"), [(d.uuid, d.title) for d in documents])

    @staticmethod
    def _choices(combo: QComboBox, everything: str, items: list[tuple[str, str]]) -> None:
        keep = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, "")
        for uuid, name in items:
            combo.addItem(name, uuid)
        combo.setCurrentIndex(max(0, combo.findData(keep)))
        combo.blockSignals(False)

    # -- rows --------------------------------------------------------------------------------
    def visible_rows(self) -> list[int]:
        return [self.proxy.mapToSource(self.proxy.index(r, 0)).row() for r in range(self.proxy.rowCount())]

    def annotation_at(self, proxy_row: int) -> AnnotationView:
        return self.model.rows[self.proxy.mapToSource(self.proxy.index(proxy_row, 0)).row()]

    def open_row(self, index: QModelIndex) -> None:
        from .conflicts_view import reveal

        reveal(self.win, self.annotation_at(index.row()))

    def copy_selected(self) -> str:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        lines = []
        for r in rows:
            source = self.proxy.mapToSource(self.proxy.index(r, 0)).row()
            # Tabs and line breaks inside a quote would split the cell when pasted into a sheet.
            cells = [" ".join(self.model.text(source, c).split()) for c in range(len(COLUMNS))]
            lines.append("\t".join(cells))
        text = "\n".join(lines)
        if text:
            QGuiApplication.clipboard().setText(text)
        return text

    def export_csv(self, path: Path | None = None) -> Path | None:
        if path is None:
            name, _ = QFileDialog.getSaveFileName(self, self.tr("Export view to CSV"), "evidence.csv",
                                                  self.tr("CSV files (*.csv)"))
            if not name:
                return None
            path = Path(name)
        header = [*self.model.titles(), self.tr("Annotation ID"), self.tr("Document ID")]
        body = []
        for source in self.visible_rows():
            v = self.model.rows[source]
            body.append([self.model.text(source, c) for c in range(len(COLUMNS))] + [v.uuid, v.document_uuid])

        def write(fh: BinaryIO) -> None:
            out = io.StringIO(newline="")
            w = csv.writer(out, lineterminator="\r\n")
            for row in [header, *body]:
                w.writerow([neutralise(c) for c in row])  # a quote like "=HYPERLINK(…)" must stay text
            fh.write(out.getvalue().encode("utf-8-sig"))  # the BOM makes Excel read UTF-8

        try:
            write_file(path, write)
        except (OSError, TestimoniaError) as exc:
            self.win.show_message(self.tr("Export view to CSV"), arg(self.tr("Could not write %1: %2"),
                                                                   str(path), str(exc)))
            return None
        self.win.show_status(arg(self.tr("Wrote %1 rows to %2"), format_count(len(body)), str(path)))
        return path
