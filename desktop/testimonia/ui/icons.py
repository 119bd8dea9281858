"""qtawesome icons, bundled as fonts, so they work offline on every platform."""

from __future__ import annotations

import logging
from functools import cache

from PySide6.QtGui import QIcon

log = logging.getLogger(__name__)


@cache
def icon(name: str, color: str | None = None) -> QIcon:
    try:
        import qtawesome

        return qtawesome.icon(name, color=color) if color else qtawesome.icon(name)
    except Exception:  # a missing glyph must never stop the window from opening
        log.warning("icon %s unavailable", name, exc_info=True)
        return QIcon()
