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


# -- the streamed reading gives python-docx's text; limits hold while reading ----------------------------
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_EXTRA_BODY = f"""<root xmlns:w="{_W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<w:p><w:r><w:t>Tab</w:t><w:tab/><w:t>after, line</w:t><w:br/><w:t>break, page</w:t><w:br w:type="page"/>
<w:t>break, no</w:t><w:noBreakHyphen/><w:t>break</w:t><w:cr/><w:t>cr</w:t><w:ptab w:relativeTo="margin"
w:alignment="right" w:leader="none"/></w:r><w:hyperlink r:id="rId99"><w:r><w:t>linked words</w:t></w:r></w:hyperlink>
<w:ins w:id="1" w:author="x"><w:r><w:t>inserted (python-docx skips it)</w:t></w:r></w:ins></w:p>
<w:sdt><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>In a content control</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Cell in a control</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:sdtContent></w:sdt>
<w:p><w:r><w:t xml:space="preserve">  spaced  </w:t></w:r><w:r><w:t> </w:t></w:r></w:p>
<w:p><w:r><w:pict><w:txbxContent><w:p><w:r><w:t>text box (python-docx skips it)</w:t></w:r></w:p>
</w:txbxContent></w:pict></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Outer</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>Inner</w:t></w:r></w:p>
</w:tc></w:tr></w:tbl><w:p><w:r><w:t>Outer again</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
</root>"""


def _python_docx_text(data: bytes) -> str:
    """The previous importer: python-docx's paragraphs in body order (tables, content controls)."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    tags = {t: qn(f"w:{t}") for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent")}

    def nearest_table(element):  # type: ignore[no-untyped-def]
        node = element.getparent()
        while node is not None and node.tag != tags["tbl"]:
            node = node.getparent()
        return node

    def walk(container, parent):  # type: ignore[no-untyped-def]
        for child in container:
            if child.tag == tags["p"]:
                yield Paragraph(child, parent)
            elif child.tag == tags["tbl"]:
                for row in child.iter(tags["tr"]):
                    if nearest_table(row) is child:
                        for cell in row.findall(tags["tc"]):
                            yield from walk(cell, parent)
            elif child.tag == tags["sdt"]:
                content = child.find(tags["sdtContent"])
                if content is not None:
                    yield from walk(content, parent)

    document = docx.Document(io.BytesIO(data))
    return normalise("\n".join(p.text for p in walk(document.element.body, document)))


def _rich_docx() -> bytes:
    from lxml import etree

    document = docx.Document(io.BytesIO(make_docx()))
    body = document.element.body
    for element in etree.fromstring(_EXTRA_BODY.encode()):
        body.insert(len(body) - 1, element)  # before the section properties
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_streamed_text_is_python_docx_text(tmp_path: Path) -> None:
    data = _rich_docx()
    result = extract(write(tmp_path, "rich.docx", data))
    assert result.text == _python_docx_text(data)
    assert "linked words" in result.text and "Inner" in result.text and "In a content control" in result.text
    assert "skips it" not in result.text


def _bomb(paragraphs: int, text: str = "About sixty people were returned overnight. ") -> bytes:
    """A small .docx whose document part unpacks to many paragraphs (deflate squeezes repeats)."""
    source = zipfile.ZipFile(io.BytesIO(make_docx()))
    xml = source.read("word/document.xml")
    paragraph = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()
    xml = xml.replace(b"<w:body>", b"<w:body>" + paragraph * paragraphs, 1)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            archive.writestr(item.filename, xml if item.filename == "word/document.xml" else source.read(item))
    return buffer.getvalue()


@pytest.mark.parametrize(("limit", "value", "words"), [
    ("MAX_TEXT_CHARS", 100_000, "characters of text"),
    ("MAX_DOCUMENT_XML_BYTES", 1024 * 1024, "unpacks to more than 1 MB"),
    ("MAX_ELEMENTS", 50_000, "XML elements"),
])
def test_a_docx_expanding_past_a_limit_is_refused_for_that_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  limit: str, value: int, words: str) -> None:
    from testimonia.core.importers import docx as docx_importer

    monkeypatch.setattr(docx_importer, limit, value)
    data = _bomb(40_000)  # 1.8M characters, 2.6 MB of XML, 160,000 elements: about 30 KB zipped
    with pytest.raises(ImportFailed, match=words) as info:
        extract(write(tmp_path, "bomb.docx", data))
    assert "not a valid .docx package" not in info.value.reason  # the wrong reason, given before


def test_a_docx_at_the_limits_imports(tmp_path: Path) -> None:
    result = extract(write(tmp_path, "long.docx", _bomb(2_000)))
    assert result.text.count("About sixty people") == 2_000
