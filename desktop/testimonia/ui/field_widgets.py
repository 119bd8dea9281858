"""One input widget per FieldSpec type (core/labels.py), with a uniform get/set/changed surface."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRegularExpression, QStringListModel, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QCheckBox, QComboBox, QCompleter, QLineEdit, QWidget

from testimonia.core.labels import FieldSpec

from .core_text import choice_text
from .i18n import translate

NUMBER_PATTERN = r"-?[0-9][0-9,]*(\.[0-9]*)?|-?\.?[0-9]*|-"  # partial input allowed while typing


class FieldInput:
    """Wraps the widget for one field. `on_commit` is called when the user finishes an edit."""

    def __init__(self, spec: FieldSpec, on_commit: Callable[[str], None],
                 values: Callable[[str], list[str]] | None = None) -> None:
        self.spec = spec
        self._values = values
        self._completer_model: QStringListModel | None = None
        commit = lambda *_: on_commit(spec.key)  # noqa: E731
        self.widget: QWidget
        if spec.type == "bool":
            box = QCheckBox()
            box.clicked.connect(commit)
            self.widget = box
        elif spec.type == "choice":
            combo = QComboBox()
            combo.addItem("", "")
            for choice in spec.choices:  # shown translated; the stored value is the item's data
                combo.addItem(choice_text(choice), choice)
            combo.activated.connect(commit)
            self.widget = combo
        else:
            line = QLineEdit()
            line.setClearButtonEnabled(True)
            if spec.type == "number":
                line.setValidator(QRegularExpressionValidator(QRegularExpression(NUMBER_PATTERN), line))
                line.setPlaceholderText(translate("FieldInput", "e.g. 600 or 1,500"))
            elif spec.type == "date":
                line.setPlaceholderText(translate("FieldInput", "YYYY-MM-DD, or as the text says"))
            else:
                self._completer_model = QStringListModel(line)
                completer = QCompleter(self._completer_model, line)
                completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
                completer.setFilterMode(Qt.MatchFlag.MatchContains)
                line.setCompleter(completer)
            line.editingFinished.connect(commit)
            self.widget = line
        self.widget.setObjectName(f"field_{spec.key}")

    def refresh_completions(self) -> None:
        if self._completer_model is not None and self._values is not None:
            values = self._values(self.spec.key)
            if values != self._completer_model.stringList():
                self._completer_model.setStringList(values)

    def set_value(self, value: object) -> None:
        w = self.widget
        if isinstance(w, QLineEdit):
            # Not with signals blocked: the clear button hides itself on textChanged, and edits are
            # committed on editingFinished, which setText does not emit.
            w.setText("" if value is None else _display(value))
            w.setCursorPosition(0)
            return
        w.blockSignals(True)
        try:
            if isinstance(w, QCheckBox):
                w.setChecked(value is True)
            elif isinstance(w, QComboBox):
                i = w.findData(str(value)) if value is not None else 0
                w.setCurrentIndex(max(0, i))
        finally:
            w.blockSignals(False)

    def value(self) -> object:
        """The entered value, or None when the field is empty (which removes it)."""
        w = self.widget
        if isinstance(w, QCheckBox):
            return True if w.isChecked() else None
        if isinstance(w, QComboBox):
            return str(w.currentData() or "") or None
        assert isinstance(w, QLineEdit)
        return w.text().strip() or None


def _display(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
