"""Hostile rows: refused by the server at insert (raw SQL as a member, or a doctored project's
push), and, when a superuser slipped one in past the checks, refused by every client's pull with
the row and who pushed it named, the project left exactly as it was."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import psycopg
import pytest

from testimonia.core import labels
from testimonia.core.server import sync
from testimonia.core.server.connection import ServerError
from testimonia.core.store import Store

from ..core.merge_helpers import snapshot
from .conftest import ANNA, BEN, new_project, random_uuid
from .helpers import server_counts


@pytest.fixture
def seeded(team, tmp_path: Path):
    """Anna's project with one annotation on the server; returns (team, store, document, annotation)."""
    store, doc = new_project(tmp_path / "a.testimonia")
    ann = store.add_annotation(doc, labels.FIGURE, 0, 5, ANNA)
    sync.sync(store, team.remote("anna"), ANNA)
    yield team, store, doc, ann
    store.close()


def _revision_row(pid: int, ann: str, **over: object) -> dict[str, object]:
    row: dict[str, object] = {
        "project_id": pid, "uuid": random_uuid(), "annotation_uuid": ann, "parents": "[]",
        "author_uuid": ANNA.uuid, "hlc": 1 << 40, "label_uuid": labels.FIGURE, "span_start": 0, "span_end": 5,
        "exact": "About", "prefix": "", "suffix": "", "fields": "{}", "note": "", "deleted": False}
    row.update(over)
    return row


def _insert(conn: psycopg.Connection, row: dict[str, object]) -> None:
    cols = ", ".join(row)
    conn.execute(f"INSERT INTO testimonia.h_revision ({cols}) VALUES ({', '.join(['%s'] * len(row))})",
                 tuple(row.values()))


def _pid(conn: psycopg.Connection) -> int:
    return conn.execute("SELECT id FROM testimonia.project WHERE name = 'co'").fetchone()[0]


@pytest.mark.parametrize(("over", "why"), [
    ({"span_start": 10, "span_end": 50_000}, "past the end of its document"),
    ({"note": "x" * 100_000_001}, "check constraint"),
    ({"uuid": "NOT-A-UUID"}, "check constraint"),
    ({"label_uuid": "d0000000-0000-4000-8000-00000000000d"}, "its label is unknown"),
    ({"parents": '["e0000000-0000-4000-8000-00000000000e"]'}, "is missing"),
    ({"annotation_uuid": "f0000000-0000-4000-8000-00000000000f"}, "is not on the server"),
])
def test_the_server_refuses_malformed_rows_at_insert(seeded, over: dict[str, object], why: str) -> None:
    team, *_rest, ann = seeded
    before = server_counts(team.admin_url)
    with psycopg.connect(team.url("anna")) as conn, pytest.raises(psycopg.errors.CheckViolation, match=why):
        _insert(conn, _revision_row(_pid(conn), ann.uuid, **over))
    assert server_counts(team.admin_url) == before


def test_a_cycle_is_refused(seeded) -> None:
    team, _store, _doc, ann = seeded
    with psycopg.connect(team.url("anna")) as conn:
        pid = _pid(conn)
        first, second = random_uuid(), random_uuid()
        with pytest.raises(psycopg.errors.CheckViolation, match="not older"):
            _insert(conn, _revision_row(pid, ann.uuid, uuid=first, parents=json.dumps([second]), hlc=10 << 20))
            _insert(conn, _revision_row(pid, ann.uuid, uuid=second, parents=json.dumps([first]), hlc=11 << 20))
            conn.commit()


def test_a_reused_uuid_with_other_content_is_refused_naming_it(seeded, tmp_path: Path) -> None:
    team, store, _doc, _ann = seeded
    rev = store.annotations()[0].revision_uuid
    other, doc2 = new_project(tmp_path / "b.testimonia", BEN)
    mine = other.add_annotation(doc2, labels.FIGURE, 0, 5, BEN)
    other.close()
    conn = sqlite3.connect(tmp_path / "b.testimonia")  # a doctored file: Anna's revision UUID, Ben's content
    conn.execute("UPDATE revision SET uuid = ? WHERE annotation_uuid = ?", (rev, mine.uuid))
    conn.commit()
    conn.close()
    before = server_counts(team.admin_url)
    with Store.open(tmp_path / "b.testimonia") as doctored, pytest.raises(ServerError) as caught:
        sync.sync(doctored, team.remote("ben"), BEN)
    assert rev in str(caught.value) and "anna" in str(caught.value) and "nothing was sent" in str(caught.value)
    assert server_counts(team.admin_url) == before


def test_a_row_a_superuser_slipped_in_is_refused_by_the_pull(seeded, tmp_path: Path) -> None:
    team, _store, _doc, ann = seeded
    with psycopg.connect(team.admin_url) as conn:
        conn.execute("SET session_replication_role = replica")  # a superuser's insert, past the triggers
        bad = _revision_row(_pid(conn), ann.uuid, span_start=10, span_end=50_000)
        _insert(conn, bad)
        conn.commit()
    fresh = Store.create(tmp_path / "fresh.testimonia", "Ben's", BEN)
    fresh.close()
    before = snapshot(tmp_path / "fresh.testimonia")
    with Store.open(tmp_path / "fresh.testimonia") as s, pytest.raises(ServerError) as caught:
        sync.sync(s, team.remote("ben"), BEN)
    text = str(caught.value)
    assert bad["uuid"] in text and "pushed by postgres" in text and "nothing was changed" in text
    after = snapshot(tmp_path / "fresh.testimonia")
    # Only what Ben's own push records (which rows the server now has) may differ: the pull wrote nothing.
    strip = {"server_sync", "server_pushed"}
    assert [t for t in after if t[0] not in strip] == [t for t in before if t[0] not in strip]
