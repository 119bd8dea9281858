"""Long reads (core/snapshot.py): pages of documents list what one ORDER BY over the whole join
lists, every document in scope is met, and the read is one snapshot however long it takes."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from testimonia.core import snapshot
from testimonia.core.interop.selection import kind_name
from testimonia.core.store import Store

from .store_helpers import ARTICLE, author, new_store, span

# What the list held before it was read in pages: one query over the whole join, in the order the
# CLI contract gives (docs/CLI.md, list).
REFERENCE = """
SELECT a.uuid FROM annotation AS a
JOIN revision AS r ON r.uuid = a.head_uuid
JOIN document AS d ON d.uuid = a.document_uuid
LEFT JOIN label AS l ON l.uuid = r.label_uuid
LEFT JOIN author AS ca ON ca.uuid = a.creator_uuid
LEFT JOIN author AS ra ON ra.uuid = r.author_uuid
"""
REFERENCE_ORDER = " ORDER BY d.title COLLATE NOCASE, a.document_uuid, r.span_start, r.span_end, a.uuid"


@pytest.fixture(autouse=True)
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    # Pages of two documents and fetches of three rows: every boundary is crossed many times.
    monkeypatch.setattr(snapshot, "PAGE_DOCUMENTS", 2)
    monkeypatch.setattr(snapshot, "FETCH_ROWS", 3)


def _project(tmp_path: Path) -> tuple[Store, list[str]]:
    """Seven documents whose titles sort differently with and without case, some without
    annotations, one removed, with deleted, conflicting-free and custom-labelled annotations."""
    store = new_store(tmp_path)
    titles = ["beta report", "Alpha", "alpha", "Gamma (empty)", "delta", "강제북송 기록", "Epsilon (removed)"]
    docs = [store.import_text(t, ARTICLE + f"\nCopy {i}.\n", author()).uuid for i, t in enumerate(titles)]
    place = store.add_label("Place", "#336699", author())
    needles = [("About 60 North Koreans", "figure"), ("the minister said", "statement"),
               ("1951 Refugee Convention", "obligation"), ("Shenyang", place.uuid), ("About 60", "figure")]
    for i, doc in enumerate(docs):
        if "empty" in titles[i]:
            continue
        for j, (needle, kind) in enumerate(needles[: 2 + i % 4]):
            ann = store.add_annotation(doc, kind, *span(ARTICLE, needle), author("Joon" if j % 2 else "Min-ji"),
                                       fields={"value": 60} if kind == "figure" else {}, note=f"n{i}{j}")
            if j == 1 and i % 3 == 0:
                store.delete_annotation(ann.uuid, author())
    store.remove_document(docs[-1], author())
    return store, docs


def _reference(store: Store, where: str = "NOT d.removed AND (NOT r.deleted OR a.heads > 1)",
               params: tuple[object, ...] = ()) -> list[str]:
    with store._read() as conn:
        rows = conn.execute(REFERENCE + " WHERE " + where + REFERENCE_ORDER, params).fetchall()
    return [r[0] for r in rows]


def test_pages_list_what_one_ordered_query_lists(tmp_path: Path) -> None:
    store, docs = _project(tmp_path)
    listed = store.annotations()
    assert [a.uuid for a in listed] == _reference(store)
    assert len(listed) > 10
    assert [a.uuid for a in store.annotations(include_deleted=True)] == _reference(store, "NOT d.removed")
    assert [a.uuid for a in store.annotations(kind="figure")] == _reference(
        store, "NOT d.removed AND l.kind = 'figure' AND (NOT r.deleted OR a.heads > 1)")
    joon = author("Joon")
    assert [a.uuid for a in store.annotations(author="Joon")] == _reference(
        store, "NOT d.removed AND (r.author_uuid = ? OR ca.name = 'Joon' OR ra.name = 'Joon') "
        "AND (NOT r.deleted OR a.heads > 1)", (joon.uuid,))
    # One document, even a removed one, by UUID.
    assert [a.uuid for a in store.annotations(document=docs[-1])] == _reference(
        store, "a.document_uuid = ? AND (NOT r.deleted OR a.heads > 1)", (docs[-1],))
    # The views are whole: the same as a single lookup gives.
    assert listed == [store.annotation(a.uuid) for a in listed]


def test_every_document_in_scope_is_met_in_list_order_with_its_annotations(tmp_path: Path) -> None:
    store, docs = _project(tmp_path)
    listed = store.annotations()
    with store.snapshot() as snap:
        flt = store.annotation_filter()
        grouped = [(d, list(anns)) for d, anns in snap.by_document(flt)]
        assert [d.uuid for d in snap.documents(flt)] == [d.uuid for d in store.documents()]
    assert [d.uuid for d, _ in grouped] == [d.uuid for d in store.documents()]
    assert [a for _, anns in grouped for a in anns] == listed
    empty = next(d for d, anns in grouped if d.title == "Gamma (empty)")
    assert empty.uuid in docs and dict(grouped)[empty] == []
    assert all(a.document_uuid == d.uuid for d, anns in grouped for a in anns)


def test_counts_field_names_and_kinds_are_those_of_the_listed_annotations(tmp_path: Path) -> None:
    store, _ = _project(tmp_path)
    listed = store.annotations()
    with store._write() as (_s, conn):  # one orphan: left out where offsets are needed
        conn.execute("UPDATE revision SET orphaned = 1 WHERE uuid = ?", (listed[0].revision_uuid,))
    with store.snapshot() as snap:
        flt = store.annotation_filter()
        counts = snap.count(flt)
        assert (counts.annotations, counts.documents, counts.orphans_left_out) == (
            len(listed), len({a.document_uuid for a in listed}), 0)
        assert snap.field_keys(flt) == {k for a in listed for k in a.fields} == {"value"}
        assert snap.kind_counts(flt) == Counter(kind_name(a) for a in listed)
        anchored = store.annotation_filter(anchored_only=True)
        counts = snap.count(anchored)
        assert (counts.annotations, counts.orphans_left_out) == (len(listed) - 1, 1)
        assert [a.uuid for a in snap.annotations(anchored)] == [a.uuid for a in listed[1:]]


def test_a_long_read_sees_the_project_as_it_was_when_it_began(tmp_path: Path) -> None:
    store, docs = _project(tmp_path)
    before = store.annotations()
    with store.snapshot() as snap:
        flt = store.annotation_filter()
        stream = snap.annotations(flt)
        first = [next(stream) for _ in range(3)]
        # Meanwhile the app goes on: a new annotation, a deletion, a removed document.
        store.add_annotation(docs[1], "figure", *span(ARTICLE, "500 and 600"), author())
        store.delete_annotation(before[5].uuid, author())
        store.remove_document(docs[0], author())
        rest = list(stream)
        assert snap.count(flt).annotations == len(before)
    assert first + rest == before
    assert store.annotations() != before  # the writes did land


def test_annotations_without_author_rows_are_named_by_their_uuid(tmp_path: Path) -> None:
    store, _ = _project(tmp_path)
    ghost = author("Ghost")
    with store.snapshot() as snap:
        assert not snap.count(store.annotation_filter()).unknown_authors
    with store._write() as (_s, conn):
        conn.execute("UPDATE annotation SET creator_uuid = ? WHERE uuid = ?", (ghost.uuid, store.annotations()[0].uuid))
    with store.snapshot() as snap:
        assert snap.count(store.annotation_filter()).unknown_authors
        assert snap.unknown_authors(store.annotation_filter(include_deleted=True)) == [ghost.uuid]
