"""Security as the members' own roles, in raw SQL (not only through Testimonia): row-level
security keeps each member to their projects, a reader cannot insert, and nobody can change or
delete history."""

from __future__ import annotations

import psycopg
import pytest

from testimonia.core import labels
from testimonia.core.server import admin, sync
from testimonia.core.server.tables import server_tables

from .conftest import ANNA, new_project


@pytest.fixture
def two_projects(team, tmp_path):
    admin.add_project(team.admin_url, "other")
    admin.add_member(team.admin_url, "other", "olga")
    store, doc = new_project(tmp_path / "a.testimonia")
    with store:
        store.add_annotation(doc, labels.FIGURE, 0, 8, ANNA)
        sync.sync(store, team.remote("anna"), ANNA)
    return team


def _project_id(team, name: str) -> int:
    with psycopg.connect(team.admin_url) as conn:
        return conn.execute("SELECT id FROM testimonia.project WHERE name = %s", (name,)).fetchone()[0]


def test_a_member_of_another_project_sees_and_writes_nothing(two_projects) -> None:
    team = two_projects
    co = _project_id(team, "co")
    with psycopg.connect(team.url("olga"), autocommit=True) as conn:
        for st in server_tables():
            assert conn.execute(f"SELECT count(*) FROM testimonia.{st.name}").fetchone()[0] == 0, st.name
        assert [r[0] for r in conn.execute("SELECT name FROM testimonia.project")] == ["other"]
        assert conn.execute("SELECT count(*) FROM testimonia.member").fetchone()[0] == 1  # only her own row
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO testimonia.h_author(project_id, uuid, name, hlc) VALUES "
                         "(%s, 'c0000000-0000-4000-8000-00000000000c', 'Intruder', 1)", (co,))
    with psycopg.connect(team.url("anna"), autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM testimonia.h_revision").fetchone()[0] == 1


def test_a_reader_cannot_insert(two_projects) -> None:
    team = two_projects
    co = _project_id(team, "co")
    with psycopg.connect(team.url("rita"), autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM testimonia.h_revision").fetchone()[0] == 1
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO testimonia.h_author(project_id, uuid, name, hlc) VALUES "
                         "(%s, 'c0000000-0000-4000-8000-00000000000c', 'Reader', 1)", (co,))


@pytest.mark.parametrize("member", ["anna", "rita", "olga"])
def test_nobody_updates_or_deletes_history(two_projects, member: str) -> None:
    team = two_projects
    with psycopg.connect(team.url(member), autocommit=True) as conn:
        for st in server_tables():
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(f"UPDATE testimonia.{st.name} SET project_id = project_id")
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(f"DELETE FROM testimonia.{st.name}")
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(f"TRUNCATE testimonia.{st.name}")
        for table in ("member", "project", "server_info"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(f"DELETE FROM testimonia.{table}")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO testimonia.member(project_id, role_name, level) VALUES (1, current_user, 4)")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # the server fills in the transaction id
            conn.execute("INSERT INTO testimonia.h_author(project_id, uuid, name, hlc, xid) VALUES "
                         "(1, 'c0000000-0000-4000-8000-00000000000c', 'x', 1, '1')")
    with psycopg.connect(team.url("anna")) as conn:
        assert conn.execute("SELECT count(*) FROM testimonia.h_revision").fetchone()[0] == 1


def test_member_roles_are_neither_owners_nor_bypass_rls(two_projects) -> None:
    team = two_projects
    with psycopg.connect(team.admin_url) as conn:
        rows = conn.execute(
            "SELECT r.rolname, r.rolsuper, r.rolbypassrls FROM pg_roles AS r WHERE r.rolname IN "
            "('anna', 'ben', 'rita', 'olga', 'testimonia_member')").fetchall()
        assert rows and all(not sup and not bypass for _n, sup, bypass in rows)
        owners = {r[0] for r in conn.execute(
            "SELECT tableowner FROM pg_tables WHERE schemaname = 'testimonia'")}
        assert owners == {"postgres"}
        forced = conn.execute("SELECT bool_and(relforcerowsecurity AND relrowsecurity) FROM pg_class AS c "
                              "JOIN pg_namespace AS n ON n.oid = c.relnamespace WHERE n.nspname = 'testimonia' "
                              "AND c.relkind = 'r' AND c.relname NOT IN ('server_info')").fetchone()[0]
        assert forced
