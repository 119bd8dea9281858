"""Tool buttons that drop their text when the row they sit in is too narrow for it.

At 1024 pixels the main toolbar's texts need 1,260 and Undo, Redo and Find went into the overflow
menu; the editor's buttons made its panel 350 pixels wide at least. A button that shows only its
icon keeps its text as tooltip and in the menus, so nothing becomes unreachable.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionEvent, QResizeEvent
from PySide6.QtWidgets import QToolBar, QToolButton, QWidget

TEXT = Qt.ToolButtonStyle.ToolButtonTextBesideIcon
ICON = Qt.ToolButtonStyle.ToolButtonIconOnly


def text_width(button: QToolButton) -> int:
    """The button's width with its text shown, whatever it shows now."""
    if button.toolButtonStyle() == TEXT:
        return button.sizeHint().width()
    button.setToolButtonStyle(TEXT)
    width = button.sizeHint().width()
    button.setToolButtonStyle(ICON)
    return width


def fit(buttons: Sequence[QToolButton], available: int, fixed: int = 0, spacing: int = 6,
        counted: Sequence[QToolButton] | None = None) -> bool:
    """Show the buttons' texts if those `counted` (all by default) fit in `available` pixels beside
    `fixed` pixels of others, else only their icons. Returns whether the texts are shown."""
    needed = fixed + sum(text_width(b) + spacing for b in (buttons if counted is None else counted))
    style = TEXT if needed <= available else ICON
    for b in buttons:
        if b.toolButtonStyle() != style:
            b.setToolButtonStyle(style)
    return style == TEXT


class FittingToolBar(QToolBar):
    """A toolbar whose secondary buttons show only their icons when all texts do not fit, so that
    none goes into the overflow menu at 1024 pixels; the primary ones (the labels) keep their text."""

    def __init__(self, title: str, parent: QWidget | None = None, *, objectName: str = "") -> None:
        super().__init__(title, parent)
        self.setObjectName(objectName)
        self.setToolButtonStyle(TEXT)
        self.primary: set[QAction] = set()

    def refit(self) -> None:
        # Buttons in the overflow menu are hidden; they count all the same.
        buttons = [(a, w) for a in self.actions()
                   if a.isVisible() and isinstance(w := self.widgetForAction(a), QToolButton)]
        fixed = sum(w.sizeHint().width() + 4 for a, w in buttons if a in self.primary)
        fixed += sum(12 for a in self.actions() if a.isSeparator())
        margins = self.contentsMargins()
        available = self.width() - margins.left() - margins.right() - 24  # the handle
        fit([w for a, w in buttons if a not in self.primary], available, fixed)

    def actionEvent(self, event: QActionEvent) -> None:
        super().actionEvent(event)
        self.refit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.refit()
