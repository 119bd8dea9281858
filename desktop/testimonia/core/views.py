"""Plain, immutable values the API hands out: what the CLI prints and the GUI shows."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .hlc import to_iso


@dataclass(frozen=True)
class AuthorRef:
    uuid: str
    name: str


@dataclass(frozen=True)
class Content:
    """What a revision says about an annotation; an edit writes a new one of these."""

    label_uuid: str
    start: int
    end: int
    fields: dict[str, object] = field(default_factory=dict)
    note: str = ""
    deleted: bool = False


@dataclass(frozen=True)
class LabelInfo:
    uuid: str
    name: str
    kind: str
    color: str
    shortcut: str
    builtin: bool
    deleted: bool = False


@dataclass(frozen=True)
class DocumentInfo:
    uuid: str
    title: str
    kind: str
    source_name: str
    source_sha256: str
    text_sha256: str
    length: int  # code points; -1 where not read (the app's documents list reads no texts)
    pages: int | None
    created_hlc: int
    imported_by: str
    counts: dict[str, int]
    removed: bool = False

    @property
    def created(self) -> str:
        return to_iso(self.created_hlc)

    def to_json(self) -> dict[str, object]:
        d = asdict(self)
        d["created"] = self.created
        del d["created_hlc"]
        if not self.removed:
            del d["removed"]  # only `docs --removed` lists removed documents; the usual shape stays
        return d


@dataclass(frozen=True, slots=True)
class DocumentRef:
    """A document as a long read (an export, a listing) needs it: no length nor counts, which
    would mean reading every text and every annotation before the first line is written."""

    uuid: str
    title: str
    kind: str
    source_name: str
    source_sha256: str
    text_sha256: str
    page_starts: tuple[int, ...] | None
    created_hlc: int
    importer_uuid: str  # the imported_by column: an author's UUID
    imported_by: str  # that author's name where the file knows it, else the UUID
    removed: bool = False


@dataclass(frozen=True)
class RevisionView:
    uuid: str
    annotation_uuid: str
    parents: tuple[str, ...]
    author_uuid: str
    author: str
    hlc: int
    label_uuid: str
    kind: str
    label: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    fields: dict[str, object]
    note: str
    deleted: bool
    is_head: bool
    orphaned: bool = False

    @property
    def time(self) -> str:
        return to_iso(self.hlc)

    def to_json(self) -> dict[str, object]:
        return {
            "revision": self.uuid,
            "parents": list(self.parents),
            "author": self.author,
            "author_uuid": self.author_uuid,
            "time": self.time,
            "hlc": self.hlc,
            "kind": self.kind,
            "label": self.label,
            "label_uuid": self.label_uuid,
            "start": self.start,
            "end": self.end,
            "exact": self.exact,
            "fields": self.fields,
            "note": self.note,
            "deleted": self.deleted,
            "head": self.is_head,
            "orphaned": self.orphaned,
        }


@dataclass(frozen=True)
class AnnotationView:
    uuid: str
    document_uuid: str
    document_title: str
    revision_uuid: str
    label_uuid: str
    kind: str
    label: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    page: int | None
    fields: dict[str, object]
    note: str
    creator_uuid: str
    creator: str
    author_uuid: str  # who wrote the current revision
    author: str
    created_hlc: int
    modified_hlc: int
    heads: int
    deleted: bool
    orphaned: bool

    @property
    def conflict(self) -> bool:
        return self.heads > 1

    @property
    def created(self) -> str:
        return to_iso(self.created_hlc)

    @property
    def modified(self) -> str:
        return to_iso(self.modified_hlc)

    def to_json(self) -> dict[str, object]:
        return {
            "uuid": self.uuid,
            "document": self.document_uuid,
            "document_title": self.document_title,
            "revision": self.revision_uuid,
            "kind": self.kind,
            "label": self.label,
            "label_uuid": self.label_uuid,
            "start": self.start,
            "end": self.end,
            "exact": self.exact,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "page": self.page,
            "fields": self.fields,
            "note": self.note,
            "author": self.author,
            "author_uuid": self.author_uuid,
            "creator": self.creator,
            "creator_uuid": self.creator_uuid,
            "created": self.created,
            "modified": self.modified,
            "conflict": self.conflict,
            "heads": self.heads,
            "deleted": self.deleted,
            "orphaned": self.orphaned,
        }
