"""Krippendorff's alpha for coding: units, each given at most one value by each coder, with
missing values allowed (Krippendorff, Content Analysis, ch. 12; "Computing Krippendorff's
alpha-reliability", 2011).

A unit coded by m_u ≥ 2 coders adds 1/(m_u − 1) to the coincidence o_ck of every ordered pair of
its values from different coders; units with fewer than two values are not pairable and count for
nothing. With n = Σ o_ck and n_c = Σ_k o_ck,

    α = 1 − (n − 1) · Σ_ck o_ck δ²_ck / Σ_ck n_c n_k δ²_ck

with δ² = [c ≠ k] (nominal) or (c − k)² (interval). Every total here adds over units, so the
bootstrap (bootstrap.py) resamples them like the unitizing tallies: for the interval metric
Σ_ck n_c n_k (c − k)² = 2(n Σ n_c c² − (Σ n_c c)²) needs only three moments.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from functools import lru_cache
from typing import Any

from .tally import Sums, Tally

NOMINAL = "nominal"
INTERVAL = "interval"


@lru_cache(maxsize=4096)
def _keys(prefix: tuple[Any, ...]) -> tuple[tuple[Any, ...], ...]:
    return tuple((*prefix, name) for name in ("units", "n", "obs", "s1", "s2"))


def unit_tally(values: Sequence[Hashable | None], metric: str, prefix: tuple[Any, ...] = (),
               into: Tally | None = None) -> Tally:
    """The totals one unit adds (to `into`, if given); `values` has one entry per coder, None
    where missing."""
    present = [v for v in values if v is not None]
    t = Tally() if into is None else into
    m = len(present)
    if m < 2:
        return t
    k_units, k_n, k_obs, k_s1, k_s2 = _keys(prefix)
    w = 1.0 / (m - 1)
    t[k_units] += 1
    t[k_n] += m
    if metric == INTERVAL:
        nums = [float(v) for v in present]  # type: ignore[arg-type]
        s1 = sum(nums)
        s2 = sum(x * x for x in nums)
        # Σ over ordered pairs (x − y)² = 2(m Σx² − (Σx)²)
        t[k_obs] += w * 2 * (m * s2 - s1 * s1)
        t[k_s1] += s1
        t[k_s2] += s2
    else:
        counts: dict[Hashable, int] = {}
        for v in present:
            counts[v] = counts.get(v, 0) + 1
        t[k_obs] += w * (m * m - sum(c * c for c in counts.values()))  # ordered pairs that differ
        for v, c in counts.items():
            t[(*prefix, "v", v)] += c
    return t


def alpha_from(s: Sums, metric: str, prefix: tuple[Any, ...] = (), value_keys: Sequence[Hashable] = ()) -> Any:
    """α from summed unit tallies; None (undefined) when nothing varies. `value_keys`: the nominal
    values present (keys ("v", value) of the tally)."""
    n = s[(*prefix, "n")]
    obs = s[(*prefix, "obs")]
    if metric == INTERVAL:
        spread = 2 * (n * s[(*prefix, "s2")] - s[(*prefix, "s1")] ** 2)
    else:
        squares: Any = 0.0
        for v in value_keys:
            squares = squares + s[(*prefix, "v", v)] ** 2
        spread = n * n - squares
    return _ratio(obs, spread, n)


def _ratio(obs: Any, spread: Any, n: Any) -> Any:
    if isinstance(spread, float | int):
        if spread <= 1e-12 * max(1.0, abs(n) ** 2):
            return None
        return 1.0 - (n - 1) * obs / spread
    import numpy as np

    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(spread > 1e-12, 1.0 - (n - 1) * obs / np.where(spread > 1e-12, spread, 1.0), np.nan)


def alpha(units: Sequence[Sequence[Hashable | None]], metric: str = NOMINAL) -> float | None:
    """α of a units × coders table (None = missing). The plain entry point the tests compare
    with the `krippendorff` package."""
    t = Tally()
    for u in units:
        t.add(unit_tally(u, metric))
    keys = [k[1] for k in t if len(k) == 2 and k[0] == "v"]
    a = alpha_from(Sums(t), metric, (), keys)
    return None if a is None or (isinstance(a, float) and math.isnan(a)) else float(a)
