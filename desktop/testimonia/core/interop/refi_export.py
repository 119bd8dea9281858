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
import uuid
import zipfile
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from testimonia import __version__
from testimonia.core import field_text, labels
from testimonia.core.hlc import to_iso
from testimonia.core.ids import is_uuid
from testimonia.core.store import Store
from testimonia.core.views import AnnotationView

from .atomic import write_file
from .file_names import safe_name
from .selection import Progress, Selection

NS = "urn:QDA-XML:project:1.0"
QDE_NAME = "project.qde"
FIELDS_NOTE = "Testimonia fields"
KIND_PREFIX = "Testimonia kind: "
_GUID_NS = uuid.UUID("2f6b1b8e-55a1-4c55-9d0f-3a7c9e1d4b20")
# XML 1.0 cannot carry most C0 controls at all, not even escaped.
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


def _users(store: Store, sel: Selection) -> tuple[dict[str, str], dict[str, str]]:
    """Every author as uuid -> name, and for each document the uuid of whoever imported it.

    A document's importer is known by name (DocumentInfo.imported_by); one whose author row is
    missing gets a User of its own, so every creatingUser names a User of the file.
    """
    users = dict(store.authors())
    by_name = {name: uid for uid, name in sorted(users.items(), reverse=True)}
    importer: dict[str, str] = {}
    for d in sel.documents:
        uid = by_name.get(d.imported_by)
        if uid is None:  # no author row: imported_by is the bare UUID the document row holds
            uid = d.imported_by if is_uuid(d.imported_by) else derived_guid(d.uuid, "importer")
            users.setdefault(uid, f"coder {uid[:8]}")
        importer[d.uuid] = uid
    for a in sel.annotations:
        users.setdefault(a.creator_uuid, a.creator)
        users.setdefault(a.author_uuid, a.author)
    return users, importer


def build_qde(store: Store, sel: Selection, progress: Progress | None = None, language: str = "en") -> bytes:
    root = etree.Element(f"{{{NS}}}Project", nsmap={None: NS})
    root.set("name", xml_text(store.title))
    root.set("origin", f"Testimonia {__version__}")
    authors, importer = _users(store, sel)
    if authors:
        users = _el(root, "Users")
        for uid, name in authors.items():
            _el(users, "User", guid=uid, name=name)
    codes = _el(_el(root, "CodeBook"), "Codes")
    for lb in store.labels():
        code = _el(codes, "Code", guid=lb.uuid, name=lb.name, isCodable="true", color=lb.color)
        spec = labels.field_specs(lb.kind)
        about = KIND_PREFIX + lb.kind
        if spec:
            about += ". Fields: " + ", ".join(f.key for f in spec)
        _text_el(code, "Description", about)
    by_doc = sel.by_document()
    notes: list[tuple[AnnotationView, str]] = []
    done, total = 0, len(sel.annotations)
    names: set[str] = set()
    if sel.documents:
        sources = _el(root, "Sources")
        for d in sel.documents:
            src = _el(sources, "TextSource", guid=d.uuid, name=safe_name(d.title, names),
                      plainTextPath=f"internal://{d.uuid}.txt", creatingUser=importer[d.uuid],
                      creationDateTime=to_iso(d.created_hlc))
            _text_el(src, "Description", f"Title: {d.title}\nSource file: {d.source_name}\n"
                                         f"Text SHA-256: {d.text_sha256}")
            for a in by_doc.get(d.uuid, []):
                ps = _el(src, "PlainTextSelection", guid=a.uuid, name=a.exact[:80], startPosition=str(a.start),
                         endPosition=str(a.end), creatingUser=a.creator_uuid, creationDateTime=a.created,
                         modifyingUser=a.author_uuid, modifiedDateTime=a.modified)
                description = selection_description(a, language)
                if description:
                    _text_el(ps, "Description", description)
                coding = _el(ps, "Coding", guid=derived_guid(a.uuid, "coding"), creatingUser=a.creator_uuid,
                             creationDateTime=a.created)
                _el(coding, "CodeRef", targetGUID=a.label_uuid)
                if a.fields:
                    note_guid = derived_guid(a.uuid, "fields")
                    _el(ps, "NoteRef", targetGUID=note_guid)
                    notes.append((a, note_guid))
                done += 1
                if progress and (done % 200 == 0 or done == total):
                    progress(done, total)
    if notes:
        notes_el = _el(root, "Notes")
        for a, guid in notes:
            note = _el(notes_el, "Note", guid=guid, name=FIELDS_NOTE, creatingUser=a.author_uuid,
                       creationDateTime=a.modified)
            _text_el(note, "PlainTextContent", json.dumps(a.fields, ensure_ascii=False, sort_keys=True, indent=1))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def export_refi(store: Store, sel: Selection, out: Path, progress: Progress | None, language: str = "en") -> None:
    qde = build_qde(store, sel, progress, language)

    def write(fh: BinaryIO) -> None:
        with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(QDE_NAME, qde)
            for d in sel.documents:
                zf.writestr(f"sources/{d.uuid}.txt", sel.text(d.uuid).encode("utf-8"))

    write_file(out, write)
