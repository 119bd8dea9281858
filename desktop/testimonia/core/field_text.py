"""How an annotation's fields read to a person, in English or Korean.

Exports that people read (the REFI-QDA selection description, the evidence table's yes/no cells,
the HTML report) and any screen may show a built-in label's name, a field's title, a choice or a
yes/no value. core/ has no Qt catalogue, so those few words are kept here in both languages; the
Korean words are the ones resources/i18n/testimonia_ko.ts gives the same English (a test keeps
the two in step). Stored data and machine formats (W3C JSON, REFI-QDA attributes and the fields
note) keep the keys and true/false; only what a person reads passes through this module.
"""

from __future__ import annotations

import os

from . import labels

LANGUAGES = ("en", "ko")
DEFAULT_LANGUAGE = "en"
ENV_LANGUAGE = "TESTIMONIA_LANG"

# English word -> Korean. The English words are labels.py's names, titles and choices.
KOREAN: dict[str, str] = {
    "Statement": "진술",
    "Figure": "수치",
    "Obligation": "의무",
    "Speaker": "발언자",
    "Speaker's role": "발언자의 역할",
    "Mode": "인용 방식",
    "Value": "값",
    "Low": "최솟값",
    "High": "최댓값",
    "Approximate": "어림값",
    "Vague": "불분명",
    "What is counted": "세는 대상",
    "Date": "날짜",
    "Place": "장소",
    "Instrument": "근거 규범",
    "Duty bearer": "의무 주체",
    "Beneficiary": "수혜자",
    "direct": "직접 인용",
    "reported": "간접 인용",
    "yes": "예",
    "no": "아니요",
}


def language(code: str | None) -> str:
    """A language code as one of LANGUAGES: "ko", "ko_KR.UTF-8" and "ko-KR" are Korean, anything
    else (empty, unknown) English, the language everything is written in first."""
    base = (code or "").strip().replace("-", "_").split("_")[0].split(".")[0].lower()
    return base if base in LANGUAGES else DEFAULT_LANGUAGE


def env_language() -> str:
    """The language a command-line export is written in: TESTIMONIA_LANG, else English."""
    return language(os.environ.get(ENV_LANGUAGE))


def word(english: str, lang: str) -> str:
    return KOREAN.get(english, english) if language(lang) == "ko" else english


def kind_name(kind: str, lang: str) -> str:
    """A built-in kind's display name ("statement" -> "Statement" / "진술"); anything else as it is."""
    builtin = labels.BY_KIND.get(kind)
    return word(builtin.name, lang) if builtin else kind


def _spec(kind: str, key: str) -> labels.FieldSpec | None:
    return next((s for s in labels.field_specs(kind) if s.key == key), None)


def field_title(kind: str, key: str, lang: str) -> str:
    """A built-in field's title; a custom label's field is shown by the name its user gave it."""
    spec = _spec(kind, key)
    return word(spec.title, lang) if spec else key


def yes_no(value: bool, lang: str) -> str:
    return word("yes" if value else "no", lang)


def value_text(kind: str, key: str, value: object, lang: str) -> str:
    """A stored value as a person reads it: yes/no, a choice in their language, numbers as stored."""
    if isinstance(value, bool):
        return yes_no(value, lang)
    spec = _spec(kind, key)
    if spec is not None and spec.type == "choice" and isinstance(value, str):
        return word(value, lang)
    return str(value)


def ordered_fields(kind: str, fields: dict[str, object]) -> list[tuple[str, object]]:
    """The label's own field order (value_low before value_high), then any other keys by name."""
    order = [s.key for s in labels.field_specs(kind) if s.key in fields]
    return [(k, fields[k]) for k in order] + [(k, fields[k]) for k in sorted(set(fields) - set(order))]


def field_rows(kind: str, fields: dict[str, object], lang: str) -> list[tuple[str, str]]:
    """(title, value) pairs to show, in the label's order."""
    return [(field_title(kind, k, lang), value_text(kind, k, v, lang)) for k, v in ordered_fields(kind, fields)]


def field_lines(kind: str, fields: dict[str, object], lang: str) -> list[str]:
    """One "Title: value" line per field, each on one line whatever the value holds."""
    return [f"{title}: {' '.join(value.split())}" for title, value in field_rows(kind, fields, lang)]
