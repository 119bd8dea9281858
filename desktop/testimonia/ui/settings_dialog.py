"""Edit > Settings (Preferences on macOS): the interface language, kept in the user config."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from testimonia.core import config

from .i18n import arg
from .plain import plain_label

# Each language is named in itself, so someone who cannot read the current one still finds theirs.
ENDONYMS = {"en": "English", "ko": "한국어"}


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.language = QComboBox(objectName="languageCombo")
        self.language.addItem(self.tr("Automatic (system language)"), "auto")
        for code, name in ENDONYMS.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(config.language())))
        self.problem = plain_label()
        note = plain_label(self.tr("A new language is used the next time Testimonia starts."))
        form = QFormLayout()
        form.addRow(plain_label(self.tr("Language"), wrap=False), self.language)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(note)
        lay.addWidget(self.problem)
        lay.addWidget(buttons)
        self.setMinimumWidth(420)

    def chosen(self) -> str:
        return str(self.language.currentData())

    def _accept(self) -> None:
        try:
            config.set_language(self.chosen())
        except OSError as exc:
            self.problem.setText(arg(self.tr("The setting could not be saved: %1"), str(exc)))
            return
        self.accept()
