"""What every import shares: the report, matching incoming codes/tags to labels, and duplicates."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from testimonia.core import labels
from testimonia.core.ids import is_uuid, name_uuid, new_uuid
from testimonia.core.messages import Message, message
from testimonia.core.store import NewAnnotation, NewLabel, Store
from testimonia.core.views import AnnotationView, AuthorRef, LabelInfo

# Colours for labels created by an import when the other tool gave none; picked by name so the
# same code gets the same colour in every project.
PALETTE = ("#8dd3c7", "#bebada", "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5", "#bc80bd",
           "#ccebc5", "#ffed6f", "#a6cee3", "#b2df8a")
MAX_REPORTED_SKIPS = 200


@dataclass
class ImportReport:
    source: Path
    documents_added: int = 0
    documents_matched: int = 0
    labels_added: int = 0
    labels_matched: int = 0
    annotations_added: int = 0
    duplicates: int = 0
    # Already in the project as the same document, label, span and author, but with other fields or
    # note (another tool dropped or changed them): not added, the project's version kept.
    annotations_matched: int = 0
    reanchored: int = 0
    skipped: list[Message] = field(default_factory=list)
    # What the import wrote, so the desktop can undo it as one step (left out of to_json).
    added_documents: list[str] = field(default_factory=list)
    added_labels: list[str] = field(default_factory=list)
    added_annotations: list[str] = field(default_factory=list)

    def skip(self, text: str | Message, /, **params: object) -> None:
        """Note a part left out: a template and its fields (core/messages.py), or a Message."""
        if len(self.skipped) < MAX_REPORTED_SKIPS:
            self.skipped.append(message(text, params))
        elif len(self.skipped) == MAX_REPORTED_SKIPS:
            self.skipped.append(Message("… further skipped parts are not listed"))

    def to_json(self) -> dict[str, object]:
        return {
            "source": str(self.source), "documents_added": self.documents_added,
            "documents_matched": self.documents_matched, "labels_added": self.labels_added,
            "labels_matched": self.labels_matched, "annotations_added": self.annotations_added,
            "duplicates": self.duplicates, "annotations_matched": self.annotations_matched,
            "reanchored": self.reanchored, "skipped": [str(m) for m in self.skipped],
        }


def normal_guid(value: str | None) -> str | None:
    """A GUID as our canonical lower-case UUID form (REFI-QDA allows braces and upper case)."""
    if not value:
        return None
    v = value.strip().strip("{}").lower()
    return v if is_uuid(v) else None


def colour(value: str | None, name: str) -> str:
    v = (value or "").strip()
    if len(v) == 4 and v.startswith("#") and all(c in "0123456789abcdefABCDEF" for c in v[1:]):
        v = "#" + "".join(c * 2 for c in v[1:])
    if len(v) == 7 and v.startswith("#") and all(c in "0123456789abcdefABCDEF" for c in v[1:]):
        return v.lower()
    return PALETTE[hashlib.sha256(name.casefold().encode("utf-8")).digest()[0] % len(PALETTE)]


class LabelResolver:
    """Incoming codes or tags to labels: the same UUID, else a built-in by name or kind, else an
    existing label by name (case-insensitive), else a new custom label planned for the batch."""

    def __init__(self, store: Store) -> None:
        self._all = store.labels(include_deleted=True)
        self._live = [lb for lb in self._all if not lb.deleted]
        self._taken = {lb.uuid for lb in self._all}
        self.new: list[NewLabel] = []
        self.matched: set[str] = set()
        self._kinds: dict[str, str] = {lb.uuid: lb.kind for lb in self._all}

    def resolve(self, name: str, guid: str | None = None, color: str | None = None) -> str:
        name = " ".join(name.split())[:100] or "Unnamed code"
        for lb in self._live:
            if guid and lb.uuid == guid:
                return self._match(lb)
        folded = name.casefold()
        for b in labels.BUILTINS:
            if folded in (b.name.casefold(), b.kind):
                return self._match(next(lb for lb in self._all if lb.uuid == b.uuid))
        for lb in self._live:
            if lb.name.casefold() == folded:
                return self._match(lb)
        for nl in self.new:
            if nl.name.casefold() == folded:
                return nl.uuid
        uid = guid if guid and guid not in self._taken else new_uuid()
        self._taken.add(uid)
        self.new.append(NewLabel(uid, name, colour(color, name)))
        self._kinds[uid] = labels.CUSTOM
        return uid

    def _match(self, lb: LabelInfo) -> str:
        self.matched.add(lb.uuid)
        return lb.uuid

    def kind(self, label_uuid: str) -> str:
        return self._kinds[label_uuid]


def content_key(document: str, label: str, start: int, end: int, fields: dict[str, object], note: str) -> str:
    return json.dumps([document, label, start, end, fields, note], ensure_ascii=False, sort_keys=True)


class Deduper:
    """Drops incoming annotations identical to one already in the project (or earlier in the file),
    so importing the same file twice adds nothing the second time."""

    def __init__(self, store: Store, annotations: list[AnnotationView] | None = None) -> None:
        self._seen = {content_key(a.document_uuid, a.label_uuid, a.start, a.end, a.fields, a.note)
                      for a in (store.annotations() if annotations is None else annotations)}

    def is_new(self, na: NewAnnotation) -> bool:
        key = content_key(na.document, na.label, na.start, na.end, na.fields, na.note)
        if key in self._seen:
            return False
        self._seen.add(key)
        return True


def _person(name: str) -> str:
    return " ".join(name.split()).casefold()


class ExistingAnnotations:
    """Tells whether an incoming annotation is one the project already holds: the same document,
    label, start, end and author. The author is the same by UUID, or by name, because a tool that
    exports our file again may give its coders new identifiers (QualCoder does) and drop fields."""

    def __init__(self, annotations: list[AnnotationView]) -> None:
        self._by_span: dict[tuple[str, str, int, int], list[AnnotationView]] = {}
        for a in annotations:
            self._by_span.setdefault((a.document_uuid, a.label_uuid, a.start, a.end), []).append(a)

    def find(self, na: NewAnnotation) -> AnnotationView | None:
        same_span = self._by_span.get((na.document, na.label, na.start, na.end), [])
        who = _person(na.author.name)
        return (next((a for a in same_span if a.creator_uuid == na.author.uuid), None)
                or next((a for a in same_span if who and _person(a.creator) == who), None))


def author_ref(guid: str | None, name: str | None, fallback: AuthorRef, known: dict[str, str]) -> AuthorRef:
    """An incoming coder or creator as an author: their UUID when they have one, else one derived
    from their name (the same on every machine), else the person importing. `known` holds the
    project's authors, so a nameless reference never renames someone already there."""
    name = " ".join((name or "").split())[:200]
    if guid and is_uuid(guid):
        return AuthorRef(guid, name or known.get(guid) or f"coder {guid[:8]}")
    if name:
        return AuthorRef(name_uuid("author", name), name)
    return fallback


def time_ms(value: object) -> int | None:
    """Milliseconds since the epoch from an ISO 8601 date-time; None when absent or unreadable."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        dt = datetime.fromisoformat(value.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    try:
        ms = int(dt.timestamp() * 1000)
    except (OverflowError, OSError, ValueError):
        return None
    return ms if ms > 0 else None
