"""The statement suggester on sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.core.suggest_helpers import one, spans

HEAD = "Published 3 June 2025\n\n"


def test_direct_quote_after_which_the_speaker_is_named_with_a_role() -> None:
    text = HEAD + ("“We will not stop until the returns end,” said Kim Ha-eun, a volunteer at the Bridge Shelter.\n\n"
                   "Kim said the shelter had housed 40 people since March.\n")
    s = one(text, "statement", "“We will not stop until the returns end,”")
    assert s.fields == {"mode": "direct", "speaker": "Kim Ha-eun", "speaker_role": "a volunteer at the Bridge Shelter"}
    later = one(text, "statement", "the shelter had housed 40 people since March")
    assert later.fields["speaker"] == "Kim Ha-eun" and later.fields["mode"] == "reported"


def test_reported_that_clause_and_pronoun() -> None:
    text = HEAD + ("Oliver Grant, who directs Refuge Asia, said that the transfers began in May. "
                   "He added that at least nine women had been sent back.\n")
    assert one(text, "statement", "the transfers began in May").fields["speaker"] == "Oliver Grant"
    assert one(text, "statement", "at least nine women had been sent back").fields["speaker"] == "Oliver Grant"


@pytest.mark.parametrize(("sentence", "clause"), [
    ("According to Oliver Grant of Refuge Asia, the transfers began in May.", "the transfers began in May"),
    ("The transfers began in May, according to Oliver Grant.", "The transfers began in May"),
    ("The transfers began in May, Oliver Grant said.", "The transfers began in May"),
    ("Oliver Grant urged Beijing to halt the transfers at once.", "halt the transfers at once"),
])
def test_according_to_trailing_attribution_and_urged_to(sentence: str, clause: str) -> None:
    s = one(HEAD + sentence + "\n", "statement", clause)
    assert s.fields["speaker"] == "Oliver Grant" and s.fields["mode"] == "reported"


@pytest.mark.parametrize("sentence", [
    "Sources said the women had been moved to the border overnight.",
    "Activists estimate that several hundred people remain in hiding.",
    "A police officer, speaking on condition of anonymity, said the camp was full.",
    "Recent reports suggest that the transfers have resumed.",
])
def test_unidentified_sources_give_nothing(sentence: str) -> None:
    assert spans(HEAD + sentence + "\n", "statement") == []


def test_quote_continued_and_quote_over_two_paragraphs() -> None:
    text = HEAD + ("“They took my sister at night,” Park Soo-ah said. “We have heard nothing since.”\n\n"
                   "Later Park Soo-ah described the last call:\n\n"
                   "“She said the guards were shouting. She was crying.\n\n"
                   "“Then the line went dead.”\n")
    assert one(text, "statement", "“We have heard nothing since.”").fields["speaker"] == "Park Soo-ah"
    assert one(text, "statement", "“She said the guards were shouting. She was crying.").fields["mode"] == "direct"
    assert one(text, "statement", "“Then the line went dead.”").fields["speaker"] == "Park Soo-ah"


def test_partial_quotes_follow_the_manual() -> None:
    text = HEAD + ("The Foreign Office said that China “must stop these returns now” and promised to raise it. "
                   "Oliver Grant said the returns were “a stain on the region.”\n")
    direct = one(text, "statement", "“must stop these returns now”")
    assert direct.fields["mode"] == "direct" and direct.fields["speaker"] == "Foreign Office"
    reported = one(text, "statement", "the returns were “a stain on the region.”")
    assert reported.fields["mode"] == "reported"


def test_scare_quotes_are_not_statements() -> None:
    assert spans(HEAD + "Officials call the escapees “illegal migrants” in every briefing on the border.\n",
                 "statement") == []


def test_korean_direct_reported_and_according_to() -> None:
    text = ("2025년 6월 3일\n\n"
            "새희망연대 박민수 대표는 “송환을 당장 멈춰야 한다”고 말했다. "
            "박 대표는 지난주 탈북민 30명이 붙잡혔다고 밝혔다. "
            "통일부에 따르면 올해 입국한 탈북민은 80명이다. "
            "소식통들은 이들이 곧 북송될 것이라고 전했다.\n")
    direct = one(text, "statement", "“송환을 당장 멈춰야 한다”")
    assert direct.fields == {"mode": "direct", "speaker": "박민수", "speaker_role": "새희망연대 대표"}
    assert one(text, "statement", "지난주 탈북민 30명이 붙잡혔다").fields["speaker"] == "박민수"
    assert one(text, "statement", "올해 입국한 탈북민은 80명이다").fields["speaker"] == "통일부"
    assert not [s for s in spans(text, "statement") if "북송될" in s]
