"""A copy of the project to send to a teammate: one consistent file, nothing beside it.

`VACUUM INTO` writes a snapshot of one read transaction, so a copy taken while the app writes is
still whole; it is also compact (no free pages, which could hold text that was replaced) and in
rollback-journal mode, so a teammate who only reads or merges it opens it without any -wal or
-shm appearing beside it. Opening the copy as one's own project switches it back to WAL mode.
"""

from __future__ import annotations

import os
import re
import sqlite3
from datetime import datetime
from pathlib import Path

from .errors import InvalidInput, TestimoniaError
from .schema import SUFFIX
from .store import Store

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def copy_name(project: Path, author_name: str | None, when: datetime) -> str:
    """"team (Kim Min-ji, 2026-12-02 14.30).testimonia": whose copy and when, in one file name
    every file system and mail program accepts."""
    who = _UNSAFE.sub(" ", author_name or "").strip()
    stamp = when.strftime("%Y-%m-%d %H.%M")
    inside = f"{who}, {stamp}" if who else stamp
    return f"{project.stem} ({inside}){SUFFIX}"


def send_copy(store: Store, out: Path, author_name: str | None = None, *, when: datetime | None = None,
              replace: bool = False) -> Path:
    """Write the snapshot to `out` (a folder: named by copy_name there) and return its path.
    An existing file is replaced only with `replace`; a failure leaves nothing behind."""
    out = Path(out)
    target = out / copy_name(store.path, author_name, when or datetime.now()) if out.is_dir() else out
    if target.exists() and target.resolve() == store.path.resolve():
        raise InvalidInput("{target}: is the project itself; choose another name", target=target)
    if target.exists() and not (replace and target.is_file()):
        raise InvalidInput("{target}: already exists; choose another name", target=target)
    if not target.parent.is_dir():
        raise InvalidInput("{target}: the folder {parent} does not exist", target=target, parent=target.parent)
    partial = target.with_name(f".{target.name}.part")
    partial.unlink(missing_ok=True)
    try:
        store.vacuum_into(partial)
        with partial.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(partial, target)
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise TestimoniaError("{target}: the copy could not be written ({detail}); nothing was written", target=target,
                              detail=exc) from None
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise TestimoniaError("{target}: the copy could not be written ({reason})", target=target,
                              reason=exc.strerror or exc) from None
    return target
