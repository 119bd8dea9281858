"""Suggestions in the reader: a dashed outline in the label's colour around each suggested span.

Painted over the viewport after the text (Reader.overlays), never as character formats: a
suggestion is not an annotation, and re-highlighting blocks for thousands of them would cost what
the lazy highlighter saves (see highlighter.py). Only the spans in view are looked at on a paint
(one bisect over the spans sorted by start), so a 340-page report with 2,000 suggestions paints
as fast as one with none.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QTextLayout

from .reader import Reader

Key = tuple[str, str, int, int]  # document, label, start, end (code points): one suggested place


@dataclass(frozen=True, slots=True)
class Outline:
    start: int  # UTF-16, as the reader's layout counts
    end: int
    color: str
    key: Key


class SuggestionOverlay:
    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.outlines: list[Outline] = []
        self._starts: list[int] = []
        self._longest = 0
        self.current: Key | None = None
        reader.overlays.append(self.paint)

    def set_spans(self, spans: Iterable[tuple[int, int, str, Key]]) -> None:
        """The open document's suggestions as (start, end) in code points, colour, key."""
        offsets = self.reader.offsets
        if offsets.utf16_length() == offsets.codepoint_length():  # no character outside the BMP: same numbers
            outlines = [Outline(a, b, color, key) for a, b, color, key in spans]
        else:
            to_u16 = offsets.to_utf16
            outlines = [Outline(to_u16(a), to_u16(b), color, key) for a, b, color, key in spans]
        outlines.sort(key=lambda o: (o.start, o.end))
        self.outlines = outlines
        self._starts = [o.start for o in self.outlines]
        self._longest = max((o.end - o.start for o in self.outlines), default=0)
        self.reader.viewport().update()

    def clear(self) -> None:
        self.current = None
        self.set_spans(())

    def set_current(self, key: Key | None) -> None:
        if key != self.current:
            self.current = key
            self.reader.viewport().update()

    def at(self, cp: int) -> list[Key]:
        """Keys of the outlines around a code-point position, shortest first (a click in the reader)."""
        pos = self.reader.offsets.to_utf16(cp)
        found = [o for o in self._around(pos, pos + 1) if o.start <= pos < o.end]
        return [o.key for o in sorted(found, key=lambda o: o.end - o.start)]

    def _around(self, lo: int, hi: int) -> list[Outline]:
        i = bisect_left(self._starts, lo - self._longest)
        out = []
        while i < len(self.outlines) and self.outlines[i].start < hi:
            if self.outlines[i].end > lo:
                out.append(self.outlines[i])
            i += 1
        return out

    def paint(self, painter: QPainter) -> None:
        if not self.outlines:
            return
        r = self.reader
        height = r.viewport().height()
        offset = r.contentOffset()
        block = r.firstVisibleBlock()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        while block.isValid():
            geom = r.blockBoundingGeometry(block).translated(offset)
            if geom.top() > height:
                break
            lo, hi = block.position(), block.position() + block.length()
            here = self._around(lo, hi) if block.isVisible() else []
            if here:
                layout = block.layout()
                # As Reader._paint_overlays: where the block's layout is drawn in the viewport.
                base = QPointF(offset.x(), geom.top() - r.blockBoundingRect(block).top()) + layout.position()
                for i, o in enumerate(here):
                    # Spans suggested twice (a statement that is also an obligation) nest, not hide.
                    layer = sum(1 for p in here[:i] if p.start < o.end and o.start < p.end)
                    self._outline(painter, o, layout, lo, base, min(layer, 3) * 2.5)
            block = block.next()

    def _outline(self, painter: QPainter, o: Outline, layout: QTextLayout, lo: int, base: QPointF,
                 inset: float) -> None:
        current = o.key == self.current
        color = QColor(o.color)
        pen = QPen(color.darker(150) if current else color.darker(115), 2.4 if current else 1.5,
                   Qt.PenStyle.DashLine)
        painter.setPen(pen)
        if current:
            fill = QColor(color)
            fill.setAlphaF(0.16)
            painter.setBrush(fill)
        for n in range(layout.lineCount()):
            line = layout.lineAt(n)
            ls = lo + line.textStart()
            a, b = max(o.start, ls), min(o.end, ls + line.textLength())
            if a >= b:
                continue
            x1 = line.cursorToX(a - lo)[0]
            x2 = line.cursorToX(b - lo)[0]
            rect = QRectF(base.x() + x1 - 2, base.y() + line.y() + 0.5, x2 - x1 + 4, line.height() - 1)
            painter.drawRoundedRect(rect.adjusted(-inset, -inset / 2, inset, inset / 2), 3, 3)
        if current:
            painter.setBrush(Qt.BrushStyle.NoBrush)
