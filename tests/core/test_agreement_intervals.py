"""Interval arithmetic against a character-by-character count."""

from __future__ import annotations

import random

import pytest

from testimonia.core.agreement import intervals


@pytest.mark.parametrize("seed", range(10))
def test_interval_arithmetic_matches_counting_characters(seed):
    rng = random.Random(seed)

    def spans(n: int) -> list[tuple[int, int]]:
        out = []
        for _ in range(n):
            s = rng.randrange(0, 95)
            out.append((s, s + rng.randint(1, 20)))
        return out

    a, b = spans(rng.randint(0, 12)), spans(rng.randint(0, 12))
    chars_a = {p for s, e in a for p in range(s, e)}
    chars_b = {p for s, e in b for p in range(s, e)}
    ua, ub = intervals.union(a), intervals.union(b)
    assert intervals.total(ua) == len(chars_a)
    assert intervals.shared(ua, ub) == len(chars_a & chars_b)
    cover = intervals.Coverage(ub)
    for s, e in a:
        assert cover.covered(s, e) == len(set(range(s, e)) & chars_b)
    pairs = {(i, j): x for i, j, x in intervals.overlapping_pairs([(s, e, None) for s, e in a],
                                                                   [(s, e, None) for s, e in b])}
    expected = {(i, j): len(set(range(*a[i])) & set(range(*b[j])))
                for i in range(len(a)) for j in range(len(b)) if set(range(*a[i])) & set(range(*b[j]))}
    assert pairs == expected
