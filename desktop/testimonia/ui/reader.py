"""The reader: the stored text, read-only and exact, with annotation highlights painted over it.

Positions cross between our code points and Qt's UTF-16 positions only through the OffsetMap built
when a document is loaded (core/offsets.py). Span text is never read back from Qt: callers get
code-point offsets and slice the stored text themselves.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from testimonia.core.offsets import OffsetMap
from testimonia.core.queries import page_of
from testimonia.core.views import AnnotationView

from .annotations_model import Row
from .highlighter import SpanHighlighter
from .i18n import arg, format_count
from .spans import Span, SpanIndex, span_of, spans_of

FIND_HIT = QColor(255, 150, 0, 90)
FIND_CURRENT = QColor(255, 110, 0, 200)
MAX_FIND_MARKS = 5000  # extra selections are walked on every paint; beyond this only the current shows


class Reader(QPlainTextEdit):
    annotation_clicked = Signal(str)  # "" when a click lands outside every span
    page_changed = Signal(int)  # 0 when the document has no pages
    text_loaded = Signal()  # another text (or none) is shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reader")
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setUndoRedoEnabled(False)
        self.document().setDocumentMargin(14)
        self.text = ""
        self.offsets = OffsetMap("")
        self.index = SpanIndex()
        self.colors: dict[str, str] = {}
        # Created while the document is empty, so attaching it schedules no pass over the text.
        self.highlighter = SpanHighlighter(self.document(), self.index, self.colors)
        self.selected: str | None = None
        self._page_starts: list[int] = []  # UTF-16
        self._page_starts_cp: list[int] | None = None
        self._context_actions: list[QAction | None] = []
        # Painted over the text after the highlights, by features of their own (suggestions).
        self.overlays: list[Callable[[QPainter], None]] = []
        self._find_hits: list[tuple[int, int]] = []
        self._find_current = -1
        self._zoom = 0
        self._last_page = -1
        self._page_timer = QTimer(self, singleShot=True, interval=60)
        self._page_timer.timeout.connect(self._emit_page)
        # Not connected to start() itself: valueChanged's value would become the timer's interval,
        # so after Ctrl+End the page would show only half a second per 500 lines later.
        self.verticalScrollBar().valueChanged.connect(lambda _value: self._page_timer.start())

    # -- loading ---------------------------------------------------------------------------
    def load(self, text: str, annotations: Iterable[AnnotationView | Row], colors: dict[str, str],
             page_starts: list[int] | None = None, offsets: OffsetMap | None = None) -> None:
        """`offsets`: the text's OffsetMap if a worker built it already."""
        self.unload()
        self.text = text
        self.offsets = offsets if offsets is not None and offsets.codepoint_length() == len(text) else OffsetMap(text)
        self.colors = dict(colors)
        self.index = SpanIndex(spans_of(annotations))
        self._page_starts_cp = page_starts
        self._page_starts = [self.offsets.to_utf16(p) for p in page_starts or ()]
        self.highlighter.reset(self.index, self.colors, self.offsets)
        self._set_text(text)
        self._last_page = -1
        self._page_timer.start()
        self.text_loaded.emit()

    def _set_text(self, text: str) -> None:
        # The highlighter stays attached; in bulk mode it skips the pass Qt makes over every block
        # on a text change, and formats blocks only as they are painted.
        self.highlighter.bulk = True
        try:
            self.setPlainText(text)
        finally:
            self.highlighter.bulk = False

    def unload(self) -> None:
        self.selected = None
        self._find_hits, self._find_current = [], -1
        self.setExtraSelections([])
        self.text, self.offsets, self.index = "", OffsetMap(""), SpanIndex()
        self._page_starts, self._page_starts_cp = [], None
        self.highlighter.reset(self.index, self.colors, self.offsets)
        self._set_text("")
        self.text_loaded.emit()

    def set_spans(self, annotations: Iterable[AnnotationView | Row]) -> None:
        """New spans over the text already shown (after a merge): the view keeps its place."""
        self.selected = None
        self.index = SpanIndex(spans_of(annotations))
        # Painted blocks are formatted again before they are next painted (see highlighter.py).
        self.highlighter.reset(self.index, self.colors, self.offsets)
        self.viewport().update()

    def set_colors(self, colors: dict[str, str]) -> None:
        if colors == self.colors:
            return  # re-highlighting would call back into Python once per block for nothing
        self.colors = dict(colors)
        self.highlighter.set_colors(self.colors)
        self.viewport().update()

    # -- spans -----------------------------------------------------------------------------
    def upsert(self, view: AnnotationView) -> None:
        if view.deleted and not view.conflict:
            self.remove(view.uuid)
            return
        span = span_of(view)
        old = self.index.put(span)
        self._repaint_spans(old, span)

    def remove(self, uuid: str) -> None:
        old = self.index.discard(uuid)
        if uuid == self.selected:
            self.selected = None
        self._repaint_spans(old)

    def _repaint_spans(self, *spans: Span | None) -> None:
        for s in spans:
            if s is not None:
                self.highlighter.refresh_range(s.start, s.end)
        self.viewport().update()

    def set_selected(self, uuid: str | None, reveal: bool = False) -> None:
        self.selected = uuid or None
        span = self.index.get(uuid) if uuid else None
        if span is not None and reveal:
            self.reveal_cp(span.start, span.end)
        self.viewport().update()

    # -- positions -------------------------------------------------------------------------
    def selection_cp(self) -> tuple[int, int] | None:
        """The selection as code-point offsets into the stored text, trimmed of outer whitespace."""
        cur = self.textCursor()
        if not cur.hasSelection():
            return None
        start = self.offsets.to_codepoint(cur.selectionStart())
        end = self.offsets.to_codepoint(cur.selectionEnd())
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return (start, end) if start < end else None

    def select_cp(self, start: int, end: int) -> None:
        cur = self.textCursor()
        cur.setPosition(self.offsets.to_utf16(start))
        cur.setPosition(self.offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cur)
        self.ensureCursorVisible()

    def reveal_cp(self, start: int, end: int) -> None:
        self._reveal_u16(self.offsets.to_utf16(start), self.offsets.to_utf16(end))

    def _reveal_u16(self, start: int, end: int) -> None:
        cur = QTextCursor(self.document())
        cur.setPosition(min(end, self.document().characterCount() - 1))
        self.setTextCursor(cur)
        self.ensureCursorVisible()
        cur.setPosition(start)
        self.setTextCursor(cur)
        self.ensureCursorVisible()

    def page_at_top(self) -> int | None:
        if not self._page_starts_cp:
            return None
        pos = self.cursorForPosition(QPoint(0, 4)).position()
        return page_of(self._page_starts_cp, self.offsets.to_codepoint(min(pos, self.offsets.utf16_length())))

    def current_page(self) -> int | None:
        """The page the status bar names: the one at the top of the view, except once the end of the
        text is in view (Ctrl+End), where the last page is the one looked for, however short."""
        last = self.document().lastBlock()
        end_shown = self.blockBoundingGeometry(last).translated(self.contentOffset()).top() < self.viewport().height()
        if not self._page_starts_cp or self.verticalScrollBar().value() == 0 or not end_shown:
            return self.page_at_top()
        return len(self._page_starts_cp)

    def _emit_page(self) -> None:
        page = self.current_page() or 0
        if page != self._last_page:
            self._last_page = page
            self.page_changed.emit(page)

    # -- find marks ------------------------------------------------------------------------
    def set_find_hits(self, hits: list[tuple[int, int]], current: int = -1) -> None:
        """Mark find results (code points); the current one is selected so Ctrl+C copies it."""
        self._find_hits = [(self.offsets.to_utf16(a), self.offsets.to_utf16(b)) for a, b in hits]
        self._find_current = current
        marks = []
        shown = self._find_hits if len(self._find_hits) <= MAX_FIND_MARKS else []
        for i, (a, b) in enumerate(shown):
            if i != current:
                marks.append(self._extra(a, b, FIND_HIT))
        if 0 <= current < len(self._find_hits):
            a, b = self._find_hits[current]
            marks.append(self._extra(a, b, FIND_CURRENT))
            self._reveal_u16(a, b)
            cur = self.textCursor()
            cur.setPosition(a)
            cur.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(cur)  # selected: a label key marks the hit, Ctrl+C copies it
        self.setExtraSelections(marks)

    def _extra(self, a: int, b: int, color: QColor) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        cur = QTextCursor(self.document())
        cur.setPosition(a)
        cur.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cur
        sel.format.setBackground(color)
        return sel

    # -- zoom ------------------------------------------------------------------------------
    def zoom(self, steps: int) -> None:
        if steps == 0:
            self.zoomOut(self._zoom)
            self._zoom = 0
            return
        steps = max(-6, min(20, self._zoom + steps)) - self._zoom
        self.zoomIn(steps)
        self._zoom += steps

    # -- mouse and menu --------------------------------------------------------------------
    def set_context_actions(self, actions: list[QAction | None]) -> None:
        """Actions appended to the context menu; None is a separator."""
        self._context_actions = list(actions)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if not self.textCursor().hasSelection():
            self._click_select(event.pos())
        menu = self.createStandardContextMenu(event.pos())
        menu.addSeparator()
        for action in self._context_actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            self._click_select(event.position().toPoint())

    def _click_select(self, point: QPoint) -> None:
        pos = self.offsets.to_codepoint(self.cursorForPosition(point).position())
        hits = self.index.at(pos) or (self.index.at(pos - 1) if pos > 0 else [])
        if not hits:
            self.annotation_clicked.emit("")
            return
        uuids = [s.uuid for s in hits]
        # Clicking again where spans overlap cycles through them, shortest first.
        nxt = uuids[(uuids.index(self.selected) + 1) % len(uuids)] if self.selected in uuids else uuids[0]
        self.annotation_clicked.emit(nxt)

    # -- painting --------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        self._ensure_highlighted()
        super().paintEvent(event)
        if not self._page_starts and self.selected is None and not self.overlays:
            return
        painter = QPainter(self.viewport())
        try:
            self._paint_overlays(painter)
            for paint in self.overlays:
                paint(painter)
        finally:
            painter.end()

    def _ensure_highlighted(self) -> None:
        """Format the blocks about to be painted; only these ever cost anything (see highlighter.py)."""
        height = self.viewport().height()
        offset = self.contentOffset()
        block = self.firstVisibleBlock()
        while block.isValid():
            self.highlighter.ensure(block)
            if self.blockBoundingGeometry(block).translated(offset).top() > height:
                break
            block = block.next()

    def _paint_overlays(self, painter: QPainter) -> None:
        selected = self.index.get(self.selected) if self.selected else None
        to_u16 = self.offsets.to_utf16
        sel_a, sel_b = (to_u16(selected.start), to_u16(selected.end)) if selected else (0, 0)
        height = self.viewport().height()
        width = self.viewport().width()
        offset = self.contentOffset()
        block = self.firstVisibleBlock()
        page_pen = QPen(QColor(120, 120, 120), 1, Qt.PenStyle.DashLine)
        outline = QPen(QColor(self.colors.get(selected.label_uuid, "#444444")).darker(170), 2) if selected else None
        while block.isValid():
            geom = self.blockBoundingGeometry(block).translated(offset)
            if geom.top() > height:
                break
            if block.isVisible():
                lo, hi = block.position(), block.position() + block.length()
                layout = block.layout()
                # Where QPlainTextEdit.paintEvent draws this block's layout, plus the layout's own position.
                base = QPointF(offset.x(), geom.top() - self.blockBoundingRect(block).top()) + layout.position()
                first = bisect_left(self._page_starts, lo)
                for i in range(first, bisect_left(self._page_starts, hi)):
                    line = layout.lineForTextPosition(self._page_starts[i] - lo)
                    y = base.y() + (line.y() if line.isValid() else 0) - 1
                    painter.setPen(page_pen)
                    painter.drawLine(QPointF(0, y), QPointF(width, y))
                    painter.setPen(QColor(110, 110, 110))
                    painter.drawText(QRectF(0, y - 16, width - 8, 15),
                                     int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
                                     arg(self.tr("page %1"), format_count(i + 1)))
                if outline is not None and sel_a < hi and sel_b > lo:
                    painter.setPen(outline)
                    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
                    for n in range(layout.lineCount()):
                        line = layout.lineAt(n)
                        ls, le = lo + line.textStart(), lo + line.textStart() + line.textLength()
                        a, b = max(sel_a, ls), min(sel_b, le)
                        if a >= b:
                            continue
                        x1 = line.cursorToX(a - lo)[0]
                        x2 = line.cursorToX(b - lo)[0]
                        rect = QRectF(base.x() + x1 - 1, base.y() + line.y(), x2 - x1 + 2, line.height())
                        painter.drawRoundedRect(rect, 3, 3)
            block = block.next()

    def pages_between(self, lo_cp: int, hi_cp: int) -> list[int]:
        """Pages (1-based) whose start falls inside the code-point range, for tests and tooltips."""
        if not self._page_starts_cp:
            return []
        a = bisect_right(self._page_starts_cp, lo_cp)
        b = bisect_left(self._page_starts_cp, hi_cp)
        return list(range(a + 1, b + 1))
