"""Opening project files: the file's identity, version and health are checked before use."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from testimonia.core import labels, rawdb
from testimonia.core.db import SCHEMA_VERSION
from testimonia.core.errors import DamagedFileError, NewerSchemaError, NotAProjectError, ProjectFileError
from testimonia.core.schema import APPLICATION_ID
from testimonia.core.store import Store

from .store_helpers import ARTICLE, author, new_store, span

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _schema(path: Path) -> set[tuple[str, str]]:
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {(t, c[1]) for t in tables for c in conn.execute(f'PRAGMA table_info("{t}")')}
    finally:
        conn.close()


def test_new_file_is_marked_as_ours(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    store.close()
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_text_file_is_not_a_project(tmp_path: Path) -> None:
    p = tmp_path / "notes.testimonia"
    p.write_text("just some notes")
    with pytest.raises(NotAProjectError, match="not a Testimonia project file"):
        Store.open(p)
    assert p.read_text() == "just some notes"


def test_other_sqlite_database_is_not_a_project(tmp_path: Path) -> None:
    p = tmp_path / "other.db"
    sqlite3.connect(p).execute("CREATE TABLE t(x)").connection.commit()
    with pytest.raises(NotAProjectError, match="SQLite database but not a Testimonia"):
        Store.open(p)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ProjectFileError, match="no such file"):
        Store.open(tmp_path / "absent.testimonia")


def test_newer_schema_is_refused_and_left_alone(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    store.close()
    conn = sqlite3.connect(store.path)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.close()
    before = store.path.read_bytes()
    with pytest.raises(NewerSchemaError, match="newer Testimonia"):
        Store.open(store.path)
    assert store.path.read_bytes() == before


def test_truncated_file_is_damaged(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    doc = store.import_text("Article", ARTICLE * 200, author())
    store.add_annotation(doc.uuid, "statement", 0, 10, author())
    store.close()
    data = store.path.read_bytes()
    bad = tmp_path / "cut.testimonia"
    bad.write_bytes(data[: len(data) // 2])
    with pytest.raises(DamagedFileError):
        Store.open(bad)


def test_corrupted_page_is_damaged(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    store.import_text("Article", ARTICLE * 400, author())
    store.close()
    data = bytearray(store.path.read_bytes())
    page = 4096
    data[page * 2: page * 2 + 200] = b"\xff" * 200
    bad = tmp_path / "bad.testimonia"
    bad.write_bytes(bytes(data))
    # Opening one's own project no longer reads every page (SQLite checks each page it reads); the
    # full check, which received files, merges and `testimonia check` run, finds the damage.
    with pytest.raises(DamagedFileError, match="damaged"):
        rawdb.inspect_file(bad)


def test_version_1_file_is_upgraded_after_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.testimonia"
    conn = sqlite3.connect(path)
    conn.executescript((FIXTURES / "schema_v1.sql").read_text())
    conn.executescript(
        f"""
        INSERT INTO project VALUES ('11111111-1111-4111-8111-111111111111', 'Old project', 1, 1);
        INSERT INTO author VALUES ('22222222-2222-4222-8222-222222222222', 'Ha-eun', 1);
        INSERT INTO label VALUES ('{labels.STATEMENT}', 'Statement', 'statement', '#f4c542', '1', 0, 0);
        INSERT INTO document VALUES ('33333333-3333-4333-8333-333333333333', 'Old article', 'txt', 'a.txt',
            'x', 'y', 'The envoy said “never”.', NULL, '{{}}', 1, '22222222-2222-4222-8222-222222222222', 1);
        """
    )
    conn.close()
    store = Store.open(path)
    assert store.upgraded_from == 1 and store.backup is not None and store.backup.exists()
    assert sqlite3.connect(store.backup).execute("PRAGMA user_version").fetchone()[0] == 1
    assert store.title == "Old project"
    # What version 2 added works on the upgraded file.
    assert [r.uuid for r in store.search("envoy").results] == ["33333333-3333-4333-8333-333333333333"]
    ann = store.add_annotation("33333333-3333-4333-8333-333333333333", "statement", *span(
        "The envoy said “never”.", "“never”"), author())
    assert ann.exact == "“never”"
    store.close()
    fresh = new_store(tmp_path, "fresh")
    fresh.close()
    assert _schema(path) == _schema(fresh.path)
