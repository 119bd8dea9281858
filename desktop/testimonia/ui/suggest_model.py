"""The review list's rows: the suggestions waiting for a verdict, in document and text order.

Everything shown is plain text from the suggestion (the span's words, the fields it would fill);
item views never read rich text, so a quotation full of markup shows as written.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from testimonia.core.suggest import Suggestion

from .annotation_editor import swatch
from .core_text import fields_line
from .i18n import translate
from .plain import plain_tooltip
from .suggest_overlay import Key

_Index = QModelIndex | QPersistentModelIndex
MAX_SHOWN = 160  # characters of a span in its row; the reader shows all of it


def key_of(s: Suggestion) -> Key:
    return (s.document, s.label_uuid, s.start, s.end)


def one_line(text: str, limit: int = MAX_SHOWN) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


class SuggestionsModel(QAbstractTableModel):
    KIND, SCORE, TEXT, FIELDS, DOCUMENT = range(5)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Suggestion] = []
        self._order: list[tuple[int, int, int, str]] = []  # sort key per row, for inserting back
        self._by_doc: dict[str, list[Suggestion]] | None = None
        self._labels: dict[str, tuple[str, str]] = {}  # label uuid -> (shown name, colour)
        self._titles: dict[str, str] = {}
        self._doc_rank: dict[str, int] = {}
        self._headers = (translate("SuggestionsModel", "Kind"), translate("SuggestionsModel", "Score"),
                         translate("SuggestionsModel", "Suggested text"), translate("SuggestionsModel", "Fields"),
                         translate("SuggestionsModel", "Document"))

    # -- contents ----------------------------------------------------------------------------
    def set_names(self, labels: dict[str, tuple[str, str]], titles: dict[str, str], order: list[str]) -> None:
        """Label names and colours, document titles, and the documents in list order."""
        self._labels, self._titles = dict(labels), dict(titles)
        self._doc_rank = {uuid: i for i, uuid in enumerate(order)}
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.DOCUMENT))

    def _sort_key(self, s: Suggestion) -> tuple[int, int, int, str]:
        return (self._doc_rank.get(s.document, len(self._doc_rank)), s.start, s.end, s.label_uuid)

    def set_suggestions(self, suggestions: Iterable[Suggestion], *, in_order: bool = False) -> None:
        """`in_order`: already in the list's order (sorted in the worker, so the GUI thread does not)."""
        self.beginResetModel()
        self._rows = list(suggestions) if in_order else sorted(suggestions, key=self._sort_key)
        self._order = []  # built when a row is put back (add)
        self._by_doc: dict[str, list[Suggestion]] | None = None
        self.endResetModel()

    def rows_of(self, document: str) -> list[Suggestion]:
        """One document's suggestions, in order (the reader's outlines)."""
        if self._by_doc is None:
            self._by_doc = {}
            for s in self._rows:
                self._by_doc.setdefault(s.document, []).append(s)
        return self._by_doc.get(document, [])

    def suggestions(self) -> list[Suggestion]:
        return list(self._rows)

    def suggestion(self, row: int) -> Suggestion | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, key: Key | None) -> int:
        if key is None:
            return -1
        return next((i for i, s in enumerate(self._rows) if key_of(s) == key), -1)

    def remove(self, keys: Iterable[Key]) -> int:
        """Take these places out; how many rows went."""
        gone = set(keys)
        rows = [i for i, s in enumerate(self._rows) if key_of(s) in gone]
        if len(rows) > 64:  # a bulk accept: one reset instead of hundreds of removals
            self.set_suggestions(s for s in self._rows if key_of(s) not in gone)
            return len(rows)
        self._by_doc = None
        for i in reversed(rows):
            self.beginRemoveRows(QModelIndex(), i, i)
            del self._rows[i]
            if self._order:
                del self._order[i]
            self.endRemoveRows()
        return len(rows)

    def add(self, suggestions: Iterable[Suggestion]) -> None:
        """Put places back in their order (an undone verdict); places already listed stay once."""
        have = {key_of(s) for s in self._rows}
        if len(self._order) != len(self._rows):
            self._order = [self._sort_key(s) for s in self._rows]
        self._by_doc = None
        for s in suggestions:
            if key_of(s) in have:
                continue
            have.add(key_of(s))
            order = self._sort_key(s)
            i = bisect_left(self._order, order)
            self.beginInsertRows(QModelIndex(), i, i)
            self._rows.insert(i, s)
            self._order.insert(i, order)
            self.endInsertRows()

    def label_name(self, s: Suggestion) -> str:
        return self._labels.get(s.label_uuid, (s.kind, ""))[0]

    def color(self, s: Suggestion) -> str:
        return self._labels.get(s.label_uuid, ("", "#888888"))[1] or "#888888"

    # -- Qt model ----------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 5:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        s = self.suggestion(index.row()) if index.isValid() else None
        if s is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.KIND:
                return self.label_name(s)
            if col == self.TEXT:
                return one_line(s.exact)
            if col == self.FIELDS:
                return one_line(fields_line(s.kind, s.fields), 120)
            if col == self.SCORE:
                return f"{s.score:.2f}"
            return self._titles.get(s.document, "")
        if role == Qt.ItemDataRole.DecorationRole and col == self.KIND:
            return swatch(self.color(s))
        if role == Qt.ItemDataRole.ToolTipRole and col in (self.TEXT, self.FIELDS):
            return plain_tooltip(one_line(s.exact, 600) if col == self.TEXT else fields_line(s.kind, s.fields))
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.SCORE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
