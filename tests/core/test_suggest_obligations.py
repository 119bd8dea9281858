"""The obligation suggester on sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.core.suggest_helpers import one, spans

HEAD = "Published 3 June 2025\n\n"


def test_membership_grounding_a_duty_names_the_instrument_and_the_state() -> None:
    s = one(HEAD + "Laos is a party to the Convention against Torture and the 1951 Convention.\n", "obligation",
            "Laos is a party to the Convention against Torture and the 1951 Convention")
    assert s.fields["instrument"] == "Convention Against Torture; 1951 Refugee Convention"
    assert s.fields["duty_bearer"] == "Laos"


def test_duty_noun_phrase_is_the_span() -> None:
    text = HEAD + "Lawyers say Beijing’s obligations under the 1951 Refugee Convention are plain.\n"
    s = one(text, "obligation", "Beijing’s obligations under the 1951 Refugee Convention")
    assert s.fields == {"duty_bearer": "China", "instrument": "1951 Refugee Convention"}


def test_modal_duty_clause_with_beneficiary() -> None:
    s = one(HEAD + "China must not return refugees to a country where they face torture.\n", "obligation",
            "China must not return refugees to a country where they face torture")
    assert s.fields["duty_bearer"] == "China" and s.fields["beneficiary"] == "refugees"


def test_the_named_principle() -> None:
    s = one(HEAD + "The principle of non-refoulement forbids sending anyone back to persecution.\n", "obligation",
            "The principle of non-refoulement forbids sending anyone back to persecution")
    assert s.fields["instrument"] == "principle of non-refoulement"


@pytest.mark.parametrize("sentence", [
    "Officials urged China to respect the principle of non-refoulement.",
    "The ministry said it would act in accordance with the law and humanitarian principles.",
    "Everyone must come together to build a better future for the peninsula.",
])
def test_requests_vague_norms_and_exhortations_are_not_obligations(sentence: str) -> None:
    assert spans(HEAD + sentence + "\n", "obligation") == []


def test_korean_duty_constructions() -> None:
    text = ("2025년 6월 3일\n\n"
            "전문가들은 중국은 탈북민을 강제로 송환해서는 안 된다고 말했다. "
            "정부는 중국에 송환 중단을 요구하여야 한다. "
            "중국은 고문방지협약 당사국으로서 탈북민을 보호할 의무가 있다.\n")
    s = one(text, "obligation", "중국은 탈북민을 강제로 송환해서는 안 된다")
    assert s.fields["duty_bearer"] == "China" and s.fields["beneficiary"] == "탈북민"
    member = one(text, "obligation", "중국은 고문방지협약 당사국으로서 탈북민을 보호할 의무가 있다")
    assert member.fields["instrument"] == "Convention Against Torture"
    assert not [x for x in spans(text, "obligation") if "요구" in x]
