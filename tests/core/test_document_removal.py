"""Removing a document: hidden from lists, counts, search and exports, kept for undo, restore and merges."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import pytest

from testimonia.core import merge
from testimonia.core.errors import AlreadyImported
from testimonia.core.interop import export
from testimonia.core.store import Store

from .merge_helpers import state
from .store_helpers import ARTICLE, author, new_store, span

ALICE, BOB = author("Alice"), author("Bob")
OTHER = "A second report: the envoy said about 200 people were returned in April.\n"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def store(tmp_path: Path):
    s = new_store(tmp_path, "alice", "Evidence", "Alice")
    yield s
    s.close()


def _two_documents(s: Store) -> tuple[str, str, str]:
    doc = s.import_text("Report", ARTICLE, ALICE)
    other = s.import_text("Other", OTHER, ALICE)
    ann = s.add_annotation(doc.uuid, "statement", *span(ARTICLE, "the minister said"), ALICE)
    s.add_annotation(other.uuid, "figure", *span(OTHER, "about 200 people"), ALICE)
    return doc.uuid, other.uuid, ann.uuid


def test_a_removed_document_leaves_every_list_and_comes_back_with_its_annotations(store: Store) -> None:
    doc, other, ann = _two_documents(store)
    removed = store.remove_document(doc, ALICE)
    assert removed.removed and removed.uuid == doc
    assert [d.uuid for d in store.documents()] == [other]
    assert [d.uuid for d in store.documents(removed=True)] == [doc]
    assert store.stats() == {"documents": 1, "annotations": 1, "conflicts": 0}
    assert ann not in {a.uuid for a in store.annotations(include_deleted=True)}
    assert store.search("minister").results == [] and store.search("장").results == []
    # Still there for whoever asks for it by name, and untouched.
    assert store.annotation(ann).exact == "the minister said"
    assert [a.uuid for a in store.annotations(document=doc)] == [ann]
    assert store.document_text(doc) == ARTICLE
    restored = store.restore_document(doc, ALICE)
    assert not restored.removed and {d.uuid for d in store.documents()} == {doc, other}
    assert store.stats()["annotations"] == 2 and store.search("minister").results[0].uuid == doc


def test_the_json_of_a_document_only_mentions_removal_when_removed(store: Store) -> None:
    doc, _other, _ann = _two_documents(store)
    assert "removed" not in store.document(doc).to_json()  # `docs --json` keeps its shape
    assert store.remove_document(doc, ALICE).to_json()["removed"] is True


def test_exports_leave_a_removed_document_out(store: Store, tmp_path: Path) -> None:
    doc, other, _ann = _two_documents(store)
    store.remove_document(doc, ALICE)
    out = tmp_path / "annotations.jsonld"
    export(store, "w3c", out)
    items = json.loads(out.read_text(encoding="utf-8"))["first"]["items"]
    sources = {item["target"]["source"]["id"] for item in items}
    assert sources and all(other in s for s in sources) and not any(doc in s for s in sources)


def test_importing_a_removed_document_again_restores_it(store: Store, tmp_path: Path) -> None:
    doc, _other, ann = _two_documents(store)
    store.remove_document(doc, ALICE)
    again = store.import_text("Report", ARTICLE, BOB)
    assert again.uuid == doc and not again.removed
    assert store.annotation(ann).document_uuid == doc and ann in {a.uuid for a in store.annotations()}
    path = tmp_path / "report.txt"
    path.write_text(OTHER, encoding="utf-8")
    with pytest.raises(AlreadyImported):  # a document that is not removed is still refused
        store.import_file(path, ALICE)


def test_removal_travels_last_writer_wins_and_a_concurrent_annotation_is_kept(tmp_path: Path) -> None:
    a = new_store(tmp_path, "alice", "Alice's", "Alice")
    b = new_store(tmp_path, "bob", "Bob's", "Bob")
    try:
        doc, _other, _ann = _two_documents(a)
        merge.merge(b, a.path, BOB)
        a.remove_document(doc, ALICE)
        late = b.add_annotation(doc, "figure", *span(ARTICLE, "About 60 North Koreans"), BOB)  # concurrently
        merge.merge(a, b.path, ALICE)
        merge.merge(b, a.path, BOB)
        for s in (a, b):
            assert [d.uuid for d in s.documents(removed=True)] == [doc]
            assert s.annotation(late.uuid).exact == "About 60 North Koreans"  # hidden, not lost
        assert state(a) == state(b)
        # Renaming a removed document keeps it removed, everywhere.
        b.set_document_title(doc, "Report (renamed)", BOB)
        merge.merge(a, b.path, ALICE)
        assert [d.title for d in a.documents(removed=True)] == ["Report (renamed)"]
        # A rename by someone who had not seen the removal is the later write: the document comes back.
        a.restore_document(doc, ALICE)
        merge.merge(b, a.path, BOB)
        b.remove_document(doc, BOB)
        time.sleep(0.005)  # later by the clock, not only within one millisecond (where counters decide)
        a.set_document_title(doc, "Report (checked)", ALICE)
        merge.merge(a, b.path, ALICE)
        merge.merge(b, a.path, BOB)
        for s in (a, b):
            assert [d.title for d in s.documents() if d.uuid == doc] == ["Report (checked)"]
        assert state(a) == state(b)
    finally:
        a.close()
        b.close()


def test_a_version_2_file_is_upgraded_with_nothing_removed(tmp_path: Path) -> None:
    path = tmp_path / "v2.testimonia"
    conn = sqlite3.connect(path)
    conn.executescript((FIXTURES / "schema_v2.sql").read_text())
    conn.executescript(
        """
        INSERT INTO project VALUES ('11111111-1111-4111-8111-111111111111', 'Version 2', 1, 1);
        INSERT INTO author VALUES ('22222222-2222-4222-8222-222222222222', 'Ha-eun', 1);
        INSERT INTO document VALUES ('33333333-3333-4333-8333-333333333333', 'Old article', 'txt', 'a.txt',
            'x', 'y', 'The envoy said “never”.', NULL, '{}', 1, '22222222-2222-4222-8222-222222222222', 1);
        INSERT INTO document_fts(uuid, title, text) VALUES ('33333333-3333-4333-8333-333333333333',
            'Old article', 'The envoy said “never”.');
        """
    )
    conn.close()
    store = Store.open(path)
    try:
        assert store.upgraded_from == 2 and store.backup is not None and store.backup.exists()
        assert [(d.title, d.removed) for d in store.documents()] == [("Old article", False)]
        assert store.remove_document("33333333-3333-4333-8333-333333333333", ALICE).removed
    finally:
        store.close()
    fresh = new_store(tmp_path, "fresh")
    fresh.close()
    columns = {}
    for p in (path, fresh.path):
        c = sqlite3.connect(p)
        columns[p] = [r[1:4] + r[5:] for r in c.execute("PRAGMA table_xinfo(document)")]
        c.close()
    assert columns[path] == columns[fresh.path]


def test_a_w3c_import_onto_a_removed_document_is_skipped_with_a_reason(store: Store, tmp_path: Path) -> None:
    from testimonia.core.interop import import_w3c

    doc, _other, _ann = _two_documents(store)
    out = tmp_path / "annotations.jsonld"
    export(store, "w3c", out)
    store.remove_document(doc, ALICE)
    before = len(store.annotations(document=doc, include_deleted=True))
    report = import_w3c(store, out, ALICE)
    assert any("removed from this project" in str(s) for s in report.skipped)
    assert len(store.annotations(document=doc, include_deleted=True)) == before
