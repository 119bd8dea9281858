"""Team merge: union of revisions, document matching, conflicts, last-writer-wins, report and log."""

from __future__ import annotations

import json
import multiprocessing
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from testimonia.core import check, fts, labels, merge
from testimonia.core.errors import Cancelled, MergeRefused
from testimonia.core.merge import concurrent
from testimonia.core.merge.report import BY_SOURCE, BY_TEXT, BY_UUID, NEW
from testimonia.core.store import Store
from testimonia.core.textnorm import sha256_hex
from testimonia.core.views import Content

from .merge_helpers import heads_consistent, revision_ids, sha256, snapshot, state, to_version_5
from .store_helpers import ARTICLE, author, new_store, span

ALICE, BOB, CAROL = author("Alice"), author("Bob"), author("Carol")


@pytest.fixture
def pair(tmp_path: Path):
    a = new_store(tmp_path, "alice", "Alice's project", "Alice")
    b = new_store(tmp_path, "bob", "Bob's project", "Bob")
    yield a, b
    a.close()
    b.close()


def sound(store: Store) -> None:
    conn = sqlite3.connect(store.path)
    try:
        assert check.problems(conn) == []
    finally:
        conn.close()
    assert heads_consistent(store.path)


def test_a_document_we_lack_arrives_with_its_text_and_annotations(pair: tuple[Store, Store]) -> None:
    a, b = pair
    doc = b.import_text("Shenyang report", ARTICLE, BOB)
    ann = b.add_annotation(doc.uuid, "figure", *span(ARTICLE, "About 60 North Koreans"), BOB, fields={"value": 60})
    report = merge.merge(a, b.path, ALICE)
    assert (report.documents_new, report.annotations_new, report.revisions_new) == (1, 1, 1)
    assert report.documents[0].matched_by == NEW and report.documents[0].uuid == doc.uuid
    assert a.document_text(doc.uuid) == ARTICLE
    got = a.annotation(ann.uuid)
    assert (got.exact, got.fields, got.author, got.conflict) == ("About 60 North Koreans", {"value": 60}, "Bob", False)
    assert a.search("강제북송").results[0].uuid == doc.uuid  # the full-text index knows the new document
    sound(a)


def test_the_same_text_imported_twice_converges_on_the_smaller_uuid(pair: tuple[Store, Store]) -> None:
    a, b = pair
    da, db = a.import_text("Report", ARTICLE, ALICE), b.import_text("Report", ARTICLE, BOB)
    x = a.add_annotation(da.uuid, "statement", *span(ARTICLE, "the minister said"), ALICE)
    y = b.add_annotation(db.uuid, "figure", *span(ARTICLE, "between 500 and 600"), BOB)
    ra = merge.merge(a, b.path, ALICE)
    merge.merge(b, a.path, BOB)
    canonical = min(da.uuid, db.uuid)
    assert ra.documents[0].matched_by == BY_TEXT and ra.documents[0].uuid == canonical
    assert [d.uuid for d in a.documents()] == [d.uuid for d in b.documents()] == [canonical]
    for s in (a, b):
        assert {an.uuid: an.document_uuid for an in s.annotations()} == {x.uuid: canonical, y.uuid: canonical}
        # The other UUID still names the document (an alias), so links made before keep working.
        assert s.resolve_document(da.uuid) == s.resolve_document(db.uuid) == canonical
        assert s.search("강제북송").results[0].uuid == canonical
        sound(s)
    assert state(a) == state(b)


def test_concurrent_edits_conflict_everywhere_and_a_resolution_travels(pair: tuple[Store, Store]) -> None:
    a, b = pair
    doc = a.import_text("Report", ARTICLE, ALICE)
    ann = a.add_annotation(doc.uuid, "statement", *span(ARTICLE, "the minister said"), ALICE)
    merge.merge(b, a.path, BOB)
    a.edit_annotation(ann.uuid, ALICE, note="Alice's reading")
    b.edit_annotation(ann.uuid, BOB, note="Bob's reading")
    ra = merge.merge(a, b.path, ALICE)
    rb = merge.merge(b, a.path, BOB)
    assert ra.conflicts == rb.conflicts == [ann.uuid] and ra.conflicts_created == 1
    heads_a, heads_b = a.heads(ann.uuid), b.heads(ann.uuid)
    assert [h.uuid for h in heads_a] == [h.uuid for h in heads_b] and len(heads_a) == 2
    assert {h.note for h in heads_a} == {"Alice's reading", "Bob's reading"}  # both versions kept
    assert a.annotation(ann.uuid).revision_uuid == b.annotation(ann.uuid).revision_uuid  # same winner
    assert [c.uuid for c, _ in a.conflicts()] == [ann.uuid]

    b.resolve(ann.uuid, BOB, take=heads_b[1].uuid)
    report = merge.merge(a, b.path, ALICE)
    assert report.conflicts_resolved == 1 and report.conflicts_created == 0
    assert not a.annotation(ann.uuid).conflict and a.annotation(ann.uuid).note == heads_b[1].note
    assert a.conflicts() == [] and state(a) == state(b)
    sound(a)


def test_a_deletion_wins_over_what_it_saw_and_conflicts_with_a_concurrent_edit(pair: tuple[Store, Store]) -> None:
    a, b = pair
    doc = a.import_text("Report", ARTICLE, ALICE)
    one = a.add_annotation(doc.uuid, "statement", *span(ARTICLE, "the minister said"), ALICE)
    two = a.add_annotation(doc.uuid, "figure", *span(ARTICLE, "About 60 North Koreans"), ALICE)
    merge.merge(b, a.path, BOB)
    b.delete_annotation(one.uuid, BOB)  # Bob deletes what he saw; nobody else touched it
    b.delete_annotation(two.uuid, BOB)
    a.edit_annotation(two.uuid, ALICE, note="still needed")  # concurrent with Bob's deletion
    report = merge.merge(a, b.path, ALICE)
    assert report.annotations_deleted == 1 and report.conflicts_created == 1
    assert [x.uuid for x in a.annotations()] == [two.uuid]  # the conflicted one stays visible
    assert a.annotation(one.uuid).deleted and not a.annotation(one.uuid).conflict
    assert {h.deleted for h in a.heads(two.uuid)} == {True, False}
    sound(a)


def test_labels_authors_and_titles_are_last_writer_wins(pair: tuple[Store, Store]) -> None:
    a, b = pair
    doc = a.import_text("Report", ARTICLE, ALICE)
    merge.merge(b, a.path, BOB)
    a.update_label(labels.FIGURE, ALICE, color="#112233")
    custom = b.add_label("Detention site", "#445566", BOB)
    b.update_label(labels.FIGURE, BOB, color="#aabbcc")  # later than Alice's change
    b.set_document_title(doc.uuid, "Renamed by Bob", BOB)
    b.set_title("Joint evidence base", BOB)
    report = merge.merge(a, b.path, ALICE)
    assert report.labels_new == 1 and report.labels_updated == 1
    assert a.label(labels.FIGURE).color == "#aabbcc" and a.label(custom.uuid).name == "Detention site"
    assert a.document(doc.uuid).title == "Renamed by Bob" and a.search("Renamed").results[0].uuid == doc.uuid
    # Bob created his own project: its title does not rename Alice's, and the UUIDs stay apart.
    assert not report.project_title_changed and a.title == "Alice's project" and a.uuid != b.uuid
    assert a.authors()[BOB.uuid] == "Bob"
    merge.merge(b, a.path, BOB)
    assert state(a) == state(b)


def test_a_copy_of_the_project_carries_its_title(tmp_path: Path) -> None:
    a = new_store(tmp_path, "alice", "Alice's project", "Alice")
    copy_path = tmp_path / "bob.testimonia"
    src, dst = sqlite3.connect(a.path), sqlite3.connect(copy_path)
    src.backup(dst)
    src.close()
    dst.close()
    b = Store.open(copy_path)
    b.set_title("Joint evidence base", BOB)
    report = merge.merge(a, b.path, ALICE)
    assert report.project_title_changed and a.title == "Joint evidence base" and a.uuid == b.uuid
    a.close()
    b.close()


def test_preview_reports_exactly_what_the_merge_then_does_and_writes_nothing(pair: tuple[Store, Store]) -> None:
    a, b = pair
    doc = a.import_text("Report", ARTICLE, ALICE)
    ann = a.add_annotation(doc.uuid, "statement", *span(ARTICLE, "the minister said"), ALICE)
    merge.merge(b, a.path, BOB)
    a.edit_annotation(ann.uuid, ALICE, note="a")
    b.edit_annotation(ann.uuid, BOB, note="b")
    b.import_text("Other", "A second article, about 500 people.", BOB)
    before = snapshot(a.path)
    preview = merge.preview(a, b.path)
    assert snapshot(a.path) == before
    assert preview.dry_run and preview.counts()["conflicts_created"] == 1 and preview.documents_new == 1
    real = merge.merge(a, b.path, ALICE)
    assert not real.dry_run and real.counts() == preview.counts() and real.conflicts == preview.conflicts
    assert [d.uuid for d in real.documents] == [d.uuid for d in preview.documents]
    assert snapshot(a.path) != before


def test_each_merge_is_logged_and_the_same_file_again_is_recognised(pair: tuple[Store, Store], tmp_path: Path) -> None:
    a, b = pair
    b.add_annotation(b.import_text("Report", ARTICLE, BOB).uuid, "figure",
                     *span(ARTICLE, "About 60 North Koreans"), BOB)
    # Bob's open store copies his commit into the main file moments later, which changes its
    # bytes (not its content); the file a teammate receives is one at rest.
    assert b.wait_written()
    first = merge.merge(a, b.path, ALICE)
    conn = sqlite3.connect(a.path)
    (log,) = conn.execute("SELECT source_project_uuid, source_file, author_uuid, report_json FROM merge_log").fetchall()
    conn.close()
    assert log[:3] == (b.uuid, "bob.testimonia", ALICE.uuid)
    assert json.loads(log[3])["counts"] == first.counts()
    before = snapshot(a.path)
    again = merge.merge(a, b.path, ALICE)
    assert again.already_merged_hlc is not None and "already merged" in again.summary()
    assert snapshot(a.path) == before  # not even a log line
    # The same rows in a file with other bytes go through every check, and change nothing either.
    twin = tmp_path / "twin.testimonia"
    src = sqlite3.connect(b.path)
    src.execute("VACUUM INTO ?", (str(twin),))
    src.close()
    rows = [t for t in snapshot(a.path) if t[0] not in ("merge_log", "meta")]
    report = merge.merge(a, twin, ALICE)
    assert report.already_merged_hlc is None and report.revisions_new == 0 and not report.changes_anything
    assert [t for t in snapshot(a.path) if t[0] not in ("merge_log", "meta")] == rows


def test_merging_a_copy_of_our_own_project_changes_nothing(pair: tuple[Store, Store], tmp_path: Path) -> None:
    a, _ = pair
    doc = a.import_text("Report", ARTICLE, ALICE)
    a.add_annotation(doc.uuid, "statement", *span(ARTICLE, "the minister said"), ALICE)
    copy = tmp_path / "copy.testimonia"
    conn = sqlite3.connect(a.path)
    conn.execute("VACUUM INTO ?", (str(copy),))
    conn.close()
    before = state(a)
    report = merge.merge(a, copy, ALICE)
    assert not report.changes_anything and state(a) == before
    with pytest.raises(MergeRefused, match="this project itself"):
        merge.merge(a, a.path, ALICE)


def test_later_local_edits_sort_after_everything_merged(pair: tuple[Store, Store]) -> None:
    a, b = pair
    doc = a.import_text("Report", ARTICLE, ALICE)
    ann = a.add_annotation(doc.uuid, "statement", *span(ARTICLE, "the minister said"), ALICE)
    merge.merge(b, a.path, BOB)
    b.edit_annotation(ann.uuid, BOB, note="from a clock far ahead")
    conn = sqlite3.connect(b.path)  # Bob's laptop clock runs a year ahead
    conn.execute("UPDATE revision SET hlc = hlc + (365 * 86400000 << 16) WHERE note != ''")
    conn.commit()
    (future,) = conn.execute("SELECT max(hlc) FROM revision").fetchone()
    conn.close()
    merge.merge(a, b.path, ALICE)
    mine = a.edit_annotation(ann.uuid, ALICE, note="Alice answers")  # an edit of Bob's version
    assert mine.modified_hlc > future and mine.note == "Alice answers" and not mine.conflict


def test_progress_is_reported_and_cancelling_leaves_the_project_as_it_was(pair: tuple[Store, Store]) -> None:
    a, b = pair
    b.add_annotation(b.import_text("Report", ARTICLE, BOB).uuid, "figure",
                     *span(ARTICLE, "About 60 North Koreans"), BOB)
    before = snapshot(a.path)
    calls: list[tuple[int, int]] = []
    with pytest.raises(Cancelled):
        merge.merge(a, b.path, ALICE, progress=lambda d, t: calls.append((d, t)), cancelled=lambda: len(calls) >= 4)
    assert snapshot(a.path) == before and calls[:4] == [(1, 7), (2, 7), (3, 7), (4, 7)]
    calls.clear()
    merge.merge(a, b.path, ALICE, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(i, 7) for i in range(1, 8)]


def test_cancelling_stops_the_checks_process(pair: tuple[Store, Store], monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = pair
    doc = b.import_text("Report", ARTICLE, BOB)
    b.add_annotation(doc.uuid, "figure", *span(ARTICLE, "About 60 North Koreans"), BOB)
    monkeypatch.setattr(concurrent, "PROCESS_MIN_BYTES", 0)  # the path of large files
    children: list[concurrent._Child] = []
    start = concurrent._Child.start

    def tracked(project: Path, path: Path, uri: str) -> concurrent._Child | None:
        child = start(project, path, uri)
        assert child is not None
        children.append(child)
        return child

    monkeypatch.setattr(concurrent._Child, "start", tracked)
    before = snapshot(a.path)
    calls: list[int] = []
    with pytest.raises(Cancelled):
        merge.merge(a, b.path, ALICE, progress=lambda d, t: calls.append(d), cancelled=lambda: len(calls) >= 3)
    assert snapshot(a.path) == before
    assert len(children) == 1 and not children[0].process.is_alive()
    report = merge.merge(a, b.path, ALICE)  # a second child, which answers
    assert report.annotations_new == 1 and len(children) == 2 and not children[1].process.is_alive()
    sound(a)


def test_a_checks_process_that_cannot_run_leaves_the_checks_to_a_thread(
        pair: tuple[Store, Store], monkeypatch: pytest.MonkeyPatch) -> None:
    # As in a frozen build whose entry point forgot freeze_support: the child dies at once.
    a, b = pair
    doc = b.import_text("Report", ARTICLE, BOB)
    b.add_annotation(doc.uuid, "figure", *span(ARTICLE, "About 60 North Koreans"), BOB)
    monkeypatch.setattr(concurrent, "PROCESS_MIN_BYTES", 0)

    def dying(project: Path, path: Path, uri: str) -> concurrent._Child:
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        process = context.Process(target=sys.exit, args=(3,), daemon=True)
        process.start()
        theirs.close()
        return concurrent._Child(process, ours)

    monkeypatch.setattr(concurrent._Child, "start", dying)
    assert merge.preview(a, b.path).annotations_new == 1
    conn = sqlite3.connect(b.path)
    conn.execute("UPDATE revision SET exact = 'the minister lied'")
    conn.commit()
    conn.close()
    before = snapshot(a.path)
    with pytest.raises(MergeRefused, match="quoted text differs"):
        merge.merge(a, b.path, ALICE)
    assert snapshot(a.path) == before


@pytest.mark.parametrize("checks_in", ["thread", "process"])
def test_a_different_extraction_of_the_same_file_is_reanchored_and_orphans_are_kept(
        pair: tuple[Store, Store], checks_in: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # In a process, the revisions are compared before the plan says which documents are
    # re-anchored (checks.early_revisions): the known re-anchored revisions, whose spans differ
    # between the copies, must not refuse the merge back.
    monkeypatch.setattr(concurrent, "PROCESS_MIN_BYTES", 0 if checks_in == "process" else 1 << 62)
    a, b = pair
    ours = ARTICLE
    theirs = ARTICLE.replace("between 500 and 600", "between\n500 and 600").replace(
        "the minister said on Tuesday", "the spokesman said on Monday").replace("Seoul, 3 March — ", "")
    src = sha256_hex(b"%PDF the same source file")
    da = a.import_extracted(_extracted(ours, src), ALICE)
    db = b.import_extracted(_extracted(theirs, src), BOB)
    moved = b.add_annotation(db.uuid, "figure", *span(theirs, "About 60 North Koreans"), BOB)
    fuzzy = b.add_annotation(db.uuid, "figure", *span(theirs, "between\n500 and 600"), BOB)
    gone = b.add_annotation(db.uuid, "statement", *span(theirs, "the spokesman said on Monday"), BOB)
    report = merge.merge(a, b.path, ALICE)
    (outcome,) = report.documents
    assert outcome.matched_by == BY_SOURCE and outcome.reanchored and outcome.uuid == min(da.uuid, db.uuid)
    assert a.document_text(outcome.uuid) == ours  # we keep our text
    got = {x.uuid: x for x in a.annotations()}
    assert got[moved.uuid].exact == "About 60 North Koreans" and not got[moved.uuid].orphaned
    assert ours[got[moved.uuid].start:got[moved.uuid].end] == "About 60 North Koreans"
    assert got[fuzzy.uuid].exact == "between 500 and 600" and not got[fuzzy.uuid].orphaned
    assert got[gone.uuid].orphaned and got[gone.uuid].exact == "the spokesman said on Monday"  # kept, flagged
    assert [(o.annotation_uuid, o.exact) for o in report.orphans] == [(gone.uuid, "the spokesman said on Monday")]
    # The re-anchored revisions keep their identity: merging back and forth adds nothing more.
    merge.merge(b, a.path, BOB)
    again = merge.merge(a, b.path, ALICE)
    assert again.revisions_new == 0 and not again.changes_anything, again.counts()
    assert revision_ids(a.path) == revision_ids(b.path)
    assert [x.exact for x in a.annotations()] == [x.exact for x in a.annotations()]


def _extracted(text: str, source_sha: str):  # type: ignore[no-untyped-def]
    from testimonia.core.importers import Extracted

    return Extracted(text=text, title="Report", kind="pdf", source_name="report.pdf", source_sha256=source_sha,
                     text_sha256=sha256_hex(text), page_starts=[0], metadata={})


@pytest.mark.parametrize("version", [1, 2])
def test_an_older_file_format_is_read_through_the_migrations_and_left_untouched(
        pair: tuple[Store, Store], version: int) -> None:
    a, b = pair
    doc = b.import_text("Report", ARTICLE, BOB)
    ann = b.add_annotation(doc.uuid, "statement", *span(ARTICLE, "the minister said"), BOB)
    b.close()
    _downgrade(b.path, version)
    digest = sha256(b.path)
    report = merge.merge(a, b.path, ALICE)
    assert report.annotations_new == 1 and a.annotation(ann.uuid).exact == "the minister said"
    assert sha256(b.path) == digest
    sound(a)


def _downgrade(path: Path, version: int) -> None:
    """What an older file looked like: version 2 could not remove documents; version 1 had no
    merge log and no full-text index either."""
    conn = sqlite3.connect(path)
    to_version_5(conn)
    conn.execute("DROP TABLE IF EXISTS document_sketch")  # a local table created by later imports
    for table in ("entity", "entity_same", "incident_type", "incident", "incident_participant", "annotation_link",
                  "document_source", "annotation_grade", "memo_revision", "document_original"):
        conn.execute(f"DROP TABLE {table}")  # version 5's register (its indexes go with them)
    for name in ("ix_document_list", "ix_head_state", "ix_head_hlc", "ix_head_label", "ix_head_author"):
        conn.execute(f"DROP INDEX {name}")  # version 4's indexes (one names `removed`)
    conn.execute("DROP INDEX IF EXISTS ix_document_lww")  # optional before version 5 (a merge created it)
    conn.execute("ALTER TABLE document DROP COLUMN removed")
    if version == 1:
        conn.execute("DROP TABLE merge_log")
        conn.execute("DROP TABLE document_fts")
        conn.execute("DROP INDEX ix_revision_head")
    conn.execute(f"PRAGMA user_version={version}")
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.commit()
    conn.close()


def test_store_resolve_with_new_values_merges_cleanly(pair: tuple[Store, Store]) -> None:
    a, b = pair
    doc = a.import_text("Report", ARTICLE, ALICE)
    ann = a.add_annotation(doc.uuid, "figure", *span(ARTICLE, "About 60 North Koreans"), ALICE)
    merge.merge(b, a.path, BOB)
    a.edit_annotation(ann.uuid, ALICE, fields={"value": 60})
    b.edit_annotation(ann.uuid, BOB, fields={"value": 61})
    merge.merge(a, b.path, ALICE)
    merge.merge(b, a.path, BOB)
    start, end = span(ARTICLE, "About 60 North Koreans")
    b.resolve(ann.uuid, BOB, content=Content(labels.FIGURE, start, end, {"value": 60, "approximate": True}))
    a.resolve(ann.uuid, ALICE, take=a.heads(ann.uuid)[0].uuid)  # both resolved, differently: a new conflict
    merge.merge(a, b.path, ALICE)
    merge.merge(b, a.path, BOB)
    assert a.annotation(ann.uuid).heads == 2 and state(a) == state(b)
    sound(a)
    sound(b)


def test_documents_matched_by_uuid_keep_their_identity(pair: tuple[Store, Store]) -> None:
    a, b = pair
    a.import_text("Report", ARTICLE, ALICE)
    merge.merge(b, a.path, BOB)
    report = merge.merge(a, b.path, ALICE)
    assert report.documents[0].matched_by == BY_UUID and not report.documents[0].reanchored


def test_a_file_holding_one_text_under_two_documents_merges_into_one(tmp_path: Path) -> None:
    """A file can carry two documents with the same text (a team server's pull brings each member's
    import of it, unmerged): the second matches the first within this merge, and its annotations'
    spans are checked against that text even though our project did not hold it before."""
    bob, carol = new_store(tmp_path, "bob", who="Bob"), new_store(tmp_path, "carol", who="Carol")
    for store, who, needle in ((bob, "Bob", "About 60 North Koreans"), (carol, "Carol", "between 500 and 600")):
        doc = store.import_text("Shenyang report", ARTICLE, author(who)).uuid
        store.add_annotation(doc, "figure", *span(ARTICLE, needle), author(who))
        store.close()
    both = tmp_path / "both.testimonia"
    shutil.copyfile(tmp_path / "bob.testimonia", both)
    conn = sqlite3.connect(both)
    conn.execute("ATTACH DATABASE ? AS c", (str(tmp_path / "carol.testimonia"),))
    for table in ("author", "document", "annotation", "revision"):
        conn.execute(f"INSERT OR IGNORE INTO main.{table} SELECT * FROM c.{table}")
    fts.add_many(conn, "SELECT uuid, title, text FROM c.document")
    conn.commit()
    conn.close()
    dave = new_store(tmp_path, "dave", who="Dave")
    merge.merge(dave, both, author("Dave"))
    assert len(dave.documents()) == 1
    assert sorted(a.exact for a in dave.annotations()) == ["About 60 North Koreans", "between 500 and 600"]
    dave.close()
