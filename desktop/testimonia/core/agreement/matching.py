"""Pairs of annotations matched by overlap, precision/recall/F1, and what differs between them.

Two spans match when their overlap, measured as shared length over the length of their union
(Jaccard), reaches the threshold the user sets; 1.0 asks for identical boundaries. Matching is
one-to-one and greedy in this order: the same label first, then the larger overlap, then text
order, so the result never depends on which annotator is listed first. Unlike coding measures
that drop partly overlapping spans, every span ends in a pair or in the "missing" list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from . import intervals
from .tally import Tally

MISSING = "missing"
LABEL = "label"
BOUNDARY = "boundary"
FIELDS = "fields"


@dataclass(frozen=True)
class Span:
    uuid: str
    document: str
    annotator: str  # author UUID (or the curated reading's key)
    label: str  # the label's name for custom labels, else the kind
    start: int
    end: int
    fields: dict[str, object] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Match:
    a: Span
    b: Span
    overlap: float  # Jaccard


@dataclass(frozen=True)
class Matching:
    pairs: list[Match]
    only_a: list[Span]
    only_b: list[Span]


def jaccard(a: Span, b: Span) -> float:
    inter = min(a.end, b.end) - max(a.start, b.start)
    if inter <= 0:
        return 0.0
    return inter / ((a.end - a.start) + (b.end - b.start) - inter)


def match(a: Sequence[Span], b: Sequence[Span], threshold: float) -> Matching:
    sa = sorted(a, key=lambda s: (s.start, s.end, s.uuid))
    sb = sorted(b, key=lambda s: (s.start, s.end, s.uuid))
    cands: list[tuple[int, float, int, int]] = []
    items_a = [(s.start, s.end, None) for s in sa]
    items_b = [(s.start, s.end, None) for s in sb]
    for i, j, _ in intervals.overlapping_pairs(items_a, items_b):
        score = jaccard(sa[i], sb[j])
        if score >= threshold and score > 0:
            cands.append((0 if sa[i].label == sb[j].label else 1, -score, i, j))
    cands.sort(key=lambda c: (c[0], c[1], sa[c[2]].start + sb[c[3]].start, c[2], c[3]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs: list[Match] = []
    for _, neg, i, j in cands:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append(Match(sa[i], sb[j], -neg))
    pairs.sort(key=lambda p: (p.a.start, p.b.start))
    return Matching(pairs, [s for i, s in enumerate(sa) if i not in used_a],
                    [s for j, s in enumerate(sb) if j not in used_b])


def field_differences(a: Span, b: Span) -> list[str]:
    keys = sorted(set(a.fields) | set(b.fields))
    return [k for k in keys if a.fields.get(k) != b.fields.get(k)]


def kind_of(p: Match) -> str | None:
    """Why a matched pair disagrees, or None when it agrees entirely."""
    if p.a.label != p.b.label:
        return LABEL
    if (p.a.start, p.a.end) != (p.b.start, p.b.end):
        return BOUNDARY
    if field_differences(p.a, p.b):
        return FIELDS
    return None


def counts(m: Matching) -> Tally:
    """Per label and overall: spans of each side, pairs that agree on label (overlap TP) and
    those that are also identical in boundaries (exact TP)."""
    t = Tally()
    for p in m.pairs:
        count_pair(t, p)
    for s in m.only_a:
        count_alone(t, s, "n_a")
    for s in m.only_b:
        count_alone(t, s, "n_b")
    return t


def count_alone(t: Tally, s: Span, side: str) -> None:
    t[side, s.label] += 1
    t[side, None] += 1


def count_pair(t: Tally, p: Match) -> None:
    count_alone(t, p.a, "n_a")
    count_alone(t, p.b, "n_b")
    if p.a.label == p.b.label:
        exact = (p.a.start, p.a.end) == (p.b.start, p.b.end)
        for key in (p.a.label, None):
            t["tp", key] += 1
            if exact:
                t["tp_exact", key] += 1
