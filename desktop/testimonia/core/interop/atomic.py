"""Writing export files so that a crash, a full disk or a bad row never leaves half a file behind.

Everything is written to a temporary file (or folder) beside the target, on the same file system,
and moved into place with one rename at the end; the target is either the old file or the new one.
The temporary file is created with the mode any program's new file gets (0666 less the umask), not
tempfile's private 0600: an export is made to be shared, and a colleague on the same machine or the
web server serving the report must be able to read it as they read any other new file.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from testimonia.core.errors import InvalidInput, TestimoniaError


def write_file(target: Path, write: Callable[[BinaryIO], None]) -> None:
    """Call `write` with a binary file that becomes `target` only if it returns normally."""
    target = Path(target)
    _check_parent(target)
    if target.is_dir():
        raise InvalidInput("{target}: is a folder; give a file name to export to", target=target)
    try:
        fd, tmp = _new_file(target)
    except OSError as exc:
        raise TestimoniaError("{target}: cannot write here ({reason})", target=target,
                              reason=exc.strerror or exc) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise TestimoniaError("{target}: cannot write the export ({reason})", target=target,
                              reason=exc.strerror or exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_folder(target: Path, fill: Callable[[Path], None]) -> None:
    """Call `fill` with an empty temporary folder that becomes `target` only if it returns normally.

    The target must not exist or be an empty folder: replacing a folder that holds other files
    would delete files this export did not write.
    """
    target = Path(target)
    _check_parent(target)
    if target.exists() and not target.is_dir():
        raise InvalidInput("{target}: a file of that name exists; give a new or empty folder to export to",
                           target=target)
    if target.is_dir() and any(target.iterdir()):
        raise InvalidInput("{target}: the folder is not empty; give a new or empty folder to export to",
                           target=target)
    try:
        tmp = _new_folder(target)
    except OSError as exc:
        raise TestimoniaError("{target}: cannot write here ({reason})", target=target,
                              reason=exc.strerror or exc) from None
    try:
        fill(tmp)
        if target.is_dir():
            target.rmdir()  # still empty, checked above
        os.replace(tmp, target)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise TestimoniaError("{target}: cannot write the export ({reason})", target=target,
                              reason=exc.strerror or exc) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _check_parent(target: Path) -> None:
    if not target.parent.is_dir():
        raise InvalidInput("{target}: the folder {parent} does not exist", target=target, parent=target.parent)


_ATTEMPTS = 100


def _part_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")


def _new_file(target: Path) -> tuple[int, Path]:
    """A new, empty file beside `target`; the system applies the umask to 0o666 as for any new file."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(_ATTEMPTS):
        tmp = _part_name(target)
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {target}")  # not a message: caught above


def _new_folder(target: Path) -> Path:
    for _ in range(_ATTEMPTS):
        tmp = _part_name(target)
        try:
            tmp.mkdir(0o777)
            return tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {target}")  # not a message: caught above
