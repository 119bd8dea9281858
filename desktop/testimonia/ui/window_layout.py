"""The main window's size and dock layout: the first size, and the one the user left (config file).

The first size fits the screen (1024×700 laptops and projectors included) and gives the reader
about half the width: the side panels are sized as shares of the window, not in pixels, so on a
small screen the reader is not what is left over. The team docks share the bottom as tabs.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtWidgets import QDockWidget

from testimonia.core import config

if TYPE_CHECKING:
    from .main_window import MainWindow

log = logging.getLogger(__name__)


PREFERRED = (1360, 860)
SIDE_SHARES = (0.2, 0.32)  # documents, annotations; the reader has the rest
BOTTOM_SHARE = 0.36  # the evidence table or conflicts when first opened


FRAME = 40  # a window manager's title bar and borders, outside the window's own size


def initial(win: MainWindow, available: QSize | None = None) -> None:
    """The size and dock widths of a window that has no saved layout, on a screen with `available`
    room (the window's screen's by default)."""
    room = available if available is not None else win.screen().availableGeometry().size()
    width = min(PREFERRED[0], room.width())
    height = min(PREFERRED[1], room.height() - FRAME)
    win.resize(width, height)
    side = [max(160, int(width * SIDE_SHARES[0])), max(260, int(width * SIDE_SHARES[1]))]
    win.resizeDocks([win.documents_dock, win.annotations_dock], side, Qt.Orientation.Horizontal)


def add_bottom_dock(win: MainWindow, dock: QDockWidget, others: list[QDockWidget]) -> None:
    """A team dock: under everything, full width, a tab beside the other team dock if there is one
    (side by side, the conflicts view had a third of the width and showed one row)."""
    win.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    if others:
        win.tabifyDockWidget(others[0], dock)
    else:
        win.resizeDocks([dock], [max(180, int(win.height() * BOTTOM_SHARE))], Qt.Orientation.Vertical)


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
