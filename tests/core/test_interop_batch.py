"""Store.add_batch, the one-transaction write behind every import."""

from __future__ import annotations

from pathlib import Path

import pytest

from testimonia.core import check, labels
from testimonia.core.errors import InvalidInput
from testimonia.core.importers import Extracted
from testimonia.core.store import NewAnnotation, NewDocument, NewLabel
from testimonia.core.textnorm import sha256_hex

from .store_helpers import ARTICLE, author, new_store, span

DOC = "0f0f0f0f-1111-4222-8333-444455556666"
LABEL = "1e1e1e1e-1111-4222-8333-444455556666"


def _doc(text: str = ARTICLE) -> Extracted:
    return Extracted(text=text, title="Batch article", kind="txt", source_name="batch.txt",
                     source_sha256=sha256_hex(b"batch" + text.encode()), text_sha256=sha256_hex(text),
                     page_starts=None)


def test_batch_writes_documents_labels_and_credited_annotations(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    start, end = span(ARTICLE, "About 60 North Koreans")
    docs, anns = store.add_batch(
        author(), documents=[NewDocument(_doc(), DOC)], labels_=[NewLabel(LABEL, "Place", "#123456")],
        annotations=[
            NewAnnotation(DOC, labels.FIGURE, start, end, author("Coder"), {"value": "60"}, "n", created_ms=1_000_000),
            NewAnnotation(DOC, LABEL, *span(ARTICLE, "Shenyang"), author("Coder"), {"n": 2}),
        ])
    assert docs == [DOC] and len(anns) == 2
    fig = store.annotation(anns[0])
    assert (fig.exact, fig.fields, fig.creator, fig.created) == ("About 60 North Koreans", {"value": 60}, "Coder",
                                                                 "1970-01-01T00:16:40Z")
    assert fig.modified_hlc > fig.created_hlc
    assert store.annotation(anns[1]).label == "Place"
    with store._read() as conn:
        assert check.problems(conn) == []


def test_a_bad_annotation_leaves_nothing_of_the_batch(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    before = (store.stats(), len(store.labels()))
    with pytest.raises(InvalidInput, match="outside the text"):
        store.add_batch(author(), documents=[NewDocument(_doc(), DOC)], labels_=[NewLabel(LABEL, "Place", "#123456")],
                        annotations=[NewAnnotation(DOC, LABEL, 0, 5, author()),
                                     NewAnnotation(DOC, LABEL, 10, 10_000_000, author())])
    assert (store.stats(), len(store.labels())) == before


def test_a_sender_clock_in_the_future_does_not_outrank_local_time(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    doc = store.import_text("A", ARTICLE, author())
    _d, (ann,) = store.add_batch(author(), annotations=[
        NewAnnotation(doc.uuid, labels.FIGURE, 0, 5, author(), created_ms=253402300799000)])
    a = store.annotation(ann)
    assert a.created_hlc <= a.modified_hlc


def test_a_taken_document_uuid_is_refused_not_swapped(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    store.add_batch(author(), documents=[NewDocument(_doc(), DOC)])
    with pytest.raises(InvalidInput, match="already in use"):
        store.add_batch(author(), documents=[NewDocument(_doc("Another text entirely.\n"), DOC)])
    assert store.stats()["documents"] == 1


def _revisions(store: object) -> int:
    with store._read() as conn:  # type: ignore[attr-defined]
        return conn.execute("SELECT count(*) FROM revision").fetchone()[0]


def test_a_batch_of_annotations_is_one_write_with_one_head_each(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    doc = store.import_text("A", ARTICLE, author())
    coders = [author(f"Coder {i}") for i in range(3)]
    _d, anns = store.add_batch(author(), annotations=[
        NewAnnotation(doc.uuid, labels.STATEMENT, i, i + 7, coders[i % 3], note=f"#{i}") for i in range(300)])
    assert len(set(anns)) == 300 and store.stats()["annotations"] == 300
    views = store.annotations()
    assert {v.creator for v in views} == {"Coder 0", "Coder 1", "Coder 2"}
    assert all(v.heads == 1 and v.exact == ARTICLE[v.start:v.end] for v in views)
    stamps = [r.hlc for a in anns[:50] for r in store.revisions(a)]
    assert len(set(stamps)) == 50  # every revision its own clock value, as single writes give them
    with store._read() as conn:
        assert check.problems(conn) == []


def test_many_annotations_are_deleted_and_brought_back_in_one_transaction(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    doc = store.import_text("A", ARTICLE, author())
    _d, anns = store.add_batch(author(), annotations=[
        NewAnnotation(doc.uuid, labels.FIGURE, *span(ARTICLE, "About 60"), author("Coder"), {"value": "60"}),
        NewAnnotation(doc.uuid, labels.STATEMENT, *span(ARTICLE, "We will not"), author("Coder"), note="quote")])
    kept = store.add_annotation(doc.uuid, labels.OBLIGATION, *span(ARTICLE, "1951 Refugee Convention"), author())
    before = {a.uuid: (a.label_uuid, a.start, a.end, a.fields, a.note) for a in store.annotations()}
    revisions = _revisions(store)
    assert sorted(store.set_deleted_many(anns, True, author("Undoer"))) == sorted(anns)
    assert [a.uuid for a in store.annotations()] == [kept.uuid]
    assert _revisions(store) == revisions + 2  # one tombstone each, nothing else touched
    assert store.set_deleted_many(anns, True, author()) == []  # already deleted: no new revisions
    store.set_deleted_many(anns, False, author("Undoer"))
    after = {a.uuid: (a.label_uuid, a.start, a.end, a.fields, a.note) for a in store.annotations()}
    assert after == before
    assert all(store.annotation(a).author == "Undoer" and store.annotation(a).heads == 1 for a in anns)
    with store._read() as conn:
        assert check.problems(conn) == []


def test_batch_deletion_follows_the_winning_head_of_a_later_edit(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    doc = store.import_text("A", ARTICLE, author())
    _d, (ann,) = store.add_batch(author(), annotations=[
        NewAnnotation(doc.uuid, labels.FIGURE, *span(ARTICLE, "About 60"), author("Coder"))])
    edited = store.edit_annotation(ann, author(), note="checked")
    store.set_deleted_many([ann], True, author())
    tomb = store.heads(ann)[0]
    assert tomb.deleted and tomb.parents == (edited.revision_uuid,) and tomb.note == "checked"
