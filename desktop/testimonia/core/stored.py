"""Values read back from a project file, checked: a hostile or damaged file says so by name.

Where a listing turns stored values into views, a value of the wrong type (a REAL timestamp, a
text offset, fields that are not a JSON object) would fail much later with a TypeError; here it
becomes a DamagedFileError naming the file and the row.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .errors import DamagedFileError
from .messages import Message


def damaged(path: Path, what: Message) -> DamagedFileError:
    return DamagedFileError(path, "{what} holds a value of the wrong type (the file is damaged or was altered); "
                                  "`testimonia check` lists what is wrong", what=what)


def json_value(raw: object, kind: type, path: Path, what: Message) -> Any:
    """`raw` (stored JSON text) decoded, if it is a `kind`; else DamagedFileError."""
    try:
        value = json.loads(raw) if isinstance(raw, str) else None
    except (ValueError, RecursionError):
        value = None
    if not isinstance(value, kind):
        raise damaged(path, what)
    return value
