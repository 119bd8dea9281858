"""How a merge says no: a refusal naming the file and the problem, in the user's language."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..errors import MergeRefused, TestimoniaError
from ..messages import Message, message


def refuse(path: Path, problem: str | Message, /, **params: object) -> MergeRefused:
    """The merge refusal: a template and its fields (core/messages.py), or a Message."""
    return MergeRefused(path, "cannot be merged: {problem}", problem=message(problem, params))


class TooLarge(MergeRefused):
    """A table past its kind's max_rows: refused whatever else the checks would find, so they are stopped."""


def explain(exc: sqlite3.Error, ours: Path, path: Path) -> TestimoniaError:
    """A database error during a merge, as a message for the user."""
    text = str(exc)
    if any(word in text for word in ("locked", "busy", "full", "readonly", "disk I/O")):
        return TestimoniaError("{ours}: the merge could not be written ({detail}); the project is unchanged",
                               ours=ours, detail=text)
    if isinstance(exc, sqlite3.IntegrityError):
        return refuse(path, "it holds duplicate or inconsistent rows ({detail})", detail=text)
    return refuse(path, "it could not be read ({detail})", detail=text)
