"""Right after every command that writes, the project's main file alone (without -wal and -shm)
holds the change: that is the file a researcher copies to a USB stick or attaches to an e-mail,
perhaps while the app has the project open. The app is played by a connection this test keeps
open, so no command's close is the last one (SQLite would checkpoint then by itself)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.conftest import Project, Run


@pytest.fixture
def app_open(project: Project) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(project.path)
    conn.execute("SELECT count(*) FROM document").fetchone()  # WAL opened, as the app holds it
    yield conn
    conn.close()


def alone(path: Path, tmp_path: Path) -> Path:
    """A byte copy of the main file only, in a folder of its own."""
    folder = tmp_path / f"stick-{len(list(tmp_path.glob('stick-*')))}"
    folder.mkdir()
    copy = folder / path.name
    shutil.copyfile(path, copy)
    return copy


def annotations(cli: Run, path: Path) -> list[dict[str, object]]:
    res = cli("list", path, "--json", "--deleted")
    assert res.code == 0, res.err
    return json.loads(res.out)


def _annotate(cli: Run, project: Project, needle: str = "the") -> str:
    text = cli("text", project.path, "--doc", project.txt).out
    start = text.index(needle)
    res = cli("annotate", project.path, "--doc", project.txt, "--kind", "statement", "--start", start,
              "--end", start + len(needle))
    assert res.code == 0, res.err
    return res.out.strip()


def test_every_writing_command_leaves_the_main_file_whole(tmp_path: Path, cli: Run, project: Project,
                                                            app_open: sqlite3.Connection) -> None:
    uid = _annotate(cli, project)
    assert [a["uuid"] for a in annotations(cli, alone(project.path, tmp_path))] == [uid]

    assert cli("edit", project.path, uid, "--field", "speaker=the minister").code == 0
    (a,) = annotations(cli, alone(project.path, tmp_path))
    assert a["fields"] == {"speaker": "the minister"}

    assert cli("delete", project.path, uid).code == 0
    (a,) = annotations(cli, alone(project.path, tmp_path))
    assert a["deleted"] is True

    assert cli("label-add", project.path, "Testimony", "--color", "#336699").code == 0
    labels = json.loads(cli("labels", alone(project.path, tmp_path), "--json").out)
    assert "Testimony" in [lb["name"] for lb in labels]

    (tmp_path / "extra.txt").write_text("A third report, imported while the app is open.\n", encoding="utf-8")
    assert cli("import", project.path, tmp_path / "extra.txt").code == 0
    docs = json.loads(cli("docs", alone(project.path, tmp_path), "--json").out)
    assert len(docs) == 3

    assert cli("remove-doc", project.path, project.html).code == 0
    docs = json.loads(cli("docs", alone(project.path, tmp_path), "--json").out)
    assert project.html not in [d["uuid"] for d in docs]
    assert cli("restore-doc", project.path, project.html).code == 0
    docs = json.loads(cli("docs", alone(project.path, tmp_path), "--json").out)
    assert project.html in [d["uuid"] for d in docs]


def test_merge_resolve_and_imports_leave_the_main_file_whole(tmp_path: Path, cli: Run, project: Project,
                                                             app_open: sqlite3.Connection) -> None:
    uid = _annotate(cli, project)
    teammate = tmp_path / "teammate.testimonia"
    assert cli("copy", project.path, teammate).code == 0
    assert cli("edit", teammate, uid, "--note", "theirs", "--author", "Ji-ho Park").code == 0
    assert cli("edit", project.path, uid, "--note", "ours").code == 0

    assert cli("merge", project.path, teammate).code == 0
    (a,) = annotations(cli, alone(project.path, tmp_path))
    assert a["conflict"] is True

    heads = json.loads(cli("conflicts", project.path, "--json").out)[0]["versions"]
    theirs = next(h["revision"] for h in heads if h["note"] == "theirs")
    assert cli("resolve", project.path, uid, "--take", theirs).code == 0
    (a,) = annotations(cli, alone(project.path, tmp_path))
    assert (a["conflict"], a["note"]) == (False, "theirs")

    qdpx = tmp_path / "out.qdpx"
    assert cli("export", project.path, "--format", "refi", "-o", qdpx).code == 0
    other = tmp_path / "other.testimonia"
    assert cli("new", other).code == 0
    held = sqlite3.connect(other)
    try:
        held.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the WAL is open
        assert cli("import-qdpx", other, qdpx).code == 0
        copy = alone(other, tmp_path)
        assert len(json.loads(cli("docs", copy, "--json").out)) == 2
        assert [a["exact"] for a in annotations(cli, copy)] == ["the"]
    finally:
        held.close()


def test_w3c_import_and_new_project_leave_the_main_file_whole(tmp_path: Path, cli: Run, project: Project,
                                                              app_open: sqlite3.Connection) -> None:
    _annotate(cli, project)
    out = tmp_path / "a.jsonld"
    assert cli("export", project.path, "-f", "w3c", "-o", out).code == 0
    other = tmp_path / "w3c.testimonia"
    assert cli("new", other, "--title", "Imported").code == 0
    assert json.loads(cli("docs", alone(other, tmp_path), "--json").out) == []
    text = cli("text", project.path, "--doc", project.txt).out
    (tmp_path / "same.txt").write_text(text, encoding="utf-8")
    held = sqlite3.connect(other)
    try:
        held.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the WAL is open
        assert cli("import", other, tmp_path / "same.txt").code == 0
        assert cli("import-w3c", other, out).code == 0
        assert [a["exact"] for a in annotations(cli, alone(other, tmp_path))] == ["the"]
    finally:
        held.close()


def test_reading_commands_write_nothing_to_or_beside_the_file(tmp_path: Path, cli: Run, project: Project) -> None:
    _annotate(cli, project)
    received = alone(project.path, tmp_path)
    before = received.read_bytes()
    doc = project.txt
    for args in (("docs",), ("list", "--json"), ("labels",), ("conflicts",), ("text", "--doc", doc),
                 ("check",), ("export", "--format", "csv", "-o", tmp_path / "x.csv")):
        res = cli(args[0], received, *args[1:])
        assert res.code == 0, (args, res.err)
    assert sorted(p.name for p in received.parent.iterdir()) == [received.name]
    assert received.read_bytes() == before


def test_copy_names_whose_copy_and_when_and_never_replaces_a_file(tmp_path: Path, cli: Run,
                                                                  project: Project) -> None:
    _annotate(cli, project)
    out = tmp_path / "outbox"
    out.mkdir()
    res = cli("copy", project.path, out, "--json")
    assert res.code == 0, res.err
    made = Path(json.loads(res.out)["copy"])
    assert made.parent == out and made.name.startswith("evidence (Seo-yeon Kang, ")
    assert made.suffix == ".testimonia"
    # A copy to send is in rollback-journal mode: reading it creates nothing beside it.
    assert made.read_bytes()[18:20] == b"\x01\x01"
    assert len(annotations(cli, made)) == 1
    assert sorted(p.name for p in out.iterdir()) == [made.name]
    again = cli("copy", project.path, made)
    assert again.code == 1 and "already exists" in again.err
    # Opened as one's own project the copy works in WAL mode again.
    assert cli("annotate", made, "--doc", project.txt, "--kind", "figure", "--start", 0, "--end", 3).code == 0
    assert made.read_bytes()[18:20] == b"\x02\x02"
