"""Near-identical texts (core/similar.py): the same article from another file type is recognised
at import, cheaply, also for texts that arrived by merge or in an older file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from testimonia.core import similar
from testimonia.core.merge import merge
from testimonia.core.schema import SCHEMA_VERSION
from testimonia.core.store import Store

from .store_helpers import author, new_store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

ARTICLE = """Forced returns resume at the Tumen crossing

Yanji — Chinese border police returned about 60 North Koreans across the Tumen river on Tuesday night,
according to two relatives and a church worker who helped some of them hide.

“They were taken from the house before dawn, and nobody told us where they were going,” said one woman,
whose sister was among those held. Between 500 and 600 people have been sent back since October, a
monitoring group in Seoul said.

China is a party to the 1951 Refugee Convention and the Convention against Torture. Rights groups say
the returns breach its non-refoulement obligations, since returnees face interrogation and labour camps.

탈북민 가족들은 강제북송을 멈춰 달라고 호소했다.
"""
# The same article as a web page gives it: other line breaks, straight quotes, a byline and a footer.
AS_WEB_PAGE = ("By a staff reporter | 14 March\n" + " ".join(ARTICLE.replace("“", '"').replace("”", '"').split())
               + "\nShare this story. Related: Border crossings. © 2024 The Daily Observer\n")
OTHER = """Families appeal to the United Nations

Relatives of North Koreans detained in China asked the Special Rapporteur on Tuesday to press Beijing
to stop the returns. They handed over a list of 212 names, most of them women detained in Jilin.
"""


def _import(store: Store, title: str, text: str, name: str) -> str:
    return store.import_text(title, text, author(), source_name=name).uuid


def test_the_same_article_from_another_file_is_found(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    txt = _import(store, "Forced returns resume", ARTICLE, "tumen.txt")
    other = _import(store, "Families appeal", OTHER, "appeal.txt")
    web = _import(store, "Forced returns resume", AS_WEB_PAGE, "tumen.html")
    (dup,) = store.near_duplicates(web)
    assert dup.uuid == txt and dup.title == "Forced returns resume" and dup.contained >= 0.9
    assert [d.uuid for d in store.near_duplicates(txt)] == [web]
    assert store.near_duplicates(other) == []
    # Whitespace and punctuation alone never make texts differ.
    assert similar.shingles(ARTICLE) == similar.shingles(ARTICLE.replace("\n", " ").replace(",", " ;"))


def test_removed_documents_are_not_reported(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    txt = _import(store, "Forced returns resume", ARTICLE, "tumen.txt")
    store.remove_document(txt, author())
    assert store.near_duplicates(_import(store, "Web", AS_WEB_PAGE, "tumen.html")) == []


def test_only_documents_sharing_the_sketch_are_compared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = new_store(tmp_path)
    for i in range(150):
        _import(store, f"Report {i}", f"Report {i}: detention figures for district {i * 7}, "
                                      f"week {i}, compiled by observer team {i % 9} on day {i * 3}.\n", f"r{i}.txt")
    _import(store, "Forced returns resume", ARTICLE, "tumen.txt")
    web = _import(store, "Web", AS_WEB_PAGE, "tumen.html")
    texts_cut = []
    real = similar.shingles
    monkeypatch.setattr(similar, "shingles", lambda text: texts_cut.append(text) or real(text))
    assert len(store.near_duplicates(web)) == 1
    assert len(texts_cut) == 2  # its own text and the one candidate, not 151 texts


def test_texts_that_arrive_without_a_sketch_get_one(tmp_path: Path) -> None:
    """A file made before sketches has no sketch table; a document a merge brings has no sketch.
    Both are found, and the older file keeps its format (the table is an optional local one)."""
    old = tmp_path / "v3.testimonia"
    conn = sqlite3.connect(old)
    conn.executescript((FIXTURES / "schema_v3.sql").read_text())
    conn.close()
    with Store.create(tmp_path / "made.testimonia", "x", author()) as made:  # rows in v3's layout
        _import(made, "Forced returns resume", ARTICLE, "tumen.txt")
        with made._read() as src:
            rows = {t: src.execute(f"SELECT * FROM {t}").fetchall() for t in ("project", "author", "label")}
            doc = src.execute("SELECT uuid, title, kind, source_name, source_sha256, text_sha256, text, page_starts, "
                              "metadata_json, created_hlc, imported_by, hlc, removed FROM document").fetchone()
    conn = sqlite3.connect(old)
    for table, values in rows.items():
        conn.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(values[0]))})", values)
    conn.execute("INSERT INTO document VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", doc)
    conn.execute("INSERT INTO document_fts(uuid, title, text) VALUES (?, ?, ?)", (doc[0], doc[1], doc[6]))
    conn.commit()
    conn.close()
    with Store.open(old) as store:
        assert store.upgraded_from == 3  # version 4 added indexes only; the rows are v3's
        web = _import(store, "Web", AS_WEB_PAGE, "tumen.html")
        assert [d.uuid for d in store.near_duplicates(web)] == [doc[0]]
    conn = sqlite3.connect(old)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION  # the upgrades, not the sketch table
    assert conn.execute("SELECT count(*) FROM document_sketch WHERE hash < 0").fetchone()[0] == 2
    conn.close()

    mine, theirs = new_store(tmp_path, "mine"), new_store(tmp_path, "theirs")
    _import(theirs, "Forced returns resume", ARTICLE, "tumen.txt")
    theirs.close()
    merge(mine, theirs.path, author())
    web = _import(mine, "Web", AS_WEB_PAGE, "tumen.html")
    assert [d.title for d in mine.near_duplicates(web)] == ["Forced returns resume"]
