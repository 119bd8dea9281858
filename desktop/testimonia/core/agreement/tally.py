"""Additive tallies: every measure here is a function of sums over stretches of text.

A measure is computed from a handful of totals (coincidences, lengths, counts). Totals add up
over documents, and over stretches of one document that no annotator's span crosses, so the
point estimate is the sum over all stretches and a bootstrap sample is a weighted sum of the
same rows: resampling never recomputes a coincidence. `Tally` is a plain mapping from a key
(a tuple naming the total) to a number; `TallyTable` stacks the tallies of many stretches.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from typing import Any

Key = Hashable


class Tally(defaultdict[Key, float]):
    def __init__(self, items: Mapping[Key, float] | None = None) -> None:
        super().__init__(float)
        if items:
            self.update(items)

    def add(self, other: Mapping[Key, float]) -> None:
        for k, v in other.items():
            self[k] += v


def summed(tallies: Iterable[Mapping[Key, float]]) -> Tally:
    out = Tally()
    for t in tallies:
        out.add(t)
    return out


class Sums:
    """Read access to summed totals: a Tally for the point estimate, or columns of a bootstrap
    matrix (numpy arrays, one value per sample). Missing keys read as 0."""

    def __init__(self, values: Mapping[Key, Any], zero: Any = 0.0) -> None:
        self._values = values
        self._zero = zero

    def __getitem__(self, key: Key) -> Any:
        v = self._values.get(key)
        return self._zero if v is None else v

    def keys(self) -> Iterable[Key]:
        return self._values.keys()
