"""The current document's annotations as a table, and the filters over it."""

from __future__ import annotations

from bisect import bisect_left

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from testimonia.core.views import AnnotationView

from .plain import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
UUID_ROLE = Qt.ItemDataRole.UserRole + 1
VIEW_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS = ("Label", "Text", "Page", "Author", "")
COL_LABEL, COL_TEXT, COL_PAGE, COL_AUTHOR, COL_CONFLICT = range(5)
MAX_CELL_CHARS = 160


def _one_line(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= MAX_CELL_CHARS else flat[: MAX_CELL_CHARS - 1] + "…"


class AnnotationsModel(QAbstractTableModel):
    """Rows in text order. Updates are incremental: creating one annotation in a document that
    has ten thousand must not re-read them all."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: list[AnnotationView] = []
        self._keys: list[tuple[int, int, str]] = []
        self.colors: dict[str, str] = {}

    @staticmethod
    def _key(v: AnnotationView) -> tuple[int, int, str]:
        return (v.start, v.end, v.uuid)

    def reset(self, views: list[AnnotationView], colors: dict[str, str]) -> None:
        self.beginResetModel()
        self._rows = sorted((v for v in views if not v.deleted or v.conflict), key=self._key)
        self._keys = [self._key(v) for v in self._rows]
        self.colors = dict(colors)
        self.endResetModel()

    def set_colors(self, colors: dict[str, str]) -> None:
        self.colors = dict(colors)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))

    def row_of(self, uuid: str) -> int:
        for i, v in enumerate(self._rows):
            if v.uuid == uuid:
                return i
        return -1

    def view(self, row: int) -> AnnotationView:
        return self._rows[row]

    def views(self) -> list[AnnotationView]:
        return list(self._rows)

    def upsert(self, view: AnnotationView) -> None:
        old = self.row_of(view.uuid)
        if old >= 0:
            self.beginRemoveRows(QModelIndex(), old, old)
            del self._rows[old], self._keys[old]
            self.endRemoveRows()
        if view.deleted and not view.conflict:
            return
        key = self._key(view)
        i = bisect_left(self._keys, key)
        self.beginInsertRows(QModelIndex(), i, i)
        self._rows.insert(i, view)
        self._keys.insert(i, key)
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

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        v = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_LABEL:
                return str(v.label)
            if col == COL_TEXT:
                return _one_line(v.exact)
            if col == COL_PAGE:
                return "" if v.page is None else str(v.page)
            if col == COL_AUTHOR:
                return str(v.author)
            if col == COL_CONFLICT:
                return "⚠" if v.conflict else ("✕" if v.deleted else "")
        elif role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_TEXT:
                return plain_tooltip(v.exact[:2000])
            if col == COL_CONFLICT and v.conflict:
                return f"{v.heads} versions disagree; open the conflict to resolve it"
        elif role == Qt.ItemDataRole.DecorationRole and col == COL_LABEL:
            return QColor(self.colors.get(v.label_uuid, "#999999"))
        elif role == UUID_ROLE:
            return v.uuid
        elif role == VIEW_ROLE:
            return v
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
        v = model.view(row)
        if self.label_uuid and v.label_uuid != self.label_uuid:
            return False
        if self.author_uuid and self.author_uuid not in (v.author_uuid, v.creator_uuid):
            return False
        return not (self.conflicts_only and not v.conflict)
