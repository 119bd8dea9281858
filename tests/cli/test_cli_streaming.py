"""`list` and `export` write as they read: the bytes are those of the whole list dumped at once
(docs/CLI.md is a contract), and a person at a terminal sees progress on long runs, never a script."""

from __future__ import annotations

import json
import sys
from types import SimpleNamespace

import pytest

from testimonia.commands import common
from testimonia.commands.common import annotation_line
from testimonia.core import snapshot
from testimonia.core.store import Store

from .conftest import Project, Run


@pytest.fixture
def annotated(project: Project, cli: Run, monkeypatch: pytest.MonkeyPatch) -> Project:
    monkeypatch.setattr(snapshot, "PAGE_DOCUMENTS", 1)  # every document a page of its own
    monkeypatch.setattr(snapshot, "FETCH_ROWS", 2)
    with Store.open(project.path) as store:
        for doc in (project.txt, project.html):
            text = store.document_text(doc)
            words = [w for w in text.split() if len(w) > 4][:6]
            for i, word in enumerate(words):
                at = text.index(word)
                kind = ("statement", "figure", "obligation")[i % 3]
                fields = {"figure": {"value": i, "approximate": True}, "statement": {"speaker": "“가족” 대표"},
                          "obligation": {}}[kind]
                store.add_annotation(doc, kind, at, at + len(word), common.author_from(SimpleNamespace(author=None)),
                                     fields=fields, note=f"note {i}\nline two" if i % 2 else "")
    return project


def test_list_json_is_byte_for_byte_the_whole_list_dumped(annotated: Project, cli: Run) -> None:
    with Store.open(annotated.path, readonly=True) as store:
        expected = [a.to_json() for a in store.annotations()]
        figures = [a.to_json() for a in store.annotations(kind="figure")]
    assert len(expected) == 12
    res = cli("list", annotated.path, "--json")
    assert res.code == 0 and res.err == ""
    assert res.out == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"
    assert cli("list", annotated.path, "--json", "--kind", "figure").out == json.dumps(
        figures, ensure_ascii=False, indent=2) + "\n"
    assert cli("list", annotated.path, "--json", "--kind", "custom").out == "[]\n"


def test_list_lines_are_those_of_the_whole_list(annotated: Project, cli: Run) -> None:
    with Store.open(annotated.path, readonly=True) as store:
        expected = [annotation_line(a) for a in store.annotations(document=annotated.html)]
    res = cli("list", annotated.path, "--doc", annotated.html)
    assert res.code == 0 and res.lines == expected and len(expected) == 6


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def monotonic(self) -> float:
        self.now += 3.0  # every look at the clock is three seconds later: a long run
        return self.now


def _terminal(monkeypatch: pytest.MonkeyPatch, *, stderr: bool, stdout: bool) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: stderr)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: stdout)
    monkeypatch.setattr(common, "time", _Clock())
    monkeypatch.setattr(common.ProgressLine, "EVERY", 0.0)


def test_a_long_export_shows_progress_on_a_terminal_and_ends_its_line(
        annotated: Project, cli: Run, monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from testimonia.core.interop import selection

    monkeypatch.setattr(selection, "PROGRESS_EVERY", 1)
    _terminal(monkeypatch, stderr=True, stdout=True)
    res = cli("export", annotated.path, "-f", "csv", "-o", tmp_path / "t.csv")
    assert res.code == 0
    assert res.out == f"{tmp_path / 't.csv'}\tcsv\t12\t2\n"
    drawn = res.err.split("\r")[1:]
    assert drawn and drawn[-1].rstrip("\n").rstrip() == "testimonia: export csv: 100 % (12 of 12)"
    assert res.err.endswith("\n") and res.err.count("\n") == 1


def test_list_shows_progress_only_when_its_output_goes_elsewhere(
        annotated: Project, cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(snapshot, "PAGE_DOCUMENTS", 64)
    _terminal(monkeypatch, stderr=True, stdout=True)  # the JSON itself is on that terminal
    assert cli("list", annotated.path, "--json").err == ""
    _terminal(monkeypatch, stderr=True, stdout=False)  # `list --json > file`
    res = cli("list", annotated.path, "--json")
    assert len(json.loads(res.out)) == 12
    assert res.err.rstrip().endswith("testimonia: list: 100 % (12 of 12 annotations)")


def test_no_progress_when_stderr_is_not_a_terminal_or_the_run_is_short(
        annotated: Project, cli: Run, monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _terminal(monkeypatch, stderr=False, stdout=False)
    assert cli("export", annotated.path, "-f", "w3c", "-o", tmp_path / "a.jsonld").err == ""
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    monkeypatch.setattr(common, "time", SimpleNamespace(monotonic=lambda: 5.0))  # no time passes
    assert cli("export", annotated.path, "-f", "w3c", "-o", tmp_path / "b.jsonld").err == ""


def test_a_long_check_shows_its_steps_and_ends_its_line(annotated: Project, cli: Run,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from testimonia.core import check

    monkeypatch.setattr(check, "INTEGRITY_TICK", 50)
    _terminal(monkeypatch, stderr=True, stdout=True)
    res = cli("check", annotated.path)
    assert res.code == 0 and res.lines[0] == "ok"
    drawn = [d.rstrip("\n").rstrip() for d in res.err.split("\r")[1:]]
    assert drawn[0] == "testimonia: check: SQLite's integrity check…"
    assert "testimonia: check: 100 % (2 of 2 documents)" in drawn
    assert drawn[-1].startswith("testimonia: check: 100 % (") and drawn[-1].endswith(" revisions)")
    assert res.err.endswith("\n") and res.err.count("\n") == 1
    _terminal(monkeypatch, stderr=False, stdout=False)
    assert cli("check", annotated.path).err == ""


def test_ctrl_c_during_the_integrity_check_stops_it_and_is_no_problem_found(
        annotated: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    from testimonia.core import check, rawdb

    monkeypatch.setattr(check, "INTEGRITY_TICK", 50)

    def interrupted(step: str, done: int, total: int) -> None:
        raise KeyboardInterrupt

    conn = rawdb.connect_raw(annotated.path, readonly=True)
    try:
        with pytest.raises(KeyboardInterrupt):
            check.problems(conn, interrupted)
        assert check.problems(conn) == []  # the connection is usable again, without the handler
    finally:
        conn.close()
