"""Word .docx: paragraph and table-cell text in reading order, one paragraph per line."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree

from testimonia.core.errors import ImportFailed
from testimonia.core.importers import RawText
from testimonia.core.textnorm import normalise

NOT_DOCX = "this is not a Word .docx file (the file is not a valid .docx package)"
# A .docx is a zip; refuse archives that would inflate to far more than any real document.
MAX_UNZIPPED_BYTES = 1024 * 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (qn(t) for t in ("w:p", "w:tbl", "w:tr", "w:tc", "w:sdt", "w:sdtContent"))


def extract_docx(data: bytes, path: Path) -> RawText:
    _check_package(data, path)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError):
        raise ImportFailed(path, NOT_DOCX) from None
    lines = [p.text for p in _paragraphs(document.element.body, document)]
    props = document.core_properties
    metadata = {"author": props.author or "", "subject": props.subject or ""}
    if props.created is not None:
        metadata["date"] = props.created.isoformat()
    return RawText(text=normalise("\n".join(lines)), title=props.title or "", metadata=metadata)


def _check_package(data: bytes, path: Path) -> None:
    if data.startswith(_OLE_MAGIC):
        raise ImportFailed(path, "this is an old Word .doc file; save it as .docx and import again")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ImportFailed(path, NOT_DOCX) from None
    if "word/document.xml" not in names:
        raise ImportFailed(path, NOT_DOCX)
    if unzipped > MAX_UNZIPPED_BYTES:
        raise ImportFailed(path, "the .docx would unpack to more than 1 GB; it is not a normal document")


def _paragraphs(container: etree._Element, parent: object) -> Iterator[Paragraph]:
    """Body order, descending into tables and content controls, which python-docx's lists skip."""
    for child in container:
        if child.tag == _P:
            yield Paragraph(child, parent)
        elif child.tag == _TBL:
            for row in child.iter(_TR):
                if _nearest_table(row) is not child:
                    continue  # nested tables are reached through their own cell
                for cell in row.findall(_TC):
                    yield from _paragraphs(cell, parent)
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _paragraphs(content, parent)


def _nearest_table(element: etree._Element) -> etree._Element | None:
    node = element.getparent()
    while node is not None and node.tag != _TBL:
        node = node.getparent()
    return node
