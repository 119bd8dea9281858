"""Paths that are not regular files, files past the limits, and NULs: refused with one clear line,
in bounded time, the project left as it was."""

from __future__ import annotations

import json
import os
import sqlite3
import zipfile
from pathlib import Path

import pytest

from testimonia.core import files, merge
from testimonia.core.errors import ImportFailed, InvalidInput, MergeRefused
from testimonia.core.importers import extract
from testimonia.core.interop import import_qdpx, import_w3c
from testimonia.core.merge import kinds
from testimonia.core.store import Store

from .merge_helpers import snapshot
from .store_helpers import ARTICLE, author, new_store, span

ALICE, MALLORY = author("Alice"), author("Mallory")
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
needs_dev_zero = pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")


@pytest.fixture
def ours(tmp_path: Path) -> Store:
    s = new_store(tmp_path, "ours", "Evidence", "Alice")
    doc = s.import_text("Report", ARTICLE, ALICE)
    s.add_annotation(doc.uuid, "statement", *span(ARTICLE, "the minister said"), ALICE)
    yield s
    s.close()


@pytest.fixture
def theirs(tmp_path: Path, ours: Store) -> Path:
    path = tmp_path / "theirs.testimonia"
    with Store.create(path, "Mallory's", MALLORY) as s:
        merge.merge(s, ours.path, MALLORY)
        ann = ours.annotations()[0]
        s.edit_annotation(ann.uuid, MALLORY, note="an edit")
        s.add_annotation(ann.document_uuid, "figure", *span(ARTICLE, "About 60 North Koreans"), MALLORY,
                         fields={"value": 60})
    _tamper(path, "PRAGMA journal_mode=DELETE")
    return path


def _tamper(path: Path, *sql: str) -> None:
    conn = sqlite3.connect(path)
    for statement in sql:
        conn.execute(statement)
    conn.commit()
    conn.close()


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _dev_zero(path: Path) -> Path:
    path.symlink_to("/dev/zero")
    return path


# -- only regular files are read -------------------------------------------------------------------
@needs_fifo
@pytest.mark.timeout(30)
@pytest.mark.parametrize("name", ["pipe.txt", "pipe.pdf", "pipe.docx"])
def test_import_of_a_pipe_is_refused_without_waiting(ours: Store, tmp_path: Path, name: str) -> None:
    path = _fifo(tmp_path / name)
    before = snapshot(ours.path)
    with pytest.raises(ImportFailed, match="pipe") as info:
        ours.import_file(path, ALICE)  # the duplicate check hashed the path first: it waited forever
    assert info.value.path == path
    with pytest.raises(ImportFailed, match="pipe"):
        extract(path)
    assert snapshot(ours.path) == before


@needs_dev_zero
@pytest.mark.timeout(30)
def test_import_of_a_symlink_to_a_device_is_refused_without_reading(ours: Store, tmp_path: Path) -> None:
    path = _dev_zero(tmp_path / "zero.txt")
    with pytest.raises(ImportFailed, match="device"):
        ours.import_file(path, ALICE)  # read /dev/zero until memory ran out


@needs_fifo
@pytest.mark.timeout(30)
@pytest.mark.parametrize(("name", "importer"), [("pipe.jsonld", import_w3c), ("pipe.qdpx", import_qdpx)])
def test_exchange_imports_refuse_a_pipe(ours: Store, tmp_path: Path, name: str, importer: object) -> None:
    path = _fifo(tmp_path / name)
    with pytest.raises(ImportFailed, match="pipe"):
        importer(ours, path, ALICE)  # type: ignore[operator]


@needs_fifo
@pytest.mark.timeout(30)
def test_merge_refuses_a_pipe(ours: Store, tmp_path: Path) -> None:
    path = _fifo(tmp_path / "pipe.testimonia")
    before = snapshot(ours.path)
    for run in (lambda: merge.merge(ours, path, ALICE), lambda: merge.preview(ours, path)):
        with pytest.raises(MergeRefused, match="pipe") as info:
            run()
        assert str(path) in str(info.value)
    assert snapshot(ours.path) == before


@needs_dev_zero
@pytest.mark.timeout(30)
def test_merge_refuses_a_symlink_to_dev_zero(ours: Store, tmp_path: Path) -> None:
    path = _dev_zero(tmp_path / "zero.testimonia")
    with pytest.raises(MergeRefused, match="device"):
        merge.merge(ours, path, ALICE)


@needs_fifo
@pytest.mark.timeout(30)
def test_merge_refuses_a_wal_that_is_a_pipe(ours: Store, theirs: Path) -> None:
    _fifo(theirs.with_name(theirs.name + "-wal"))
    with pytest.raises(MergeRefused, match="-wal") as info:
        merge.merge(ours, theirs, ALICE)  # hashed the -wal before anything checked its type
    assert "not a regular file" in str(info.value) and str(theirs) in str(info.value)


def test_sizes_are_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.bin"
    with path.open("wb") as fh:
        fh.truncate(10 * 1024 * 1024)  # sparse: nothing to read if the limit is checked first
    with pytest.raises(ImportFailed, match="larger than 1 MB"):
        files.read_bytes(path, limit=1024 * 1024)
    assert files.read_bytes(path, limit=20 * 1024 * 1024)[:4] == b"\0\0\0\0"


def test_a_file_that_grows_past_the_limit_while_read_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                                 ) -> None:
    path = tmp_path / "growing.txt"
    path.write_bytes(b"x" * 100)
    real = files.open_regular

    def grows(p: Path | str, **kw: object) -> object:
        fh = real(p, **kw)  # type: ignore[arg-type]
        path.write_bytes(b"x" * 5000)  # after the size check, before the read
        return fh

    monkeypatch.setattr(files, "open_regular", grows)
    with pytest.raises(ImportFailed, match="larger than"):
        files.read_bytes(path, limit=1000)


def test_a_folder_is_named_as_one(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="folder"):
        files.read_bytes(tmp_path, limit=100)


# -- the text limit ------------------------------------------------------------------------------------
def test_a_text_past_the_limit_is_refused_before_it_is_normalised(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from testimonia.core import importers

    monkeypatch.setattr(importers, "MAX_TEXT_CHARS", 1000)
    path = tmp_path / "long.txt"
    path.write_text("Sixty people were returned. " * 100, encoding="utf-8")
    with pytest.raises(ImportFailed, match="more than 1,000 characters"):
        extract(path)


# -- NUL is never stored -----------------------------------------------------------------------------
@pytest.mark.parametrize("call", [
    lambda s, d: s.add_annotation(d, "statement", 0, 5, ALICE, note="evil\x001"),
    lambda s, d: s.add_annotation(d, "statement", 0, 5, ALICE, fields={"speaker": "a\x00b"}),
    lambda s, d: s.set_document_title(d, "Title\x00", ALICE),
    lambda s, d: s.add_label("Bor\x00der", "#80b1d3", ALICE),
    lambda s, d: s.set_title("Evi\x00dence", ALICE),
], ids=["note", "field", "document title", "label", "project title"])
def test_writes_refuse_nul(ours: Store, call: object) -> None:
    doc = ours.documents()[0].uuid
    before = snapshot(ours.path)
    with pytest.raises(InvalidInput, match="NUL"):
        call(ours, doc)  # type: ignore[operator]
    assert snapshot(ours.path) == before


@pytest.mark.parametrize(("sql", "words"), [
    ("UPDATE revision SET note = 'evil' || char(0) || '1' WHERE note = 'an edit'", ("NUL",)),
    ("UPDATE revision SET fields = '{\"value\": 60, \"unit\": \"a\\u0000b\"}' WHERE fields != '{}'", ("fields", "NUL")),
    ("UPDATE revision SET orphaned = 1, exact = exact || char(0) WHERE note = 'an edit'", ("NUL",)),
    ("UPDATE document SET title = 'Re' || char(0) || 'port'", ("document", "title")),
    ("UPDATE document SET metadata_json = '{\"author\": \"x\\u0000y\"}'", ("document", "metadata")),
    ("UPDATE author SET name = 'Mal' || char(0) || 'lory' WHERE name = 'Mallory'", ("author",)),
    ("UPDATE label SET name = 'Fig' || char(0) WHERE name = 'Figure'", ("label",)),
], ids=["note", "field", "exact", "title", "metadata", "author", "label"])
def test_merge_refuses_nul_anywhere(ours: Store, theirs: Path, sql: str, words: tuple[str, ...]) -> None:
    _tamper(theirs, sql)
    before = snapshot(ours.path)
    with pytest.raises(MergeRefused) as info:
        merge.merge(ours, theirs, ALICE)
    for word in words:
        assert word in str(info.value)
    assert snapshot(ours.path) == before


# -- row limits of a merged file ------------------------------------------------------------------------
def test_merge_refuses_a_table_past_its_row_limit(ours: Store, theirs: Path, monkeypatch: pytest.MonkeyPatch
                                                  ) -> None:
    monkeypatch.setattr(kinds.kind("document_alias"), "max_rows", 10)
    doc = ours.documents()[0].uuid
    _tamper(theirs, *[f"INSERT INTO document_alias VALUES ('00000000-0000-4000-8000-{n:012d}', '{doc}')"
                      for n in range(11)])
    before = snapshot(ours.path)
    with pytest.raises(MergeRefused, match="document_alias table holds more than 10 rows"):
        merge.merge(ours, theirs, ALICE)
    assert snapshot(ours.path) == before


def test_the_row_limits_fit_a_coalition_project() -> None:
    limits = kinds.max_rows()
    assert limits["document"] >= 30_000 and limits["annotation"] >= 1_000_000
    assert limits["revision"] >= 5 * limits["annotation"] // 2  # a few edits each


# -- qdpx: what fuzzing found --------------------------------------------------------------------------
def _qdpx(tmp_path: Path, entries: dict[str, bytes]) -> Path:
    path = tmp_path / "project.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize(("declaration", "words"), [
    (b"<?xml version='1.0' encoding='UTF-7'?>", "encoding"),
    (b"<?xml version='1.0' encoding='x-no-such-thing'?>", "encoding"),
])
def test_qdpx_xml_declaring_an_unreadable_encoding(ours: Store, tmp_path: Path, declaration: bytes,
                                                   words: str) -> None:
    path = _qdpx(tmp_path, {"project.qde": declaration + b"<Project xmlns='urn:QDA-XML:project:1.0'/>"})
    with pytest.raises(ImportFailed, match=words) as info:
        import_qdpx(ours, path, ALICE)
    assert str(path) in str(info.value)


def test_qdpx_entry_with_an_empty_name(ours: Store, tmp_path: Path) -> None:
    path = tmp_path / "project.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", b"<Project xmlns='urn:QDA-XML:project:1.0'/>")
        archive.writestr(zipfile.ZipInfo(""), b"y")
    with pytest.raises(ImportFailed, match="empty name") as info:
        import_qdpx(ours, path, ALICE)  # IndexError in safe_zip before
    assert str(path) in str(info.value)


def test_qdpx_needing_a_newer_zip_version(ours: Store, tmp_path: Path) -> None:
    path = _qdpx(tmp_path, {"project.qde": b"<Project xmlns='urn:QDA-XML:project:1.0'/>"})
    data = bytearray(path.read_bytes())
    central = data.find(b"PK\x01\x02")
    data[central + 6] = 99  # version needed to extract: 9.9
    path.write_bytes(bytes(data))
    with pytest.raises(ImportFailed, match="zip") as info:
        import_qdpx(ours, path, ALICE)  # NotImplementedError from zipfile before
    assert str(path) in str(info.value)


def test_w3c_notes_with_nul_are_refused(ours: Store, tmp_path: Path) -> None:
    doc = ours.documents()[0]
    start, end = span(ARTICLE, "About 60 North Koreans")
    path = tmp_path / "notes.jsonld"
    path.write_text(json.dumps({
        "type": "Annotation", "target": {"source": f"urn:uuid:{doc.uuid}", "selector": [
            {"type": "TextPositionSelector", "start": start, "end": end}]},
        "body": [{"type": "TextualBody", "purpose": "tagging", "value": "figure"},
                 {"type": "TextualBody", "purpose": "commenting", "value": "evil\u00001"}]}), encoding="utf-8")
    before = snapshot(ours.path)
    with pytest.raises(ImportFailed, match="NUL"):
        import_w3c(ours, path, ALICE)
    assert snapshot(ours.path) == before
