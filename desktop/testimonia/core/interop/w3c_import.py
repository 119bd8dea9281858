"""W3C Web Annotation import into a project that holds the annotated documents.

Accepts what w3c_export writes (an AnnotationCollection with embedded pages) and also a bare
AnnotationPage, a single Annotation, a JSON array of annotations, or JSON Lines. Each annotation is
located by its TextQuoteSelector and TextPositionSelector through core.anchoring.reanchor, so it
lands on the right words even when the offsets are stale. Everything is checked before anything
is written; one malformed annotation or unfindable quote refuses the whole file.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from testimonia.core import files, labels
from testimonia.core.anchoring import EXACT, ORPHANED, reanchor
from testimonia.core.errors import ImportFailed, InvalidInput, NotFound
from testimonia.core.importers import MAX_INPUT_BYTES
from testimonia.core.messages import Message
from testimonia.core.store import MAX_NOTE_CHARS, MAX_SPAN_CHARS, NewAnnotation, Store
from testimonia.core.views import AuthorRef

from .importing import Deduper, ImportReport, LabelResolver, author_ref, time_ms
from .w3c_export import FIELDS_FORMAT

MAX_ANNOTATIONS = 500_000
MAX_PAGES = 100_000
PROGRESS_EVERY = 250


@dataclass
class _Docs:
    """Documents of the project by UUID (or alias) and by SHA-256 of their text, texts cached."""

    store: Store

    def __post_init__(self) -> None:
        removed = self.store.documents(removed=True)
        self.removed = {d.uuid for d in removed}
        self.by_hash = {d.text_sha256: d.uuid for d in [*removed, *self.store.documents()]}
        self.texts: dict[str, str] = {}
        self._found: dict[tuple[object, object], str | None] = {}

    def find(self, source: Any) -> str | None:
        ident = source if isinstance(source, str) else source.get("id") if isinstance(source, dict) else None
        digest = source.get("textSha256") if isinstance(source, dict) else None
        key = (ident if isinstance(ident, str) else None, digest if isinstance(digest, str) else None)
        if key not in self._found:  # thousands of annotations name the same few documents
            self._found[key] = self._find(*key)
        return self._found[key]

    def _find(self, ident: str | None, digest: str | None) -> str | None:
        if ident is not None and ident.startswith("urn:uuid:"):
            try:
                return self.store.resolve_document(ident[len("urn:uuid:"):].lower())
            except NotFound:
                pass
        return self.by_hash.get(digest) if digest is not None else None

    def text(self, uuid: str) -> str:
        if uuid not in self.texts:
            self.texts[uuid] = self.store.document_text(uuid)
        return self.texts[uuid]


def import_w3c(store: Store, path: Path | str, author: AuthorRef,
               progress: Callable[[int, int], None] | None = None) -> ImportReport:
    """`progress(done, total)` follows the annotations being checked; the write is one transaction."""
    path = Path(path)
    items = _annotations(_load(path), path)
    report = ImportReport(path)
    docs = _Docs(store)
    resolver = LabelResolver(store)
    dedupe = Deduper(store)
    known = store.authors()
    planned: list[NewAnnotation] = []
    for i, item in enumerate(items, 1):
        if progress is not None and i % PROGRESS_EVERY == 1:
            progress(i - 1, len(items))
        where = _name(item, i)
        try:
            na = _plan(item, docs, resolver, author, known, report, where)
        except InvalidInput as exc:
            raise ImportFailed(path, "{where}: {problem}", where=where, problem=exc.message) from None
        if na is None:
            continue
        if dedupe.is_new(na):
            planned.append(na)
        else:
            report.duplicates += 1
    labels_used = {na.label for na in planned}
    new_labels = [nl for nl in resolver.new if nl.uuid in labels_used]
    try:
        _docs, added = store.add_batch(author, labels_=new_labels, annotations=planned)
    except InvalidInput as exc:  # every refusal names the file
        raise ImportFailed(path, exc.message) from None
    report.added_annotations, report.added_labels = added, [nl.uuid for nl in new_labels]
    report.annotations_added = len(added)
    report.labels_added = len(new_labels)
    report.labels_matched = len(resolver.matched & labels_used)
    report.documents_matched = len({na.document for na in planned})
    return report


def _load(path: Path) -> Any:
    raw = files.read_bytes(path, limit=MAX_INPUT_BYTES, error=ImportFailed)  # never a pipe or a device
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFailed(path, "not UTF-8 text, so not W3C annotation JSON") from None
    try:
        return json.loads(text)
    except RecursionError:
        raise ImportFailed(path, "the JSON is nested too deeply to be annotations") from None
    except ValueError as whole_error:
        lines = [ln for ln in text.splitlines() if ln.strip()]
        if len(lines) > 1:  # JSON Lines: one annotation per line
            out = []
            for n, line in enumerate(text.splitlines(), 1):
                if line.strip():
                    try:
                        out.append(json.loads(line))
                    except RecursionError:
                        raise ImportFailed(path, "line {n}: the JSON is nested too deeply", n=n) from None
                    except ValueError as exc:
                        raise ImportFailed(path, "line {n} is not valid JSON ({detail})", n=n, detail=exc) from None
            return out
        raise ImportFailed(path, "not valid JSON ({detail})", detail=whole_error) from None


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("type", obj.get("@type"))
    return {t} if isinstance(t, str) else {x for x in t if isinstance(x, str)} if isinstance(t, list) else set()


def _annotations(data: Any, path: Path) -> list[Any]:
    if isinstance(data, list):
        return data if len(data) <= MAX_ANNOTATIONS else _too_many(path)
    if not isinstance(data, dict):
        raise ImportFailed(path, "expected a W3C AnnotationCollection, AnnotationPage or Annotation")
    kinds = _types(data)
    if "Annotation" in kinds:
        return [data]
    page = data.get("first") if "AnnotationCollection" in kinds else data if "AnnotationPage" in kinds else None
    if page is None:
        raise ImportFailed(path, "expected a W3C AnnotationCollection, AnnotationPage or Annotation")
    items: list[Any] = []
    for _ in range(MAX_PAGES):
        if page is None:
            return items
        if not isinstance(page, dict):
            raise ImportFailed(path, "the collection's pages are not embedded in the file (only linked), "
                                     "so there is nothing to import offline")
        got = page.get("items", [])
        if not isinstance(got, list):
            raise ImportFailed(path, "a page's items are not a list")
        items += got
        if len(items) > MAX_ANNOTATIONS:
            _too_many(path)
        page = page.get("next")
    raise ImportFailed(path, "more than {limit:,} pages", limit=MAX_PAGES)


def _too_many(path: Path) -> list[Any]:
    raise ImportFailed(path, "more than {limit:,} annotations in one file", limit=MAX_ANNOTATIONS)


def _name(item: Any, i: int) -> Message:
    ident = item.get("id") if isinstance(item, dict) else None
    return Message("annotation {uuid}", uuid=ident) if isinstance(ident, str) else Message("annotation #{n}", n=i)


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _plan(item: Any, docs: _Docs, resolver: LabelResolver, author: AuthorRef, known: dict[str, str],
          report: ImportReport, where: Message) -> NewAnnotation | None:
    if not isinstance(item, dict) or "Annotation" not in _types(item):
        raise InvalidInput("not an Annotation object")
    target = next((t for t in _as_list(item.get("target")) if isinstance(t, dict) and "selector" in t), None)
    if target is None:
        raise InvalidInput("its target has no selector, so it cannot be placed in a text")
    doc = docs.find(target.get("source"))
    if doc is None:
        report.skip("{where}: its document is not in this project; import the document first", where=where)
        return None
    if doc in docs.removed:  # annotations added there would be hidden with it
        report.skip("{where}: its document was removed from this project; restore it first", where=where)
        return None
    text = docs.text(doc)
    start, end, reanchored = _anchor(_as_list(target.get("selector")), text)
    if reanchored:
        report.reanchored += 1
    tag, note, fields = _bodies(item)
    if tag is None:
        report.skip("{where}: no tagging body names its kind; skipped", where=where)
        return None
    label = resolver.resolve(tag)
    fields = labels.validate_fields(resolver.kind(label), fields)
    if len(note) > MAX_NOTE_CHARS:
        raise InvalidInput("the note is longer than {limit} characters", limit=MAX_NOTE_CHARS)
    if "\x00" in note:
        raise InvalidInput("its note holds a NUL character, which Testimonia never stores")
    creator = item.get("creator")
    creator = creator[0] if isinstance(creator, list) and creator else creator
    guid = name = None
    if isinstance(creator, dict):
        ident, name = creator.get("id"), creator.get("name")
        name = name[0] if isinstance(name, list) and name else name
        guid = ident[len("urn:uuid:"):].lower() if isinstance(ident, str) and ident.startswith("urn:uuid:") else None
    elif isinstance(creator, str) and creator.startswith("urn:uuid:"):
        guid = creator[len("urn:uuid:"):].lower()
    who = author_ref(guid, name if isinstance(name, str) else None, author, known)
    return NewAnnotation(doc, label, start, end, who, fields, note, created_ms=time_ms(item.get("created")))


def _anchor(selectors: list[Any], text: str) -> tuple[int, int, bool]:
    quote = next((s for s in selectors if isinstance(s, dict) and "TextQuoteSelector" in _types(s)), None)
    pos = next((s for s in selectors if isinstance(s, dict) and "TextPositionSelector" in _types(s)), None)
    start = end = None
    if pos is not None:
        start, end = pos.get("start"), pos.get("end")
        if not (type(start) is int and type(end) is int and 0 <= start <= end):
            raise InvalidInput("TextPositionSelector start/end must be whole numbers with start ≤ end, got "
                               "{start!r}..{end!r}", start=start, end=end)
    if quote is None:
        if start is None or end is None:
            raise InvalidInput("no TextQuoteSelector or TextPositionSelector")
        if end > len(text) or start == end:
            raise InvalidInput("offsets {start}..{end} do not fit the text (0..{length})", start=start, end=end,
                               length=len(text))
        if end - start > MAX_SPAN_CHARS:
            raise InvalidInput("a span of {length} characters is longer than {limit}", length=end - start,
                               limit=MAX_SPAN_CHARS)
        return start, end, False
    exact, prefix, suffix = quote.get("exact"), quote.get("prefix", ""), quote.get("suffix", "")
    if not isinstance(exact, str) or not exact or not isinstance(prefix, str) or not isinstance(suffix, str):
        raise InvalidInput("TextQuoteSelector needs a non-empty string exact (and string prefix/suffix)")
    if len(exact) > MAX_SPAN_CHARS:
        raise InvalidInput("the quote is longer than {limit} characters", limit=MAX_SPAN_CHARS)
    found = reanchor(text, start or 0, end or 0, exact, prefix, suffix)
    if found.status == ORPHANED or found.start >= found.end:
        raise InvalidInput("its quote “{exact}” is not in the document (wrong offsets, or another text)",
                           exact=exact[:60])
    return found.start, found.end, pos is not None and found.status != EXACT


def _bodies(item: dict[str, Any]) -> tuple[str | None, str, dict[str, object]]:
    tags: list[str] = []
    notes: list[str] = []
    fields: dict[str, object] = {}
    for body in _as_list(item.get("body")):
        if not isinstance(body, dict) or "value" not in body:
            continue
        value = body["value"]
        purpose = body.get("purpose", item.get("motivation"))
        purposes = set(_as_list(purpose))
        if body.get("format") == FIELDS_FORMAT and "describing" in purposes:
            try:
                parsed = json.loads(value) if isinstance(value, str) else None
            except ValueError:
                parsed = None
            if not isinstance(parsed, dict):
                raise InvalidInput("its fields body is not a JSON object")
            fields.update(parsed)
        elif not isinstance(value, str):
            raise InvalidInput("a TextualBody value must be a string")
        elif "tagging" in purposes or "classifying" in purposes:
            tags.append(value)
        elif "commenting" in purposes or "describing" in purposes or not purposes:
            notes.append(value)
    if isinstance(item.get("bodyValue"), str):
        notes.append(item["bodyValue"])
    builtin = next((t for t in tags if t.strip().casefold() in labels.BY_KIND), None)
    tag = builtin or (tags[0] if tags else None)
    return tag, "\n\n".join(n for n in notes if n), fields
