"""qtawesome icons, bundled as fonts, so they work offline on every platform.

Importing qtawesome takes about 160 ms (it loads qtpy and its fonts), a fifth of the app's start.
So the app asks for deferral before building its window: icons are then set just after the window
first shows. Code that sets icons goes through `apply`, which works either way.
"""

from __future__ import annotations

import logging
import weakref
from functools import cache

from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QAbstractButton

log = logging.getLogger(__name__)

Target = QAction | QAbstractButton
_pending: list[tuple[weakref.ref[Target], str, str | None]] = []
_deferring = False


@cache
def icon(name: str, color: str | None = None) -> QIcon:
    try:
        import qtawesome

        return qtawesome.icon(name, color=color) if color else qtawesome.icon(name)
    except Exception:  # a missing glyph must never stop the window from opening
        log.warning("icon %s unavailable", name, exc_info=True)
        return QIcon()


def apply(target: Target, name: str, color: str | None = None) -> None:
    if _deferring:
        _pending.append((weakref.ref(target), name, color))
    else:
        target.setIcon(icon(name, color))


def defer() -> None:
    global _deferring
    _deferring = True


def load_pending() -> None:
    """Set every icon asked for while deferring; later `apply` calls set theirs at once."""
    global _deferring
    _deferring = False
    pending, _pending[:] = list(_pending), []
    for ref, name, color in pending:
        target = ref()
        if target is not None:
            try:
                target.setIcon(icon(name, color))
            except RuntimeError:  # the Qt object went away meanwhile
                continue
