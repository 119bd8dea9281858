"""Step 1 of a merge: open the received file, untrusted, without writing to it or beside it.

The file is read only through core/received.py (`immutable=1`, or a private copy when a log lies
beside it) by read-only connections with trusted_schema=OFF, so no code from its triggers or views
can run and nothing of it changes. Before any of its rows is looked at it must be a regular file,
a Testimonia project of a version we read, hold exactly our tables and indexes (no trigger, no
view, no foreign table), no table past its kind's row limit; `quick_check` (check_file) runs on
the checks' own connection beside the merge (concurrent.py). An older file is read through an
upgraded private copy.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import ExitStack, closing, contextmanager, suppress
from functools import lru_cache
from pathlib import Path

from .. import files, rawdb
from ..errors import DamagedFileError, MergeRefused, ProjectFileError
from ..received import ReceivedFile, open_received, upgraded_copy
from ..schema import (
    EXCHANGE_TABLES,
    EXTRA_INDEXES,
    FTS_DDL,
    FTS_DDL_V2,
    FTS_KEY_DDL,
    OLDEST_SUPPORTED,
    OPTIONAL_INDEXES,
    OPTIONAL_TABLES,
    SCHEMA_VERSION,
)
from . import kinds
from .refusal import TooLarge, refuse

# As written, and as SQLite keeps one created with a schema name (without IF NOT EXISTS).
_OPTIONAL_INDEXES = frozenset(" ".join(form.split()) for ddl in OPTIONAL_INDEXES
                              for form in (ddl, ddl.replace("IF NOT EXISTS ", "")))
_FTS_SHADOW = {f"document_fts_{s}" for s in ("data", "idx", "content", "docsize", "config")}
# The merge builds our search index from the texts it takes and never reads the file's.
_NEVER_READ = frozenset({"document_fts", "document_fts_key", *_FTS_SHADOW})


@contextmanager
def received(path: Path) -> Iterator[ReceivedFile]:
    """How to read `path` without changing it (core/received.py), as a merge refusal if it cannot be."""
    try:
        opened = open_received(path)
    except ProjectFileError as exc:
        raise MergeRefused(path, exc.problem) from None
    with opened:
        yield opened


def refuse_special_files(path: Path) -> None:
    """The incoming file must be a regular file (or missing: the checks say so in their own
    words), never a pipe, a device or a symlink to one; core/received.py checks the files beside it."""
    files.check_regular(path, error=_refusal(path, path), missing_ok=True)


def _wal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def _refusal(path: Path, part: Path) -> files.ErrorFactory:
    if part == path:
        return lambda _p, problem: refuse(path, problem)
    return lambda _p, problem: refuse(path, "the file beside it, {name}: {problem}", name=part.name,
                                      problem=problem)


# A file up to this size is fingerprinted by the SHA-256 of all its bytes (a quarter of a second
# at most), and a merge of the same bytes again is skipped on that alone. A larger one is known by a
# digest of its size and of samples of its bytes: cheap, but it may stay the same when the file
# changed, so it only names a file that news.py has already found to hold nothing new.
EXACT_LIMIT = 64 << 20
_SAMPLED = "sampled:"
_SAMPLE = 1 << 20
_SAMPLES = 16


def exact(fingerprint: str) -> bool:
    """Whether `fingerprint` stands for the file's exact bytes (file_fingerprint)."""
    return not fingerprint.startswith(_SAMPLED)


def file_fingerprint(path: Path) -> str:
    """SHA-256 of the file's bytes (and of its -wal file, whose commits are part of its content);
    for a file past EXACT_LIMIT, a digest of its size and samples. Only regular files are read (see
    refuse_special_files)."""
    parts: list[tuple[Path, int]] = []
    for part in (path, _wal(path)):
        error = _refusal(path, part)
        st = files.check_regular(part, error=error, missing_ok=True)
        if st is None:
            continue  # a missing file is reported, with the right message, by the checks
        parts.append((part, st.st_size))
    sampled = sum(size for _p, size in parts) > EXACT_LIMIT
    digest = hashlib.sha256()
    for part, _size in parts:
        error = _refusal(path, part)
        with files.open_regular(part, error=error) as fh:
            size = os.fstat(fh.fileno()).st_size
            # An empty -wal comes and goes with connections and says nothing about the content.
            if part != path and not size:
                continue
            try:
                if sampled:
                    digest.update(f"{part.name[len(path.name):]}:{size}".encode())
                    for k in range(_SAMPLES + 1):
                        fh.seek(max(0, (size - _SAMPLE) * k // max(_SAMPLES, 1)))
                        digest.update(fh.read(_SAMPLE))
                else:
                    digest.update(hashlib.file_digest(fh, "sha256").digest())
            except OSError as exc:
                raise error(part, f"it cannot be read ({exc.strerror or exc})") from None
    return (_SAMPLED if sampled else "") + digest.hexdigest()


def check_file(path: Path, uri: str) -> int:
    """Format, application id, version and quick_check of every table the merge reads (the search
    index, half of the file, it never reads); returns the file's schema version.
    `uri` says how to read `path` without writing to it (core/received.py)."""
    try:
        return rawdb.inspect_file(path, uri, changes_only_ok=True, unread=_NEVER_READ)
    except DamagedFileError as exc:
        raise refuse(path, "the file is damaged or truncated ({problem})", problem=exc.detail) from None
    except ProjectFileError as exc:
        raise MergeRefused(path, exc.problem) from None
    except (sqlite3.Error, OSError) as exc:
        raise refuse(path, "it cannot be read ({detail})", detail=exc) from None


def peek_version(path: Path, uri: str) -> int:
    """The file's schema version, read without check_file's quick_check (the merge runs that on a
    thread of its own meanwhile, and its message is the one shown when both find a problem)."""
    try:
        with closing(rawdb.connect_uri(uri)) as conn:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.Error as exc:
        raise refuse(path, "it cannot be read ({detail})", detail=exc) from None
    if not OLDEST_SUPPORTED <= version <= SCHEMA_VERSION:
        raise refuse(path, "its file format version {version} is not one this Testimonia reads", version=version)
    return version


@contextmanager
def readable(opened: ReceivedFile, version: int) -> Iterator[str]:
    """The URI to ATTACH: the incoming file as received, or an upgraded copy of an older one.

    An older file is never changed: a private copy goes through the same migrations a project
    file goes through when it is opened. `version` is the file's (peek_version); check_file must
    pass before anything read from the file is committed.
    """
    path = opened.path
    with closing(rawdb.connect_uri(opened.uri)) as conn:
        try:
            check_row_counts(conn, path)  # first: it takes milliseconds, the schema check imports SQLAlchemy
            check_objects(conn, path, version=version)
        except sqlite3.DatabaseError as exc:
            raise refuse(path, "the file is damaged ({detail})", detail=exc) from None
    if version == SCHEMA_VERSION:
        yield opened.uri
        return
    try:
        upgraded = upgraded_copy(ReceivedFile(path, opened.uri), version, search_index=False)
    except DamagedFileError as exc:
        raise refuse(path, exc.problem) from None
    with upgraded:
        with closing(rawdb.connect_uri(upgraded.uri)) as conn:
            check_objects(conn, path, version=SCHEMA_VERSION)
        yield upgraded.uri


def attach(conn: sqlite3.Connection, uri: str, path: Path, stack: ExitStack) -> None:
    """ATTACH the incoming file through `uri` as `incoming`, read-only (core/received.py)."""
    from .concurrent import tune

    try:
        conn.execute("ATTACH DATABASE ? AS incoming", (uri,))
        stack.callback(_detach, conn)
        conn.execute("SELECT count(*) FROM incoming.sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise refuse(path, "it cannot be opened ({detail})", detail=exc) from None
    tune(conn, "incoming")


def _detach(conn: sqlite3.Connection) -> None:
    with suppress(sqlite3.Error):  # the connection is closed right after; the attachment goes with it
        conn.execute("DETACH DATABASE incoming")


# -- the file as a whole -----------------------------------------------------------------------
Schema = tuple[dict[str, list[tuple[object, ...]]], frozenset[str]]


@lru_cache(maxsize=1)
def reference_schema() -> Schema:
    """Our tables' columns (name, type, not null, primary key, hidden) and our index definitions,
    from an empty file built the way db.create_file builds one.

    Building it imports SQLAlchemy and SQLModel: 0.8-2 s, most of a small merge in a fresh
    process. So it is kept in the user's cache folder, keyed by the bytes of the modules that
    define the schema and the library versions; a missing or stale entry is built again."""
    key = _schema_key()
    cached = _cached_schema(key) if key else None
    if cached is not None:
        return cached
    built = _build_reference_schema()
    if key:
        _cache_schema(key, built)
    return built


def _schema_key() -> str | None:
    import importlib.util
    from importlib import metadata

    digest = hashlib.sha256()
    try:
        for module in ("testimonia.core.models", "testimonia.core.schema"):
            spec = importlib.util.find_spec(module)
            if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
                return None  # a frozen build without sources: built each time
            digest.update(Path(spec.origin).read_bytes())
        for dist in ("sqlalchemy", "sqlmodel"):
            digest.update(metadata.version(dist).encode())
    except (OSError, ImportError, metadata.PackageNotFoundError):
        return None
    digest.update(sqlite3.sqlite_version.encode())
    return digest.hexdigest()


def _cache_file() -> Path:
    from .. import config

    return config.cache_dir() / "merge-schema.json"


def _cached_schema(key: str) -> Schema | None:
    import json

    try:
        data = json.loads(_cache_file().read_text(encoding="utf-8"))
        if data.get("key") != key:
            return None
        tables = {name: [tuple(c) for c in cols] for name, cols in data["tables"].items()}
        return tables, frozenset(data["indexes"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _cache_schema(key: str, schema: Schema) -> None:
    import json

    tables, indexes = schema
    path = _cache_file()
    part = path.with_name(f".{path.name}.{os.getpid()}")
    with suppress(OSError):  # a cache: without it the next merge builds the schema again
        path.parent.mkdir(parents=True, exist_ok=True)
        part.write_text(json.dumps({"key": key, "tables": tables, "indexes": sorted(indexes)}), encoding="utf-8")
        os.replace(part, path)


def _build_reference_schema() -> Schema:
    # Imported here: the checks' own process never needs SQLAlchemy, which takes 0.3 s to import.
    from sqlalchemy import create_engine
    from sqlalchemy.pool import StaticPool
    from sqlmodel import SQLModel

    from .. import models  # noqa: F401  (registers the tables on SQLModel.metadata)

    with closing(sqlite3.connect(":memory:")) as conn:
        engine = create_engine("sqlite://", creator=lambda: conn, poolclass=StaticPool)
        SQLModel.metadata.create_all(engine)
        for ddl in EXTRA_INDEXES:
            conn.execute(ddl)
        tables = {
            name: [r[1:4] + r[5:] for r in conn.execute(f'PRAGMA table_xinfo("{name}")')]
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        indexes = frozenset(_squash(sql) for (sql,) in conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))
    return tables, indexes


def _squash(sql: object) -> str:
    return " ".join(str(sql).split())


def _show(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def check_objects(conn: sqlite3.Connection, path: Path, *, version: int, schema: str = "main") -> None:
    """No triggers, views or foreign objects; at the current version, exactly our tables and indexes."""
    tables, indexes = reference_schema()
    optional = {**OPTIONAL_TABLES, **EXCHANGE_TABLES, **kinds.optional_tables()}
    rows = conn.execute(f"SELECT type, name, sql FROM {schema}.sqlite_master").fetchall()
    for kind, name, sql in rows:
        if kind in ("trigger", "view"):
            raise refuse(path, "it contains a {kind} ({name}), which Testimonia never writes; it may have been "
                               "tampered with", kind=kind, name=_show(name))
        if kind == "table":
            if name in ("document_fts", "document_fts_key"):
                # Version 6 made the index contentless, its rows named by document_fts_key.
                expected = {"document_fts": FTS_DDL if version >= 6 else FTS_DDL_V2, "document_fts_key": FTS_KEY_DDL}
                if _squash(sql) != expected[name]:
                    raise refuse(path, "its full-text index is not the one Testimonia creates")
            elif name in optional:
                if _squash(sql) != _squash(optional[name]):
                    raise refuse(path, "its table {name} is not the one Testimonia creates", name=_show(name))
            elif name not in tables and name not in _FTS_SHADOW and not str(name).startswith("sqlite_"):
                raise refuse(path, "it contains a table {name} that Testimonia does not use", name=_show(name))
        elif (kind == "index" and sql is not None and version == SCHEMA_VERSION and _squash(sql) not in indexes
              and _squash(sql) not in _OPTIONAL_INDEXES):
            raise refuse(path, "it contains an index {name} that Testimonia does not create", name=_show(name))
    if version != SCHEMA_VERSION:
        return  # older layouts are checked again after the copy is upgraded
    present = {name for kind, name, _s in rows if kind == "table"}
    for table, columns in tables.items():
        if table not in present:
            raise refuse(path, "the table {table!r} is missing", table=table)
        found = [r[1:4] + r[5:] for r in conn.execute(f'PRAGMA {schema}.table_xinfo("{table}")')]
        if found != columns:
            raise refuse(path, "the table {table!r} does not have Testimonia's columns", table=table)


def check_row_counts(conn: sqlite3.Connection, path: Path, schema: str = "main") -> None:
    """No table beyond its kind's max_rows; each count stops one row past its limit, so this takes
    the same short time however large the file is."""
    present = {name for (name,) in conn.execute(f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table'")}
    for table, limit in kinds.max_rows().items():
        if table not in present:
            continue
        (count,) = conn.execute(f'SELECT count(*) FROM (SELECT 1 FROM {schema}."{table}" LIMIT {limit + 1})'
                                ).fetchone()
        if count > limit:
            raise TooLarge(path, "cannot be merged: its {table} table holds more than {limit:,} rows, the most a "
                                 "merged file may hold; it is not a project Testimonia wrote", table=table, limit=limit)
