"""SQLModel tables of the evidence register (schema version 5): entities, "same as" links,
incidents and their thesaurus and participants, annotation links, document sources, credibility
grades and memos.

Every row travels in the team merge. How each kind merges, and why, is in docs/ARCHITECTURE.md
("The evidence register"): memos are insert-only revisions (two people writing the same memo at
once must both keep their text); everything else is one row per record, last-writer-wins by HLC,
with deletion as a flag on the row so that it travels like any other edit.
"""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class Entity(SQLModel, table=True):
    __tablename__ = "entity"
    uuid: str = Field(primary_key=True)
    type: str  # person | organisation | state | place | group
    name: str  # the preferred name
    aliases: str = "[]"  # JSON list of other spellings, any script
    description: str = ""
    deleted: bool = False
    hlc: int
    author_uuid: str


class EntitySame(SQLModel, table=True):
    """`other_uuid` is the same as `keep_uuid`: a recorded merge of two entities, undone by deleting
    the record. The UUID is derived from the unordered pair, so two members who merge the same two
    entities make one record."""

    __tablename__ = "entity_same"
    uuid: str = Field(primary_key=True)
    keep_uuid: str = Field(index=True)
    other_uuid: str = Field(index=True)
    deleted: bool = False
    hlc: int
    author_uuid: str


class IncidentType(SQLModel, table=True):
    __tablename__ = "incident_type"
    uuid: str = Field(primary_key=True)
    name: str
    deleted: bool = False
    hlc: int  # 0 for the seeded types until someone renames or removes one


class Incident(SQLModel, table=True):
    __tablename__ = "incident"
    uuid: str = Field(primary_key=True)
    title: str
    type_uuid: str
    date_start: str = ""  # ISO year, month or day; "" unknown
    date_end: str = ""  # "" for a single date
    date_approx: bool = False
    place: str = ""
    place_entity: str = ""  # an entity UUID, or ""
    description: str = ""
    deleted: bool = False
    hlc: int
    author_uuid: str


class IncidentParticipant(SQLModel, table=True):
    """UUID derived from (incident, entity, role): the same participation added twice is one record."""

    __tablename__ = "incident_participant"
    uuid: str = Field(primary_key=True)
    incident_uuid: str = Field(index=True)
    entity_uuid: str = Field(index=True)
    role: str  # victim_group | perpetrator | source | intervening_party
    deleted: bool = False
    hlc: int
    author_uuid: str


class AnnotationLink(SQLModel, table=True):
    """An annotation linked to an entity (in a role) or to an incident (as evidence). UUID derived
    from (annotation, target, role)."""

    __tablename__ = "annotation_link"
    uuid: str = Field(primary_key=True)
    annotation_uuid: str = Field(index=True)
    target_kind: str  # entity | incident
    target_uuid: str = Field(index=True)
    role: str = ""  # speaker | duty_bearer | beneficiary | place for entities; "" for incidents
    deleted: bool = False
    hlc: int
    author_uuid: str


class DocumentSource(SQLModel, table=True):
    __tablename__ = "document_source"
    document_uuid: str = Field(primary_key=True)
    outlet: str = ""
    byline: str = ""  # the author of the article, as the source gives it
    published: str = ""  # ISO date
    url: str = ""
    retrieved: str = ""  # ISO date
    language: str = ""  # BCP 47 tag, e.g. en, ko
    source_type: str = ""  # news | ngo_report | un_document | testimony | official_statement | other
    reliability: str = ""  # A-F (Admiralty source reliability), "" ungraded
    hlc: int
    author_uuid: str


class AnnotationGrade(SQLModel, table=True):
    __tablename__ = "annotation_grade"
    annotation_uuid: str = Field(primary_key=True)
    grade: int = 0  # 1-6 (Admiralty information credibility); 0 ungraded
    hlc: int
    author_uuid: str


class MemoRevision(SQLModel, table=True):
    """One saved version of a memo. Insert-only like annotation revisions: the memo's text is the
    winning head's (greatest hlc, uuid); more than one head is a conflict the app shows."""

    __tablename__ = "memo_revision"
    uuid: str = Field(primary_key=True)
    target_kind: str  # project | document | entity | incident
    target_uuid: str = Field(index=True)
    parents: str = "[]"  # JSON list of memo revision UUIDs, sorted
    text: str = ""
    hlc: int
    author_uuid: str


class DocumentOriginal(SQLModel, table=True):
    """The imported file itself, kept in the project (a per-project setting, on by default below a
    size limit: core/evidence/originals.py). Its SHA-256 is the document's `source_sha256`; the
    merge and `testimonia check` verify the bytes against it."""

    __tablename__ = "document_original"
    document_uuid: str = Field(primary_key=True)
    sha256: str
    size: int
    data: bytes
    hlc: int
