"""The current document's annotations as a table, with its filters.

Filtering happens in the model rather than in a QSortFilterProxyModel: a proxy calls back into
Python once per row on every reset and filter change, which with 10,000 annotations took longer
than showing the document.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import pairwise
from operator import itemgetter
from typing import NamedTuple

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from testimonia.core.queries import page_of
from testimonia.core.views import AnnotationView

from .i18n import arg, format_count, translate
from .plain import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
UUID_ROLE = Qt.ItemDataRole.UserRole + 1

COLUMNS = (QT_TRANSLATE_NOOP("AnnotationsModel", "Label"), QT_TRANSLATE_NOOP("AnnotationsModel", "Text"),
           QT_TRANSLATE_NOOP("AnnotationsModel", "Page"), QT_TRANSLATE_NOOP("AnnotationsModel", "Author"), "")
COL_LABEL, COL_TEXT, COL_PAGE, COL_AUTHOR, COL_CONFLICT = range(5)
MAX_CELL_CHARS = 160


class Row(NamedTuple):
    """What the table and the highlights need of an annotation (Store.span_rows gives these
    fields in this order); the editor reads the full view when one is selected."""

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


_key = itemgetter(2, 3, 0)  # (start, end, uuid): text order


def _one_line(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= MAX_CELL_CHARS else flat[: MAX_CELL_CHARS - 1] + "…"


class AnnotationsModel(QAbstractTableModel):
    """Rows in text order. Updates are incremental: creating one annotation in a document that
    has ten thousand must not re-read or re-sort them all."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._all: list[Row] = []
        self._all_keys: list[tuple[int, int, str]] = []
        self._rows: list[Row] = []  # the ones the filters let through
        self._keys: list[tuple[int, int, str]] = []
        self._where: dict[str, Row] = {}
        self.text = ""
        self.page_starts: list[int] | None = None
        self.labels: dict[str, tuple[str, str]] = {}  # uuid -> (name, colour)
        self.authors: dict[str, str] = {}
        self.label_uuid = ""
        self.author_uuid = ""
        self.conflicts_only = False

    # -- content ---------------------------------------------------------------------------
    def reset(self, rows: list[Row], text: str = "", page_starts: list[int] | None = None) -> None:
        rows = [r for r in rows if not r.deleted or r.conflict]
        keys = list(map(_key, rows))
        if any(a > b for a, b in pairwise(keys)):  # rows usually arrive in text order
            rows.sort(key=_key)
            keys = list(map(_key, rows))
        self.beginResetModel()
        self._all, self._all_keys = rows, keys
        self._where = {r.uuid: r for r in rows}
        self.text, self.page_starts = text, page_starts
        self._refilter()
        self.endResetModel()

    def set_names(self, labels: dict[str, tuple[str, str]], authors: dict[str, str]) -> None:
        if (labels, authors) == (self.labels, self.authors):
            return
        self.labels, self.authors = dict(labels), dict(authors)
        if self._rows:
            self.dataChanged.emit(self.index(0, COL_LABEL), self.index(len(self._rows) - 1, COL_AUTHOR))

    def upsert(self, view: AnnotationView | Row) -> None:
        row = view if isinstance(view, Row) else Row.of(view)
        old = self._where.pop(row.uuid, None)
        if old is not None:
            i = bisect_left(self._all_keys, _key(old))
            del self._all[i], self._all_keys[i]
            i = self._visible_index(old)
            if i >= 0:
                self.beginRemoveRows(QModelIndex(), i, i)
                del self._rows[i], self._keys[i]
                self.endRemoveRows()
        if row.deleted and not row.conflict:
            return
        key = _key(row)
        i = bisect_left(self._all_keys, key)
        self._all.insert(i, row)
        self._all_keys.insert(i, key)
        self._where[row.uuid] = row
        if self._accepts(row):
            i = bisect_left(self._keys, key)
            self.beginInsertRows(QModelIndex(), i, i)
            self._rows.insert(i, row)
            self._keys.insert(i, key)
            self.endInsertRows()

    def contains(self, uuid: str | None) -> bool:
        return bool(uuid) and uuid in self._where

    def row_of(self, uuid: str) -> int:
        """The visible row of an annotation, or -1 (unknown, or hidden by a filter)."""
        r = self._where.get(uuid)
        return -1 if r is None else self._visible_index(r)

    def _visible_index(self, r: Row) -> int:
        i = bisect_left(self._keys, _key(r))
        return i if i < len(self._rows) and self._rows[i].uuid == r.uuid else -1

    def row(self, i: int) -> Row:
        return self._rows[i]

    def rows(self) -> list[Row]:
        return list(self._rows)

    # -- filters ---------------------------------------------------------------------------
    def set_filters(self, *, label_uuid: str | None = None, author_uuid: str | None = None,
                    conflicts_only: bool | None = None) -> None:
        before = (self.label_uuid, self.author_uuid, self.conflicts_only)
        if label_uuid is not None:
            self.label_uuid = label_uuid
        if author_uuid is not None:
            self.author_uuid = author_uuid
        if conflicts_only is not None:
            self.conflicts_only = conflicts_only
        if before != (self.label_uuid, self.author_uuid, self.conflicts_only):
            self.beginResetModel()
            self._refilter()
            self.endResetModel()

    def _accepts(self, r: Row) -> bool:
        if self.label_uuid and r.label_uuid != self.label_uuid:
            return False
        if self.author_uuid and self.author_uuid not in (r.author_uuid, r.creator_uuid):
            return False
        return not (self.conflicts_only and not r.conflict)

    def _refilter(self) -> None:
        if not (self.label_uuid or self.author_uuid or self.conflicts_only):
            self._rows, self._keys = list(self._all), list(self._all_keys)
            return
        picked = [i for i, r in enumerate(self._all) if self._accepts(r)]
        self._rows = [self._all[i] for i in picked]
        self._keys = [self._all_keys[i] for i in picked]

    # -- Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return translate("AnnotationsModel", COLUMNS[section]) if COLUMNS[section] else ""
            if role == Qt.ItemDataRole.ToolTipRole and section == COL_CONFLICT:
                return self.tr("Conflict: edits from different people disagree")
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
                return "" if page is None else format_count(page)
            if col == COL_AUTHOR:
                return self.authors.get(r.author_uuid, r.author_uuid[:8])
            if col == COL_CONFLICT:
                return "⚠" if r.conflict else ("?" if r.orphaned else "")
        elif role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_TEXT:
                return plain_tooltip(self._quote(r, 2000))
            if col == COL_CONFLICT and r.conflict:
                return arg(self.tr("%1 versions disagree"), format_count(r.heads))
            if col == COL_CONFLICT and r.orphaned:
                return self.tr("Orphaned: the text no longer matches this span")
        elif role == Qt.ItemDataRole.DecorationRole and col == COL_LABEL:
            return QColor(self.labels.get(r.label_uuid, ("", "#999999"))[1])
        elif role == UUID_ROLE:
            return r.uuid
        return None
