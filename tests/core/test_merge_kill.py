"""A merge killed half-way (SIGKILL, or TerminateProcess on Windows) leaves the project as it was.

The child merges a member file of some thousands of revisions. In the first test it stops itself at
a chosen phase (every row written, nothing committed) and waits to be killed; in the second it is
killed at random moments, so the kill may also land before the merge starts or after it committed:
then the project must be exactly as before, or exactly as after a complete merge, never between.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from testimonia.core import merge
from testimonia.core.store import Store

from .merge_helpers import bulk_annotations, heads_consistent, revision_ids, snapshot
from .store_helpers import ARTICLE, author

pytestmark = pytest.mark.slow

ALICE, BOB = author("Alice"), author("Bob")

CHILD = r"""
import sys, time
from pathlib import Path
from testimonia.core import merge
from testimonia.core.store import Store
from testimonia.core.views import AuthorRef

project, other, stop_at, marker = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])

def progress(done, total):
    if done == stop_at:
        marker.write_text("in the transaction")
        time.sleep(120)

with Store.open(project) as store:
    marker.with_suffix(".started").write_text("")
    merge.merge(store, other, AuthorRef("1c0ffee0-0000-4000-8000-00000000c4a5", "Killed"), progress=progress)
print("merged")
"""


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    ours = Store.create(tmp_path / "ours.testimonia", "Ours", ALICE)
    doc = ours.import_text("Report", ARTICLE * 40, ALICE)
    ours.close()
    theirs = Store.create(tmp_path / "theirs.testimonia", "Theirs", BOB)
    merge.merge(theirs, ours.path, BOB)
    theirs.close()
    bulk_annotations(ours.path, doc.uuid, ALICE.uuid, 1500, seed=1)
    bulk_annotations(theirs.path, doc.uuid, BOB.uuid, 6000, seed=2)
    return ours.path, theirs.path


def _child(ours: Path, theirs: Path, stop_at: int, marker: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", CHILD, str(ours), str(theirs), str(stop_at), str(marker)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _merged_state(ours: Path, theirs: Path, tmp: Path) -> tuple[list[tuple[str, list[tuple[object, ...]]]], float]:
    """What a complete merge makes of `ours` (on a copy), minus the rows that differ per run, and
    how long that merge took."""
    copy = tmp / "expected.testimonia"
    copy.write_bytes(ours.read_bytes())
    with Store.open(copy) as s:
        start = time.monotonic()
        merge.merge(s, theirs, author("Killed"))
        took = time.monotonic() - start
    return _comparable(copy), took


def _comparable(path: Path) -> list[tuple[str, list[tuple[object, ...]]]]:
    return [t for t in snapshot(path) if t[0] not in ("meta", "merge_log", "author")]


@pytest.mark.parametrize("stop_at", [3, 5, 6, 7])
def test_killed_inside_the_transaction(files: tuple[Path, Path], tmp_path: Path, stop_at: int) -> None:
    ours, theirs = files
    before = snapshot(ours)
    marker = tmp_path / "marker"
    child = _child(ours, theirs, stop_at, marker)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert child.poll() is None, child.stderr.read().decode(errors="replace")  # type: ignore[union-attr]
            assert time.monotonic() < deadline, "the child never reached the phase"
            time.sleep(0.02)
    finally:
        child.kill()
        child.wait()
    assert snapshot(ours) == before
    missing = len(revision_ids(theirs) - revision_ids(ours))
    with Store.open(ours) as s:  # opens cleanly after the unclean stop, and merges for real now
        assert merge.merge(s, theirs, ALICE).revisions_new == missing > 6000
    assert heads_consistent(ours)


def test_killed_at_random_moments(files: tuple[Path, Path], tmp_path: Path) -> None:
    ours, theirs = files
    before = snapshot(ours)
    after, took = _merged_state(ours, theirs, tmp_path)
    rng = random.Random(5)
    outcomes = set()
    for round_ in range(8):
        marker = tmp_path / f"marker{round_}"
        child = _child(ours, theirs, 99, marker)
        try:
            while not marker.with_suffix(".started").exists() and child.poll() is None:
                time.sleep(0.005)
            # Mostly inside the merge; now and then a little after it should have finished.
            time.sleep(rng.uniform(0.0, took * 1.3))
        finally:
            child.kill()
            child.wait()
        now = snapshot(ours)
        if now == before:
            outcomes.add("before")
        else:
            assert _comparable(ours) == after, "a killed merge left the project half-merged"
            outcomes.add("after")
            break
    assert heads_consistent(ours)
    assert "before" in outcomes  # at least one kill landed before the commit
