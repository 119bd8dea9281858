"""`testimonia agreement` and `testimonia curate`: the contract in docs/CLI.md."""

from __future__ import annotations

import hashlib
import json

from tests.core.agreement_helpers import coded_project


def _project(tmp_path):
    store, docs = coded_project(tmp_path)
    path = store.path
    store.close()
    return path, docs


def test_agreement_json_shape_and_readonly(tmp_path, cli):
    path, _ = _project(tmp_path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    res = cli("agreement", path, "--samples", "200", "--json")
    assert res.code == 0, res.err
    data = json.loads(res.out)
    assert set(data) >= {"project", "overlap", "bootstrap", "annotators", "labels", "sets", "disagreements", "warnings"}
    (pair,) = data["sets"]
    assert pair["annotators"] == ["Joon", "Min-ji"] and pair["documents"] == 2
    for key in ("u_alpha", "binary_u_alpha", "cu_alpha", "alpha_u_2004", "precision", "recall", "f1", "exact_f1"):
        assert set(pair["measures"][key]) == {"value", "low", "high"}
    u = pair["measures"]["u_alpha"]
    assert u["low"] <= u["value"] <= u["high"]
    assert set(pair["labels"]["figure"]) >= {"k_u_alpha", "nvivo_agreement", "nvivo_kappa", "qualcoder_kappa"}
    assert {d["kind"] for d in data["disagreements"]} == {"boundary", "fields", "missing"}
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    again = json.loads(cli("agreement", path, "--samples", "200", "--json").out)
    assert again == data  # seeded: the same intervals every run


def test_agreement_text_lines_and_selection(tmp_path, cli):
    path, (_, b) = _project(tmp_path)
    res = cli("agreement", path, "--doc", b, "--label", "statement", "--overlap", "1", "--samples", "0")
    assert res.code == 0, res.err
    kinds = {line.split("\t")[0] for line in res.lines}
    assert kinds == {"set", "measure", "field", "disagreement"}
    (dis,) = [line.split("\t") for line in res.lines if line.startswith("disagreement")]
    assert dis[1] == "fields" and dis[2] == b and dis[3] == "statement" and dis[6] == "speaker"
    measure = next(line.split("\t") for line in res.lines if line.startswith("measure") and "\tu_alpha\t" in line)
    assert measure[2] == "-" and float(measure[4]) == 1.0 and measure[5] == "-"


def test_agreement_errors_are_one_line(tmp_path, cli):
    path, _ = _project(tmp_path)
    for args, message in ((("--authors", "Nobody", "Joon"), "no author 'Nobody'"),
                          (("--overlap", "much"), "--overlap must be a number"),
                          (("--overlap", "2"), "between 0 and 1"),
                          (("--authors", "Joon"), "at least two annotators"),
                          (("--seed", "-1"), "seed must be a whole number"),
                          (("--samples", "1e9"), "--samples must be a number"),
                          (("--label", "nonsense"), "unknown kind or label"),
                          (("--doc", "3f0c6a0e-0000-4000-8000-000000000000"), "no document")):
        res = cli("agreement", path, *args)
        assert res.code == 1 and len(res.err_lines) == 1 and message in res.err, (args, res.err)


def test_curate_from_a_script(tmp_path, cli, monkeypatch):
    monkeypatch.setenv("TESTIMONIA_AUTHOR", "Hana")
    path, _ = _project(tmp_path)
    data = json.loads(cli("agreement", path, "--samples", "0", "--json").out)
    boundary = next(d for d in data["disagreements"] if d["kind"] == "boundary")
    missing = [d for d in data["disagreements"] if d["kind"] == "missing"]

    progress = json.loads(cli("curate", path, "progress", "--json").out)
    assert sum(r["left"] for r in progress) == 5 and set(progress[0]) == {"document", "title", "disagreements",
                                                                          "settled", "left"}
    res = cli("curate", path, "accept", boundary["a"]["annotation"], "--also", boundary["b"]["annotation"], "--json")
    assert res.code == 0, res.err
    accepted = json.loads(res.out)
    assert accepted["creator"] == "Hana" and accepted["fields"]["_curation"].startswith("accept ")
    side = missing[0]["a"] or missing[0]["b"]
    res = cli("curate", path, "reject", side["annotation"])
    assert res.code == 0 and len(res.lines) == 1
    dry = cli("curate", path, "bulk-accept", "--dry-run", "--json")
    items = json.loads(dry.out)
    assert {i["votes"] for i in items} == {2} and all(i["curated"] is None for i in items)
    done = json.loads(cli("curate", path, "bulk-accept", "--json").out)
    assert [i["curated"] is not None for i in done] == [True] * len(items)
    progress = json.loads(cli("curate", path, "progress", "--json").out)
    assert sum(r["left"] for r in progress) == 3
    other = missing[1]["a"] or missing[1]["b"]
    field = "instrument=Convention against Torture" if other["label"] == "obligation" else "unit=people"
    merged = cli("curate", path, "merge", other["annotation"], "--field", field)
    assert merged.code == 0, merged.err
    res = cli("list", path, "--json")
    curated = [a for a in json.loads(res.out) if "_curation" in a["fields"]]
    assert len(curated) == 1 + len(items) + 1


def test_curate_needs_an_author_and_a_real_annotation(tmp_path, cli, monkeypatch):
    path, _ = _project(tmp_path)
    res = cli("curate", path, "reject", "not-a-uuid")
    assert res.code == 1 and "no author" in res.err
    monkeypatch.setenv("TESTIMONIA_AUTHOR", "Hana")
    res = cli("curate", path, "accept", "3f0c6a0e-0000-4000-8000-000000000000")
    assert res.code == 1 and len(res.err_lines) == 1 and "no annotation" in res.err


def test_reading_agreement_writes_nothing_beside_a_received_file_and_loads_no_write_path(tmp_path, cli):
    import subprocess
    import sys

    from tests.cli.test_file_alone import alone

    path, _ = _project(tmp_path)
    received = alone(path, tmp_path)
    before = received.read_bytes()
    for args in (("agreement", "--samples", "10"), ("curate", "progress"), ("curate", "bulk-accept", "--dry-run")):
        res = cli(args[0], received, *args[1:])
        assert res.code == 0, (args, res.err)
    assert sorted(p.name for p in received.parent.iterdir()) == [received.name]
    assert received.read_bytes() == before
    code = ("import sys; from testimonia import cli\n"
            f"assert cli.main(['agreement', {str(received)!r}, '--samples', '5', '--json']) == 0\n"
            "print('sqlalchemy' in sys.modules, file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stderr.strip().splitlines()[-1] == "False"


def test_export_curated_from_the_command_line(tmp_path, cli, monkeypatch):
    monkeypatch.setenv("TESTIMONIA_AUTHOR", "Hana")
    path, _ = _project(tmp_path)
    assert cli("curate", path, "bulk-accept").code == 0
    res = cli("export", path, "--format", "csv", "-o", tmp_path / "curated.csv", "--curated", "--json")
    assert res.code == 0, res.err
    assert json.loads(res.out)["annotations"] == 2
    res = cli("agreement", path, "--samples", "0", "-o", tmp_path / "report.xlsx")
    assert res.code == 0 and res.lines[0].split("\t")[1:3] == ["xlsx", "1"]
    res = cli("agreement", path, "-o", tmp_path / "report.txt")
    assert res.code == 1 and "--format" in res.err
