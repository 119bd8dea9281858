"""The disagreements behind one cell of the agreement grid, as a table model (ten thousand rows
on a long report: items would cost more than the report itself). Plain text by construction."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from testimonia.core.agreement.report import Disagreement

from .agreement_text import kind_text, label_text
from .core_text import field_name
from .i18n import arg, format_count, translate
from .plain import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
SETTLED_COLOR = QColor("#777777")


def settled_by(d: Disagreement, settled: set[str]) -> bool:
    return any(s is not None and s.uuid in settled for s in (d.a, d.b))


class DisagreementsModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Disagreement] = []
        self.settled: set[str] = set()

    def titles(self) -> list[str]:
        return [translate("Agreement", "Settled"), translate("Agreement", "Kind"), translate("Agreement", "Document"),
                translate("Agreement", "Label"), translate("Agreement", "Annotators"), translate("Agreement", "Where"),
                translate("Agreement", "Text")]

    def set_rows(self, rows: list[Disagreement], settled: set[str]) -> None:
        self.beginResetModel()
        self.rows, self.settled = rows, settled
        self.endResetModel()

    def set_settled(self, settled: set[str]) -> None:
        self.settled = settled
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, self.columnCount() - 1))

    def is_settled(self, row: int) -> bool:
        return 0 <= row < len(self.rows) and settled_by(self.rows[row], self.settled)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.titles()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        d = self.rows[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole and settled_by(d, self.settled):
            return QBrush(SETTLED_COLOR)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        value = self._text(d, index.column())
        return plain_tooltip(value) if role == Qt.ItemDataRole.ToolTipRole and value else value

    def _text(self, d: Disagreement, col: int) -> str:
        if col == 0:
            return "✓" if settled_by(d, self.settled) else ""
        if col == 1:
            text = kind_text(d.kind)
            return text + (": " + ", ".join(field_name(d.label, k) for k in d.fields) if d.fields else "")
        if col == 2:
            return d.title
        if col == 3:
            labels = [label_text(s.label) for s in (d.a, d.b) if s is not None]
            return " ≠ ".join(labels) if len(set(labels)) > 1 else labels[0]
        if col == 4:
            return " & ".join(d.annotators)
        if col == 5:
            return arg(translate("Agreement", "%1–%2"), format_count(d.start),
                       format_count(max(s.end for s in (d.a, d.b) if s is not None)))
        return " ".join(d.text.split())
