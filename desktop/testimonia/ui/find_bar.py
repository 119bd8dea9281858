"""Ctrl+F: find in the open document. Matching runs on the stored text (code points); the reader
converts the hits for display, like every other position."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from testimonia.core.search import find_hits

from . import icons
from .i18n import arg, format_count

MAX_HITS = 100_000


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    """Case-insensitive, literal matches as (start, end) code points: the project search's own, so
    its n-th hit in a document is Find's n-th."""
    return find_hits(text, unicodedata.normalize("NFC", query), MAX_HITS)


class FindBar(QWidget):
    hits_changed = Signal(list, int)  # hits, current index
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.text = ""
        self.hits: list[tuple[int, int]] = []
        self.current = -1
        self.edit = QLineEdit(placeholderText=self.tr("Find in document"), objectName="findEdit")
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(self._search)
        self.edit.returnPressed.connect(self.next)
        self.count = QLabel(objectName="findCount")
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        prev_b, next_b, close_b = QToolButton(), QToolButton(), QToolButton()
        icons.apply(prev_b, "fa5s.chevron-up")
        prev_b.setToolTip(self.tr("Previous (Shift+F3)"))
        prev_b.clicked.connect(self.previous)
        icons.apply(next_b, "fa5s.chevron-down")
        next_b.setToolTip(self.tr("Next (F3)"))
        next_b.clicked.connect(self.next)
        icons.apply(close_b, "fa5s.times")
        close_b.setToolTip(self.tr("Close (Esc)"))
        close_b.clicked.connect(self.close_bar)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(6, 2, 6, 2)
        lay.addWidget(self.edit, 1)
        lay.addWidget(self.count)
        lay.addWidget(prev_b)
        lay.addWidget(next_b)
        lay.addWidget(close_b)
        self.hide()

    def set_text(self, text: str) -> None:
        self.text = text
        if self.isVisible():
            self._search(self.edit.text())

    def open_bar(self, query: str | None = None) -> None:
        self.show()
        if query is not None:
            self.edit.setText(query)
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        self._search(self.edit.text())

    def close_bar(self) -> None:
        self.hide()
        self.hits, self.current = [], -1
        self.hits_changed.emit([], -1)
        self.closed.emit()

    def _search(self, query: str) -> None:
        self.hits = find_all(self.text, query)
        self.current = 0 if self.hits else -1
        self._announce()

    def go_to(self, index: int) -> None:
        """Make hit `index` (in text order) the current one; out of range leaves the first."""
        if 0 <= index < len(self.hits):
            self.current = index
            self._announce()

    def next(self) -> None:
        self._step(1)

    def previous(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        if not self.isVisible():
            self.open_bar()
            return
        if self.hits:
            self.current = (self.current + delta) % len(self.hits)
        self._announce()

    def _announce(self) -> None:
        if not self.edit.text():
            self.count.setText("")
        elif not self.hits:
            self.count.setText(self.tr("No matches"))
        else:
            self.count.setText(arg(self.tr("%1 of %2"), format_count(self.current + 1),
                                   format_count(len(self.hits))))
        self.hits_changed.emit(self.hits, self.current)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)
