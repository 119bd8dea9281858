"""`testimonia copy --since … --to …`: changes-only exchange files from the command line (docs/CLI.md)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import ARTICLES, Project, Run, fingerprint


def _annotate(cli: Run, project: Project, needle: str, kind: str = "statement") -> str:
    text = cli("text", project.path, "--doc", project.txt).out
    start = text.index(needle)
    res = cli("annotate", project.path, "--doc", project.txt, "--kind", kind, "--start", start, "--end",
              start + len(needle))
    assert res.code == 0, res.err
    return res.out.strip()


def _words(cli: Run, project: Project) -> list[str]:
    return cli("text", project.path, "--doc", project.txt).out.split()


def test_changes_since_the_last_exchange_with_a_teammate(tmp_path: Path, cli: Run, project: Project) -> None:
    words = _words(cli, project)
    _annotate(cli, project, words[0])
    full = cli("copy", project.path, tmp_path / "full.testimonia", "--to", "Bob", "--json")
    assert full.code == 0, full.err
    bob = tmp_path / "bob.testimonia"
    assert cli("new", bob, "--title", "Bob's", "--author", "Bob").code == 0
    assert cli("merge", bob, tmp_path / "full.testimonia", "--author", "Bob").code == 0

    _annotate(cli, project, words[2], "figure")
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    res = cli("copy", project.path, outbox, "--since", "last", "--to", "Bob", "--json")
    assert res.code == 0, res.err
    made = json.loads(res.out)
    assert set(made) == {"copy", "bytes", "to", "since", "revisions", "annotations", "documents_with_text",
                         "documents_without_text"}
    assert (made["to"], made["revisions"], made["annotations"], made["documents_with_text"]) == ("Bob", 1, 1, 0)
    path = Path(made["copy"])
    assert path.parent == outbox and path.name.startswith("evidence (changes for Bob, Seo-yeon Kang, ")
    assert made["bytes"] == path.stat().st_size < json.loads(full.out)["bytes"]
    merged = cli("merge", bob, path, "--author", "Bob", "--json")
    assert merged.code == 0, merged.err
    assert json.loads(merged.out)[0]["counts"]["annotations_new"] == 1
    assert cli("list", bob, "--json").out == cli("list", project.path, "--json").out
    # It is for merging: opening or checking it says so (it lacks the texts it only refers to).
    for command in ("check", "docs"):
        res = cli(command, path)
        assert res.code == 1 and "is a changes-only file from a teammate" in res.err

    # Nothing new since: an empty changes file, which merges to nothing.
    again = cli("copy", project.path, tmp_path / "none.testimonia", "--since", "last", "--to", "Bob", "--json")
    assert json.loads(again.out)["revisions"] == 0
    assert cli("merge", bob, tmp_path / "none.testimonia", "--author", "Bob").code == 0


def test_changes_since_a_date_and_the_refusals(tmp_path: Path, cli: Run, project: Project) -> None:
    words = _words(cli, project)
    _annotate(cli, project, words[0])
    res = cli("copy", project.path, tmp_path / "old.testimonia", "--since", "2000-01-01", "--json")
    assert res.code == 0 and json.loads(res.out)["documents_with_text"] == 2
    carol = tmp_path / "carol.testimonia"
    assert cli("new", carol, "--title", "Carol's", "--author", "Carol").code == 0
    assert cli("merge", carol, tmp_path / "old.testimonia", "--author", "Carol").code == 0
    assert cli("list", carol, "--json").out == cli("list", project.path, "--json").out

    # Since tomorrow: nothing to send; since a date whose documents Dan lacks: he is told what to do.
    tomorrow = cli("copy", project.path, tmp_path / "t.testimonia", "--since", "2999-01-01", "--json")
    assert json.loads(tomorrow.out)["documents_with_text"] == 0
    _annotate(cli, project, words[1])
    assert cli("copy", project.path, tmp_path / "late.testimonia", "--since", "2999-01-01").code == 0
    dan = tmp_path / "dan.testimonia"
    assert cli("new", dan, "--title", "Dan's", "--author", "Dan").code == 0
    assert cli("import", dan, ARTICLES / "shelter_notice.html", "--author", "Dan").code == 0
    res = cli("copy", project.path, tmp_path / "recent.testimonia", "--since", "2000-01-02T00:00", "--to", "Dan")
    assert res.code == 0, res.err
    assert cli("edit", project.path, _annotate(cli, project, words[3]), "--note", "x").code == 0
    res = cli("copy", project.path, tmp_path / "next.testimonia", "--since", "last", "--to", "Dan")
    assert res.code == 0, res.err
    before = fingerprint(dan)
    refused = cli("merge", dan, tmp_path / "next.testimonia", "--author", "Dan")
    assert refused.code == 1 and "ask Seo-yeon Kang for a full copy" in refused.err
    assert fingerprint(dan) == before

    # No exchange with Eve yet; a date that is not one; an existing file is never replaced.
    res = cli("copy", project.path, tmp_path / "e.testimonia", "--since", "last", "--to", "Eve")
    assert res.code == 1 and "no earlier exchange with Eve" in res.err and "--since" in res.err
    res = cli("copy", project.path, tmp_path / "e.testimonia", "--since", "yesterday")
    assert res.code == 1 and "not 'last', a date" in res.err
    res = cli("copy", project.path, tmp_path / "old.testimonia", "--since", "2000-01-01")
    assert res.code == 1 and "already exists" in res.err
    assert not (tmp_path / "e.testimonia").exists()
