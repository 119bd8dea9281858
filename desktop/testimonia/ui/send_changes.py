"""File › Send changes to a teammate…: a small file with only what the teammate lacks
(core/merge/exchange.py), since the last file sent to them or since a date, written off the GUI thread."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from testimonia.core.hlc import to_iso
from testimonia.core.merge import exchange
from testimonia.core.schema import SUFFIX
from testimonia.core.sendcopy import copy_name

from .i18n import arg, translate

if TYPE_CHECKING:
    from .shell import Shell
    from .workers import Task


@dataclass(frozen=True)
class Choice:
    to: str
    since: str | datetime  # exchange.LAST or a date


class SendChangesDialog(QDialog):
    """Who the changes are for, and since when. Keyboard: every field has a mnemonic; Enter sends."""

    def __init__(self, parent: QWidget, earlier: list[exchange.Exchange]) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("SendChanges", "Send changes to a teammate"))
        self._earlier = earlier
        self.teammate = QComboBox(self)
        self.teammate.setEditable(True)
        names = list(dict.fromkeys(e.to for e in earlier if e.to))
        self.teammate.addItems(names)
        self.teammate.setToolTip(translate("SendChanges", "The teammate the file is for; this project remembers "
                                                          "what it sent to whom"))
        self.since_last = QRadioButton(translate("SendChanges", "Since the &last file sent to them"), self)
        self.since_date = QRadioButton(translate("SendChanges", "Since a &date:"), self)
        self.date = QDateEdit(QDate.currentDate().addDays(-7), self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.last_sent = QLabel(self)
        self.last_sent.setTextFormat(Qt.TextFormat.PlainText)
        self.last_sent.setWordWrap(True)
        form = QFormLayout()
        who = QLabel(translate("SendChanges", "&Teammate:"), self)
        who.setBuddy(self.teammate)
        form.addRow(who, self.teammate)
        form.addRow(self.since_last)
        form.addRow(self.since_date, self.date)
        form.addRow(self.last_sent)
        explain = QLabel(translate("SendChanges", "The file holds only the work they do not have yet, and merges "
                                   "like a full copy. If they lack what it builds on, their merge says so: then send "
                                   "a full copy."), self)
        explain.setTextFormat(Qt.TextFormat.PlainText)
        explain.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("SendChanges", "&Send…"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(explain)
        layout.addWidget(self.buttons)
        self.teammate.currentTextChanged.connect(self._teammate_changed)
        self.since_last.toggled.connect(self._update)
        self.since_date.toggled.connect(self._update)
        self.date.dateChanged.connect(self._update)
        self._teammate_changed(self.teammate.currentText())

    def _previous(self, name: str) -> exchange.Exchange | None:
        return next((e for e in self._earlier if e.to == name.strip()), None)

    def _teammate_changed(self, name: str) -> None:
        previous = self._previous(name)
        self.since_last.setEnabled(previous is not None)
        (self.since_last if previous is not None else self.since_date).setChecked(True)
        self._update()

    def _update(self) -> None:
        name = self.teammate.currentText().strip()
        previous = self._previous(name)
        if previous is not None:
            when = to_iso(previous.at_hlc)[:16].replace("T", " ")
            self.last_sent.setText(arg(translate("SendChanges", "Last file to them: %1, %2"), when,
                                       previous.file_name))
        elif name:
            self.last_sent.setText(translate("SendChanges", "No file was sent to them from this project yet: choose "
                                             "a date, or send a full copy first."))
        else:
            self.last_sent.setText(translate("SendChanges", "Type the teammate's name."))
        self.date.setEnabled(self.since_date.isChecked())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(name))

    def choice(self) -> Choice:
        name = self.teammate.currentText().strip()
        if self.since_last.isChecked():
            return Choice(name, exchange.LAST)
        at = QDateTime(self.date.date(), QTime(0, 0)).toPython()
        return Choice(name, at if isinstance(at, datetime) else datetime.now() - timedelta(days=7))


def send_changes_dialog(win: Shell, target: Path | None = None, choice: Choice | None = None) -> object:
    """Ask for whom and since when (unless `choice` is given), then where (unless `target` is),
    then write the file in a worker."""
    if win.session is None:
        win.show_status(translate("SendCopy", "Open or create a project first"))
        return None
    store, who = win.session.store, win.session.author.name
    if choice is None:
        dialog = SendChangesDialog(win, exchange.exchanges(store))  # type: ignore[arg-type]  # the window
        dialog.setModal(True)
        dialog.accepted.connect(lambda: send_changes_dialog(win, target, dialog.choice()))
        dialog.open()
        return dialog
    if target is None:
        from .send_copy import _documents_folder

        label = arg(translate("SendChanges", "changes for %1"), choice.to)
        suggested = _documents_folder() / copy_name(store.path, f"{label}, {who}", datetime.now())
        title = translate("SendChanges", "Send changes to a teammate")
        chosen, _ = QFileDialog.getSaveFileName(win, title, str(suggested),  # type: ignore[arg-type]
                                                translate("SendCopy", "Testimonia project (*%1)").replace("%1", SUFFIX))
        if not chosen:
            return None
        target = Path(chosen)
        if target.suffix != SUFFIX:
            target = target.with_name(target.name + SUFFIX)
    out = target

    def job(_progress: object, _cancelled: object) -> exchange.ExchangeFile:
        # The file dialog has asked before replacing a file; the command line never replaces one.
        return exchange.write_changes(store, out, since=choice.since, to=choice.to, sender=who, replace=True)

    def done(result: object) -> None:
        assert isinstance(result, exchange.ExchangeFile)
        win.show_message(translate("SendChanges", "Send changes to a teammate"),
                         arg(translate("SendChanges", "Saved the changes for %1 as\n%2\n(%3 KB: %4 annotation "
                                       "versions, %5 new documents).\n\nAttach it to an e-mail or copy it to a "
                                       "stick; they merge it like a full copy."),
                             result.to, str(result.path), f"{result.bytes / 1024:,.0f}", str(result.revisions),
                             str(result.documents_with_text)), QMessageBox.Icon.Information)

    task: Task = win.run_job(translate("SendChanges", "Writing the changes for a teammate"), job, done)  # type: ignore[arg-type]
    return task
