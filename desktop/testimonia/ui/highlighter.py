"""Paints annotation spans into the reader's document, one block at a time.

Measured on a 340-page report with 10,000 annotations (bench/bench_gui.py): a syntax highlighter
that looks spans up per block costs far less than extra selections (which Qt walks on every paint)
or char formats merged into the document (which fire contentsChange and re-layout). Only the
blocks an edit touches are re-highlighted afterwards.

Layers: the first span over a run of text gives its background (the label colour, translucent);
where a second span overlaps, the background blends both colours and the text is underlined in the
second colour; a third layer makes that underline wavy. The selected annotation gets its outline
from the reader's paint event, not from here, so selecting never re-highlights anything.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

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
        # Attach to the document only after the spans are in place, so the one full pass Qt makes
        # on attaching already paints everything.
        super().__init__(None)
        self.index = index
        self.colors = colors
        self._formats: dict[tuple[str, ...], QTextCharFormat] = {}
        self.setDocument(document)

    def set_colors(self, colors: dict[str, str]) -> None:
        self.colors = colors
        self._formats.clear()
        self.rehighlight()

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
        block = self.currentBlock()
        lo = block.position()
        hi = lo + block.length() - 1  # UTF-16 length without the separator; len(text) counts code points
        spans = self.index.overlapping(lo, hi)
        if not spans:
            return
        for a, b, cover in segments(spans, lo, hi):
            self.setFormat(a - lo, b - a, self._format(tuple(s.label_uuid for s in cover)))

    def refresh_range(self, start: int, end: int) -> None:
        """Re-highlight the blocks holding UTF-16 positions start..end."""
        doc = self.document()
        if doc is None:
            return
        block = doc.findBlock(start)
        last = doc.findBlock(max(start, end - 1))
        while block.isValid():
            self.rehighlightBlock(block)
            if block == last:
                break
            block = block.next()
