"""A sync killed with SIGKILL mid-push or mid-pull, again and again, leaves both sides consistent
and loses nothing: the next sync completes the work."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from testimonia.core import check
from testimonia.core.server import sync
from testimonia.core.store import Store

from ..core.merge_helpers import bulk_annotations, heads_consistent, revision_ids, state
from .conftest import ANNA, BEN, new_project
from .helpers import server_counts

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")]
DESKTOP = Path(__file__).resolve().parents[2] / "desktop"


def _sync_then_kill(path: Path, url: str, author: str, delay: float) -> bool:
    """Start `testimonia sync` and SIGKILL it after `delay` s; True if it was still running then."""
    env = {**os.environ, "PYTHONPATH": f"{DESKTOP}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    proc = subprocess.Popen([sys.executable, "-m", "testimonia", "sync", str(path), url, "--author", author],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    alive = proc.poll() is None
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return alive


def _consistent(path: Path) -> None:
    assert heads_consistent(path)
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        assert check.problems(conn) == []
    finally:
        conn.close()


def test_killed_syncs_leave_both_sides_consistent(team, tmp_path: Path) -> None:
    rng = random.Random(7)
    a, doc = new_project(tmp_path / "a.testimonia")
    a.close()
    # Enough work that a whole push (about 1.5 s here) and pull (about 3 s) outlast the kills'
    # delays on a fast, quiet machine: with 4,000 annotations every sync had ended before its kill.
    bulk_annotations(tmp_path / "a.testimonia", doc, ANNA.uuid, 12000, seed=3)
    want = revision_ids(tmp_path / "a.testimonia")
    killed = {"push": 0, "pull": 0}
    for _ in range(4):  # mid-push
        killed["push"] += _sync_then_kill(tmp_path / "a.testimonia", team.url("anna"), "Anna", rng.uniform(0.3, 1.2))
        _consistent(tmp_path / "a.testimonia")
        n = server_counts(team.admin_url)["h_revision"]
        assert n in (0, len(want))  # one transaction: all of the push or none of it
    b = Store.create(tmp_path / "b.testimonia", "Ben's", BEN)
    b.close()
    with Store.open(tmp_path / "a.testimonia") as s:
        sync.sync(s, team.remote("anna"), ANNA)
    assert server_counts(team.admin_url)["h_revision"] == len(want)
    for _ in range(4):  # mid-pull
        killed["pull"] += _sync_then_kill(tmp_path / "b.testimonia", team.url("ben"), "Ben", rng.uniform(0.3, 1.6))
        _consistent(tmp_path / "b.testimonia")
        got = revision_ids(tmp_path / "b.testimonia")
        assert got in (set(), want)  # the merge is all or nothing
    # Kills landed while a sync ran, in both phases. (Once a push is through, a later "mid-push"
    # sync has nothing to send and may end before its kill: how many land depends on the load.)
    assert killed["push"] >= 1 and killed["pull"] >= 1, killed
    with Store.open(tmp_path / "b.testimonia") as sb, Store.open(tmp_path / "a.testimonia") as sa:
        sync.sync(sb, team.remote("ben"), BEN)
        sync.sync(sa, team.remote("anna"), ANNA)
        assert revision_ids(sb.path) == want
        assert state(sa)["annotations"] == state(sb)["annotations"]
