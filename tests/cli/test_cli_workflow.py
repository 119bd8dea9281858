"""The everyday command-line workflow, end to end, on the fixture articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import ARTICLES, AUTHOR, Project, Run


def _text(cli: Run, project: Project, doc: str) -> str:
    res = cli("text", project.path, "--doc", doc)
    assert res.code == 0, res.err
    return res.out


def _listed(cli: Run, project: Project, *extra: object) -> list[dict]:
    res = cli("list", project.path, "--json", *extra)
    assert res.code == 0, res.err
    return json.loads(res.out)


def test_full_workflow(tmp_path: Path, cli: Run, author_env: str) -> None:
    path = tmp_path / "case.testimonia"
    res = cli("new", path, "--title", "Hunchun transfers")
    assert res.code == 0 and len(res.out.strip()) == 36 and path.exists()

    missing = tmp_path / "not-there.txt"
    res = cli("import", path, ARTICLES / "river_crossing.txt", ARTICLES / "broken.docx", missing,
              ARTICLES / "shelter_notice.html")
    assert res.code == 1
    assert [line.split("\t")[1] for line in res.lines] == [
        "Detained Escapees Face Return as Crossings Resume", "Shelter Families Appeal to UN Envoy"]
    assert len(res.err_lines) == 2
    assert res.err_lines[0].startswith("testimonia: error: ") and "broken.docx" in res.err_lines[0]
    assert "not-there.txt" in res.err_lines[1]
    txt, html = (line.split("\t")[0] for line in res.lines)

    docs = cli("docs", path)
    assert docs.code == 0
    rows = {line.split("\t")[0]: line.split("\t") for line in docs.lines}
    assert set(rows) == {txt, html}
    text = _text(cli, Project(path, txt, html), txt)
    assert rows[txt][1:] == ["Detained Escapees Face Return as Crossings Resume", "txt", str(len(text)), "-", "0"]
    assert rows[html][2] == "html"

    page = _text(cli, Project(path, txt, html), html)
    assert "Shelter Families Appeal" in page or "Relatives of 12 escapees" in page
    assert "Donate" not in page and "newsletter" not in page and "trackingId" not in page

    quote = "“My sister called me from the cell on Monday and said they would all be sent back,”"
    start = text.index(quote)
    res = cli("annotate", path, "--doc", txt, "--kind", "statement", "--start", start, "--end", start + len(quote),
              "--field", "speaker=woman in her fifties", "--field", "mode=direct", "--note", "relative, anonymous")
    assert res.code == 0, res.err
    statement = res.out.strip()

    figure_span = "Between 300 and 400 people"
    fstart = text.index(figure_span)
    res = cli("annotate", path, "--doc", txt, "--kind", "figure", "--start", fstart, "--end", fstart + len(figure_span),
              "--field", "value_low=300", "--field", "value_high=400", "--field", "unit=people returned",
              "--field", "approximate=yes", "--json")
    assert res.code == 0, res.err
    figure = json.loads(res.out)
    assert figure["fields"] == {"approximate": True, "unit": "people returned", "value_high": 400, "value_low": 300}

    korean = "송환되면 고문과 강제노동을 피할 수 없다"
    kstart = text.index(korean)
    res = cli("annotate", path, "--doc", txt, "--kind", "obligation", "--start", kstart, "--end", kstart + len(korean),
              "--field", "instrument=Convention against Torture")
    assert res.code == 0, res.err

    listed = _listed(cli, Project(path, txt, html))
    assert [a["kind"] for a in listed] == ["statement", "figure", "obligation"]  # ordered by position
    for a in listed:
        assert a["exact"] == text[a["start"]:a["end"]]
        assert a["author"] == AUTHOR and a["document"] == txt and a["conflict"] is False and a["page"] is None
    first = listed[0]
    assert first["uuid"] == statement and first["exact"] == quote and first["note"] == "relative, anonymous"
    assert first["fields"] == {"mode": "direct", "speaker": "woman in her fifties"}
    assert listed[2]["exact"] == korean

    res = cli("edit", path, statement, "--field", "speaker=", "--field", "speaker_role=relative",
              "--end", start + len(quote) - 1)
    assert res.code == 0, res.err
    edited = next(a for a in _listed(cli, Project(path, txt, html)) if a["uuid"] == statement)
    assert edited["fields"] == {"mode": "direct", "speaker_role": "relative"}
    assert edited["end"] == start + len(quote) - 1 and edited["exact"] == quote[:-1]
    assert edited["created"] <= edited["modified"]

    res = cli("show", path, statement, "--json")
    history = json.loads(res.out)["history"]
    assert [r["head"] for r in history] == [False, True]
    assert history[1]["parents"] == [history[0]["revision"]]

    assert cli("delete", path, statement).code == 0
    remaining = _listed(cli, Project(path, txt, html))
    assert statement not in [a["uuid"] for a in remaining] and len(remaining) == 2
    with_deleted = _listed(cli, Project(path, txt, html), "--deleted")
    assert next(a for a in with_deleted if a["uuid"] == statement)["deleted"] is True
    counts = {ln.split("\t")[0]: ln.split("\t")[5] for ln in cli("docs", path).lines}
    assert counts == {txt: "2", html: "0"}  # deleted annotations are not counted

    res = cli("check", path)
    assert res.code == 0 and res.lines[0] == "ok", res.out + res.err
    assert "2 documents, 2 annotations, 0 conflicts" in res.out


def test_text_slices_are_code_points(tmp_path: Path, cli: Run, project: Project) -> None:
    article = tmp_path / "emoji.txt"
    body = "Families held signs 🕯️🙏 outside the consulate.\n“돌려보내지 마라” read one banner 🇰🇷.\n"
    article.write_text(body, encoding="utf-8")
    doc = cli("import", project.path, article).out.split("\t")[0]
    target = "“돌려보내지 마라”"
    start = body.index(target)  # Python indexes strings by code point, as the CLI does
    sliced = cli("text", project.path, "--doc", doc, "--start", start, "--end", start + len(target))
    assert sliced.code == 0 and sliced.out == target
    ann = cli("annotate", project.path, "--doc", doc, "--kind", "statement", "--start", start,
              "--end", start + len(target), "--json")
    assert json.loads(ann.out)["exact"] == target
    as_json = json.loads(cli("text", project.path, "--doc", doc, "--start", 0, "--end", 5, "--json").out)
    assert as_json == {"document": doc, "start": 0, "end": 5, "text": body[:5]}


def test_list_text_form_and_filters(cli: Run, project: Project) -> None:
    text = cli("text", project.path, "--doc", project.txt).out
    line = "A regional official described those held as “people who crossed illegally for work,”"
    two_lines = text[text.index("Both oblige"):text.index("Between 300")]  # holds a blank line
    start, wide = text.index(line), text.index(two_lines)
    a = cli("annotate", project.path, "--doc", project.txt, "--kind", "statement", "--start", start,
            "--end", start + len(line), "--field", "speaker=regional official").out.strip()
    b = cli("annotate", project.path, "--doc", project.txt, "--kind", "obligation", "--start", wide,
            "--end", wide + len(two_lines), "--author", "Tae-hoon Lim").out.strip()
    html_text = cli("text", project.path, "--doc", project.html).out
    span = "roughly 2,000 North Koreans"
    hs = html_text.index(span)
    c = cli("annotate", project.path, "--doc", project.html, "--kind", "figure", "--start", hs,
            "--end", hs + len(span), "--field", "value=2000", "--field", "approximate=true").out.strip()

    rows = [ln.split("\t") for ln in cli("list", project.path, "--doc", project.txt).lines]
    assert [r[0] for r in rows] == [a, b]
    assert rows[0] == [a, "statement", f"{start}-{start + len(line)}", "-", json.dumps(line, ensure_ascii=False),
                       '{"speaker":"regional official"}']
    assert "\n" not in rows[1][4] and json.loads(rows[1][4]) == two_lines  # newlines escaped, one line each

    def uuids(*args: object) -> list[str]:
        return [x["uuid"] for x in json.loads(cli("list", project.path, "--json", *args).out)]

    assert set(uuids()) == {a, b, c}
    assert uuids("--kind", "figure") == [c]
    assert uuids("--author", "Tae-hoon Lim") == [b]
    assert set(uuids("--author", AUTHOR)) == {a, c}
    assert uuids("--doc", project.html, "--kind", "statement") == []
    assert uuids("--conflicts") == []
    assert cli("list", project.path, "--json").out == cli("list", project.path, "--json").out  # deterministic


def test_custom_labels(cli: Run, project: Project) -> None:
    res = cli("label-add", project.path, "Detention site", "--color", "#7a4fd1", "--shortcut", "D")
    assert res.code == 0, res.err
    label = res.out.strip()
    rows = [ln.split("\t") for ln in cli("labels", project.path).lines]
    assert [label, "Detention site", "custom", "#7a4fd1", "D"] in rows
    assert {r[2] for r in rows} == {"statement", "figure", "obligation", "custom"}
    labels = json.loads(cli("labels", project.path, "--json").out)
    statement = next(lb for lb in labels if lb["kind"] == "statement")
    assert statement["builtin"] is True and [f["key"] for f in statement["fields"]] == ["speaker", "speaker_role",
                                                                                         "mode"]

    text = cli("text", project.path, "--doc", project.txt).out
    start = text.index("Hunchun")
    res = cli("annotate", project.path, "--doc", project.txt, "--kind", "detention site", "--start", start,
              "--end", start + 7, "--field", "facility=holding centre", "--json")
    assert res.code == 0, res.err
    ann = json.loads(res.out)
    assert ann["kind"] == "custom" and ann["label"] == "Detention site" and ann["fields"] == {
        "facility": "holding centre"}
    row = cli("list", project.path, "--kind", "Detention site").lines
    assert len(row) == 1 and row[0].split("\t")[1] == "Detention site"
    assert [x["uuid"] for x in json.loads(cli("list", project.path, "--kind", "custom", "--json").out)] == [
        ann["uuid"]]


def test_import_json_and_duplicates(tmp_path: Path, cli: Run, project: Project) -> None:
    again = cli("import", project.path, ARTICLES / "river_crossing.txt")
    assert again.code == 1 and again.out == ""
    assert len(again.err_lines) == 1 and "already in the project" in again.err
    other = tmp_path / "statement.txt"
    other.write_text("UN experts urge an end to forced returns\n\n“Every state must respect non-refoulement.”\n",
                     encoding="utf-8")
    res = cli("import", project.path, other, "--json")
    assert res.code == 0
    (doc,) = json.loads(res.out)
    assert doc["title"] == "UN experts urge an end to forced returns" and doc["kind"] == "txt"
    assert doc["length"] == len(other.read_text(encoding="utf-8")) and doc["pages"] is None
    assert {d["uuid"] for d in json.loads(cli("docs", project.path, "--json").out)} == {
        project.txt, project.html, doc["uuid"]}


def test_show_text_form(cli: Run, project: Project) -> None:
    ann = cli("annotate", project.path, "--doc", project.txt, "--kind", "figure", "--start", 0, "--end", 8).out.strip()
    assert cli("edit", project.path, ann, "--note", "headline, check later").code == 0
    res = cli("show", project.path, ann)
    assert res.code == 0
    fields = dict(line.split("\t", 1) for line in res.lines if not line.startswith("\t") and "\t" in line)
    assert fields["annotation"] == ann and fields["span"] == "0-8"
    assert fields["note"] == '"headline, check later"' and fields["state"] == "ok"
    assert len([line for line in res.lines if line.startswith("\t")]) == 2  # two revisions


def _three_page_pdf(path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    for number, line in enumerate([
        "Annual review of border transfers, part one.",
        "Investigators counted about 80 returns in the second quarter.",
        "The Convention against Torture forbids returning anyone at risk of torture.",
    ], start=1):
        pdf.drawString(72, 760, f"Page {number}")
        pdf.drawString(72, 740, line)
        pdf.showPage()
    pdf.save()


def test_pdf_pages_and_progress(tmp_path: Path, cli: Run, project: Project,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    report = tmp_path / "review.pdf"
    _three_page_pdf(report)
    quiet = cli("import", project.path, report)
    assert quiet.code == 0 and quiet.err == ""  # not a terminal: no progress noise
    doc = quiet.out.split("\t")[0]
    row = next(ln.split("\t") for ln in cli("docs", project.path).lines if ln.startswith(doc))
    text = cli("text", project.path, "--doc", doc).out
    assert row[2] == "pdf" and row[3] == str(len(text)) and row[4] == "3"
    span = "about 80 returns"
    start = text.index(span)
    cli("annotate", project.path, "--doc", doc, "--kind", "figure", "--start", start, "--end", start + len(span),
        "--field", "value=80", "--field", "approximate=yes")
    line = cli("list", project.path, "--doc", doc).lines[0].split("\t")
    assert line[3] == "2" and json.loads(line[4]) == span

    again = tmp_path / "review-copy.pdf"
    _three_page_pdf(again)
    again.write_bytes(again.read_bytes() + b"\n%% a different file with the same text\n")
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    res = cli("import", project.path, again)
    assert "page 3 of 3" in res.err  # a person at a terminal sees progress (then the duplicate error)
    assert res.code == 1 and "already in the project" in res.err_lines[-1]
