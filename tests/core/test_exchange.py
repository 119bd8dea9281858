"""Changes-only exchange files (core/merge/exchange.py): only what the teammate lacks, merged like a full copy."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from testimonia.core import merge
from testimonia.core.errors import InvalidInput, MergeRefused
from testimonia.core.merge import exchange
from testimonia.core.sendcopy import send_copy
from testimonia.core.store import Store

from .merge_helpers import revision_ids, snapshot, state
from .store_helpers import ARTICLE, author, new_store, span

ALICE, BOB = author("Alice"), author("Bob")
OTHER = "A second report: 500 to 600 people were returned, the group said. 강제북송 반대.\n" * 20


@pytest.fixture
def team(tmp_path: Path) -> Iterator[tuple[Store, Store, str]]:
    """Alice sent Bob a full copy (recorded), which Bob merged."""
    a = new_store(tmp_path, "alice", "Team", "Alice")
    doc = a.import_text("Shenyang report", ARTICLE * 30, ALICE).uuid
    a.add_annotation(doc, "figure", *span(ARTICLE, "About 60 North Koreans"), ALICE, fields={"value": 60})
    reached = exchange.watermarks(a)
    full = send_copy(a, tmp_path / "full.testimonia")
    exchange.record_exchange(a, "Bob", *reached, full.name)
    b = new_store(tmp_path, "bob", "Bob's", "Bob")
    merge.merge(b, full, BOB)
    yield a, b, doc
    a.close()
    b.close()


def _first(store: Store) -> str:
    return next(x.uuid for x in store.annotations() if x.exact == "About 60 North Koreans")


def _same(a: Store, b: Store) -> None:
    """What a one-way exchange makes equal (the receiver also knows itself as an author: it merged)."""
    mine, theirs = state(a), state(b)
    assert set(mine.pop("authors")) <= set(theirs.pop("authors"))
    assert mine == theirs
    assert revision_ids(a.path) == revision_ids(b.path)


def test_a_changes_file_holds_only_what_is_new_and_merges_like_a_full_copy(team: tuple[Store, Store, str],
                                                                           tmp_path: Path) -> None:
    a, b, doc = team
    ann = a.add_annotation(doc, "statement", *span(ARTICLE, "We will not send them back"), ALICE).uuid
    a.edit_annotation(_first(a), ALICE, note="checked")
    new_doc = a.import_text("Second report", OTHER, ALICE).uuid
    a.add_annotation(new_doc, "figure", *span(OTHER, "500 to 600 people"), ALICE)
    a.set_document_title(doc, "Shenyang report (March)", ALICE)
    out = exchange.write_changes(a, tmp_path / "changes.testimonia", since=exchange.LAST, to="Bob", sender="Alice")
    assert (out.revisions, out.annotations, out.documents_with_text, out.documents_without_text) == (3, 3, 1, 1)
    assert out.bytes < (tmp_path / "full.testimonia").stat().st_size
    conn = sqlite3.connect(out.path)
    try:  # the old document travels without its text, the new one with it
        texts = dict(conn.execute("SELECT uuid, length(text) FROM document").fetchall())
    finally:
        conn.close()
    assert texts == {doc: 0, new_doc: len(OTHER)}
    report = merge.merge(b, out.path, BOB)
    assert (report.documents_new, report.annotations_new, report.annotations_changed) == (1, 2, 1)
    assert b.annotation(ann).exact == "We will not send them back"
    _same(a, b)
    assert b.search("강제북송").results  # the new document's text is searchable
    assert merge.merge(b, out.path, BOB).already_merged_hlc is not None  # the same file again: nothing


def test_since_last_starts_where_the_last_file_to_that_teammate_ended(team: tuple[Store, Store, str],
                                                                      tmp_path: Path) -> None:
    a, b, doc = team
    a.add_annotation(doc, "statement", *span(ARTICLE, "We will not send them back"), ALICE)
    first = exchange.write_changes(a, tmp_path / "1.testimonia", since=exchange.LAST, to="Bob")
    merge.merge(b, first.path, BOB)
    a.add_annotation(doc, "obligation", *span(ARTICLE, "1951 Refugee Convention"), ALICE)
    second = exchange.write_changes(a, tmp_path / "2.testimonia", since=exchange.LAST, to="Bob")
    assert (first.revisions, second.revisions) == (1, 1)
    merge.merge(b, second.path, BOB)
    _same(a, b)
    assert [e.file_name for e in exchange.exchanges(a)] == ["2.testimonia", "1.testimonia", "full.testimonia"]


def test_rows_merged_from_a_third_member_travel_on_even_with_old_timestamps(team: tuple[Store, Store, str],
                                                                           tmp_path: Path) -> None:
    a, b, doc = team
    carol = new_store(tmp_path, "carol", "Carol's", "Carol")
    try:
        merge.merge(carol, a.path, author("Carol"))
        carol.add_annotation(doc, "obligation", *span(ARTICLE, "non-refoulement obligations"), author("Carol"))
        a.add_annotation(doc, "statement", *span(ARTICLE, "the minister said"), ALICE)  # later than Carol's edit
        merge.merge(a, carol.path, ALICE)
    finally:
        carol.close()
    merge.merge(b, exchange.write_changes(a, tmp_path / "c.testimonia", since=exchange.LAST, to="Bob").path, BOB)
    _same(a, b)


def test_since_a_date(team: tuple[Store, Store, str], tmp_path: Path) -> None:
    a, b, doc = team
    a.add_annotation(doc, "statement", *span(ARTICLE, "We will not send them back"), ALICE)
    later = exchange.write_changes(a, tmp_path / "tomorrow.testimonia", since=datetime.now() + timedelta(days=1))
    assert later.revisions == 0 and later.documents_with_text == 0
    today = exchange.write_changes(a, tmp_path / "today.testimonia", since=datetime.now() - timedelta(hours=1))
    assert today.revisions == 2 and today.documents_with_text == 1  # everything here is from the last hour
    merge.merge(b, today.path, BOB)
    _same(a, b)


def test_a_receiver_that_lacks_what_the_changes_build_on_is_told_to_ask_for_a_full_copy(
        team: tuple[Store, Store, str], tmp_path: Path) -> None:
    a, _b, doc = team
    a.add_annotation(doc, "statement", *span(ARTICLE, "We will not send them back"), ALICE)
    a.edit_annotation(_first(a), ALICE, note="an edit of a revision Carol never saw")
    out = exchange.write_changes(a, tmp_path / "changes.testimonia", since=exchange.LAST, to="Bob", sender="Alice")
    carol = new_store(tmp_path, "carol", "Carol's", "Carol")  # never had the full copy
    try:
        before = snapshot(carol.path)
        with pytest.raises(MergeRefused, match="ask Alice for a full copy") as info:
            merge.merge(carol, out.path, author("Carol"))
        assert "Shenyang report" in str(info.value)  # the document the changes are written on
        assert snapshot(carol.path) == before
        merge.merge(carol, a.path, author("Carol"))  # a full file still works
        merge.merge(carol, out.path, author("Carol"))  # and then the changes are nothing new
        _same(a, carol)
    finally:
        carol.close()


def test_a_missing_parent_revision_is_named_as_what_to_ask_for(team: tuple[Store, Store, str], tmp_path: Path) -> None:
    a, b, doc = team
    ann = a.add_annotation(doc, "statement", *span(ARTICLE, "We will not send them back"), ALICE).uuid
    first = exchange.write_changes(a, tmp_path / "1.testimonia", since=exchange.LAST, to="Bob", sender="Alice")
    a.edit_annotation(ann, ALICE, note="edited after the first file")
    second = exchange.write_changes(a, tmp_path / "2.testimonia", since=exchange.LAST, to="Bob", sender="Alice")
    before = snapshot(b.path)
    with pytest.raises(MergeRefused, match=r"the earlier version that revision .* edits.*ask Alice for a full"):
        merge.merge(b, second.path, BOB)  # Bob skipped the first file
    assert snapshot(b.path) == before
    merge.merge(b, first.path, BOB)
    merge.merge(b, second.path, BOB)
    _same(a, b)


def test_since_last_needs_an_earlier_exchange(team: tuple[Store, Store, str], tmp_path: Path) -> None:
    a, _b, _doc = team
    with pytest.raises(InvalidInput, match="no earlier exchange with Carol"):
        exchange.write_changes(a, tmp_path / "x.testimonia", since=exchange.LAST, to="Carol")
    assert not list(tmp_path.glob("*x.testimonia*"))


def test_a_changes_file_is_written_whole_or_not_at_all(team: tuple[Store, Store, str], tmp_path: Path) -> None:
    a, _b, _doc = team
    (tmp_path / "taken.testimonia").write_bytes(b"keep me")
    with pytest.raises(InvalidInput, match="already exists"):
        exchange.write_changes(a, tmp_path / "taken.testimonia", since=exchange.LAST, to="Bob")
    assert (tmp_path / "taken.testimonia").read_bytes() == b"keep me"
    with pytest.raises(InvalidInput, match="does not exist"):
        exchange.write_changes(a, tmp_path / "no" / "such.testimonia", since=exchange.LAST, to="Bob")


def _tamper(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    try:
        with conn:
            for sql in statements:
                conn.execute(sql)
    finally:
        conn.close()


@pytest.mark.parametrize(("statements", "words"), [
    (["UPDATE document SET text = 'another text'"], "carried without its text, yet holds one"),
    (["DELETE FROM exchange_info"], "does not say who sent it"),
    (["DROP TABLE exchange_stub"], "part of its description missing"),
    (["UPDATE exchange_info SET value = 'x' || value WHERE key = 'since'",
      "CREATE TABLE exchange_extra (x)"], "exchange_extra"),
    # A stub may not stand in for a text we do not hold: here it names one of ours, with another hash.
    (["UPDATE document SET text_sha256 = '" + "0" * 64 + "', source_sha256 = '" + "1" * 64 + "', "
      "uuid = '00000000-0000-4000-8000-000000000001'",
      "UPDATE annotation SET document_uuid = '00000000-0000-4000-8000-000000000001'",
      "UPDATE exchange_stub SET document_uuid = '00000000-0000-4000-8000-000000000001'",
      "DELETE FROM document_alias"], "ask Alice for a full copy"),
])
def test_hostile_changes_files_are_refused(team: tuple[Store, Store, str], tmp_path: Path, statements: list[str],
                                           words: str) -> None:
    a, b, doc = team
    a.add_annotation(doc, "statement", *span(ARTICLE, "We will not send them back"), ALICE)
    out = exchange.write_changes(a, tmp_path / "changes.testimonia", since=exchange.LAST, to="Bob", sender="Alice")
    _tamper(out.path, *statements)
    before = snapshot(b.path)
    with pytest.raises(MergeRefused, match=words):
        merge.merge(b, out.path, BOB)
    assert snapshot(b.path) == before


def test_the_evidence_register_travels_in_a_changes_file(team: tuple[Store, Store, str], tmp_path: Path) -> None:
    """Entities, links, grades and memos made since the last exchange reach the teammate too: a
    changes file carries every registered record kind, not only annotations."""
    a, b, _doc = team
    ann = _first(a)
    person = a.evidence.add_entity("Jung Park", "person", ALICE, aliases=["Jeong Park"]).value
    a.evidence.link_entity(ann, person.uuid, "speaker", ALICE)
    a.evidence.set_grade(ann, 2, ALICE)
    a.evidence.set_memo("project", "", "Repatriations, spring", ALICE)
    out = exchange.write_changes(a, tmp_path / "changes.testimonia", since=exchange.LAST, to="Bob", sender="Alice")
    merge.merge(b, out.path, BOB)
    assert [e.name for e in b.evidence.entities()] == ["Jung Park"]
    links = [(x.annotation_uuid, x.target_uuid, x.role) for x in b.evidence.links(ann)]
    assert links == [(ann, person.uuid, "speaker")]
    assert b.evidence.grade(ann) == 2
    assert b.evidence.memo("project").text == "Repatriations, spring"
