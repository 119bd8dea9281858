"""Field alpha, span matching, the NVivo and QualCoder figures and the bootstrap."""

from __future__ import annotations

import random

import krippendorff
import numpy as np
import pytest

from testimonia.core.agreement import charlevel, coding_alpha, matching
from testimonia.core.agreement.bootstrap import Resampler
from testimonia.core.agreement.matching import Span
from testimonia.core.agreement.tally import Sums, Tally


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("metric", ["nominal", "interval"])
def test_field_alpha_matches_the_krippendorff_package(seed, metric):
    rng = random.Random(seed)
    coders, units = rng.randint(2, 5), rng.randint(5, 40)
    table = [[None if rng.random() < 0.25 else rng.randint(1, 5) for _ in range(units)] for _ in range(coders)]
    mine = coding_alpha.alpha([[row[u] for row in table] for u in range(units)], metric)
    data = np.array([[np.nan if v is None else float(v) for v in row] for row in table])
    pairable = sum(1 for u in range(units) if sum(row[u] is not None for row in table) >= 2)
    if pairable == 0 or mine is None:
        pytest.skip("no pairable variation in this draw")
    assert mine == pytest.approx(krippendorff.alpha(reliability_data=data, level_of_measurement=metric), abs=1e-9)


def test_field_alpha_of_text_values_and_missing_coders():
    """Speakers' names as nominal values; the third unit has one value only, so it is not
    pairable. The package gets the same table with the names coded as numbers."""
    units = [["minister", "minister"], ["minister", "spokesman"], ["minister", None], ["police", "police"]]
    code = {"minister": 1.0, "spokesman": 2.0, "police": 3.0, None: np.nan}
    ref = krippendorff.alpha(reliability_data=np.array([[code[u[c]] for u in units] for c in range(2)]),
                             level_of_measurement="nominal")
    assert coding_alpha.alpha(units) == pytest.approx(ref)


def _span(who: str, label: str, start: int, end: int, **fields: object) -> Span:
    return Span(f"{who}-{label}-{start}-{end}", "doc", who, label, start, end, dict(fields))


def test_matching_exact_and_by_overlap():
    a = [_span("A", "figure", 0, 10), _span("A", "statement", 20, 40), _span("A", "figure", 50, 60)]
    b = [_span("B", "figure", 0, 10), _span("B", "statement", 22, 40), _span("B", "obligation", 80, 90)]
    exact = matching.match(a, b, 1.0)
    assert [(p.a.start, p.b.start) for p in exact.pairs] == [(0, 0)]
    loose = matching.match(a, b, 0.5)
    assert [(p.a.start, p.b.start) for p in loose.pairs] == [(0, 0), (20, 22)]
    assert [s.start for s in loose.only_a] == [50] and [s.start for s in loose.only_b] == [80]
    t = matching.counts(loose)
    assert (t["tp", None], t["tp_exact", None], t["n_a", None], t["n_b", None]) == (2, 1, 3, 3)
    # the order of the annotators changes nothing but which side is which
    back = matching.match(b, a, 0.5)
    assert sorted((p.b.uuid, p.a.uuid) for p in back.pairs) == sorted((p.a.uuid, p.b.uuid) for p in loose.pairs)


def test_matching_prefers_the_same_label_and_is_one_to_one():
    a = [_span("A", "figure", 0, 10)]
    b = [_span("B", "statement", 0, 10), _span("B", "figure", 1, 10)]
    m = matching.match(a, b, 0.5)
    assert len(m.pairs) == 1 and m.pairs[0].b.label == "figure" and len(m.only_b) == 1


def test_kinds_of_disagreement():
    def kind(x: Span, y: Span) -> str | None:
        return matching.kind_of(matching.match([x], [y], 0.5).pairs[0])

    assert kind(_span("A", "figure", 0, 10), _span("B", "statement", 0, 10)) == matching.LABEL
    assert kind(_span("A", "figure", 0, 10), _span("B", "figure", 0, 9)) == matching.BOUNDARY
    assert kind(_span("A", "figure", 0, 10, unit="people"), _span("B", "figure", 0, 10, unit="men")) == matching.FIELDS
    assert kind(_span("A", "figure", 0, 10, unit="men"), _span("B", "figure", 0, 10, unit="men")) is None


def test_character_figures_by_hand():
    """100 characters; A codes [0,10), B [5,15): both = 5, a = b = 10. NVivo: agreement
    (5 + 85)/100 = .90; P_e = .1·.1 + .9·.9 = .82, κ = (.90 − .82)/.18 = 4/9. QualCoder: U = 15,
    P_o = 1/3, P_e = (10/15)²·(5/15)² = 4/81, κ = (27 − 4)/(81 − 4) = 23/77."""
    s = Sums(charlevel.tally([(0, 10, "x")], [(5, 15, "x")], 100, ["x"]))
    assert charlevel.nvivo_agreement(s, "x") == pytest.approx(0.90)
    assert charlevel.nvivo_kappa(s, "x") == pytest.approx(4 / 9)
    assert charlevel.qualcoder_kappa(s, "x") == pytest.approx(23 / 77)


def test_nvivo_agreement_flatters_mostly_uncoded_text():
    """Each codes 2 % of the text and never the same characters: 96 % "agreement", κ below 0."""
    s = Sums(charlevel.tally([(0, 20, "x")], [(500, 520, "x")], 1000, ["x"]))
    assert charlevel.nvivo_agreement(s, "x") == pytest.approx(0.96)
    assert charlevel.nvivo_kappa(s, "x") < 0


def _rows(seed: int, n: int = 40) -> list[Tally]:
    rng = random.Random(seed)
    rows = []
    for _ in range(n):
        t = Tally()
        t["tp"] = rng.randint(0, 5)
        t["all"] = t["tp"] + rng.randint(0, 5)
        rows.append(t)
    return rows


def _share(s: Sums) -> object:
    return charlevel._div(s["tp"], s["all"])


def test_bootstrap_is_reproducible_and_brackets_the_estimate():
    rows = _rows(1)
    first = Resampler(rows, 500, seed=42).estimate(_share)
    again = Resampler(rows, 500, seed=42).estimate(_share)
    other = Resampler(rows, 500, seed=43).estimate(_share)
    assert first == again
    assert first.low < first.value < first.high
    assert (other.low, other.high) != (first.low, first.high)


def test_bootstrap_needs_two_units_to_resample():
    est = Resampler([Tally({"tp": 3, "all": 4})], 500, seed=0).estimate(_share)
    assert est.value is not None and est.low is None and est.high is None


def test_field_alpha_reproduces_krippendorffs_published_example():
    """Krippendorff (2011), "Computing Krippendorff's alpha-reliability", the worked example with
    four observers, twelve units and missing values (also in Content Analysis, 3rd ed., §12.2):
    published α = .743 nominal and .849 interval."""
    rows = ["1 2 3 3 2 1 4 1 2 . . .", "1 2 3 3 2 2 4 1 2 5 . 3", ". 3 3 3 2 3 4 2 2 5 1 .",
            "1 2 3 3 2 4 4 1 2 5 1 ."]
    table = [[None if v == "." else int(v) for v in r.split()] for r in rows]
    units = [[row[u] for row in table] for u in range(12)]
    assert round(coding_alpha.alpha(units, "nominal"), 3) == 0.743
    assert round(coding_alpha.alpha(units, "interval"), 3) == 0.849
