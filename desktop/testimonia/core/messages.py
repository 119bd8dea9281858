"""User-facing text from the core, in the user's language, without Qt.

A core message is an English template with named fields, and the values for those fields:

    raise ImportFailed(path, "the file is larger than {limit} MB, the import limit", limit=200)

The template is the key into the catalogue of each language (`messages_ko.KO`); the message is
rendered only when it is shown (`str(message)`), in the language set with `set_language` (the
desktop app sets its interface language at start, the CLI follows TESTIMONIA_LANG, English by
default). Field values are filled in after translation, so a file name or a quoted span is never
translated, and a value that is itself a Message is rendered in the same language.

A template without fields is shown as it is (no {{ }} escaping needed); one with fields follows
str.format, format specs included ("{count:,}").

Rules for writing them (tests/core/test_messages.py enforces the first three):
- the template is a string literal: never an f-string, a concatenation or a variable;
- every template has a Korean entry with the same fields;
- raise sites pass templates, not finished sentences built elsewhere;
- machine output (JSON keys, CSV headers, exit codes) is never a Message.
"""

from __future__ import annotations

import os
import string
from collections.abc import Mapping
from typing import Any

ENGLISH = "en"
LANGUAGES = (ENGLISH, "ko")
ENV_LANGUAGE = "TESTIMONIA_LANG"

_language = ENGLISH
_FORMATTER = string.Formatter()


class Message:
    """An English template and the values of its {fields}; str() renders it in the current language."""

    __slots__ = ("params", "template")

    def __init__(self, template: str, /, **params: object) -> None:
        self.template = template
        self.params = params

    def render(self, language: str | None = None) -> str:
        lang = language or _language
        template = catalogue(lang).get(self.template, self.template)
        if not self.params:
            return template  # nothing to fill in: braces in it are text
        values = {k: v.render(lang) if isinstance(v, Message) else v for k, v in self.params.items()}
        for candidate in (template, self.template):
            try:
                return candidate.format_map(values)
            except (KeyError, IndexError, ValueError, AttributeError):
                continue  # a translation that does not fit its template must not hide the message
        return self.template

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Message({self.template!r}, {self.params!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Message):
            return (self.template, self.params) == (other.template, other.params)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.template)

    def __reduce__(self) -> tuple[Any, ...]:
        # Messages cross into the merge checks' process and back; keyword fields need a helper.
        return (_rebuild, (self.template, self.params))


def _rebuild(template: str, params: dict[str, object]) -> Message:
    return Message(template, **params)


def message(text: str | Message, params: Mapping[str, object] | None = None) -> Message:
    """`text` as a Message: a template with `params`, or a Message as it is."""
    if isinstance(text, Message):
        return text
    return Message(text, **(params or {}))


def fields_of(template: str) -> set[str]:
    """The names of a template's {fields} (for the catalogue's tests)."""
    return {name.split(".")[0].split("[")[0] for _lit, name, _spec, _conv in _FORMATTER.parse(template) if name}


# -- the current language ----------------------------------------------------------------------
def set_language(code: str | None) -> str:
    """Render messages in `code` from now on ("en", "ko"; anything else is English). Returns it."""
    global _language
    code = (code or ENGLISH).replace("-", "_").split("_")[0].lower()
    _language = code if code in LANGUAGES else ENGLISH
    return _language


def language() -> str:
    return _language


def language_from_environment() -> str:
    """The CLI's language: TESTIMONIA_LANG if set to a known language, else English (scripts
    that read stderr keep working whatever the system locale is)."""
    return set_language(os.environ.get(ENV_LANGUAGE, ENGLISH))


def catalogue(code: str) -> Mapping[str, str]:
    if code == "ko":
        from .messages_ko import KO

        return KO
    return {}
