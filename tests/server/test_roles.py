"""What a curator and an admin add to an annotator, enforced by the server (policies and the admin
functions) and tried as the members' own roles: only a curator or admin pushes a document removal
(an annotator's waits, counted); a project's admin manages its members with their own login, and
nobody else can, nor can an admin reach another project or take over an unrelated role."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from testimonia.core import merge
from testimonia.core.server import admin, sync
from testimonia.core.server.connection import ServerError
from testimonia.core.store import Store

from .conftest import ANNA, BEN, new_project


@pytest.fixture
def roles(team):
    admin.add_member(team.admin_url, "co", "cora", "curator")
    admin.add_member(team.admin_url, "co", "ada", "admin")
    admin.add_project(team.admin_url, "other")
    admin.add_member(team.admin_url, "other", "olga")
    return team


def _removed_states(team) -> list[bool]:
    with psycopg.connect(team.admin_url) as conn:
        return [r[0] for r in conn.execute("SELECT removed FROM testimonia.h_document_state ORDER BY hlc")]


def test_only_a_curator_pushes_a_removal(roles, tmp_path: Path) -> None:
    team = roles
    a, doc = new_project(tmp_path / "a.testimonia")
    sync.sync(a, team.remote("anna"), ANNA)
    a.remove_document(doc, ANNA)
    result = sync.sync(a, team.remote("anna"), ANNA)
    assert result.held == {"h_document_state": 1} and result.waiting == 1 and result.pushed == {}
    assert _removed_states(team) == [False]  # the server never saw it
    assert sync.waiting(a, team.remote("anna")) == 1  # the status bar keeps counting it
    # The same row in raw SQL as Anna: the server's policy refuses it.
    with psycopg.connect(team.url("anna")) as conn:
        pid = conn.execute("SELECT id FROM testimonia.project WHERE name = 'co'").fetchone()[0]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO testimonia.h_document_state(project_id, uuid, title, metadata_json, removed, "
                         "hlc) VALUES (%s, %s, 'Report', '{}', true, 99999999999)", (pid, doc))
    # A curator holding the same work (a file from Anna) pushes it; Anna's copy is then in step.
    with Store.create(tmp_path / "c.testimonia", "Team", BEN) as cs:
        merge.merge(cs, a.path, BEN)
        done = sync.sync(cs, team.remote("cora"), BEN)
        assert done.held == {} and done.pushed.get("h_document_state", 0) >= 1
    assert True in _removed_states(team)
    sync.sync(a, team.remote("anna"), ANNA)
    assert sync.waiting(a, team.remote("anna")) == 0
    a.close()


def test_a_project_admin_manages_its_members(roles, tmp_path: Path) -> None:
    team = roles
    ada = team.url("ada")
    assert admin.add_member(ada, "co", "newbie", "annotator") is True  # a new login role
    assert {(m.name, m.role) for m in admin.members(ada, "co")} >= {("newbie", "annotator"), ("ada", "admin")}
    store, _doc = new_project(tmp_path / "n.testimonia", BEN)
    assert sync.sync(store, team.remote("newbie"), BEN).pushed["h_document"] == 1  # the new member pushes
    store.close()
    assert admin.add_member(ada, "co", "newbie", "reader") is False  # the level changes, the role exists
    assert [m.role for m in admin.members(team.admin_url, "co") if m.name == "newbie"] == ["reader"]
    assert admin.remove_member(ada, "co", "newbie") is True
    assert "newbie" not in {m.name for m in admin.members(team.admin_url, "co")}
    # Not an admin of that project, not an admin at all, or an unrelated role of the cluster: refused.
    for url, project, name in ((ada, "other", "x1"), (team.url("cora"), "co", "x2"), (team.url("anna"), "co", "x3")):
        with pytest.raises(ServerError, match="only an admin"):
            admin.add_member(url, project, name)
        with pytest.raises(ServerError, match="only an admin"):
            admin.members(url, project)
    with pytest.raises(ServerError, match="only an admin"):
        admin.remove_member(team.url("cora"), "co", "anna")
    with psycopg.connect(team.admin_url, autocommit=True) as conn:
        conn.execute("CREATE ROLE outsider LOGIN")
    with pytest.raises(ServerError, match="belongs to no project"):
        admin.add_member(ada, "co", "outsider")
    with pytest.raises(ServerError, match="belongs to no project"):
        admin.add_member(ada, "co", "postgres")
    # The functions are the only way: Ada cannot write the member table herself.
    with psycopg.connect(ada, autocommit=True) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO testimonia.member(project_id, role_name, level) "
                         "SELECT id, 'ada', 4 FROM testimonia.project WHERE name = 'co'")
        assert conn.execute("SELECT count(*) FROM testimonia.member").fetchone()[0] == 1  # her own row
    # A member of another project calling the function herself, making herself admin: refused.
    with psycopg.connect(team.url("olga"), autocommit=True) as conn, pytest.raises(
            psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT testimonia.admin_add_member('other', 'olga', 4, NULL)")
