"""Writing export files so that a crash, a full disk or a bad row never leaves half a file behind.

Everything is written to a temporary file (or folder) beside the target, on the same file system,
and moved into place with one rename at the end; the target is either the old file or the new one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from testimonia.core.errors import InvalidInput, TestimoniaError


def write_file(target: Path, write: Callable[[BinaryIO], None]) -> None:
    """Call `write` with a binary file that becomes `target` only if it returns normally."""
    target = Path(target)
    _check_parent(target)
    if target.is_dir():
        raise InvalidInput(f"{target}: is a folder; give a file name to export to")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise TestimoniaError(f"{target}: cannot write here ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise TestimoniaError(f"{target}: cannot write the export ({exc.strerror or exc})") from None
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
        raise InvalidInput(f"{target}: a file of that name exists; give a new or empty folder to export to")
    if target.is_dir() and any(target.iterdir()):
        raise InvalidInput(f"{target}: the folder is not empty; give a new or empty folder to export to")
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent))
    except OSError as exc:
        raise TestimoniaError(f"{target}: cannot write here ({exc.strerror or exc})") from None
    try:
        fill(tmp)
        if target.is_dir():
            target.rmdir()  # still empty, checked above
        os.replace(tmp, target)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise TestimoniaError(f"{target}: cannot write the export ({exc.strerror or exc})") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _check_parent(target: Path) -> None:
    if not target.parent.is_dir():
        raise InvalidInput(f"{target}: the folder {target.parent} does not exist")
