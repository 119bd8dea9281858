"""How the main project file is kept whole while the app is open: the options, measured.

Run:  .venv/bin/python bench/bench_durability.py [--n 300]

Every user action is one durable transaction. In WAL mode the commit lands in PROJECT-wal and
the main file only catches up at a checkpoint; a copy of the main file alone (a USB stick, an
e-mail attachment) then misses the session's work. For each way of keeping the main file whole
this prints what the user waits for per action (median and 95th percentile of add_annotation,
on the calling thread, i.e. the GUI thread in the app) and how long after the commit the main
file alone holds the change, with another connection open as the app's readers would be. The
baseline is WAL without any checkpoint (the old behaviour, which loses work when copied).

- wal, no checkpoint        the old behaviour
- wal, checkpoint in caller PASSIVE checkpoint after each commit on the committing thread
- wal, checkpoint thread    the same on a thread of its own (core/checkpoint.py; chosen)
- rollback journal, FULL    journal_mode=DELETE: the main file is written at each commit; readers
                            block the commit and the merge's concurrent checks would deadlock
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from testimonia.core.checkpoint import checkpoint
from testimonia.core.store import Store
from testimonia.core.views import AuthorRef

AUTHOR = AuthorRef("b3e1c7a2-0000-4000-8000-00000000be4c", "Bench Runner")
TEXT = ("About 60 North Koreans were detained in Shenyang, and between 500 and 600 were returned. " * 400)


def holds(path: Path, count: int, scratch: Path) -> bool:
    """Does a byte copy of the main file alone hold `count` annotations?"""
    copy = scratch / "copy.testimonia"
    shutil.copyfile(path, copy)
    try:
        conn = sqlite3.connect(f"{copy.as_uri()}?immutable=1", uri=True)
        try:
            return conn.execute("SELECT count(*) FROM annotation").fetchone()[0] >= count
        except sqlite3.DatabaseError:
            return False
        finally:
            conn.close()
    finally:
        copy.unlink()


def run(folder: Path, name: str, n: int, setup: Callable[[Store], None]) -> tuple[float, float, float | None]:
    path = folder / f"{name}.testimonia"
    with Store.create(path, "bench", AUTHOR) as store:
        doc = store.import_text("Report", TEXT, AUTHOR).uuid
    if setup is rollback_journal:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.close()
    store = Store(path)  # not Store.open, which would put the file back into WAL mode
    setup(store)
    app = sqlite3.connect(path)
    app.execute("SELECT count(*) FROM document").fetchone()  # another reader of the file, as in the app
    store.add_annotation(doc, "figure", 0, 10, AUTHOR)  # warm: the write engine is built
    latencies: list[float] = []
    lags: list[float] = []
    for i in range(n):
        t0 = time.perf_counter()
        store.add_annotation(doc, "figure", i % 1000, i % 1000 + 20, AUTHOR)
        t1 = time.perf_counter()
        latencies.append(t1 - t0)
        if i % max(1, n // 10) == 0:  # now and then: how long until the main file alone holds it
            deadline = t1 + 3.0
            while not holds(path, i + 2, folder) and time.perf_counter() < deadline:
                time.sleep(0.002)
            lags.append(time.perf_counter() - t1 if holds(path, i + 2, folder) else float("inf"))
    store.close()
    app.close()
    latencies.sort()
    lag = max(lags)
    return statistics.median(latencies), latencies[int(len(latencies) * 0.95)], None if lag == float("inf") else lag


def no_checkpoint(store: Store) -> None:
    store._checkpointer.committed = lambda: None  # type: ignore[method-assign]


def checkpoint_in_caller(store: Store) -> None:
    conn = sqlite3.connect(store.path, isolation_level=None, check_same_thread=False)
    store._checkpointer.committed = lambda: checkpoint(conn) and None  # type: ignore[method-assign]


def checkpoint_thread(store: Store) -> None:
    pass  # what Store does


def rollback_journal(store: Store) -> None:
    store._checkpointer.committed = lambda: None  # type: ignore[method-assign]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=300)
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="testimonia-bench-durability-"))
    try:
        options = [("wal, no checkpoint", no_checkpoint), ("wal, checkpoint in caller", checkpoint_in_caller),
                   ("wal, checkpoint thread", checkpoint_thread), ("rollback journal, FULL", rollback_journal)]
        results = {name: run(folder, f"o{i}", args.n, setup) for i, (name, setup) in enumerate(options)}
        base = results["wal, no checkpoint"][0]
        print(f"{args.n} add_annotation calls each, another connection open (as the app's readers)")
        print(f"{'option':28} {'median ms':>10} {'p95 ms':>8} {'vs base':>8} {'main file whole after':>22}")
        for name, (median, p95, lag) in results.items():
            whole = "never (until close)" if lag is None else f"{lag * 1000:.1f} ms"
            print(f"{name:28} {median * 1000:10.2f} {p95 * 1000:8.2f} {median / base:7.2f}x {whole:>22}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
