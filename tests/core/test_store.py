"""The storage API: documents, annotations as revisions, heads, listing and validation."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from testimonia.core import labels
from testimonia.core.errors import AlreadyImported, InvalidInput, NotFound
from testimonia.core.store import Store
from testimonia.core.views import Content

from .store_helpers import ARTICLE, author, new_store, span


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = new_store(tmp_path)
    yield s
    s.close()


def test_new_project_has_builtin_labels_with_fixed_uuids(store: Store) -> None:
    by_kind = {lb.kind: lb.uuid for lb in store.labels()}
    assert by_kind == {"statement": labels.STATEMENT, "figure": labels.FIGURE, "obligation": labels.OBLIGATION}


def test_annotation_exact_text_is_the_slice_of_the_stored_text(store: Store) -> None:
    doc = store.import_text("Article", ARTICLE, author())
    start, end = span(ARTICLE, "탈북민 강제북송을 중단하라")
    ann = store.add_annotation(doc.uuid, "statement", start, end, author(), fields={"mode": "direct"})
    assert ann.exact == "탈북민 강제북송을 중단하라"
    assert store.document_text(doc.uuid)[ann.start:ann.end] == ann.exact
    assert ann.suffix.startswith(" — protesters")
    assert ann.prefix.endswith("obligations.\n")


def test_edit_writes_a_new_revision_and_keeps_history(store: Store) -> None:
    doc = store.import_text("Article", ARTICLE, author())
    ann = store.add_annotation(doc.uuid, "figure", *span(ARTICLE, "About 60 North Koreans"), author())
    edited = store.edit_annotation(ann.uuid, author("Joon"), fields={"value": "60", "approximate": "yes"})
    assert edited.fields == {"approximate": True, "value": 60}
    assert edited.author == "Joon" and edited.creator == "Min-ji"
    revs = store.revisions(ann.uuid)
    assert len(revs) == 2
    assert revs[1].parents == (revs[0].uuid,)
    assert [r.is_head for r in revs] == [False, True]
    assert edited.modified_hlc > edited.created_hlc


def test_delete_is_a_tombstone_and_hides_the_annotation(store: Store) -> None:
    doc = store.import_text("Article", ARTICLE, author())
    ann = store.add_annotation(doc.uuid, "obligation", *span(ARTICLE, "non-refoulement obligations"), author())
    store.delete_annotation(ann.uuid, author())
    assert store.annotations() == []
    assert store.annotation(ann.uuid).deleted
    assert len(store.revisions(ann.uuid)) == 2
    restored = store.set_content(ann.uuid, Content(labels.OBLIGATION, ann.start, ann.end), author())
    assert not restored.deleted and [a.uuid for a in store.annotations()] == [ann.uuid]


def test_concurrent_heads_make_a_conflict_and_resolve_joins_them(store: Store) -> None:
    doc = store.import_text("Article", ARTICLE, author())
    ann = store.add_annotation(doc.uuid, "statement", *span(ARTICLE, "the minister said"), author())
    base = store.revisions(ann.uuid)[0]
    # Simulate a teammate's concurrent edit: a second child of the same base revision.
    store.edit_annotation(ann.uuid, author(), note="mine")
    with store.write_connection() as conn:
        conn.execute(
            "INSERT INTO revision SELECT 'aaaaaaaa-0000-4000-8000-000000000001', annotation_uuid, ?, author_uuid, "
            "hlc + 5, label_uuid, span_start, span_end, exact, prefix, suffix, fields, 'theirs', deleted, 1, 0 "
            "FROM revision WHERE uuid = ?",
            (f'["{base.uuid}"]', base.uuid),
        )
        from testimonia.core import heads

        heads.refresh_one(conn, ann.uuid)
    cur = store.annotation(ann.uuid)
    assert cur.conflict and cur.heads == 2
    assert [a.uuid for a, _ in store.conflicts()] == [ann.uuid]
    winner = store.heads(ann.uuid)[0]
    assert cur.revision_uuid == winner.uuid  # the winner is the greatest (hlc, uuid)
    before = store.heads(ann.uuid)
    resolved = store.resolve(ann.uuid, author(), take=before[1].uuid)
    assert not resolved.conflict and resolved.note == before[1].note
    resolution = store.heads(ann.uuid)
    assert len(resolution) == 1 and set(resolution[0].parents) == {h.uuid for h in before}


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [(-1, 5, "outside"), (5, 5, "less than"), (10, 3, "less than"), (0, 10**6, "outside")],
)
def test_bad_offsets_are_refused_and_nothing_is_written(store: Store, start: int, end: int, message: str) -> None:
    doc = store.import_text("Article", ARTICLE, author())
    before = _dump(store.path)
    with pytest.raises(InvalidInput, match=message):
        store.add_annotation(doc.uuid, "statement", start, end, author())
    assert _dump(store.path) == before


def test_unknown_kind_field_document_and_annotation_are_clear_errors(store: Store) -> None:
    doc = store.import_text("Article", ARTICLE, author())
    with pytest.raises(InvalidInput, match="unknown kind"):
        store.add_annotation(doc.uuid, "rumour", 0, 5, author())
    with pytest.raises(InvalidInput, match="unknown field 'speeker'"):
        store.add_annotation(doc.uuid, "statement", 0, 5, author(), fields={"speeker": "x"})
    with pytest.raises(InvalidInput, match="expected a number"):
        store.add_annotation(doc.uuid, "figure", 0, 5, author(), fields={"value": "sixty"})
    with pytest.raises(NotFound, match="no document"):
        store.add_annotation("0c0c0c0c-0000-4000-8000-000000000000", "statement", 0, 5, author())
    with pytest.raises(NotFound, match="no annotation"):
        store.edit_annotation("0c0c0c0c-0000-4000-8000-000000000000", author(), note="x")


def test_same_text_twice_is_already_imported(store: Store) -> None:
    first = store.import_text("Article", ARTICLE, author())
    with pytest.raises(AlreadyImported, match=first.uuid):
        store.import_text("Copy", ARTICLE.replace("\n", "\r\n"), author())  # same text once normalised


def test_list_filters_and_counts(store: Store) -> None:
    doc = store.import_text("Article", ARTICLE, author())
    store.add_annotation(doc.uuid, "figure", *span(ARTICLE, "between 500 and 600"), author("A"))
    store.add_annotation(doc.uuid, "statement", *span(ARTICLE, "the minister said"), author("B"))
    assert [a.kind for a in store.annotations(kind="figure")] == ["figure"]
    assert [a.author for a in store.annotations(author="B")] == ["B"]
    assert [a.exact for a in store.annotations(text="500 AND")] == ["between 500 and 600"]
    assert store.document(doc.uuid).counts == {"figure": 1, "statement": 1}
    assert store.stats() == {"documents": 1, "annotations": 2, "conflicts": 0}


def test_custom_label_and_free_fields(store: Store) -> None:
    lab = store.add_label("Victim testimony", "#aa33cc", author(), shortcut="V")
    doc = store.import_text("Article", ARTICLE, author())
    ann = store.add_annotation(doc.uuid, "victim testimony", 0, 5, author(), fields={"age": "34"})
    assert ann.label_uuid == lab.uuid and ann.kind == "custom" and ann.fields == {"age": "34"}
    with pytest.raises(InvalidInput, match="already exists"):
        store.add_label("VICTIM testimony", "#000000", author())
    with pytest.raises(InvalidInput, match="cannot be removed"):
        store.update_label(labels.FIGURE, author(), deleted=True)


def test_project_wide_search_finds_hangul_inside_words(store: Store) -> None:
    doc = store.import_text("Article", ARTICLE, author())
    page = store.search("강제북송")
    assert [r.uuid for r in page.results] == [doc.uuid] and page.indexed and page.total == 1
    (hit,) = page.results[0].hits
    assert (hit.match, ARTICLE[hit.start:hit.end]) == ("강제북송", "강제북송") and hit.after.startswith("을")
    assert store.search("no such phrase anywhere").results == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_valid_span_round_trips_exactly(tmp_path: Path, data: st.DataObject) -> None:
    text = data.draw(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80))
    store = Store.create(tmp_path / f"{uuid.uuid4()}.testimonia", "p", author())
    try:
        doc = store.import_text("t", text + "\u00a0x", author())
        stored = store.document_text(doc.uuid)
        start = data.draw(st.integers(0, len(stored) - 1))
        end = data.draw(st.integers(start + 1, len(stored)))
        ann = store.add_annotation(doc.uuid, "statement", start, end, author())
        assert (ann.start, ann.end, ann.exact) == (start, end, stored[start:end])
        assert store.annotation(ann.uuid).exact == stored[start:end]
    finally:
        store.close()


def _dump(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return [tuple(r) for t in ("document", "annotation", "revision", "author", "label", "meta")
                for r in conn.execute(f"SELECT * FROM {t} ORDER BY 1")]
    finally:
        conn.close()


def test_nul_in_pasted_text_is_replaced_so_sql_offsets_hold(store: Store) -> None:
    doc = store.import_text("t", "a\x00b c", author())
    assert store.document_text(doc.uuid) == "a\ufffdb c"
    assert store.add_annotation(doc.uuid, "statement", 2, 5, author()).exact == "b c"


def test_label_names_and_keys_stay_distinct_through_edits_and_restores(store: Store) -> None:
    witness = store.add_label("Witness", "#112233", author(), shortcut="W")
    with pytest.raises(InvalidInput, match="key '1' already marks"):
        store.add_label("Victim", "#112233", author(), shortcut="1")
    store.update_label(witness.uuid, author(), deleted=True)
    other = store.add_label("Watchers", "#445566", author(), shortcut="w")
    with pytest.raises(InvalidInput, match="key 'W' already marks “Watchers”"):
        store.update_label(witness.uuid, author(), deleted=False)  # undoing the removal would clash
    with pytest.raises(InvalidInput, match="named “statement” already exists"):
        store.update_label(other.uuid, author(), name="statement")
    assert store.update_label(other.uuid, author(), shortcut="").shortcut == ""
    assert not store.update_label(witness.uuid, author(), deleted=False).deleted


def test_search_counts_every_hit_and_shows_each_whole_in_context(store: Store) -> None:
    text = ("Forced returns began in March. " + "Witnesses described forced RETURNS at the border crossing. " * 60
            + "탈북민 강제북송을 멈춰라. 북송 반대.\n")
    doc = store.import_text("Border report", text, author())
    other = store.import_text("Forced returns: a timeline", "Nothing here matches the term.\n", author())
    page = store.search("forced returns")
    assert page.indexed and page.total == 2 and not page.more
    by_uuid = {r.uuid: r for r in page.results}
    assert by_uuid[doc.uuid].count == 61 and by_uuid[other.uuid].count == 0  # the second matches by title
    shown = by_uuid[doc.uuid].hits
    assert len(shown) == 50 and [h.start for h in shown] == sorted(h.start for h in shown)
    for hit in shown:
        assert text[hit.start:hit.end].casefold() == "forced returns" == hit.match.casefold()
        assert "\n" not in hit.before + hit.after and len(hit.before) <= 42 and len(hit.after) <= 42
    assert shown[0].before == "" and shown[1].before.startswith("…")
    # One- and two-character terms (many Korean words) cannot use the trigram index: scanned, and said so.
    short = store.search("북송")
    assert not short.indexed and short.total is None
    assert [(r.uuid, r.count) for r in short.results] == [(doc.uuid, 2)]
    assert [h.after[:1] for h in short.results[0].hits] == ["을", " "]


def test_search_results_come_a_page_at_a_time(store: Store) -> None:
    for i in range(7):
        store.import_text(f"Report {i}", f"Report number {i} on the detention centre.\n", author())
    first = store.search("detention", limit=3)
    assert len(first.results) == 3 and first.more and first.total == 7
    rest = store.search("detention", offset=3, limit=10)
    assert len(rest.results) == 4 and not rest.more
    assert {r.uuid for r in first.results}.isdisjoint(r.uuid for r in rest.results)
    assert len(store.search("de", limit=5).results) == 5 and store.search("de", limit=5).more


def test_many_matches_are_counted_up_to_a_limit_and_listed_unranked(store: Store,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from testimonia.core import search as core_search

    for i in range(6):
        store.import_text(f"Report {i}", f"Report {i}: the detention centre at Tumen.\n", author())
    monkeypatch.setattr(core_search, "RANK_LIMIT", 4)
    page = store.search("detention centre", limit=3)
    assert page.total == 4 and page.total_is_minimum and page.more and len(page.results) == 3
    rest = store.search("detention centre", offset=3, limit=3)
    assert len(rest.results) == 3 and not rest.more
    assert len({r.uuid for r in page.results + rest.results}) == 6
    monkeypatch.setattr(core_search, "RANK_LIMIT", 10)
    assert store.search("detention centre").total == 6 and not store.search("detention centre").total_is_minimum
