"""One disagreement side by side: the passage once per annotator, each with only their own spans,
in their own colour, so a missing span, a moved boundary or another label shows at a glance.

Each track is a read-only plain-text pane of the passage around the disagreement (the whole
document would be set once per annotator: 340 pages three times over); the spans in question are
drawn strong and underlined, the annotator's other spans there faintly. Under each pane one plain
line says what that annotator has: label, characters, fields.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QSplitter, QTextEdit, QVBoxLayout, QWidget

from testimonia.core.agreement.matching import Span

from .agreement_text import label_text
from .core_text import fields_line
from .i18n import arg, format_count
from .plain import plain_label

CONTEXT = 240  # characters shown before and after the disagreement
TRACK_COLORS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2")


@dataclass
class Track:
    name: str
    color: str
    spans: list[Span]  # this annotator's spans in the document
    involved: Span | None  # their side of the disagreement (None: they have no span there)


def _utf16(text: str, cp: int) -> int:
    return len(text[:cp].encode("utf-16-le")) // 2


class ComparePanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = plain_label()
        self.title.setObjectName("compareTitle")
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setChildrenCollapsible(False)
        self.panes: list[QPlainTextEdit] = []
        self.infos: list[str] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.title)
        lay.addWidget(self.split, 1)
        self.clear()

    def clear(self, text: str = "") -> None:
        for i in reversed(range(self.split.count())):
            w = self.split.widget(i)
            w.hide()
            w.setParent(None)
            w.deleteLater()
        self.panes, self.infos = [], []
        self.title.setText(text or self.tr("Choose a disagreement to see the versions side by side; Enter or "
                                           "double-click also opens it in the reader."))

    def show_tracks(self, title: str, text: str, tracks: list[Track]) -> None:
        self.clear()
        involved = [t.involved for t in tracks if t.involved is not None]
        lo = min((s.start for s in involved), default=0)
        hi = max((s.end for s in involved), default=0)
        a, b = max(0, lo - CONTEXT), min(len(text), hi + CONTEXT)
        passage = text[a:b]
        self.title.setText(arg(self.tr("“%1”, characters %2–%3: each annotator's spans in their own colour"),
                               title, format_count(lo), format_count(hi)))
        for track in tracks:
            self._add_pane(track, passage, a)

    def _add_pane(self, track: Track, passage: str, offset: int) -> None:
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        lay = QVBoxLayout(box)
        lay.setContentsMargins(4, 4, 4, 4)
        name = plain_label(track.name, wrap=False)
        bold = QFont(name.font())
        bold.setBold(True)
        name.setFont(bold)
        name.setStyleSheet(f"color: {track.color}")
        pane = QPlainTextEdit(objectName="compareTrack")
        pane.setReadOnly(True)
        pane.setPlainText(passage)
        pane.setAccessibleName(track.name)
        pane.setExtraSelections(self._selections(pane, track, passage, offset))
        s = track.involved
        if s is None:
            info = self.tr("no span here")
        else:
            info = arg(self.tr("%1, characters %2–%3"), label_text(s.label), format_count(s.start), format_count(s.end))
            shown = fields_line(s.label, s.fields)
            if shown:
                info += " · " + shown
            cur = pane.textCursor()
            cur.setPosition(_utf16(passage, max(0, s.start - offset)))
            pane.setTextCursor(cur)
            pane.centerCursor()
        lay.addWidget(name)
        lay.addWidget(pane, 1)
        lay.addWidget(plain_label(info))
        self.split.addWidget(box)
        self.panes.append(pane)
        self.infos.append(info)

    @staticmethod
    def _selections(pane: QPlainTextEdit, track: Track, passage: str, offset: int) -> list[QTextEdit.ExtraSelection]:
        out = []
        end = offset + len(passage)
        for s in sorted(track.spans, key=lambda s: (s.start, s.end)):
            if s.end <= offset or s.start >= end:
                continue
            strong = track.involved is not None and s.uuid == track.involved.uuid
            color = QColor(track.color)
            color.setAlphaF(0.45 if strong else 0.15)
            fmt = QTextCharFormat()
            fmt.setBackground(color)
            if strong:
                fmt.setFontUnderline(True)
                fmt.setUnderlineColor(QColor(track.color))
                fmt.setFontWeight(QFont.Weight.Bold)
            sel = QTextEdit.ExtraSelection()
            cur = QTextCursor(pane.document())
            cur.setPosition(_utf16(passage, max(0, s.start - offset)))
            cur.setPosition(_utf16(passage, min(len(passage), s.end - offset)), QTextCursor.MoveMode.KeepAnchor)
            sel.cursor, sel.format = cur, fmt  # type: ignore[attr-defined]
            out.append(sel)
        return out
