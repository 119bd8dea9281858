"""Opening files someone else made: regular files only, and their size known before any byte is read.

A path handed to an import or a merge may name a pipe (reading it waits for a writer forever), a
device such as /dev/zero (endless bytes: memory runs out) or a symlink to either. Everything that
reads a document, an exchange file or a received project opens it here: the type is checked by
stat before the file is opened, and again on the open descriptor (the path may be swapped in
between), and the size limit is checked from fstat before the first read. Pipes are opened
non-blocking, so even a pipe swapped in at the last moment cannot make the open wait.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from .errors import ImportFailed, TestimoniaError
from .messages import Message

# Turns (path, problem) into the error the caller raises: ImportFailed, MergeRefused, ...
ErrorFactory = Callable[[Path, Message], TestimoniaError]

_CHUNK = 1024 * 1024
_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def too_large(limit: int) -> Message:
    return Message("the file is larger than {size}, the limit for this kind of file", size=describe_size(limit))


def describe_size(limit: int) -> str | Message:
    if limit >= 1024 * 1024 and limit % (1024 * 1024) == 0:
        return f"{limit // (1024 * 1024)} MB"
    if limit >= 1024 and limit % 1024 == 0:
        return f"{limit // 1024} KB"
    return Message("{count:,} bytes", count=limit)


def not_regular(mode: int) -> Message:
    """What a non-regular file is, in words a user knows (whole sentences: they translate so)."""
    if stat.S_ISDIR(mode):
        return Message("this is a folder, not a file")
    if stat.S_ISFIFO(mode):
        return Message("this is a pipe (FIFO), not a regular file; only regular files are read")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return Message("this is a device, not a regular file; only regular files are read")
    if stat.S_ISSOCK(mode):
        return Message("this is a socket, not a regular file; only regular files are read")
    return Message("this is not a regular file; only regular files are read")


def check_regular(path: Path | str, *, limit: int | None = None, error: ErrorFactory = ImportFailed,
                  missing_ok: bool = False) -> os.stat_result | None:
    """Stat `path` (following symlinks) and refuse anything but a regular file within `limit` bytes.

    For files another library opens itself (SQLite): nothing is opened or read here. Returns the
    stat result, or None when the file does not exist and `missing_ok`.
    """
    path = Path(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if missing_ok:
            return None
        raise error(path, Message("the file does not exist")) from None
    except OSError as exc:
        raise error(path, Message("cannot read the file ({reason})", reason=exc.strerror or exc)) from None
    _check_stat(path, st, limit, error)
    return st


def _check_stat(path: Path, st: os.stat_result, limit: int | None, error: ErrorFactory) -> None:
    if not stat.S_ISREG(st.st_mode):
        raise error(path, not_regular(st.st_mode))
    if limit is not None and st.st_size > limit:
        raise error(path, too_large(limit))


def open_regular(path: Path | str, *, limit: int | None = None, error: ErrorFactory = ImportFailed) -> BinaryIO:
    """An open binary file for `path`, which is a regular file of at most `limit` bytes.

    Raises `error(path, problem)` for a missing, unreadable, non-regular or too large file.
    """
    path = Path(path)
    check_regular(path, limit=limit, error=error)
    try:
        fd = os.open(path, _FLAGS | _NONBLOCK)
    except FileNotFoundError:
        raise error(path, Message("the file does not exist")) from None
    except IsADirectoryError:
        raise error(path, Message("this is a folder, not a file")) from None
    except OSError as exc:
        raise error(path, Message("cannot read the file ({reason})", reason=exc.strerror or exc)) from None
    try:
        _check_stat(path, os.fstat(fd), limit, error)
        if _NONBLOCK:
            os.set_blocking(fd, True)  # no effect on a regular file's reads; keeps later reads plain
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bytes(path: Path | str, *, limit: int, error: ErrorFactory = ImportFailed) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (checked before and while reading:
    a file that grows meanwhile is refused too)."""
    path = Path(path)
    with open_regular(path, limit=limit, error=error) as fh:
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise error(path, Message("cannot read the file ({reason})", reason=exc.strerror or exc)) from None
    if len(data) > limit:
        raise error(path, too_large(limit))
    return data


def sha256(path: Path | str, *, limit: int | None = None, error: ErrorFactory = ImportFailed) -> str:
    """SHA-256 of a regular file's bytes, read in chunks (never the whole file in memory)."""
    path = Path(path)
    digest = hashlib.sha256()
    read = 0
    with open_regular(path, limit=limit, error=error) as fh:
        try:
            while chunk := fh.read(_CHUNK):
                read += len(chunk)
                if limit is not None and read > limit:
                    raise error(path, too_large(limit))
                digest.update(chunk)
        except OSError as exc:
            raise error(path, Message("cannot read the file ({reason})", reason=exc.strerror or exc)) from None
    return digest.hexdigest()
