"""The evidence register through the team server: entities, aliases, "same as", incidents and
their participants, links, sources, grades, memos and kept originals travel; a sync ends with the
register a file merge gives, deletions and removals included; hostile register rows are refused
at insert; a server of the schema before the register gains its tables with `server upgrade`."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import psycopg
import pytest

from testimonia.core import merge
from testimonia.core.ids import name_uuid
from testimonia.core.server import admin, ddl, sync
from testimonia.core.server.connection import ServerError
from testimonia.core.server.local_state import Remote
from testimonia.core.server.tables import server_tables
from testimonia.core.store import Store

from ..core.merge_helpers import snapshot, state
from ..core.store_helpers import ARTICLE, span
from ..core.test_evidence_merge import register_state
from .conftest import ANNA, BEN, random_uuid
from .helpers import copy_file


def _case(store: Store, src: Path) -> dict[str, str]:
    """Anna's case: one of every register record, the original kept."""
    doc = store.import_file(src, ANNA)
    fig = store.add_annotation(doc.uuid, "figure", *span(ARTICLE, "About 60 North Koreans"), ANNA,
                               fields={"value": 60, "approximate": True})
    st_ = store.add_annotation(doc.uuid, "statement", *span(ARTICLE, "“We will not send them back to face torture,”"),
                               ANNA, fields={"speaker": "the minister"})
    reg = store.evidence
    minister = reg.add_entity("Jung Park", "person", ANNA, aliases=["Jeong Park", "정 박"]).value
    china = reg.add_entity("China", "state", ANNA).value
    prc = reg.add_entity("PRC", "state", ANNA).value
    reg.merge_entities(china.uuid, prc.uuid, ANNA)
    kind = reg.add_incident_type("Mass deportation", ANNA).value
    inc = reg.add_incident("Shenyang returns", kind.uuid, ANNA, date_start="2024-04", place="Shenyang").value
    reg.add_participant(inc.uuid, china.uuid, "perpetrator", ANNA)
    reg.add_participant(inc.uuid, minister.uuid, "source", ANNA)
    reg.link_incident(fig.uuid, inc.uuid, ANNA)
    reg.link_entity(st_.uuid, minister.uuid, "speaker", ANNA)
    reg.set_grade(fig.uuid, 2, ANNA)
    reg.set_source(doc.uuid, ANNA, outlet="Daily NK", published="2024-04-26", reliability="B", source_type="news")
    reg.set_memo("incident", inc.uuid, "Two outlets disagree.", ANNA)
    reg.set_memo("project", "", "Scope: 2023-2024 returns.", ANNA)
    return {"doc": doc.uuid, "fig": fig.uuid, "st": st_.uuid, "minister": minister.uuid, "china": china.uuid,
            "prc": prc.uuid, "inc": inc.uuid}


def _same(*stores: Store) -> None:
    first = stores[0]
    for other in stores[1:]:
        assert register_state(other) == register_state(first)
        assert state(other) == state(first)


def _reopen(*paths: Path) -> list[Store]:
    return [Store.open(p) for p in paths]


def test_the_register_syncs_as_a_file_merge_gives_it(team, tmp_path: Path) -> None:
    src = tmp_path / "article.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    a = Store.create(tmp_path / "a.testimonia", "Team", ANNA)
    ids = _case(a, src)
    b = Store.create(tmp_path / "b.testimonia", "Team", BEN)
    a.close()
    b.close()
    copy_file(tmp_path / "a.testimonia", tmp_path / "a_file.testimonia")
    copy_file(tmp_path / "b.testimonia", tmp_path / "b_file.testimonia")
    a, b, af, bf = _reopen(*(tmp_path / f"{n}.testimonia" for n in ("a", "b", "a_file", "b_file")))
    # Round 1: Anna's case reaches Ben, by the server and by a file.
    first = sync.sync(a, team.remote("anna"), ANNA)
    assert {st.name for st in server_tables()} - set(first.pushed) <= {"h_document_alias"}
    pulled = sync.sync(b, team.remote("ben"), BEN)
    merge.merge(bf, af.path, BEN)
    _same(b, bf)
    assert pulled.merge is not None and pulled.merge.records["entity"]["new"] == 3
    assert b.evidence.entity("PRC").uuid == ids["china"] and b.evidence.entity("정 박").uuid == ids["minister"]
    assert b.evidence.original(ids["doc"]) == src.read_bytes()
    assert b.evidence.incident_evidence(ids["inc"])["figure"][0].grade == 2
    # Round 2: both edit at once, removals and undos among the edits.
    a.evidence.set_memo("incident", ids["inc"], "Anna: one outlet.", ANNA)  # a memo conflict, kept
    b.evidence.set_memo("incident", ids["inc"], "Ben: two outlets.", BEN)
    a.evidence.unlink(a.evidence.links(ids["st"])[0].uuid, ANNA)
    a.evidence.set_grade(ids["fig"], 0, ANNA)
    a.evidence.remove_participant(ids["inc"], ids["minister"], "source", ANNA)
    b.evidence.unmerge_entities(ids["china"], BEN, other="PRC")
    b.evidence.edit_entity(ids["minister"], BEN, aliases=["Jeong Park", "정 박", "J. Park"])
    b.evidence.delete_entity(ids["prc"], BEN)
    b.evidence.set_source(ids["doc"], BEN, outlet="Daily NK", reliability="C")
    b.evidence.edit_incident(ids["inc"], BEN, title="Shenyang forced returns")
    for s in (a, b, af, bf):
        s.close()
    copy_file(tmp_path / "a.testimonia", tmp_path / "a2_file.testimonia")
    copy_file(tmp_path / "b.testimonia", tmp_path / "b2_file.testimonia")
    a, b, af, bf = _reopen(*(tmp_path / f"{n}.testimonia" for n in ("a", "b", "a2_file", "b2_file")))
    merge.merge(af, bf.path, ANNA)
    merge.merge(bf, af.path, BEN)
    sync.sync(a, team.remote("anna"), ANNA)
    sync.sync(b, team.remote("ben"), BEN)
    sync.sync(a, team.remote("anna"), ANNA)
    _same(a, af, b, bf)
    assert b.evidence.links(ids["st"]) == [] and b.evidence.grade(ids["fig"]) == 0
    assert a.evidence.entity("China").uuid == ids["china"] and a.evidence.memo("incident", ids["inc"]).heads == 2
    assert [p.role for p in a.evidence.incident(ids["inc"]).participants] == ["perpetrator"]
    # Everything is on both sides and marked: nothing travels again.
    for s, who, member in ((a, ANNA, "anna"), (b, BEN, "ben")):
        again = sync.sync(s, team.remote(member), who)
        assert again.pushed_total == 0 and again.pulled_total == 0, (member, again.pushed, again.pulled)
    for s in (a, b, af, bf):
        s.close()


@pytest.fixture
def seeded(team, tmp_path: Path):  # type: ignore[no-untyped-def]
    src = tmp_path / "article.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    store = Store.create(tmp_path / "a.testimonia", "Team", ANNA)
    ids = _case(store, src)
    sync.sync(store, team.remote("anna"), ANNA)
    yield team, store, ids
    store.close()


def _row(conn: psycopg.Connection, table: str, where: str, **over: object) -> None:
    """Insert a copy of one of the server's rows of `table`, changed by `over`."""
    st = next(s for s in server_tables() if s.name == table)
    row = dict(zip(("project_id", *st.names), conn.execute(
        f"SELECT project_id, {', '.join(st.names)} FROM testimonia.{table} WHERE {where} LIMIT 1").fetchone(),
        strict=True))
    row.update(over)
    conn.execute(f"INSERT INTO testimonia.{table} ({', '.join(row)}) VALUES ({', '.join(['%s'] * len(row))})",
                 tuple(row.values()))


HOSTILE = [
    ("h_annotation_grade", "true", {"grade": 9}, "check constraint"),
    ("h_annotation_grade", "true", {"annotation_uuid": "f0000000-0000-4000-8000-00000000000f"},
     "its annotation is not on the server"),
    ("h_annotation_link", "true", {"annotation_uuid": "f0000000-0000-4000-8000-00000000000f", "hlc": 1 << 50},
     "its annotation is not on the server"),
    ("h_annotation_link", "target_kind = 'entity'", {"target_uuid": "f0000000-0000-4000-8000-00000000000f"},
     "not on the server"),
    ("h_annotation_link", "target_kind = 'entity'", {"role": "victim", "hlc": 1 << 50}, "check constraint"),
    ("h_entity", "true", {"type": "alien", "hlc": 1 << 50}, "check constraint"),
    ("h_entity", "true", {"name": "   ", "hlc": 1 << 50}, "check constraint"),
    ("h_entity", "true", {"aliases": '["ok", 7]', "hlc": 1 << 50}, "its aliases are not"),
    ("h_entity_same", "true", {"other_uuid": "f0000000-0000-4000-8000-00000000000f"}, "not on the server"),
    ("h_entity_same", "true", {"uuid": "f0000000-0000-4000-8000-00000000000f", "hlc": 1 << 50},
     "its UUID is not the one its contents give"),
    ("h_incident_participant", "true", {"uuid": "f0000000-0000-4000-8000-00000000000f"},
     "its UUID is not the one its contents give"),
    ("h_annotation_link", "true", {"uuid": "f0000000-0000-4000-8000-00000000000f"},
     "its UUID is not the one its contents give"),
    ("h_incident", "true", {"date_start": "26 April", "hlc": 1 << 50}, "check constraint"),
    ("h_incident", "true", {"type_uuid": "f0000000-0000-4000-8000-00000000000f"}, "incident type is not"),
    ("h_incident_participant", "true", {"role": "bystander", "hlc": 1 << 50}, "check constraint"),
    ("h_document_source", "true", {"reliability": "G", "hlc": 1 << 50}, "check constraint"),
    ("h_document_source", "true", {"document_uuid": "f0000000-0000-4000-8000-00000000000f"},
     "its document is not on the server"),
    ("h_memo_revision", "true", {"uuid": "f0000000-0000-4000-8000-00000000000f", "parents": '["nope"]'},
     "its parents are not"),
    ("h_memo_revision", "target_kind = 'project'", {"uuid": "f0000000-0000-4000-8000-00000000000f",
                                                    "target_uuid": "f0000000-0000-4000-8000-00000000000f"},
     "check constraint"),
    ("h_document_original", "true", {"document_uuid": "f0000000-0000-4000-8000-00000000000f",
                                     "data": b"not the file"}, "check constraint"),
]


def test_hostile_register_rows_are_refused_at_insert(seeded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    team, _store, _ids = seeded
    with psycopg.connect(team.url("anna"), autocommit=True) as conn:
        for table, where, over, why in HOSTILE:
            with pytest.raises(psycopg.Error, match=why):
                _row(conn, table, where, **over)
        _row(conn, "h_annotation_grade", "true", grade=5, hlc=1 << 50)  # the same row, sane, goes in
        # The server derives record UUIDs as core/ids.name_uuid does (SHA-1 in PL/pgSQL), at every
        # length around SHA-1's 55- and 64-byte block edges, in any script.
        for name in ("", "a" * 40, "b" * 41, "c" * 42, "d" * 55, "정" * 19, "e" * 64, "f|g" * 60, "강제북송|x" * 9):
            got = conn.execute("SELECT testimonia.derived_uuid('annotation_link', %s)", (name,)).fetchone()[0]
            assert got == name_uuid("annotation_link", name), name
    # A superuser's insert past the server's checks: every pull refuses it, naming it and its
    # pusher, and changes nothing.
    forged = random_uuid()
    with psycopg.connect(team.admin_url) as conn:
        conn.execute("SET session_replication_role = replica")
        _row(conn, "h_annotation_link", "true", uuid=forged, hlc=1 << 51)
        conn.commit()
    fresh = Store.create(tmp_path / "fresh.testimonia", "Ben's", BEN)
    fresh.close()
    before = snapshot(tmp_path / "fresh.testimonia")
    with Store.open(tmp_path / "fresh.testimonia") as s, pytest.raises(ServerError) as caught:
        sync.sync(s, team.remote("ben"), BEN)
    assert forged in str(caught.value) and "pushed by postgres" in str(caught.value)
    strip = {"server_sync", "server_pushed"}  # Ben's own push is recorded; the pull wrote nothing
    assert [t for t in snapshot(tmp_path / "fresh.testimonia") if t[0] not in strip] == \
        [t for t in before if t[0] not in strip]


def test_a_doctored_project_pushes_nothing_and_is_told(seeded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    team, store, ids = seeded
    store.evidence.set_grade(ids["st"], 4, ANNA)
    store.close()
    conn = sqlite3.connect(tmp_path / "a.testimonia")
    conn.execute("UPDATE annotation_grade SET grade = 9 WHERE annotation_uuid = ?", (ids["st"],))
    conn.execute("UPDATE annotation_link SET annotation_uuid = ? WHERE target_kind = 'incident'", (random_uuid(),))
    conn.commit()
    conn.close()
    store = Store.open(tmp_path / "a.testimonia")
    before = snapshot(store.path)
    with psycopg.connect(team.admin_url) as pg:
        counts = pg.execute("SELECT count(*) FROM testimonia.h_annotation_grade").fetchone()[0]
    with pytest.raises(ServerError, match=r"annotation link .*: its annotation is not on the server"):
        sync.sync(store, team.remote("anna"), ANNA)
    assert snapshot(store.path) == before
    with psycopg.connect(team.admin_url) as pg:
        assert pg.execute("SELECT count(*) FROM testimonia.h_annotation_grade").fetchone()[0] == counts
    store.close()


def _catalog(url: str) -> list[tuple[object, ...]]:
    """The server schema as PostgreSQL describes it: columns, constraints, indexes, triggers,
    policies and grants (what an upgraded server and a new one must share)."""
    with psycopg.connect(url) as conn:
        out: list[tuple[object, ...]] = []
        for sql in (
            "SELECT table_name, column_name, data_type, is_nullable, coalesce(column_default, '') "
            "FROM information_schema.columns WHERE table_schema = 'testimonia'",
            "SELECT conrelid::regclass::text, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE connamespace = 'testimonia'::regnamespace",
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'testimonia'",
            "SELECT tgrelid::regclass::text, tgname, tgfoid::regproc::text FROM pg_trigger "
            "WHERE NOT tgisinternal AND tgrelid::regclass::text LIKE 'testimonia.%'",
            "SELECT tablename, policyname, cmd, qual, with_check FROM pg_policies WHERE schemaname = 'testimonia'",
            "SELECT table_name, privilege_type, grantee FROM information_schema.role_table_grants "
            "WHERE table_schema = 'testimonia'",
            "SELECT table_name, column_name, privilege_type, grantee FROM information_schema.column_privileges "
            "WHERE table_schema = 'testimonia' AND grantee != current_user",
            "SELECT p.proname, pg_get_functiondef(p.oid) FROM pg_proc AS p WHERE p.pronamespace = "
            "'testimonia'::regnamespace",
            "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relnamespace = "
            "'testimonia'::regnamespace AND relkind = 'r'",
        ):
            out += sorted((sql[:20], *map(str, r)) for r in conn.execute(sql).fetchall())
        return out


def test_an_older_server_gains_the_register_with_upgrade(pg, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    old = pg.create_database("evidence_upgrade")
    with psycopg.connect(old) as conn:  # a server as Testimonia's schema version 1 made it
        ddl.ensure_group_role(conn, "testimonia")
        for statement in ddl.schema_statements("testimonia", version=1):
            conn.execute(statement)
        conn.execute("INSERT INTO testimonia.project(name) VALUES ('co')")
        conn.commit()
    with pytest.raises(ServerError, match="server upgrade"):
        admin.add_member(old, "co", "anna", "annotator")
    assert admin.upgrade(old) == (1, ddl.SERVER_VERSION)
    assert admin.upgrade(old) == (ddl.SERVER_VERSION, ddl.SERVER_VERSION)
    fresh = pg.create_database("evidence_fresh")
    admin.init(fresh)
    assert _catalog(old) == _catalog(fresh)
    # The upgraded server carries the register.
    admin.add_member(old, "co", "anna", "annotator")
    admin.add_member(old, "co", "ben", "annotator")
    src = tmp_path / "article.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    a = Store.create(tmp_path / "a.testimonia", "Team", ANNA)
    ids = _case(a, src)
    b = Store.create(tmp_path / "b.testimonia", "Team", BEN)
    sync.sync(a, Remote(pg.url("evidence_upgrade", "anna"), "co"), ANNA)
    sync.sync(b, Remote(pg.url("evidence_upgrade", "ben"), "co"), BEN)
    assert register_state(b) == register_state(a) and b.evidence.original(ids["doc"]) == src.read_bytes()
    a.close()
    b.close()


def test_waiting_to_push_counts_every_record_kind(team, tmp_path: Path) -> None:
    from .conftest import new_project

    store, _doc = new_project(tmp_path / "a.testimonia")
    remote = team.remote("anna")
    assert sync.waiting(store, remote) is None  # never synced with it
    sync.sync(store, remote, ANNA)
    assert sync.waiting(store, remote) == 0
    entity = store.evidence.add_entity("Jung Park", "person", ANNA).value
    assert sync.waiting(store, remote) == 1  # not an annotation edit: the register's entity
    store.evidence.set_memo("project", "", "Scope.", ANNA)
    store.set_title("Returns 2024", ANNA)
    with store._read() as conn:
        key = str(conn.execute("SELECT server_key FROM server_sync WHERE key = 'remote_json'").fetchone()[0])
        assert sync.pending(conn, key) == {"h_entity": 1, "h_memo_revision": 1, "h_project": 1}
    assert sync.waiting(store, remote) == 3
    result = sync.sync(store, remote, ANNA)
    assert result.pushed_changes == 3 and sync.waiting(store, remote) == 0
    store.evidence.edit_entity(entity.uuid, ANNA, description="Official")
    assert sync.waiting(store, remote) == 1
    store.close()
