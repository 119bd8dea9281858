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
