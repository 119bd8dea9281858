"""SQLModel tables of a project file.

Rows that travel between team members are keyed by UUID. Annotation content lives only in
`revision` rows, which are immutable once written; `annotation` caches which revision currently
wins so that listing is a join, not a graph walk. Columns marked "derived" are recomputed locally
and never compared or copied on merge.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import Field, SQLModel


class Project(SQLModel, table=True):
    __tablename__ = "project"
    uuid: str = Field(primary_key=True)
    title: str
    created_hlc: int
    title_hlc: int  # last-writer-wins for the title


class Meta(SQLModel, table=True):
    """Local key/value state of this file (the clock); never merged."""

    __tablename__ = "meta"
    key: str = Field(primary_key=True)
    value: str


class Author(SQLModel, table=True):
    __tablename__ = "author"
    uuid: str = Field(primary_key=True)
    name: str
    hlc: int  # last-writer-wins for the display name


class Document(SQLModel, table=True):
    __tablename__ = "document"
    uuid: str = Field(primary_key=True)
    title: str
    kind: str  # txt | html | pdf | docx | paste
    source_name: str
    source_sha256: str = Field(index=True)
    text_sha256: str = Field(index=True)
    text: str  # the reference text: never changes after import
    page_starts: str | None = None  # JSON list of code-point offsets, PDF only
    metadata_json: str = "{}"
    created_hlc: int
    imported_by: str
    hlc: int  # last-writer-wins for title, metadata and removed
    # Removed from the project's lists, exports and search, but kept (with its annotations) so a
    # merge never brings it back by accident and undo or restore can. Last column: version 3 added it.
    removed: bool = Field(default=False, sa_column_kwargs={"server_default": text("0")})  # as version 3's ALTER


class DocumentAlias(SQLModel, table=True):
    """Another file's UUID for a document we hold under our UUID (same text, imported twice)."""

    __tablename__ = "document_alias"
    alias_uuid: str = Field(primary_key=True)
    document_uuid: str = Field(index=True)


class Label(SQLModel, table=True):
    __tablename__ = "label"
    uuid: str = Field(primary_key=True)
    name: str
    kind: str  # statement | figure | obligation | custom
    color: str
    shortcut: str = ""
    deleted: bool = False
    hlc: int


class Annotation(SQLModel, table=True):
    __tablename__ = "annotation"
    uuid: str = Field(primary_key=True)
    document_uuid: str = Field(index=True)
    created_hlc: int
    creator_uuid: str
    head_uuid: str  # derived: the winning head revision
    heads: int = 1  # derived: number of heads; more than one is a conflict


class Revision(SQLModel, table=True):
    __tablename__ = "revision"
    uuid: str = Field(primary_key=True)
    annotation_uuid: str = Field(index=True)
    parents: str = "[]"  # JSON list of revision UUIDs, sorted
    author_uuid: str
    hlc: int
    label_uuid: str
    span_start: int  # code points, end exclusive
    span_end: int
    exact: str
    prefix: str
    suffix: str
    fields: str = "{}"  # JSON object, sorted keys
    note: str = ""
    deleted: bool = False  # a tombstone
    is_head: bool = True  # derived
    orphaned: bool = False  # derived: could not be re-anchored onto this file's text on merge


class MergeLog(SQLModel, table=True):
    __tablename__ = "merge_log"
    id: int | None = Field(default=None, primary_key=True)
    at_hlc: int
    source_project_uuid: str
    source_file: str
    author_uuid: str
    report_json: str


# The evidence register's tables (schema version 5) live beside these; importing registers them.
from . import evidence_models  # noqa: E402, F401
