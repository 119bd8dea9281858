"""Schema version 5 (the evidence register): a version 4 file opens, is upgraded after a backup,
keeps its rows, and ends up with exactly the tables, columns and indexes of a new file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from testimonia.core import labels
from testimonia.core.schema import SCHEMA_VERSION
from testimonia.core.schema_v5 import SEEDED_INCIDENT_TYPES
from testimonia.core.store import Store

from .store_helpers import author, new_store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DOC = "33333333-3333-4333-8333-333333333333"


def _layout(path: Path) -> tuple[dict[str, list[tuple[object, ...]]], set[str]]:
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                             "'document_fts%' AND name NOT IN ('document_sketch')")]
        columns = {t: list(conn.execute(f'PRAGMA table_xinfo("{t}")')) for t in tables}
        indexes = {" ".join(r[0].split()) for r in conn.execute("SELECT sql FROM sqlite_master WHERE type = 'index' "
                                                                 "AND sql IS NOT NULL")}
        return columns, indexes
    finally:
        conn.close()


def test_a_version_4_file_is_upgraded_to_the_register(tmp_path: Path) -> None:
    path = tmp_path / "v4.testimonia"
    conn = sqlite3.connect(path)
    conn.executescript((FIXTURES / "schema_v4.sql").read_text())
    conn.executescript(
        f"""
        INSERT INTO project VALUES ('11111111-1111-4111-8111-111111111111', 'Case file', 1, 1);
        INSERT INTO author VALUES ('22222222-2222-4222-8222-222222222222', 'Ha-eun', 1);
        INSERT INTO label VALUES ('{labels.STATEMENT}', 'Statement', 'statement', '#f4c542', '1', 0, 0);
        INSERT INTO document VALUES ('{DOC}', 'Old article', 'txt', 'a.txt',
            'x', 'y', 'The envoy said “never”.', NULL, '{{"sitename": "Daily NK"}}', 1,
            '22222222-2222-4222-8222-222222222222', 1, 0);
        """
    )
    conn.close()
    with Store.open(path) as store:
        assert store.upgraded_from == 4 and store.backup is not None
        assert sqlite3.connect(store.backup).execute("PRAGMA user_version").fetchone()[0] == 4
        reg = store.evidence
        assert {t.name for t in reg.incident_types()} == set(SEEDED_INCIDENT_TYPES)
        assert reg.source(DOC).outlet == "Daily NK"
        ent = reg.add_entity("Envoy", "person", author()).value
        assert reg.entities() == [ent]
    with new_store(tmp_path, "fresh") as fresh:
        fresh_path = fresh.path
    # Optional (schema.OPTIONAL_INDEXES): a new file has it, an upgraded one gets it at its first merge.
    with sqlite3.connect(fresh_path) as drop:
        drop.execute("DROP INDEX ix_document_lww")
    assert _layout(path) == _layout(fresh_path)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
