"""Team server speed, against baselines measured in the same run on a private PostgreSQL.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_server.py [--revisions 200000] [--members 50]
          [--member-revisions 2000] [--only push,pull,noop,small,many,gui]

Starts its own PostgreSQL (core/server/localpg.py, like the tests) and prints:
  - first push of a project with N revisions (one `sync`) / a bare COPY of the same rows, read from
    the same file, into the same tables of an empty server (target <= 2x);
  - first pull of those N revisions into an empty project / a file merge of the same project file
    into an empty project (target <= 1.5x);
  - a sync with nothing new (target <= 50 ms), and one with 100 new revisions each way (<= 200 ms);
  - M members syncing at once, each its own process with its own project of K revisions: total
    time, server transactions per second, the slowest member, and whether all converged;
  - the window's longest main-thread stall while it pulls and applies the N revisions (<= 50 ms).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from testimonia.core import labels, merge, rawdb
from testimonia.core.server import admin, localpg, sync
from testimonia.core.server.local_state import Remote
from testimonia.core.server.push import to_push
from testimonia.core.server.tables import server_tables
from testimonia.core.store import Store
from testimonia.core.views import AuthorRef

WHO = AuthorRef("9a1e2b3c-4d5e-4f60-8a7b-1c2d3e4f5a6b", "Bench")
OTHER = AuthorRef("8b2e3c4d-5e6f-4071-9b8c-2d3e4f5a6b7c", "Teammate")


def _server(cluster: localpg.LocalCluster, name: str, members: list[str]) -> str:
    url = cluster.create_database(name)
    admin.init(url)
    admin.add_project(url, "co")
    for m in members:
        admin.add_member(url, "co", m)
    return url


def _copy(src: Path, dst: Path) -> Path:
    conn = sqlite3.connect(src)
    conn.execute("VACUUM INTO ?", (str(dst),))
    conn.close()
    return dst


def _count(path: Path) -> int:
    conn = rawdb.connect_raw(path, readonly=True)
    try:
        return int(conn.execute("SELECT count(*) FROM revision").fetchone()[0])
    finally:
        conn.close()


def bare_copy(url: str, project: Path) -> float:
    """The floor: read every row a push sends from the file and COPY it straight into the tables."""
    import psycopg

    start = time.perf_counter()
    store = Store.open(project, readonly=True)
    try:
        with psycopg.connect(url) as conn, store._read() as lc:
            pid = conn.execute("SELECT id FROM testimonia.project WHERE name = 'co'").fetchone()[0]
            for st in server_tables():
                rows, _marks = to_push(lc, "bare", st)
                with conn.cursor().copy(f"COPY testimonia.{st.name} (project_id, {', '.join(st.names)}) "
                                        "FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row((pid, *row))
            conn.commit()
    finally:
        store.close()
    return time.perf_counter() - start


def timed_sync(path: Path, remote: Remote, who: AuthorRef = WHO) -> tuple[float, sync.SyncResult]:
    with Store.open(path) as store:
        t = time.perf_counter()
        result = sync.sync(store, remote, who)
        return time.perf_counter() - t, result


def bench_push_pull(cluster: localpg.LocalCluster, folder: Path, source: Path, n: int, only: set[str]) -> Path:
    _server(cluster, "bench_main", ["pusher", "puller", "gui"])
    pushed = _copy(source, folder / "pushed.testimonia")
    if "push" in only or "pull" in only or "noop" in only or "small" in only or "gui" in only:
        floor_url = _server(cluster, "bench_floor", [])
        floor = bare_copy(floor_url, source)
        took, result = timed_sync(pushed, Remote(cluster.url("bench_main", "pusher"), "co"))
        print(f"first push of {result.pushed.get('h_revision', 0):,} revisions: {took:.2f} s; bare COPY of the same "
              f"rows {floor:.2f} s; ratio {took / floor:.2f}x (target <= 2x)")
    pulled = folder / "pulled.testimonia"
    Store.create(pulled, "Puller", OTHER).close()
    if {"pull", "noop", "small"} & only:
        took, result = timed_sync(pulled, Remote(cluster.url("bench_main", "puller"), "co"), OTHER)
        merged = folder / "merged.testimonia"
        Store.create(merged, "File merge", OTHER).close()
        with Store.open(merged) as store:
            t = time.perf_counter()
            merge.merge(store, source, OTHER)
            by_file = time.perf_counter() - t
        assert _count(pulled) == _count(merged) == n, (_count(pulled), _count(merged), n)
        print(f"first pull of {result.pulled.get('h_revision', 0):,} revisions: {took:.2f} s; file merge of the same "
              f"{by_file:.2f} s; ratio {took / by_file:.2f}x (target <= 1.5x)")
    if "noop" in only:
        with Store.open(pulled) as store:
            times = []
            for _ in range(7):
                t = time.perf_counter()
                r = sync.sync(store, Remote(cluster.url("bench_main", "puller"), "co"), OTHER)
                times.append(time.perf_counter() - t)
                assert r.pushed_total == 0 and r.pulled_total == 0, r.to_json()
        print(f"sync with nothing new: median {statistics.median(times) * 1000:.0f} ms, best "
              f"{min(times) * 1000:.0f} ms (target <= 50 ms)")
    if "small" in only:
        a_remote = Remote(cluster.url("bench_main", "pusher"), "co")
        b_remote = Remote(cluster.url("bench_main", "puller"), "co")
        times = []
        with Store.open(pushed) as a, Store.open(pulled) as b:
            a_anns = [v.uuid for v in a.annotations()[:600]]
            for round_ in range(3):
                for u in a_anns[round_ * 200:round_ * 200 + 100]:
                    a.edit_annotation(u, WHO, note=f"round {round_}")
                sync.sync(a, a_remote, WHO)
                for u in a_anns[round_ * 200 + 100:round_ * 200 + 200]:
                    b.edit_annotation(u, OTHER, note=f"b round {round_}")
                t = time.perf_counter()
                r = sync.sync(b, b_remote, OTHER)
                times.append(time.perf_counter() - t)
                assert r.pushed["h_revision"] == 100 and r.pulled["h_revision"] == 100, r.to_json()
        print(f"sync with 100 new revisions each way: median {statistics.median(times) * 1000:.0f} ms, best "
              f"{min(times) * 1000:.0f} ms (target <= 200 ms)")
    if "gui" in only:
        gui_stall(cluster, folder, n)
    return pushed


# -- many members at once ------------------------------------------------------------------------
def _member(i: int, base: str, url: str, revisions: int, barrier: object, out: object) -> None:
    path = Path(base).with_name(f"member{i}.testimonia")
    shutil.copyfile(base, path)
    who = AuthorRef(f"{i:08x}-0000-4000-8000-{i:012x}", f"Member {i}")
    _fill(path, who, revisions, seed=i)
    remote = Remote(url.replace("postgres@", f"m{i}@"), "co")
    barrier.wait()  # type: ignore[attr-defined]
    t = time.perf_counter()
    with Store.open(path) as store:
        sync.sync(store, remote, who)  # push ours (and pull what is there)
        barrier.wait()  # type: ignore[attr-defined]
        sync.sync(store, remote, who)  # everyone's
        took = time.perf_counter() - t
        with store._read() as conn:
            uuids = "".join(r[0] for r in conn.execute("SELECT uuid FROM revision ORDER BY uuid"))
    out.put((i, took, hashlib.sha256(uuids.encode()).hexdigest(), _count(path)))  # type: ignore[attr-defined]


def _fill(path: Path, who: AuthorRef, revisions: int, seed: int) -> None:
    """`revisions` new revisions by `who` on the base's document: creations, each edited once."""
    import random
    import uuid as uuidlib

    from testimonia.core.anchoring import quote_context

    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    doc, text = conn.execute("SELECT uuid, text FROM document").fetchone()
    conn.execute("INSERT OR IGNORE INTO author(uuid, name, hlc) VALUES (?, ?, 1)", (who.uuid, who.name))
    hlc = (1_760_000_000_000 << 16) + seed * 100_000
    anns, revs = [], []
    for _ in range(revisions // 2):
        ann = str(uuidlib.UUID(int=rng.getrandbits(128), version=4))
        start = rng.randrange(0, len(text) - 40)
        end = start + rng.randrange(3, 40)
        exact, prefix, suffix = quote_context(text, start, end)
        first = str(uuidlib.UUID(int=rng.getrandbits(128), version=4))
        second = str(uuidlib.UUID(int=rng.getrandbits(128), version=4))
        hlc += 2
        revs.append((first, ann, "[]", who.uuid, hlc - 1, labels.FIGURE, start, end, exact, prefix, suffix, "{}", "",
                     0, 0, 0))
        revs.append((second, ann, json.dumps([first]), who.uuid, hlc, labels.FIGURE, start, end, exact, prefix,
                     suffix, "{}", "edited", 0, 1, 0))
        anns.append((ann, doc, hlc - 1, who.uuid, second, 1))
    conn.executemany("INSERT INTO annotation VALUES (?, ?, ?, ?, ?, ?)", anns)
    conn.executemany(f"INSERT INTO revision VALUES ({', '.join('?' * 16)})", revs)
    conn.commit()
    conn.close()


def bench_many(cluster: localpg.LocalCluster, folder: Path, members: int, revisions: int) -> None:
    import psycopg

    url = _server(cluster, "bench_many", [f"m{i}" for i in range(members)])
    base = folder / "many" / "base.testimonia"
    base.parent.mkdir()
    with Store.create(base, "Coalition", WHO) as store:
        store.import_text("Shared report", ("About 60 North Koreans were returned, officials said. " * 400), WHO)
    ctx = multiprocessing.get_context("spawn")
    barrier, out = ctx.Barrier(members + 1), ctx.Queue()
    procs = [ctx.Process(target=_member, args=(i, str(base), url, revisions, barrier, out)) for i in range(members)]
    for p in procs:
        p.start()
    barrier.wait()  # every member has built its project
    with psycopg.connect(url, autocommit=True) as conn:
        before = conn.execute("SELECT xact_commit FROM pg_stat_database WHERE datname = 'bench_many'").fetchone()[0]
    t = time.perf_counter()
    barrier.wait()  # every member has pushed
    results = [out.get(timeout=3600) for _ in procs]
    total = time.perf_counter() - t
    for p in procs:
        p.join()
    with psycopg.connect(url, autocommit=True) as conn:
        time.sleep(0.6)  # the statistics collector reports with a short delay
        after = conn.execute("SELECT xact_commit FROM pg_stat_database WHERE datname = 'bench_many'").fetchone()[0]
    hashes = {r[2] for r in results}
    counts = {r[3] for r in results}
    slowest = max(results, key=lambda r: r[1])
    print(f"{members} members at once, {revisions:,} revisions each: total {total:.1f} s; "
          f"{(after - before) / total:.0f} server transactions/s; slowest member {slowest[1]:.1f} s; "
          f"converged: {'yes' if len(hashes) == 1 and counts == {members * revisions} else 'NO'} "
          f"({sorted(counts)} revisions)")


# -- the window ----------------------------------------------------------------------------------
def gui_stall(cluster: localpg.LocalCluster, folder: Path, n: int) -> None:
    from bench_gui_stall import Heartbeat, settle, wait
    from PySide6.QtWidgets import QApplication

    from testimonia.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    project = folder / "gui.testimonia"
    Store.create(project, "Window", OTHER).close()
    win = MainWindow(OTHER)
    win.show()
    win.server_sync.live = False
    win.open_project(project)
    settle(app)
    beat = Heartbeat()
    beat.start()
    settle(app, 5.0)  # the floor: the longest gap with nothing running, on this machine now
    idle = beat.gap
    beat.reset()
    t = time.perf_counter()
    win.server_sync.connect_to(cluster.url("bench_main", "gui"), "co")
    wait(app, lambda: win.server_sync.state in ("synced", "failed", "offline") and not win.refreshing)
    settle(app, 0.1)
    took = time.perf_counter() - t
    beat.timer.stop()
    pulled = win.server_sync.last.pulled.get("h_revision", 0) if win.server_sync.last else 0
    print(f"the window pulls and applies {pulled:,} revisions in {took:.1f} s ({win.server_sync.state}); longest "
          f"GUI stall {beat.gap:.1f} ms (target <= 50 ms; idle, the same window's longest gap was {idle:.1f} ms)")
    win.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--revisions", type=int, default=200_000)
    ap.add_argument("--members", type=int, default=50)
    ap.add_argument("--member-revisions", type=int, default=2000)
    ap.add_argument("--only", default="push,pull,noop,small,many,gui")
    args = ap.parse_args()
    only = set(args.only.split(","))
    try:
        cluster = localpg.start_cluster()
    except FileNotFoundError as exc:
        print(f"skipped: {exc}")
        return 0
    folder = Path(tempfile.mkdtemp(prefix="testimonia-bench-server-"))
    try:
        from bench_merge import generate

        t = time.perf_counter()
        source, _member_file = generate(folder, args.revisions, 0.5)
        n = _count(source)
        print(f"generated a project with {n:,} revisions in {time.perf_counter() - t:.1f} s")
        bench_push_pull(cluster, folder, source, n, only)
        if "many" in only:
            bench_many(cluster, folder, args.members, args.member_revisions)
    finally:
        cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
