"""The project file on disk: the main file alone holds every commit moments after it (what a USB
stick receives), and a file from elsewhere is read without writing to it or beside it, whatever
lies beside it (a teammate's -wal, a hot -journal, a FIFO) and however it was cut short."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from testimonia.core import merge
from testimonia.core.errors import DamagedFileError, MergeRefused, NotAProjectError, ProjectFileError
from testimonia.core.store import Store
from tests.core.merge_helpers import snapshot
from tests.core.store_helpers import ARTICLE, author, new_store, span

ALICE, BOB = author("Alice"), author("Bob")


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def main_file_alone(path: Path, folder: Path) -> Path:
    folder.mkdir()
    shutil.copyfile(path, folder / path.name)
    return folder / path.name


def read_annotations(path: Path) -> list[str]:
    with Store.open(path, readonly=True) as store:
        return [a.exact for a in store.annotations()]


def test_the_main_file_holds_a_commit_without_a_close(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    doc = store.import_text("Report", ARTICLE, ALICE)
    store.add_annotation(doc.uuid, "figure", *span(ARTICLE, "About 60 North Koreans"), ALICE)
    assert store.wait_written()
    copy = main_file_alone(store.path, tmp_path / "stick")
    assert read_annotations(copy) == ["About 60 North Koreans"]
    store.close()


def test_a_reader_holding_an_old_snapshot_only_delays_the_main_file(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    doc = store.import_text("Report", ARTICLE, ALICE)
    assert store.wait_written()
    reader = sqlite3.connect(store.path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM revision").fetchone()  # a snapshot from before the edit
    store.add_annotation(doc.uuid, "figure", *span(ARTICLE, "About 60 North Koreans"), ALICE)
    assert not store.wait_written(timeout=0.3)  # the checkpoint may not pass the reader's snapshot
    reader.execute("ROLLBACK")
    assert store.wait_written()
    copy = main_file_alone(store.path, tmp_path / "stick")
    assert read_annotations(copy) == ["About 60 North Koreans"]
    reader.close()
    store.close()


def _sender_with_unwritten_wal(tmp_path: Path) -> tuple[Path, Path]:
    """A teammate's folder holding their project and a -wal with an annotation the main file lacks
    (copied while their app was open and before any checkpoint), but no -shm."""
    store = new_store(tmp_path, "bob", who="Bob")
    doc = store.import_text("Report", ARTICLE, BOB)
    store.close()  # the main file holds the document
    conn = sqlite3.connect(tmp_path / "bob.testimonia", isolation_level=None)
    conn.execute("PRAGMA wal_autocheckpoint=0")
    with Store.open(tmp_path / "bob.testimonia") as live:
        live._checkpointer.committed = lambda: None  # type: ignore[method-assign]  # an app of old
        live.add_annotation(doc.uuid, "figure", *span(ARTICLE, "About 60 North Koreans"), BOB)
        sent = tmp_path / "sent"
        sent.mkdir()
        shutil.copyfile(live.path, sent / "bob.testimonia")
        shutil.copyfile(live.path.with_name("bob.testimonia-wal"), sent / "bob.testimonia-wal")
        live._engine.dispose()  # type: ignore[union-attr]
    conn.close()
    return sent / "bob.testimonia", sent


def test_a_wal_beside_a_received_file_is_read_from_a_private_copy(tmp_path: Path) -> None:
    path, sent = _sender_with_unwritten_wal(tmp_path)
    before = {name: (sent / name).read_bytes() for name in files_in(sent)}
    with Store.open(path, readonly=True) as store:
        assert [a.exact for a in store.annotations()] == ["About 60 North Koreans"]
        assert any("bob.testimonia-wal" in n and "private copy" in n for n in store.notes)
    ours = new_store(tmp_path, "alice", who="Alice")
    report = merge.merge(ours, path, ALICE)
    assert report.annotations_new == 1 and any("private copy" in n for n in report.notes)
    assert {name: (sent / name).read_bytes() for name in files_in(sent)} == before  # nothing written, nothing new
    ours.close()


def test_a_received_file_with_nothing_beside_it_gets_nothing_beside_it(tmp_path: Path) -> None:
    store = new_store(tmp_path, "bob", who="Bob")
    store.import_text("Report", ARTICLE, BOB)
    store.close()
    received = main_file_alone(store.path, tmp_path / "inbox")
    before = received.read_bytes()
    ours = new_store(tmp_path, "alice", who="Alice")
    assert merge.preview(ours, received).documents_new == 1
    assert merge.merge(ours, received, ALICE).documents_new == 1
    with Store.open(received, readonly=True) as read:
        assert len(read.documents()) == 1 and read.notes == []
    assert files_in(received.parent) == ["bob.testimonia"] and received.read_bytes() == before
    ours.close()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
@pytest.mark.timeout(30)
def test_a_fifo_beside_a_received_file_is_refused_without_waiting(tmp_path: Path) -> None:
    store = new_store(tmp_path, "bob", who="Bob")
    store.close()
    received = main_file_alone(store.path, tmp_path / "inbox")
    os.mkfifo(received.with_name("bob.testimonia-wal"))
    with pytest.raises(NotAProjectError, match=r"bob\.testimonia-wal beside it is not a regular file"):
        Store.open(received, readonly=True)
    ours = new_store(tmp_path, "alice", who="Alice")
    with pytest.raises(MergeRefused, match=r"bob\.testimonia-wal beside it is not a regular file"):
        merge.merge(ours, received, ALICE)
    assert files_in(received.parent) == ["bob.testimonia", "bob.testimonia-wal"]
    ours.close()


_HALF_WRITTEN = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA cache_size=1")  # spill the change into the main file before the commit
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE document SET title = 'half-written'")
conn.execute("INSERT INTO meta(key, value) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
             "WHERE i < 50) SELECT 'pad' || i, zeroblob(20000) FROM n")
os._exit(9)  # killed before COMMIT: a hot journal stays beside the file
"""


def test_a_hot_journal_beside_a_received_file_is_rolled_back_in_a_private_copy(tmp_path: Path) -> None:
    store = new_store(tmp_path, "bob", who="Bob")
    store.import_text("Report", ARTICLE, BOB)
    store.close()
    sent = tmp_path / "sent"
    sent.mkdir()
    path = sent / "bob.testimonia"
    conn = sqlite3.connect(store.path)
    conn.execute(f"VACUUM INTO '{path}'")  # a copy in rollback-journal mode, as `copy` writes
    conn.close()
    code = subprocess.run([sys.executable, "-c", _HALF_WRITTEN, str(path)]).returncode
    assert code == 9 and (sent / "bob.testimonia-journal").stat().st_size > 0
    before = {name: (sent / name).read_bytes() for name in files_in(sent)}
    with Store.open(path, readonly=True) as read:
        assert [d.title for d in read.documents()] == ["Report"]
        assert any("rolled back" in n for n in read.notes)
    assert {name: (sent / name).read_bytes() for name in files_in(sent)} == before


def test_a_file_cut_short_by_one_byte_is_refused(tmp_path: Path) -> None:
    store = new_store(tmp_path, "bob", who="Bob")
    doc = store.import_text("Report", ARTICLE, BOB)
    store.add_annotation(doc.uuid, "figure", *span(ARTICLE, "About 60 North Koreans"), BOB, note="evil 11")
    store.close()
    cut = tmp_path / "cut.testimonia"
    cut.write_bytes(store.path.read_bytes()[:-1])
    with pytest.raises(DamagedFileError, match=r"cut short|whole number"):
        Store.open(cut, readonly=True)
    ours = new_store(tmp_path, "alice", who="Alice")
    before = snapshot(ours.path)
    with pytest.raises(MergeRefused, match="damaged"):
        merge.merge(ours, cut, ALICE)
    assert snapshot(ours.path) == before
    ours.close()


def test_opening_a_project_with_a_waiting_wal_writes_it_in_and_says_so(tmp_path: Path) -> None:
    path, _sent = _sender_with_unwritten_wal(tmp_path)
    with Store.open(path) as store:  # Bob opens his own project after his app was killed
        assert any("now in the project file" in n for n in store.notes)
        held = sqlite3.connect(path)  # keeps the close from checkpointing: the open did it
        held.execute("SELECT count(*) FROM sqlite_master").fetchone()
    copy = main_file_alone(path, tmp_path / "stick")
    assert read_annotations(copy) == ["About 60 North Koreans"]
    held.close()


def test_send_copy_is_one_consistent_file_while_a_write_is_under_way(tmp_path: Path) -> None:
    from testimonia.core.sendcopy import send_copy

    store = new_store(tmp_path)
    doc = store.import_text("Report", ARTICLE, ALICE)
    store.add_annotation(doc.uuid, "figure", *span(ARTICLE, "About 60 North Koreans"), ALICE)
    writer = sqlite3.connect(store.path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE document SET title = 'uncommitted'")
    out = tmp_path / "outbox"
    out.mkdir()
    made = send_copy(store, out, "Alice")  # a WAL reader: the writer's lock does not hold it up
    writer.execute("ROLLBACK")
    writer.close()
    assert files_in(out) == [made.name]
    with Store.open(made, readonly=True) as copy:
        assert [d.title for d in copy.documents()] == ["Report"]
        assert [a.exact for a in copy.annotations()] == ["About 60 North Koreans"]
    with pytest.raises(ProjectFileError):
        Store.open(out / "missing.testimonia", readonly=True)
    store.close()
