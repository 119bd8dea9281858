"""Plain values the register hands out (what the CLI prints and the GUI shows), and what each
operation reports having changed, so a view refreshes only what it shows (as Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Generic, TypeVar

from ..hlc import to_iso

T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    """Which kinds of record an operation wrote, and which records."""

    kinds: frozenset[str] = frozenset()
    uuids: tuple[str, ...] = ()

    def touches(self, kind: str) -> bool:
        return kind in self.kinds


@dataclass(frozen=True)
class Op(Generic[T]):
    value: T
    changes: Changes


@dataclass(frozen=True)
class EntityView:
    uuid: str
    type: str
    name: str
    aliases: tuple[str, ...]
    description: str
    deleted: bool
    hlc: int
    author_uuid: str
    same_as: str | None = None  # the entity this one was merged into (its register entry)
    members: tuple[str, ...] = ()  # entities merged into this one

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def to_json(self) -> dict[str, object]:
        d = asdict(self)
        d["aliases"] = list(self.aliases)
        d["members"] = list(self.members)
        d["modified"] = to_iso(self.hlc)
        del d["hlc"]
        return d


@dataclass(frozen=True)
class SameAsView:
    uuid: str
    keep_uuid: str
    other_uuid: str
    deleted: bool
    hlc: int
    author_uuid: str


@dataclass(frozen=True)
class IncidentTypeView:
    uuid: str
    name: str
    deleted: bool
    seeded: bool


@dataclass(frozen=True)
class ParticipantView:
    uuid: str
    incident_uuid: str
    entity_uuid: str
    entity_name: str
    role: str


@dataclass(frozen=True)
class IncidentView:
    uuid: str
    title: str
    type_uuid: str
    type_name: str
    date_start: str
    date_end: str
    date_approx: bool
    place: str
    place_entity: str
    description: str
    deleted: bool
    hlc: int
    author_uuid: str
    participants: tuple[ParticipantView, ...] = ()
    evidence_count: int = 0

    @property
    def when(self) -> str:
        from .vocab import when_text

        return when_text(self.date_start, self.date_end, self.date_approx)

    def to_json(self) -> dict[str, object]:
        return {
            "uuid": self.uuid, "title": self.title, "type": self.type_name, "type_uuid": self.type_uuid,
            "date": self.when, "date_start": self.date_start, "date_end": self.date_end,
            "approximate": self.date_approx, "place": self.place, "place_entity": self.place_entity or None,
            "description": self.description, "deleted": self.deleted, "modified": to_iso(self.hlc),
            "participants": [{"entity": p.entity_uuid, "name": p.entity_name, "role": p.role}
                             for p in self.participants],
            "evidence": self.evidence_count,
        }


@dataclass(frozen=True)
class LinkView:
    uuid: str
    annotation_uuid: str
    target_kind: str
    target_uuid: str
    role: str
    deleted: bool
    hlc: int
    author_uuid: str

    def to_json(self) -> dict[str, object]:
        return {"uuid": self.uuid, "annotation": self.annotation_uuid, "target_kind": self.target_kind,
                "target": self.target_uuid, "role": self.role or None, "deleted": self.deleted}


SOURCE_FIELDS = ("outlet", "byline", "published", "url", "retrieved", "language", "source_type", "reliability")


@dataclass(frozen=True)
class SourceInfo:
    document_uuid: str
    outlet: str = ""
    byline: str = ""
    published: str = ""
    url: str = ""
    retrieved: str = ""
    language: str = ""
    source_type: str = ""
    reliability: str = ""
    stored: bool = False  # False: pre-filled from what the imported file says, never edited

    def values(self) -> dict[str, str]:
        return {k: getattr(self, k) for k in SOURCE_FIELDS}

    def to_json(self) -> dict[str, object]:
        return {"document": self.document_uuid, **self.values(), "edited": self.stored}


@dataclass(frozen=True)
class MemoView:
    target_kind: str
    target_uuid: str
    text: str
    revision_uuid: str | None
    heads: int
    hlc: int
    author_uuid: str
    conflict_texts: tuple[str, ...] = ()  # the other heads' texts, when heads > 1

    def to_json(self) -> dict[str, object]:
        return {"target_kind": self.target_kind, "target": self.target_uuid, "text": self.text,
                "revision": self.revision_uuid, "conflict": self.heads > 1,
                "other_texts": list(self.conflict_texts),
                "modified": to_iso(self.hlc) if self.hlc else None}


@dataclass(frozen=True)
class EvidenceItem:
    """One annotation as evidence: its span, the document and the document's source, its grade."""

    annotation_uuid: str
    document_uuid: str
    document_title: str
    kind: str
    label: str
    start: int
    end: int
    exact: str
    fields: dict[str, object]
    grade: int
    source: SourceInfo
    deleted: bool = False
    roles: tuple[str, ...] = field(default=())

    @property
    def date(self) -> str:
        """The date the evidence is about: a figure's own date, else the source's publication date."""
        value = self.fields.get("date")
        return str(value) if value else self.source.published

    def to_json(self) -> dict[str, object]:
        return {"annotation": self.annotation_uuid, "document": self.document_uuid,
                "document_title": self.document_title, "kind": self.kind, "label": self.label,
                "start": self.start, "end": self.end, "exact": self.exact, "fields": self.fields,
                "grade": self.grade or None, "date": self.date or None,
                "source": {k: v for k, v in self.source.values().items() if v}}
