"""The figures chart, laid out once for both pictures of it: the app paints the layout with
QPainter (ui/evidence_chart.py), the HTML report writes it as inline SVG (svg() below), so the
two show the same thing and the report prints and works offline.

Each figure is a mark over its date: a point for a single value, a low-high bar for a range;
coloured by its source; hollow when hedged ("about", "over"), dashed when vague ("hundreds").
Positions are fractions of the plot area (x: time, y: 0 at the bottom); undated or valueless
figures are counted, not drawn.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from html import escape

from .views import EvidenceItem

# Okabe-Ito: told apart by people with the common colour-vision deficiencies, and in print.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")


@dataclass(frozen=True)
class Mark:
    annotation_uuid: str
    document_uuid: str
    x0: float  # the date (or a period's start)
    x1: float  # a period's end (== x0 for a day)
    y0: float  # the low value (or the value)
    y1: float  # the high value (== y0 for a point)
    color: str
    source: str
    hedged: bool
    vague: bool
    exact: str
    when: str
    value: str

    @property
    def is_bar(self) -> bool:
        return self.y1 > self.y0

    @property
    def tooltip(self) -> str:
        marks = [w for w, on in (("hedged", self.hedged), ("vague", self.vague)) if on]
        extra = f" ({', '.join(marks)})" if marks else ""
        return f"“{self.exact}”\n{self.value}{extra} · {self.when} · {self.source}"


@dataclass(frozen=True)
class Layout:
    marks: tuple[Mark, ...]
    x_ticks: tuple[tuple[float, str], ...]
    y_ticks: tuple[tuple[float, str], ...]
    sources: tuple[tuple[str, str], ...]  # (name, colour) in legend order
    left_out: int  # figures without a date or a number


def _number(value: object) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float) and math.isfinite(value):
        return float(value)
    try:
        number = float(str(value).replace(",", ""))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _period(text: str) -> tuple[dt.date, dt.date] | None:
    """An ISO year, month or day (or a/b range of them) as its first and last day."""
    first, _sep, last = text.partition("/")
    a, b = _bounds(first.strip()), _bounds((last or first).strip())
    if a is None or b is None:
        return None
    return a[0], max(a[0], b[1])


def _bounds(text: str) -> tuple[dt.date, dt.date] | None:
    parts = text.split("-")
    try:
        nums = [int(p) for p in parts]
        if len(nums) == 1:
            return dt.date(nums[0], 1, 1), dt.date(nums[0], 12, 31)
        if len(nums) == 2:
            start = dt.date(nums[0], nums[1], 1)
            nxt = dt.date(nums[0] + (nums[1] == 12), nums[1] % 12 + 1, 1)
            return start, nxt - dt.timedelta(days=1)
        if len(nums) == 3:
            day = dt.date(*nums)
            return day, day
    except (ValueError, OverflowError):
        return None
    return None


def _values(fields: dict[str, object]) -> tuple[float, float, str] | None:
    value = _number(fields.get("value"))
    low, high = _number(fields.get("value_low")), _number(fields.get("value_high"))
    if value is not None:
        return value, value, f"{value:,.0f}"
    if low is not None and high is not None:
        low, high = min(low, high), max(low, high)
        return low, high, f"{low:,.0f}–{high:,.0f}"
    if high is not None:
        return high, high, f"≤ {high:,.0f}"
    if low is not None:
        return low, low, f"≥ {low:,.0f}"
    return None


def _nice_step(span: float, ticks: int = 5) -> float:
    raw = span / max(1, ticks)
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * power:
            return m * power
    return 10 * power


def layout(items: list[EvidenceItem]) -> Layout:
    rows = []
    left_out = 0
    for e in items:
        period = _period(e.date) if e.date else None
        values = _values(e.fields)
        if period is None or values is None:
            left_out += 1
            continue
        rows.append((e, period, values))
    if not rows:
        return Layout((), (), (), (), left_out)
    start = min(p[0] for _e, p, _v in rows)
    end = max(p[1] for _e, p, _v in rows)
    pad = max(15, (end - start).days // 20)
    start, end = start - dt.timedelta(days=pad), end + dt.timedelta(days=pad)
    days = (end - start).days or 1
    top = max(v[1] for _e, _p, v in rows)
    step = _nice_step(top * 1.1 if top > 0 else 1)
    y_max = step * math.ceil((top * 1.1 if top > 0 else 1) / step)
    colors: dict[str, str] = {}
    marks = []
    for e, (d0, d1), (lo, hi, text) in sorted(rows, key=lambda r: (r[1][0], r[2][0], r[0].annotation_uuid)):
        source = e.source.outlet or e.document_title
        color = colors.setdefault(source, PALETTE[len(colors) % len(PALETTE)])
        marks.append(Mark(
            e.annotation_uuid, e.document_uuid, (d0 - start).days / days, (d1 - start).days / days, lo / y_max,
            hi / y_max, color, source, bool(e.fields.get("approximate")), bool(e.fields.get("vague")), e.exact,
            e.date, text))
    y_ticks = tuple((i * step / y_max, f"{i * step:,.0f}") for i in range(round(y_max / step) + 1))
    return Layout(tuple(marks), _x_ticks(start, end, days), y_ticks, tuple(colors.items()), left_out)


def _x_ticks(start: dt.date, end: dt.date, days: int) -> tuple[tuple[float, str], ...]:
    """Years when the chart spans years, else months."""
    ticks = []
    if days > 3 * 365:
        for year in range(start.year + 1, end.year + 1):
            ticks.append((((dt.date(year, 1, 1) - start).days / days), str(year)))
    else:
        y, m = start.year, start.month
        every = 1 if days <= 400 else 3
        while True:
            m += 1
            if m > 12:
                y, m = y + 1, 1
            day = dt.date(y, m, 1)
            if day > end:
                break
            if (m - 1) % every == 0:
                ticks.append(((day - start).days / days, f"{y}-{m:02d}"))
    return tuple(ticks)


def svg(lay: Layout, width: int = 640, height: int = 300, caption: str = "") -> str:
    """The layout as one inline <svg> element (plain text in <title> for each mark's hover)."""
    left, right, top = 56, 12, 12
    w, h = width - left - right, height - top - 46
    total_h = height + 16 * ((len(lay.sources) + 2) // 3)

    def x(f: float) -> float:
        return round(left + f * w, 1)

    def y(f: float) -> float:
        return round(top + h - f * h, 1)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{total_h}" '
           f'viewBox="0 0 {width} {total_h}" font-family="sans-serif" font-size="11">']
    if caption:
        out.append(f"<title>{escape(caption)}</title>")
    out.append(f'<rect x="{left}" y="{top}" width="{w}" height="{h}" fill="none" stroke="#999"/>')
    for f, label in lay.y_ticks:
        out.append(f'<line x1="{left}" x2="{left + w}" y1="{y(f)}" y2="{y(f)}" stroke="#e4e4e4"/>'
                   f'<text x="{left - 4}" y="{y(f) + 4}" text-anchor="end">{escape(label)}</text>')
    for f, label in lay.x_ticks:
        out.append(f'<line x1="{x(f)}" x2="{x(f)}" y1="{top + h}" y2="{top + h + 4}" stroke="#999"/>'
                   f'<text x="{x(f)}" y="{top + h + 16}" text-anchor="middle">{escape(label)}</text>')
    for m in lay.marks:
        cx = (x(m.x0) + x(m.x1)) / 2
        dash = ' stroke-dasharray="4 3"' if m.vague else ""
        fill = "white" if m.hedged or m.vague else m.color
        tip = f"<title>{escape(m.tooltip)}</title>"
        out.append("<g>")
        if m.x1 > m.x0:
            out.append(f'<line x1="{x(m.x0)}" x2="{x(m.x1)}" y1="{y(m.y1)}" y2="{y(m.y1)}" stroke="{m.color}" '
                       f'stroke-width="1" opacity="0.6"/>')
        if m.is_bar:
            out.append(f'<rect x="{cx - 4}" y="{y(m.y1)}" width="8" height="{max(1.0, y(m.y0) - y(m.y1))}" '
                       f'fill="{fill}" stroke="{m.color}" stroke-width="2"{dash}>{tip}</rect>')
        else:
            out.append(f'<circle cx="{cx}" cy="{y(m.y0)}" r="5" fill="{fill}" stroke="{m.color}" stroke-width="2"'
                       f'{dash}>{tip}</circle>')
        out.append("</g>")
    for i, (name, color) in enumerate(lay.sources):
        lx, ly = left + (i % 3) * (w // 3), height - 14 + 16 * (i // 3)
        out.append(f'<rect x="{lx}" y="{ly - 9}" width="10" height="10" fill="{color}"/>'
                   f'<text x="{lx + 14}" y="{ly}">{escape(name[:40])}</text>')
    out.append("</svg>")
    return "".join(out)
