"""The figure suggester on sentences written for these tests (never the seed articles)."""

from __future__ import annotations

import pytest

from tests.core.suggest_helpers import one, spans

HEAD = "Published 3 June 2025\n\n"


def test_hedged_count_with_its_noun_place_and_date() -> None:
    text = HEAD + "Police in Shenyang detained more than 120 North Korean women last month, a church group said.\n"
    s = one(text, "figure", "more than 120 North Korean women")
    assert s.fields["value"] == 120 and s.fields["approximate"] is True and s.fields["vague"] is False
    assert s.fields["unit"] == "people detained"
    assert s.fields["place"] == "China"
    assert s.fields["date"] == "2025-05"


def test_range_gives_low_and_high_and_no_value() -> None:
    s = one(HEAD + "Between 30 and 45 escapees were sent back across the river on Friday.\n", "figure",
            "Between 30 and 45 escapees")
    assert (s.fields.get("value"), s.fields["value_low"], s.fields["value_high"]) == (None, 30, 45)
    assert s.fields["unit"] == "people forcibly repatriated"
    assert s.fields["date"] == "2025-05-30"


def test_competing_estimates_make_one_range() -> None:
    text = HEAD + "As few as 20 to 30 and as many as 70 to 90 defectors may have been returned in the spring.\n"
    s = one(text, "figure", "As few as 20 to 30 and as many as 70 to 90 defectors")
    assert (s.fields["value_low"], s.fields["value_high"], s.fields["approximate"]) == (20, 90, True)


@pytest.mark.parametrize(("sentence", "exact"), [
    ("Hundreds of refugees remain in hiding in Jilin, the pastor told us.", "Hundreds of refugees"),
    ("A few hundred North Koreans were arrested near the border this year.", "A few hundred North Koreans"),
    ("Dozens of escapees were handed to border guards in the winter.", "Dozens of escapees"),
])
def test_vague_amounts_have_no_value(sentence: str, exact: str) -> None:
    s = one(HEAD + sentence + "\n", "figure", exact)
    assert s.fields["vague"] is True and s.fields["approximate"] is True
    assert "value" not in s.fields and "value_low" not in s.fields


def test_word_numbers_and_partitives() -> None:
    text = HEAD + "Twenty-five escapees were held in the camp. Fifteen of them were children, the monitor said.\n"
    assert one(text, "figure", "Twenty-five escapees").fields["value"] == 25
    assert one(text, "figure", "Fifteen").fields["value"] == 15


@pytest.mark.parametrize("sentence", [
    "The 75th anniversary of the Refugee Convention falls in 2026, and defectors plan to mark it.",
    "The report on the detained defectors runs to 212 pages, with footnotes on pages 180 to 199.",
    "She was 34 when she crossed the river in 2015 and was later held for three years in a camp.",
    "Brokers now charge escapees 10,000 dollars, twice what they asked in 2019.",
    "It was the first time in six years that defectors had spoken at the council.",
    "About 300 people gathered in the square on Sunday to demand answers about the detained women.",
])
def test_dates_ordinals_pages_money_ages_and_crowds_are_not_figures(sentence: str) -> None:
    assert spans(HEAD + sentence + "\n", "figure") == []


def test_korean_counters_and_hedges() -> None:
    text = ("2025년 6월 3일\n\n"
            "인권단체는 지난달 탈북민 120여 명이 북송됐다고 밝혔다. 단체는 수천 명이 여전히 구금돼 있다고 주장했다. "
            "중국 내 탈북민은 최대 2천 명 이상으로 추산된다. 천여 명이 숨어 지낸다는 증언도 나왔다.\n")
    s = one(text, "figure", "탈북민 120여 명")
    assert (s.fields["value"], s.fields["approximate"], s.fields["unit"]) == (120, True, "people forcibly repatriated")
    assert s.fields["date"] == "2025-05"
    vague = one(text, "figure", "수천 명")
    assert vague.fields["vague"] is True and "value" not in vague.fields
    assert one(text, "figure", "최대 2천 명 이상").fields["value"] == 2000
    assert one(text, "figure", "천여 명").fields["value"] == 1000


def test_korean_range_and_votes_are_told_apart() -> None:
    text = ("2025년 6월 3일\n\n"
            "지난해 탈북민 300~400명이 송환된 것으로 알려졌다. 결의안은 재석 의원 280명 중 찬성 270명으로 통과됐다.\n")
    s = one(text, "figure", "탈북민 300~400명")
    assert (s.fields["value_low"], s.fields["value_high"]) == (300, 400)
    assert s.fields["date"] == "2024"
    assert spans(text, "figure") == ["탈북민 300~400명"]


def test_boilerplate_and_headlines_are_skipped() -> None:
    text = ("Dozens of Escapees Detained in Raid\n"
            "Photo: 40 detained defectors wait outside the court in Yanji. (Supplied)\n"
            "© 2025 Border Watch. 300 readers shared this. All rights reserved.\n")
    assert spans(text, "figure") == []
