"""The core catalogue of field wording (core/field_text.py): complete, in step with the Qt catalogue."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from testimonia.core import field_text, labels

TS = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "testimonia_ko.ts"


def _qt_catalogue() -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            out[(name, message.findtext("source") or "")] = message.findtext("translation") or ""
    return out


def _english_words() -> list[tuple[str, str]]:
    words = [("Label", b.name) for b in labels.BUILTINS]
    for b in labels.BUILTINS:
        words += [("Field", f.title) for f in b.fields]
        words += [("Choice", c) for f in b.fields for c in f.choices]
    return words


def test_every_builtin_word_has_korean_and_it_is_the_word_the_ui_shows() -> None:
    qt = _qt_catalogue()
    words = _english_words()
    assert len(words) == 3 + 14 + 2
    for context, english in words:
        assert field_text.KOREAN.get(english), english
        assert qt[(context, english)] == field_text.KOREAN[english], (context, english)
    assert qt[("ConflictsView", "yes")] == field_text.word("yes", "ko")
    assert qt[("ConflictsView", "no")] == field_text.word("no", "ko")
    # Nothing in the core catalogue that labels.py does not define (or yes/no).
    assert set(field_text.KOREAN) == {w for _c, w in words} | {"yes", "no"}


@pytest.mark.parametrize(("code", "expected"), [
    ("ko", "ko"), ("ko_KR.UTF-8", "ko"), ("ko-KR", "ko"), ("KO", "ko"), ("en_GB", "en"), ("", "en"),
    (None, "en"), ("fr", "en"), ("C.UTF-8", "en"),
])
def test_language_codes(code: str | None, expected: str) -> None:
    assert field_text.language(code) == expected


def test_env_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(field_text.ENV_LANGUAGE, raising=False)
    assert field_text.env_language() == "en"
    monkeypatch.setenv(field_text.ENV_LANGUAGE, "ko_KR")
    assert field_text.env_language() == "ko"


def test_figure_fields_in_the_labels_order_with_display_names_and_values() -> None:
    fields = {"value_high": 600, "value_low": 500, "approximate": True, "unit": "defectors", "zzz": 1, "aaa": "x"}
    assert [k for k, _v in field_text.ordered_fields("figure", fields)] == [
        "value_low", "value_high", "approximate", "unit", "aaa", "zzz"]
    assert field_text.field_lines("figure", fields, "en") == [
        "Low: 500", "High: 600", "Approximate: yes", "What is counted: defectors", "aaa: x", "zzz: 1"]
    assert field_text.field_rows("figure", fields, "ko")[:3] == [("최솟값", "500"), ("최댓값", "600"), ("어림값", "예")]


def test_statement_choices_are_translated_and_text_is_kept_on_one_line() -> None:
    fields = {"mode": "direct", "speaker": "Kim\nMin-ji", "speaker_role": "activist"}
    assert field_text.field_lines("statement", fields, "en") == [
        "Speaker: Kim Min-ji", "Speaker's role: activist", "Mode: direct"]
    assert field_text.field_lines("statement", fields, "ko") == [
        "발언자: Kim Min-ji", "발언자의 역할: activist", "인용 방식: 직접 인용"]


def test_custom_labels_show_their_own_keys_and_words_that_are_not_choices_stay() -> None:
    assert field_text.field_lines("custom", {"reported": False, "source": "direct"}, "ko") == [
        "reported: 아니요", "source: direct"]
    assert field_text.kind_name("figure", "ko") == "수치"
    assert field_text.kind_name("My label", "ko") == "My label"
    assert field_text.value_text("figure", "value", 2.5, "ko") == "2.5"
