"""Krippendorff's unitizing alphas: the published 2004 example, hand-computed cases, the reduction
to the ordinary alpha, and the properties any agreement coefficient must have."""

from __future__ import annotations

import random

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from testimonia.core.agreement import unitizing as u
from testimonia.core.agreement.tally import Sums, summed
from testimonia.core.agreement.unitizing2004 import Doc2004, alpha_2004, overall


def _alphas(coders: list[list[u.Unit]], length: int, labels: list[str]) -> dict[str, float | None]:
    s = Sums(u.tally([u.prepare(c)[0] for c in coders], length))
    out = {"u": u.u_alpha(s, labels), "binary": u.binary_u_alpha(s, labels), "cu": u.cu_alpha(s, labels)}
    out.update({f"k:{lab}": u.k_u_alpha(s, lab) for lab in labels})
    return out


def test_krippendorff_2004_worked_example():
    """Krippendorff (2004), "Measuring the reliability of qualitative text analysis data", Quality &
    Quantity 38, the worked example of its appendix (also Content Analysis, 2nd ed., p. 254): a
    continuum from 150 to 450, coders i and j, categories c and k. Published: D_o(c) = .0144,
    D_e(c) = .0532, α_c = .7286; k is coded identically (α_k = 1, D_e(k) = .0490); over both
    categories α = .8591, which the paper computes from the rounded figures as
    1 − .0144/(.0532 + .0490); unrounded it is .8587, .859 to the three decimals it also gives."""
    off = 150
    c = Doc2004(300, [[(225 - off, 295 - off), (370 - off, 400 - off)],
                      [(220 - off, 300 - off), (355 - off, 375 - off), (400 - off, 420 - off)]])
    k = Doc2004(300, [[(180 - off, 240 - off), (300 - off, 350 - off)]] * 2)
    rc, rk = alpha_2004([c]), alpha_2004([k])
    assert round(rc.observed, 4) == 0.0144
    assert round(rc.expected, 4) == 0.0532
    assert round(rc.alpha, 4) == 0.7286
    assert rk.observed == 0 and round(rk.expected, 4) == 0.0490 and rk.alpha == 1.0
    assert round(1 - round(rc.observed, 4) / (round(rc.expected, 4) + round(rk.expected, 4)), 4) == 0.8591
    assert round(overall([rc, rk]), 3) == 0.859


def test_2004_distances_of_the_worked_example():
    """The three non-zero differences of that example, as the paper lists them: 50 (units 225+70 and
    220+80), 850 (370+30 and 355+20) and 400 (j's unit 400+20 inside i's gap 400+50); D_o is their
    sum taken both ways over m(m−1)L² = 2·300²."""
    off = 150
    c = Doc2004(300, [[(225 - off, 295 - off), (370 - off, 400 - off)],
                      [(220 - off, 300 - off), (355 - off, 375 - off), (400 - off, 420 - off)]])
    assert alpha_2004([c]).observed == pytest.approx(2 * (50 + 850 + 400) / (2 * 300**2))


def test_hand_computed_overlap_of_two_units():
    """L = 10; A marks [2,6) and B [4,8), both label x. Sections: A gap 2, unit 4, gap 4; B gap 4,
    unit 4, gap 2. Coincidences (both orders, m − 1 = 1): l_xx = 2+2 = 4, l_x∅ = l_∅x = 2+2 = 4,
    l_∅∅ = 2·(2+2) = 8; n = 20, l_x. = 8, l_∅. = 12. Weights: units 4²+4² = 32, gaps 6+6 = 12, so
    the denominator is 20 − 44/20 = 17.8 and D_e = (20² − 8² − 12²)/17.8 = 192/17.8; D_o = 20 − 12 = 8.
    uα = 1 − 8·17.8/192 = 31/120. With one label, |uα and (k)uα are the same; cuα has one value
    only and is undefined."""
    a = _alphas([[(2, 6, "x")], [(4, 8, "x")]], 10, ["x"])
    assert a["u"] == pytest.approx(31 / 120)
    assert a["binary"] == pytest.approx(31 / 120)
    assert a["k:x"] == pytest.approx(31 / 120)
    assert a["cu"] is None


def test_hand_computed_label_disagreement():
    """L = 8 with no gaps; A marks [0,4) x and [4,8) x, B [0,4) y and [4,8) x. Coincidences:
    l_xy = l_yx = 4, l_xx = 8; n = 16, l_x. = 12, l_y. = 4. Every unit lies wholly inside another
    coder's unit, so the weights are 4 units · 4² = 64 and the denominator 16 − 64/16 = 12;
    D_e = (16² − 12² − 4²)/12 = 8 = D_o: uα = cuα = 0. For y alone: D_o = 2·(4 − 0) = 8, weights
    16 (B's y) + 12 (everyone's not-y), denominator 16 − 28/16 = 14.25, D_e = 2·4·12/14.25:
    (k)uα = 1 − 8·14.25/96 = −0.1875. Everything is a unit, so |uα has no variation: undefined."""
    a = _alphas([[(0, 4, "x"), (4, 8, "x")], [(0, 4, "y"), (4, 8, "x")]], 8, ["x", "y"])
    assert a["u"] == pytest.approx(0.0)
    assert a["cu"] == pytest.approx(0.0)
    assert a["k:y"] == pytest.approx(-0.1875)
    assert a["binary"] is None


@pytest.mark.parametrize("seed", range(6))
def test_one_character_units_reduce_to_the_ordinary_alpha(seed):
    """With every unit one character long and gaps weighed per character, uα is Krippendorff's
    nominal alpha over the characters (gap = one more value); checked against `krippendorff`."""
    rng = random.Random(seed)
    length, m = rng.randint(20, 60), rng.randint(2, 4)
    rows = [[rng.choice(["", "", "a", "b", "c"]) for _ in range(length)] for _ in range(m)]
    coders = [[(p, p + 1, v) for p, v in enumerate(row) if v] for row in rows]
    mine = u.u_alpha(Sums(u.tally(coders, length)), ["a", "b", "c"])
    code = {"": 0.0, "a": 1.0, "b": 2.0, "c": 3.0}
    ref = krippendorff.alpha(reliability_data=np.array([[code[v] for v in r] for r in rows]),
                             level_of_measurement="nominal")
    assert mine == pytest.approx(ref, abs=1e-9)


def _random_coding(rng: random.Random, length: int, labels: list[str], n: int) -> list[u.Unit]:
    out = []
    pos = 0
    for _ in range(n):
        pos += rng.randint(0, 30)
        size = rng.randint(1, 25)
        if pos + size > length:
            break
        out.append((pos, pos + size, rng.choice(labels)))
        pos += size
    return out


def test_identical_codings_agree_perfectly():
    rng = random.Random(7)
    coding = _random_coding(rng, 1000, ["a", "b"], 30)
    for m in (2, 3, 5):
        a = _alphas([coding] * m, 1000, ["a", "b"])
        assert all(v == pytest.approx(1.0) for v in a.values()), a


def test_symmetric_in_coders_and_in_documents():
    rng = random.Random(11)
    labels = ["a", "b", "c"]
    docs = [[_random_coding(rng, 600, labels, 20) for _ in range(3)] for _ in range(4)]
    base = summed(u.tally(d, 600) for d in docs)
    for _ in range(5):
        order = docs[:]
        rng.shuffle(order)
        perm = [rng.sample(d, len(d)) for d in order]
        other = summed(u.tally(d, 600) for d in perm)
        for f in (u.u_alpha, u.binary_u_alpha, u.cu_alpha):
            assert f(Sums(other), labels) == pytest.approx(f(Sums(base), labels), abs=1e-12)
        for lab in labels:
            assert u.k_u_alpha(Sums(other), lab) == pytest.approx(u.k_u_alpha(Sums(base), lab), abs=1e-12)


def test_an_annotator_who_copies_another_raises_agreement():
    rng = random.Random(3)
    labels = ["a", "b"]
    for _ in range(5):
        a = _random_coding(rng, 800, labels, 25)
        b = _random_coding(rng, 800, labels, 25)
        two = _alphas([a, b], 800, labels)
        three = _alphas([a, b, list(a)], 800, labels)
        assert three["u"] > two["u"]
        assert three["binary"] > two["binary"]


def test_same_label_overlaps_merge_and_crossing_labels_are_reported():
    units, crossing = u.prepare([(0, 5, "a"), (3, 8, "a"), (8, 10, "a")])
    assert units == [(0, 8, "a"), (8, 10, "a")] and not crossing
    _, crossing = u.prepare([(0, 5, "a"), (3, 8, "b")])
    assert crossing


def test_nobody_coded_anything_is_undefined_not_perfect():
    a = _alphas([[], []], 100, ["a"])
    assert a["u"] is None and a["binary"] is None and a["k:a"] is None


_unit = st.tuples(st.integers(0, 190), st.integers(1, 30), st.sampled_from(["a", "b"])).map(
    lambda t: (t[0], min(200, t[0] + t[1]), t[2]))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_unit, max_size=8), min_size=2, max_size=4), st.randoms())
def test_properties_on_random_codings(coders, rnd):
    """Any codings: the alphas do not depend on the coders' order, never exceed 1, and a set of
    identical codings agrees perfectly."""
    labels = ["a", "b"]
    base = _alphas(coders, 200, labels)
    shuffled = list(coders)
    rnd.shuffle(shuffled)
    again = _alphas(shuffled, 200, labels)
    for key, value in base.items():
        if value is None:
            assert again[key] is None
        else:
            assert again[key] == pytest.approx(value, abs=1e-9)
            assert value <= 1 + 1e-9
    same = _alphas([coders[0]] * 3, 200, labels)
    assert all(v is None or v == pytest.approx(1.0) for v in same.values())
