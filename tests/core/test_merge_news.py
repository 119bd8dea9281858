"""A received file that holds nothing we lack is recognised by its keys alone (core/merge/news.py),
with the same report the full merge gives, and anything new still goes through the full merge."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from testimonia.core import merge
from testimonia.core.merge import news, source
from testimonia.core.merge.report import BY_ALIAS, BY_UUID
from testimonia.core.store import Store

from .merge_helpers import snapshot, state
from .store_helpers import ARTICLE, author, new_store, span

ALICE, BOB = author("Alice"), author("Bob")


def _full_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(news, "nothing_new", lambda conn: False)


def _answers(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """What news.nothing_new answered, merge by merge."""
    seen: list[bool] = []
    real = news.nothing_new

    def spy(conn: sqlite3.Connection) -> bool:
        seen.append(real(conn))
        return seen[-1]

    monkeypatch.setattr(news, "nothing_new", spy)
    return seen


@pytest.fixture
def team(tmp_path: Path):
    """Alice and Bob after a full exchange: the same text imported by each (an alias), edits,
    a deletion, a renamed and a removed document, and register rows of several kinds."""
    a = new_store(tmp_path, "alice", "Coalition", "Alice")
    b = new_store(tmp_path, "bob", "Coalition", "Bob")
    doc = a.import_text("Report", ARTICLE, ALICE)
    b.import_text("Report (Bob's import)", ARTICLE, BOB)
    for s in (a, b):
        s.close()
        shutil.copy(s.path, tmp_path / f"{s.path.stem}-early.testimonia")  # each import under its own UUID
    a, b = Store.open(a.path), Store.open(b.path)
    other = a.import_text("Second", ARTICLE + " And more.", ALICE)
    ann = a.add_annotation(doc.uuid, "statement", *span(ARTICLE, "the minister said"), ALICE)
    a.edit_annotation(ann.uuid, ALICE, note="checked")
    gone = a.add_annotation(other.uuid, "figure", *span(ARTICLE, "About 60 North Koreans"), ALICE,
                            fields={"value": 60})
    a.delete_annotation(gone.uuid, ALICE)
    a.set_document_title(other.uuid, "Second, renamed", ALICE)
    person = a.evidence.add_entity("Jung Park", "person", ALICE, aliases=["Jeong Park"]).value
    a.evidence.link_entity(ann.uuid, person.uuid, "speaker", ALICE)
    a.evidence.set_grade(ann.uuid, 2, ALICE)
    a.evidence.set_source(doc.uuid, ALICE, outlet="Daily")
    merge.merge(b, a.path, BOB)
    b.remove_document(other.uuid, BOB)
    merge.merge(a, b.path, ALICE)
    merge.merge(b, a.path, BOB)
    yield a, b
    a.close()
    b.close()


def _copy(store: Store, where: Path) -> Path:
    """`store`'s file in other bytes, with the same rows (rewritten by VACUUM INTO)."""
    store.close()
    conn = sqlite3.connect(store.path)
    conn.execute("VACUUM INTO ?", (str(where),))
    conn.close()
    return where


def test_a_copy_holding_nothing_new_is_recognised_and_reported_as_the_full_merge_would(
        team: tuple[Store, Store], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = team
    received = _copy(b, tmp_path / "bob-copy.testimonia")
    twin = tmp_path / "alice-twin.testimonia"
    shutil.copy(a.path, twin)
    before = snapshot(a.path)
    answers = _answers(monkeypatch)
    fast = merge.merge(a, received, ALICE)
    assert answers == [True] and not fast.changes_anything
    assert {d.matched_by for d in fast.documents} == {BY_UUID}
    early = [merge.merge(a, tmp_path / f"{who}-early.testimonia", ALICE) for who in ("alice", "bob")]
    assert answers == [True, True, True]
    assert sorted(r.documents[0].matched_by for r in early) == [BY_ALIAS, BY_UUID]  # one became the alias
    after = snapshot(a.path)
    assert [t for t in after if t[0] != "merge_log" and t[0] != "meta"] == \
        [t for t in before if t[0] != "merge_log" and t[0] != "meta"]

    _full_path(monkeypatch)
    other = Store.open(twin)
    try:
        full = merge.merge(other, received, ALICE)
        assert state(other) == state(a)
    finally:
        other.close()
    one, two = fast.to_json(), full.to_json()
    assert one == two


def test_one_new_revision_is_not_nothing(team: tuple[Store, Store], tmp_path: Path) -> None:
    a, b = team
    ann = next(x for x in b.annotations() if x.note == "checked")
    b.edit_annotation(ann.uuid, BOB, note="checked twice")
    report = merge.merge(a, _copy(b, tmp_path / "bob-copy.testimonia"), ALICE)
    assert (report.revisions_new, report.annotations_changed) == (1, 1)
    assert a.annotation(ann.uuid).note == "checked twice"


@pytest.mark.parametrize(("table", "column", "value"), [
    ("document", "title", "Later title"),
    ("entity", "name", "Jeong Park"),
    ("annotation_grade", "grade", 5),
    ("author", "name", "Robert"),
    ("project", "title", "Coalition, renamed"),
])
def test_a_later_last_writer_wins_value_is_news(team: tuple[Store, Store], tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch, table: str, column: str,
                                                value: object) -> None:
    a, b = team
    received = _copy(b, tmp_path / "bob-copy.testimonia")
    when = "title_hlc" if table == "project" else "hlc"
    conn = sqlite3.connect(received)
    if table == "project":  # a copy of this very project (only such a copy brings its title)
        conn.execute("UPDATE project SET uuid = ?", (a.uuid,))
    conn.execute(f"UPDATE {table} SET {column} = ?, {when} = {when} + 1000 WHERE rowid = (SELECT min(rowid) "
                 f"FROM {table})", (value,))
    conn.commit()
    conn.close()
    answers = _answers(monkeypatch)
    merge.merge(a, received, ALICE)
    assert answers == [False]
    conn = sqlite3.connect(a.path)
    assert conn.execute(f"SELECT count(*) FROM {table} WHERE {column} = ?", (value,)).fetchone()[0] == 1
    conn.close()


def test_a_known_row_rewritten_alone_changes_nothing_here(team: tuple[Store, Store], tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Ours is kept: a known key is never written again. With new work beside it the full merge
    runs, and refuses it (test_merge_hostile.py)."""
    a, b = team
    ann = next(x for x in a.annotations() if x.note == "checked")
    received = _copy(b, tmp_path / "bob-copy.testimonia")
    conn = sqlite3.connect(received)
    conn.execute("UPDATE revision SET note = 'rewritten history' WHERE annotation_uuid = ?", (ann.uuid,))
    conn.commit()
    conn.close()
    answers = _answers(monkeypatch)
    report = merge.merge(a, received, ALICE)
    assert answers == [True] and not report.changes_anything
    assert a.annotation(ann.uuid).note == "checked"


def test_a_large_file_is_named_by_samples_only_once_it_proved_to_hold_nothing_new(
        team: tuple[Store, Store], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past EXACT_LIMIT a file is fingerprinted by samples, which may miss a change: the sample
    alone never skips a file, the key comparison does."""
    a, b = team
    monkeypatch.setattr(source, "EXACT_LIMIT", 0)
    monkeypatch.setattr(source, "_SAMPLES", 0)  # the header only: every change inside is missed
    monkeypatch.setattr(source, "_SAMPLE", 16)
    received = _copy(b, tmp_path / "bob-copy.testimonia")
    first = merge.merge(a, received, ALICE)
    assert first.already_merged_hlc is None and not first.changes_anything
    again = merge.merge(a, received, ALICE)
    assert again.already_merged_hlc is not None  # the same bytes, and still nothing new

    ann = next(x for x in a.annotations() if x.note == "checked")
    conn = sqlite3.connect(received)
    conn.execute("UPDATE revision SET is_head = 0 WHERE annotation_uuid = ? AND is_head", (ann.uuid,))
    conn.execute(
        "INSERT INTO revision SELECT '00000000-0000-4000-8000-00000000abcd', annotation_uuid, json_array(uuid), "
        "author_uuid, hlc + 1, label_uuid, span_start, span_end, exact, prefix, suffix, fields, 'from the copy', "
        "deleted, 1, 0 FROM revision WHERE annotation_uuid = ? ORDER BY hlc DESC LIMIT 1", (ann.uuid,))
    conn.commit()
    conn.close()
    assert source.file_fingerprint(received).startswith("sampled:")
    changed = merge.merge(a, received, ALICE)
    assert changed.already_merged_hlc is None and changed.revisions_new == 1
    assert a.annotation(ann.uuid).note == "from the copy"


def test_the_quick_report_lists_documents_in_the_full_merges_order(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # Imported in one order, planned by the merge in UUID order: with eight random UUIDs the two
    # orders differ in all but one case of 40,320.
    a = new_store(tmp_path, "alice", "Coalition", "Alice")
    for i in range(8):
        a.import_text(f"Report {i}", f"{ARTICLE} Part {i}.", ALICE)
    a.close()
    received = _copy(a, tmp_path / "alice-copy.testimonia")
    shutil.copy(a.path, tmp_path / "twin.testimonia")
    a = Store.open(a.path)
    twin = Store.open(tmp_path / "twin.testimonia")
    try:
        fast = merge.merge(a, received, ALICE)
        _full_path(monkeypatch)
        full = merge.merge(twin, received, ALICE)
        assert [d.incoming_uuid for d in fast.documents] == [d.incoming_uuid for d in full.documents]
        assert fast.to_json() == full.to_json()
    finally:
        a.close()
        twin.close()
