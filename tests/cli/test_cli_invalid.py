"""Bad input: exit 1, exactly one clear line on stderr, nothing on stdout, and the project unchanged."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.cli.conftest import Project, Result, Run, fingerprint

SPAN = "Some 45 people"


@pytest.fixture
def annotated(cli: Run, project: Project) -> tuple[Project, str, str, int]:
    """The project with one statement and one deleted figure; returns it, their UUIDs and the text length."""
    text = cli("text", project.path, "--doc", project.txt).out
    start = text.index(SPAN)
    live = cli("annotate", project.path, "--doc", project.txt, "--kind", "statement", "--start", start,
               "--end", start + len(SPAN), "--field", "speaker=church worker").out.strip()
    gone = cli("annotate", project.path, "--doc", project.txt, "--kind", "figure", "--start", start,
               "--end", start + 7).out.strip()
    assert cli("delete", project.path, gone).code == 0
    return project, live, gone, len(text)


def _one_error(res: Result, *words: str) -> None:
    assert res.code == 1, (res.out, res.err)
    assert res.out == ""
    assert len(res.err_lines) == 1, res.err
    line = res.err_lines[0]
    assert line.startswith("testimonia: error: ") and "Traceback" not in res.err
    for word in words:  # "a|b": either will do
        assert any(w.lower() in line.lower() for w in word.split("|")), line


ANNOTATE_CASES = {
    "end past the text": (["--start", "0", "--end", "{past}"], ["outside the text"]),
    "start past the text": (["--start", "{past}", "--end", "{after}"], ["outside the text"]),
    "start equals end": (["--start", "5", "--end", "5"], ["less than"]),
    "start after end": (["--start", "9", "--end", "5"], ["less than"]),
    "word offset": (["--start", "ten", "--end", "20"], ["--start", "whole number"]),
    "fractional offset": (["--start", "1", "--end", "2.5"], ["--end", "whole number"]),
    "negative offset": (["--start", "-3", "--end", "2"], ["negative"]),
    "unknown kind": (["--start", "1", "--end", "4", "--kind", "rumour"], ["rumour"]),
    "unknown field": (["--start", "1", "--end", "4", "--field", "colour=red"], ["colour"]),
    "field without value": (["--start", "1", "--end", "4", "--field", "speaker"], ["KEY=VALUE"]),
    "bad choice": (["--start", "1", "--end", "4", "--field", "mode=shouted"], ["mode", "direct"]),
    "unknown document": (["--start", "1", "--end", "4", "--doc", "0b6d8f6e-0000-4000-8000-00000000dead"],
                         ["no document"]),
}


@pytest.mark.parametrize("case", list(ANNOTATE_CASES))
def test_annotate_refuses_bad_input(cli: Run, annotated: tuple[Project, str, str, int], case: str) -> None:
    project, _live, _gone, length = annotated
    extra, words = ANNOTATE_CASES[case]
    extra = [x.format(past=length + 1, after=length + 5) for x in extra]
    args = ["annotate", project.path, "--doc", project.txt, "--kind", "statement"]
    # later options win in argparse, so a case may override --doc or --kind
    before = fingerprint(project.path)
    _one_error(cli(*args, *extra), *words)
    assert fingerprint(project.path) == before


def test_bad_number_field(cli: Run, annotated: tuple[Project, str, str, int]) -> None:
    project = annotated[0]
    before = fingerprint(project.path)
    _one_error(cli("annotate", project.path, "--doc", project.txt, "--kind", "figure", "--start", 1, "--end", 4,
                   "--field", "value=dozens"), "value", "number")
    assert fingerprint(project.path) == before


EDIT_CASES = {
    "unknown annotation": (["{missing}", "--note", "x"], ["no annotation"]),
    "deleted annotation": (["{gone}", "--note", "x"], ["deleted"]),
    "nothing to change": (["{live}"], ["nothing to change"]),
    "end before start": (["{live}", "--end", "1"], ["less than"]),
    "end past the text": (["{live}", "--end", "{past}"], ["outside the text"]),
    "non-integer start": (["{live}", "--start", "3x"], ["whole number"]),
    "kind with foreign fields": (["{live}", "--kind", "figure"], ["speaker", "--field speaker="]),
    "unknown kind": (["{live}", "--kind", "hearsay"], ["hearsay"]),
    "unknown field": (["{live}", "--field", "weather=rain"], ["weather"]),
}


@pytest.mark.parametrize("case", list(EDIT_CASES))
def test_edit_refuses_bad_input(cli: Run, annotated: tuple[Project, str, str, int], case: str) -> None:
    project, live, gone, length = annotated
    extra, words = EDIT_CASES[case]
    missing = "0b6d8f6e-0000-4000-8000-00000000beef"
    extra = [x.format(live=live, gone=gone, missing=missing, past=length + 1) for x in extra]
    before = fingerprint(project.path)
    _one_error(cli("edit", project.path, *extra), *words)
    assert fingerprint(project.path) == before


@pytest.mark.parametrize("which", ["missing", "deleted"])
def test_delete_refuses_unknown_or_deleted(cli: Run, annotated: tuple[Project, str, str, int], which: str) -> None:
    project, _live, gone, _length = annotated
    target = gone if which == "deleted" else "not-a-uuid"
    before = fingerprint(project.path)
    _one_error(cli("delete", project.path, target), "already deleted" if which == "deleted" else "no annotation")
    assert fingerprint(project.path) == before


@pytest.mark.parametrize(("args", "words"), [
    (["text", "{p}", "--doc", "{doc}", "--start", "0", "--end", "{past}"], ["outside the text"]),
    (["text", "{p}", "--doc", "{doc}", "--start", "7", "--end", "7"], ["less than"]),
    (["text", "{p}", "--doc", "nope"], ["no document"]),
    (["show", "{p}", "nope"], ["no annotation"]),
    (["list", "{p}", "--doc", "nope"], ["no document"]),
    (["list", "{p}", "--kind", "nope"], ["nope"]),
    (["label-add", "{p}", "Camp", "--color", "red"], ["#RRGGBB"]),
    (["label-add", "{p}", "statement", "--color", "#112233"], ["already exists"]),
    (["new", "{p}"], ["already exists"]),
    (["import", "{p}", "{p}"], ["cannot be imported"]),
])
def test_other_commands_refuse_bad_input(cli: Run, annotated: tuple[Project, str, str, int], args: list[str],
                                         words: list[str]) -> None:
    project, _live, _gone, length = annotated
    args = [a.format(p=project.path, doc=project.txt, past=length + 1) for a in args]
    before = fingerprint(project.path)
    _one_error(cli(*args), *words)
    assert fingerprint(project.path) == before


def _foreign_files(tmp_path: Path, project: Project) -> dict[str, tuple[Path, str]]:
    text_file = tmp_path / "notes.txt"
    text_file.write_text("Not a project: “just notes”.\n", encoding="utf-8")
    other_db = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other_db)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    newer = tmp_path / "newer.testimonia"
    shutil.copy(project.path, newer)
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version=99")
    conn.close()
    truncated = tmp_path / "truncated.testimonia"
    truncated.write_bytes(project.path.read_bytes()[:3000])
    empty = tmp_path / "empty.testimonia"
    empty.write_bytes(b"")
    return {
        "missing": (tmp_path / "nowhere.testimonia", "no such file"),
        "folder": (tmp_path, "not a file"),
        "text file": (text_file, "not a testimonia project"),
        "other database": (other_db, "not a testimonia project"),
        "newer": (newer, "newer testimonia"),
        "truncated": (truncated, "damaged|malformed"),
        "empty": (empty, "not a testimonia project"),
    }


FILE_CASES = ["missing", "folder", "text file", "other database", "newer", "truncated", "empty"]


@pytest.mark.parametrize("case", FILE_CASES)
@pytest.mark.parametrize("command", ["docs", "list", "annotate", "import", "check", "labels"])
def test_unusable_project_files(tmp_path: Path, cli: Run, project: Project, case: str, command: str) -> None:
    path, words = _foreign_files(tmp_path, project)[case]
    args = {
        "docs": ["docs", path],
        "list": ["list", path, "--json"],
        "annotate": ["annotate", path, "--doc", project.txt, "--kind", "figure", "--start", 0, "--end", 3],
        "import": ["import", path, Path(__file__).parent / "articles" / "river_crossing.txt"],
        "check": ["check", path],
        "labels": ["labels", path],
    }[command]
    before = path.read_bytes() if path.is_file() else None
    res = cli(*args)
    _one_error(res, words)
    assert str(path) in res.err
    if before is not None:
        assert path.read_bytes() == before
    assert path.exists() or case == "missing"


def test_new_refuses_an_existing_file(tmp_path: Path, cli: Run, author_env: str) -> None:
    existing = tmp_path / "report.testimonia"
    existing.write_text("someone else's file", encoding="utf-8")
    _one_error(cli("new", existing), "already exists")
    assert existing.read_text(encoding="utf-8") == "someone else's file"


def test_check_reports_problems_and_exits_1(tmp_path: Path, cli: Run, annotated: tuple[Project, str, str, int]) -> None:
    project = annotated[0]
    broken = tmp_path / "tampered.testimonia"
    shutil.copy(project.path, broken)
    conn = sqlite3.connect(broken)
    conn.execute("UPDATE document SET text = 'rewritten' || text")  # stored text must never change
    conn.commit()
    conn.close()
    res = cli("check", broken)
    assert res.code == 1 and "does not match its SHA-256" in res.out
    assert res.err_lines == [f"testimonia: error: {broken}: {len(res.lines)} problem" + (
        "s found" if len(res.lines) != 1 else " found")]
    res = cli("check", broken, "--json")
    assert res.code == 1 and '"ok": false' in res.out


@pytest.mark.parametrize("args", [
    ["annotate", "{p}", "--kind", "statement", "--start", "1", "--end", "2"],  # no --doc
    ["annotate", "{p}", "--doc", "x", "--start", "1"],
    ["frobnicate", "{p}"],
    ["list"],
    ["list", "{p}", "--bogus"],
])
def test_usage_errors_exit_2(cli: Run, project: Project, args: list[str]) -> None:
    before = fingerprint(project.path)
    res = cli(*[a.format(p=project.path) for a in args])
    assert res.code == 2 and "Traceback" not in res.err and "usage:" in res.err
    assert fingerprint(project.path) == before


@pytest.mark.parametrize("args", [
    ["annotate", "{p}", "--doc", "{doc}", "--kind", "statement", "--start", "1", "--end", "9"],
    ["edit", "{p}", "{ann}", "--note", "n"],
    ["delete", "{p}", "{ann}"],
    ["import", "{p}", "{article}"],
    ["label-add", "{p}", "Camp", "--color", "#102030"],
])
def test_changes_need_an_author(cli: Run, annotated: tuple[Project, str, str, int], monkeypatch: pytest.MonkeyPatch,
                                tmp_path: Path, args: list[str]) -> None:
    project, live, _gone, _length = annotated
    monkeypatch.delenv("TESTIMONIA_AUTHOR")
    article = tmp_path / "short.txt"
    article.write_text("Officials confirmed 17 returns.\n", encoding="utf-8")
    before = fingerprint(project.path)
    res = cli(*[a.format(p=project.path, doc=project.txt, ann=live, article=article) for a in args])
    _one_error(res, "--author", "TESTIMONIA_AUTHOR")
    assert fingerprint(project.path) == before


def test_new_needs_an_author(tmp_path: Path, cli: Run) -> None:
    path = tmp_path / "anonymous.testimonia"
    _one_error(cli("new", path), "--author")
    assert not path.exists()
