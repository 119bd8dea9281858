"""Character-level percent agreement and Cohen's kappa per label, as NVivo and QualCoder compute
them, so figures can be set beside theirs. Both treat every character as a unit coded yes or no.

For one label, annotators A and B and a text of N characters, let a and b be the characters each
coded with the label and both the characters both coded (each character counted once per coder).

NVivo (Coding Comparison query, per source and node):

    agreement = (both + neither) / N, with neither = N − a − b + both
    κ = (P_o − P_e) / (1 − P_e), P_o = agreement, P_e = (a/N)(b/N) + (1 − a/N)(1 − b/N)

Pooled over documents here, this sums characters over the documents: the average NVivo users
compute weighted by each source's size.

QualCoder (report_compare_coder_file.py) leaves uncoded text out: with U = a + b − both,

    P_o = both/U, P_e = (a/U)(b/U) · ((U − a)/U)((U − b)/U), κ = (P_o − P_e)/(1 − P_e)

(P_e is the product of the yes and no terms there, not their sum as in Cohen's kappa; kept so
the figure is QualCoder's).

Why the NVivo figures flatter: text nobody coded counts as agreement. In a report where the
coders mark 2 % of the characters each and never the same ones, agreement is still 96 %; and
kappa, while chance-corrected, still treats each character as an independent decision, so one
long span both mark outweighs many short spans they miss. The unitizing alphas judge units.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from . import intervals
from .tally import Sums, Tally


def tally(a: Sequence[tuple[int, int, str]], b: Sequence[tuple[int, int, str]], length: int,
          labels: Sequence[str], into: Tally | None = None) -> Tally:
    t = Tally() if into is None else into
    t["chars"] += length
    for lab in labels:
        ua = intervals.union((s, e) for s, e, lb in a if lb == lab)
        ub = intervals.union((s, e) for s, e, lb in b if lb == lab)
        t["a", lab] += intervals.total(ua)
        t["b", lab] += intervals.total(ub)
        t["both", lab] += intervals.shared(ua, ub)
    return t


def _div(x: Any, y: Any) -> Any:
    if isinstance(y, float | int):
        return None if y == 0 else x / y
    import numpy as np

    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(y != 0, x / np.where(y != 0, y, 1), np.nan)


def nvivo_agreement(s: Sums, label: str) -> Any:
    n, a, b, both = s["chars"], s["a", label], s["b", label], s["both", label]
    return _div(both + (n - a - b + both), n)


def nvivo_kappa(s: Sums, label: str) -> Any:
    n, a, b = s["chars"], s["a", label], s["b", label]
    po = nvivo_agreement(s, label)
    pa, pb = _div(a, n), _div(b, n)
    if po is None or pa is None or pb is None:
        return None
    pe = pa * pb + (1 - pa) * (1 - pb)
    return _div(po - pe, 1 - pe)


def qualcoder_kappa(s: Sums, label: str) -> Any:
    a, b, both = s["a", label], s["b", label], s["both", label]
    u = a + b - both
    po = _div(both, u)
    if po is None:
        return None
    pe = _div(a, u) * _div(b, u) * _div(u - a, u) * _div(u - b, u)
    return _div(po - pe, 1 - pe)
