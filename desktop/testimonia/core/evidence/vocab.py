"""The register's fixed vocabularies and limits, and the checks every write (and every merged row)
goes through."""

from __future__ import annotations

import datetime as dt
import re

from ..errors import InvalidInput
from ..messages import Message

ENTITY_TYPES = ("person", "organisation", "state", "place", "group")
# What an annotation's link to an entity says the entity is, and the annotation field it mirrors
# (the field keeps the text as the article wrote it; the link says who that is).
ENTITY_ROLES = ("speaker", "duty_bearer", "beneficiary", "place")
ROLE_FIELDS = {"speaker": "speaker", "duty_bearer": "duty_bearer", "beneficiary": "beneficiary", "place": "place"}
PARTICIPANT_ROLES = ("victim_group", "perpetrator", "source", "intervening_party")
SOURCE_TYPES = ("news", "ngo_report", "un_document", "testimony", "official_statement", "other")
RELIABILITY = ("A", "B", "C", "D", "E", "F")  # Admiralty scale: A reliable ... E unreliable, F cannot be judged
GRADES = range(0, 7)  # 1 confirmed ... 5 improbable, 6 cannot be judged; 0 ungraded
MEMO_TARGETS = ("project", "document", "entity", "incident")
TARGET_KINDS = ("entity", "incident")

MAX_NAME = 300
MAX_ALIASES = 50
MAX_DESCRIPTION = 10_000
MAX_TITLE = 500
MAX_MEMO = 100_000
MAX_FIELD = 2_000  # a source field (outlet, URL, ...)

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def clean_text(value: str, limit: int, what: Message, *, required: bool = False) -> str:
    """One line of user text, trimmed; refuses NULs, an empty required value and oversized text."""
    if "\x00" in value:
        raise InvalidInput("{what} contains a NUL character", what=what)
    value = " ".join(value.split()) if limit <= MAX_FIELD else value.strip()
    if required and not value:
        raise InvalidInput("{what} cannot be empty", what=what)
    if len(value) > limit:
        raise InvalidInput("{what} is longer than {limit:,} characters", what=what, limit=limit)
    return value


def check_choice(value: str, choices: tuple[str, ...], what: Message) -> str:
    if value not in choices:
        raise InvalidInput("{what} must be one of: {choices}", what=what, choices=", ".join(choices))
    return value


def is_iso_date(value: str) -> bool:
    """A year, a month or a day in ISO 8601, and a real one (2024-02-30 is not)."""
    if not _DATE.match(value):
        return False
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def in_date_range(when: str, date_from: str | None, date_to: str | None) -> bool:
    """The evidence date filter, for exports and the evidence table alike: an ISO prefix compare,
    so "2023" to "2023-08" keeps 2023-01-05 and 2023-08-31; evidence with no date is outside any range."""
    if date_from and (not when or when[:len(date_from)] < date_from):
        return False
    return not (date_to and (not when or when[:len(date_to)] > date_to))


def check_date(value: str, what: Message) -> str:
    value = value.strip()
    if value and not is_iso_date(value):
        raise InvalidInput("{what} {value!r} is not a date such as 2024, 2024-04 or 2024-04-26", what=what,
                           value=value)
    return value


def parse_when(text: str) -> tuple[str, str, bool]:
    """An incident's date as typed: "2024-04-26", a range "2020/2023", approximate with a leading
    "~" ("~2023-10"). Returns (start, end, approximate); end is "" for a single date."""
    text = text.strip()
    approx = text.startswith("~")
    text = text.lstrip("~").strip()
    if not text:
        return "", "", approx
    start, _sep, end = text.partition("/")
    start, end = check_date(start, Message("the date")), check_date(end, Message("the end date"))
    if end and start and end < start:
        raise InvalidInput("the date range {start}/{end} ends before it starts", start=start, end=end)
    return start, end, approx


def when_text(start: str, end: str, approx: bool) -> str:
    """The inverse of parse_when, for lists and exports."""
    if not start and not end:
        return ""
    return ("~" if approx else "") + start + (f"/{end}" if end else "")
