"""Files received from others are untrusted: each bad one is refused with a message, nothing written."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from testimonia.core import check, merge, rawdb
from testimonia.core.errors import DamagedFileError, MergeRefused
from testimonia.core.merge import checks, concurrent, pipeline
from testimonia.core.schema import SCHEMA_VERSION
from testimonia.core.store import Store

from .merge_helpers import heads_consistent, snapshot
from .store_helpers import ARTICLE, author, new_store, span

ALICE, MALLORY = author("Alice"), author("Mallory")


@pytest.fixture
def ours(tmp_path: Path) -> Store:
    s = new_store(tmp_path, "ours", "Evidence", "Alice")
    doc = s.import_text("Report", ARTICLE, ALICE)
    s.add_annotation(doc.uuid, "statement", *span(ARTICLE, "the minister said"), ALICE)
    yield s
    s.close()


@pytest.fixture(params=["thread", "process"])
def checks_in(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with the checks on a thread and again in a process of their own (the path large
    files take), so both refuse the same files with the same messages."""
    monkeypatch.setattr(concurrent, "PROCESS_MIN_BYTES", 0 if request.param == "process" else 1 << 62)
    return str(request.param)


@pytest.fixture
def theirs(tmp_path: Path, ours: Store) -> Path:
    """A sound member file that shares our history and adds some of its own."""
    path = tmp_path / "theirs.testimonia"
    s = Store.create(path, "Mallory's", MALLORY)
    merge.merge(s, ours.path, MALLORY)
    ann = ours.annotations()[0]
    s.edit_annotation(ann.uuid, MALLORY, note="an edit")
    s.add_annotation(ann.document_uuid, "figure", *span(ARTICLE, "About 60 North Koreans"), MALLORY,
                     fields={"value": 60})
    s.close()
    _self_contained(path)
    return path


def _self_contained(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=DELETE")  # everything in the one file, as an e-mail attachment
    conn.close()


def _tamper(path: Path, *sql: str) -> None:
    conn = sqlite3.connect(path)
    for statement in sql:
        conn.execute(statement)
    conn.commit()
    conn.close()


def _refused(ours: Store, path: Path, *words: str) -> str:
    before = snapshot(ours.path)
    with pytest.raises(MergeRefused) as info:
        merge.merge(ours, path, ALICE)
    with pytest.raises(MergeRefused):
        merge.preview(ours, path)
    assert snapshot(ours.path) == before
    message = str(info.value)
    assert str(path) in message
    for word in words:
        assert word in message, message
    return message


def test_the_sound_file_itself_merges(ours: Store, theirs: Path, checks_in: str) -> None:
    report = merge.merge(ours, theirs, ALICE)
    assert report.annotations_new == 1 and report.annotations_changed == 1


def test_not_sqlite(ours: Store, tmp_path: Path, checks_in: str) -> None:
    path = tmp_path / "notes.testimonia"
    path.write_text("Dear Alice, here are my notes.\n" * 20)
    _refused(ours, path, "not an SQLite database")


def test_missing_file(ours: Store, tmp_path: Path) -> None:
    _refused(ours, tmp_path / "nowhere.testimonia", "no such file")


def test_truncated(ours: Store, theirs: Path, checks_in: str) -> None:
    data = theirs.read_bytes()
    theirs.write_bytes(data[: len(data) // 2])
    _refused(ours, theirs, "damaged or truncated")


def test_truncated_inside_the_header(ours: Store, theirs: Path) -> None:
    theirs.write_bytes(theirs.read_bytes()[:60])
    _refused(ours, theirs, "truncated")


def test_another_sqlite_database(ours: Store, tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    _tamper(path, "CREATE TABLE t(x)")
    _refused(ours, path, "not a Testimonia project file")


def test_newer_file_format(ours: Store, theirs: Path) -> None:
    _tamper(theirs, f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    _refused(ours, theirs, "newer Testimonia")


@pytest.mark.parametrize(("sql", "word"), [
    ("CREATE TRIGGER sneaky AFTER INSERT ON revision BEGIN DELETE FROM annotation; END", "trigger"),
    ("CREATE VIEW revision_view AS SELECT * FROM revision", "view"),
    ("CREATE TABLE payload(x)", "table 'payload'"),
    ("CREATE INDEX odd ON revision(note)", "index 'odd'"),
])
def test_foreign_schema_objects(ours: Store, theirs: Path, sql: str, word: str, checks_in: str) -> None:
    _tamper(theirs, sql)
    _refused(ours, theirs, word)


def test_a_table_without_its_primary_key(ours: Store, theirs: Path) -> None:
    _tamper(theirs,
            "CREATE TABLE r2 AS SELECT * FROM revision", "DROP TABLE revision", "ALTER TABLE r2 RENAME TO revision",
            "INSERT INTO revision SELECT * FROM revision")  # every revision twice
    _refused(ours, theirs, "revision", "columns")


def test_offsets_past_the_end(ours: Store, theirs: Path, checks_in: str) -> None:
    _tamper(theirs, "UPDATE revision SET span_start = 10000, span_end = 10017 WHERE note = 'an edit'")
    _refused(ours, theirs, "past the end")


def test_exact_text_not_the_slice(ours: Store, theirs: Path, checks_in: str) -> None:
    _tamper(theirs, "UPDATE revision SET exact = 'the minister lied' WHERE note = 'an edit'")
    _refused(ours, theirs, "quoted text differs")


def test_a_revision_cycle(ours: Store, theirs: Path, checks_in: str) -> None:
    conn = sqlite3.connect(theirs)
    (child, parent) = conn.execute(
        "SELECT uuid, json_extract(parents, '$[0]') FROM revision WHERE note = 'an edit'").fetchone()
    conn.close()
    # The edit's parent is ours already; make a pair of new revisions that name each other.
    _tamper(theirs,
            f"UPDATE revision SET parents = json_array('{child}') WHERE note = 'an edit' AND 0",
            "INSERT INTO revision SELECT '00000000-0000-4000-8000-00000000000a', annotation_uuid, "
            "'[\"00000000-0000-4000-8000-00000000000b\"]', author_uuid, hlc + 1, label_uuid, span_start, span_end, "
            f"exact, prefix, suffix, fields, 'cycle a', deleted, 1, 0 FROM revision WHERE uuid = '{child}'",
            "INSERT INTO revision SELECT '00000000-0000-4000-8000-00000000000b', annotation_uuid, "
            "'[\"00000000-0000-4000-8000-00000000000a\"]', author_uuid, hlc + 2, label_uuid, span_start, span_end, "
            f"exact, prefix, suffix, fields, 'cycle b', deleted, 1, 0 FROM revision WHERE uuid = '{child}'")
    assert parent
    _refused(ours, theirs, "not older", "cycle")


def test_a_parent_in_another_annotation(ours: Store, theirs: Path) -> None:
    conn = sqlite3.connect(theirs)
    (fig,) = conn.execute("SELECT uuid FROM revision WHERE fields != '{}'").fetchone()
    conn.close()
    _tamper(theirs, f"UPDATE revision SET parents = json_array('{fig}'), hlc = hlc + 100000 WHERE note = 'an edit'")
    _refused(ours, theirs, "belongs to another annotation")


def test_a_parent_nobody_has(ours: Store, theirs: Path) -> None:
    _tamper(theirs, "UPDATE revision SET parents = '[\"00000000-0000-4000-8000-0000000000ff\"]' "
                    "WHERE note = 'an edit'")
    _refused(ours, theirs, "in neither file")


def test_a_known_revision_uuid_with_different_content(ours: Store, theirs: Path, checks_in: str) -> None:
    original = ours.annotations()[0].revision_uuid
    _tamper(theirs, f"UPDATE revision SET note = 'rewritten history' WHERE uuid = '{original}'")
    message = _refused(ours, theirs, original, "content differs")
    assert "UUID must never be reused" in message


def test_a_known_annotation_moved_to_another_document(ours: Store, theirs: Path, checks_in: str) -> None:
    _tamper(theirs,
            "INSERT INTO document SELECT '00000000-0000-4000-8000-0000000000d0', 'x', kind, source_name, 'aa', 'bb', "
            "text, page_starts, metadata_json, created_hlc, imported_by, hlc, removed FROM document",
            f"UPDATE annotation SET document_uuid = '00000000-0000-4000-8000-0000000000d0' "
            f"WHERE uuid = '{ours.annotations()[0].uuid}'")
    _refused(ours, theirs, "document")


def test_a_100_mb_note(ours: Store, theirs: Path) -> None:
    _tamper(theirs, "UPDATE revision SET note = hex(zeroblob(50000000)) WHERE note = 'an edit'")
    assert theirs.stat().st_size > 100_000_000
    _refused(ours, theirs, "100000000 characters long")


def test_a_null_where_our_schema_forbids_one(ours: Store, theirs: Path) -> None:
    conn = sqlite3.connect(theirs)
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'revision'").fetchone()[0]
    conn.execute("PRAGMA writable_schema=ON")  # drop NOT NULL, write the NULL, put NOT NULL back
    conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'revision'", (sql.replace("note VARCHAR NOT NULL",
                                                                                          "note VARCHAR"),))
    conn.commit()
    conn.close()
    _tamper(theirs, "UPDATE revision SET note = NULL WHERE note = 'an edit'")
    conn = sqlite3.connect(theirs)
    conn.execute("PRAGMA writable_schema=ON")
    conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'revision'", (sql,))
    conn.commit()
    conn.close()
    _refused(ours, theirs, "damaged", "NULL value in revision.note")


def test_a_number_or_blob_where_text_belongs(ours: Store, theirs: Path) -> None:
    _tamper(theirs, "UPDATE revision SET note = x'00ff' WHERE note = 'an edit'")
    _refused(ours, theirs, "a text column holds something else")


def test_text_that_is_not_utf8(ours: Store, theirs: Path, checks_in: str) -> None:
    _tamper(theirs, "UPDATE revision SET note = CAST(x'6e6f74c3' AS TEXT) WHERE note = 'an edit'")
    _refused(ours, theirs, "not valid UTF-8")


@pytest.mark.parametrize(("sql", "words"), [
    ("UPDATE revision SET uuid = 'Robert''); DROP TABLE annotation;--' WHERE note = 'an edit'",
     ("UUID is not in canonical form",)),
    ("UPDATE revision SET uuid = upper(uuid) WHERE note = 'an edit'", ("canonical form",)),
    ("UPDATE revision SET span_start = 'five' WHERE note = 'an edit'", ("not whole numbers",)),
    ("UPDATE revision SET span_end = span_start WHERE note = 'an edit'", ("not a span",)),
    ("UPDATE revision SET hlc = -5 WHERE note = 'an edit'", ("timestamp",)),
    # Near the end of time: folded into our clock it would put every later edit of ours out of range.
    ("UPDATE revision SET hlc = (250000000000000 << 16) WHERE note = 'an edit'", ("years ahead",)),
    ("UPDATE label SET hlc = (250000000000000 << 16) WHERE name = 'Figure'", ("label", "timestamp")),
    ("UPDATE revision SET label_uuid = '00000000-0000-4000-8000-00000000dead' WHERE note = 'an edit'",
     ("label is unknown",)),
    ("UPDATE revision SET fields = '{\"value\": \"sixty\"}' WHERE fields != '{}'", ("value", "not a number")),
    ("UPDATE revision SET fields = '{\"colour\": \"red\"}' WHERE fields != '{}'", ("colour", "not a field")),
    ("UPDATE revision SET fields = 'not json' WHERE note = 'an edit'", ("fields",)),
    ("UPDATE revision SET parents = '{}' WHERE note = 'an edit'", ("parents",)),
    ("UPDATE revision SET deleted = 7 WHERE note = 'an edit'", ("flags",)),
    ("INSERT INTO revision SELECT '00000000-0000-4000-8000-0000000000aa', '00000000-0000-4000-8000-000000000abc', "
     "'[]', author_uuid, hlc, label_uuid, span_start, span_end, exact, prefix, suffix, fields, note, deleted, 1, 0 "
     "FROM revision WHERE fields != '{}'", ("no annotation",)),
    ("UPDATE revision SET author_uuid = '00000000-0000-4000-8000-000000000abc' WHERE note = 'an edit'",
     ("author",)),
    ("UPDATE annotation SET creator_uuid = 'nobody' WHERE uuid IN (SELECT annotation_uuid FROM revision "
     "WHERE fields != '{}')", ("annotation", "creator")),
    ("DELETE FROM revision WHERE fields != '{}'", ("annotation", "no revision")),
    # A text that differs from ours is read (its spans are re-anchored), and must match its hash.
    ("UPDATE document SET text = text || ' (edited)', text_sha256 = '" + "0" * 64 + "'", ("SHA-256",)),
    ("UPDATE document SET uuid = 'doc-1'", ("document", "not a UUID")),
    ("UPDATE document SET removed = 7", ("document", "removed flag")),
    # The document both files hold: any field that is not ours gets every check again.
    ("UPDATE document SET metadata_json = '{not json'", ("document", "metadata")),
    ("UPDATE document SET page_starts = '[0, 99999999]'", ("document", "page starts")),
    ("UPDATE document SET created_hlc = 'soon'", ("document", "timestamp")),
    ("UPDATE document SET imported_by = 'someone'", ("document", "importer")),
    ("UPDATE document SET kind = 'EXE!'", ("document", "kind")),
    ("UPDATE label SET kind = 'custom' WHERE name = 'Figure'", ("label", "kind")),
    ("UPDATE label SET color = 'red; background: url(x)'", ("label", "colour")),
    ("UPDATE author SET name = ''", ("author",)),
    ("INSERT INTO project SELECT * FROM project WHERE 0 UNION ALL SELECT '00000000-0000-4000-8000-000000000001', "
     "'Second', 1, 1", ("project table holds 2 rows",)),
])
def test_bad_rows(ours: Store, theirs: Path, sql: str, words: tuple[str, ...], checks_in: str) -> None:
    _tamper(theirs, sql)
    _refused(ours, theirs, *words)


def test_a_text_altered_behind_its_hash_is_never_read(ours: Store, theirs: Path, checks_in: str) -> None:
    # A document we hold with the same text hash: its text is ours, so the file's copy of it is not
    # read at all (at 30,000 documents that read was most of a merge); the spans are checked on ours.
    _tamper(theirs, "UPDATE document SET text = 'something else entirely'")
    report = merge.merge(ours, theirs, ALICE)
    assert report.revisions_new == 2 and ours.document_text(report.documents[0].uuid) == ARTICLE


def test_our_own_project(ours: Store) -> None:
    before = snapshot(ours.path)
    with pytest.raises(MergeRefused, match="this project itself"):
        merge.merge(ours, ours.path, ALICE)
    if hasattr(os, "link"):
        link = ours.path.with_name("hard-link.testimonia")
        os.link(ours.path, link)
        with pytest.raises(MergeRefused, match="this project itself"):
            merge.merge(ours, link, ALICE)
    assert snapshot(ours.path) == before


def test_a_failure_half_way_leaves_the_project_as_it_was(ours: Store, theirs: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(ours.path)

    def boom(*_a: object, **_k: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(pipeline, "refresh_heads", boom)
    with pytest.raises(Exception, match="unchanged"):
        merge.merge(ours, theirs, ALICE)
    assert snapshot(ours.path) == before



@pytest.mark.parametrize("wrong", ["UPDATE revision SET is_head = 1", "UPDATE revision SET is_head = 1 - is_head",
                                   "UPDATE revision SET is_head = 7 WHERE note = 'an edit'"])
def test_the_senders_wrong_heads_are_recomputed_not_copied(ours: Store, theirs: Path, tmp_path: Path,
                                                           wrong: str) -> None:
    # is_head is derived: the merge copies the sender's only when the checks find it right.
    sound_copy = tmp_path / "sound-copy.testimonia"
    src, dst = sqlite3.connect(ours.path), sqlite3.connect(sound_copy)
    src.backup(dst)  # the open project's -wal included
    src.close()
    dst.close()
    with Store.open(sound_copy) as other:
        expected = merge.merge(other, theirs, ALICE).counts()
    _tamper(theirs, wrong)
    report = merge.merge(ours, theirs, ALICE)
    assert report.counts() == expected
    assert heads_consistent(ours.path)
    with sqlite3.connect(ours.path) as conn:
        assert check.problems(conn) == []


def _moved_to_the_end(table: str, key: str, change: str) -> tuple[str, ...]:
    """SQL that gives row `key` of `table` another rowid (the last), changed by `change`."""
    return (f"CREATE TEMP TABLE moved AS SELECT * FROM {table} WHERE uuid = '{key}'",
            f"DELETE FROM {table} WHERE uuid = '{key}'", f"UPDATE temp.moved SET {change}",
            f"INSERT INTO {table} SELECT * FROM temp.moved")


def test_a_known_revision_at_another_place_in_the_file_is_compared_too(ours: Store, theirs: Path,
                                                                      checks_in: str) -> None:
    # Known rows at the same rowid on both sides are compared in step; one the sender's file
    # holds elsewhere must be found by its UUID and compared all the same.
    original = ours.annotations()[0].revision_uuid
    _tamper(theirs, *_moved_to_the_end("revision", original, "note = 'rewritten history'"))
    message = _refused(ours, theirs, original, "content differs")
    assert "UUID must never be reused" in message


def test_a_known_annotation_at_another_place_with_another_creator(ours: Store, theirs: Path, checks_in: str) -> None:
    ann = ours.annotations()[0].uuid
    _tamper(theirs, *_moved_to_the_end("annotation", ann, "creator_uuid = '00000000-0000-4000-8000-0000000000c1'"))
    _refused(ours, theirs, ann, "another creator")


def test_known_rows_at_other_places_but_unchanged_merge(ours: Store, theirs: Path, checks_in: str) -> None:
    ann = ours.annotations()[0]
    _tamper(theirs, *_moved_to_the_end("revision", ann.revision_uuid, "note = note"),
            "DROP TABLE temp.moved", *_moved_to_the_end("annotation", ann.uuid, "heads = heads"))
    report = merge.merge(ours, theirs, ALICE)
    assert report.revisions_new == 2
    assert sorted(a.note for a in ours.annotations()) == ["", "an edit"]
    assert heads_consistent(ours.path)


def _root_page(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    (size,) = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    return (root - 1) * size


def _smash(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset + 8: offset + 400] = b"\xa5" * 392  # past the page header: its cells and their pointers
    path.write_bytes(bytes(data))


def test_damage_to_a_table_the_merge_reads_is_refused(ours: Store, theirs: Path, checks_in: str) -> None:
    _smash(theirs, _root_page(theirs, "revision"))
    _refused(ours, theirs, "damaged")


def test_damage_only_to_the_senders_search_index_does_not_matter(ours: Store, theirs: Path,
                                                                checks_in: str) -> None:
    # The merge builds our search index from the texts it takes and never reads the sender's, so
    # its quick_check skips those tables (half of a large file): the merge takes everything else.
    _smash(theirs, _root_page(theirs, "document_fts_data"))
    with pytest.raises(DamagedFileError):
        rawdb.inspect_file(theirs)  # the whole file's quick_check, as `testimonia check` runs it
    report = merge.merge(ours, theirs, ALICE)
    assert report.revisions_new == 2
    assert sorted(a.note for a in ours.annotations()) == ["", "an edit"]
    assert [h.title for h in ours.search("North Koreans").results] == ["Report"]
    with closing(sqlite3.connect(ours.path)) as conn:
        assert check.problems(conn) == []


@contextmanager
def _indexes_blind(path: Path, *names: str) -> Iterator[None]:
    """While inside, SQLite believes the indexes `names` hold no row (a partial index WHERE 0), so
    what is written then leaves their entries as they were: indexes that disagree with their table,
    which quick_check does not notice."""
    def where(suffix_sql: str) -> None:
        with closing(sqlite3.connect(path)) as conn:
            conn.execute("PRAGMA writable_schema=ON")
            for name in names:
                conn.execute(f"UPDATE sqlite_master SET sql = {suffix_sql} WHERE name = ?", (name,))
            conn.commit()

    where("sql || ' WHERE 0'")
    try:
        yield
    finally:
        where("substr(sql, 1, length(sql) - 8)")
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"


def _stale_document_indexes(path: Path, *sql: str) -> None:
    """Run `sql` on the file's document rows with both document indexes blind to it."""
    with _indexes_blind(path, "ix_document_lww", "ix_document_list"), closing(sqlite3.connect(path)) as conn:
        for statement in sql:
            conn.execute(statement)
        conn.commit()


def test_a_document_row_altered_behind_indexes_equal_to_ours_is_never_read(ours: Store, theirs: Path,
                                                                          checks_in: str) -> None:
    # The row says something no check would let in; both indexes still say what we hold.
    _stale_document_indexes(theirs, "UPDATE document SET title = 'bad' || char(0) || 'title', "
                                    "metadata_json = 'not json', hlc = 9223372036854775807")
    before = snapshot(ours.path)
    report = merge.merge(ours, theirs, ALICE)
    assert report.revisions_new == 2
    after = dict(snapshot(ours.path))
    assert after["document"] == dict(before)["document"]
    doc = ours.documents()[0].uuid
    ours.add_annotation(doc, "statement", *span(ARTICLE, "About 60 North Koreans"), ALICE)
    with closing(sqlite3.connect(ours.path)) as conn:  # our clock did not jump to the row's time
        assert conn.execute("SELECT max(hlc) FROM revision").fetchone()[0] < checks.latest_hlc()


def test_document_indexes_that_disagree_with_the_row_are_refused(ours: Store, theirs: Path, checks_in: str) -> None:
    # The indexes say a later title; the row keeps ours: whichever the copy read, it would not be checked.
    _tamper(theirs, "UPDATE document SET title = 'A later title', hlc = hlc + 1")
    _stale_document_indexes(theirs, "UPDATE document SET title = 'Report', hlc = hlc - 1")
    _refused(ours, theirs, "indexes do not agree")


def test_a_document_one_index_does_not_list_is_refused(ours: Store, theirs: Path, checks_in: str) -> None:
    # Imported while SQLite believed the list index holds no row: the table and the UUID index
    # have the document, the list index does not; a check reading that index would never see it.
    with _indexes_blind(theirs, "ix_document_list"), Store.open(theirs) as s:
        s.import_text("Hidden", "A document only two of the three indexes know.", MALLORY)
    _self_contained(theirs)
    _refused(ours, theirs, "indexes do not agree")


def test_a_row_found_under_another_uuid_is_checked_as_the_copy_reads_it(ours: Store, theirs: Path,
                                                                       checks_in: str) -> None:
    """Without the LWW index the rows are read whole; two rows whose UUIDs were swapped in the
    table's page are read through the UUID index, as the copy reads them, so the checked row is
    the copied one (the table's own order would check the other)."""
    u, v = "00000000-0000-4000-8000-00000000000a", "00000000-0000-4000-8000-00000000000b"
    text = "Twenty chars of text"
    with closing(sqlite3.connect(theirs)) as conn:
        kind, source, created, by, hlc = conn.execute(
            "SELECT kind, source_name, created_hlc, imported_by, hlc FROM document").fetchone()
        for uid, pages in ((u, "[0, 5000]"), (v, "[0, 5]")):
            conn.execute("INSERT INTO document(uuid, title, kind, source_name, source_sha256, text_sha256, text, "
                         "page_starts, metadata_json, created_hlc, imported_by, hlc, removed) "
                         "VALUES (?, 'Twin', ?, ?, ?, ?, ?, ?, '{}', ?, ?, ?, 0)",
                         (uid, kind, source, "ab" * 32, hashlib.sha256(text.encode()).hexdigest(), text, pages,
                          created, by, hlc))
        conn.execute("DROP INDEX ix_document_lww")
        conn.commit()
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'document'").fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(theirs.read_bytes())
    page = data[(root - 1) * size: root * size]
    assert page[0] == 0x0D and page.count(u.encode()) == 1 and page.count(v.encode()) == 1  # one leaf page
    page = page.replace(u.encode(), b"#" * 36).replace(v.encode(), u.encode()).replace(b"#" * 36, v.encode())
    data[(root - 1) * size: root * size] = page
    theirs.write_bytes(bytes(data))
    _refused(ours, theirs, "page starts")
