"""`testimonia merge`, `conflicts` and `resolve`: three members exchange files in every order."""

from __future__ import annotations

import itertools
import json
import shutil
from pathlib import Path

import pytest

from tests.cli.conftest import ARTICLES, Run, fingerprint

MEMBERS = ("Alice", "Bob", "Carol")


def _text(cli: Run, path: Path, doc: str) -> str:
    return cli("text", path, "--doc", doc).out


def _annotate(cli: Run, path: Path, doc: str, needle: str, kind: str, who: str, *extra: str) -> str:
    text = _text(cli, path, doc)
    start = text.index(needle)
    res = cli("annotate", path, "--doc", doc, "--kind", kind, "--start", start, "--end", start + len(needle),
              "--author", who, *extra)
    assert res.code == 0, res.err
    return res.out.strip()


@pytest.fixture
def team(tmp_path: Path, cli: Run) -> dict[str, Path]:
    """Three members who imported the same article separately, annotated, shared once, then edited
    concurrently: Alice and Bob change the same annotation, Carol deletes one Bob edits."""
    paths = {m: tmp_path / f"{m.lower()}.testimonia" for m in MEMBERS}
    for m, p in paths.items():
        assert cli("new", p, "--title", f"{m}'s reading", "--author", m).code == 0
        assert cli("import", p, ARTICLES / "river_crossing.txt", "--author", m).code == 0
    docs = {m: cli("docs", p).out.split("\t")[0] for m, p in paths.items()}
    text = _text(cli, paths["Alice"], docs["Alice"])
    figure = next(w for w in ("people", "officials", "border") if w in text)
    shared = _annotate(cli, paths["Alice"], docs["Alice"], figure, "figure", "Alice")
    doomed = _annotate(cli, paths["Bob"], docs["Bob"], text.split()[0], "statement", "Bob")
    _annotate(cli, paths["Carol"], docs["Carol"], text.split()[-1], "obligation", "Carol")
    for m, p in paths.items():  # one round of sharing
        others = [paths[o] for o in MEMBERS if o != m]
        assert cli("merge", p, *others, "--author", m).code == 0
    assert cli("edit", paths["Alice"], shared, "--note", "Alice: about the figure", "--author", "Alice").code == 0
    assert cli("edit", paths["Bob"], shared, "--note", "Bob: a different reading", "--author", "Bob").code == 0
    assert cli("edit", paths["Bob"], doomed, "--note", "Bob keeps this", "--author", "Bob").code == 0
    assert cli("delete", paths["Carol"], doomed, "--author", "Carol").code == 0
    _annotate(cli, paths["Carol"], docs["Carol"], text.split()[1], "statement", "Carol", "--note", "late")
    return paths


def _exchange(cli: Run, paths: dict[str, Path], order: tuple[str, ...]) -> None:
    """Each member in `order` merges the files of the others, in order; twice round."""
    for _ in range(2):
        for m in order:
            for o in order:
                if o != m:
                    res = cli("merge", paths[m], paths[o], "--author", m)
                    assert res.code == 0, res.err


def test_every_exchange_order_converges_and_conflicts_resolve(tmp_path: Path, cli: Run, team: dict[str, Path]) -> None:
    outputs = set()
    for n, order in enumerate(itertools.permutations(MEMBERS)):
        copies = {}
        for m, p in team.items():
            copies[m] = tmp_path / f"order{n}" / p.name
            copies[m].parent.mkdir(exist_ok=True)
            shutil.copyfile(p, copies[m])
        _exchange(cli, copies, order)
        lists = {cli("list", p, "--json", "--deleted").out for p in copies.values()}
        assert len(lists) == 1, f"members differ after exchanging in the order {order}"
        outputs |= lists
    assert len(outputs) == 1, "different exchange orders ended in different data"

    # The conflicts are listed, with every version, and settled by one member for everyone.
    paths = {m: tmp_path / "order0" / p.name for m, p in team.items()}
    conflicts = json.loads(cli("conflicts", paths["Alice"], "--json").out)
    assert len(conflicts) == 2
    notes = sorted(sorted(v["note"] for v in c["versions"]) for c in conflicts)
    assert notes == [["", "Bob keeps this"], ["Alice: about the figure", "Bob: a different reading"]]
    assert all(c["conflict"] and c["heads"] == 2 for c in conflicts)
    text = cli("conflicts", paths["Alice"]).out.splitlines()
    assert len(text) == 6 and sum(line.endswith("\twinner") or "\twinner," in line for line in text) == 2

    figure = next(c for c in conflicts if "Alice: about the figure" in [v["note"] for v in c["versions"]])
    deletion = next(c for c in conflicts if c is not figure)
    bobs = next(v["revision"] for v in figure["versions"] if v["author"] == "Bob")
    assert cli("resolve", paths["Alice"], figure["uuid"], "--take", bobs, "--author", "Alice").code == 0
    res = cli("resolve", paths["Carol"], deletion["uuid"], "--note", "kept after all", "--author", "Carol",
              "--json")
    assert res.code == 0 and json.loads(res.out)["note"] == "kept after all"
    _exchange(cli, paths, MEMBERS)
    for p in paths.values():
        assert cli("conflicts", p, "--json").out.strip() == "[]"
    lists = {cli("list", p, "--json").out for p in paths.values()}
    assert len(lists) == 1
    final = {a["uuid"]: a for a in json.loads(lists.pop())}
    assert final[figure["uuid"]]["note"] == "Bob: a different reading"
    assert final[deletion["uuid"]]["note"] == "kept after all" and not final[deletion["uuid"]]["deleted"]


def test_merge_report_dry_run_and_json(cli: Run, team: dict[str, Path]) -> None:
    alice, bob = team["Alice"], team["Bob"]
    before = fingerprint(alice)
    dry = cli("merge", alice, bob, "--dry-run", "--json")
    assert dry.code == 0 and fingerprint(alice) == before
    (report,) = json.loads(dry.out)
    assert report["dry_run"] and report["counts"]["conflicts_created"] == 1
    assert report["source_file"] == "bob.testimonia" and len(report["conflicts"]) == 1
    # The annotations it would change, each with its text, the conflict first (docs/CLI.md).
    listed = report["annotations"]
    assert report["annotations_total"] == len(listed) >= 1
    assert listed[0]["change"] == "conflict" and listed[0]["annotation_uuid"] == report["conflicts"][0]
    assert all(a["exact"] and a["label"] and a["document_title"] and a["end"] > a["start"] for a in listed)
    assert {a["change"] for a in listed} <= {"conflict", "changed", "deleted", "resolved", "new"}
    res = cli("merge", alice, bob, "--author", "Alice")
    first, *rest = res.out.splitlines()
    assert first.startswith("bob.testimonia\tmerged\t{") and json.loads(first.split("\t")[2]) == report["counts"]
    assert rest == [f"conflict\t{report['conflicts'][0]}"]
    again = cli("merge", alice, bob, "--author", "Alice")
    assert again.out.startswith("bob.testimonia\talready merged\t")


def test_hostile_files_are_refused_one_line_each_and_the_others_merge(tmp_path: Path, cli: Run,
                                                                       team: dict[str, Path]) -> None:
    alice = team["Alice"]
    not_sqlite = tmp_path / "letter.testimonia"
    not_sqlite.write_text("not a database")
    trigger = tmp_path / "trigger.testimonia"
    shutil.copyfile(team["Bob"], trigger)
    import sqlite3

    conn = sqlite3.connect(trigger)
    conn.execute("CREATE TRIGGER t AFTER INSERT ON revision BEGIN DELETE FROM annotation; END")
    conn.commit()
    conn.close()
    before = fingerprint(alice)
    res = cli("merge", alice, not_sqlite, trigger, "--author", "Alice")
    assert res.code == 1 and fingerprint(alice) == before
    assert len(res.err_lines) == 2
    assert "letter.testimonia: is not a Testimonia project file" in res.err_lines[0]
    assert "trigger.testimonia: cannot be merged: it contains a trigger" in res.err_lines[1]
    res = cli("merge", alice, not_sqlite, team["Carol"], "--author", "Alice")
    assert res.code == 1 and res.out.startswith("carol.testimonia\tmerged")  # the sound file still merged
    assert cli("merge", alice, alice, "--author", "Alice").err.count("this project itself") == 1


def test_resolve_refusals(cli: Run, team: dict[str, Path]) -> None:
    alice = team["Alice"]
    ann = json.loads(cli("list", alice, "--json").out)[0]["uuid"]
    res = cli("resolve", alice, ann, "--note", "x", "--author", "Alice")
    assert res.code == 1 and "not in conflict" in res.err
    res = cli("resolve", alice, ann, "--author", "Alice")
    assert res.code == 1 and "--take REVISION" in res.err
    res = cli("resolve", alice, ann, "--take", "x", "--note", "y", "--author", "Alice")
    assert res.code == 1 and "not both" in res.err
