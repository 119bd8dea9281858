"""Reading a project that holds values of the wrong type or encoding: `check` names every one,
listings refuse with one line, and nothing crashes; plus the annotate/merge race and label order."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from testimonia.core import check, merge, rawdb
from testimonia.core.errors import DamagedFileError
from testimonia.core.store import NewDocument, Store
from testimonia.core.textnorm import sha256_hex

from .store_helpers import ARTICLE, author, new_store, span

ALICE, BOB = author("Alice"), author("Bob")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    with new_store(tmp_path, "p", "Evidence", "Alice") as s:
        doc = s.import_text("Report", ARTICLE, ALICE)
        ann = s.add_annotation(doc.uuid, "figure", *span(ARTICLE, "About 60 North Koreans"), ALICE,
                               fields={"value": 60}, note="first count")
        s.edit_annotation(ann.uuid, ALICE, note="second look")
    _sql(tmp_path / "p.testimonia", "PRAGMA journal_mode=DELETE")
    return tmp_path / "p.testimonia"


def _sql(path: Path, *statements: str) -> None:
    with closing(sqlite3.connect(path)) as conn:
        for statement in statements:
            conn.execute(statement)
        conn.commit()


def _problems(path: Path) -> list[str]:
    with closing(rawdb.connect_raw(path, readonly=True)) as conn:
        return check.problems(conn)


def test_a_sound_file_has_no_problems(project: Path) -> None:
    assert _problems(project) == []


@pytest.mark.parametrize(("sql", "words"), [
    ("UPDATE revision SET span_start = span_start + 0.5", ("span_start", "decimal number")),
    ("UPDATE revision SET span_end = CAST(span_end AS TEXT) || 'x'", ("span_end", "not a whole number")),
    ("UPDATE revision SET hlc = 123456.25", ("hlc", "decimal number")),
    ("UPDATE annotation SET created_hlc = 1.5", ("annotation", "created_hlc")),
    ("UPDATE document SET title = CAST(x'52c3' AS TEXT)", ("document", "title", "not valid UTF-8")),
    ("UPDATE author SET name = CAST(x'416cff' AS TEXT)", ("author", "name", "not valid UTF-8")),
    ("UPDATE revision SET note = 'evil' || char(0) || '1'", ("note", "NUL")),
    ("UPDATE revision SET fields = '[1'", ("fields", "not valid JSON")),
    ("UPDATE revision SET parents = '{}'", ("parents", "not a JSON list")),
    ("UPDATE document SET page_starts = '[0, 5.5]'", ("page starts",)),
    ("UPDATE label SET deleted = 2 WHERE name = 'Figure'", ("label", "deleted", "not 0 or 1")),
    ("UPDATE document SET text_sha256 = 'abc'", ("text_sha256", "SHA-256")),
    ("UPDATE revision SET label_uuid = x'00ff'", ("label_uuid", "binary data")),
    ("UPDATE document_alias SET document_uuid = document_uuid", ()),
])
def test_check_names_every_value_of_the_wrong_type_or_encoding(project: Path, sql: str,
                                                               words: tuple[str, ...]) -> None:
    _sql(project, sql)
    found = _problems(project)
    if not words:
        assert found == []
        return
    assert found, "check found nothing"
    text = "\n".join(found)
    for word in words:
        assert word in text, text


def test_check_reports_missing_parents_and_aliases_without_document(project: Path) -> None:
    _sql(project,
         "UPDATE revision SET parents = '[\"00000000-0000-4000-8000-000000000bad\"]' WHERE note = 'second look'",
         "INSERT INTO document_alias VALUES ('00000000-0000-4000-8000-0000000000a1', "
         "'00000000-0000-4000-8000-0000000000d0')")
    text = "\n".join(_problems(project))
    assert "is not in the file" in text and "names no document" in text


def test_check_stops_at_fifty_problems(project: Path) -> None:
    doc = _one(project, "SELECT uuid FROM document")
    _sql(project, *[f"INSERT INTO document_alias VALUES ('00000000-0000-4000-8000-{n:012d}', 'x{doc}')"
                    for n in range(80)])
    assert len(_problems(project)) == check.MAX_REPORTED


def _one(path: Path, sql: str) -> object:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql).fetchone()[0]


@pytest.mark.parametrize("sql", [
    "UPDATE revision SET hlc = 123456.25",
    "UPDATE annotation SET created_hlc = 1.5",
    "UPDATE revision SET span_start = 3.5",
    "UPDATE revision SET fields = 'not json'",
    "UPDATE document SET page_starts = '[0, \"x\"]'",
    "UPDATE revision SET note = CAST(x'ff' AS TEXT)",
])
def test_listings_of_a_damaged_file_refuse_with_its_name(project: Path, sql: str) -> None:
    _sql(project, sql)
    with Store.open(project) as store, pytest.raises(DamagedFileError) as info:
        for a in store.annotations():  # before: TypeError (a REAL hlc) or ValueError deep in a view
            a.to_json()
            store.revisions(a.uuid)
    assert str(project) in str(info.value) and "testimonia check" in str(info.value)


# -- annotate while a merge renames the document --------------------------------------------------------
SMALL = "00000000-0000-4000-8000-000000000001"  # smaller than any random UUID: the merge takes it


def test_annotate_right_after_a_merge_renamed_the_document(tmp_path: Path) -> None:
    ours = new_store(tmp_path, "ours", "Evidence", "Alice")
    doc = ours.import_text("Report", ARTICLE, ALICE)
    theirs = new_store(tmp_path, "theirs", "Evidence", "Bob")
    ex = _extracted(ARTICLE)
    theirs.add_batch(BOB, documents=[NewDocument(ex, SMALL)])
    theirs.close()
    other = Store.open(ours.path)  # another process's connection: the app, while a script merges

    class MergedJustBefore(Store):
        """The merge commits between the caller's lookup and the write transaction."""

        raced = False

        def _write(self):  # type: ignore[override]
            if not MergedJustBefore.raced:
                MergedJustBefore.raced = True
                merge.merge(other, tmp_path / "theirs.testimonia", BOB)
            return super()._write()

    racing = MergedJustBefore(ours.path)
    ann = racing.add_annotation(doc.uuid, "statement", *span(ARTICLE, "the minister said"), ALICE)
    assert MergedJustBefore.raced
    assert ann.document_uuid == SMALL  # written onto the renamed document, in one transaction
    assert racing.document(doc.uuid).uuid == SMALL  # the old UUID is an alias now
    for s in (racing, other, ours):
        s.close()


def _extracted(text: str) -> object:
    from testimonia.core.importers import Extracted

    return Extracted(text=text, title="Report", kind="paste", source_name="clipboard", source_sha256=sha256_hex(text),
                     text_sha256=sha256_hex(text), page_starts=None, metadata={})


# -- labels of the same name on converged copies ----------------------------------------------------------
def test_labels_with_the_same_name_list_in_one_order_everywhere(tmp_path: Path) -> None:
    a, b = new_store(tmp_path, "a", "Evidence", "Alice"), new_store(tmp_path, "b", "Evidence", "Bob")
    a.add_label("Border", "#80b1d3", ALICE)
    b.add_label("Border", "#fb8072", BOB)
    a.close()
    b.close()
    a, b = Store.open(tmp_path / "a.testimonia"), Store.open(tmp_path / "b.testimonia")
    merge.merge(a, b.path, ALICE)
    merge.merge(b, a.path, BOB)
    order_a = [lb.uuid for lb in a.labels()]
    order_b = [lb.uuid for lb in b.labels()]
    assert order_a == order_b
    borders = [lb.uuid for lb in a.labels() if lb.name == "Border"]
    assert borders == sorted(borders) and len(borders) == 2
    a.close()
    b.close()
