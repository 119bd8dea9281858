"""Sync is a merge with the server: everything a file merge carries travels, the result equals a
file merge's, pushing twice changes nothing, and an unreachable server changes nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import psycopg
import pytest

from testimonia.cli import main
from testimonia.core import labels, merge, schema
from testimonia.core.merge import kinds
from testimonia.core.server import admin, pull, sync
from testimonia.core.server.connection import ServerOffline
from testimonia.core.server.local_state import Remote
from testimonia.core.server.tables import merge_carried_tables, server_tables
from testimonia.core.store import Store

from ..core.merge_helpers import snapshot, state
from .conftest import ANNA, BEN, new_project
from .helpers import cli_json, copy_file, history, server_counts


def test_every_table_a_file_merge_carries_is_carried_by_sync(tmp_path: Path) -> None:
    store, _ = new_project(tmp_path / "p.testimonia")
    with store._read() as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    store.close()
    local = set(kinds.LOCAL_ONLY) | set(schema.OPTIONAL_TABLES)
    project_tables = {t for t in tables if t not in local and not t.startswith(("document_fts_", "sqlite_"))}
    carried = set(merge_carried_tables())
    assert carried == set(kinds.merged_tables()) and project_tables <= carried  # the merge's own list
    assert {st.local for st in server_tables()} == carried  # and the server has a home for each
    evidence = {"entity", "entity_same", "incident_type", "incident", "incident_participant", "annotation_link",
                "document_source", "annotation_grade", "memo_revision", "document_original"}
    assert evidence <= project_tables  # the register's tables are among them (tests/server/test_evidence.py)
    with pytest.raises(LookupError, match="bookmark"):  # a record kind the server forgot is an error
        server_tables((*merge_carried_tables(), "bookmark"))


def _work(a: Store, b: Store, doc: str) -> None:
    """Concurrent edits of every kind on two copies of one project."""
    x = a.add_annotation(doc, labels.FIGURE, 0, 8, ANNA, fields={"value": "60"}, note="n")
    y = a.add_annotation(doc, labels.STATEMENT, 20, 40, ANNA)
    merge.merge(b, a.path, BEN)
    a.edit_annotation(x.uuid, ANNA, note="anna")
    b.edit_annotation(x.uuid, BEN, note="ben")  # a conflict
    b.delete_annotation(y.uuid, BEN)
    a.set_title("Coalition", ANNA)
    b.set_document_title(doc, "보고서", BEN)
    a.add_label("Witness", "#123456", ANNA)
    extra = b.import_text("Second", "The Refugee Convention binds every state party. " * 6, BEN)
    b.add_annotation(extra.uuid, labels.OBLIGATION, 4, 22, BEN)
    third = a.import_text("Removed later", "A page that is later removed from the project. " * 4, ANNA)
    a.remove_document(third.uuid, ANNA)


def _list_json(capsys: pytest.CaptureFixture[str], path: Path) -> object:
    return cli_json(capsys, "list", path, "--json", "--deleted")


def test_file_merge_and_sync_give_the_same_project(team, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for member in ("anna", "ben"):  # curators: a removal travels (an annotator's waits, test_roles)
        admin.add_member(team.admin_url, "co", member, "curator")
    a, doc = new_project(tmp_path / "a.testimonia")
    a.close()
    copy_file(tmp_path / "a.testimonia", tmp_path / "b.testimonia")
    a, b = Store.open(tmp_path / "a.testimonia"), Store.open(tmp_path / "b.testimonia")
    _work(a, b, doc)
    a.close()
    b.close()
    for name in ("a", "b"):
        copy_file(tmp_path / f"{name}.testimonia", tmp_path / f"{name}_sync.testimonia")
    # By files: each merges the other's.
    a, b = Store.open(tmp_path / "a.testimonia"), Store.open(tmp_path / "b.testimonia")
    merge.merge(a, b.path, ANNA)
    merge.merge(b, a.path, BEN)
    # By the server: a, b, a.
    sa, sb = Store.open(tmp_path / "a_sync.testimonia"), Store.open(tmp_path / "b_sync.testimonia")
    sync.sync(sa, team.remote("anna"), ANNA)
    sync.sync(sb, team.remote("ben"), BEN)
    sync.sync(sa, team.remote("anna"), ANNA)
    assert state(sa) == state(a) and state(sb) == state(b) and state(sa) == state(sb)
    assert len(a.conflicts()) == 1 and [c[0].uuid for c in sa.conflicts()] == [c[0].uuid for c in a.conflicts()]
    for s in (a, b, sa, sb):
        s.close()
    want = _list_json(capsys, tmp_path / "a.testimonia")
    for name in ("b", "a_sync", "b_sync"):
        assert _list_json(capsys, tmp_path / f"{name}.testimonia") == want, name
    assert history(tmp_path / "a_sync.testimonia") == history(tmp_path / "a.testimonia")
    assert history(tmp_path / "b_sync.testimonia") == history(tmp_path / "b.testimonia")
    assert cli_json(capsys, "conflicts", tmp_path / "b_sync.testimonia", "--json") == \
        cli_json(capsys, "conflicts", tmp_path / "b.testimonia", "--json")


def test_pushing_twice_changes_nothing(team, tmp_path: Path) -> None:
    store, doc = new_project(tmp_path / "a.testimonia")
    for k in range(5):
        store.add_annotation(doc, labels.FIGURE, k, k + 5, ANNA)
    first = sync.sync(store, team.remote("anna"), ANNA)
    assert first.pushed["h_revision"] == 5
    counts = server_counts(team.admin_url)
    again = sync.sync(store, team.remote("anna"), ANNA)
    assert again.pushed_total == 0 and again.pulled_total == 0  # only what the server lacks is sent
    # Forget every mark: the whole project is pushed again, and the server is unchanged.
    conn = sqlite3.connect(store.path)
    conn.execute("DELETE FROM server_sync")
    conn.execute("DELETE FROM server_pushed")
    conn.commit()
    conn.close()
    before = state(store)
    third = sync.sync(store, team.remote("anna"), ANNA)
    assert third.pushed["h_revision"] == 5
    assert server_counts(team.admin_url) == counts
    assert state(store) == before
    store.close()


def test_offline_changes_nothing_and_says_so_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, doc = new_project(tmp_path / "a.testimonia")
    store.add_annotation(doc, labels.FIGURE, 0, 5, ANNA)
    store.close()
    before = snapshot(tmp_path / "a.testimonia")
    with Store.open(tmp_path / "a.testimonia") as s, pytest.raises(ServerOffline):
        sync.sync(s, Remote("postgresql://anna@127.0.0.1:1/none", "co"), ANNA)
    capsys.readouterr()
    code = main(["sync", str(tmp_path / "a.testimonia"), "postgresql://anna@127.0.0.1:1/none", "--author", "Anna"])
    out, err = capsys.readouterr()
    assert code == 3 and out == "" and len(err.splitlines()) == 1 and "cannot be reached" in err
    assert snapshot(tmp_path / "a.testimonia") == before


def test_the_cli_remembers_the_server_and_never_a_password(team, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    store, doc = new_project(tmp_path / "a.testimonia")
    store.add_annotation(doc, labels.FIGURE, 0, 5, ANNA)
    store.close()
    path = tmp_path / "a.testimonia"
    dry = cli_json(capsys, "sync", path, team.url("anna"), "--dry-run", "--json")
    assert dry["dry_run"] and dry["pushed"]["h_revision"] == 1
    assert server_counts(team.admin_url)["h_revision"] == 0  # a dry run sends nothing
    done = cli_json(capsys, "sync", path, team.url("anna"), "--json", "--author", "Anna")
    assert done["pushed"]["h_revision"] == 1 and done["project"] == "co"
    again = cli_json(capsys, "sync", path, "--json", "--author", "Anna")  # the URL was remembered
    assert again["pushed"] == {} and again["pulled"] == {}
    capsys.readouterr()
    secret = team.url("anna").replace("anna@", "anna:hunter2@")
    assert main(["sync", str(path), secret, "--author", "Anna"]) == 1
    assert "hunter2" not in capsys.readouterr().err
    assert b"hunter2" not in path.read_bytes()


def test_a_reader_pulls_and_never_pushes(team, tmp_path: Path) -> None:
    a, doc = new_project(tmp_path / "a.testimonia")
    a.add_annotation(doc, labels.FIGURE, 0, 5, ANNA)
    sync.sync(a, team.remote("anna"), ANNA)
    r = Store.create(tmp_path / "r.testimonia", "Reader's copy", BEN)
    got = sync.sync(r, team.remote("rita"), BEN)
    assert got.pulled["h_revision"] == 1 and len(r.annotations()) == 1
    r.edit_annotation(r.annotations()[0].uuid, BEN, note="a reader's own note")
    mine = sync.sync(r, team.remote("rita"), BEN)
    assert mine.reader and mine.pushed["h_revision"] == 1  # waiting, not sent
    assert server_counts(team.admin_url)["h_revision"] == 1
    a.close()
    r.close()


def test_a_late_commit_below_the_cursor_is_never_skipped(team, tmp_path: Path) -> None:
    """A transaction that began before a pull and commits after it is pulled next time: the cursor
    never passes a transaction still running (a plain sequence would skip its rows)."""
    a, doc = new_project(tmp_path / "a.testimonia")
    sync.sync(a, team.remote("anna"), ANNA)  # the project's document is on the server
    b = Store.create(tmp_path / "b.testimonia", "Ben's", BEN)
    sync.sync(b, team.remote("ben"), BEN)
    with psycopg.connect(team.admin_url) as slow:
        slow.execute("SELECT pg_current_xact_id()")  # takes its transaction id now ...
        a.add_annotation(doc, labels.FIGURE, 0, 5, ANNA)
        sync.sync(a, team.remote("anna"), ANNA)  # ... a later transaction commits first
        pid = slow.execute("SELECT id FROM testimonia.project WHERE name = 'co'").fetchone()[0]
        slow.execute("INSERT INTO testimonia.h_author(project_id, uuid, name, hlc) VALUES "
                     "(%s, 'c0000000-0000-4000-8000-00000000000c', 'Late', 5)", (pid,))
        early = sync.sync(b, team.remote("ben"), BEN)
        assert early.pulled_total == 0  # not even the committed one: it lies above a running transaction
        slow.commit()  # the slow one commits below the first one's id
    late = sync.sync(b, team.remote("ben"), BEN)
    assert late.pulled["h_author"] == 1 and late.pulled["h_revision"] == 1
    assert "Late" in b.authors().values()
    a.close()
    b.close()


def test_an_edit_made_while_a_pull_is_applied_still_waits_to_be_pushed(team, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The pull marks the rows its merge inserted as the server's; a row written after that merge
    committed, before the marks are, is the user's own and is pushed next time."""
    a, doc = new_project(tmp_path / "a.testimonia")
    for k in range(3):
        a.add_annotation(doc, labels.FIGURE, k, k + 4, ANNA)
    sync.sync(a, team.remote("anna"), ANNA)
    b = Store.create(tmp_path / "b.testimonia", "Ben's", BEN)
    real_merge = merge.merge

    def merge_then_edit(store: Store, path: Path, author: object, **kw: object) -> object:
        report = real_merge(store, path, author, **kw)  # type: ignore[arg-type]
        store.add_annotation(store.documents()[0].uuid, labels.FIGURE, 1, 3, BEN)  # the user, meanwhile
        return report

    monkeypatch.setattr(pull.merge, "merge", merge_then_edit)
    got = sync.sync(b, team.remote("ben"), BEN)
    monkeypatch.undo()
    assert got.pulled["h_revision"] == 3 and len(b.annotations()) == 4
    assert sync.waiting(b, team.remote("ben")) == 1  # Ben's one change; nothing pulled waits
    again = sync.sync(b, team.remote("ben"), BEN)
    assert again.pushed["h_revision"] == 1 and again.pulled_total == 0
    assert server_counts(team.admin_url)["h_revision"] == 4
    a.close()
    b.close()
