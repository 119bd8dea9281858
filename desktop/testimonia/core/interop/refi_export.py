"""REFI-QDA project export (.qdpx): project.qde (valid against Project.xsd) plus sources/*.txt.

Labels become codes with their colours; each annotation becomes a PlainTextSelection carrying one
Coding and a Description that holds its note and then its fields as "Speaker: …" lines in the
export's language: QualCoder, like most QDA tools, reads only the Description as the coding's
memo and ignores a NoteRef inside a selection. The fields also go in a linked Note named
FIELDS_NOTE whose text is a JSON object, exact for our own import (which takes the lines out of
the note again). Sources are the stored texts in UTF-8, so offsets (code points, end exclusive)
carry over as is; each source's name is safe as a file name (file_names.safe_name) and its
Description gives the full title.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import uuid
import zipfile
from pathlib import Path
from typing import IO, BinaryIO

from lxml import etree

from testimonia import __version__
from testimonia.core import field_text, labels
from testimonia.core.hlc import to_iso
from testimonia.core.ids import is_uuid
from testimonia.core.store import Store
from testimonia.core.views import AnnotationView, DocumentRef

from .atomic import write_file
from .file_names import safe_name
from .selection import Progress, Scope, Ticker

NS = "urn:QDA-XML:project:1.0"
QDE_NAME = "project.qde"
FIELDS_NOTE = "Testimonia fields"
KIND_PREFIX = "Testimonia kind: "
_GUID_NS = uuid.UUID("2f6b1b8e-55a1-4c55-9d0f-3a7c9e1d4b20")
# XML 1.0 cannot carry most C0 controls at all, not even escaped.
SPOOL_BYTES = 256 * 1024  # the Notes stay in memory up to this, then move to a temporary file
BATCH = 256  # selections or notes serialised together
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def derived_guid(annotation: str, what: str) -> str:
    """Stable GUIDs for the parts one annotation becomes, so re-exports are identical."""
    return str(uuid.uuid5(_GUID_NS, f"{annotation}:{what}"))


def xml_text(s: str) -> str:
    return _XML_ILLEGAL.sub("\ufffd", s)


def _el(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{NS}}}{tag}", {k: xml_text(v) for k, v in attrs.items()})


def _text_el(parent: etree._Element, tag: str, text: str) -> etree._Element:
    el = _el(parent, tag)
    el.text = xml_text(text)
    return el


def selection_description(a: AnnotationView, language: str) -> str:
    """The note, then one "Title: value" line per field: what a person sees in any QDA tool."""
    lines = "\n".join(field_text.field_lines(a.kind, a.fields, language))
    return "\n\n".join(part for part in (a.note, lines) if part)


def note_from_description(description: str, kind: str, fields: dict[str, object]) -> str:
    """The note an exported Description was made from, given the fields it was made with (in either
    language); any other description is a note as it is."""
    for language in field_text.LANGUAGES:
        block = xml_text("\n".join(field_text.field_lines(kind, fields, language)))
        if not block:
            break
        if description == block:
            return ""
        if description.endswith("\n\n" + block):
            return description[: -len(block) - 2]
    return description


def _importer(d: DocumentRef, authors: dict[str, str]) -> str:
    """The User who imported `d`: its author, or one of its own when the author row is missing."""
    if d.importer_uuid in authors:
        return d.importer_uuid
    return d.importer_uuid if is_uuid(d.importer_uuid) else derived_guid(d.uuid, "importer")


def _users(authors: dict[str, str], scope: Scope) -> dict[str, str]:
    """Every User the file names, as uuid -> name: the authors, then any importer or coder whose
    author row is missing, so every creatingUser names a User of the file."""
    users = dict(authors)
    for d in scope.documents():
        uid = _importer(d, authors)
        users.setdefault(uid, f"coder {uid[:8]}")
    for uid in scope.snap.unknown_authors(scope.filter) if scope.counts.unknown_authors else ():
        users.setdefault(uid, uid)  # no name anywhere: the UUID stands for it, as in the project's lists
    return users


def _root(tag: str, **attrs: str) -> etree._Element:
    return etree.Element(f"{{{NS}}}{tag}", {k: xml_text(v) for k, v in attrs.items()}, nsmap={None: NS})


_DEFAULT_NS = f' xmlns="{NS}"'.encode()


def _part(el: etree._Element) -> bytes:
    """One element of the project, serialised to go inside an element that declares the namespace.
    Its own declaration comes first in its start tag (attribute values cannot hold it: their quotes
    are escaped), and is dropped."""
    return etree.tostring(el, encoding="UTF-8", pretty_print=True).replace(_DEFAULT_NS, b"", 1)


def _start_tag(el: etree._Element) -> bytes:
    empty = etree.tostring(el, encoding="UTF-8")
    assert empty.endswith(b"/>")
    return empty[:-2] + b">\n"


class _Buffered:
    """Few, large writes into the zip entry (each write there is a compressor call)."""

    def __init__(self, out: BinaryIO, size: int = 1 << 16) -> None:
        self.out, self.size, self.held, self.n = out, size, [], 0

    def write(self, data: bytes) -> None:
        self.held.append(data)
        self.n += len(data)
        if self.n >= self.size:
            self.flush()

    def flush(self) -> None:
        self.out.write(b"".join(self.held))
        self.held.clear()
        self.n = 0


def _text_source(parent: etree._Element, d: DocumentRef, name: str, importer: str) -> etree._Element:
    src = _el(parent, "TextSource", guid=d.uuid, name=name, plainTextPath=f"internal://{d.uuid}.txt",
                creatingUser=importer, creationDateTime=to_iso(d.created_hlc))
    _text_el(src, "Description", f"Title: {d.title}\nSource file: {d.source_name}\nText SHA-256: {d.text_sha256}")
    return src


def _selection(parent: etree._Element, a: AnnotationView, language: str, note_guid: str | None) -> None:
    ps = _el(parent, "PlainTextSelection", guid=a.uuid, name=a.exact[:80], startPosition=str(a.start),
               endPosition=str(a.end), creatingUser=a.creator_uuid, creationDateTime=a.created,
               modifyingUser=a.author_uuid, modifiedDateTime=a.modified)
    description = selection_description(a, language)
    if description:
        _text_el(ps, "Description", description)
    coding = _el(ps, "Coding", guid=derived_guid(a.uuid, "coding"), creatingUser=a.creator_uuid,
                 creationDateTime=a.created)
    _el(coding, "CodeRef", targetGUID=a.label_uuid)
    if note_guid:
        _el(ps, "NoteRef", targetGUID=note_guid)


def _note(parent: etree._Element, a: AnnotationView, guid: str) -> None:
    note = _el(parent, "Note", guid=guid, name=FIELDS_NOTE, creatingUser=a.author_uuid,
               creationDateTime=a.modified)
    _text_el(note, "PlainTextContent", json.dumps(a.fields, ensure_ascii=False, sort_keys=True, indent=1))


class _Batches:
    """Children of one element written a batch at a time: they are made under a stand-in parent
    (an element of their own costs a namespace map each), which is serialised without its own
    start and end tags once it holds BATCH children (or that much `load`)."""

    def __init__(self, fh: _Buffered | IO[bytes], tag: str) -> None:
        self.fh, self.tag, self.size = fh, tag, BATCH
        self.parent = _root(tag)
        self.load = 0

    def add(self, load: int = 1) -> etree._Element:
        """The parent to make the next child under."""
        if self.load >= self.size:
            self.flush()
        self.load += load
        return self.parent

    def flush(self) -> None:
        if len(self.parent):
            whole = etree.tostring(self.parent, encoding="UTF-8", pretty_print=True)
            end = f"</{self.tag}>\n".encode()
            assert whole.endswith(end)
            self.fh.write(whole[whole.index(b"\n") + 1: -len(end)])  # the start tag is the first line
        self.parent = _root(self.tag)
        self.load = 0


def _open_part(el: etree._Element) -> tuple[bytes, bytes]:
    """An element's serialisation cut where its last child ends: (start tag and children, end tag),
    so more children can be written between the two."""
    whole = _part(el)
    end = f"</{etree.QName(el).localname}>\n".encode()
    assert whole.endswith(end)
    return whole[: -len(end)], end


def _write_sources(fh: _Buffered, scope: Scope, authors: dict[str, str], language: str, notes: _Batches,
                   tick: Ticker) -> None:
    """The TextSources, a batch of sources holding about BATCH selections at a time. A source with
    more selections than that is written in parts from there on (its start, its selections a batch
    at a time, its end): a report with thousands of them never becomes one tree in memory."""
    names: set[str] = set()
    sources = _Batches(fh, "Sources")
    for d, anns in scope.by_document():
        src = _text_source(sources.add(0), d, safe_name(d.title, names), _importer(d, authors))
        parts: _Batches | None = None
        n = 0
        for a in anns:
            if parts is None and n == BATCH:
                head, end = _open_part(src)  # while in its tree, which gives it the default namespace
                sources.parent.remove(src)
                sources.flush()  # the sources before it
                fh.write(head)
                parts = _Batches(fh, "TextSource")
            note_guid = derived_guid(a.uuid, "fields") if a.fields else None
            _selection(src if parts is None else parts.add(), a, language, note_guid)
            if note_guid:
                _note(notes.add(), a, note_guid)
            n += 1
            tick()
        if parts is None:
            sources.load += n
        else:
            parts.flush()
            fh.write(end)
    sources.flush()


def write_qde(out: BinaryIO, store: Store, scope: Scope, tick: Ticker, language: str = "en",
              spool_dir: Path | None = None) -> None:
    """project.qde, one part at a time: Users, CodeBook, each TextSource with its selections, then
    the Notes holding the fields."""
    fh = _Buffered(out)
    fh.write(b"<?xml version='1.0' encoding='UTF-8'?>\n")
    fh.write(_start_tag(_root("Project", name=store.title, origin=f"Testimonia {__version__}")))
    authors = store.authors()
    users = _users(authors, scope)
    if users:
        el = _root("Users")
        for uid, name in users.items():
            _el(el, "User", guid=uid, name=name)
        fh.write(_part(el))
    book = _root("CodeBook")
    codes = _el(book, "Codes")
    for lb in store.labels():
        code = _el(codes, "Code", guid=lb.uuid, name=lb.name, isCodable="true", color=lb.color)
        spec = labels.field_specs(lb.kind)
        about = KIND_PREFIX + lb.kind
        if spec:
            about += ". Fields: " + ", ".join(f.key for f in spec)
        _text_el(code, "Description", about)
    fh.write(_part(book))
    with tempfile.SpooledTemporaryFile(SPOOL_BYTES, dir=spool_dir) as held:
        # The Notes come after the Sources: each one is made as its annotation passes by, and kept
        # in a spool file (on disk past a few hundred kilobytes) until the Sources are written.
        notes = _Batches(held, "Notes")
        if scope.documents():
            fh.write(b"<Sources>\n")
            _write_sources(fh, scope, authors, language, notes, tick)
            fh.write(b"</Sources>\n")
        notes.flush()
        if held.tell():
            fh.write(b"<Notes>\n")
            fh.flush()
            held.seek(0)
            shutil.copyfileobj(held, out)
            fh.write(b"</Notes>\n")
    fh.write(b"</Project>\n")
    fh.flush()


# Python's zip writer needs ZIP64 chosen before an entry of unknown size passes 2 GiB; a selection
# takes well under this many bytes of project.qde (its note included), and ZIP64 is left out of
# smaller files, which every reader opens.
_QDE_BYTES_PER_ANNOTATION = 8192


def export_refi(store: Store, scope: Scope, out: Path, progress: Progress | None, language: str = "en") -> None:
    docs = scope.documents()
    tick = Ticker(progress, scope.total + len(docs))

    def write(fh: BinaryIO) -> None:
        with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            big = scope.total * _QDE_BYTES_PER_ANNOTATION > zipfile.ZIP64_LIMIT
            with zf.open(QDE_NAME, "w", force_zip64=big) as entry:
                write_qde(entry, store, scope, tick, language, spool_dir=out.parent)  # type: ignore[arg-type]
            for d in docs:
                zf.writestr(f"sources/{d.uuid}.txt", scope.text(d.uuid).encode("utf-8"))
                tick()

    write_file(out, write)
