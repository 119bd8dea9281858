"""Indented JSON written a piece at a time, byte for byte what `json.dumps(..., indent=N)` gives.

`list --json` and the W3C export print one indented JSON document holding every annotation; built
whole, it took gigabytes on a large project. Here an array is written item by item into the
document around it, so only one item is ever in memory.

It is faster too: with an indent, `json.dumps` uses the pure-Python encoder (the C one takes no
indent in Python 3.11), which was half of the W3C export's time. The common shapes (dicts, lists,
str, int, float, bool, None) are formatted here with the C string encoder; anything else goes
through `json.dumps` itself, so the output is always what it would give.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Iterable
from json.encoder import encode_basestring, encode_basestring_ascii  # the C versions where built
from typing import Any

# Encoded dict keys with their ": ", by ensure_ascii: every item repeats the same few dozen keys.
_KEYS: dict[bool, dict[str, str]] = {False: {}, True: {}}


def dumps(obj: Any, *, indent: int, ensure_ascii: bool = False, level: int = 0) -> str:
    """`json.dumps(obj, ensure_ascii=…, indent=indent)` with every line after the first indented by
    `level` more steps, as it stands nested inside an indented document."""
    enc = encode_basestring_ascii if ensure_ascii else encode_basestring
    parts: list[str] = []
    _emit(obj, parts, enc, " " * indent, "\n" + " " * (indent * level), ensure_ascii, _KEYS[ensure_ascii])
    return "".join(parts)


def _emit(obj: Any, parts: list[str], enc: Callable[[str], str], step: str, nl: str, ensure_ascii: bool,
          keys: dict[str, str]) -> None:
    # Exact types only: a subclass (an IntEnum, a dict with its own items()) may format differently.
    t = type(obj)
    if t is dict:
        if not obj:
            parts.append("{}")
        elif not all(type(key) is str for key in obj):  # json.dumps turns them into strings (or refuses)
            parts.append(_fallback(obj, step, nl, ensure_ascii))
        else:
            inner = nl + step
            sep = "{" + inner
            for key, value in obj.items():
                head = keys.get(key)
                if head is None:
                    head = enc(key) + ": "
                    if len(keys) < 4096:  # the usual keys repeat on every item; field names may not
                        keys[key] = head
                # Scalars inline: a call per value was most of the time.
                vt = type(value)
                if vt is str:
                    parts.append(sep + head + enc(value))
                elif value is None:
                    parts.append(sep + head + "null")
                elif value is True:
                    parts.append(sep + head + "true")
                elif value is False:
                    parts.append(sep + head + "false")
                elif vt is int:
                    parts.append(sep + head + int.__repr__(value))
                elif vt is float and value - value == 0.0:  # finite (NaN and infinities are not)
                    parts.append(sep + head + float.__repr__(value))
                else:
                    parts.append(sep + head)
                    _emit(value, parts, enc, step, inner, ensure_ascii, keys)
                sep = "," + inner
            parts.append(nl + "}")
    elif t is list or t is tuple:
        if not obj:
            parts.append("[]")
            return
        inner = nl + step
        sep = "[" + inner
        for value in obj:
            parts.append(sep)
            _emit(value, parts, enc, step, inner, ensure_ascii, keys)
            sep = "," + inner
        parts.append(nl + "]")
    elif t is str:
        parts.append(enc(obj))
    elif obj is None:
        parts.append("null")
    elif obj is True:
        parts.append("true")
    elif obj is False:
        parts.append("false")
    elif t is int:
        parts.append(int.__repr__(obj))
    elif t is float and obj - obj == 0.0:
        parts.append(float.__repr__(obj))
    else:  # floats (NaN, Infinity), and anything json.dumps may know better
        parts.append(_fallback(obj, step, nl, ensure_ascii))


def _fallback(obj: Any, step: str, nl: str, ensure_ascii: bool) -> str:
    # A JSON text holds no raw line breaks (strings escape them), so re-indenting lines is exact.
    return json.dumps(obj, ensure_ascii=ensure_ascii, indent=len(step)).replace("\n", nl)


def write_document(write: Callable[[str], object], shell: Any, items: Iterable[Any], *, indent: int,
                   ensure_ascii: bool = False, path: tuple[str, ...] = (), batch: int = 64) -> int:
    """Write `shell` as `json.dumps(shell, indent=indent)` would, with the value at `path` (a list
    of keys to a list inside it; () when `shell` is that list) replaced by the list of `items`,
    taken and written one at a time. Returns how many items were written."""
    holder = shell
    for key in path[:-1]:
        holder = holder[key]
    while True:
        # A marker the rest of the shell cannot hold: a fresh random one until it occurs once.
        marker = f"\x00{secrets.token_hex(8)}\x00"
        if path:
            holder[path[-1]] = marker
            text = json.dumps(shell, ensure_ascii=ensure_ascii, indent=indent)
        else:
            text = json.dumps(marker)
        token = json.dumps(marker, ensure_ascii=ensure_ascii)
        if text.count(token) == 1:
            break
    before, _, after = text.partition(token)
    level = _depth(before, indent)
    write(before)
    n = 0
    nl_item = "\n" + " " * (indent * (level + 1))
    chunk: list[str] = []
    for item in items:
        chunk.append(("[" if n == 0 else ",") + nl_item)
        chunk.append(dumps(item, indent=indent, ensure_ascii=ensure_ascii, level=level + 1))
        n += 1
        if len(chunk) >= 2 * batch:
            write("".join(chunk))
            chunk.clear()
    chunk.append("[]" if n == 0 else "\n" + " " * (indent * level) + "]")
    write("".join(chunk))
    write(after)
    return n


def _depth(before: str, indent: int) -> int:
    """Nesting level of the line on which the streamed list starts."""
    line = before.rsplit("\n", 1)[-1]
    spaces = len(line) - len(line.lstrip(" "))
    return spaces // indent if indent else 0
