"""Kill a writer at random moments: nothing it reported as saved may be lost, and the file stays sound.

The child adds (and sometimes edits) annotations through the Store API in a loop and prints each
annotation's UUID once add_annotation has returned, i.e. once the transaction committed. The parent
SIGKILLs it (TerminateProcess on Windows) at random moments, fifteen times, reopening the same file
each round, which also exercises WAL recovery after an unclean stop.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli.conftest import Project, Run

ROUNDS = 15

CHILD = r"""
import random, sys
from testimonia.core.store import Store
from testimonia.core.views import AuthorRef

path, doc, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
author = AuthorRef("1c0ffee0-0000-4000-8000-00000000c4a5", "Crash Tester")
rng = random.Random(seed)
store = Store.open(path)
length = len(store.document_text(doc))
i = 0
while True:
    start = rng.randrange(0, length - 30)
    kind = ("statement", "figure", "obligation")[i % 3]
    ann = store.add_annotation(doc, kind, start, start + rng.randint(1, 30), author, note=f"round {seed}, #{i}")
    sys.stdout.write(ann.uuid + "\n")
    sys.stdout.flush()
    if i % 4 == 0:
        store.edit_annotation(ann.uuid, author, note=f"round {seed}, #{i}, edited")
    i += 1
"""


def _one_round(project: Project, seed: int, rng: random.Random) -> list[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(project.path), project.txt, str(seed)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    first = b""
    try:
        if rng.random() < 0.2:
            time.sleep(rng.uniform(0.05, 0.8))  # now and then kill it while it starts up or opens the file
        else:
            first = child.stdout.readline()  # type: ignore[union-attr]
            assert first, child.stderr.read().decode(errors="replace")  # type: ignore[union-attr]
            time.sleep(rng.uniform(0.0, 1.2))
    finally:
        child.kill()
        out, err = child.communicate(timeout=30)
    lines = (first + out).decode().split("\n")
    # The last piece may be a UUID cut off mid-write (or empty): only complete lines were reported.
    saved = [line for line in lines[:-1] if len(line) == 36]
    assert b"Traceback" not in err, err.decode(errors="replace")
    return saved


@pytest.mark.slow
def test_killed_writer_loses_nothing_it_reported(cli: Run, project: Project) -> None:
    rng = random.Random(20240611)
    reported: list[str] = []
    for seed in range(ROUNDS):
        reported += _one_round(project, seed, rng)
    assert len(reported) > ROUNDS  # the rounds did real work

    res = cli("check", project.path)
    assert res.code == 0 and res.lines[0] == "ok", res.out + res.err
    listed = {a["uuid"]: a for a in json.loads(cli("list", project.path, "--json").out)}
    missing = [u for u in reported if u not in listed]
    assert not missing, f"{len(missing)} of {len(reported)} committed annotations were lost"
    text = cli("text", project.path, "--doc", project.txt).out
    for uuid in reported:
        a = listed[uuid]
        assert a["exact"] == text[a["start"]:a["end"]] and a["author"] == "Crash Tester"
    # the project stays writable after all that
    assert cli("annotate", project.path, "--doc", project.txt, "--kind", "figure", "--start", 0, "--end", 4).code == 0


def test_project_path_with_pending_wal_reads_back(tmp_path: Path, cli: Run, project: Project) -> None:
    """A reader sees the killed writer's last commit even while it still sits in the WAL file."""
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(project.path), project.txt, "99"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        first = child.stdout.readline().decode().strip()  # type: ignore[union-attr]
    finally:
        child.kill()
        child.communicate(timeout=30)
    assert len(first) == 36
    res = cli("show", project.path, first, "--json")
    assert res.code == 0, res.err
    assert json.loads(res.out)["uuid"] == first
