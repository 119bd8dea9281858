"""Suggesting on text nobody wrote as prose: never a crash, every span its slice, fields valid.

(Speed on such text is measured by hand and in bench/; these inputs once took minutes when a rule
looked back over the whole sentence for each match.)"""

from __future__ import annotations

import pytest

from testimonia.core import labels
from testimonia.core.suggest import suggest_text

HEAD = "Published 3 June 2025\n\n"
CASES = {
    "an opening quote that never closes": HEAD + "He said “" + "Forty escapees were returned. " * 3000,
    "a Korean sentence with no end": "2025년 6월 3일\n\n" + "탈북민 40명이 " * 3000 + "북송됐다고 말했다.",
    "nothing but marks": HEAD + '"“”‘’' * 5000 + ".",
    "reporting verbs without end": HEAD + "Kim Min-su said that he said that " * 2000 + "they were returned.",
    "according to, over and over": HEAD + "according to Kim Min-su, " * 3000 + "they were returned.",
    "duty words, over and over": "2025년 6월 3일\n\n" + "중국은 송환해서는 안 된다고 " * 2000 + "말했다.",
    "numbers everywhere": HEAD + "1 2, 3 to 4 escapees were held, between 5 and 6 and 7–8 of them. " * 1000,
    "no letters at all": "\n\n\n" + "12.34.56, 7-8-9 … — " * 3000,
    "control characters and emoji": HEAD + "\x01\x02 🙏🏽 “😀,” said 🇰🇷. " * 2000,
    "empty": "",
}


@pytest.mark.parametrize("text", list(CASES.values()), ids=list(CASES))
def test_hostile_text_gives_valid_suggestions_or_none(text: str) -> None:
    for s in suggest_text(text):
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start:s.end] == s.exact
        labels.validate_fields(s.kind, s.fields)
