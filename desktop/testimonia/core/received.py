"""Reading a project file without writing to it or beside it.

A file a teammate sent (or any file a reading command is pointed at) must come out of reading
exactly as it went in. SQLite does not make that easy: a read-only connection to a WAL-mode file
creates PROJECT-wal and PROJECT-shm beside it and leaves them there, and a read-write one replays
a -wal it finds (a teammate's unfinished session, or a hostile log) into the main file. So:

- nothing beside the file: open it with `immutable=1`, which reads the main file alone and
  creates nothing;
- a -wal and a -shm beside it: someone has it open (or had, and was killed); a `mode=ro`
  connection reads the log through the existing index like any reader, and writes nothing new;
- a non-empty -wal without its -shm, or a -journal: a log that nobody is using. The main file
  and the log are copied into a private folder and SQLite recovers them there (replaying the WAL,
  rolling back a hot journal); the copy is read instead, and the user is told;
- an older file format: a private copy goes through the same migrations a project does.

Anything beside the file that is not a regular file (a FIFO, a device, a symlink) is refused
before it is opened.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import tempfile
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DamagedFileError, NotAProjectError, ProjectFileError
from .messages import Message

SIDECARS = ("-wal", "-shm", "-journal")


@dataclass
class ReceivedFile:
    """Where to read a file from: `uri` for sqlite3 (uri=True), `path` the file the user named."""

    path: Path
    uri: str
    notes: list[str] = field(default_factory=list)
    private: Path | None = None  # the private copy being read, if any
    _folder: Path | None = None

    def close(self) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

    def __enter__(self) -> ReceivedFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _sidecar_size(path: Path, suffix: str) -> int | None:
    """Size of PATH<suffix>, None when absent; refuses one that is not a regular file."""
    side = sidecar(path, suffix)
    try:
        st = side.lstat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ProjectFileError(path, "{name} beside it cannot be read ({reason})", name=side.name,
                               reason=exc.strerror or exc) from exc
    if not stat.S_ISREG(st.st_mode):
        raise NotAProjectError(path, "{name} beside it is not a regular file; nothing was read", name=side.name)
    return st.st_size


def uri_for(path: Path, **params: str) -> str:
    # mode=ro always: without it SQLite would create a missing file, immutable or not.
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{path.resolve().as_uri()}?{query}"


def open_received(path: Path | str) -> ReceivedFile:
    """Decide how to read `path` without changing it; the caller closes the result.

    The file itself is checked (rawdb.inspect_file) by the caller through `uri`."""
    path = Path(path)
    wal, shm, journal = (_sidecar_size(path, s) for s in SIDECARS)
    if journal:
        return _private_copy(path, "-journal", Message(
            "{name}-journal beside it holds an unfinished change (the program writing it stopped part-way); it was "
            "rolled back in a private copy, and neither file was changed", name=path.name))
    if wal and shm is not None:
        return ReceivedFile(path, uri_for(path, mode="ro"))
    if wal:
        return _private_copy(path, "-wal", Message(
            "{name}-wal beside it ({size}) may hold changes not yet written into the file; both were read together "
            "from a private copy, and neither file was changed", name=path.name, size=_kib(wal)))
    return ReceivedFile(path, uri_for(path, mode="ro", immutable="1"))


def _kib(n: int) -> str | Message:
    return f"{n / 1024:,.0f} KB" if n >= 1024 else Message("{count:,} bytes", count=n)


def _private_copy(path: Path, suffix: str, note: Message) -> ReceivedFile:
    folder = Path(tempfile.mkdtemp(prefix="testimonia-read-"))
    copy = folder / "received.testimonia"
    try:
        try:
            _copy_regular(path, copy)
            _copy_regular(sidecar(path, suffix), sidecar(copy, suffix))
        except OSError as exc:
            raise ProjectFileError(path, "cannot be copied to read it safely ({reason})",
                                   reason=exc.strerror or exc) from exc
        if not _looks_like_sqlite(copy):
            raise NotAProjectError(path, "is not a Testimonia project file (not an SQLite database)")
        try:
            # Recovery happens on opening; the TRUNCATE checkpoint puts the log into the copy.
            with closing(sqlite3.connect(copy, isolation_level=None)) as conn:
                conn.execute("PRAGMA trusted_schema=OFF")
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                if suffix == "-wal":
                    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlite3.DatabaseError as exc:
            raise DamagedFileError(path, "it and {name}{suffix} beside it cannot be read together ({detail})",
                                   name=path.name, suffix=suffix, detail=exc) \
                from exc
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    for s in SIDECARS:
        sidecar(copy, s).unlink(missing_ok=True)
    return ReceivedFile(path, uri_for(copy, mode="ro", immutable="1"), [str(note)], private=copy, _folder=folder)


def _copy_regular(src: Path, dst: Path) -> None:
    """Copy a regular file (refusing anything else before reading a byte)."""
    # O_NONBLOCK: opening a FIFO must not wait for a writer.
    fd = os.open(src, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise OSError(f"{src.name} is not a regular file")
        with dst.open("wb") as out:
            shutil.copyfileobj(fh, out, 1 << 20)


def _looks_like_sqlite(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(16) == b"SQLite format 3\x00"


def upgraded_copy(received: ReceivedFile, version: int, *, search_index: bool = True) -> ReceivedFile:
    """A private copy of an older-format file, migrated as a project would be on opening; the
    file itself stays as it is. Takes over (and closes) `received`. A merge, which never reads
    the incoming search index, passes `search_index=False` (schema.migrate)."""
    from .schema import SCHEMA_VERSION, migrate

    folder = Path(tempfile.mkdtemp(prefix="testimonia-read-"))
    copy = folder / "upgraded.testimonia"
    try:
        try:
            with closing(sqlite3.connect(received.uri, uri=True)) as src, closing(sqlite3.connect(copy)) as dst:
                src.backup(dst)
            with closing(sqlite3.connect(copy, isolation_level=None)) as conn:
                conn.execute("PRAGMA trusted_schema=OFF")
                conn.execute("BEGIN IMMEDIATE")
                migrate(conn, version, search_index=search_index)
                conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
                conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            raise DamagedFileError(received.path, "its older file format could not be read ({detail})",
                                   detail=exc) from exc
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    finally:
        received.close()
    return ReceivedFile(received.path, uri_for(copy, mode="ro", immutable="1"), received.notes, private=copy,
                        _folder=folder)
