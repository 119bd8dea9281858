"""The figures chart drawn with QPainter from core/evidence/chart.py's layout (the HTML report
writes the same layout as SVG). QPainter rather than a plotting library: nothing new to install
or to load at start, and the marks need only points, bars, hover and click.

Hover shows a figure's exact text, a click (or Enter on the keyboard-selected mark) asks to jump
to it; Left and Right move between marks, so the chart works without a mouse.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from testimonia.core.evidence.chart import Layout, Mark

from .plain import plain_tooltip

MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 56, 12, 10, 30
LEGEND_ROW = 18
SMOOTH_MARKS = 150


class FigureChart(QWidget):
    jump = Signal(str, str)  # annotation UUID, document UUID
    current_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figureChart")
        self.lay = Layout((), (), (), (), 0)
        self.current = -1
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumHeight(180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Figures compared"))

    def set_layout(self, lay: Layout) -> None:
        self.lay = lay
        self.current = 0 if lay.marks else -1
        self.update()

    # -- geometry ------------------------------------------------------------------------------
    def _legend_rows(self) -> int:
        return (len(self.lay.sources) + 2) // 3

    def plot_rect(self) -> QRectF:
        bottom = MARGIN_BOTTOM + LEGEND_ROW * self._legend_rows()
        return QRectF(MARGIN_LEFT, MARGIN_TOP, max(10, self.width() - MARGIN_LEFT - MARGIN_RIGHT),
                      max(10, self.height() - MARGIN_TOP - bottom))

    def _pos(self, m: Mark, r: QRectF) -> tuple[float, float, float]:
        x = r.left() + (m.x0 + m.x1) / 2 * r.width()
        return x, r.bottom() - m.y0 * r.height(), r.bottom() - m.y1 * r.height()

    def mark_at(self, point: QPointF) -> int:
        r = self.plot_rect()
        best, best_d = -1, 9.0 ** 2
        for i, m in enumerate(self.lay.marks):
            x, y0, y1 = self._pos(m, r)
            dy = 0.0 if y1 - 3 <= point.y() <= y0 + 3 else min(abs(point.y() - y0), abs(point.y() - y1))
            d = (point.x() - x) ** 2 + dy ** 2
            if d < best_d:
                best, best_d = i, d
        return best

    # -- painting ------------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(pal.ColorRole.WindowText)
        r = self.plot_rect()
        p.fillRect(self.rect(), pal.color(pal.ColorRole.Base))
        if not self.lay.marks:
            p.setPen(text)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                       self.tr("No figure with a date and a number to compare."))
            return
        grid = QColor(text)
        grid.setAlpha(40)
        fm = p.fontMetrics()
        for f, label in self.lay.y_ticks:
            y = r.bottom() - f * r.height()
            p.setPen(grid)
            p.drawLine(QPointF(r.left(), y), QPointF(r.right(), y))
            p.setPen(text)
            p.drawText(QRectF(0, y - fm.height() / 2, MARGIN_LEFT - 6, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
        last_right = -1e9
        for f, label in self.lay.x_ticks:
            x = r.left() + f * r.width()
            p.setPen(grid)
            p.drawLine(QPointF(x, r.top()), QPointF(x, r.bottom()))
            half = fm.horizontalAdvance(label) / 2
            if x - half > last_right + 6:  # labels that would overlap are left out (their lines stay)
                p.setPen(text)
                p.drawText(QRectF(x - half - 2, r.bottom() + 4, 2 * half + 4, fm.height()),
                           Qt.AlignmentFlag.AlignHCenter, label)
                last_right = x + half
        p.setPen(QPen(text, 1))
        p.drawRect(r)
        self._paint_marks(p, r)
        for i, (name, color) in enumerate(self.lay.sources):
            lx = r.left() + (i % 3) * (r.width() / 3)
            ly = self.height() - LEGEND_ROW * (self._legend_rows() - i // 3) - 4
            p.fillRect(QRectF(lx, ly + 3, 10, 10), QColor(color))
            p.setPen(text)
            p.drawText(QRectF(lx + 14, ly, r.width() / 3 - 16, LEGEND_ROW),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                       fm.elidedText(name, Qt.TextElideMode.ElideRight, int(r.width() / 3 - 16)))

    def _paint_marks(self, p: QPainter, r: QRectF) -> None:
        """All marks, one path per colour and style. Antialiasing only for a readable few: 600
        overlapping antialiased marks took 95-135 ms to paint, 23 ms without it."""
        p.setRenderHint(QPainter.RenderHint.Antialiasing, len(self.lay.marks) <= SMOOTH_MARKS)
        periods: dict[str, QPainterPath] = {}
        shapes: dict[tuple[str, bool, bool], QPainterPath] = {}
        for m in self.lay.marks:
            x, y0, y1 = self._pos(m, r)
            if m.x1 > m.x0:  # a period: a thin line over its months or year
                line = periods.setdefault(m.color, QPainterPath())
                line.moveTo(r.left() + m.x0 * r.width(), y1)
                line.lineTo(r.left() + m.x1 * r.width(), y1)
            path = shapes.setdefault((m.color, m.hedged or m.vague, m.vague), QPainterPath())
            if m.is_bar:
                path.addRect(QRectF(x - 4, y1, 8, max(1.0, y0 - y1)))
            else:
                path.addEllipse(QPointF(x, y0), 5, 5)
        p.setBrush(Qt.BrushStyle.NoBrush)
        for color, line in periods.items():
            faint = QColor(color)
            faint.setAlpha(120)
            p.setPen(QPen(faint, 1))
            p.drawPath(line)
        base = self.palette().color(self.palette().ColorRole.Base)
        for (color, hollow, vague), path in shapes.items():
            pen = QPen(QColor(color), 2)
            if vague:
                pen.setStyle(Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.setBrush(base if hollow else QColor(color))
            p.drawPath(path)
        if self.hasFocus() and 0 <= self.current < len(self.lay.marks):
            x, y0, y1 = self._pos(self.lay.marks[self.current], r)
            p.setPen(QPen(self.palette().color(self.palette().ColorRole.Highlight), 1.5, Qt.PenStyle.DotLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(QRectF(x - 9, min(y0, y1) - 9, 18, abs(y0 - y1) + 18))

    # -- mouse and keyboard --------------------------------------------------------------------
    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        i = self.mark_at(event.position())
        if i >= 0:
            QToolTip.showText(event.globalPosition().toPoint(), plain_tooltip(self.lay.marks[i].tooltip), self)
        else:
            QToolTip.hideText()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        i = self.mark_at(event.position())
        if i >= 0:
            self._set_current(i)
            m = self.lay.marks[i]
            self.jump.emit(m.annotation_uuid, m.document_uuid)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if self.lay.marks and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = -1 if key == Qt.Key.Key_Left else 1
            self._set_current((self.current + step) % len(self.lay.marks))
            m = self.lay.marks[self.current]
            r = self.plot_rect()
            x, y0, _y1 = self._pos(m, r)
            QToolTip.showText(self.mapToGlobal(QPointF(x, y0).toPoint()), plain_tooltip(m.tooltip), self)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and 0 <= self.current < len(self.lay.marks):
            m = self.lay.marks[self.current]
            self.jump.emit(m.annotation_uuid, m.document_uuid)
        else:
            super().keyPressEvent(event)

    def _set_current(self, i: int) -> None:
        self.current = i
        self.current_changed.emit(i)
        self.update()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()
