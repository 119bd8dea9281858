"""View > Evidence table: every annotation in the project, sortable and filterable.

The model holds no rows of its own: it walks the project in the order shown, a page at a time, as
the view scrolls (canFetchMore/fetchMore, core/evidence_rows.py), and keeps only each row's
annotation rowid plus the text of the pages on screen. Sorting and filtering are SQL, so opening
and scrolling a table of a million rows costs the rows shown. "Export view to CSV…" walks the same
query again to the end, in the order shown, so the file is exactly what the table holds.
"""

from __future__ import annotations

import csv
import io
import time
from array import array
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
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
from testimonia.core.evidence_rows import (
    FULL_SORT_LIMIT,
    FULL_SORTS,
    DocumentNames,
    EvidenceQuery,
    EvidenceRow,
    EvidenceWalk,
)
from testimonia.core.interop.atomic import write_file
from testimonia.core.interop.tabular import neutralise
from testimonia.core.views import AnnotationView

from .core_text import fields_line
from .documents_panel import UUID_ROLE, DocumentsModel
from .evidence_filters import (
    RegisterChoices,
    date_edit,
    date_range,
    entity_combo,
    fill_choices,
    fill_register,
    grade_combo,
    incident_combo,
    register_choices,
    source_type_combo,
)
from .i18n import arg, format_count, format_datetime, translate
from .plain import show_message

if TYPE_CHECKING:
    from testimonia.core.store import Store

    from .session import Session

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("document", "page", "label", "text", "fields", "note", "author", "modified", "status")
SORT_OF = {"document": "document", "page": "document", "label": "label", "text": "text", "fields": "fields",
           "note": "note", "author": "author", "modified": "modified", "status": "status"}
FETCH_ROWS = 128  # rows a fetchMore adds at least, unless the walk ends
FIRST_ROWS = 48  # the first fetch after a new query: a screenful, so the first paint reads little
FETCH_BUDGET_S = 0.03  # and at most about this long on the GUI thread
PAGE_ROWS = 128
KEEP_PAGES = 24


def _fields_text(row: EvidenceRow) -> str:
    return fields_line(row.kind, row.fields)  # display names and words, never the stored keys


class EvidenceModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.store: Store | None = None
        self.query = EvidenceQuery()
        self.label_names: dict[str, str] = {}
        self._groups: tuple[list[str], list[str]] = ([], [])
        self._walk: EvidenceWalk | None = None
        self._ids = array("q")
        self._pages: OrderedDict[int, dict[int, EvidenceRow]] = OrderedDict()
        self._names: DocumentNames | None = None
        self.refuse_sort: Callable[[str], bool] | None = None  # True: this order is not offered now

    def titles(self) -> list[str]:
        return [self.tr("Document"), self.tr("Page"), self.tr("Label"), self.tr("Text"), self.tr("Fields"),
                self.tr("Note"), self.tr("Author"), self.tr("Modified"), self.tr("Status")]

    def configure(self, store: Store | None, label_names: dict[str, str], labels: list[str], authors: list[str]
                  ) -> None:
        """The project, label display names, and labels and authors in the order their names sort."""
        self.store, self.label_names, self._groups = store, label_names, (labels, authors)
        self._names = DocumentNames(store.path) if store is not None else None

    def set_query(self, query: EvidenceQuery) -> None:
        """Start over with this order and these filters: the first rows now, the rest on scrolling."""
        self.beginResetModel()
        self.query = query
        self._ids = array("q")
        self._pages.clear()
        self._walk = EvidenceWalk(query, *self._groups, fields_line, self._names) if self.store is not None else None
        self.endResetModel()
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    # -- Qt's incremental fetching -----------------------------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._walk is not None and not self._walk.done

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._walk is None or self.store is None:
            return
        found: list[int] = []
        deadline = time.perf_counter() + FETCH_BUDGET_S
        try:
            want = min(FIRST_ROWS, FETCH_ROWS) if not self._ids else FETCH_ROWS
            while not self._walk.done and len(found) < want:
                found += self.store.evidence_step(self._walk)
                if time.perf_counter() > deadline and found:
                    break
        except TestimoniaError:
            self._walk.done = True
        if found:
            first = len(self._ids)
            self.beginInsertRows(QModelIndex(), first, first + len(found) - 1)
            self._ids.extend(found)
            self.endInsertRows()

    def fetch_all(self) -> None:
        while self.canFetchMore():
            self.fetchMore()

    # -- rows ------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def row(self, row: int) -> EvidenceRow | None:
        number = row // PAGE_ROWS
        page = self._pages.get(number)
        if page is None:
            ids = list(self._ids[number * PAGE_ROWS:(number + 1) * PAGE_ROWS])
            page = {}
            if self.store is not None and self._names is not None and ids:
                try:
                    page = self.store.evidence_rows(ids, self._names)
                except TestimoniaError:
                    page = {}
            self._pages[number] = page
            while len(self._pages) > KEEP_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page.get(self._ids[row]) if 0 <= row < len(self._ids) else None

    def row_of(self, rowid: int) -> int:
        try:
            return self._ids.index(rowid)
        except ValueError:
            return -1

    def refresh_row(self, rowid: int) -> bool:
        """One annotation changed: its row (if loaded) is read again. False when it is not loaded."""
        row = self.row_of(rowid)
        if row < 0:
            return False
        self._pages.pop(row // PAGE_ROWS, None)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.titles()[section]
        return None

    def text(self, row: int, col: int) -> str:
        v = self.row(row)
        return self.text_of(v, col) if v is not None else ""

    def text_of(self, v: EvidenceRow, col: int) -> str:
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
            from testimonia.core.hlc import to_iso

            return format_datetime(to_iso(v.modified_hlc))
        flags = [(self.tr("conflict"), v.conflict), (self.tr("orphaned"), v.orphaned)]
        return ", ".join(s for s, on in flags if on)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None  # no tooltips: they would be rich-text-guessed; the full text is in the editor and the copy
        text = self.text(index.row(), index.column())
        return " ".join(text.split()) if COLUMNS[index.column()] in ("text", "note") else text  # one line per row

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        from dataclasses import replace

        sort = SORT_OF[COLUMNS[column]]
        descending = order == Qt.SortOrder.DescendingOrder
        if self._walk is not None and (sort, descending) == (self.query.sort, self.query.descending):
            return  # QTableView.sortByColumn asks twice (the header's signal, then directly)
        if self.refuse_sort is not None and self.refuse_sort(sort):
            return
        self.set_query(replace(self.query, sort=sort, descending=descending))


class DocumentChoices(QAbstractTableModel):
    """The document filter's choices: "All documents", then the documents list, read as shown."""

    def __init__(self, everything: str) -> None:
        super().__init__()
        self.everything = everything
        self.documents = DocumentsModel(self, counts=False)  # titles only: no counts are shown here

    def set_store(self, store: Store | None) -> None:
        self.beginResetModel()
        self.documents.set_store(store)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + self.documents.rowCount()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        uuid_roles = (Qt.ItemDataRole.UserRole, UUID_ROLE)  # UserRole: what QComboBox.currentData() asks
        if index.row() == 0:
            return self.everything if role == Qt.ItemDataRole.DisplayRole else "" if role in uuid_roles else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.documents.index(index.row() - 1, 0).data(role)
        if role in uuid_roles:
            return self.documents.index(index.row() - 1, 0).data(UUID_ROLE)
        return None


class EvidenceTable(QWidget):
    """The project's current annotations as one table; it knows the open project only through its
    Session (set_session): rows and counts from the Store, labels as shown and status lines through
    the Session; opening a row is a request (`reveal_requested`) the window answers."""

    reveal_requested = Signal(object)  # AnnotationView: show it in the reader

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("evidenceTable")
        self.session: Session | None = None
        self.model = EvidenceModel()
        self.view = QTableView(objectName="evidenceView")
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)  # the model sorts, in SQL (EvidenceModel.sort)
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.model.refuse_sort = self._refuse_sort
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 6)
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
        self.documents = DocumentChoices(self.tr("All documents"))
        self.document.setModel(self.documents)
        # A combo sized to its contents would ask every document for its title.
        self.document.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.document.setMinimumContentsLength(18)
        self.search = QLineEdit(objectName="evidenceSearch", placeholderText=self.tr("Filter by text…"))
        self.search.setClearButtonEnabled(True)
        for combo in (self.kind, self.author, self.document):
            combo.currentIndexChanged.connect(lambda *_: self._requery())
        self._search_timer = QTimer(self, singleShot=True, interval=250)  # a query per pause, not per key
        self._search_timer.timeout.connect(self._requery)
        self.search.textChanged.connect(lambda *_: self._search_timer.start())
        # The evidence register's filters: linked to an incident or an entity, source type, grade, date.
        self.incident = incident_combo("evidenceIncident")
        self.entity = entity_combo("evidenceEntity")
        self.source_type = source_type_combo("evidenceSourceType")
        self.grade = grade_combo("evidenceGrade")
        for combo in (self.incident, self.entity, self.source_type, self.grade):
            combo.currentIndexChanged.connect(lambda *_: self._requery())
        self.date_from = date_edit("evidenceDateFrom", self.tr("From date (2023)"))
        self.date_to = date_edit("evidenceDateTo", self.tr("To date (2023-08)"))
        for edit in (self.date_from, self.date_to):
            edit.textChanged.connect(lambda *_: self._search_timer.start())
        self.export_button = QPushButton(self.tr("Export view to CSV…"), objectName="evidenceExport")
        self.export_button.clicked.connect(lambda *_: self.export_csv())
        bar = QHBoxLayout()
        for w in (self.kind, self.author, self.document):
            bar.addWidget(w)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.export_button)
        register_bar = QHBoxLayout()
        for w in (self.incident, self.entity, self.source_type, self.grade, self.date_from, self.date_to):
            register_bar.addWidget(w)
        register_bar.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(bar)
        lay.addLayout(register_bar)
        lay.addWidget(self.view)
        self._refresh_timer = QTimer(self, singleShot=True, interval=300)
        self._refresh_timer.timeout.connect(self.refresh)
        self._choices_of: Session | None = None  # the session the document choices were read from
        self._groups: dict[str, list[str]] = {}  # register entry -> the entries merged into it
        self._dates = ("", "")  # the date filter last typed as dates (from, to)

    def set_session(self, session: Session | None) -> None:
        """The project shown from now on (None: none); the table reads it again when next refreshed."""
        self.session = session

    def _status(self, text: str) -> None:
        if self.session is not None:
            self.session.status.emit(text)

    def schedule_refresh(self) -> None:
        self._refresh_timer.start()

    def annotation_changed(self, view: AnnotationView) -> None:
        """An edit of a row already shown updates that row alone; anything else reads the table again."""
        store = self.model.store
        rowid = store.annotation_rowid(view.uuid) if store is not None and not view.deleted else None
        if rowid is None or not self.model.refresh_row(rowid):
            self.schedule_refresh()

    def refresh(self) -> None:
        session = self.session
        if session is None or session.closed:
            self.model.configure(None, {}, [], [])
            self.model.set_query(EvidenceQuery())
            return
        try:
            authors = session.store.authors()
        except TestimoniaError as exc:
            self._status(str(exc))
            return
        names = {lb.uuid: lb.name for lb in session.shown_labels}
        by_name = sorted(session.shown_labels, key=lambda lb: (lb.name.casefold(), lb.uuid))
        people = sorted(authors.items(), key=lambda kv: (kv[1].casefold(), kv[0]))
        self.model.configure(session.store, names, [lb.uuid for lb in by_name], [uuid for uuid, _n in people])
        fill_choices(self.author, self.tr("All authors"), people)
        try:
            choices = register_choices(session.store)
        except TestimoniaError as exc:
            self._status(str(exc))
            choices = RegisterChoices()
        self._groups = choices.groups
        fill_register(self.incident, self.entity, choices)
        if session is not self._choices_of:
            self._choices_of = session
            self.document.blockSignals(True)
            self.documents.set_store(session.store)
            self.document.setCurrentIndex(0)
            self.document.blockSignals(False)
        self._requery()

    def _query(self) -> EvidenceQuery:
        header = self.view.horizontalHeader()
        column = header.sortIndicatorSection()
        return EvidenceQuery(
            sort=SORT_OF[COLUMNS[column]] if 0 <= column < len(COLUMNS) else "document",
            descending=header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder,
            kind=self.kind.currentData() or "", author=self.author.currentData() or "",
            document=str(self.document.currentData() or ""), text=self.search.text().strip(),
            linked=self._linked(), source_type=self.source_type.currentData() or "",
            max_grade=int(self.grade.currentData() or 0), date_from=self._dates[0], date_to=self._dates[1])

    def _linked(self) -> tuple[tuple[str, ...], ...]:
        incident, entity = self.incident.currentData() or "", self.entity.currentData() or ""
        groups: list[tuple[str, ...]] = []
        if incident:
            groups.append((incident,))
        if entity:
            groups.append(tuple(dict.fromkeys([entity, *self._groups.get(entity, [])])))
        return tuple(groups)

    def _requery(self) -> None:
        low, high, problem, _wrong = date_range(self.date_from, self.date_to)
        if problem:
            self._status(problem)  # the rows stay as they were until the dates read as dates
        else:
            self._dates = (low, high)
        self.model.set_query(self._query())

    def _refuse_sort(self, sort: str) -> bool:
        totals = self.session.totals if self.session is not None else None
        if sort not in FULL_SORTS or self.model.query.document or (
                totals is not None and totals["annotations"] <= FULL_SORT_LIMIT):
            return False
        # No index orders these columns; sorting them means reading every annotation first.
        self._status(arg(self.tr("Sorting by this column needs a document chosen in a project of more "
                                         "than %1 annotations"), format_count(FULL_SORT_LIMIT)))
        QTimer.singleShot(0, self._show_sort)
        return True

    def _show_sort(self) -> None:
        """Put the header's sort mark back on the order the rows are in."""
        query = self.model.query
        column = next((i for i, c in enumerate(COLUMNS) if SORT_OF[c] == query.sort), 0)
        header = self.view.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(column, Qt.SortOrder.DescendingOrder if query.descending
                                else Qt.SortOrder.AscendingOrder)
        header.blockSignals(False)

    # -- rows --------------------------------------------------------------------------------
    def annotation_at(self, row: int) -> AnnotationView:
        found = self.model.row(row)
        if found is None or self.model.store is None:
            raise IndexError(row)
        return self.model.store.annotation(found.uuid)

    def open_row(self, index: QModelIndex) -> None:
        try:
            view = self.annotation_at(index.row())
        except (IndexError, TestimoniaError):
            return
        self.reveal_requested.emit(view)

    def copy_selected(self) -> str:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        lines = []
        for r in rows:
            # Tabs and line breaks inside a quote would split the cell when pasted into a sheet.
            cells = [" ".join(self.model.text(r, c).split()) for c in range(len(COLUMNS))]
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
        store = self.model.store
        if store is None:
            return None
        header = [*self.model.titles(), self.tr("Annotation ID"), self.tr("Document ID")]
        query, groups = self.model.query, self.model._groups
        written = 0

        def write(fh: BinaryIO) -> None:
            # The same walk as the table's, to its end, a step at a time: memory follows one step.
            nonlocal written
            names = DocumentNames(store.path)
            walk = EvidenceWalk(query, *groups, fields_line, names)
            fh.write("\ufeff".encode())  # the BOM makes Excel read UTF-8
            self._write_rows(fh, [header])
            while not walk.done:
                ids = store.evidence_step(walk)
                rows = store.evidence_rows(ids, names) if ids else {}
                body = [[self.model.text_of(v, c) for c in range(len(COLUMNS))] + [v.uuid, v.document_uuid]
                        for v in (rows[i] for i in ids if i in rows)]
                self._write_rows(fh, body)
                written += len(body)

        try:
            write_file(path, write)
        except (OSError, TestimoniaError) as exc:
            show_message(self, self.tr("Export view to CSV"), arg(self.tr("Could not write %1: %2"),
                                                                str(path), str(exc)))
            return None
        self._status(arg(self.tr("Wrote %1 rows to %2"), format_count(written), str(path)))
        return path

    @staticmethod
    def _write_rows(fh: BinaryIO, rows: list[list[str]]) -> None:
        out = io.StringIO(newline="")
        w = csv.writer(out, lineterminator="\r\n")
        for row in rows:
            w.writerow([neutralise(c) for c in row])  # a quote like "=HYPERLINK(…)" must stay text
        fh.write(out.getvalue().encode("utf-8"))
