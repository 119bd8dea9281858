"""Version 5: the evidence register (core/evidence_models.py), as the plain SQL that version wrote.

Kept as literal text, not generated from the models, so a later change to a model cannot change
what upgrading a version 4 file produces; tests/core/test_evidence_schema.py checks that an upgraded
file and a new one have the same tables, columns and indexes.
"""

from __future__ import annotations

import sqlite3

from .ids import name_uuid

V5_TABLES = (
    "CREATE TABLE entity (uuid VARCHAR NOT NULL, type VARCHAR NOT NULL, name VARCHAR NOT NULL, "
    "aliases VARCHAR NOT NULL, description VARCHAR NOT NULL, deleted BOOLEAN NOT NULL, hlc INTEGER NOT NULL, "
    "author_uuid VARCHAR NOT NULL, PRIMARY KEY (uuid))",
    "CREATE TABLE entity_same (uuid VARCHAR NOT NULL, keep_uuid VARCHAR NOT NULL, other_uuid VARCHAR NOT NULL, "
    "deleted BOOLEAN NOT NULL, hlc INTEGER NOT NULL, author_uuid VARCHAR NOT NULL, PRIMARY KEY (uuid))",
    "CREATE INDEX ix_entity_same_keep_uuid ON entity_same (keep_uuid)",
    "CREATE INDEX ix_entity_same_other_uuid ON entity_same (other_uuid)",
    "CREATE TABLE incident_type (uuid VARCHAR NOT NULL, name VARCHAR NOT NULL, deleted BOOLEAN NOT NULL, "
    "hlc INTEGER NOT NULL, PRIMARY KEY (uuid))",
    "CREATE TABLE incident (uuid VARCHAR NOT NULL, title VARCHAR NOT NULL, type_uuid VARCHAR NOT NULL, "
    "date_start VARCHAR NOT NULL, date_end VARCHAR NOT NULL, date_approx BOOLEAN NOT NULL, place VARCHAR NOT NULL, "
    "place_entity VARCHAR NOT NULL, description VARCHAR NOT NULL, deleted BOOLEAN NOT NULL, hlc INTEGER NOT NULL, "
    "author_uuid VARCHAR NOT NULL, PRIMARY KEY (uuid))",
    "CREATE TABLE incident_participant (uuid VARCHAR NOT NULL, incident_uuid VARCHAR NOT NULL, "
    "entity_uuid VARCHAR NOT NULL, role VARCHAR NOT NULL, deleted BOOLEAN NOT NULL, hlc INTEGER NOT NULL, "
    "author_uuid VARCHAR NOT NULL, PRIMARY KEY (uuid))",
    "CREATE INDEX ix_incident_participant_entity_uuid ON incident_participant (entity_uuid)",
    "CREATE INDEX ix_incident_participant_incident_uuid ON incident_participant (incident_uuid)",
    "CREATE TABLE annotation_link (uuid VARCHAR NOT NULL, annotation_uuid VARCHAR NOT NULL, "
    "target_kind VARCHAR NOT NULL, target_uuid VARCHAR NOT NULL, role VARCHAR NOT NULL, deleted BOOLEAN NOT NULL, "
    "hlc INTEGER NOT NULL, author_uuid VARCHAR NOT NULL, PRIMARY KEY (uuid))",
    "CREATE INDEX ix_annotation_link_target_uuid ON annotation_link (target_uuid)",
    "CREATE INDEX ix_annotation_link_annotation_uuid ON annotation_link (annotation_uuid)",
    "CREATE TABLE document_source (document_uuid VARCHAR NOT NULL, outlet VARCHAR NOT NULL, byline VARCHAR NOT NULL, "
    "published VARCHAR NOT NULL, url VARCHAR NOT NULL, retrieved VARCHAR NOT NULL, language VARCHAR NOT NULL, "
    "source_type VARCHAR NOT NULL, reliability VARCHAR NOT NULL, hlc INTEGER NOT NULL, "
    "author_uuid VARCHAR NOT NULL, PRIMARY KEY (document_uuid))",
    "CREATE TABLE annotation_grade (annotation_uuid VARCHAR NOT NULL, grade INTEGER NOT NULL, hlc INTEGER NOT NULL, "
    "author_uuid VARCHAR NOT NULL, PRIMARY KEY (annotation_uuid))",
    "CREATE TABLE memo_revision (uuid VARCHAR NOT NULL, target_kind VARCHAR NOT NULL, target_uuid VARCHAR NOT NULL, "
    "parents VARCHAR NOT NULL, text VARCHAR NOT NULL, hlc INTEGER NOT NULL, author_uuid VARCHAR NOT NULL, "
    "PRIMARY KEY (uuid))",
    "CREATE INDEX ix_memo_revision_target_uuid ON memo_revision (target_uuid)",
    "CREATE TABLE document_original (document_uuid VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, size INTEGER NOT NULL, "
    "data BLOB NOT NULL, hlc INTEGER NOT NULL, PRIMARY KEY (document_uuid))",
)

# The thesaurus every project starts with. Fixed UUIDs (from the name) and hlc 0, like the built-in
# labels: they match across every file until someone renames or removes one.
SEEDED_INCIDENT_TYPES = (
    "arrest or detention",
    "forced return",
    "disappearance",
    "punishment after return",
    "torture or ill-treatment",
    "border crossing",
    "trafficking",
    "diplomatic intervention",
)


def incident_type_uuid(name: str) -> str:
    return name_uuid("incident_type", name)


def seed_incident_types(conn: sqlite3.Connection) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO incident_type(uuid, name, deleted, hlc) VALUES (?, ?, 0, 0)",
        [(incident_type_uuid(n), n) for n in SEEDED_INCIDENT_TYPES],
    )


def v4_to_v5(conn: sqlite3.Connection) -> None:
    """Version 5 adds the evidence register: new tables only, existing rows unchanged."""
    for ddl in V5_TABLES:
        conn.execute(ddl)
    seed_incident_types(conn)
