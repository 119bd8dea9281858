"""`testimonia server …`: init (idempotent, refuses a database holding other tables), upgrade,
projects and members, through the CLI as a user runs it."""

from __future__ import annotations

import json

import psycopg
import pytest

from testimonia.cli import main
from testimonia.core.server import ddl


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_init_is_idempotent_and_refuses_foreign_tables(pg, capsys: pytest.CaptureFixture[str]) -> None:
    url = pg.create_database("admin_init")
    code, out, _ = run(capsys, "server", "init", url, "--json")
    assert code == 0 and json.loads(out) == {"schema": "testimonia", "version": ddl.SERVER_VERSION, "created": True}
    code, out, _ = run(capsys, "server", "init", url, "--json")
    assert code == 0 and json.loads(out)["created"] is False
    code, out, _ = run(capsys, "server", "upgrade", url)
    assert code == 0 and out.startswith("up to date")

    other = pg.create_database("admin_other")
    with psycopg.connect(other, autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (id int)")
    code, _, err = run(capsys, "server", "init", other)
    assert code == 1 and "public.invoices" in err and "--schema" in err
    with psycopg.connect(other) as conn:  # nothing was created
        assert conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = 'testimonia'").fetchone() is None
    code, out, _ = run(capsys, "server", "init", other, "--schema", "tmn")
    assert code == 0 and out.startswith("tmn\tcreated")


def test_projects_and_members(pg, capsys: pytest.CaptureFixture[str]) -> None:
    url = pg.create_database("admin_members")
    assert run(capsys, "server", "init", url)[0] == 0
    code, out, _ = run(capsys, "server", "add-project", url, "coalition")
    assert (code, out) == (0, "coalition\tcreated\n")
    assert run(capsys, "server", "add-project", url, "coalition")[1] == "coalition\texists\n"
    code, out, _ = run(capsys, "server", "add-member", url, "coalition", "mina", "--role", "reader")
    assert code == 0 and out.startswith("mina\treader")
    assert run(capsys, "server", "add-member", url, "coalition", "joon")[0] == 0
    code, out, _ = run(capsys, "server", "members", url, "coalition", "--json")
    assert json.loads(out) == [{"name": "joon", "role": "annotator"}, {"name": "mina", "role": "reader"}]
    assert run(capsys, "server", "remove-member", url, "coalition", "mina")[1] == "mina\tremoved\n"
    assert run(capsys, "server", "remove-member", url, "coalition", "mina")[1] == "mina\tnot a member\n"
    code, _, err = run(capsys, "server", "members", url, "nowhere")
    assert code == 1 and "no project nowhere" in err


def test_a_superuser_is_never_made_a_member(pg, capsys: pytest.CaptureFixture[str]) -> None:
    url = pg.create_database("admin_super")
    run(capsys, "server", "init", url)
    run(capsys, "server", "add-project", url, "co")
    code, _, err = run(capsys, "server", "add-member", url, "co", "postgres")
    assert code == 1 and "superuser" in err


def test_passwords_stay_off_the_command_line(pg, capsys: pytest.CaptureFixture[str]) -> None:
    url = pg.url("postgres").replace("postgres@", "postgres:secret@")
    code, _, err = run(capsys, "server", "init", url)
    assert code == 1 and "password" in err and "secret" not in err


def test_offline_is_one_line_and_its_own_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "server", "init", "postgresql://nobody@127.0.0.1:1/none")
    assert code == 3 and out == "" and len(err.splitlines()) == 1 and "cannot be reached" in err
