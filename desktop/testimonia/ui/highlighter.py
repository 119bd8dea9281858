"""Paints annotation spans into the reader's document, one block at a time, only where it is seen.

Measured on a 340-page report with 10,000 annotations (bench/bench_gui.py): highlighting every
block when a document opens cost 7x the setPlainText of the same text, because QSyntaxHighlighter
calls highlightBlock for the whole document. So highlightBlock does real work only for blocks the
reader asks for (`ensure`, called for the blocks about to be painted) and for blocks already
painted once; every other block is skipped at the cost of one Python call. A span edit re-does
just the blocks it touches. Extra selections were not an option: Qt walks all of them on every
paint, and 10,000 of them made scrolling visibly slow.

Layers: the first span over a run of text gives its background (the label colour, translucent);
where a second span overlaps, the background blends both colours and the text is underlined in the
second colour; a third layer makes that underline wavy. The selected annotation's outline is
painted by the reader itself, so selecting never re-highlights anything.
"""

from __future__ import annotations

from PySide6.QtCore import SIGNAL, SLOT, QObject
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextBlock, QTextCharFormat, QTextDocument

from testimonia.core.offsets import OffsetMap

from .spans import SpanIndex, segments

BACKGROUND_ALPHA = 0.38


def blend(colors: list[str]) -> QColor:
    qs = [QColor(c) for c in colors]
    n = len(qs)
    out = QColor(sum(c.red() for c in qs) // n, sum(c.green() for c in qs) // n, sum(c.blue() for c in qs) // n)
    out.setAlphaF(min(0.6, BACKGROUND_ALPHA + 0.1 * (n - 1)))
    return out


class SpanHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, index: SpanIndex, colors: dict[str, str]) -> None:
        super().__init__(None)
        self.index = index
        self.colors = colors
        self._formats: dict[tuple[str, ...], QTextCharFormat] = {}
        self._done: set[int] = set()  # block numbers whose formats match the index
        self._wanted = -1  # the block `ensure` is asking for
        self.bulk = False  # set while the reader replaces the whole text
        self.offsets = OffsetMap("")
        self.setDocument(document)
        # Qt re-highlights every block of a changed text, one Python call each (a third of the
        # opening time on the bench report). The reader's text only changes wholesale, and then
        # `reset` starts over anyway, so that automatic pass is cut off; `bulk` is the fallback
        # should a Qt version connect it differently.
        QObject.disconnect(document, SIGNAL("contentsChange(int,int,int)"),
                           self, SLOT("_q_reformatBlocks(int,int,int)"))

    def reset(self, index: SpanIndex, colors: dict[str, str], offsets: OffsetMap) -> None:
        """New spans (another document): nothing is formatted until it is painted."""
        self.index = index
        self.offsets = offsets
        if colors != self.colors:
            self.colors = dict(colors)
            self._formats.clear()
        self._done.clear()

    def set_colors(self, colors: dict[str, str]) -> None:
        self.colors = colors
        self._formats.clear()
        if not self._done:
            return  # nothing formatted yet (the window's start): every block is formatted before it is painted
        self._done.clear()
        self.rehighlight()  # clears every block cheaply; the visible ones are redone when painted

    def _format(self, labels: tuple[str, ...]) -> QTextCharFormat:
        fmt = self._formats.get(labels)
        if fmt is None:
            colours = [self.colors.get(lb, "#999999") for lb in labels]
            fmt = QTextCharFormat()
            fmt.setBackground(blend(colours[:2]))
            if len(colours) >= 2:
                fmt.setUnderlineStyle(
                    QTextCharFormat.UnderlineStyle.WaveUnderline if len(colours) >= 3
                    else QTextCharFormat.UnderlineStyle.SingleUnderline
                )
                fmt.setUnderlineColor(QColor(colours[1]).darker(140))
            self._formats[labels] = fmt
        return fmt

    def highlightBlock(self, text: str) -> None:
        if self.bulk:
            return
        block = self.currentBlock()
        n = block.blockNumber()
        if n != self._wanted and n not in self._done:
            return  # not seen yet: `ensure` formats it before it is first painted
        lo16 = block.position()
        hi16 = lo16 + block.length() - 1  # UTF-16 length without the separator; len(text) counts code points
        to_u16 = self.offsets.to_utf16
        lo, hi = self.offsets.to_codepoint(lo16), self.offsets.to_codepoint(hi16)
        for a, b, cover in segments(self.index.overlapping(lo, hi), lo, hi):
            a16 = to_u16(a)
            self.setFormat(a16 - lo16, to_u16(b) - a16, self._format(tuple(s.label_uuid for s in cover)))

    def ensure(self, block: QTextBlock) -> bool:
        """Format one block if it is not yet up to date; True when it had to be done."""
        n = block.blockNumber()
        if n in self._done or not block.isValid():
            return False
        self._wanted = n
        try:
            self.rehighlightBlock(block)
        finally:
            self._wanted = -1
        self._done.add(n)
        return True

    def is_done(self, block: QTextBlock) -> bool:
        return block.blockNumber() in self._done

    def refresh_range(self, start_cp: int, end_cp: int) -> None:
        """Re-highlight the painted blocks holding stored text start_cp..end_cp."""
        doc = self.document()
        if doc is None:
            return
        start, end = self.offsets.to_utf16(start_cp), self.offsets.to_utf16(end_cp)
        block = doc.findBlock(start)
        last = doc.findBlock(max(start, end - 1))
        while block.isValid():
            n = block.blockNumber()
            if n in self._done:  # blocks never painted are formatted when they first are
                self._done.discard(n)
                self.ensure(block)
            if block == last:
                break
            block = block.next()
