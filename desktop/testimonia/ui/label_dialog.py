"""Dialog to add a label of one's own (name, colour, one-key shortcut); built-ins stay as they are."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from testimonia.core.views import LabelInfo

from .annotation_editor import swatch
from .core_text import label_name
from .i18n import arg
from .plain import plain_label

PALETTE = ("#8bc34a", "#b39ddb", "#ffab40", "#4db6ac", "#f48fb1", "#90a4ae", "#dce775", "#64b5f6")
# Keys the window already uses on their own.
RESERVED_KEYS = {"1", "2", "3", "S", "F", "O", "DEL", "DELETE", "F3"}


class LabelDialog(QDialog):
    def __init__(self, labels: list[LabelInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Labels"))
        self.labels = labels
        used = {lb.color.lower() for lb in labels}
        self.color = next((c for c in PALETTE if c not in used), PALETTE[0])
        listing = QListWidget()
        for lb in labels:
            shortcut = f"   [{lb.shortcut}]" if lb.shortcut else ""
            builtin = "   " + self.tr("(built-in)") if lb.builtin else ""
            item = QListWidgetItem(swatch(lb.color), f"{label_name(lb)}{shortcut}{builtin}")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            listing.addItem(item)
        self.name = QLineEdit(objectName="labelName")
        self.name.setMaxLength(100)
        self.shortcut = QLineEdit(objectName="labelShortcut")
        self.shortcut.setMaxLength(1)
        self.shortcut.setPlaceholderText(self.tr("one key, optional (e.g. 4 or V)"))
        self.color_button = QPushButton(objectName="labelColor")
        self.color_button.clicked.connect(self._pick_color)
        self._show_color()
        self.problem = plain_label()
        self.problem.setStyleSheet("color: #b00020")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add label"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(plain_label(self.tr("Name"), wrap=False), self.name)
        form.addRow(plain_label(self.tr("Colour"), wrap=False), self.color_button)
        form.addRow(plain_label(self.tr("Shortcut"), wrap=False), self.shortcut)
        lay = QVBoxLayout(self)
        lay.addWidget(plain_label(self.tr("Labels in this project")))
        lay.addWidget(listing)
        lay.addWidget(plain_label(self.tr("New label")))
        lay.addLayout(form)
        lay.addWidget(self.problem)
        lay.addWidget(buttons)

    def _show_color(self) -> None:
        self.color_button.setIcon(swatch(self.color, 16))
        self.color_button.setText(self.color)

    def _pick_color(self) -> None:
        chosen = QColorDialog.getColor(QColor(self.color), self, self.tr("Label colour"))
        if chosen.isValid():
            self.color = chosen.name()
            self._show_color()

    def values(self) -> tuple[str, str, str]:
        return self.name.text().strip(), self.color, self.shortcut.text().strip().upper()

    def check(self) -> str:
        name, _color, key = self.values()
        if not name:
            return self.tr("The label needs a name.")
        if any(lb.name.casefold() == name.casefold() for lb in self.labels):
            return arg(self.tr("There is already a label named “%1”."), name)
        if key:
            taken = RESERVED_KEYS | {lb.shortcut.upper() for lb in self.labels if lb.shortcut}
            if key in taken or QKeySequence(key).isEmpty():
                return arg(self.tr("The key %1 is already used; choose another or leave it empty."), key)
        return ""

    def _accept(self) -> None:
        problem = self.check()
        self.problem.setText(problem)
        if not problem:
            self.accept()
