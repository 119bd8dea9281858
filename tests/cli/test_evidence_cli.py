"""The evidence register's subcommands (docs/CLI.md): entities, merges, incidents, links, bulk
linking, document sources, grades and memos, with --json and clear refusals."""

from __future__ import annotations

import json

from .conftest import Project, Run, fingerprint

QUOTE = "“My sister called me from the cell on Monday and said they would all be sent back,”"
FIGURE = "Between 300 and 400 people"


def _annotate(cli: Run, project: Project, text: str, needle: str, kind: str, *fields: str) -> str:
    start = text.index(needle)
    args = ["annotate", project.path, "--doc", project.txt, "--kind", kind, "--start", start,
            "--end", start + len(needle), "--json"]
    for f in fields:
        args += ["--field", f]
    res = cli(*args)
    assert res.code == 0, res.err
    return json.loads(res.out)["uuid"]


def _text(cli: Run, project: Project) -> str:
    return cli("text", project.path, "--doc", project.txt).out


def test_entities_merge_and_bulk_link(cli: Run, project: Project) -> None:
    text = _text(cli, project)
    a1 = _annotate(cli, project, text, QUOTE, "statement", "speaker=a woman in her fifties")
    res = cli("entity-add", project.path, "Jeong Park", "--type", "person", "--alias", "Jung Park", "--alias", "정 박",
              "--json")
    assert res.code == 0, res.err
    park = json.loads(res.out)
    assert park["aliases"] == ["Jung Park", "정 박"] and park["type"] == "person"
    other = cli("entity-add", project.path, "J. Park", "--type", "person").out.strip()
    res = cli("entity-merge", project.path, park["uuid"], "J. Park", "--json")
    assert res.code == 0 and json.loads(res.out)["merged"] is True
    listed = json.loads(cli("entities", project.path, "--json").out)
    assert [e["uuid"] for e in listed] == [park["uuid"]] and listed[0]["members"] == [other]
    assert len(json.loads(cli("entities", project.path, "--all", "--json").out)) == 2
    res = cli("entity-merge", project.path, park["uuid"], other, "--undo", "--json")
    assert res.code == 0 and json.loads(res.out)["merged"] is False
    assert len(json.loads(cli("entities", project.path, "--json").out)) == 2

    witness = cli("entity-add", project.path, "Anonymous relative", "--type", "person").out.strip()
    res = cli("link-all", project.path, "A woman in her  fifties", "--entity", witness, "--json")
    assert res.code == 0, res.err
    assert json.loads(res.out) == {"linked": [a1], "count": 1}
    res = cli("entity-add", project.path, "X", "--type", "robot")
    assert res.code == 2  # argparse refuses the choice


def test_incidents_links_grades_and_the_incident_view(cli: Run, project: Project) -> None:
    text = _text(cli, project)
    fig = _annotate(cli, project, text, FIGURE, "figure", "value_low=300", "value_high=400")
    st = _annotate(cli, project, text, QUOTE, "statement")
    china = cli("entity-add", project.path, "China", "--type", "state").out.strip()
    res = cli("incident-add", project.path, "Hunchun transfers", "--type", "forced return",
              "--date", "~2024-03/2024-05", "--place", "Hunchun", "--participant", f"perpetrator={china}", "--json")
    assert res.code == 0, res.err
    inc = json.loads(res.out)
    assert (inc["date"], inc["type"], inc["participants"][0]["role"]) == ("~2024-03/2024-05", "forced return",
                                                                          "perpetrator")
    for ann in (fig, st):
        assert cli("link", project.path, ann, "--incident", inc["uuid"]).code == 0
    assert cli("link", project.path, st, "--entity", china, "--role", "duty_bearer").code == 0
    assert cli("grade", project.path, fig, "2").code == 0
    res = cli("incident", project.path, "Hunchun transfers", "--json")
    view = json.loads(res.out)
    assert [e["annotation"] for e in view["evidence"]["figure"]] == [fig]
    assert view["evidence"]["figure"][0]["grade"] == 2
    assert json.loads(cli("incidents", project.path, "--json").out)[0]["evidence"] == 2
    assert "Hunchun transfers" in cli("incidents", project.path).out
    assert cli("link", project.path, st, "--incident", inc["uuid"], "--remove").code == 0
    assert json.loads(cli("incidents", project.path, "--json").out)[0]["evidence"] == 1
    types = json.loads(cli("incidents", project.path, "--types", "--json").out)
    assert "punishment after return" in {t["name"] for t in types}

    before = fingerprint(project.path)
    for bad, words in (
        (("grade", project.path, fig, "9"), "1 to 6"),
        (("link", project.path, fig, "--entity", china), "--role"),
        (("incident-add", project.path, "x", "--type", "picnic"), "no incident type"),
        (("incident-add", project.path, "x", "--type", "forced return", "--date", "2024-13"), "not a date"),
        (("incident-add", project.path, "x", "--type", "forced return", "--participant", "judge=China"), "role"),
        (("link", project.path, "00000000-0000-4000-8000-000000000000", "--incident", inc["uuid"]), "no annotation"),
    ):
        res = cli(*bad)
        assert res.code == 1 and words in res.err, (bad, res.err)
        assert "Traceback" not in res.err
    assert fingerprint(project.path)[1] == before[1]  # refused: nothing written


def test_doc_meta_and_memos(cli: Run, project: Project, tmp_path) -> None:  # type: ignore[no-untyped-def]
    res = cli("doc-meta", project.path, project.html, "--json")
    assert res.code == 0, res.err
    assert json.loads(res.out)["edited"] is False
    res = cli("doc-meta", project.path, project.html, "--outlet", "Peninsula Rights Monitor", "--published",
              "2024-05-02", "--reliability", "b", "--source-type", "ngo_report", "--json")
    assert res.code == 0, res.err
    src = json.loads(res.out)
    assert (src["outlet"], src["reliability"], src["source_type"], src["edited"]) == (
        "Peninsula Rights Monitor", "B", "ngo_report", True)
    assert cli("doc-meta", project.path, project.html, "--reliability", "Z").code == 1
    assert "outlet: Peninsula Rights Monitor" in cli("doc-meta", project.path, project.html).out

    assert cli("memo", project.path, "--project-memo", "--set", "Check the Hunchun count.").code == 0
    note = tmp_path / "memo.txt"
    note.write_text("Outlet run by exiles.\n", encoding="utf-8")
    assert cli("memo", project.path, "--doc", project.html, "--file", note).code == 0
    assert cli("memo", project.path, "--project-memo").out == "Check the Hunchun count.\n"
    memos = json.loads(cli("memo", project.path, "--json").out)
    assert [m["target_kind"] for m in memos] == ["project", "document"]
    res = cli("memo", project.path, "--set", "orphan text")
    assert res.code == 1 and "whose memo" in res.err


def test_export_package_with_filters(cli: Run, project: Project, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import zipfile

    text = _text(cli, project)
    fig = _annotate(cli, project, text, FIGURE, "figure", "value_low=300", "value_high=400")
    _annotate(cli, project, text, QUOTE, "statement")
    inc = cli("incident-add", project.path, "Spring returns", "--type", "forced return").out.strip()
    assert cli("link", project.path, fig, "--incident", inc).code == 0
    out = tmp_path / "case.zip"
    res = cli("export", project.path, "--format", "package", "-o", out, "--incident", "Spring returns", "--json")
    assert res.code == 0, res.err
    assert json.loads(res.out)["annotations"] == 1
    with zipfile.ZipFile(out) as zf:
        assert fig in zf.read("annotations.csv").decode("utf-8-sig")
        assert f"originals/{project.txt}/river_crossing.txt" in zf.namelist()
    res = cli("export", project.path, "--format", "csv", "-o", tmp_path / "g.csv", "--grade", "3", "--json")
    assert res.code == 0 and json.loads(res.out)["annotations"] == 0


def test_originals_limit(cli: Run, project: Project) -> None:
    res = cli("originals", project.path, "--json")
    assert res.code == 0 and json.loads(res.out)["kept"] == 2 and json.loads(res.out)["limit_bytes"] == 20 * 2**20
    res = cli("originals", project.path, "--limit", "0", "--json")
    assert json.loads(res.out)["limit_bytes"] == 0


def test_entity_edit_and_incident_edit(cli: Run, project: Project) -> None:
    ent = cli("entity-add", project.path, "HRW", "--type", "organisation").out.strip()
    res = cli("entity-edit", project.path, ent, "--name", "Human Rights Watch", "--alias", "HRW",
              "--alias", "휴먼라이츠워치", "--json")
    assert res.code == 0, res.err
    edited = json.loads(res.out)
    assert (edited["name"], edited["aliases"]) == ("Human Rights Watch", ["HRW", "휴먼라이츠워치"])
    assert cli("entity-edit", project.path, "HRW", "--remove").code == 0
    assert json.loads(cli("entities", project.path, "--json").out) == []
    assert cli("entity-edit", project.path, ent, "--restore").code == 0
    inc = cli("incident-add", project.path, "Returns", "--type", "forced return").out.strip()
    res = cli("incident-edit", project.path, inc, "--date", "~2024-04", "--place", "Hunchun", "--participant",
              f"source={ent}", "--json")
    assert res.code == 0, res.err
    view = json.loads(res.out)
    assert (view["date"], view["place"], view["participants"][0]["role"]) == ("~2024-04", "Hunchun", "source")
    res = cli("incident-edit", project.path, inc, "--drop-participant", f"source={ent}", "--remove", "--json")
    assert res.code == 0 and json.loads(res.out)["participants"] == [] and json.loads(res.out)["deleted"] is True
    res = cli("incident-edit", project.path, inc, "--participant", "judge=HRW")
    assert res.code == 1 and "role" in res.err
