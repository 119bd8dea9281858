"""`testimonia export`, `import-qdpx` and `import-w3c` end to end, in process."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.cli.conftest import AUTHOR, Project, Run, fingerprint
from tests.core.interop_helpers import need_standards


def _annotate(cli: Run, project: Project) -> str:
    text = cli("text", project.path, "--doc", project.txt).out
    start = next(i for i in range(len(text)) if text[i].isdigit())
    end = text.index(" ", start)
    res = cli("annotate", project.path, "--doc", project.txt, "--kind", "figure", "--start", start, "--end", end,
              "--field", f"value={text[start:end].replace(',', '')}", "--note", "=first figure")
    assert res.code == 0, res.err
    return text[start:end]


@pytest.mark.parametrize(("fmt", "name"), [("w3c", "a.jsonld"), ("refi", "a.qdpx"), ("csv", "a.csv"),
                                           ("xlsx", "a.xlsx"), ("brat", "brat"), ("report", "a.html")])
def test_export_each_format(tmp_path: Path, cli: Run, project: Project, fmt: str, name: str) -> None:
    _annotate(cli, project)
    out = tmp_path / name
    res = cli("export", project.path, "--format", fmt, "-o", out)
    assert res.code == 0, res.err
    assert res.lines == [f"{out}\t{fmt}\t1\t{2 if fmt in ('refi', 'brat') else 1}"]
    assert out.exists()
    res = cli("export", project.path, "--format", fmt, "-o", tmp_path / f"j-{name}", "--json", "--kind", "statement")
    assert res.code == 0 and json.loads(res.out)["annotations"] == 0


def test_export_w3c_then_import_w3c_elsewhere(tmp_path: Path, cli: Run, project: Project) -> None:
    quote = _annotate(cli, project)
    out = tmp_path / "a.jsonld"
    assert cli("export", project.path, "-f", "w3c", "-o", out).code == 0
    other = tmp_path / "other.testimonia"
    assert cli("new", other).code == 0
    text = cli("text", project.path, "--doc", project.txt).out
    (tmp_path / "same.txt").write_text(text, encoding="utf-8")
    assert cli("import", other, tmp_path / "same.txt").code == 0
    res = cli("import-w3c", other, out, "--json")
    assert res.code == 0, res.err
    assert json.loads(res.out)["annotations_added"] == 1
    listed = json.loads(cli("list", other, "--json").out)
    assert [(a["kind"], a["exact"], a["note"], a["creator"]) for a in listed] == [
        ("figure", quote, "=first figure", AUTHOR)]


def test_import_qdpx_of_the_demo_project(tmp_path: Path, cli: Run, author_env: str) -> None:
    qdpx = need_standards("refi-qda", "examples", "demo.qdpx")
    path = tmp_path / "qda.testimonia"
    assert cli("new", path).code == 0
    res = cli("import-qdpx", path, qdpx)
    assert res.code == 0, res.err
    counts = dict(line.split("\t") for line in res.lines)
    assert counts["annotations_added"] == "205" and counts["documents_added"] == "2"
    again = cli("import-qdpx", path, qdpx, "--json")
    assert json.loads(again.out)["duplicates"] == 205


def test_import_qdpx_reports_skipped_parts_on_stderr(tmp_path: Path, cli: Run, author_env: str) -> None:
    qdpx = need_standards("refi-qda", "examples", "nvivo_project.qdpx")
    path = tmp_path / "qda.testimonia"
    assert cli("new", path).code == 0
    res = cli("import-qdpx", path, qdpx)
    assert res.code == 0
    assert len(res.err_lines) == 2 and all(line.startswith("testimonia: ") and "no text" in line
                                           for line in res.err_lines)


def test_bad_import_is_one_error_line_and_changes_nothing(tmp_path: Path, cli: Run, project: Project) -> None:
    _annotate(cli, project)
    before = fingerprint(project.path)
    slip = tmp_path / "slip.qdpx"
    with zipfile.ZipFile(slip, "w") as zf:
        zf.writestr("project.qde", "<Project xmlns='urn:QDA-XML:project:1.0' name='x'/>")
        zf.writestr("../../escape.txt", "owned")
    res = cli("import-qdpx", project.path, slip)
    assert res.code == 1 and res.out == ""
    assert len(res.err_lines) == 1 and str(slip) in res.err and "outside the archive" in res.err
    bad_json = tmp_path / "bad.jsonld"
    bad_json.write_text("{not json", encoding="utf-8")
    res = cli("import-w3c", project.path, bad_json)
    assert res.code == 1 and len(res.err_lines) == 1 and "not valid JSON" in res.err
    assert fingerprint(project.path) == before
    assert not (tmp_path.parent / "escape.txt").exists()


def test_export_usage_errors(tmp_path: Path, cli: Run, project: Project) -> None:
    assert cli("export", project.path, "-o", tmp_path / "x").code == 2  # --format is required
    assert cli("export", project.path, "-f", "pdf", "-o", tmp_path / "x").code == 2
    res = cli("export", project.path, "-f", "csv", "-o", tmp_path / "x.csv", "--kind", "nonsense")
    assert res.code == 1 and "unknown kind or label" in res.err
    res = cli("export", project.path, "-f", "csv", "-o", tmp_path / "missing" / "x.csv")
    assert res.code == 1 and "does not exist" in res.err


def test_exports_people_read_follow_testimonia_lang(tmp_path: Path, cli: Run, project: Project,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _annotate(cli, project)
    uuid = json.loads(cli("list", project.path, "--json").out)[0]["uuid"]
    assert cli("edit", project.path, uuid, "--field", "approximate=yes").code == 0
    assert cli("export", project.path, "-f", "csv", "-o", tmp_path / "en.csv").code == 0
    monkeypatch.setenv("TESTIMONIA_LANG", "ko_KR.UTF-8")
    assert cli("export", project.path, "-f", "csv", "-o", tmp_path / "ko.csv").code == 0
    assert cli("export", project.path, "-f", "report", "-o", tmp_path / "ko.html").code == 0
    assert cli("export", project.path, "-f", "w3c", "-o", tmp_path / "ko.jsonld").code == 0
    en, ko = ((tmp_path / f"{n}.csv").read_text(encoding="utf-8-sig").splitlines() for n in ("en", "ko"))
    column = en[0].split(",").index("approximate")
    assert en[1].split(",")[column] == "yes" and ko[1].split(",")[column] == "예"
    assert en[0] == ko[0]  # the columns keep their keys
    report = (tmp_path / "ko.html").read_text(encoding="utf-8")
    assert '<html lang="ko">' in report and "<dt>어림값</dt><dd>예</dd>" in report
    body = json.loads((tmp_path / "ko.jsonld").read_text(encoding="utf-8"))["first"]["items"][0]["body"]
    assert json.loads(next(b["value"] for b in body if b["purpose"] == "describing"))["approximate"] is True


def test_import_qdpx_counts_annotations_it_already_holds(tmp_path: Path, cli: Run, project: Project) -> None:
    from tests.core.test_interop_refi_receivers import _through_another_tool

    _annotate(cli, project)
    assert cli("export", project.path, "-f", "refi", "-o", tmp_path / "ours.qdpx").code == 0
    _through_another_tool(tmp_path / "ours.qdpx", tmp_path / "back.qdpx")
    before = cli("list", project.path, "--json").out
    res = cli("import-qdpx", project.path, tmp_path / "back.qdpx")
    assert res.code == 0, res.err
    counts = dict(line.split("\t") for line in res.lines)
    assert (counts["annotations_added"], counts["annotations_matched"], counts["duplicates"]) == ("0", "1", "0")
    assert list(counts) == ["documents_added", "documents_matched", "labels_added", "labels_matched",
                            "annotations_added", "duplicates", "reanchored", "annotations_matched"]
    assert res.err_lines == ["testimonia: back.qdpx: 1 annotation(s) are already in the project (same document, "
                             "label, span and author) with other fields or notes; they were not added again and "
                             "the project's versions were kept"]
    assert cli("list", project.path, "--json").out == before  # the note "=first figure" and the value kept
    res = cli("import-qdpx", project.path, tmp_path / "back.qdpx", "--json")
    assert json.loads(res.out)["annotations_matched"] == 1
