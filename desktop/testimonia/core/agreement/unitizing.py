"""Krippendorff's unitizing alpha family over a text continuum (Krippendorff, Mathet, Bouvry &
Widlöcher 2016, "On the reliability of unitizing textual continua: Further developments",
Quality & Quantity 50: 2347–2364; the same family is in Krippendorff's Content Analysis, 4th ed.,
§12.6).

Each coder (annotator) divides a continuum of L code points into sections: units, each carrying
a value (here the label), and gaps (value ∅) between them. For m coders:

* observed coincidences  l_ck = 1/(m−1) · Σ_i Σ_{j≠i} Σ_g Σ_h |section_ig ∩ section_jh|, over
  the sections g of coder i valued c and h of coder j valued k. Each coder's sections cover
  the continuum, so l.. = mL and l_c. is the total length the coders gave value c;
* expected coincidences  e_ck = (l_c. l_.k − [c=k] Σ_i Σ_g w_ig) / (l.. − Σ_i Σ_g w_ig / l..),
  where a unit weighs w = l² (a unit is indivisible: it cannot be paired with itself) and a
  gap weighs w = l (a gap of length l is as divisible as l one-character gaps);
* uα = 1 − D_o / D_e with nominal differences, D_o = Σ_{c≠k} l_ck, D_e = Σ_{c≠k} e_ck.

The family, as computed here:

* ``u_alpha``: boundaries and labels together, over the values ∅ and every label;
* ``binary_u_alpha`` (|uα): boundaries only, every label collapsed into one value "unit";
* ``cu_alpha`` (cuα): the labels of what both identified as units — the coincidences between
  units only (no ∅ row or column); a unit's self-pairing weight is the square of its part that
  other coders' units cover, the only part that enters those coincidences;
* ``k_u_alpha`` ((k)uα): label k alone — the continuum reduced to units of k and gaps
  (every other label's units become gap), so the question is "do they mark the same stretches
  as k".

Two checks hold by construction and are tested: with units all one character long and no gaps,
uα equals the ordinary nominal alpha over characters; the coincidences match Krippendorff's
worked figures for hand-sized cases.

Testimonia lets one coder's spans overlap (a figure inside a statement). Units of the same label
that overlap are merged into one (the model has no overlapping units of one value). Where units of
different labels overlap, the coincidences are taken point by point: the labels both coders gave
there pair with themselves, the others pair with each other in label order, and what is left
pairs with the gap (see _pair). Without overlaps this is the definition above; with them,
identical codings still agree perfectly, and each unit keeps its own weight l².
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from . import intervals
from .tally import Sums, Tally

GAP = "∅"
Unit = tuple[int, int, str]  # start, end (exclusive), label


def prepare(units: Sequence[Unit]) -> tuple[list[Unit], bool]:
    """One coder's units sorted, same-label overlaps merged (touching units stay two); True if
    units of different labels overlap."""
    by_label: dict[str, list[tuple[int, int]]] = {}
    for s, e, lab in units:
        by_label.setdefault(lab, []).append((s, e))
    out: list[Unit] = []
    for lab, spans in by_label.items():
        run: list[tuple[int, int]] = []
        for s, e in sorted(spans):
            if run and s < run[-1][1]:
                run[-1] = (run[-1][0], max(e, run[-1][1]))
            else:
                run.append((s, e))
        out += [(s, e, lab) for s, e in run]
    out.sort()
    reach = 0
    crossing = False
    for s, e, _ in out:
        if s < reach:
            crossing = True
            break
        reach = max(reach, e)
    return out, crossing


def tally(coders: Sequence[Sequence[Unit]], length: int, into: Tally | None = None) -> Tally:
    """The totals of one stretch of `length` code points coded by len(coders) ≥ 2 coders, whose
    units (prepared, positions inside the stretch) are given in the same order for every stretch."""
    m = len(coders)
    t = Tally() if into is None else into
    if m < 2 or length <= 0:
        return t
    merged = [intervals.union((s, e) for s, e, _ in c) for c in coders]
    covered_len = [intervals.total(u) for u in merged]
    w = 1.0 / (m - 1)
    for i in range(m):
        for j in range(i + 1, m):
            _pair(coders[i], coders[j], length, w, t)
    for i, units in enumerate(coders):
        others = intervals.Coverage(merged[1 - i] if m == 2 else
                                    intervals.union(iv for j in range(m) if j != i for iv in merged[j]))
        t["w", GAP] += length - covered_len[i]
        for s, e, lab in units:
            n = e - s
            t["w", lab] += n * n
            t["len", lab] += n
            p = others.covered(s, e)
            t["p", lab] += p * p
    t["mL"] += m * length
    t["units"] += sum(len(c) for c in coders)
    return t


def _pair(a: Sequence[Unit], b: Sequence[Unit], length: int, w: float, t: Tally) -> None:
    """Coincidences of two coders, both orders, sweeping the points where any unit starts or ends.

    Between two such points each coder has a set of labels (usually one or none). The labels
    both gave pair with themselves; the others pair with each other in label order; what is left
    pairs with the gap. Without overlapping units this is exactly the section-by-section
    intersection of the definition; with them, identical codings still agree perfectly."""
    events: dict[int, list[tuple[int, str, int]]] = {}
    for side, units in ((0, a), (1, b)):
        for s, e, lab in units:
            events.setdefault(s, []).append((side, lab, 1))
            events.setdefault(e, []).append((side, lab, -1))
    active: tuple[dict[str, int], dict[str, int]] = ({}, {})
    points = sorted(events)
    covered = 0
    o: dict[tuple[str, str], float] = {}

    def add(c: str, k: str, x: float) -> None:
        o[c, k] = o.get((c, k), 0.0) + x

    for p0, p1 in pairwise(points):
        for side, lab, step in events[p0]:
            n = active[side].get(lab, 0) + step
            if n:
                active[side][lab] = n
            else:
                active[side].pop(lab, None)
        la, lb = active
        if not la and not lb:
            continue
        covered += p1 - p0
        x = (p1 - p0) * w
        if len(la) <= 1 and len(lb) <= 1:  # the usual case: one unit or none on each side
            if la and lb:
                c, k = next(iter(la)), next(iter(lb))
                if c == k:
                    add(c, c, 2 * x)
                else:
                    add(c, k, x)
                    add(k, c, x)
            else:
                c = next(iter(la or lb))
                add(c, GAP, x)
                add(GAP, c, x)
            continue
        common = la.keys() & lb.keys()
        for c in common:
            add(c, c, 2 * x)
        ra, rb = sorted(la.keys() - common), sorted(lb.keys() - common)
        for c, k in zip(ra, rb, strict=False):
            add(c, k, x)
            add(k, c, x)
        for c in ra[len(rb):] + rb[len(ra):]:
            add(c, GAP, x)
            add(GAP, c, x)
    add(GAP, GAP, 2 * (length - covered) * w)
    for (c, k), x in o.items():
        t["o", c, k] += x


def _alpha(d_o: Any, d_e: Any) -> Any:
    """1 − D_o/D_e; None (undefined) where nothing varies. Works on floats and numpy arrays."""
    if isinstance(d_e, float | int):
        return None if d_e <= 0 else 1.0 - d_o / d_e
    import numpy as np

    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(d_e > 0, 1.0 - d_o / d_e, np.nan)


def _matrix(s: Sums, values: Sequence[str]) -> tuple[Any, list[Any], Any]:
    n: Any = 0.0
    marg = []
    diag: Any = 0.0
    for c in values:
        row: Any = 0.0
        for k in values:
            row = row + s["o", c, k]
        marg.append(row)
        n = n + row
        diag = diag + s["o", c, c]
    return n, marg, diag


def u_alpha(s: Sums, labels: Sequence[str]) -> Any:
    values = [GAP, *labels]
    n, marg, diag = _matrix(s, values)
    corr: Any = 0.0
    for c in values:
        corr = corr + s["w", c]
    return _expected_ratio(n, marg, diag, corr)


def binary_u_alpha(s: Sums, labels: Sequence[str]) -> Any:
    n, marg, _ = _matrix(s, [GAP, *labels])
    unit_unit: Any = 0.0
    for c in labels:
        for k in labels:
            unit_unit = unit_unit + s["o", c, k]
    marg_unit: Any = 0.0
    for x in marg[1:]:
        marg_unit = marg_unit + x
    corr: Any = 0.0
    for c in [GAP, *labels]:
        corr = corr + s["w", c]
    return _expected_ratio(n, [marg[0], marg_unit], unit_unit + s["o", GAP, GAP], corr)


def cu_alpha(s: Sums, labels: Sequence[str]) -> Any:
    n, marg, diag = _matrix(s, list(labels))
    corr: Any = 0.0
    for c in labels:
        corr = corr + s["p", c]
    return _expected_ratio(n, marg, diag, corr)


def k_u_alpha(s: Sums, label: str) -> Any:
    n = s["mL"]
    len_k = s["len", label]
    d_o = 2 * (len_k - s["o", label, label])
    corr = s["w", label] + (n - len_k)
    return _alpha(d_o, _safe_div(2 * len_k * (n - len_k), _denominator(n, corr)))


def _expected_ratio(n: Any, marg: Sequence[Any], diag: Any, corr: Any) -> Any:
    squares: Any = 0.0
    for x in marg:
        squares = squares + x * x
    d_o = n - diag
    d_e = _safe_div(n * n - squares, _denominator(n, corr))
    return _alpha(d_o, d_e)


def _denominator(n: Any, corr: Any) -> Any:
    return n - _safe_div(corr, n)


def _safe_div(a: Any, b: Any) -> Any:
    if isinstance(b, float | int):
        return 0.0 if b == 0 else a / b
    import numpy as np

    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(b != 0, a / np.where(b != 0, b, 1), 0.0)
