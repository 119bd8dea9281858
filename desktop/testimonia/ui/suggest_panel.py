"""The review list: suggestions waiting for a verdict, and the keys to give one.

In the list, `Up`/`Down` move, `Enter` accepts, `Shift+Enter` accepts and opens the fields, `Delete`
rejects; these are the list's own keys (not shortcuts), so they never compete with the reader's
`Enter` and `Delete`, which act on the selected annotation. The window-wide keys are the actions'
(suggest_actions.py).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QTableView, QToolButton, QVBoxLayout, QWidget

from testimonia.core.suggest import Suggestion

from .plain import plain_label
from .suggest_model import SuggestionsModel


class SuggestionList(QTableView):
    accept_pressed = Signal()
    edit_pressed = Signal()
    reject_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and mods == Qt.KeyboardModifier.NoModifier:
            self.accept_pressed.emit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and mods == Qt.KeyboardModifier.ShiftModifier:
            self.edit_pressed.emit()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and mods == Qt.KeyboardModifier.NoModifier:
            self.reject_pressed.emit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()


class SuggestPanel(QWidget):
    current_changed = Signal(object)  # Suggestion | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("suggestPanel")
        self.model = SuggestionsModel(self)
        self.summary = plain_label()
        self.summary.setObjectName("suggestSummary")
        self.table = SuggestionList(objectName="suggestList")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in ((SuggestionsModel.KIND, 110), (SuggestionsModel.SCORE, 52),
                           (SuggestionsModel.TEXT, 340), (SuggestionsModel.FIELDS, 300)):
            self.table.setColumnWidth(col, width)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._current(cur))
        self.model.modelReset.connect(lambda: self._current(self.table.currentIndex()))
        self.buttons = QHBoxLayout()
        self.buttons.setContentsMargins(0, 0, 0, 0)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.summary)
        lay.addWidget(self.table, 1)
        lay.addLayout(self.buttons)

    def add_button(self, action: QAction) -> QToolButton:
        button = QToolButton(self)
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.buttons.addWidget(button)
        return button

    def finish_buttons(self) -> None:
        self.buttons.addStretch(1)

    def current(self) -> Suggestion | None:
        index = self.table.currentIndex()
        return self.model.suggestion(index.row()) if index.isValid() else None

    def set_current_row(self, row: int) -> None:
        """Make a row current and selected, scrolled into view (-1: none)."""
        if not 0 <= row < self.model.rowCount():
            self.table.selectionModel().clear()
            self._current(QModelIndex())
            return
        index = self.model.index(row, SuggestionsModel.TEXT)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def _current(self, index: QModelIndex) -> None:
        self.current_changed.emit(self.model.suggestion(index.row()) if index.isValid() else None)
