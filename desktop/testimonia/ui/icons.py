"""Font Awesome icons from the font qtawesome bundles, so they work offline on every platform.

Importing qtawesome takes about 200 ms (it imports qtpy, which imports every Qt module it wraps, then
loads ten icon fonts), a third of the app's start. The app only uses Font Awesome 5 Solid ("fa5s."),
so that one font and its character map are loaded straight from qtawesome's folder and the glyphs
painted the way qtawesome paints them (same size, centring and colours); any other prefix, or a
missing font file, falls back to qtawesome itself.

The app still asks for deferral before building its window: icons are then set just after the
window first shows. Code that sets icons goes through `apply`, which works either way.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import weakref
from functools import cache
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import QAbstractButton

log = logging.getLogger(__name__)

Target = QAction | QAbstractButton
_pending: list[tuple[weakref.ref[Target], str, str | None]] = []
_deferring = False
SOLID = "fa5s"


@cache
def icon(name: str, color: str | None = None) -> QIcon:
    try:
        prefix, _, glyph = name.partition(".")
        font = _solid_font() if prefix == SOLID else None
        if font is not None and glyph in font[1]:
            return QIcon(_GlyphEngine(font[0], font[1][glyph], color))
        import qtawesome

        return qtawesome.icon(name, color=color) if color else qtawesome.icon(name)
    except Exception:  # a missing glyph must never stop the window from opening
        log.warning("icon %s unavailable", name, exc_info=True)
        return QIcon()


@cache
def _solid_font() -> tuple[str, dict[str, str]] | None:
    """(font family, glyph name -> character) of qtawesome's Font Awesome 5 Solid; None if not found."""
    try:
        spec = importlib.util.find_spec("qtawesome")  # finds the package without importing it
        folders = list(spec.submodule_search_locations or ()) if spec else []
        for folder in folders:
            fonts = Path(folder) / "fonts"
            ttf = sorted(fonts.glob("fontawesome5-solid-webfont-[0-9]*.ttf"))
            charmap = sorted(fonts.glob("fontawesome5-solid-webfont-charmap-*.json"))
            if not ttf or not charmap:
                continue
            font_id = QFontDatabase.addApplicationFontFromData(ttf[-1].read_bytes())
            families = QFontDatabase.applicationFontFamilies(font_id)
            if not families:
                continue
            codes = json.loads(charmap[-1].read_text(encoding="utf-8"))
            return families[0], {key: chr(int(value, 16)) for key, value in codes.items()}
    except (OSError, ValueError, ImportError):
        log.warning("Font Awesome font not loaded directly; using qtawesome", exc_info=True)
    return None


def _text_color(group: QPalette.ColorGroup, fallback: QColor) -> QColor:
    app = QGuiApplication.instance()
    return app.palette().color(group, QPalette.ColorRole.Text) if isinstance(app, QGuiApplication) else fallback


class _GlyphEngine(QIconEngine):
    """One glyph, painted as qtawesome's CharIconPainter paints text: 7/8 of the height, centred;
    the given colour (else the palette's text colour), the palette's disabled text colour when disabled."""

    def __init__(self, family: str, char: str, color: str | None) -> None:
        super().__init__()
        self.family, self.char, self.color_name = family, char, color
        # Colours are taken when the icon is made, as qtawesome does.
        self.normal = QColor(color) if color else _text_color(QPalette.ColorGroup.Active, QColor(50, 50, 50))
        self.disabled = _text_color(QPalette.ColorGroup.Disabled, QColor(150, 150, 150))

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        painter.save()
        painter.setPen(self.disabled if mode == QIcon.Mode.Disabled else self.normal)
        font = QFont()
        font.setFamily(self.family)
        font.setPixelSize(round(0.875 * rect.height()))
        font.setStyleName("Solid")
        painter.setFont(font)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag.AlignVCenter), self.char)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pm = QPixmap(size)
        pm.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pm)
        try:
            self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        finally:
            painter.end()
        return pm

    def clone(self) -> QIconEngine:
        twin = _GlyphEngine(self.family, self.char, self.color_name)
        twin.normal, twin.disabled = self.normal, self.disabled
        return twin


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
