"""File › Team server…: where this project syncs (address, server project) and, if the server asks
for one that ~/.pgpass does not hold, a password kept in memory for this session only."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from testimonia.core.server.local_state import Remote

from .plain import plain_label


class ServerDialog(QDialog):
    def __init__(self, parent: QWidget | None, remote: Remote | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Team server"))
        self.url = QLineEdit(remote.url if remote else "")
        self.url.setPlaceholderText("postgresql://anna@db.example.org/coalition?sslmode=verify-full")
        self.project = QLineEdit(remote.project if remote else "")
        self.project.setPlaceholderText(self.tr("the only project you belong to"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("from ~/.pgpass if empty"))
        form = QFormLayout()
        for text, field in ((self.tr("Server &address:"), self.url), (self.tr("Server &project:"), self.project),
                            (self.tr("Pass&word:"), self.password)):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        note = plain_label(self.tr("Your work is sent to the server and your teammates' work is merged into this "
                                   "project as a file merge would. The password is kept only while Testimonia runs, "
                                   "never in the project file."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Connect and sync"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.url.textChanged.connect(lambda t: ok.setEnabled(bool(t.strip())))
        ok.setEnabled(bool(self.url.text().strip()))

    def values(self) -> tuple[str, str | None, str | None]:
        """(address, server project or None, password or None)."""
        return (self.url.text().strip(), self.project.text().strip() or None, self.password.text() or None)
