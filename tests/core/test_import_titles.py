"""Titles: a file's declared title unless a tool wrote junk there, else its first heading, else its name."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from reportlab.pdfgen import canvas

from testimonia.core.importers import extract, titles

HEADLINE = "Forced returns across the Tumen river resume"
BODY = ["By a staff reporter, Yanji", HEADLINE, "Witnesses said about 60 people were taken before dawn on Tuesday."]


@pytest.mark.parametrize("title", [
    "", "   ", "(anonymous)", "anonymous", "Untitled", "untitled document", "Untitled-3", "UNKNOWN", "title",
    "Document1", "ReportLab Generated PDF document", "Microsoft Word - returns_final_v2.docx",
    "Word - draft.doc", "report_final v2.docx", r"C:\Users\kim\Desktop\draft.pdf", "returns.html", "1234",
    "— * —", "Slide 1", "PowerPoint Presentation", "(unspecified)",
])
def test_junk_titles(title: str) -> None:
    assert titles.is_junk(title)


@pytest.mark.parametrize("title", [
    "Returned to Danger", "탈북민 강제북송", "Untitled: a history of forced returns", "Anonymous sources say",
    "The Word on the Border", "Document of the Month: Yanji detention records",
])
def test_real_titles(title: str) -> None:
    assert not titles.is_junk(title)


def test_a_title_that_is_the_file_name_is_junk() -> None:
    assert titles.is_junk("tumen-returns", Path("/data/tumen-returns.pdf"))
    assert titles.is_junk("TUMEN-RETURNS.PDF", Path("/data/tumen-returns.pdf"))
    assert not titles.is_junk("Tumen returns", Path("/data/tumen-returns.pdf"))


def _pdf(tmp_path: Path, name: str, title: str | None, lines: list[str]) -> Path:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.setAuthor("(anonymous)")  # what newer ReportLab versions write
    if title is not None:
        pdf.setTitle(title)
    y = 760
    for line in lines:
        pdf.drawString(60, y, line)
        y -= 16
    pdf.showPage()
    pdf.save()
    path = tmp_path / name
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.parametrize("junk", ["(anonymous)", "ReportLab Generated PDF document", "Microsoft Word - tumen.docx",
                                  "tumen", None])
def test_pdfs_with_junk_metadata_take_their_first_heading(tmp_path: Path, junk: str | None) -> None:
    result = extract(_pdf(tmp_path, "tumen.pdf", junk, BODY))
    assert result.title == "By a staff reporter, Yanji" and "author" not in result.metadata


def test_a_pdf_keeps_a_real_title(tmp_path: Path) -> None:
    assert extract(_pdf(tmp_path, "tumen.pdf", "Returned to danger", BODY)).title == "Returned to danger"


def test_word_core_properties_and_html_titles_are_checked_too(tmp_path: Path) -> None:
    document = docx.Document()
    document.core_properties.title = "tumen_final.docx"
    document.add_heading(HEADLINE, level=1)
    document.add_paragraph(BODY[2])
    path = tmp_path / "tumen_final.docx"
    document.save(path)
    assert extract(path).title == HEADLINE
    page = tmp_path / "page.html"
    page.write_text(f"<html><head><title>Untitled document</title></head><body><h1>{HEADLINE}</h1>"
                    f"<p>{BODY[2]}</p></body></html>", encoding="utf-8")
    assert extract(page).title == HEADLINE


def test_korean_headlines_count_as_headings() -> None:
    assert titles.heading_line("2024.03.14\n탈북민 강제북송 중단하라\n본문") == "탈북민 강제북송 중단하라"
