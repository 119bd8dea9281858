"""The contentless search index of schema version 6 (core/fts.py): upgrades, title edits, removal
and merges keep search right. FTS5's integrity-check does not notice a wrong contentless delete,
so every test here checks by searching."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from testimonia.core import merge
from testimonia.core.schema import SCHEMA_VERSION
from testimonia.core.store import Store

from .merge_helpers import sha256, to_version_5
from .store_helpers import ARTICLE, author, new_store

KOREAN = "탈북민 강제북송을 중단하라는 요구가 이어졌다. 중국 공안은 국경에서 난민을 체포했다."
BORDER = "Guards at the Tumen river border detained a family of four before dawn; the family was returned."
QUERIES = ("the minister", "강제북송", "Tumen", "border", "family", "Shenyang", "공안은", "nothing like this",
           "Report", "Korean", "a family")


def _results(store: Store, query: str) -> list[tuple[str, str, int]]:
    page = store.search(query, limit=100)
    return sorted((r.uuid, r.title, r.count) for r in page.results)


def _all(store: Store) -> dict[str, list[tuple[str, str, int]]]:
    return {q: _results(store, q) for q in QUERIES}


def _project(tmp: Path, name: str = "p") -> Store:
    store = new_store(tmp, name)
    store.import_text("Shenyang report", ARTICLE, author())
    store.import_text("Korean statement", KOREAN, author())
    gone = store.import_text("Border family", BORDER, author())
    store.remove_document(gone.uuid, author())
    kept = store.import_text("Another report", ARTICLE.replace("Shenyang", "Dandong"), author())
    store.set_document_title(kept.uuid, "Dandong report", author())
    return store


def _uuid(store: Store, title: str) -> str:
    return next(d.uuid for d in [*store.documents(), *store.documents(removed=True)] if d.title == title)


def _v5(path: Path) -> None:
    conn = sqlite3.connect(path)
    to_version_5(conn)
    conn.commit()
    conn.close()


def test_a_version_5_file_is_upgraded_with_the_same_search_results(tmp_path: Path) -> None:
    with _project(tmp_path) as store:
        before = _all(store)
        path = store.path
    assert before["강제북송"] and before["Tumen"] == [] and before["Report"]
    _v5(path)
    with Store.open(path) as store:
        assert store.upgraded_from == 5 and store.backup is not None
        assert _all(store) == before
        with store._read() as conn:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            assert "document_fts_content" not in names and "document_fts_key" in names
            assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 6
        # The removed document is still indexed: restoring it needs no re-indexing.
        store.restore_document(_uuid(store, "Border family"), author())
        assert [r[1] for r in _results(store, "Tumen")] == ["Border family"]
    assert sqlite3.connect(store.backup).execute("PRAGMA user_version").fetchone()[0] == 5


def test_title_edits_and_removal_keep_search_right(tmp_path: Path) -> None:
    with new_store(tmp_path) as store:
        doc = store.import_text("Tumen crossing", BORDER, author()).uuid
        other = store.import_text("Shenyang report", ARTICLE, author()).uuid
        for title in ("Yalu crossing", "압록강 도하", "Yalu crossing"):
            store.set_document_title(doc, title, author())
        assert [r[0] for r in _results(store, "Yalu")] == [doc]
        assert _results(store, "압록강") == []
        # Tumen stays found through the text, its old title's count is the text's.
        assert [(r[0], r[2]) for r in _results(store, "Tumen")] == [(doc, 1)]
        assert _results(store, "crossing") == [(doc, "Yalu crossing", 0)]
        store.set_document_title(doc, "Yalu crossing", author())  # unchanged: nothing to re-index
        assert [r[0] for r in _results(store, "Yalu")] == [doc]
        store.remove_document(doc, author())
        assert _results(store, "Yalu") == [] and _results(store, "family") == []
        assert [r[0] for r in _results(store, "Shenyang")] == [other]
        store.restore_document(doc, author())
        assert [r[0] for r in _results(store, "Yalu")] == [doc]
        with store._read() as conn:  # one index row per document, whatever the edits
            assert conn.execute("SELECT count(*) FROM document_fts_key").fetchone()[0] == 2
            assert conn.execute("SELECT count(*) FROM document_fts_docsize").fetchone()[0] == 2


def test_merged_documents_and_titles_are_searchable(tmp_path: Path) -> None:
    a, b = new_store(tmp_path, "a", who="Alice"), new_store(tmp_path, "b", who="Bob")
    doc = b.import_text("Tumen crossing", BORDER, author("Bob")).uuid
    b.import_text("Korean statement", KOREAN, author("Bob"))
    merge.merge(a, b.path, author("Alice"))
    assert [r[0] for r in _results(a, "Tumen")] == [doc]
    assert [r[1] for r in _results(a, "공안은")] == ["Korean statement"]
    b.set_document_title(doc, "Yalu crossing", author("Bob"))
    merge.merge(a, b.path, author("Alice"))  # the newer title wins
    assert _results(a, "Yalu") == [(doc, "Yalu crossing", 0)]
    assert [(r[0], r[2]) for r in _results(a, "Tumen")] == [(doc, 1)]
    a.set_document_title(doc, "Tumen and Yalu", author("Alice"))
    merge.merge(b, a.path, author("Bob"))
    assert [r[1] for r in _results(b, "Tumen")] == ["Tumen and Yalu"] and _results(b, "crossing") == []
    b.remove_document(doc, author("Bob"))
    merge.merge(a, b.path, author("Alice"))
    assert _results(a, "Tumen") == []
    a.close()
    b.close()


def test_a_version_5_teammate_file_merges_into_a_version_6_project_and_back(tmp_path: Path) -> None:
    ours = new_store(tmp_path, "ours", who="Alice")
    ours.import_text("Shenyang report", ARTICLE, author("Alice"))
    with _project(tmp_path, "theirs") as theirs:
        expected = _all(theirs)
        path = theirs.path
    _v5(path)
    digest = sha256(path)
    merge.merge(ours, path, author("Alice"))
    assert sha256(path) == digest  # read through an upgraded copy
    assert [r[1] for r in _results(ours, "국경에서")] == ["Korean statement"]
    # Our article is theirs too (matched by its text): one document, indexed once.
    assert len(_results(ours, "강제북송")) == 3
    assert [r[1] for r in _results(ours, "Dandong")] == ["Dandong report"]
    assert _results(ours, "Tumen") == []  # removed in their file
    # Back: their older file opens upgraded, and takes ours in.
    ours.import_text("Border family, again", BORDER + " Again.", author("Alice"))
    ours.close()
    with Store.open(path) as theirs:
        assert theirs.upgraded_from == 5
        assert _all(theirs) == expected
        merge.merge(theirs, ours.path, author("Bob"))
        assert [r[1] for r in _results(theirs, "Again")] == ["Border family, again"]
        assert len(_results(theirs, "the minister")) == 2
