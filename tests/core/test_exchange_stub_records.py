"""A changes-only file carries documents the receiver may not hold as stubs (no text): what else
it holds on such a document (memos, source details) must not arrive without the document."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from testimonia.core import merge
from testimonia.core.errors import MergeRefused
from testimonia.core.merge import exchange
from testimonia.core.sendcopy import send_copy

from .merge_helpers import snapshot
from .store_helpers import ARTICLE, author, new_store

ALICE, CAROL = author("Alice"), author("Carol")


def _dangling(path: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT 'memo', target_uuid FROM memo_revision WHERE target_kind = 'document' AND target_uuid NOT IN "
            "(SELECT uuid FROM document UNION ALL SELECT alias_uuid FROM document_alias) "
            "UNION ALL SELECT 'source', document_uuid FROM document_source WHERE document_uuid NOT IN "
            "(SELECT uuid FROM document UNION ALL SELECT alias_uuid FROM document_alias)").fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("written", ["memo", "source", "both"])
def test_records_on_a_document_the_receiver_lacks_ask_for_a_full_copy(tmp_path: Path, written: str) -> None:
    a = new_store(tmp_path, "alice", "Team", "Alice")
    doc = a.import_text("Shenyang report", ARTICLE * 30, ALICE).uuid
    if written in ("memo", "both"):
        a.evidence.set_memo("document", doc, "Two outlets disagree on the count.", ALICE)
    if written in ("source", "both"):
        a.evidence.set_source(doc, ALICE, outlet="Daily NK", reliability="B")
    exchange.record_exchange(a, "Carol", *exchange.watermarks(a), "full.testimonia")  # a copy Carol never merged
    a.import_text("Second report", "Another report of returns.\n" * 40, ALICE)
    changes = tmp_path / "changes.testimonia"
    exchange.write_changes(a, changes, since=exchange.LAST, to="Carol")  # the first document goes as a stub
    a.close()
    c = new_store(tmp_path, "carol", "Carol's", "Carol")
    before = snapshot(c.path)
    with pytest.raises(MergeRefused) as caught:
        merge.merge(c, changes, CAROL)
    c.close()
    text = str(caught.value)
    assert "the document Shenyang report, missing here" in text and "for a full copy" in text, text
    assert snapshot(tmp_path / "carol.testimonia") == before
    assert _dangling(tmp_path / "carol.testimonia") == []


def test_a_stub_we_hold_brings_its_memo_and_source(tmp_path: Path) -> None:
    """The usual case: the receiver holds the document; what is written on it arrives on it."""
    a = new_store(tmp_path, "alice", "Team", "Alice")
    doc = a.import_text("Shenyang report", ARTICLE * 30, ALICE).uuid
    full = send_copy(a, tmp_path / "full.testimonia")
    exchange.record_exchange(a, "Carol", *exchange.watermarks(a), full.name)
    c = new_store(tmp_path, "carol", "Carol's", "Carol")
    merge.merge(c, full, CAROL)
    a.evidence.set_memo("document", doc, "Two outlets disagree on the count.", ALICE)
    a.evidence.set_source(doc, ALICE, outlet="Daily NK", reliability="B")
    changes = tmp_path / "changes.testimonia"
    exchange.write_changes(a, changes, since=exchange.LAST, to="Carol")
    a.close()
    merge.merge(c, changes, CAROL)
    assert c.evidence.memo("document", doc).text == "Two outlets disagree on the count."
    assert c.evidence.source(doc).outlet == "Daily NK"
    c.close()
    assert _dangling(tmp_path / "carol.testimonia") == []
