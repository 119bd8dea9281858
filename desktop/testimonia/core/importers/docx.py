"""Word .docx: paragraph and table-cell text in reading order, one paragraph per line.

The main part (word/document.xml) is decompressed and parsed as a stream, with its paragraphs
taken and dropped as they end, so memory follows the text, not the markup: a 2.6 MB file that
unpacks to 900 MB of paragraphs is refused after reading past the limits, not after building a
6 GB tree. The text is python-docx's `Paragraph.text` for the paragraphs python-docx's body walk
reaches (body, table cells, content controls), in body order; tests compare the two on the same
files. Core properties (title, author, subject, date) are read by python-docx from their own small part.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from testimonia.core.errors import ImportFailed
from testimonia.core.importers import MAX_TEXT_CHARS, RawText, too_long
from testimonia.core.interop.safe_xml import parse as safe_parse
from testimonia.core.messages import Message
from testimonia.core.textnorm import normalise

NOT_DOCX = Message("this is not a Word .docx file (the file is not a valid .docx package)")
# Limits on the main part as it unpacks (declared sizes can lie, so bytes are counted as they
# come): a 1,000-page report's document.xml is about 30 MB and 3 million elements.
MAX_DOCUMENT_XML_BYTES = 256 * 1024 * 1024
MAX_ELEMENTS = 12_000_000
MAX_PROPERTIES_BYTES = 1024 * 1024
_CHUNK = 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_CORE_PROPERTIES = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DOCUMENT, _BODY, _P, _R, _HYPERLINK = (_W + t for t in ("document", "body", "p", "r", "hyperlink"))
_TBL, _TR, _TC, _SDT, _SDT_CONTENT = (_W + t for t in ("tbl", "tr", "tc", "sdt", "sdtContent"))
_T, _TAB, _PTAB, _CR, _BR, _NO_BREAK_HYPHEN = (_W + t for t in ("t", "tab", "ptab", "cr", "br", "noBreakHyphen"))
_BR_TYPE = _W + "type"
# Set on a second w:body, or a second w:sdtContent of one control, while parsing (earlier siblings
# are dropped by then): python-docx reads only the first, so their paragraphs are not text.
_LATER = "{urn:testimonia}later"
_HAS_ONE = "{urn:testimonia}has-one"


class _Refused(Exception):
    """A limit passed while parsing; carries the user's message."""

    def __init__(self, message: Message) -> None:
        super().__init__(message)
        self.message = message


def extract_docx(data: bytes, path: Path) -> RawText:
    if data.startswith(_OLE_MAGIC):
        raise ImportFailed(path, "this is an old Word .doc file; save it as .docx and import again")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError,
            IndexError):
        raise ImportFailed(path, NOT_DOCX) from None
    with archive:
        rels = _relationships(archive, path)
        main = rels.get(_OFFICE_DOCUMENT)
        if main is None or main not in archive.NameToInfo:
            raise ImportFailed(path, NOT_DOCX)
        lines = _body_lines(archive, main, path)
        props = rels.get(_CORE_PROPERTIES)
        title, metadata = _properties(archive, props, path) if props in archive.NameToInfo else ("", {})
    return RawText(text=normalise("\n".join(lines)), title=title, metadata=metadata)


def _relationships(archive: zipfile.ZipFile, path: Path) -> dict[str, str]:
    """The package's relationship types → part names (the first of each type)."""
    if "_rels/.rels" not in archive.NameToInfo:
        raise ImportFailed(path, NOT_DOCX)
    root = safe_parse(_read_small(archive, "_rels/.rels", path), f"{path} (_rels/.rels)")
    out: dict[str, str] = {}
    for rel in root.iter(_RELS_NS + "Relationship"):
        kind, target = rel.get("Type") or "", rel.get("Target") or ""
        if rel.get("TargetMode") == "External" or not target:
            continue
        name = posixpath.normpath(target.lstrip("/"))
        out.setdefault(kind, name)
    return out


def _read_small(archive: zipfile.ZipFile, name: str, path: Path) -> bytes:
    info = archive.NameToInfo[name]
    with _opened(archive, info, path) as fh:
        data = _read(fh, path, MAX_PROPERTIES_BYTES + 1)
    if len(data) > MAX_PROPERTIES_BYTES:
        raise ImportFailed(path, "the part {name} is larger than {limit} KB; it is not a normal document",
                           name=name, limit=MAX_PROPERTIES_BYTES // 1024)
    return data


def _opened(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> io.BufferedIOBase:
    try:
        return archive.open(info)  # type: ignore[return-value]
    except RuntimeError:  # encrypted entry: zipfile wants a password
        raise ImportFailed(path, "the .docx is password-protected; remove the password and import again") from None
    except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError, EOFError, zlib.error):
        raise ImportFailed(path, NOT_DOCX) from None


def _read(fh: io.BufferedIOBase, path: Path, size: int) -> bytes:
    try:
        return fh.read(size)
    except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError, EOFError, zlib.error):
        raise ImportFailed(path, NOT_DOCX) from None


def _properties(archive: zipfile.ZipFile, name: str, path: Path) -> tuple[str, dict[str, str]]:
    from docx.oxml.parser import parse_xml  # python-docx's own reading of the dates and names

    data = _read_small(archive, name, path)
    safe_parse(data, f"{path} ({name})")  # no DTD or entities, well-formed, before python-docx sees it
    try:
        props = parse_xml(data)
        metadata = {"author": props.author_text, "subject": props.subject_text}
        created = props.created_datetime
        title = props.title_text
    except (AttributeError, ValueError, TypeError, etree.XMLSyntaxError):
        return "", {}  # a broken properties part takes nothing from the text
    if created is not None:
        metadata["date"] = created.isoformat()
    return title, metadata


def _body_lines(archive: zipfile.ZipFile, name: str, path: Path) -> list[str]:
    parser = etree.XMLPullParser(events=("start", "end"), remove_blank_text=True, resolve_entities=False,
                                 no_network=True, load_dtd=False, huge_tree=False)
    state = _Walk()
    read = 0
    try:
        with _opened(archive, archive.NameToInfo[name], path) as fh:
            while chunk := _read(fh, path, _CHUNK):
                read += len(chunk)
                if read > MAX_DOCUMENT_XML_BYTES:
                    raise _Refused(Message("the document part unpacks to more than {limit} MB, the import limit; "
                                           "it is not a normal document", limit=MAX_DOCUMENT_XML_BYTES // 2**20))
                parser.feed(chunk)
                state.take(parser.read_events())
            parser.close()
            state.take(parser.read_events())
    except _Refused as exc:
        raise ImportFailed(path, exc.message) from None
    except etree.XMLSyntaxError as exc:
        raise ImportFailed(path, "{not_docx}: its text part is not well-formed XML ({detail})", not_docx=NOT_DOCX,
                           detail=exc) from None
    if not state.seen_body:
        raise ImportFailed(path, NOT_DOCX)
    return state.lines


class _Walk:
    """Paragraph texts in body order, as the stream of parse events arrives."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.elements = 0
        self.chars = 0
        self.open_paragraphs = 0
        self.seen_body = False

    def take(self, events: object) -> None:
        for event, el in events:  # type: ignore[attr-defined]
            if event == "start":
                self.elements += 1
                if self.elements > MAX_ELEMENTS:
                    raise _Refused(Message("the document holds more than {limit:,} XML elements, the import limit; "
                                           "it is not a normal document", limit=MAX_ELEMENTS))
                if el.tag == _P:
                    self.open_paragraphs += 1
                elif el.tag in (_BODY, _SDT_CONTENT):
                    _mark_first(el)
                    self.seen_body = self.seen_body or _is_body(el)
                continue
            if el.tag == _T:
                self.chars += len(el.text or "")
                if self.chars > MAX_TEXT_CHARS:
                    raise _Refused(too_long(Path(), MAX_TEXT_CHARS).detail)
            elif el.tag == _P:
                self.open_paragraphs -= 1
                if _reached(el.getparent()):
                    self.lines.append(_paragraph_text(el))
            if self.open_paragraphs == 0:
                # Done with: nothing after this element reads it (a paragraph reads its runs when
                # it ends, so elements inside an open paragraph stay until then).
                _drop(el)


def _drop(el: etree._Element) -> None:
    el.clear(keep_tail=False)
    parent = el.getparent()
    if parent is not None:
        while el.getprevious() is not None:
            del parent[0]


def _mark_first(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is None:
        return
    if parent.get(_HAS_ONE) is not None:
        el.set(_LATER, "")
    else:
        parent.set(_HAS_ONE, "")


def _is_body(el: etree._Element) -> bool:
    """The document's (first) body: python-docx reads paragraphs from there."""
    root = el.getparent()
    return (el.tag == _BODY and el.get(_LATER) is None and root is not None and root.tag == _DOCUMENT
            and root.getparent() is None)


def _reached(container: etree._Element | None) -> bool:
    """Whether python-docx's body walk (the previous importer) yields paragraphs placed directly in
    `container`: the body; a cell of a row whose nearest table sits in such a container; the first
    content of a content control sitting in one."""
    node = container
    while node is not None:
        if node.tag == _BODY:
            return _is_body(node)
        if node.tag == _SDT_CONTENT:
            sdt = node.getparent()
            if sdt is None or sdt.tag != _SDT or node.get(_LATER) is not None:
                return False
            node = sdt.getparent()
        elif node.tag == _TC:
            row = node.getparent()
            if row is None or row.tag != _TR:
                return False
            table = row.getparent()
            while table is not None and table.tag != _TBL:
                table = table.getparent()
            if table is None:
                return False
            node = table.getparent()
        else:
            return False
    return False


def _paragraph_text(p: etree._Element) -> str:
    """python-docx's CT_P.text: the runs and hyperlinked runs directly in the paragraph."""
    parts: list[str] = []
    for child in p:
        if child.tag == _R:
            parts.append(_run_text(child))
        elif child.tag == _HYPERLINK:
            parts.extend(_run_text(r) for r in child if r.tag == _R)
    return "".join(parts)


def _run_text(r: etree._Element) -> str:
    """python-docx's CT_R.text."""
    parts: list[str] = []
    for e in r:
        tag = e.tag
        if tag == _T:
            parts.append(e.text or "")
        elif tag in (_TAB, _PTAB):
            parts.append("\t")
        elif tag == _CR:
            parts.append("\n")
        elif tag == _BR:
            parts.append("\n" if (e.get(_BR_TYPE) or "textWrapping") == "textWrapping" else "")
        elif tag == _NO_BREAK_HYPHEN:
            parts.append("-")
    return "".join(parts)
