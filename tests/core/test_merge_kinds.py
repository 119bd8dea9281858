"""The record-kind registry (core/merge/kinds.py): what is registered is merged; nothing is left out."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import SQLModel

from testimonia.core import merge, models  # noqa: F401  (models registers the tables)
from testimonia.core.errors import MergeRefused
from testimonia.core.merge import kinds
from testimonia.core.merge.kinds import LWW, UNION, MergeContext, RecordKind
from testimonia.core.merge.refusal import refuse
from testimonia.core.schema import OPTIONAL_TABLES
from testimonia.core.store import Store

from .merge_helpers import snapshot
from .store_helpers import ARTICLE, author, new_store

ALICE, BOB = author("Alice"), author("Bob")

MEMO_DDL = ("CREATE TABLE toy_memo (uuid TEXT PRIMARY KEY, document_uuid TEXT NOT NULL, body TEXT NOT NULL, "
            "hlc INTEGER NOT NULL)")
TAG_DDL = "CREATE TABLE toy_tag (uuid TEXT PRIMARY KEY, name TEXT NOT NULL, hlc INTEGER NOT NULL)"


def test_every_table_is_merged_or_listed_as_local_only() -> None:
    # A table added to core/models.py must be registered as a record kind (merged) or named in
    # kinds.LOCAL_ONLY with the reason it never travels: no table is left out of merges silently.
    tables = set(SQLModel.metadata.tables) | set(OPTIONAL_TABLES) | {"document_fts"}
    merged, local = set(kinds.merged_tables()), set(kinds.LOCAL_ONLY)
    assert not merged & local
    assert tables - merged - local == set()
    assert {"project", "author", "label", "document", "document_alias", "annotation", "revision"} <= merged


def test_the_order_follows_the_dependencies_and_the_limits_are_the_kinds() -> None:
    order = kinds.merged_tables()
    for k in kinds.ordered():
        assert all(order.index(dep) < order.index(k.table) for dep in k.after if dep in order)
    limits = kinds.max_rows()
    assert limits["revision"] == kinds.kind("revision").max_rows and "project" not in limits
    with pytest.raises(ValueError):
        kinds.register(RecordKind("merge_log", ("id",), UNION, 10))  # local-only never travels


def _memo_check(ctx: MergeContext) -> None:
    """The toy kind's own rule: a memo's body is 1 to 100 characters."""
    if not kinds_table_in(ctx.conn, "toy_memo"):
        return
    row = ctx.conn.execute("SELECT uuid FROM incoming.toy_memo WHERE length(body) NOT BETWEEN 1 AND 100 "
                           "LIMIT 1").fetchone()
    if row:
        raise refuse(ctx.path, "memo {uuid}: its body is empty or too long", uuid=row[0])


def kinds_table_in(conn: sqlite3.Connection, table: str) -> bool:
    return conn.execute("SELECT 1 FROM incoming.sqlite_master WHERE name = ?", (table,)).fetchone() is not None


@pytest.fixture
def toy_kinds() -> Iterator[None]:
    memo = RecordKind("toy_memo", ("uuid",), UNION, 1_000, after=("document",), check=_memo_check,
                      document_column="document_uuid", ddl=MEMO_DDL)
    tag = RecordKind("toy_tag", ("uuid",), LWW, 1_000, ddl=TAG_DDL)
    with kinds.registered(memo), kinds.registered(tag):
        assert kinds.merged_tables()[-2:] == ["toy_memo", "toy_tag"]
        yield


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Store, Store, str]]:
    a = new_store(tmp_path, "alice", "Alice's project", "Alice")
    b = new_store(tmp_path, "bob", "Bob's project", "Bob")
    doc = a.import_text("Shenyang report", ARTICLE, ALICE).uuid
    merge.merge(b, a.path, BOB)
    yield a, b, doc
    a.close()
    b.close()


def _write(store: Store, *statements: str) -> None:
    conn = sqlite3.connect(store.path)
    try:
        with conn:
            for ddl in (MEMO_DDL, TAG_DDL):
                table = ddl.split()[2]
                if conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).fetchone() is None:
                    conn.execute(ddl)
            for sql in statements:
                conn.execute(sql)
    finally:
        conn.close()


def _rows(store: Store, table: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(store.path)
    try:
        return conn.execute(f"SELECT * FROM {table} ORDER BY uuid").fetchall()
    finally:
        conn.close()


def _u() -> str:
    return str(uuid.uuid4())


def test_a_registered_kind_is_carried_by_a_merge_as_a_union(toy_kinds: None, pair: tuple[Store, Store, str]) -> None:
    a, b, doc = pair
    mine, theirs = _u(), _u()
    _write(a, f"INSERT INTO toy_memo VALUES ('{mine}', '{doc}', 'Alice read it', 5)")
    _write(b, f"INSERT INTO toy_memo VALUES ('{theirs}', '{doc}', 'Bob read it too', 7)")
    report = merge.merge(a, b.path, ALICE)
    assert report.records["toy_memo"] == {"new": 1, "updated": 0}
    assert report.counts()["toy_memo_new"] == 1 and report.changes_anything
    merge.merge(b, a.path, BOB)
    # Both memos are kept on both sides: concurrent additions never replace each other.
    assert _rows(a, "toy_memo") == _rows(b, "toy_memo") and len(_rows(a, "toy_memo")) == 2
    again = merge.merge(a, b.path, ALICE)  # idempotent
    assert again.records.get("toy_memo", {"new": 0})["new"] == 0


def test_a_last_writer_wins_kind_converges_in_either_order(toy_kinds: None, pair: tuple[Store, Store, str]) -> None:
    a, b, _doc = pair
    tag, tie = _u(), _u()
    _write(a, f"INSERT INTO toy_tag VALUES ('{tag}', 'refoulement', 10)",
           f"INSERT INTO toy_tag VALUES ('{tie}', 'b', 3)")
    _write(b, f"INSERT INTO toy_tag VALUES ('{tag}', 'forced return', 20)",
           f"INSERT INTO toy_tag VALUES ('{tie}', 'a', 3)")
    report = merge.merge(a, b.path, ALICE)
    assert report.records["toy_tag"] == {"new": 0, "updated": 1}  # the later name; the tie keeps the greater value
    merge.merge(b, a.path, BOB)
    assert _rows(a, "toy_tag") == _rows(b, "toy_tag") == sorted([(tag, "forced return", 20), (tie, "b", 3)])


def test_a_kind_follows_the_document_it_names(toy_kinds: None, tmp_path: Path) -> None:
    # Two separate imports of one text: the smaller UUID becomes the document's everywhere, and a
    # record naming the other one follows it.
    a = new_store(tmp_path, "a2", "A", "Alice")
    b = new_store(tmp_path, "b2", "B", "Bob")
    try:
        da, db = a.import_text("Report", ARTICLE, ALICE).uuid, b.import_text("Report", ARTICLE, BOB).uuid
        memo = _u()
        _write(b, f"INSERT INTO toy_memo VALUES ('{memo}', '{db}', 'on my copy', 5)")
        _write(a, f"INSERT INTO toy_memo VALUES ('{_u()}', '{da}', 'on mine', 5)")
        merge.merge(a, b.path, ALICE)
        merge.merge(b, a.path, BOB)
        canonical = min(da, db)
        for s in (a, b):
            assert {r[1] for r in _rows(s, "toy_memo")} == {canonical}
        assert _rows(a, "toy_memo") == _rows(b, "toy_memo")
    finally:
        a.close()
        b.close()


@pytest.mark.parametrize(("row", "words"), [
    ("'not-a-uuid', '{doc}', 'x', 1", "its key is not a UUID"),
    ("'{new}', '00000000-0000-4000-8000-000000000000', 'x', 1", "its document is not in the file"),
    ("'{new}', '{doc}', 'x', 99999999999999999999", "its timestamp is out of range"),
    ("'{new}', '{doc}', '', 1", "its body is empty or too long"),  # the kind's own check
    ("'{known}', '{doc}', 'edited behind our back', 5", "a key must never be reused"),
])
def test_hostile_rows_of_a_registered_kind_are_refused(toy_kinds: None, pair: tuple[Store, Store, str], row: str,
                                                      words: str) -> None:
    a, b, doc = pair
    known = _u()
    _write(a, f"INSERT INTO toy_memo VALUES ('{known}', '{doc}', 'as written', 5)")
    _write(b, f"INSERT INTO toy_memo VALUES ('{known}', '{doc}', 'as written', 5)")
    _write(b, f"DELETE FROM toy_memo WHERE uuid = '{known}'" if "known" in row else "SELECT 1",
           "INSERT INTO toy_memo VALUES (" + row.format(doc=doc, new=_u(), known=known) + ")")
    before = snapshot(a.path)
    with pytest.raises(MergeRefused, match=words.replace("(", r"\(")):
        merge.merge(a, b.path, ALICE)
    assert snapshot(a.path) == before


def test_a_file_without_the_kinds_table_merges_and_creates_nothing(toy_kinds: None,
                                                                   pair: tuple[Store, Store, str]) -> None:
    a, b, _doc = pair
    b.import_text("Another", "Another short report about 500 to 600 people.", BOB)
    report = merge.merge(a, b.path, ALICE)
    assert report.documents_new == 1 and "toy_memo" not in report.records
    conn = sqlite3.connect(a.path)
    try:
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name LIKE 'toy_%'").fetchone()[0] == 0
    finally:
        conn.close()


def test_a_table_past_a_kinds_row_limit_is_refused(toy_kinds: None, pair: tuple[Store, Store, str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    a, b, doc = pair
    monkeypatch.setattr(kinds.kind("toy_memo"), "max_rows", 2)
    _write(b, *[f"INSERT INTO toy_memo VALUES ('{_u()}', '{doc}', 'memo {n}', 5)" for n in range(3)])
    with pytest.raises(MergeRefused, match="toy_memo table holds more than 2 rows"):
        merge.merge(a, b.path, ALICE)
