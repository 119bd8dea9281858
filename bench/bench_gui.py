"""Desktop app speed on a large report: opening, marking, starting up, memory.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_gui.py [--pages 340] [--annotations 10000]

A 340-page report (~700k characters, PDF-like lines and page starts, a Korean line and an emoji now
and then) is generated into a temporary project with 10,000 annotations of all three kinds, many
overlapping. Printed, each against a baseline measured in the same run:
  - open: from asking for the document to its highlights painted, as a ratio to QPlainTextEdit
    .setPlainText of the same text plus its first paint (target <= 1.5x); reported for the reader
    alone (text and spans in hand) and for the whole window path (database reads included);
  - create: median time from the "2" key press over a selection to the new highlight painted
    (target <= 30 ms);
  - startup: process start to an interactive window with the sample project, as a ratio to a bare
    QMainWindow in the same kind of process;
  - peak memory (ru_maxrss) after the baseline and after the window has the report open.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SENTENCES = (
    "Witnesses said about {n} people were held at the centre in {place} before being moved at night.",
    "Between {lo} and {hi} detainees were transferred across the border in {month}, two sources said.",
    "“We were told nothing about where we were going,” a woman returned in {year} told researchers.",
    "States parties to the Convention against Torture must not return anyone at real risk of torture.",
    "The 1951 Refugee Convention and its 1967 Protocol set out the principle of non-refoulement.",
    "Officials described the group as illegal migrants rather than refugees, the report notes.",
    "Relatives in Seoul said they had heard nothing from their family members for {n} days.",
    "Police in {place} reportedly offered rewards of up to {n},000 yuan for information on escapees.",
    "국경 지역에서 약 {n}명이 구금되었다고 단체는 밝혔다.",
    "The mission recorded {n} interviews 🙏 with people who had been returned since {year}.",
)
PLACES = ("Dandong", "Yanji", "Shenyang", "Tumen", "Hunchun", "Changbai")
MONTHS = ("January", "March", "April", "August", "October", "December")


def make_report(pages: int, rng: random.Random) -> tuple[str, list[int]]:
    chunks: list[str] = []
    starts: list[int] = []
    size = 0
    for p in range(pages):
        starts.append(size)
        lines = [f"Page {p + 1}"]
        body = 0
        while body < 1950:
            s = rng.choice(SENTENCES).format(n=rng.randrange(2, 900), lo=rng.randrange(10, 400),
                                             hi=rng.randrange(400, 900), place=rng.choice(PLACES),
                                             month=rng.choice(MONTHS), year=rng.randrange(2005, 2024))
            # PDF text comes in visual lines of roughly 90 characters.
            while len(s) > 95:
                cut = s.rfind(" ", 0, 95)
                lines.append(s[:cut])
                s = s[cut + 1:]
                body += cut + 1
            lines.append(s)
            body += len(s) + 1
        page = "\n".join(lines)
        chunks.append(page)
        size += len(page) + 2
    return "\n\n".join(chunks), starts


def build_project(folder: Path, pages: int, count: int) -> tuple[Path, str, str, list[int]]:
    from testimonia.core import db, labels
    from testimonia.core.anchoring import quote_context
    from testimonia.core.importers import Extracted
    from testimonia.core.store import Store
    from testimonia.core.textnorm import sha256_hex
    from testimonia.core.views import AuthorRef

    rng = random.Random(7)
    text, starts = make_report(pages, rng)
    author = AuthorRef(str(uuid.UUID(int=rng.getrandbits(128), version=4)), "Bench")
    path = folder / "report.testimonia"
    with Store.create(path, "Bench", author) as store:
        doc = store.import_extracted(Extracted(
            text=text, title="Annual report", kind="pdf", source_name="report.pdf", source_sha256=sha256_hex(text),
            text_sha256=sha256_hex(text), page_starts=starts), author).uuid
    # 10,000 annotations through the API would time fsyncs, not the GUI: write the rows directly,
    # as core would (one revision each, which is the head).
    conn = db.connect_raw(path)
    conn.execute("PRAGMA synchronous=OFF")
    anns, revs = [], []
    kinds = [b.uuid for b in labels.BUILTINS]
    hlc = 1_750_000_000_000 << 16
    for _ in range(count):
        start = rng.randrange(0, len(text) - 200)
        end = start + rng.randrange(4, 160)
        exact, prefix, suffix = quote_context(text, start, end)
        a, r = str(uuid.uuid4()), str(uuid.uuid4())
        hlc += 1
        anns.append((a, doc, hlc, author.uuid, r, 1))
        revs.append((r, a, "[]", author.uuid, hlc, rng.choice(kinds), start, end, exact, prefix, suffix,
                     json.dumps({}), ""))
    with conn:
        conn.executemany("INSERT INTO annotation VALUES (?, ?, ?, ?, ?, ?)", anns)
        conn.executemany(
            "INSERT INTO revision(uuid, annotation_uuid, parents, author_uuid, hlc, label_uuid, span_start, span_end, "
            "exact, prefix, suffix, fields, note, deleted, is_head, orphaned) VALUES ("
            + ", ".join("?" * 13) + ", 0, 1, 0)", revs)
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('hlc', ?)", (str(hlc),))
    conn.close()
    return path, doc, text, starts


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def median_time(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def bench_open_and_create(args: argparse.Namespace, folder: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    from testimonia.app import settle_startup_objects
    from testimonia.core import config
    from testimonia.ui.annotations_model import Row
    from testimonia.ui.main_window import MainWindow
    from testimonia.ui.reader import Reader

    t0 = time.perf_counter()
    path, doc, text, starts = build_project(folder, args.pages, args.annotations)
    print(f"report: {args.pages} pages, {len(text):,} characters, {text.count(chr(10)) + 1:,} lines, "
          f"{args.annotations:,} annotations (generated in {time.perf_counter() - t0:.1f} s)")
    app = QApplication.instance() or QApplication([])
    base_rss = maxrss_mb()

    plain = QPlainTextEdit()
    plain.setReadOnly(True)
    plain.resize(900, 800)
    plain.show()
    app.processEvents()

    def baseline() -> None:
        plain.setPlainText("")
        app.processEvents()
        t = time.perf_counter()
        plain.setPlainText(text)
        app.processEvents()  # Qt finishes some layout work in the event loop; count it on both sides
        plain.viewport().repaint()
        baseline.t = time.perf_counter() - t  # type: ignore[attr-defined]

    bases = []
    for _ in range(args.runs):
        baseline()
        bases.append(baseline.t)  # type: ignore[attr-defined]
    base = statistics.median(bases)
    plain.close()
    rss_after_base = maxrss_mb()

    config.set_author("Bench")
    win = MainWindow(config.configured_author())
    win.resize(1360, 860)
    win.show()
    win.open_project(path)
    app.processEvents()
    settle_startup_objects()  # as testimonia.app.launch does once the first project is open
    store = win.session.store
    views = [Row(*r) for r in store.span_rows(doc)]
    colors = {lb.uuid: lb.color for lb in store.labels()}
    reader = Reader()
    reader.resize(900, 800)
    reader.show()

    def highlighted() -> bool:
        # Highlights are applied to the blocks being painted: the first screen must carry them.
        block, seen = reader.firstVisibleBlock(), 0
        while block.isValid() and seen < 20:
            if block.layout().formats():
                return True
            block, seen = block.next(), seen + 1
        return False

    def open_reader() -> float:
        reader.unload()
        app.processEvents()
        t = time.perf_counter()
        reader.load(text, views, colors, starts)
        app.processEvents()  # let queued work run, as the event loop would before the user sees anything
        reader.viewport().repaint()
        elapsed = time.perf_counter() - t
        assert highlighted(), "highlights were not applied"
        return elapsed

    reader_times = [open_reader() for _ in range(args.runs)]
    reader.close()
    win.activateWindow()  # the shortcut only fires in the active window

    other = store.import_text("Other", "A short other document.\n", win.author)

    def open_window() -> float:
        win.open_document(other.uuid)
        app.processEvents()
        t = time.perf_counter()
        win.open_document(doc)
        app.processEvents()
        win.reader.viewport().repaint()
        return time.perf_counter() - t

    window_times = [open_window() for _ in range(args.runs)]
    r_med, w_med = statistics.median(reader_times), statistics.median(window_times)
    print(f"open, setPlainText baseline: {base * 1000:.0f} ms (median of {args.runs})")
    print(f"open, reader with {len(views):,} highlights: {r_med * 1000:.0f} ms = {r_med / base:.2f}x (target <= 1.5x)")
    print(f"open, whole window path incl. database reads: {w_med * 1000:.0f} ms = {w_med / base:.2f}x")

    # Create: select a short span on screen, press 2, wait for the paint.
    rng = random.Random(3)
    reader_w = win.reader
    omap = reader_w.offsets
    top = reader_w.cursorForPosition(reader_w.viewport().rect().topLeft()).position()
    bottom = reader_w.cursorForPosition(reader_w.viewport().rect().bottomRight()).position()
    lat = []
    for _ in range(args.creates):
        a = omap.to_codepoint(rng.randrange(top, max(top + 1, bottom - 40)))
        while a < len(text) and text[a].isspace():
            a += 1
        b = a + rng.randrange(5, 30)
        cur = reader_w.textCursor()
        cur.setPosition(omap.to_utf16(a))
        cur.setPosition(omap.to_utf16(b), QTextCursor.MoveMode.KeepAnchor)
        reader_w.setTextCursor(cur)
        reader_w.setFocus()
        app.processEvents()
        t = time.perf_counter()
        QTest.keyClick(reader_w, Qt.Key.Key_2)
        reader_w.viewport().repaint()
        lat.append(time.perf_counter() - t)
        assert win.selected is not None and win.selected in reader_w.index, win.statusBar().currentMessage()
        app.processEvents()
    t = time.perf_counter()
    win.refresh_counts()
    counts = time.perf_counter() - t
    lat_ms = sorted(x * 1000 for x in lat)
    print(f"create: median {statistics.median(lat_ms):.1f} ms, 90th percentile {lat_ms[int(len(lat_ms) * 0.9)]:.1f} ms "
          f"over {len(lat_ms)} marks (target <= 30 ms); deferred counts refresh {counts * 1000:.0f} ms")
    print(f"memory: peak RSS {base_rss:.0f} MB at start, {rss_after_base:.0f} MB after the baseline, "
          f"{maxrss_mb():.0f} MB with the window and report open")
    win.close()


CHILD_BARE = """
import time, sys
t0 = float(sys.argv[1])
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1360, 860); w.show(); w.repaint()
shown = time.time() - t0
app.processEvents()
print(shown, time.time() - t0)
"""
# The path `testimonia --sample` takes (the command line's dispatch, then the app), stopped where
# the app would enter its event loop.
CHILD_APP = """
import time, sys
t0 = float(sys.argv[1])
import testimonia.app as app
from PySide6.QtWidgets import QApplication

def measured(argv):
    w = app.launch(argv); w.repaint()
    shown = time.time() - t0
    QApplication.processEvents()  # what the event loop does first, icons included
    assert w.session is not None and not w.actions_.open_project.icon().isNull()
    print(shown, time.time() - t0)
    return 0

app.main = measured
from testimonia.cli import main
main(["--sample"])
"""


def bench_startup(runs: int, folder: Path) -> None:
    env = dict(os.environ, TESTIMONIA_CONFIG_DIR=str(folder / "startup-config"))
    subprocess.run([sys.executable, "-c", "from testimonia.core import config; config.set_author('Bench')"],
                   env=env, check=True)

    def one(code: str) -> tuple[float, float]:
        out = subprocess.run([sys.executable, "-c", code, repr(time.time())], env=env, check=True,
                             capture_output=True, text=True).stdout
        shown, ready = out.strip().splitlines()[-1].split()
        return float(shown), float(ready)

    first = one(CHILD_APP)[1]  # builds the sample project
    bare = [one(CHILD_BARE) for _ in range(runs)]
    app = [one(CHILD_APP) for _ in range(runs)]
    bare_shown, bare_ready = (statistics.median(x[i] for x in bare) for i in (0, 1))
    app_shown, app_ready = (statistics.median(x[i] for x in app) for i in (0, 1))
    print(f"startup, window painted: bare QMainWindow {bare_shown * 1000:.0f} ms, Testimonia with the sample "
          f"{app_shown * 1000:.0f} ms = {app_shown / bare_shown:.2f}x")
    print(f"startup, interactive (first event-loop pass done): bare {bare_ready * 1000:.0f} ms, Testimonia "
          f"{app_ready * 1000:.0f} ms = {app_ready / bare_ready:.2f}x (first run, building the sample: "
          f"{first * 1000:.0f} ms)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=340)
    parser.add_argument("--annotations", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--creates", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="testimonia-bench-gui-") as tmp:
        folder = Path(tmp)
        os.environ["TESTIMONIA_CONFIG_DIR"] = str(folder / "config")
        bench_open_and_create(args, folder)
        bench_startup(args.runs, folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
