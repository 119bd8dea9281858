"""Exports write as they read (core/interop/selection.Scope): one snapshot for the whole file,
progress as rows are written, nothing left behind when stopped half-way, and the same file as
the project read whole would give."""

from __future__ import annotations

import csv
import io
import json
import tempfile
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from testimonia.core import snapshot
from testimonia.core.errors import Cancelled
from testimonia.core.interop import FORMATS, export, refi_export, report_html, selection
from testimonia.core.store import Store

from .interop_helpers import need_standards
from .store_helpers import ARTICLE, author, new_store, span


@pytest.fixture(autouse=True)
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(snapshot, "PAGE_DOCUMENTS", 2)
    monkeypatch.setattr(snapshot, "FETCH_ROWS", 3)


def _project(tmp_path: Path, documents: int = 5) -> tuple[Store, list[str]]:
    store = new_store(tmp_path)
    place = store.add_label("Place", "#336699", author())
    needles = [("About 60 North Koreans", "figure", {"value": 60, "approximate": True}),
               ("the minister said", "statement", {"speaker": "the minister"}),
               ("1951 Refugee Convention", "obligation", {}), ("Shenyang", place.uuid, {"city": "Shenyang"}),
               ("탈북민 강제북송을 중단하라", "statement", {"mode": "direct"})]
    docs = []
    for i in range(documents):
        doc = store.import_text(f"Report {documents - i:02d}", ARTICLE + f"\nCopy {i}.\n", author()).uuid
        docs.append(doc)
        for needle, kind, fields in needles[: 1 + i % len(needles)]:
            store.add_annotation(doc, kind, *span(ARTICLE, needle), author(), fields=fields, note=f"note {i}")
    return store, docs


def _w3c_items(path: Path) -> list[dict[str, object]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    items = data["first"]["items"]
    assert data["total"] == len(items)
    return items


def test_an_export_is_one_snapshot_while_the_project_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store, docs = _project(tmp_path)
    monkeypatch.setattr(selection, "PROGRESS_EVERY", 1)
    before = [a.uuid for a in store.annotations()]
    calls: list[tuple[int, int]] = []

    def edit_meanwhile(done: int, total: int) -> None:
        calls.append((done, total))
        if done == 2:  # the app goes on writing while the export runs
            store.add_annotation(docs[0], "figure", *span(ARTICLE, "500 and 600"), author())
            store.delete_annotation(before[-1], author())

    result = export(store, "w3c", tmp_path / "out.jsonld", progress=edit_meanwhile)
    assert [str(i["id"]).removeprefix("urn:uuid:") for i in _w3c_items(tmp_path / "out.jsonld")] == before
    assert result.annotations == len(before)
    assert calls == [(i, len(before)) for i in range(1, len(before) + 1)]
    assert len(store.annotations()) == len(before)  # one added, one deleted: the writes landed


@pytest.mark.parametrize("fmt", FORMATS)
def test_stopping_half_way_leaves_the_previous_file_and_nothing_else(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    store, _ = _project(tmp_path)
    monkeypatch.setattr(selection, "PROGRESS_EVERY", 1)
    folder = tmp_path / "exports"
    folder.mkdir()
    spare = tmp_path / "tmp"  # openpyxl's temporary sheet and the report's spools land here or beside OUT
    spare.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spare))
    out = folder / ("brat" if fmt == "brat" else f"out.{fmt}")
    if fmt != "brat":
        out.write_bytes(b"the previous export")

    def stop(done: int, total: int) -> None:
        if done >= 3:
            raise Cancelled()

    with pytest.raises(Cancelled):
        export(store, fmt, out, progress=stop)
    assert sorted(p.name for p in folder.iterdir()) == ([] if fmt == "brat" else [out.name])
    if fmt != "brat":
        assert out.read_bytes() == b"the previous export"
    assert list(spare.iterdir()) == []
    export(store, fmt, out)  # and the same export runs to its end afterwards
    assert out.exists()


def test_every_format_reports_progress_to_its_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store, _ = _project(tmp_path)
    monkeypatch.setattr(selection, "PROGRESS_EVERY", 2)
    for fmt in FORMATS:
        calls: list[tuple[int, int]] = []
        export(store, fmt, tmp_path / f"p-{fmt}", progress=lambda d, t, c=calls: c.append((d, t)))
        dones = [d for d, _ in calls]
        assert dones == sorted(dones) and len(calls) >= 3, fmt
        assert calls[-1][0] == calls[-1][1] > 0, fmt
        assert {t for _, t in calls} == {calls[-1][1]}, fmt


def test_the_table_has_every_field_column_and_one_row_per_annotation(tmp_path: Path) -> None:
    store, _ = _project(tmp_path)
    export(store, "csv", tmp_path / "t.csv")
    raw = (tmp_path / "t.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\xef\xbb\xbf") == 1
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    header, body = rows[0], rows[1:]
    listed = store.annotations()
    assert [r[header.index("annotation id")] for r in body] == [a.uuid for a in listed]
    # Built-in fields in their kinds' order, then the custom label's field by name.
    fields = header[5:header.index("note")]
    assert fields == ["speaker", "mode", "value", "approximate", "city"]
    assert {r[header.index("approximate")] for r in body} == {"yes", ""}


def test_the_report_groups_by_kind_whatever_the_order_annotations_come_in(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store, _ = _project(tmp_path, documents=8)
    export(store, "report", tmp_path / "held.html")
    monkeypatch.setattr(report_html, "SPOOL_BYTES", 64)  # every kind's part goes to a temporary file
    export(store, "report", tmp_path / "spooled.html")
    held, spooled = ((tmp_path / n).read_text(encoding="utf-8") for n in ("held.html", "spooled.html"))
    assert held == spooled
    tree = etree.HTML(held)
    kinds = [h.xpath("string()") for h in tree.iter("h2")]
    assert kinds == ["Statement", "Figure", "Obligation", "Place"]
    # Under each kind, its annotations in document order, each document's heading once.
    body = etree.tostring(tree, encoding="unicode")
    for kind in ("Statement", "Figure"):
        part = body.split(f"{kind}</h2>")[1].split("<h2")[0]
        titles = [t for t in etree.HTML(part).xpath("//h3/text()")]
        assert titles == sorted(titles) and len(titles) == len(set(titles)) > 1


def test_refi_sources_selections_and_notes_are_all_there(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store, docs = _project(tmp_path)
    export(store, "refi", tmp_path / "p.qdpx")
    monkeypatch.setattr(refi_export, "SPOOL_BYTES", 64)  # the Notes wait in a temporary file
    monkeypatch.setattr(refi_export, "BATCH", 2)  # and selections and notes come two at a time
    export(store, "refi", tmp_path / "spooled.qdpx")
    with zipfile.ZipFile(tmp_path / "spooled.qdpx") as zf:
        spooled = zf.read("project.qde")
    with zipfile.ZipFile(tmp_path / "p.qdpx") as zf:
        root = etree.fromstring(zf.read("project.qde"))
        names = zf.namelist()
    q = "{urn:QDA-XML:project:1.0}"
    sources = root.findall(f"{q}Sources/{q}TextSource")
    assert [s.get("guid") for s in sources] == [d.uuid for d in store.documents()]
    assert sorted(n for n in names if n.startswith("sources/")) == sorted(f"sources/{d}.txt" for d in docs)
    listed = store.annotations()
    assert [s.get("guid") for s in root.iter(f"{q}PlainTextSelection")] == [a.uuid for a in listed]
    notes = root.findall(f"{q}Notes/{q}Note")
    refs = [r.get("targetGUID") for r in root.iter(f"{q}NoteRef")]
    assert [n.get("guid") for n in notes] == refs and len(refs) == sum(1 for a in listed if a.fields)
    # Namespace declared once, on the project: the parts written one by one do not repeat it.
    whole = zipfile.ZipFile(tmp_path / "p.qdpx").read("project.qde")
    assert whole.count(b"xmlns=") == 1 and spooled.count(b"xmlns=") == 1
    # Written in parts of two (sources split part-way), the same document but for indentation,
    # and still valid.
    assert _canonical(spooled) == _canonical(whole)
    etree.XMLSchema(etree.parse(str(need_standards("refi-qda", "Project.xsd")))).assertValid(
        etree.fromstring(spooled))


def _canonical(qde: bytes) -> bytes:
    root = etree.fromstring(qde)
    for el in root.iter():
        el.tail = None
        if el.text is not None and not el.text.strip():
            el.text = None
    return etree.tostring(root, method="c14n")


def test_refi_names_a_user_for_every_creator_even_without_an_author_row(tmp_path: Path) -> None:
    store, _ = _project(tmp_path)
    ghost, last = author("Ghost"), store.annotations()[-1].uuid
    with store._write() as (_s, conn):
        conn.execute("UPDATE annotation SET creator_uuid = ? WHERE uuid = ?", (ghost.uuid, last))
        conn.execute("UPDATE document SET imported_by = 'not-a-uuid' WHERE uuid = ?", (store.documents()[0].uuid,))
    export(store, "refi", tmp_path / "p.qdpx")
    root = etree.fromstring(zipfile.ZipFile(tmp_path / "p.qdpx").read("project.qde"))
    q = "{urn:QDA-XML:project:1.0}"
    users = {u.get("guid"): u.get("name") for u in root.iter(f"{q}User")}
    assert users[ghost.uuid] == ghost.uuid
    named = {el.get(a) for el in root.iter() for a in ("creatingUser", "modifyingUser") if el.get(a)}
    assert named <= set(users)
    first = root.find(f"{q}Sources/{q}TextSource")
    assert users[first.get("creatingUser")].startswith("coder ")
