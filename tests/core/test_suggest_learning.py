"""What a project teaches the suggesters: same wording elsewhere, rejections remembered, rule scores,
and accepted suggestions recorded in the annotation's history. Verdicts stay in this file."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from testimonia.core import labels, merge
from testimonia.core.errors import InvalidInput, MergeRefused
from testimonia.core.store import Store
from testimonia.core.suggest import project, review

from .store_helpers import author, new_store, span

ME = author("Ha-eun")
FIRST = ("Published 3 June 2025\n\n"
         "Police in Yanji detained more than 120 North Korean women last month, a church group said.\n\n"
         "The group’s “Northern Shelter Fund” paid for lawyers.\n")
SECOND = ("Published 9 June 2025\n\n"
          "A lawyer for the Northern   Shelter   Fund visited Yanji on Friday.\n\n"
          "Police in Yanji detained More Than 120 North Korean Women last month, the lawyer said.\n")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = new_store(tmp_path, "learn", "Learning", "Ha-eun")
    yield s
    s.close()


def _docs(store: Store) -> tuple[str, str]:
    return store.import_text("First", FIRST, ME).uuid, store.import_text("Second", SECOND, ME).uuid


def test_an_annotated_wording_is_suggested_elsewhere_with_its_label_and_fields(store: Store) -> None:
    first, second = _docs(store)
    tag = store.add_label("Funding body", "#aa55cc", ME)
    store.add_annotation(first, tag.uuid, *span(FIRST, "Northern Shelter Fund"), ME, fields={"kind": "donor"})
    found = [s for s in project.document_suggestions(store, second) if s.rule == project.LEARNT_RULE]
    assert [(s.kind, s.exact, s.fields) for s in found] == [("Funding body", "Northern   Shelter   Fund",
                                                             {"kind": "donor"})]
    assert SECOND[found[0].start:found[0].end] == found[0].exact
    # and not in the annotated place itself
    assert not [s for s in project.document_suggestions(store, first) if s.rule == project.LEARNT_RULE]


def test_the_researchers_fields_win_over_the_rules_at_the_same_place(store: Store) -> None:
    first, second = _docs(store)
    s0, e0 = span(FIRST, "more than 120 North Korean women")
    store.add_annotation(first, "figure", s0, e0, ME, fields={"value": 120, "unit": "women held in Yanji"})
    at = [s for s in project.document_suggestions(store, second, ("figure",)) if "120" in s.exact]
    assert len(at) == 1
    assert at[0].exact == "More Than 120 North Korean Women"
    assert at[0].rule == project.LEARNT_RULE and at[0].fields["unit"] == "women held in Yanji"
    # the annotated place is not proposed again in its own document
    assert not [s for s in project.document_suggestions(store, first, ("figure",)) if "120" in s.exact]


def test_a_rejected_suggestion_never_comes_back_and_lowers_its_rule(store: Store) -> None:
    first, _second = _docs(store)
    before = project.document_suggestions(store, first, ("figure",))
    target = next(s for s in before if "120" in s.exact)
    review.reject(store, [target], ME)
    after = project.document_suggestions(store, first, ("figure",))
    assert all((s.start, s.end) != (target.start, target.end) for s in after)
    assert project.rule_score(target.rule, review.verdicts(store).counts) < target.score
    assert store.annotations() == []  # a rejection writes no annotation
    review.forget(store, [target])
    assert any((s.start, s.end) == (target.start, target.end)
               for s in project.document_suggestions(store, first, ("figure",)))


def test_accepting_writes_one_annotation_with_fields_and_provenance(store: Store) -> None:
    first, second = _docs(store)
    target = next(s for s in project.document_suggestions(store, first, ("figure",)) if "120" in s.exact)
    [ann] = review.accept(store, [target], ME)
    assert (ann.kind, ann.start, ann.end, ann.exact) == ("figure", target.start, target.end, target.exact)
    assert ann.fields == labels.validate_fields("figure", target.fields)
    assert review.provenance(ann.note) == (target.rule, round(target.score, 2))
    assert review.provenance(store.revisions(ann.uuid)[0].note) is not None
    counts = review.verdicts(store).counts
    assert counts[target.rule] == (1, 0)
    assert project.rule_score(target.rule, counts) > target.score
    # accepted: gone from the suggestions there, and the wording is now learnt for the other document
    assert not [s for s in project.document_suggestions(store, first) if (s.start, s.end) == (target.start, target.end)]
    learnt = [s for s in project.document_suggestions(store, second) if s.rule == project.LEARNT_RULE]
    assert [s.exact for s in learnt] == ["More Than 120 North Korean Women"]


def test_accepting_a_stale_suggestion_changes_nothing(store: Store) -> None:
    first, _ = _docs(store)
    good = project.document_suggestions(store, first)[0]
    stale = replace(good, exact="something else")  # the text moved on since it was suggested
    with pytest.raises(InvalidInput, match="no longer matches"):
        review.accept(store, [good, stale], ME)
    assert store.annotations() == []
    assert review.verdicts(store).counts == {}


def test_suggestions_are_not_annotations(store: Store) -> None:
    _docs(store)
    assert project.project_suggestions(store)
    assert store.stats()["annotations"] == 0
    assert all(sum(d.counts.values()) == 0 for d in store.documents())


def test_a_read_only_file_lists_suggestions_but_never_records_a_verdict(store: Store, tmp_path: Path) -> None:
    first, _ = _docs(store)
    store.close()
    ro = Store.open(store.path, readonly=True)
    try:
        found = project.project_suggestions(ro, first)
        assert found
        with pytest.raises(InvalidInput):
            review.reject(ro, found[:1], ME)
    finally:
        ro.close()


def test_progress_and_cancel_over_all_documents(store: Store) -> None:
    _docs(store)
    seen: list[tuple[int, int]] = []
    project.project_suggestions(store, progress=lambda i, n: seen.append((i, n)))
    assert seen == [(1, 2), (2, 2)]
    assert project.project_suggestions(store, cancelled=lambda: True) == []


def test_the_verdict_table_is_local_a_merge_accepts_it_and_never_copies_it(store: Store, tmp_path: Path) -> None:
    first, _ = _docs(store)
    target = project.document_suggestions(store, first)[0]
    review.reject(store, [target], ME)
    other = new_store(tmp_path, "other", "Other", "Jun")
    try:
        merge.merge(other, store.path, author("Jun"))
        assert [d.title for d in other.documents()] == ["First", "Second"]
        assert review.reviewed(other) == []  # our verdicts stayed in our file
        assert any((s.start, s.end) == (target.start, target.end) for s in project.project_suggestions(other))
    finally:
        other.close()


def test_a_merge_refuses_a_verdict_table_that_is_not_ours(store: Store, tmp_path: Path) -> None:
    _docs(store)
    store.close()
    conn = sqlite3.connect(store.path)
    conn.execute("CREATE TABLE suggestion_review (id INTEGER PRIMARY KEY, payload BLOB)")
    conn.commit()
    conn.close()
    other = new_store(tmp_path, "other2", "Other", "Jun")
    try:
        with pytest.raises(MergeRefused, match="suggestion_review"):
            merge.merge(other, store.path, author("Jun"))
        assert other.documents() == []
    finally:
        other.close()


def test_a_forgotten_verdict_recorded_again_counts_as_before(store: Store) -> None:
    """The window's redo: undo of an accept forgets its verdict, redo records it again."""
    first, _ = _docs(store)
    [fig] = [s for s in project.document_suggestions(store, first, ("figure",)) if "120" in s.exact]
    [ann] = review.accept(store, [fig], ME)
    counted = review.verdicts(store)
    review.forget(store, [fig])
    assert review.verdicts(store).counts == {} and [s.exact for s in project.document_suggestions(
        store, first, ("figure",))] == []  # the annotation still covers it: not proposed over itself
    review.record(store, [fig], review.ACCEPTED, ME, [ann.uuid])
    assert review.verdicts(store) == counted
    assert [(r["verdict"], r["annotation"]) for r in review.reviewed(store)] == [("accepted", ann.uuid)]
    review.record(store, [fig], review.REJECTED, ME)  # a place has one verdict: the latest
    assert [(r["verdict"], r["annotation"]) for r in review.reviewed(store)] == [("rejected", None)]
    assert review.verdicts(store).counts == {fig.rule: (0, 1)}
