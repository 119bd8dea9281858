"""Who a change is credited to: --author, else $TESTIMONIA_AUTHOR, else the user config."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import Project, Run


def _annotate(cli: Run, project: Project, *extra: str) -> dict:
    res = cli("annotate", project.path, "--doc", project.txt, "--kind", "figure", "--start", 0, "--end", 8,
              "--json", *extra)
    assert res.code == 0, res.err
    return json.loads(res.out)


def test_option_beats_environment_beats_config(cli: Run, project: Project, monkeypatch: pytest.MonkeyPatch,
                                                isolated_config: Path) -> None:
    assert cli("author", "Hye-jin Oh").code == 0
    assert (isolated_config / "config.json").exists()
    monkeypatch.setenv("TESTIMONIA_AUTHOR", "Env Person")
    assert _annotate(cli, project, "--author", "Option Person")["author"] == "Option Person"
    assert _annotate(cli, project)["author"] == "Env Person"
    monkeypatch.delenv("TESTIMONIA_AUTHOR")
    from_config = _annotate(cli, project)
    assert from_config["author"] == "Hye-jin Oh"
    assert cli("author").out == f"Hye-jin Oh\t{from_config['author_uuid']}\n"


def test_same_name_is_the_same_author_everywhere(cli: Run, project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TESTIMONIA_AUTHOR")
    a = _annotate(cli, project, "--author", "Jae-won Seo")
    monkeypatch.setenv("TESTIMONIA_AUTHOR", "Jae-won Seo")
    b = _annotate(cli, project)
    assert a["author_uuid"] == b["author_uuid"]


def test_configured_author_keeps_uuid_when_renamed(cli: Run) -> None:
    first = cli("author", "Dana Whitfield").out.split("\t")
    second = cli("author", "Dana Whitfield-Cho").out.split("\t")
    assert first[1] == second[1] and second[0] == "Dana Whitfield-Cho"


def test_no_author_known(cli: Run) -> None:
    res = cli("author")
    assert res.code == 1 and res.out == ""
    assert res.err.startswith("testimonia: error: no author") and "--author NAME" in res.err
    blank = cli("author", "   ")
    assert blank.code == 1 and "empty" in blank.err


def test_blank_option_falls_back(cli: Run, project: Project) -> None:
    # project fixture set TESTIMONIA_AUTHOR; a blank --author must not create a nameless author
    assert _annotate(cli, project, "--author", "  ")["author"] == "Seo-yeon Kang"
