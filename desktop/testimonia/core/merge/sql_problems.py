"""The row checks run in SQL and say what is wrong in English; sql_problem turns each of their
sentences (literal, or with the values SQL put in) into a Message, so a refusal reads in the
user's language."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..messages import Message

_SQL_PROBLEMS: tuple[tuple[re.Pattern[str], Callable[[dict[str, str]], Message]], ...] = tuple(
    (re.compile(pattern), make) for pattern, make in (
        (r"its UUID is not in canonical form", lambda g: Message("its UUID is not in canonical form")),
        (r"its key is not a UUID", lambda g: Message("its key is not a UUID")),
        (r"its creator is not a UUID", lambda g: Message("its creator is not a UUID")),
        (r"its creation time is out of range", lambda g: Message("its creation time is out of range")),
        (r"its document is not in the file", lambda g: Message("its document is not in the file")),
        (r"it has no revision", lambda g: Message("it has no revision")),
        (r"we hold it on another document, or with another creator or creation time",
         lambda g: Message("we hold it on another document, or with another creator or creation time")),
        (r"it belongs to no annotation of the file", lambda g: Message("it belongs to no annotation of the file")),
        (r"its author is not in the file", lambda g: Message("its author is not in the file")),
        (r"its label is unknown", lambda g: Message("its label is unknown")),
        (r"its timestamp is out of range \(a clock set years ahead\?\)",
         lambda g: Message("its timestamp is out of range (a clock set years ahead?)")),
        (r"its offsets are not whole numbers inside a text",
         lambda g: Message("its offsets are not whole numbers inside a text")),
        (r"its offsets (?P<start>.*)\.\.(?P<end>.*) are not a span",
         lambda g: Message("its offsets {start}..{end} are not a span", **g)),
        (r"its span is longer than (?P<limit>\d+) characters",
         lambda g: Message("its span is longer than {limit} characters", **g)),
        (r"a text column holds something else", lambda g: Message("a text column holds something else")),
        (r"its quoted text or context is too long", lambda g: Message("its quoted text or context is too long")),
        (r"its note is (?P<length>\d+) characters long \(at most (?P<limit>\d+)\)",
         lambda g: Message("its note is {length} characters long (at most {limit})", **g)),
        (r"its flags are not 0 or 1", lambda g: Message("its flags are not 0 or 1")),
        (r"its parents are not a JSON list of sane size",
         lambda g: Message("its parents are not a JSON list of sane size")),
        (r"its fields are not a JSON object of sane size",
         lambda g: Message("its fields are not a JSON object of sane size")),
        (r"it has more than (?P<limit>\d+) fields", lambda g: Message("it has more than {limit} fields", **g)),
        (r"field (?P<key>.*): the name is empty or too long",
         lambda g: Message("field {key}: the name is empty or too long", **g)),
        (r"field (?P<key>.*): not text, a number or yes/no",
         lambda g: Message("field {key}: not text, a number or yes/no", **g)),
        (r"field (?P<key>.*): too long", lambda g: Message("field {key}: too long", **g)),
        (r"field (?P<key>.*): not a field of its kind", lambda g: Message("field {key}: not a field of its kind", **g)),
        (r"field (?P<key>.*): not a number", lambda g: Message("field {key}: not a number", **g)),
        (r"field (?P<key>.*): not yes/no", lambda g: Message("field {key}: not yes/no", **g)),
        (r"field (?P<key>.*): not text", lambda g: Message("field {key}: not text", **g)),
        (r"field (?P<key>.*): not one of its choices", lambda g: Message("field {key}: not one of its choices", **g)),
        (r"a parent is not a UUID", lambda g: Message("a parent is not a UUID")),
        (r"its parent (?P<parent>.*) is in neither file",
         lambda g: Message("its parent {parent} is in neither file", **g)),
        (r"its parent (?P<parent>.*) belongs to another annotation",
         lambda g: Message("its parent {parent} belongs to another annotation", **g)),
        (r"its parent (?P<parent>.*) is not older than it \(a revision cycle, or a damaged file\)",
         lambda g: Message("its parent {parent} is not older than it (a revision cycle, or a damaged file)", **g)),
    ))


def sql_problem(text: object) -> Message:
    """What one of the SQL row checks said, as a Message (as it is, if it matches none)."""
    said = str(text)
    for pattern, make in _SQL_PROBLEMS:
        found = pattern.fullmatch(said)
        if found:
            return make(found.groupdict())
    return Message(said)  # no fields: shown as it is
