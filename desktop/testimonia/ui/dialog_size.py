"""Dialogs as wide as what they show: their title, their longest value, a readable line.

Qt sizes a dialog to its layout's size hint, which for line edits and plain-text boxes is a
fixed small width whatever they hold: "Edit and resolve…" opened 278 pixels wide and cut its
values, and the merge preview's title did not fit its own title bar.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QDialog

TITLE_BAR_EXTRA = 160  # a window manager's buttons and margins beside the title
READABLE_CHARS = 60
LONGEST_CHARS = 100  # a longer value or note line wraps or scrolls rather than widen the dialog more


def fit(dialog: QDialog, texts: Iterable[str] = (), *, beside: int = 0, chars: int = READABLE_CHARS,
        taller: int = 0) -> None:
    """Resize to show the title, `chars` characters a line, and each of `texts` on one line (up to
    LONGEST_CHARS) `beside` pixels of other things (a form's titles), and `taller` pixels more than
    its layout needs (a list's further rows), within 90 % of the screen."""
    fm = dialog.fontMetrics()
    widths = [dialog.sizeHint().width(), fm.horizontalAdvance(dialog.windowTitle()) + TITLE_BAR_EXTRA,
              chars * fm.averageCharWidth()]
    margins = dialog.layout().contentsMargins() if dialog.layout() is not None else None
    pad = (margins.left() + margins.right() if margins is not None else 0) + 40  # frames, clear buttons
    longest = LONGEST_CHARS * fm.averageCharWidth()
    widths += [min(fm.horizontalAdvance(line), longest) + beside + pad for text in texts for line in text.splitlines()]
    parent = dialog.parentWidget()
    screen = (parent or dialog).screen().availableGeometry()
    width = min(max(widths), int(screen.width() * 0.9))
    height = max(dialog.sizeHint().height(), dialog.minimumSizeHint().height()) + taller
    height = min(height, int(screen.height() * 0.9))
    dialog.resize(width, height)
