"""File › Send a copy to a teammate…: one consistent file to attach or copy to a stick
(core/sendcopy.py), written off the GUI thread."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from testimonia.core.schema import SUFFIX
from testimonia.core.sendcopy import copy_name, send_copy

from .i18n import arg, translate

if TYPE_CHECKING:
    from .shell import Shell
    from .workers import Task


def _documents_folder() -> Path:
    from platformdirs import user_documents_dir

    folder = Path(user_documents_dir())
    return folder if folder.is_dir() else Path.home()


def send_copy_dialog(win: Shell, target: Path | None = None) -> Task | None:
    """Ask where (unless `target` is given), then write the copy in a worker."""
    if win.session is None:
        win.show_status(translate("SendCopy", "Open or create a project first"))
        return None
    store, who = win.session.store, win.session.author.name
    if target is None:
        suggested = _documents_folder() / copy_name(store.path, who, datetime.now())
        chosen, _ = QFileDialog.getSaveFileName(win, translate("SendCopy", "Send a copy to a teammate"), str(suggested),
                                                translate("SendCopy", "Testimonia project (*%1)").replace("%1", SUFFIX))
        if not chosen:
            return None
        target = Path(chosen)
        if target.suffix != SUFFIX:
            target = target.with_name(target.name + SUFFIX)
    # The file dialog has asked before replacing a file; the command line never replaces one.
    out = target

    def job(_progress: object, _cancelled: object) -> Path:
        return send_copy(store, out, who, replace=True)

    def done(path: object) -> None:
        size = Path(str(path)).stat().st_size
        win.show_message(translate("SendCopy", "Send a copy to a teammate"),
                         arg(translate("SendCopy", "Saved a copy of the project as\n%1\n(%2 KB).\n\nAttach it to "
                                       "an e-mail or copy it to a stick: it holds all your work, and it was safe to "
                                       "make while you work."),
                             str(path), f"{size / 1024:,.0f}"), QMessageBox.Icon.Information)

    return win.run_job(translate("SendCopy", "Writing a copy for a teammate"), job, done)  # type: ignore[arg-type]
