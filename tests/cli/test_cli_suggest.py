"""`testimonia suggest`: the JSON contract, filters, read-only listing, bulk accept and reject."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from testimonia.core import labels

from .conftest import Run

ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "suggest" / "dev"
KEYS = {"document", "kind", "start", "end", "exact", "fields", "score", "rule"}


@pytest.fixture
def proj(tmp_path: Path, cli: Run, author_env: str) -> tuple[Path, str, str]:
    path = tmp_path / "suggest.testimonia"
    assert cli("new", path).code == 0
    res = cli("import", path, ARTICLES / "en_tumen_buses.txt", ARTICLES / "ko_dandong_arrests.txt")
    assert res.code == 0, res.err
    en, ko = (line.split("\t")[0] for line in res.lines)
    return path, en, ko


def _suggest(cli: Run, *args: object) -> list[dict]:
    res = cli("suggest", *args, "--json")
    assert res.code == 0, res.err
    return json.loads(res.out)


def test_json_lists_suggestions_whose_spans_and_fields_are_right(cli: Run, proj: tuple[Path, str, str]) -> None:
    path, en, ko = proj
    found = _suggest(cli, path)
    assert {s["kind"] for s in found} == {"statement", "figure", "obligation"}
    assert {s["document"] for s in found} == {en, ko}
    texts = {d: cli("text", path, "--doc", d).out for d in (en, ko)}
    for s in found:
        assert set(s) == KEYS
        assert texts[s["document"]][s["start"]:s["end"]] == s["exact"]
        assert labels.validate_fields(s["kind"], s["fields"]) == dict(sorted(s["fields"].items()))
        assert 0 < s["score"] <= 1 and s["rule"].startswith(s["kind"])
    korean = [s for s in found if s["document"] == ko and s["kind"] == "figure"]
    assert any(s["exact"] == "탈북민 40여 명" and s["fields"]["value"] == 40 for s in korean)


def test_filters_and_the_text_form(cli: Run, proj: tuple[Path, str, str]) -> None:
    path, en, _ko = proj
    figures = _suggest(cli, path, "--doc", en, "--kind", "figure")
    assert figures and {(s["document"], s["kind"]) for s in figures} == {(en, "figure")}
    res = cli("suggest", path, "--doc", en, "--kind", "figure")
    rows = [line.split("\t") for line in res.lines]
    assert len(rows) == len(figures)
    first = rows[0]
    assert first[:5] == [en, "figure", f"{figures[0]['start']}-{figures[0]['end']}", f"{figures[0]['score']:.2f}",
                         figures[0]["rule"]]
    assert json.loads(first[5]) == figures[0]["exact"] and json.loads(first[6]) == figures[0]["fields"]


def test_listing_writes_nothing(cli: Run, proj: tuple[Path, str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    path, _en, _ko = proj
    monkeypatch.delenv("TESTIMONIA_AUTHOR")
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), sorted(p.name for p in path.parent.iterdir()))
    assert cli("suggest", path).code == 0
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), sorted(p.name for p in path.parent.iterdir())) == before


def test_accept_above_writes_annotations_that_say_where_they_came_from(cli: Run, proj: tuple[Path, str, str]) -> None:
    path, _en, _ko = proj
    before = _suggest(cli, path)
    res = cli("suggest", path, "--accept-above", "0.9", "--json")
    assert res.code == 0, res.err
    created = json.loads(res.out)
    expected = [s for s in before if s["score"] >= 0.9]
    assert len(created) == len(expected) > 0
    assert f"accepted {len(created)} of {len(before)}" in res.err
    assert {(a["document"], a["start"], a["end"], a["kind"]) for a in created} == \
        {(s["document"], s["start"], s["end"], s["kind"]) for s in expected}
    assert all(a["note"].startswith("Suggested by rule ") for a in created)
    listed = json.loads(cli("list", path, "--json").out)
    assert len(listed) == len(created)
    after = _suggest(cli, path)
    assert not {(s["document"], s["start"], s["end"]) for s in after} & {(a["document"], a["start"], a["end"])
                                                                         for a in created}


def test_reject_is_remembered(cli: Run, proj: tuple[Path, str, str]) -> None:
    path, en, _ko = proj
    target = _suggest(cli, path, "--doc", en, "--kind", "figure")[0]
    res = cli("suggest", path, "--doc", en, "--reject", f"{target['start']}-{target['end']}")
    assert res.code == 0, res.err
    assert "rejected 1 suggestion" in res.err
    again = _suggest(cli, path, "--doc", en)
    assert all((s["start"], s["end"]) != (target["start"], target["end"]) for s in again)
    assert json.loads(cli("list", path, "--json").out) == []


@pytest.mark.parametrize(("args", "words"), [
    (("--accept-above", "lots"), "--accept-above must be a score"),
    (("--accept-above", "1.5"), "--accept-above must be a score"),
    (("--reject", "10-20"), "--reject needs --doc"),
    (("--reject", "20-10", "--doc", "DOC"), "START < END"),
    (("--reject", "1-2", "--doc", "DOC"), "no suggestion at 1-2"),
])
def test_bad_options_are_one_line_and_change_nothing(cli: Run, proj: tuple[Path, str, str], args: tuple[str, ...],
                                                     words: str) -> None:
    path, en, _ko = proj
    args = tuple(en if a == "DOC" else a for a in args)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    res = cli("suggest", path, *args)
    assert res.code == 1
    assert len(res.err_lines) == 1 and words in res.err
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_accepting_needs_an_author(cli: Run, proj: tuple[Path, str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    path, _en, _ko = proj
    monkeypatch.delenv("TESTIMONIA_AUTHOR")
    res = cli("suggest", path, "--accept-above", "0.5")
    assert res.code == 1 and "no author name is known" in res.err
    assert json.loads(cli("list", path, "--json").out) == []
