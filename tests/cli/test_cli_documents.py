"""remove-doc, restore-doc and docs --removed: a document leaves the lists and comes back."""

from __future__ import annotations

import json

from tests.cli.conftest import ARTICLES, Project, Run


def test_remove_and_restore_a_document(cli: Run, project: Project) -> None:
    res = cli("annotate", project.path, "--doc", project.txt, "--kind", "figure", "--start", "0", "--end", "8")
    assert res.code == 0, res.err
    ann = res.lines[0]
    res = cli("remove-doc", project.path, project.txt)
    assert res.code == 0 and res.lines == [project.txt]
    assert [line.split("\t")[0] for line in cli("docs", project.path).lines] == [project.html]
    removed = json.loads(cli("docs", project.path, "--removed", "--json").out)
    assert [(d["uuid"], d["removed"]) for d in removed] == [(project.txt, True)]
    assert ann not in cli("list", project.path).out  # its annotations leave the lists with it
    assert cli("show", project.path, ann).code == 0  # but are kept
    again = cli("remove-doc", project.path, project.txt)
    assert again.code == 1 and "already removed" in again.err
    res = cli("restore-doc", project.path, project.txt, "--json")
    assert res.code == 0 and json.loads(res.out)["uuid"] == project.txt and "removed" not in json.loads(res.out)
    assert ann in cli("list", project.path).out
    assert cli("docs", project.path, "--removed").lines == []
    assert cli("check", project.path).code == 0


def test_importing_a_removed_document_again_restores_it(cli: Run, project: Project) -> None:
    assert cli("remove-doc", project.path, project.txt).code == 0
    res = cli("import", project.path, ARTICLES / "river_crossing.txt")
    assert res.code == 0, res.err
    assert res.lines[0].split("\t")[0] == project.txt  # the same document, not a second copy
    assert len(cli("docs", project.path).lines) == 2


def test_unknown_document_is_a_clear_error(cli: Run, project: Project) -> None:
    res = cli("restore-doc", project.path, "00000000-0000-4000-8000-000000000000")
    assert res.code == 1 and "no document" in res.err and res.out == ""
    res = cli("restore-doc", project.path, project.txt)
    assert res.code == 1 and "not removed" in res.err
