"""Word files: body order with tables, Hangul, titles, and files that only pretend to be .docx."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest

from testimonia.core.errors import ImportFailed
from testimonia.core.importers import extract
from testimonia.core.textnorm import normalise


def make_docx(title: str | None = "Interview log: Tumen returnees") -> bytes:
    document = docx.Document()
    if title is not None:
        document.core_properties.title = title
    document.core_properties.author = "Field team B"
    document.core_properties.created = datetime(2024, 3, 14, 9, 0, tzinfo=UTC)
    document.add_heading("Interview notes, 14 March", level=1)
    document.add_paragraph("The witness said “about 60 North Koreans were taken in one night.”")
    table = document.add_table(rows=3, cols=2)
    for row, (left, right) in enumerate(
        [("Place", "Estimate"), ("Dandong", "500 to 600"), ("Yanji", "“탈북민 강제북송을 중단하라”")]
    ):
        table.cell(row, 0).text = left
        table.cell(row, 1).text = right
    document.add_paragraph("China’s non-refoulement obligations under the 1951 Refugee Convention apply.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_paragraphs_and_table_cells_in_body_order(tmp_path: Path) -> None:
    result = extract(write(tmp_path, "log.docx", make_docx()))
    assert result.kind == "docx"
    assert result.text.split("\n") == [
        "Interview notes, 14 March",
        "The witness said “about 60 North Koreans were taken in one night.”",
        "Place",
        "Estimate",
        "Dandong",
        "500 to 600",
        "Yanji",
        "“탈북민 강제북송을 중단하라”",
        "China’s non-refoulement obligations under the 1951 Refugee Convention apply.",
    ]
    assert normalise(result.text) == result.text
    assert result.title == "Interview log: Tumen returnees"
    assert result.metadata["author"] == "Field team B"
    assert result.metadata["date"].startswith("2024-03-14T09:00")
    assert result.page_starts is None


def test_title_falls_back_to_first_line(tmp_path: Path) -> None:
    assert extract(write(tmp_path, "log.docx", make_docx(title=None))).title == "Interview notes, 14 March"


def test_nested_table_text_appears_once(tmp_path: Path) -> None:
    document = docx.Document()
    outer = document.add_table(rows=1, cols=1)
    outer.cell(0, 0).text = "Outer cell"
    outer.cell(0, 0).add_table(rows=1, cols=1).cell(0, 0).text = "Inner 200 or so"
    buffer = io.BytesIO()
    document.save(buffer)
    text = extract(write(tmp_path, "nested.docx", buffer.getvalue())).text
    assert text.count("Inner 200 or so") == 1
    assert text.index("Outer cell") < text.index("Inner 200 or so")


def test_not_a_zip(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match=r"not a Word \.docx file"):
        extract(write(tmp_path, "fake.docx", b"This was saved as plain text by mistake."))


def test_bad_zip_with_zip_magic(tmp_path: Path) -> None:
    data = make_docx()
    with pytest.raises(ImportFailed, match=r"not a Word \.docx file"):
        extract(write(tmp_path, "cut.docx", data[: len(data) // 2]))


def test_zip_that_is_not_a_word_document(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "about 60 North Koreans")
    with pytest.raises(ImportFailed, match=r"not a Word \.docx file"):
        extract(write(tmp_path, "archive.docx", buffer.getvalue()))


def test_broken_document_xml(tmp_path: Path) -> None:
    source = zipfile.ZipFile(io.BytesIO(make_docx()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                content = content[: len(content) // 2]
            archive.writestr(item, content)
    with pytest.raises(ImportFailed):
        extract(write(tmp_path, "broken.docx", buffer.getvalue()))


def test_old_word_doc_renamed(tmp_path: Path) -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)
    with pytest.raises(ImportFailed, match=r"old Word \.doc"):
        extract(write(tmp_path, "old.docx", data))


def test_empty_document(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with pytest.raises(ImportFailed, match="no text"):
        extract(write(tmp_path, "empty.docx", buffer.getvalue()))
