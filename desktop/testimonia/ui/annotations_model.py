"""The current document's annotations as a table, and the filters over it."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from testimonia.core.queries import page_of
from testimonia.core.views import AnnotationView

from .plain import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
UUID_ROLE = Qt.ItemDataRole.UserRole + 1

COLUMNS = ("Label", "Text", "Page", "Author", "")
COL_LABEL, COL_TEXT, COL_PAGE, COL_AUTHOR, COL_CONFLICT = range(5)
MAX_CELL_CHARS = 160


@dataclass(frozen=True, slots=True)
class Row:
    """What the table and the highlights need of an annotation; the editor reads the full view."""

    uuid: str
    label_uuid: str
    start: int
    end: int
    author_uuid: str
    creator_uuid: str
    heads: int = 1
    deleted: bool = False
    orphaned: bool = False

    @property
    def conflict(self) -> bool:
        return self.heads > 1

    @classmethod
    def of(cls, v: AnnotationView) -> Row:
        return cls(v.uuid, v.label_uuid, v.start, v.end, v.author_uuid, v.creator_uuid, v.heads, v.deleted,
                   v.orphaned)


def _one_line(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= MAX_CELL_CHARS else flat[: MAX_CELL_CHARS - 1] + "…"


class AnnotationsModel(QAbstractTableModel):
    """Rows in text order, built from Store.span_rows. Updates are incremental: creating one
    annotation in a document that has ten thousand must not re-read them all."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: list[Row] = []
        self._keys: list[tuple[int, int, str]] = []
        self._where: dict[str, Row] = {}
        self.text = ""
        self.page_starts: list[int] | None = None
        self.labels: dict[str, tuple[str, str]] = {}  # uuid -> (name, colour)
        self.authors: dict[str, str] = {}

    @staticmethod
    def _key(r: Row) -> tuple[int, int, str]:
        return (r.start, r.end, r.uuid)

    def reset(self, rows: list[Row], text: str = "", page_starts: list[int] | None = None) -> None:
        self.beginResetModel()
        self._rows = sorted((r for r in rows if not r.deleted or r.conflict), key=self._key)
        self._keys = [self._key(r) for r in self._rows]
        self._where = {r.uuid: r for r in self._rows}
        self.text, self.page_starts = text, page_starts
        self.endResetModel()

    def set_names(self, labels: dict[str, tuple[str, str]], authors: dict[str, str]) -> None:
        self.labels, self.authors = dict(labels), dict(authors)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1))

    def row_of(self, uuid: str) -> int:
        r = self._where.get(uuid)
        if r is None:
            return -1
        return bisect_left(self._keys, self._key(r))

    def row(self, i: int) -> Row:
        return self._rows[i]

    def rows(self) -> list[Row]:
        return list(self._rows)

    def upsert(self, view: AnnotationView | Row) -> None:
        row = view if isinstance(view, Row) else Row.of(view)
        old = self.row_of(row.uuid)
        if old >= 0:
            self.beginRemoveRows(QModelIndex(), old, old)
            del self._rows[old], self._keys[old]
            del self._where[row.uuid]
            self.endRemoveRows()
        if row.deleted and not row.conflict:
            return
        key = self._key(row)
        i = bisect_left(self._keys, key)
        self.beginInsertRows(QModelIndex(), i, i)
        self._rows.insert(i, row)
        self._keys.insert(i, key)
        self._where[row.uuid] = row
        self.endInsertRows()

    # -- Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section]
            if role == Qt.ItemDataRole.ToolTipRole and section == COL_CONFLICT:
                return "Conflict: edits from different people disagree"
        return None

    def _quote(self, r: Row, limit: int) -> str:
        # The stored text is what the span covers; slicing it saves reading 10,000 quotes from disk.
        return self.text[r.start:min(r.end, r.start + limit)]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_LABEL:
                return self.labels.get(r.label_uuid, ("?", ""))[0]
            if col == COL_TEXT:
                return _one_line(self._quote(r, MAX_CELL_CHARS * 2))
            if col == COL_PAGE:
                page = page_of(self.page_starts, r.start)
                return "" if page is None else str(page)
            if col == COL_AUTHOR:
                return self.authors.get(r.author_uuid, r.author_uuid[:8])
            if col == COL_CONFLICT:
                return "⚠" if r.conflict else ("?" if r.orphaned else "")
        elif role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_TEXT:
                return plain_tooltip(self._quote(r, 2000))
            if col == COL_CONFLICT and r.conflict:
                return f"{r.heads} versions disagree"
            if col == COL_CONFLICT and r.orphaned:
                return "Orphaned: the text no longer matches this span"
        elif role == Qt.ItemDataRole.DecorationRole and col == COL_LABEL:
            return QColor(self.labels.get(r.label_uuid, ("", "#999999"))[1])
        elif role == UUID_ROLE:
            return r.uuid
        return None


class AnnotationFilter(QSortFilterProxyModel):
    """Filters by label, author and conflict state; empty values mean "any"."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.label_uuid = ""
        self.author_uuid = ""
        self.conflicts_only = False

    def set_filters(self, *, label_uuid: str | None = None, author_uuid: str | None = None,
                    conflicts_only: bool | None = None) -> None:
        modern = hasattr(self, "endFilterChange")  # Qt 6.10+; invalidateFilter is deprecated there
        if modern:
            self.beginFilterChange()
        if label_uuid is not None:
            self.label_uuid = label_uuid
        if author_uuid is not None:
            self.author_uuid = author_uuid
        if conflicts_only is not None:
            self.conflicts_only = conflicts_only
        if modern:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, AnnotationsModel)
        v = model.row(row)
        if self.label_uuid and v.label_uuid != self.label_uuid:
            return False
        if self.author_uuid and self.author_uuid not in (v.author_uuid, v.creator_uuid):
            return False
        return not (self.conflicts_only and not v.conflict)
