"""Errors in the app's own code: a local log file and a dialog showing the traceback.

A user-facing error (TestimoniaError: a file that cannot be read, a damaged project) that reaches
the hook is shown as its own message instead, never as a traceback.

Nothing is sent anywhere; the user can copy the text into a bug report. The hook never touches
the open project: every change was already committed in its own transaction, so there is nothing
to save, and writing from a state we no longer trust could only do harm.
"""

from __future__ import annotations

import logging
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from testimonia import __version__
from testimonia.core import config
from testimonia.core.errors import TestimoniaError

from .i18n import arg
from .plain import plain_label

LOG_NAME = "crash.log"
log = logging.getLogger(__name__)
_dialog: CrashDialog | None = None


class CrashDialog(QDialog):
    def __init__(self, details: str, log_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("Testimonia ran into a problem"))
        where = (arg(self.tr("The details were saved in %1."), str(log_path)) if log_path
                 else self.tr("The details could not be saved to a log file."))
        intro = plain_label(
            self.tr("Testimonia ran into a problem in its own code. Your annotations are safe: each one "
                    "was saved when you made it. You can keep working, or restart the app if something "
                    "looks wrong.") + "\n\n" + where + " " + self.tr("Nothing was sent anywhere; to report "
                    "the problem, copy the text below into your message."))
        self.details = QPlainTextEdit(objectName="crashDetails", readOnly=True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setPlainText(details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("&Copy"), objectName="crashCopy")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.close)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.details, 1)
        lay.addWidget(buttons)
        self.resize(720, 440)

    def add(self, details: str) -> None:
        """A further error while this one is open: one dialog, not a cascade of them."""
        self.details.appendPlainText("\n" + details)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())


def write_log(details: str) -> Path | None:
    try:
        folder = config.log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / LOG_NAME
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {datetime.now(UTC).isoformat()} Testimonia {__version__}\n{details}\n")
        return path
    except OSError:
        return None


def handle(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> CrashDialog | None:
    """sys.excepthook: log, then show (or extend) the dialog. Returns the dialog, for tests."""
    global _dialog
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return None
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    path = write_log(details)
    sys.stderr.write(details)
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return None
    if issubclass(exc_type, TestimoniaError):
        _show_problem(app, str(exc))  # it names the file and the problem: no traceback for the user
        return None
    try:
        if _dialog is not None and _dialog.isVisible():
            _dialog.add(details)
        else:
            # show(), not exec(): the hook runs inside the slot that failed, and a nested event loop
            # there could run that slot again before this one returns.
            _dialog = CrashDialog(details, path, app.activeWindow())
            _dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            _dialog.destroyed.connect(_forget)
            _dialog.show()
        _dialog.raise_()
        return _dialog
    except Exception:  # the hook must never raise itself: Python would print and carry on anyway
        log.exception("could not show the error dialog")
        return None


def _show_problem(app: QApplication, message: str) -> None:
    try:
        box = QMessageBox(QMessageBox.Icon.Warning, QApplication.translate("CrashDialog", "Testimonia"),
                          message, QMessageBox.StandardButton.Close, app.activeWindow())
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.show()
    except Exception:
        log.exception("could not show the problem")


def _forget(*_: object) -> None:
    global _dialog
    _dialog = None


def install() -> None:
    sys.excepthook = handle
