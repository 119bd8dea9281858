"""Names another program may turn into a file name: safe on Windows, macOS and Linux, and unique.

QualCoder copies each REFI-QDA source to `documents/<name>.txt`, so a title holding "/" sends the
copy into a folder that does not exist and breaks its own export later; other QDA tools do the
same. Such names lose what no file system takes; the full title travels beside them.
"""

from __future__ import annotations

import re

# Path separators become hyphens ("2023/24" reads "2023-24"), the other characters Windows refuses
# in a name and control characters spaces.
_SEPARATORS = str.maketrans({"/": "-", "\\": "-", "|": "-", '"': "'"})
_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f:*?<>]")
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
# Most file systems allow 255 bytes (ext4 counts UTF-8 bytes, so 85 Hangul syllables); the
# receiving tool adds its own suffix or prefix ("2_", ".txt"), and may put it in a deep folder.
MAX_NAME_BYTES = 120


def _cut(name: str, max_bytes: int) -> str:
    data = name.encode("utf-8")
    if len(data) <= max_bytes:
        return name
    return data[:max_bytes].decode("utf-8", errors="ignore")


def safe_name(title: str, taken: set[str], fallback: str = "document") -> str:
    """`title` as a name that is a valid file name everywhere and not in `taken` (compared without
    case, as Windows and macOS do); the name is added to `taken`."""
    name = " ".join(_FORBIDDEN.sub(" ", title.translate(_SEPARATORS)).split())
    # Windows drops trailing dots and spaces, and a leading dot hides the file elsewhere.
    name = _cut(name, MAX_NAME_BYTES).strip(" .") or fallback
    if name.split(".")[0].rstrip().upper() in _RESERVED:
        name = "_" + name
    base, n = name, 1
    while name.casefold() in taken:
        n += 1
        suffix = f" ({n})"
        name = _cut(base, MAX_NAME_BYTES - len(suffix)).rstrip(" .") + suffix
    taken.add(name.casefold())
    return name
