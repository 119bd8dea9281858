"""Dialog for the project's labels: add one's own (name, colour, one-key shortcut), edit or remove it.

Built-ins can be recoloured but keep their name and key and cannot be removed. The dialog only asks;
wired_dialog turns each request into an undoable command and hands the dialog the labels back.
A removed label stays on the annotations that have it; it is just no longer offered for new marks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from testimonia.core.errors import TestimoniaError
from testimonia.core.views import LabelInfo

from . import commands
from .annotation_editor import swatch
from .core_text import label_name
from .i18n import arg
from .plain import plain_label

if TYPE_CHECKING:
    from .session import Session

PALETTE = ("#8bc34a", "#b39ddb", "#ffab40", "#4db6ac", "#f48fb1", "#90a4ae", "#dce775", "#64b5f6")
# Keys the window already uses on their own.
RESERVED_KEYS = {"1", "2", "3", "S", "F", "O", "DEL", "DELETE", "F3"}
UUID_ROLE = Qt.ItemDataRole.UserRole + 1


class LabelDialog(QDialog):
    add_requested = Signal(str, str, str)  # name, colour, shortcut
    edit_requested = Signal(str, str, str, str)  # uuid, name, colour, shortcut
    remove_requested = Signal(str)  # uuid

    def __init__(self, labels: list[LabelInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Labels"))
        self.labels: list[LabelInfo] = []
        self.editing: LabelInfo | None = None
        self.color = PALETTE[0]
        self.listing = QListWidget(objectName="labelList")
        self.listing.setSelectionMode(QListWidget.SelectionMode.SingleSelection)
        self.listing.itemSelectionChanged.connect(self._selection_changed)
        self.name = QLineEdit(objectName="labelName")
        self.name.setMaxLength(100)
        self.shortcut = QLineEdit(objectName="labelShortcut")
        self.shortcut.setMaxLength(1)
        self.shortcut.setPlaceholderText(self.tr("one key, optional (e.g. 4 or V)"))
        self.color_button = QPushButton(objectName="labelColor")
        self.color_button.clicked.connect(self._pick_color)
        self.section = plain_label(wrap=False)
        self.problem = plain_label()
        self.problem.setStyleSheet("color: #b00020")
        self.add_button = QPushButton(self.tr("Add label"), objectName="addLabel")
        self.add_button.clicked.connect(self._add)
        self.save_button = QPushButton(self.tr("Save changes"), objectName="saveLabel")
        self.save_button.clicked.connect(self._save)
        self.remove_button = QPushButton(self.tr("Remove label"), objectName="removeLabel")
        self.remove_button.clicked.connect(self._remove)
        self.new_button = QPushButton(self.tr("New label"), objectName="newLabel")
        self.new_button.clicked.connect(self.listing.clearSelection)
        row = QHBoxLayout()
        for button in (self.add_button, self.save_button, self.remove_button, self.new_button):
            row.addWidget(button)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(plain_label(self.tr("Name"), wrap=False), self.name)
        form.addRow(plain_label(self.tr("Colour"), wrap=False), self.color_button)
        form.addRow(plain_label(self.tr("Shortcut"), wrap=False), self.shortcut)
        lay = QVBoxLayout(self)
        lay.addWidget(plain_label(self.tr("Labels in this project")))
        lay.addWidget(self.listing)
        lay.addWidget(self.section)
        lay.addLayout(form)
        lay.addWidget(self.problem)
        lay.addLayout(row)
        lay.addWidget(buttons)
        self.set_labels(labels)

    def set_labels(self, labels: list[LabelInfo]) -> None:
        """Show the project's labels (not removed ones); keeps the one being edited selected."""
        keep = self.editing.uuid if self.editing else None
        self.labels = list(labels)
        self.listing.blockSignals(True)
        self.listing.clear()
        for lb in self.labels:
            shortcut = f"   [{lb.shortcut}]" if lb.shortcut else ""
            builtin = "   " + self.tr("(built-in)") if lb.builtin else ""
            item = QListWidgetItem(swatch(lb.color), f"{label_name(lb)}{shortcut}{builtin}")
            item.setData(UUID_ROLE, lb.uuid)
            self.listing.addItem(item)
            if lb.uuid == keep:
                item.setSelected(True)
        self.listing.blockSignals(False)
        self._selection_changed()

    def select(self, uuid: str) -> None:
        for i in range(self.listing.count()):
            item = self.listing.item(i)
            if item.data(UUID_ROLE) == uuid:
                self.listing.setCurrentItem(item)
                item.setSelected(True)
                return

    def _selection_changed(self) -> None:
        items = self.listing.selectedItems()
        uuid = items[0].data(UUID_ROLE) if items else None
        self.editing = next((lb for lb in self.labels if lb.uuid == uuid), None)
        self.problem.setText("")
        lb = self.editing
        if lb is None:
            self.section.setText(self.tr("New label"))
            self.name.clear()
            self.shortcut.clear()
            used = {label.color.lower() for label in self.labels}
            self.color = next((c for c in PALETTE if c not in used), PALETTE[0])
        else:
            self.section.setText(arg(self.tr("Edit “%1”"), label_name(lb)))
            self.name.setText(label_name(lb))
            self.shortcut.setText(lb.shortcut)
            self.color = lb.color
        builtin = lb is not None and lb.builtin
        fixed = self.tr("Built-in labels keep their name and key and cannot be removed; you can change "
                        "their colour.") if builtin else ""
        for widget in (self.name, self.shortcut):
            widget.setEnabled(not builtin)
            widget.setToolTip(fixed)
        self.add_button.setVisible(lb is None)
        self.save_button.setVisible(lb is not None)
        self.remove_button.setVisible(lb is not None)
        self.new_button.setVisible(lb is not None)
        self.remove_button.setEnabled(not builtin)
        self.remove_button.setToolTip(fixed or self.tr("Stop offering this label for new marks; annotations "
                                                       "that have it keep it. Undo brings it back."))
        self._show_color()

    def _show_color(self) -> None:
        self.color_button.setIcon(swatch(self.color, 16))
        self.color_button.setText(self.color)

    def _pick_color(self) -> None:
        chosen = QColorDialog.getColor(QColor(self.color), self, self.tr("Label colour"))
        if chosen.isValid():
            self.color = chosen.name()
            self._show_color()

    def values(self) -> tuple[str, str, str]:
        """Name, colour, shortcut as they would be stored (a built-in keeps its stored name and key)."""
        lb = self.editing
        if lb is not None and lb.builtin:
            return lb.name, self.color, lb.shortcut
        return self.name.text().strip(), self.color, self.shortcut.text().strip().upper()

    def check(self) -> str:
        name, _color, key = self.values()
        others = [lb for lb in self.labels if self.editing is None or lb.uuid != self.editing.uuid]
        if not name:
            return self.tr("The label needs a name.")
        if any(lb.name.casefold() == name.casefold() for lb in others):
            return arg(self.tr("There is already a label named “%1”."), name)
        unchanged = self.editing is not None and key == self.editing.shortcut.upper()
        if key and not unchanged:
            taken = RESERVED_KEYS | {lb.shortcut.upper() for lb in others if lb.shortcut}
            if key in taken or QKeySequence(key).isEmpty():
                return arg(self.tr("The key %1 is already used; choose another or leave it empty."), key)
        return ""

    def _checked(self) -> bool:
        problem = self.check()
        self.problem.setText(problem)
        return not problem

    def _add(self) -> None:
        if self.editing is None and self._checked():
            self.add_requested.emit(*self.values())

    def _save(self) -> None:
        lb = self.editing
        if lb is None or not self._checked():
            return
        if self.values() != (lb.name, lb.color, lb.shortcut):
            self.edit_requested.emit(lb.uuid, *self.values())

    def _remove(self) -> None:
        lb = self.editing
        if lb is not None and not lb.builtin:
            self.remove_requested.emit(lb.uuid)


def wired_dialog(session: Session, parent: QWidget) -> LabelDialog:
    """The labels dialog over `session`, each add, edit and removal one undoable command."""
    dialog = LabelDialog(session.store.labels(), parent)

    def apply(make: Callable[[], commands.StoreCommand]) -> None:
        try:
            commands.push(session, make())
        except TestimoniaError as exc:
            dialog.problem.setText(str(exc))
            return
        dialog.set_labels(session.store.labels())

    store = session.store
    dialog.add_requested.connect(
        lambda name, color, key: apply(lambda: commands.AddLabel(session, name, color, key)))
    dialog.edit_requested.connect(
        lambda uuid, name, color, key: apply(lambda: commands.EditLabel(session, store.label(uuid), name, color, key)))
    dialog.remove_requested.connect(lambda uuid: apply(lambda: commands.RemoveLabel(session, store.label(uuid))))
    return dialog
