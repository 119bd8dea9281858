"""Coalition scale: what the user waits for at three project sizes, and how it grows.

Run:  .venv/bin/python bench/bench_scale.py [--sizes full|moderate|quick|D[:A],D[:A],D[:A]] [--runs 3]
      (or TESTIMONIA_SCALE_SIZES, TESTIMONIA_SCALE_RUNS, TESTIMONIA_SCALE_TIMEOUT, TESTIMONIA_SCALE_ONLY)

Sizes are documents (annotations default to ten per document): full = 1k/10k/30k (`make
bench-scale`), moderate = 1k/3k/10k (`make bench`), quick = 300/1k/3k. Projects come from
bench/scale_project.py (cached between runs). Every measure runs in a fresh process, as the user
runs it, and the median of the runs is kept:
  - the app (`testimonia PROJECT`, offscreen): start to the window shown and painted, and to the
    first event-loop pass done; the GUI-thread time after one annotation edit (the edit itself and
    everything the event loop then runs until it is idle, the deferred recount included); the
    evidence table opened (to its rows painted), sorted by another column, paged down; the peak RSS
    of that process with the table open;
  - the CLI: `list --json`, `export` (w3c, csv; TESTIMONIA_SCALE_EXPORTS for others), `check`: time
    and peak RSS (wait4 of that process; a merge's checking child counts through it);
  - `merge` of a teammate's copy holding 10 % new revisions, against a bare `INSERT OR IGNORE …
    SELECT` of the same rows (the SQL alone, the merge's cache settings); `merge` of a copy with other
    bytes and no new rows (the no-op merge); each into a fresh copy of the project;
  - project-wide search (`Store.search`, the first query in a fresh process) for a common English and
    a common Korean term; the file's bytes per character of text, and what holds them (dbstat).
Printed: a table of measure × size with each value's growth from the smallest size (×G) and that
growth divided by the growth in annotations (G/N: ≈1 linear, >1 superlinear), and the issue-15
target where there is one. A measure past its timeout prints "timeout" and is not tried at larger
sizes. Results are also written to bench/.results/scale-<date>.json.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import queue
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import scale_project  # noqa: E402

PRESETS = {"full": (1_000, 10_000, 30_000), "moderate": (1_000, 3_000, 10_000), "quick": (300, 1_000, 3_000)}
PER_DOC = 10
AUTHOR = "Bench Runner"
SEARCH_EN, SEARCH_KO = "North Koreans", "강제북송"


@dataclass
class Measure:
    key: str
    title: str
    unit: str  # "s", "ms", "MB", "×", "B/char"
    target: str = ""
    # (value at this size, value at the smallest size) -> met?
    check: Callable[[float, float], bool] | None = None
    ratio: bool = False  # a ratio or share already: its growth with size means nothing


MEASURES = [
    Measure("window_shown", "app start → window painted", "s", "≤ 1.5× smallest", lambda v, s: v <= 1.5 * s),
    Measure("window_interactive", "app start → first event-loop pass", "s", "≤ 1.5× smallest",
            lambda v, s: v <= 1.5 * s),
    Measure("edit_gui", "one edit: GUI-thread time until idle", "ms", "≤ 30 ms", lambda v, s: v <= 30),
    Measure("edit_stall", "one edit: longest GUI stall", "ms", "≤ 50 ms", lambda v, s: v <= 50),
    # The GUI thread's own CPU in that time: the work, without the waiting (the commit's fsync, pages
    # read from disk, other processes on the cores), so a loaded machine does not hide what grows.
    Measure("edit_cpu", "one edit: GUI-thread CPU time", "ms", "≤ 30 ms", lambda v, s: v <= 30),
    Measure("evidence_open", "evidence table opened", "s", "≤ 0.3 s", lambda v, s: v <= 0.3),
    Measure("evidence_sort", "evidence table sorted by label", "s", "≤ 0.05 s", lambda v, s: v <= 0.05),
    Measure("evidence_page", "evidence table page down", "ms", "≤ 50 ms", lambda v, s: v <= 50),
    Measure("evidence_rss", "app peak RSS, table open", "MB", "≤ 400 MB", lambda v, s: v <= 400),
    Measure("list_json", "list --json", "s", "linear"),
    Measure("list_json_cpu", "  CPU time (user + system)", "s"),
    Measure("list_json_rss", "list --json peak RSS", "MB", "≤ 200 MB", lambda v, s: v <= 200),
    # export_<format>, export_<format>_rss are added per format in main()
    Measure("check", "check", "s", "linear"),
    Measure("check_cpu", "  CPU time (user + system)", "s"),
    Measure("check_rss", "check peak RSS", "MB"),
    Measure("merge_new", "merge, teammate's copy (10 % new)", "s"),
    Measure("merge_new_cpu", "  CPU time (user + system)", "s"),
    Measure("merge_new_rss", "merge (10 % new) peak RSS", "MB"),
    Measure("bare_insert", "bare INSERT OR IGNORE … SELECT", "s"),
    Measure("merge_ratio", "merge (10 % new) / bare insert", "×", "≤ 2×", lambda v, s: v <= 2, ratio=True),
    Measure("merge_noop", "merge, copy with other bytes (no-op)", "s", "≤ 1 s", lambda v, s: v <= 1),
    Measure("merge_noop_cpu", "  CPU time (user + system)", "s"),
    Measure("search_en", f"search “{SEARCH_EN}”", "ms", "≤ 200 ms", lambda v, s: v <= 200),
    Measure("search_ko", f"search “{SEARCH_KO}”", "ms", "≤ 200 ms", lambda v, s: v <= 200),
    Measure("file_mb", "project file size", "MB"),
    Measure("bytes_per_char", "file bytes per character of text", "B/char", ratio=True),
    Measure("fts_index_share", "  share: trigram index", "%", ratio=True),
    Measure("fts_copy_share", "  share: search table's text copy", "%", ratio=True),
]


# -- running a process the way the user does -----------------------------------------------------
@dataclass
class Outcome:
    seconds: float
    rss_mb: float
    lines: list[dict[str, object]] = field(default_factory=list)
    timed_out: str | None = None  # the phase that ran past the timeout
    returncode: int = 0
    stderr: str = ""
    cpu_s: float = 0.0  # user + system time of the command and the children it waited for


# Peak RSS through a small intermediary: on Linux a process inherits, through exec, the peak RSS of
# the process it was forked from, so a command started by this (large) process would report at least
# our own peak. The intermediary (python -S, a few MB) forks the command and reports its wait4 usage:
# the command and the children it waited for (a merge's checking process), as ru_maxrss does.
WRAPPER = r"""
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as fh:
    fh.write(f"{usage.ru_maxrss} {usage.ru_utime + usage.ru_stime}")
sys.exit(os.waitstatus_to_exitcode(status) & 0xFF)
"""


def run(argv: list[str], env: dict[str, str], timeout: float, phased: bool = False) -> Outcome:
    """Run `argv` in a fresh process; wall time, peak RSS and, with `phased`, the JSON lines it
    prints. Each phase it announces ({"phase": name}) gets `timeout` seconds; without phases the
    whole process does. On timeout its process group is killed."""
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-S", "-c", WRAPPER, rss.name, *argv], env=env,
                                stdout=subprocess.PIPE if phased else subprocess.DEVNULL, stderr=err,
                                start_new_session=True)
        lines: queue.Queue[dict[str, object]] = queue.Queue()
        if phased:
            def read() -> None:
                assert proc.stdout is not None
                for raw in proc.stdout:
                    with contextlib.suppress(ValueError):  # a stray print; the measures are JSON lines
                        lines.put(json.loads(raw))

            threading.Thread(target=read, daemon=True).start()
        got: list[dict[str, object]] = []
        phase, phase_t = "start", t0
        timed_out = None
        while True:
            if proc.poll() is not None:
                break
            while not lines.empty():
                line = lines.get()
                got.append(line)
                if "phase" in line:
                    phase, phase_t = str(line["phase"]), time.perf_counter()
            if time.perf_counter() - phase_t > timeout:
                timed_out = phase
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                break
            time.sleep(0.02)
        elapsed = time.perf_counter() - t0
        if proc.stdout is not None:
            time.sleep(0.05)  # let the reader take the last lines
        while not lines.empty():
            got.append(lines.get())
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
        peak, _, cpu = rss.read().strip().partition(" ")
    return Outcome(elapsed, int(peak) / 1024 if peak else 0.0, got, timed_out, proc.returncode, stderr,
                   float(cpu) if cpu else 0.0)


# -- the app, offscreen --------------------------------------------------------------------------
# The path `testimonia PROJECT` takes (the command line's dispatch, then the app), stopped where the
# app would enter its event loop; then an edit and the evidence table, as a user would go on.
CHILD_APP = r"""
import json, os, resource, sys, time
t0 = float(sys.argv[1])
project, annotation, document, skip = sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5].split(",")
def emit(**kv): print(json.dumps(kv), flush=True)
emit(phase="window")
import testimonia.app as app
from PySide6.QtWidgets import QApplication

CPU = [0.0]  # the GUI thread's CPU time in the passes idle() counts

def idle(quiet_s):
    # Run the event loop until nothing has run for quiet_s; the GUI-thread time spent (calls of 1 ms
    # or more: an idle pass takes microseconds) and the longest single pass.
    busy = longest = 0.0
    start = last = time.perf_counter()
    while time.perf_counter() - last < quiet_s:
        t, c = time.perf_counter(), time.thread_time()
        QApplication.processEvents()
        d = time.perf_counter() - t
        if d >= 0.001:
            busy += d
            CPU[0] += time.thread_time() - c
            longest = max(longest, d)
            last = time.perf_counter()
        time.sleep(0.001)
    return busy, longest

def measured(argv):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from testimonia.core.views import Content
    w = app.launch(argv); w.repaint()
    emit(window_shown=time.time() - t0)
    QApplication.processEvents()
    emit(window_interactive=time.time() - t0)
    assert w.session is not None and str(w.session.store.path) == os.path.abspath(project), "project not open"
    emit(phase="settle")
    idle(0.6)  # the deferred start-up work (collector, write path) runs, as before a user's first edit
    deadline = time.time() + 20
    while "testimonia.core.db" not in sys.modules and time.time() < deadline:
        time.sleep(0.05)
    w.open_document(document)
    w.select_annotation(annotation)
    idle(0.5)
    assert w.selected == annotation, "annotation not selected"

    emit(phase="edit")
    gui, stalls, cpu = [], [], []
    for i in range(3):
        before = w.session.store.annotation(annotation)
        after = Content(before.label_uuid, before.start, before.end, dict(before.fields),
                        before.note + f" (checked {i + 1})")
        t, c = time.perf_counter(), time.thread_time()
        w.apply_edit(before, after, "Edit note")
        call = time.perf_counter() - t
        CPU[0] = time.thread_time() - c
        busy, longest = idle(1.0)
        gui.append((call + busy) * 1000)
        stalls.append(max(call, longest) * 1000)
        cpu.append(CPU[0] * 1000)
    emit(edit_gui=sorted(gui)[1], edit_stall=sorted(stalls)[1], edit_cpu=sorted(cpu)[1])

    if "evidence" in skip:  # it timed out at a smaller size
        os._exit(0)
    emit(phase="evidence")
    t = time.perf_counter()
    table = w.team.open_evidence()
    QApplication.processEvents()
    while table.view.model().rowCount() == 0 and time.perf_counter() - t < 3600:
        QApplication.processEvents()  # rows that arrive from a worker count until they are shown
        time.sleep(0.001)
    table.view.viewport().repaint()
    emit(evidence_open=time.perf_counter() - t, evidence_rows=table.view.model().rowCount())
    emit(evidence_rss=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    if "evidence_sort" in skip:
        os._exit(0)
    emit(phase="evidence_sort")
    t = time.perf_counter()
    table.view.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    QApplication.processEvents()
    table.view.viewport().repaint()
    emit(evidence_sort=time.perf_counter() - t)
    if "evidence_page" in skip:
        os._exit(0)
    emit(phase="evidence_page")
    table.view.setFocus()
    pages = []
    for _ in range(5):
        t = time.perf_counter()
        QTest.keyClick(table.view, Qt.Key.Key_PageDown)
        QApplication.processEvents()
        table.view.viewport().repaint()
        pages.append((time.perf_counter() - t) * 1000)
    emit(evidence_page=sorted(pages)[2])
    emit(phase="done")
    os._exit(0)  # as the user closing the window does not wait for the collector either

app.main = measured
from testimonia.cli import main
main([project])
"""

# Opening is a phase of its own: a slow open (quick_check of the whole file) must not count as a
# slow search, which is what the user waits for in the open app.
CHILD_SEARCH = r"""
import json, sys, time
print(json.dumps({"phase": "open"}), flush=True)
from testimonia.core.store import Store
store = Store.open(sys.argv[1])
for key, query in (("search_en", sys.argv[2]), ("search_ko", sys.argv[3])):
    print(json.dumps({"phase": key}), flush=True)
    t = time.perf_counter()
    hits = store.search(query)
    print(json.dumps({key: (time.perf_counter() - t) * 1000, key + "_hits": len(hits.results)}), flush=True)
"""

# The floor for a merge: the same rows copied with nothing checked, matched or recomputed, with the
# merge's page cache and temp store (concurrent.tune), timed around the SQL alone.
CHILD_BARE = r"""
import json, sys, time
from testimonia.core import rawdb
from testimonia.core.merge import concurrent
from pathlib import Path
conn = rawdb.connect_raw(Path(sys.argv[1]))
t = time.perf_counter()
conn.execute("ATTACH DATABASE ? AS incoming", (Path(sys.argv[2]).resolve().as_uri() + "?mode=ro",))
concurrent.tune(conn)
concurrent.tune(conn, "incoming")
conn.execute("BEGIN IMMEDIATE")
conn.execute("INSERT OR IGNORE INTO main.author SELECT * FROM incoming.author")
conn.execute("INSERT OR IGNORE INTO main.annotation SELECT * FROM incoming.annotation")
conn.execute("INSERT OR IGNORE INTO main.revision SELECT * FROM incoming.revision")
conn.execute("COMMIT")
print(json.dumps({"bare_insert": time.perf_counter() - t}), flush=True)
"""


class Bench:
    def __init__(self, folder: Path, runs: int, timeout: float, exports: list[str], only: set[str],
                 save: Callable[[], None] = lambda: None) -> None:
        self.folder, self.runs, self.timeout, self.exports, self.only = folder, runs, timeout, exports, only
        self.save = save  # called after every measure: a run stopped midway keeps what it measured
        self.env = dict(os.environ, TESTIMONIA_CONFIG_DIR=str(folder / "config"), TESTIMONIA_AUTHOR=AUTHOR,
                        QT_QPA_PLATFORM="offscreen", PYTHONUNBUFFERED="1")
        self.env.pop("TESTIMONIA_MERGE_PROFILE", None)
        subprocess.run([sys.executable, "-c", f"from testimonia.core import config; config.set_author({AUTHOR!r})"],
                       env=self.env, check=True)
        self.timed_out: set[str] = set()  # measure groups that timed out at a smaller size

    def wanted(self, group: str) -> bool:
        return (not self.only or group in self.only) and group not in self.timed_out

    def cli(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "testimonia", *args]

    def fresh_copy(self, base: Path) -> Path:
        work = self.folder / "work.testimonia"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{work}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(base, work)
        # On disk before anything is timed: the copy's writeback (2 GB at 30k) would otherwise land in
        # the edit's commit (an fsync), which no user editing their own file waits for.
        os.sync()
        return work

    def repeat(self, group: str, keys: dict[str, str], one: Callable[[], Outcome],
               results: dict[str, object]) -> None:
        """Run `one` self.runs times; `keys` maps each measure to "time", "rss" or a JSON key it prints."""
        if not self.wanted(group):
            for k in keys:
                results[k] = "timeout" if group in self.timed_out else "skipped"
            return
        values: dict[str, list[float]] = {k: [] for k in keys}
        timed_out = False
        for _ in range(self.runs):
            out = one()
            printed: dict[str, object] = {}
            for line in out.lines:
                printed.update(line)
            ok = not out.timed_out and out.returncode == 0
            if out.returncode != 0 and not out.timed_out:
                print(f"    {group}: exit {out.returncode}: {out.stderr.strip()[-600:]}", flush=True)
            for k, source in keys.items():
                if source == "time" and ok:
                    values[k].append(out.seconds)
                elif source == "rss" and ok:
                    values[k].append(out.rss_mb)
                elif source == "cpu" and ok:
                    values[k].append(out.cpu_s)
                elif source in printed:
                    values[k].append(float(printed[source]))  # type: ignore[arg-type]
            if out.timed_out:
                print(f"    {group}: timeout after {self.timeout:.0f} s in phase {out.timed_out}", flush=True)
                timed_out = True
                # Larger sizes would time out too: skip what timed out there (the app: from that phase on).
                self.timed_out.add(group if out.timed_out in ("start", "window", "settle", "edit") else
                                   f"{group}:{out.timed_out}")
                break
        for k in keys:
            if values[k]:
                results[k] = statistics.median(values[k])
                results[k + "_runs"] = values[k]
            else:
                skipped = any(g.startswith(f"{group}:") for g in self.timed_out)
                results[k] = "timeout" if timed_out or skipped else "failed"
        self.save()

    def size(self, docs: int, anns: int, r: dict[str, object]) -> None:
        """Measure one size into `r` (filled as the measures finish)."""
        r["load_at_start"] = os.getloadavg()
        t = time.perf_counter()
        # In a process of its own: building a project takes memory this process would keep.
        subprocess.run([sys.executable, str(HERE / "scale_project.py"), str(docs), str(anns), "--teammate", "--twin"],
                       env=self.env, check=True, stdout=subprocess.DEVNULL)
        base = scale_project.project(docs, anns)
        mate = scale_project.teammate(base)
        twin = scale_project.twin(base)
        made = scale_project.counts(base)
        r["generated"] = asdict_counts(made)
        print(f"  project {base.name}: {base.stat().st_size / 1e6:,.0f} MB, {made.chars / 1e6:,.1f} M characters, "
              f"{made.revisions:,} revisions (ready in {time.perf_counter() - t:.1f} s)", flush=True)

        conn = sqlite3.connect(f"{base.resolve().as_uri()}?mode=ro", uri=True)
        ann, doc = conn.execute(
            "SELECT a.uuid, a.document_uuid FROM annotation a JOIN revision r ON r.uuid = a.head_uuid "
            "JOIN document d ON d.uuid = a.document_uuid WHERE a.heads = 1 AND NOT r.deleted AND NOT d.removed "
            "ORDER BY a.uuid LIMIT 1").fetchone()
        conn.close()

        skip = ",".join(g.split(":", 1)[1] for g in self.timed_out if g.startswith("app:"))

        def gui() -> Outcome:
            work = self.fresh_copy(base)
            return run([sys.executable, "-c", CHILD_APP, repr(time.time()), str(work), ann, doc, skip], self.env,
                       self.timeout, phased=True)

        self.repeat("app", {k: k for k in ("window_shown", "window_interactive", "edit_gui", "edit_stall", "edit_cpu",
                                           "evidence_open", "evidence_sort", "evidence_page", "evidence_rss")},
                    gui, r)
        out = self.folder / "out"
        self.repeat("list", {"list_json": "time", "list_json_cpu": "cpu", "list_json_rss": "rss"},
                    lambda: run(self.cli("list", str(base), "--json"), self.env, self.timeout), r)
        for fmt in self.exports:
            def export(fmt: str = fmt) -> Outcome:
                shutil.rmtree(out, ignore_errors=True)
                out.unlink(missing_ok=True)
                return run(self.cli("export", str(base), "-f", fmt, "-o", str(out)), self.env, self.timeout)

            self.repeat(f"export_{fmt}", {f"export_{fmt}": "time", f"export_{fmt}_cpu": "cpu",
                                          f"export_{fmt}_rss": "rss"}, export, r)
        shutil.rmtree(out, ignore_errors=True)
        out.unlink(missing_ok=True)
        self.repeat("check", {"check": "time", "check_cpu": "cpu", "check_rss": "rss"},
                    lambda: run(self.cli("check", str(base)), self.env, self.timeout), r)
        self.repeat("merge_new", {"merge_new": "time", "merge_new_cpu": "cpu", "merge_new_rss": "rss"},
                    lambda: run(self.cli("merge", str(self.fresh_copy(base)), str(mate)), self.env, self.timeout), r)
        self.repeat("bare_insert", {"bare_insert": "bare_insert"},
                    lambda: run([sys.executable, "-c", CHILD_BARE, str(self.fresh_copy(base)), str(mate)], self.env,
                                self.timeout, phased=True), r)
        if isinstance(r.get("merge_new"), float) and isinstance(r.get("bare_insert"), float):
            r["merge_ratio"] = r["merge_new"] / r["bare_insert"]  # type: ignore[operator]
        self.repeat("merge_noop", {"merge_noop": "time", "merge_noop_cpu": "cpu"},
                    lambda: run(self.cli("merge", str(self.fresh_copy(base)), str(twin)), self.env, self.timeout), r)
        self.repeat("search", {"search_en": "search_en", "search_ko": "search_ko"},
                    lambda: run([sys.executable, "-c", CHILD_SEARCH, str(base), SEARCH_EN, SEARCH_KO], self.env,
                                self.timeout, phased=True), r)
        r.update(file_shares(base, made.chars))
        self.save()


def asdict_counts(c: scale_project.Counts) -> dict[str, int]:
    from dataclasses import asdict

    return asdict(c)


def file_shares(path: Path, chars: int) -> dict[str, float]:
    """Size, bytes per character of text, and the search index's and its text copy's shares (dbstat)."""
    size = path.stat().st_size
    out = {"file_mb": size / 1e6, "bytes_per_char": size / max(1, chars)}
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        pages = dict(conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall())
    except sqlite3.Error:
        return out  # an SQLite built without dbstat: the shares are left out
    finally:
        conn.close()
    total = sum(pages.values()) or 1
    out["fts_index_share"] = 100 * (pages.get("document_fts_data", 0) + pages.get("document_fts_idx", 0)) / total
    out["fts_copy_share"] = 100 * pages.get("document_fts_content", 0) / total  # 0 from schema version 6
    out["fts_key_share"] = 100 * sum(v for k, v in pages.items() if "document_fts_key" in k) / total
    out["pages"] = {k: v for k, v in sorted(pages.items(), key=lambda kv: -kv[1])}  # type: ignore[assignment]
    return out


# -- the table --------------------------------------------------------------------------------------
def fmt(value: object, unit: str) -> str:
    if not isinstance(value, float | int):
        return str(value)
    if unit == "s":
        return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"
    if unit == "ms":
        return f"{value:.0f} ms" if value >= 10 else f"{value:.1f} ms"
    if unit == "MB":
        return f"{value:,.0f} MB"
    if unit == "×":
        return f"{value:.2f}×"
    if unit == "%":
        return f"{value:.0f} %"
    return f"{value:.2f} {unit}"


def table(results: list[dict[str, object]], measures: list[Measure]) -> str:
    small = results[0]
    n0 = float(small["annotations"])  # type: ignore[arg-type]
    heads = [f"{int(r['documents']):,} docs / {int(r['annotations']):,} ann."  # type: ignore[call-overload]
             for r in results]
    widths = [36] + [max(len(h), 24) for h in heads] + [20]
    lines = ["  ".join(_pad(s, w) for s, w in zip(["measure", *heads, "target (largest size)"], widths,
                                                  strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    for m in measures:
        if not any(m.key in r for r in results):
            continue
        cells = [m.title]
        v0 = small.get(m.key)
        for i, r in enumerate(results):
            v = r.get(m.key, "")
            cell = fmt(v, m.unit)
            if i and isinstance(v, float | int) and isinstance(v0, float | int) and v0 > 0 and not m.ratio:
                g = v / v0
                cell += f" ×{g:.1f} ({g / (float(r['annotations']) / n0):.2f})"  # type: ignore[arg-type]
            cells.append(cell)
        verdict = m.target
        last = results[-1].get(m.key)
        if m.check and isinstance(last, float | int) and isinstance(v0, float | int):
            verdict += "  met" if m.check(last, v0) else "  MISSED"
        elif m.target and last == "timeout":
            verdict += "  MISSED"
        cells.append(verdict)
        lines.append("  ".join(_pad(c, w) for c, w in zip(cells, widths, strict=True)).rstrip())
    return "\n".join(lines)


def _pad(text: str, width: int) -> str:
    """ljust by terminal columns: Hangul takes two."""
    cols = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - cols)


def measures_for(exports: list[str]) -> list[Measure]:
    measures = list(MEASURES)
    at = next(i for i, m in enumerate(measures) if m.key == "check")
    for f in reversed(exports):
        measures[at:at] = [Measure(f"export_{f}", f"export {f}", "s", "linear"),
                           Measure(f"export_{f}_cpu", "  CPU time (user + system)", "s"),
                           Measure(f"export_{f}_rss", f"export {f} peak RSS", "MB", "≤ 200 MB", lambda v, s: v <= 200)]
    return measures


def parse_sizes(spec: str) -> list[tuple[int, int]]:
    if spec in PRESETS:
        return [(d, d * PER_DOC) for d in PRESETS[spec]]
    sizes = []
    for part in spec.split(","):
        d, _, a = part.strip().partition(":")
        sizes.append((int(d), int(a) if a else int(d) * PER_DOC))
    return sizes


def git_commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default=os.environ.get("TESTIMONIA_SCALE_SIZES", "full"),
                    help="full, moderate, quick, or documents[:annotations],… (three sizes)")
    ap.add_argument("--runs", type=int, default=int(os.environ.get("TESTIMONIA_SCALE_RUNS", "3")))
    ap.add_argument("--timeout", type=float, default=float(os.environ.get("TESTIMONIA_SCALE_TIMEOUT", "300")),
                    help="seconds per measure (per phase for the app) before it counts as timeout")
    ap.add_argument("--exports", default=os.environ.get("TESTIMONIA_SCALE_EXPORTS", "w3c,csv"))
    ap.add_argument("--only", default=os.environ.get("TESTIMONIA_SCALE_ONLY", ""),
                    help="comma-separated groups: app, list, export_w3c, check, merge_new, bare_insert, "
                    "merge_noop, search")
    ap.add_argument("--skip", default=os.environ.get("TESTIMONIA_SCALE_SKIP", ""),
                    help="app phases not to run (evidence, evidence_sort, evidence_page), e.g. known to time out")
    ap.add_argument("--table", metavar="JSON", help="print the table of an earlier run's results file and stop")
    args = ap.parse_args()
    if args.table:
        saved = json.loads(Path(args.table).read_text())
        exports = saved["info"].get("exports", ["w3c", "csv"])
        print(table(saved["results"], measures_for(exports)))
        return 0
    sizes = parse_sizes(args.sizes)
    exports = [f for f in args.exports.split(",") if f]
    only = {g for g in args.only.split(",") if g}
    measures = measures_for(exports)
    started = datetime.now()
    info = {"started": started.isoformat(timespec="seconds"), "commit": git_commit(), "cpus": os.cpu_count(),
            "load_at_start": os.getloadavg(), "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
            "runs": args.runs, "timeout_s": args.timeout, "sizes": sizes, "exports": exports,
            "generator_version": scale_project.GENERATOR_VERSION}
    print(f"scale bench: sizes {', '.join(f'{d:,}/{a:,}' for d, a in sizes)} (documents/annotations), median of "
          f"{args.runs}, timeout {args.timeout:.0f} s; cache {scale_project.cache_dir()}; "
          f"load {os.getloadavg()[0]:.1f}",
          flush=True)
    results: list[dict[str, object]] = []
    out = HERE / ".results" / f"scale-{started:%Y%m%d-%H%M%S}.json"
    out.parent.mkdir(exist_ok=True)

    def save() -> None:
        info["load_at_end"] = os.getloadavg()
        tmp_out = out.with_suffix(".tmp")
        tmp_out.write_text(json.dumps({"info": info, "results": results}, indent=1, ensure_ascii=False) + "\n")
        os.replace(tmp_out, out)

    with tempfile.TemporaryDirectory(prefix="testimonia-bench-scale-", dir=_work_parent()) as tmp:
        bench = Bench(Path(tmp), args.runs, args.timeout, exports, only, save)
        bench.timed_out |= {f"app:{p}" for p in args.skip.split(",") if p}
        for docs, anns in sizes:
            t = time.perf_counter()
            print(f"\n{docs:,} documents, {anns:,} annotations (load average {os.getloadavg()[0]:.1f})", flush=True)
            row: dict[str, object] = {"documents": docs, "annotations": anns}
            results.append(row)
            bench.size(docs, anns, row)
            print(f"  done in {time.perf_counter() - t:.0f} s", flush=True)
            print(table(results, measures), flush=True)
    save()
    print("\nscale bench (median of runs; ×G = growth from the smallest size, (G/N) = that growth divided by the "
          "growth in annotations: ≈1 linear, >1 superlinear)")
    print(table(results, measures))
    print(f"\nresults written to {out}")
    return 0


def _work_parent() -> str:
    """Working copies beside the cache: the same disk, and not the small tmpfs some systems have."""
    folder = scale_project.cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder)


if __name__ == "__main__":
    raise SystemExit(main())
