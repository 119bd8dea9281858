"""Confidence intervals by bootstrap: resample the stretches of text (whole documents where
there are enough of them) with replacement, recompute each measure from the resampled totals,
and take the 2.5th and 97.5th percentiles. Seeded: the same project, selection and seed give the
same interval on every machine (numpy's PCG64 generator).

A project with few documents has few independent draws: with fewer than MIN_DOCUMENTS documents
the resampled unit is a stretch of text between two points no annotator's span crosses (within
one document; consecutive stretches are grouped so a set has at most MAX_BLOCKS of them), which
keeps every unit, every pair of matched spans and every coincidence whole.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .tally import Key, Sums, Tally, summed

MIN_DOCUMENTS = 20
MAX_BLOCKS = 400
CHUNK_CELLS = 2_000_000
LEVEL = 0.95

Measure = Callable[[Sums], Any]


@dataclass(frozen=True)
class Estimate:
    value: float | None
    low: float | None = None
    high: float | None = None

    def to_json(self) -> dict[str, float | None]:
        return {"value": _round(self.value), "low": _round(self.low), "high": _round(self.high)}


def _round(x: float | None) -> float | None:
    return None if x is None else round(float(x), 6)


def _clean(x: Any) -> float | None:
    if x is None:
        return None
    x = float(x)
    return None if math.isnan(x) or math.isinf(x) else x


class Resampler:
    """Bootstrap samples of the column sums of `rows` (one tally per resampled unit)."""

    def __init__(self, rows: Sequence[Mapping[Key, float]], samples: int, seed: int) -> None:
        self.total = summed(rows)
        self.rows = len(rows)
        self.samples = samples if self.rows >= 2 else 0
        self._columns: dict[Key, Any] = {}
        if self.samples:
            import numpy as np

            keys = list(self.total)
            index = {k: i for i, k in enumerate(keys)}
            table = np.zeros((self.rows, len(keys)))
            for r, row in enumerate(rows):
                for k, v in row.items():
                    table[r, index[k]] = v
            rng = np.random.default_rng(seed)
            sums = np.empty((self.samples, len(keys)))
            # in chunks, so many samples of many documents never hold a samples × rows matrix at once
            chunk = max(1, CHUNK_CELLS // self.rows)
            for lo in range(0, self.samples, chunk):
                n = min(chunk, self.samples - lo)
                draws = rng.integers(0, self.rows, size=(n, self.rows))
                # how often each row was drawn in each sample, in one bincount over the chunk
                flat = (draws + np.arange(n)[:, None] * self.rows).ravel()
                weights = np.bincount(flat, minlength=n * self.rows).reshape(n, self.rows)
                sums[lo:lo + n] = weights.astype(float) @ table
            self._columns = {k: sums[:, i] for k, i in index.items()}

    def estimate(self, measure: Measure) -> Estimate:
        value = _clean(measure(Sums(self.total)))
        if not self.samples or value is None:
            return Estimate(value)
        import numpy as np

        zero = np.zeros(self.samples)
        draws = np.asarray(measure(Sums(self._columns, zero)), dtype=float)
        draws = draws[np.isfinite(draws)]
        if draws.size < max(10, self.samples // 2):
            return Estimate(value)
        tail = (1 - LEVEL) / 2 * 100
        low, high = np.percentile(draws, [tail, 100 - tail])
        return Estimate(value, float(low), float(high))


def point(rows: Sequence[Mapping[Key, float]]) -> Tally:
    return summed(rows)
