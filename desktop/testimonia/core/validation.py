"""Limits and checks on what a write may store, shared by Store and its write-side mixins."""

from __future__ import annotations

from . import labels
from .errors import InvalidInput, NotFound
from .messages import Message
from .views import Content

MAX_NOTE_CHARS = 100_000
MAX_TITLE_CHARS = 500
MAX_SPAN_CHARS = 200_000


def _checked(c: Content, length: int, kind: str | None) -> Content:
    """`c` with its fields validated for the label's kind (None: no such label), or InvalidInput."""
    if not (isinstance(c.start, int) and isinstance(c.end, int)):
        raise InvalidInput("start and end must be whole numbers")
    if c.start < 0 or c.end > length:
        raise InvalidInput("offsets {start}..{end} are outside the text (0..{length})", start=c.start, end=c.end,
                           length=length)
    if c.start >= c.end:
        raise InvalidInput("start ({start}) must be less than end ({end})", start=c.start, end=c.end)
    if c.end - c.start > MAX_SPAN_CHARS:
        raise InvalidInput("a span of {length} characters is longer than {limit}", length=c.end - c.start,
                           limit=MAX_SPAN_CHARS)
    if len(c.note) > MAX_NOTE_CHARS:
        raise InvalidInput("the note is longer than {limit} characters", limit=MAX_NOTE_CHARS)
    _refuse_nul(c.note, Message("the note"))
    if kind is None:
        raise NotFound("no label {uuid}", uuid=c.label_uuid)
    fields = labels.validate_fields(kind, c.fields)
    return Content(c.label_uuid, c.start, c.end, fields, c.note, c.deleted)


def _title(title: str) -> str:
    _refuse_nul(title, Message("the title"))
    title = " ".join(title.split())
    return title[:MAX_TITLE_CHARS] or "Untitled"


def _refuse_nul(value: str, what: Message) -> None:
    # SQLite's length() and substr() stop at NUL, so the design never stores one (merge refuses them too).
    if "\x00" in value:
        raise InvalidInput("{what} contains a NUL character", what=what)


def _check_color(color: str) -> None:
    if not (len(color) == 7 and color[0] == "#" and all(ch in "0123456789abcdefABCDEF" for ch in color[1:])):
        raise InvalidInput("colour {color!r} is not of the form #RRGGBB", color=color)
