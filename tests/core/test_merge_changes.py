"""The merge report names the annotations it adds, changes, deletes, puts in conflict or settles,
with their text, read inside the merge's own transaction (so the preview lists what Apply does)."""

from __future__ import annotations

from pathlib import Path

import pytest

from testimonia.core import merge
from testimonia.core.merge import changes as merge_changes
from testimonia.core.store import Store

from .merge_helpers import snapshot
from .store_helpers import ARTICLE, author, new_store, span

ALICE, BOB = author("Alice"), author("Bob")


@pytest.fixture
def pair(tmp_path: Path):
    a = new_store(tmp_path, "alice", "Alice's project", "Alice")
    b = new_store(tmp_path, "bob", "Bob's project", "Bob")
    yield a, b
    a.close()
    b.close()


def _one_of_each(a: Store, b: Store) -> dict[str, str]:
    """Bob's copy changes Alice's project in every way a merge can, plus once invisibly."""
    doc = a.import_text("Border report", ARTICLE, ALICE)
    made = {}
    for name, needle, kind in (("changed", "the minister said", "statement"),
                               ("deleted", "About 60 North Koreans", "figure"),
                               ("conflict", "1951 Refugee Convention", "obligation"),
                               ("resolved", "non-refoulement obligations", "obligation"),
                               ("untouched", "protesters chanted", "statement")):
        made[name] = a.add_annotation(doc.uuid, kind, *span(ARTICLE, needle), ALICE).uuid
    merge.merge(b, a.path, BOB)
    # A conflict both copies hold, which Bob then settles.
    a.edit_annotation(made["resolved"], ALICE, note="Alice")
    b.edit_annotation(made["resolved"], BOB, note="Bob")
    merge.merge(a, b.path, ALICE)
    merge.merge(b, a.path, BOB)
    heads = b.heads(made["resolved"])
    b.resolve(made["resolved"], BOB, take=heads[0].uuid)

    b.edit_annotation(made["changed"], BOB, fields={"speaker": "the minister"}, note="Bob named him")
    b.delete_annotation(made["deleted"], BOB)
    b.edit_annotation(made["conflict"], BOB, note="Bob's reading")
    a.edit_annotation(made["conflict"], ALICE, note="Alice's reading")
    made["new"] = b.add_annotation(doc.uuid, "figure", *span(ARTICLE, "between 500 and 600"), BOB).uuid
    gone = b.add_annotation(doc.uuid, "statement", *span(ARTICLE, "Seoul, 3 March"), BOB)
    b.delete_annotation(gone.uuid, BOB)  # made and unmade in Bob's copy: nothing for Alice to see
    made["invisible"] = gone.uuid
    return made


def test_the_report_lists_each_change_with_its_text_most_important_first(pair: tuple[Store, Store]) -> None:
    a, b = pair
    made = _one_of_each(a, b)
    before = snapshot(a.path)
    preview = merge.preview(a, b.path)
    assert snapshot(a.path) == before
    listed = [(c.change, c.annotation_uuid) for c in preview.changes]
    assert listed == [("conflict", made["conflict"]), ("changed", made["changed"]), ("deleted", made["deleted"]),
                      ("resolved", made["resolved"]), ("new", made["new"])]
    assert preview.changes_total == 5
    by_change = {c.change: c for c in preview.changes}
    assert by_change["changed"].exact == "the minister said" and by_change["changed"].note == "Bob named him"
    assert by_change["new"].exact == "between 500 and 600" and by_change["new"].label == "Figure"
    assert by_change["deleted"].exact == "About 60 North Koreans"  # a deletion still says what it deletes
    assert by_change["conflict"].label == "Obligation" and by_change["conflict"].document_title == "Border report"
    assert all(c.document_uuid == a.documents()[0].uuid for c in preview.changes)
    # The list agrees with the counts the report already gave.
    counts = preview.counts()
    assert counts["annotations_new"] == 1 and counts["annotations_changed"] >= 1
    assert counts["conflicts_created"] == 1 and counts["conflicts_resolved"] == 1

    real = merge.merge(a, b.path, ALICE)
    assert real.changes == preview.changes and real.changes_total == preview.changes_total
    assert a.annotation(made["changed"]).note == "Bob named him"
    again = merge.preview(a, b.path)
    assert again.changes == [] and again.changes_total == 0  # the same file again: nothing new


def test_the_list_is_bounded_and_keeps_the_total(pair: tuple[Store, Store], monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = pair
    doc = a.import_text("Border report", ARTICLE, ALICE)
    shared = a.add_annotation(doc.uuid, "statement", *span(ARTICLE, "the minister said"), ALICE)
    merge.merge(b, a.path, BOB)
    b.edit_annotation(shared.uuid, BOB, note="Bob")
    a.edit_annotation(shared.uuid, ALICE, note="Alice")
    words = ARTICLE.split()
    at = 0
    for word in words[:30]:
        at = ARTICLE.index(word, at)
        b.add_annotation(doc.uuid, "statement", at, at + len(word), BOB)
        at += len(word)
    monkeypatch.setattr(merge_changes, "LISTED", 4)
    report = merge.preview(a, b.path)
    assert report.changes_total == 31
    assert len(report.changes) == 4
    assert report.changes[0].change == "conflict" and report.changes[0].annotation_uuid == shared.uuid
    assert {c.change for c in report.changes[1:]} == {"new"}
    starts = [c.start for c in report.changes[1:]]
    assert starts == sorted(starts)  # in text order within a document
    assert all(ARTICLE[c.start:c.end] == c.exact for c in report.changes)
    as_json = report.to_json()
    assert as_json["annotations_total"] == 31 and len(as_json["annotations"]) == 4  # type: ignore[arg-type]
    assert as_json["annotations"][0]["exact"] == "the minister said"  # type: ignore[index]
