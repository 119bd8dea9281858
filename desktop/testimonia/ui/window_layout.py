"""The main window's size and dock layout: the first size, and the one the user left (config file)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt

from testimonia.core import config

if TYPE_CHECKING:
    from .main_window import MainWindow

log = logging.getLogger(__name__)


def initial(win: MainWindow) -> None:
    """The size and dock widths of a window that has no saved layout."""
    win.resize(1360, 860)
    win.resizeDocks([win.documents_dock, win.annotations_dock], [280, 460], Qt.Orientation.Horizontal)


def restore(win: MainWindow) -> None:
    """Window size and dock layout as the user left them (kept in the user config file)."""
    data = config.load()
    for key, apply in (("window_geometry", win.restoreGeometry), ("window_state", win.restoreState)):
        value = data.get(key)
        if isinstance(value, str):
            apply(QByteArray.fromBase64(value.encode("ascii")))


def save(win: MainWindow) -> None:
    try:
        data = config.load()
        data["window_geometry"] = bytes(win.saveGeometry().toBase64().data()).decode("ascii")
        data["window_state"] = bytes(win.saveState().toBase64().data()).decode("ascii")
        config.save(data)
    except OSError:
        log.warning("could not save the window layout", exc_info=True)
