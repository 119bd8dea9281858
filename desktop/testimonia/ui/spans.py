"""Annotation spans indexed for per-block lookup by the highlighter.

The reader asks "which spans touch this block?" once per block it paints, so spans are kept
sorted by start with a running maximum of their ends: bisect finds the last span starting before
the block ends, and a second bisect over the running maximum finds the first one that could still
reach into the block.

Spans stay in stored code points. Converting all of them to Qt's UTF-16 positions when a document
opens was a fifth of the opening time with 10,000 annotations; instead the highlighter converts the
few positions of each block it paints, through the document's one core.offsets.OffsetMap.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import accumulate, compress, islice, pairwise, repeat
from operator import attrgetter, eq, gt, itemgetter
from typing import NamedTuple, Protocol


class Span(NamedTuple):
    """Compares as (start, end, uuid), so a sorted list of spans is its own search key."""

    start: int  # code points, end exclusive
    end: int
    uuid: str
    label_uuid: str


class HasSpan(Protocol):
    """An AnnotationView or a table row: anything with a span and a label."""

    @property
    def uuid(self) -> str: ...
    @property
    def label_uuid(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def deleted(self) -> bool: ...
    @property
    def heads(self) -> int: ...


def span_of(view: HasSpan) -> Span:
    return Span(view.start, view.end, view.uuid, view.label_uuid)


_ROW_DELETED = itemgetter(7)  # ui.annotations_model.Row.deleted
# The index orders by these, whatever the tuple's own layout: a Span or a table row.
_KEY = attrgetter("start", "end", "uuid")
_START = attrgetter("start")
_END = attrgetter("end")


def spans_of(views: Iterable[HasSpan]) -> list[Span]:
    """Spans of the annotations shown: current ones, and deletions still in conflict.

    Table rows (ui.annotations_model.Row) have the same fields and are immutable too, so they are
    indexed as they are: building 10,000 Span tuples was a tenth of a long report's opening time."""
    from .annotations_model import Row

    views = list(views)
    if all(map(isinstance, views, repeat(Row))):
        if any(map(_ROW_DELETED, views)):
            views = [v for v in views if not v.deleted or v.heads > 1]
        return views  # type: ignore[return-value]
    return [Span(v.start, v.end, v.uuid, v.label_uuid) for v in views if not v.deleted or v.heads > 1]


def _in_order(spans: list[Span]) -> bool:
    """Whether spans are sorted by (start, end, uuid), without a Python call per span."""
    starts = list(map(_START, spans))
    if any(map(gt, starts, islice(starts, 1, None))):
        return False
    ties = compress(range(len(spans) - 1), map(eq, starts, islice(starts, 1, None)))
    return all(_KEY(spans[i]) <= _KEY(spans[i + 1]) for i in ties)


class SpanIndex:
    """Spans (or table rows, which have the same fields) sorted by (start, end, uuid)."""

    def __init__(self, spans: Iterable[Span] = ()) -> None:
        spans = list(spans)
        if not _in_order(spans):  # rows usually arrive sorted from the database
            spans.sort(key=_KEY)
        self._spans: list[Span] = spans
        self._uuids: dict[str, Span] | None = None  # built on first lookup: opening needs none
        self._max_end: list[int] = list(accumulate(map(_END, spans), max))

    @property
    def _by_uuid(self) -> dict[str, Span]:
        if self._uuids is None:
            self._uuids = {s.uuid: s for s in self._spans}
        return self._uuids

    def _rebuild(self, frm: int) -> None:
        del self._max_end[frm:]
        run = self._max_end[-1] if self._max_end else -1
        for s in self._spans[frm:]:
            run = max(run, s.end)
            self._max_end.append(run)

    def __len__(self) -> int:
        return len(self._spans)

    def __contains__(self, uuid: object) -> bool:
        return uuid in self._by_uuid

    def get(self, uuid: str) -> Span | None:
        return self._by_uuid.get(uuid)

    def put(self, span: Span) -> Span | None:
        """Insert or replace by uuid; returns the span it replaced, so callers can repaint both."""
        old = self.discard(span.uuid)
        i = bisect_left(self._spans, _KEY(span), key=_KEY)
        self._spans.insert(i, span)
        self._by_uuid[span.uuid] = span
        self._rebuild(i)
        return old

    def discard(self, uuid: str) -> Span | None:
        old = self._by_uuid.pop(uuid, None)
        if old is not None:
            i = bisect_left(self._spans, _KEY(old), key=_KEY)
            del self._spans[i]
            self._rebuild(i)
        return old

    def overlapping(self, lo: int, hi: int) -> list[Span]:
        """Spans with start < hi and end > lo, in start order."""
        last = bisect_left(self._spans, hi, key=_START)  # spans starting before hi
        first = bisect_right(self._max_end, lo)  # before this none reaches past lo
        return [s for s in self._spans[first:last] if s.end > lo]

    def at(self, pos: int) -> list[Span]:
        """Spans containing the position, shortest first (the one a click most likely means)."""
        hits = self.overlapping(pos, pos + 1)
        return sorted(hits, key=lambda s: (s.end - s.start, s.start, s.uuid))


def segments(spans: list[Span], lo: int, hi: int) -> list[tuple[int, int, tuple[Span, ...]]]:
    """Split [lo, hi) into runs covered by the same spans; layers are in start order."""
    if not spans:
        return []
    cuts = {lo, hi}
    for s in spans:
        if lo < s.start < hi:
            cuts.add(s.start)
        if lo < s.end < hi:
            cuts.add(s.end)
    points = sorted(cuts)
    out: list[tuple[int, int, tuple[Span, ...]]] = []
    for a, b in pairwise(points):
        cover = tuple(s for s in spans if s.start <= a and s.end >= b)
        if cover:
            out.append((a, b, cover))
    return out
