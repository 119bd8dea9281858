"""REFI-QDA import: text sources become documents, codes labels, coded selections annotations.

Everything is read and checked first (refi_read), then planned against the project (matching
documents by the SHA-256 of their text, codes to labels by GUID or name), then written with one
Store.add_batch call: the project gains all of it or none of it.
"""

from __future__ import annotations

import json
from pathlib import Path

from testimonia.core import labels
from testimonia.core.errors import ImportFailed, InvalidInput, NotFound
from testimonia.core.ids import new_uuid
from testimonia.core.importers import Extracted
from testimonia.core.messages import Message
from testimonia.core.store import MAX_NOTE_CHARS, MAX_SPAN_CHARS, NewAnnotation, NewDocument, Store
from testimonia.core.textnorm import sha256_hex
from testimonia.core.views import AuthorRef

from .importing import Deduper, ExistingAnnotations, ImportReport, LabelResolver, author_ref, time_ms
from .refi_export import FIELDS_NOTE, note_from_description
from .refi_read import Project, TextSource, read_qdpx
from .textmap import normalise_mapped


def import_qdpx(store: Store, path: Path | str, author: AuthorRef) -> ImportReport:
    path = Path(path)
    project = read_qdpx(path)
    report = ImportReport(path)
    for message in project.skipped:
        report.skip(message)
    try:
        return _plan_and_write(store, project, path, author, report)
    except InvalidInput as exc:
        raise ImportFailed(path, exc.message) from None


def _plan_and_write(store: Store, project: Project, path: Path, author: AuthorRef,
                    report: ImportReport) -> ImportReport:
    known = {**store.authors()}
    resolver = LabelResolver(store)
    code_labels = {g: resolver.resolve(c.name, g, c.color) for g, c in project.codes.items() if c.codable}
    existing = {}
    for d in store.documents():
        existing[d.text_sha256] = d.uuid
        existing.setdefault(d.source_sha256, d.uuid)
    annotations = store.annotations()
    dedupe, existing_annotations = Deduper(store, annotations), ExistingAnnotations(annotations)
    new_docs: list[NewDocument] = []
    planned: list[NewAnnotation] = []
    matched: set[str] = set()
    for src in project.texts:
        what = Message("source “{name}”", name=src.name)
        text, mapping = normalise_mapped(src.raw)
        if not text.strip():
            report.skip("{what}: has no text; skipped", what=what)
            continue
        text_sha, source_sha = sha256_hex(text), sha256_hex(src.data)
        doc = existing.get(text_sha) or existing.get(source_sha)
        if doc is not None:
            matched.add(doc)
        else:
            doc = _new_uuid_for(store, src, {str(nd.uuid) for nd in new_docs}) or new_uuid()
            new_docs.append(NewDocument(Extracted(
                text=text, title=src.name, kind="txt", source_name=f"{path.name}: {src.name}",
                source_sha256=source_sha, text_sha256=text_sha, page_starts=None,
                metadata={"refi_qda_guid": src.guid or "", "refi_qda_project": path.name},
            ), doc))
            existing[text_sha] = existing[source_sha] = doc
        for sel in src.selections:
            start, end = mapping[sel.start], mapping[sel.end]
            where = Message("{what}, selection {guid}", what=what, guid=sel.guid)
            if start >= end:
                report.skip("{where}: empty selection ({start}..{end}); skipped", where=where, start=sel.start,
                            end=sel.end)
                continue
            if end - start > MAX_SPAN_CHARS:
                report.skip("{where}: longer than {limit} characters; skipped", where=where, limit=MAX_SPAN_CHARS)
                continue
            if not sel.codings:
                report.skip("{where}: carries no code; skipped", where=where)
                continue
            fields, notes = _fields_and_notes(project, sel.notes, where)
            for coding in sel.codings:
                label = code_labels.get(coding.code)
                if label is None:
                    code = project.codes.get(coding.code)
                    if code is None:
                        report.skip("{where}: refers to code {code}, which is not in the codebook; skipped",
                                    where=where, code=coding.code)
                        continue
                    label = code_labels[coding.code] = resolver.resolve(code.name, code.guid, code.color)
                more_fields, more_notes = _fields_and_notes(project, coding.notes, where)
                all_fields = {**fields, **more_fields}
                # Our own export repeats the fields as lines after the note, for tools that show only that.
                description = note_from_description(sel.description, resolver.kind(label), all_fields)
                note = "\n\n".join(n for n in [description, *notes, *more_notes] if n)
                if len(note) > MAX_NOTE_CHARS:
                    raise InvalidInput("{where}: the note is longer than {limit} characters", where=where,
                                       limit=MAX_NOTE_CHARS)
                try:
                    checked = labels.validate_fields(resolver.kind(label), all_fields)
                except InvalidInput as exc:
                    raise InvalidInput("{where}: {problem}", where=where, problem=exc.message) from None
                uid = coding.user or sel.user
                who = author_ref(uid, project.users.get(uid or ""), author, known)
                na = NewAnnotation(doc, label, start, end, who, checked, note,
                                   created_ms=time_ms(coding.created or sel.created))
                same = existing_annotations.find(na)
                if same is not None and (same.fields, same.note) != (checked, note):
                    report.annotations_matched += 1
                elif dedupe.is_new(na):
                    planned.append(na)
                else:
                    report.duplicates += 1
    new_labels = resolver.new
    report.added_documents, report.added_annotations = store.add_batch(author, documents=new_docs,
                                                                       labels_=new_labels, annotations=planned)
    report.added_labels = [nl.uuid for nl in new_labels]
    report.documents_added = len(new_docs)
    report.documents_matched = len(matched)
    report.labels_added = len(new_labels)
    report.labels_matched = len(resolver.matched)
    report.annotations_added = len(planned)
    return report


def _new_uuid_for(store: Store, src: TextSource, planned: set[str]) -> str | None:
    """The source's own GUID when the project does not use it yet, so the document keeps its identity."""
    if not src.guid or src.guid in planned:
        return None
    try:
        store.resolve_document(src.guid)
    except NotFound:
        return src.guid
    return None


def _fields_and_notes(project: Project, refs: list[str], where: str) -> tuple[dict[str, object], list[str]]:
    fields: dict[str, object] = {}
    notes: list[str] = []
    for guid in refs:
        if guid not in project.notes:
            continue  # a dangling reference loses nothing we could show
        name, text = project.notes[guid]
        if name == FIELDS_NOTE:
            try:
                parsed = json.loads(text)
            except ValueError:
                parsed = None
            if not isinstance(parsed, dict):
                raise InvalidInput("{where}: the note “{name}” is not a JSON object", where=where, name=FIELDS_NOTE)
            fields.update(parsed)
        elif text.strip():
            notes.append(text)
    return fields, notes
