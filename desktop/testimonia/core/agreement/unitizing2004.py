"""Krippendorff's 2004 alpha for unitizing, one label at a time (Krippendorff 2004, "Measuring the
reliability of qualitative text analysis data", Quality & Quantity 38: 787–800; also Content
Analysis, 2nd ed., §11.6). This is the coefficient DKPro Agreement, and through it INCEpTION,
report as "Krippendorff's alpha (unitizing)"; it is here so figures can be compared with theirs.
The 2016 family in unitizing.py supersedes it: this form misbehaves with more than two coders,
which is what the 2016 paper corrects.

For label c, each coder's continuum of length L is cut into units of c (value 1) and gaps. With
b the start and l the length of a section, the difference between section g of coder i and h of
coder j is

* (b_g − b_h)² + (b_g + l_g − b_h − l_h)² when both are units and they overlap;
* l_g² when g is a unit lying inside the gap h (and l_h² the other way round);
* 0 otherwise (two gaps, or a unit that only partly overlaps a gap).

D_o = Σ_{i≠j} Σ_g Σ_h δ²(g, h) / (m(m−1)L²), and, over all N units of c of every coder,

D_e = (2/L) Σ_units [ (N−1)(2l³ − 3l² + l)/3 + l² Σ_{gaps of length ≥ l} (l_gap − l + 1) ]
      / (mL(mL − 1) − Σ_units l(l − 1)).

α_c = 1 − D_o/D_e; over all labels, α = 1 − Σ_c D_o / Σ_c D_e. Documents pool as one continuum
whose gaps stop at each document's end. Published check (tests): the worked example of the 2004
paper gives D_o = .0144, D_e = .0532, α = .7286 for c, α = 1 for k, and .8591 over both.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from . import intervals

Span = tuple[int, int]


@dataclass(frozen=True)
class Doc2004:
    length: int
    coders: Sequence[Sequence[Span]]  # one label's units per coder, sorted, not overlapping


@dataclass(frozen=True)
class Result2004:
    observed: float
    expected: float

    @property
    def alpha(self) -> float | None:
        if self.expected <= 0:
            return None
        return 1.0 - self.observed / self.expected


def _observed_sum(a: Sequence[Span], b: Sequence[Span]) -> int:
    """Σ δ² over the sections of two coders, for one ordered pair (δ² is symmetric)."""
    total = 0
    items_a = [(s, e, None) for s, e in a]
    items_b = [(s, e, None) for s, e in b]
    for i, j, _ in intervals.overlapping_pairs(items_a, items_b):
        (sa, ea), (sb, eb) = a[i], b[j]
        total += (sa - sb) ** 2 + (ea - eb) ** 2
    for src, other in ((a, b), (b, a)):
        cover = intervals.Coverage(other)
        for s, e in src:
            if cover.covered(s, e) == 0:
                total += (e - s) ** 2  # the unit sits inside the other coder's gap
    return total


def alpha_2004(docs: Sequence[Doc2004]) -> Result2004:
    """D_o and D_e of one label over `docs` (each coded by the same m ≥ 2 coders)."""
    docs = [d for d in docs if len(d.coders) >= 2 and d.length > 0]
    if not docs:
        return Result2004(0.0, 0.0)
    m = len(docs[0].coders)
    big_l = sum(d.length for d in docs)
    observed = 0
    units: list[int] = []
    gaps: list[int] = []
    for d in docs:
        for i in range(m):
            for j in range(i + 1, m):
                observed += 2 * _observed_sum(d.coders[i], d.coders[j])
            pos = 0
            for s, e in d.coders[i]:
                units.append(e - s)
                if s > pos:
                    gaps.append(s - pos)
                pos = e
            if d.length > pos:
                gaps.append(d.length - pos)
    d_o = observed / (m * (m - 1) * big_l * big_l)
    n_units = len(units)
    gaps.sort()
    suffix = [0] * (len(gaps) + 1)  # suffix[k] = Σ gaps[k:]
    for k in range(len(gaps) - 1, -1, -1):
        suffix[k] = suffix[k + 1] + gaps[k]
    num = 0.0
    for lu in units:
        k = bisect_left(gaps, lu)
        fitting = len(gaps) - k
        num += (n_units - 1) * (2 * lu**3 - 3 * lu**2 + lu) / 3 + lu * lu * (suffix[k] - fitting * (lu - 1))
    num *= 2.0 / big_l
    den = m * big_l * (m * big_l - 1) - sum(lu * (lu - 1) for lu in units)
    d_e = num / den if den > 0 else 0.0
    return Result2004(d_o, d_e)


def overall(results: Sequence[Result2004]) -> float | None:
    d_e = sum(r.expected for r in results)
    return None if d_e <= 0 else 1.0 - sum(r.observed for r in results) / d_e
