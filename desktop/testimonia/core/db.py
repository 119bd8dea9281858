"""Opening and creating project files: checks first (core/rawdb.py), then an SQLAlchemy engine over
the file for writing.

Every connection gets the same pragmas; every transaction starts with BEGIN IMMEDIATE so a
writer takes the lock up front instead of failing half-way when another process writes.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool
from sqlmodel import SQLModel

from . import (
    models,  # noqa: F401  (registers the tables on SQLModel.metadata)
    rawdb,
)
from .errors import ProjectFileError
from .rawdb import SQLITE_MAGIC, backup_path, inspect_file, upgrade  # noqa: F401  (re-exported)
from .schema import APPLICATION_ID, DOCUMENT_LWW_INDEX, EXTRA_INDEXES, FTS_DDL, FTS_KEY_DDL, SCHEMA_VERSION
from .schema_v5 import seed_incident_types

BUSY_TIMEOUT_MS = rawdb.BUSY_TIMEOUT_MS


def connect_raw(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A plain sqlite3 connection in autocommit mode; callers issue BEGIN themselves."""
    return rawdb.connect_raw(path, readonly=readonly, busy_timeout_ms=BUSY_TIMEOUT_MS)


def make_engine(path: Path) -> Engine:
    engine = create_engine(
        "sqlite://",
        creator=lambda: connect_raw(path),
        poolclass=QueuePool,
        pool_size=4,
        max_overflow=4,
    )

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:  # type: ignore[no-untyped-def]
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def create_file(path: Path) -> None:
    """Create an empty project file at the current schema version (fails if the path exists)."""
    if path.exists():
        raise ProjectFileError(path, "already exists; choose another name or open it")
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = connect_raw(path)
    try:
        conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
        conn.execute("PRAGMA journal_mode=WAL")
        engine = create_engine("sqlite://", creator=lambda: conn, poolclass=_NoClosePool)

        @event.listens_for(engine, "begin")
        def _begin(sa_conn) -> None:  # type: ignore[no-untyped-def]
            sa_conn.exec_driver_sql("BEGIN IMMEDIATE")

        with engine.begin() as sa:
            SQLModel.metadata.create_all(sa)
            sa.exec_driver_sql(FTS_KEY_DDL)
            sa.exec_driver_sql(FTS_DDL)
            for ddl in EXTRA_INDEXES:
                sa.exec_driver_sql(ddl)
            # Optional in older files (a merge creates it); a new file has it from the start, so
            # a teammate's copy can be compared with ours without reading a text (merge/news.py).
            sa.exec_driver_sql(DOCUMENT_LWW_INDEX)
            seed_incident_types(conn)
            sa.exec_driver_sql(f"PRAGMA user_version={SCHEMA_VERSION}")
    except BaseException:
        conn.close()
        path.unlink(missing_ok=True)
        raise
    conn.close()


class _NoClosePool(QueuePool):
    """Lets create_all run on our already-open connection without SQLAlchemy closing it."""

    def __init__(self, creator, **kw):  # type: ignore[no-untyped-def]
        super().__init__(creator, pool_size=1, max_overflow=0, **kw)
