"""Project files through plain sqlite3: the checks on opening, upgrades, and connections with our
pragmas. No SQLAlchemy here: opening and reading a project (the desktop app's start) needs none,
and importing it costs about a third of a second. core/db.py builds the write engine on top.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from .errors import DamagedFileError, NewerSchemaError, NotAProjectError, ProjectFileError
from .schema import APPLICATION_ID, OLDEST_SUPPORTED, SCHEMA_VERSION, migrate

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 15_000


def _pragmas(conn: sqlite3.Connection, busy_timeout_ms: int | None = None) -> None:
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS if busy_timeout_ms is None else busy_timeout_ms}")
    # No code from a file's schema (triggers, views, generated columns) may call non-innocuous SQL.
    conn.execute("PRAGMA trusted_schema=OFF")
    conn.execute("PRAGMA foreign_keys=OFF")
    # NORMAL in WAL mode: a commit is safe from a killed process at once (the log is in the OS's
    # cache), and from power loss once the checkpoint thread, started by every commit, has synced
    # the log and the main file (within moments: core/checkpoint.py). FULL also synced the log in
    # the commit itself, on the thread that made the edit: the GUI thread waited for the disk
    # (25-800 ms on a shared disk under load, measured at 30k documents) after every edit.
    conn.execute("PRAGMA synchronous=NORMAL")


def connect_raw(path: Path, *, readonly: bool = False, busy_timeout_ms: int | None = None) -> sqlite3.Connection:
    """A plain sqlite3 connection in autocommit mode; callers issue BEGIN themselves.

    `readonly` is for our own project only: on a file nobody has open it creates -wal and -shm
    beside it. Files from elsewhere are read through core/received.py and connect_uri."""
    if readonly:
        return connect_uri(f"{path.resolve().as_uri()}?mode=ro", busy_timeout_ms)
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    _set_up(conn, busy_timeout_ms)
    return conn


def connect_uri(uri: str, busy_timeout_ms: int | None = None) -> sqlite3.Connection:
    """A read-only connection to a file:… URI (core/received.py decides which)."""
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    _set_up(conn, busy_timeout_ms)
    return conn


def _set_up(conn: sqlite3.Connection, busy_timeout_ms: int | None) -> None:
    try:
        _pragmas(conn, busy_timeout_ms)
    except UnicodeDecodeError:
        # SQLite's message about a malformed schema quotes the file's bytes, and sqlite3 cannot
        # decode a message that is not UTF-8: found by fuzzing received project files.
        conn.close()
        raise sqlite3.DatabaseError("malformed database schema (its text is not valid UTF-8)") from None
    except BaseException:
        conn.close()
        raise


def check_header(path: Path, head: bytes, size: int) -> None:
    """Refuse a file cut short: SQLite reads missing pages of a truncated file as if they were
    there, so `quick_check` can pass on a file that lost its last bytes."""
    page_size = int.from_bytes(head[16:18], "big") or 1
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise DamagedFileError(path, "the project file is damaged (its header gives a page size of {page_size})",
                               page_size=page_size)
    pages = int.from_bytes(head[28:32], "big")
    # The page count is valid only when "version-valid-for" matches the change counter.
    if head[92:96] == head[24:28] and pages and size < pages * page_size:
        raise DamagedFileError(path, "the project file is damaged: it was cut short (its header says {expected:,} "
                                     "bytes, the file holds {size:,}); ask for a new copy", expected=pages * page_size,
                               size=size)
    if size % page_size:
        raise DamagedFileError(path, "the project file is damaged: {size:,} bytes is not a whole number of "
                                     "{page_size}-byte pages (cut short, or bytes added); ask for a new copy",
                               size=size, page_size=page_size)


def inspect_file(path: Path, uri: str | None = None, *, full: bool = True, changes_only_ok: bool = False,
                 unread: frozenset[str] = frozenset()) -> int:
    """Check that `path` is a project file we can read; return its schema version.

    Raises NotAProjectError, NewerSchemaError or DamagedFileError with a message for the user.
    Reads through `uri` when given (a received file, core/received.py), else read-only in place.
    Nothing is written to the file, whatever the outcome.

    `full` runs SQLite's quick_check, which reads every page: 16 % of opening a 10,000-document
    project, every time. It is for files that arrive from elsewhere (a merge, a received file).
    Opening one's own project checks what is cheap (the header against the file's length, the
    schema parsed) and leaves the rest to SQLite's own checks of each page it reads, which report a
    damaged page as such (Store._read); `testimonia check` stays the full check.

    A changes-only exchange file (core/merge/exchange.py) is refused unless `changes_only_ok` (the
    merge): it lacks the texts it only refers to, so it is for merging, not for opening or checking.

    `unread`: tables the caller never reads (the merge and the search index, half of a file's
    pages). The check then runs table by table over the others, each with its indexes; what it
    leaves out (the free list, pages no table uses, and those tables) is never read either.
    """
    if not path.exists():
        raise ProjectFileError(path, "no such file")
    if not path.is_file():
        raise NotAProjectError(path, "is not a file")
    try:
        # O_NONBLOCK: a FIFO swapped in after the check above must not hang the open.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode):
                raise NotAProjectError(path, "is not a regular file")
            head = fh.read(100)
    except OSError as exc:
        raise ProjectFileError(path, "cannot be read ({reason})", reason=exc.strerror or exc) from exc
    if not head.startswith(SQLITE_MAGIC):
        raise NotAProjectError(path, "is not a Testimonia project file (not an SQLite database)")
    if len(head) < 100:
        raise DamagedFileError(path, "the project file is truncated")
    app_id = int.from_bytes(head[68:72], "big", signed=False)
    if app_id != APPLICATION_ID:
        raise NotAProjectError(path, "is an SQLite database but not a Testimonia project file")
    if not path.with_name(path.name + "-shm").exists():
        # With a -shm beside it the file is in use: a checkpoint writing it may have extended the
        # header's page count ahead of the file's length for a moment.
        check_header(path, head, st.st_size)
    try:
        conn = connect_uri(uri) if uri is not None else connect_raw(path, readonly=True)
    except sqlite3.Error as exc:
        raise DamagedFileError(path, "the project file cannot be opened ({detail})", detail=exc) from exc
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise NewerSchemaError(
                path,
                "was written by a newer Testimonia (file format {version}; this version reads up to {newest}). Update "
                "Testimonia to open it.", version=version, newest=SCHEMA_VERSION,
            )
        if version < OLDEST_SUPPORTED:
            raise NotAProjectError(path, "has an unknown file format version {version}", version=version)
        if not changes_only_ok and conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'exchange_info'").fetchone():
            raise NotAProjectError(path, "is a changes-only file from a teammate, which holds only what is new: merge "
                                         "it into your project (testimonia merge PROJECT FILE, or File › Merge a "
                                         "teammate's file…) instead of opening it")
        if not full:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # parses the whole schema
            return version
        result = _quick_check(conn, unread)
        if result != ["ok"]:
            raise DamagedFileError(path, "the project file is damaged: {detail}", detail="; ".join(result[:3]))
        return version
    except sqlite3.DatabaseError as exc:
        raise DamagedFileError(path, "the project file is damaged ({detail})", detail=exc) from exc
    finally:
        conn.close()


def quote_ident(name: str) -> str:
    """An SQL identifier quoted, for names read from a file (table and column names)."""
    return '"' + name.replace('"', '""') + '"'


def _quick_check(conn: sqlite3.Connection, unread: frozenset[str]) -> list[str]:
    if not unread:
        return [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    for table in ("sqlite_master", *tables):
        if table in unread:
            continue
        result = [r[0] for r in conn.execute(f"PRAGMA quick_check({quote_ident(str(table))})").fetchall()]
        if result != ["ok"]:
            return result
    return ["ok"]


def ensure_wal(path: Path) -> None:
    """Our own projects run in WAL mode; a copy made to be sent (core/sendcopy.py) is not."""
    with path.open("rb") as fh:
        head = fh.read(20)
    if len(head) == 20 and head[18] != 2:
        conn = connect_raw(path)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
        finally:
            conn.close()


def backup_path(path: Path, version: int) -> Path:
    candidate = path.with_name(f"{path.name}.v{version}.bak")
    n = 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}.v{version}.{n}.bak")
    return candidate


def upgrade(path: Path, version: int) -> Path:
    """Back the file up, then migrate it to the current version in one transaction."""
    backup = backup_path(path, version)
    src = connect_raw(path)
    try:
        dst = sqlite3.connect(str(backup))
        try:
            src.backup(dst)  # consistent snapshot, WAL included
        finally:
            dst.close()
        src.execute("BEGIN IMMEDIATE")
        try:
            migrate(src, version)
            src.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            src.execute("COMMIT")
        except BaseException:
            src.execute("ROLLBACK")
            raise
    finally:
        src.close()
    return backup
