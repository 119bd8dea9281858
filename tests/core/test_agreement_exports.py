"""The agreement report as HTML, CSV and XLSX, and exports limited to the curated reading."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from testimonia.core.agreement import curation
from testimonia.core.agreement.report import Options, compute
from testimonia.core.agreement.report_export import export_agreement
from testimonia.core.interop import FORMATS, export

from .agreement_helpers import MINJI, coded_project
from .store_helpers import author


def test_report_files_hold_measures_and_disagreements(tmp_path):
    store, _ = coded_project(tmp_path)
    with store:
        # a hostile title: markup and a formula must stay text
        doc = store.documents()[0]
        store.set_document_title(doc.uuid, "=HYPERLINK(\"x\") <script>alert(1)</script>", MINJI)
        report = compute(store, Options(samples=100))
    export_agreement(report, "html", tmp_path / "r.html")
    export_agreement(report, "csv", tmp_path / "r.csv")
    export_agreement(report, "xlsx", tmp_path / "r.xlsx")
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "uα: boundaries and labels" in page and "About 60 North Koreans" in page
    rows = list(csv.reader(io.StringIO((tmp_path / "r.csv").read_text(encoding="utf-8-sig"))))
    assert ["Measures"] in rows and ["Disagreements"] in rows
    u = next(r for r in rows if len(r) > 2 and r[2] == "uα: boundaries and labels" and r[1] == "all labels")
    assert float(u[3]) == pytest.approx(report.sets[0].measures["u_alpha"].value, abs=1e-9)
    assert all(not c.startswith("=") for r in rows for c in r)
    wb = load_workbook(tmp_path / "r.xlsx")
    assert wb.sheetnames == ["Measures", "Field agreement on matched span", "Per document", "Disagreements"]
    assert wb["Disagreements"].max_row == len(report.disagreements) + 1


def test_report_in_korean(tmp_path):
    store, _ = coded_project(tmp_path)
    with store:
        report = compute(store, Options(samples=0))
    export_agreement(report, "html", tmp_path / "r.html", language="ko")
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "주석자 간 일치도" in page and "불일치" in page


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_export_can_be_limited_to_the_curated_reading(tmp_path, fmt):
    store, _ = coded_project(tmp_path)
    with store:
        items = curation.bulk_accept(store, author("Hana"), Options(samples=0))
        out = tmp_path / ("out" if fmt == "brat" else f"out.{fmt}")
        result = export(store, fmt, out, curated=True)
        everything = export(store, fmt, tmp_path / ("all" if fmt == "brat" else f"all.{fmt}"))
    assert result.annotations == len(items) == 2
    assert everything.annotations == 11 + 2
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
        assert len(rows) == 2 and all(r["author"] == "Hana" for r in rows)
