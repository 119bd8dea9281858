"""Project-wide search on a large project: one page of results against the index lookup alone.

Run:  .venv/bin/python bench/bench_search.py [--docs 10000] [--chars 4000]

A project of N generated reports is built in one batch; then the first page of a search (the
documents matching, their total, every hit of the page's documents in context) is timed for a
common term, a rare one, a Korean word and a two-syllable Korean term (below the trigram index, so
it scans). The baseline, in the same run, is the bare FTS5 MATCH of the same term for one page
(no ranking): the ratio is what counting, ranking (up to RANK_LIMIT matches), reading the page's
texts and finding their hits add. A ranked MATCH over every match is printed for comparison.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_api import make_text

from testimonia.core import rawdb
from testimonia.core import search as core_search
from testimonia.core.importers import Extracted
from testimonia.core.store import NewDocument, Store
from testimonia.core.textnorm import sha256_hex
from testimonia.core.views import AuthorRef

AUTHOR = AuthorRef("b3e1c7a2-0000-4000-8000-00000000be4c", "Bench Runner")
TERMS = ("Refugee Convention", "Hunchun over the past", "강제북송", "북송")


def build(path: Path, docs: int, chars: int) -> None:
    base = make_text(chars * 4)
    rng = random.Random(9)
    batch = []
    for i in range(docs):
        start = rng.randrange(0, len(base) - chars)
        tail = "\n탈북민 강제북송을 멈춰라.\n" if i % 50 == 0 else "\n"
        text = f"Report {i}\n\n" + base[start:start + chars] + tail
        batch.append(NewDocument(Extracted(text=text, title=f"Report {i}", kind="txt", source_name=f"r{i}.txt",
                                           source_sha256=sha256_hex(f"src{i}"), text_sha256=sha256_hex(text),
                                           page_starts=None)))
    with Store.create(path, "Search bench", AUTHOR) as store:
        store.add_batch(AUTHOR, documents=batch)


def best(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    """The median time of `repeat` calls: what a user waits for, not the luckiest run."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--chars", type=int, default=4_000)
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="testimonia-bench-search-"))
    try:
        path = folder / "big.testimonia"
        t0 = time.perf_counter()
        build(path, args.docs, args.chars)
        print(f"built {args.docs:,} documents of {args.chars:,} characters in {time.perf_counter() - t0:.1f} s")
        raw = rawdb.connect_raw(path, readonly=True)
        with Store.open(path) as store:
            for term in TERMS:
                page = store.search(term)
                took = best(lambda term=term: store.search(term))
                if len(term) >= core_search.MIN_INDEXED_CHARS:
                    phrase = '"' + term + '"'
                    floor = best(lambda phrase=phrase: raw.execute(
                        "SELECT rowid FROM document_fts WHERE document_fts MATCH ? LIMIT ?",
                        (phrase, core_search.PAGE_SIZE + 1)).fetchall())
                    ranked = best(lambda phrase=phrase: raw.execute(
                        "SELECT rowid FROM document_fts WHERE document_fts MATCH ? ORDER BY rank LIMIT ?",
                        (phrase, core_search.PAGE_SIZE + 1)).fetchall())
                    versus = (f"bare MATCH of a page {floor * 1000:.1f} ms, ratio {took / floor:.0f}x; "
                              f"ranking every match would take {ranked * 1000:.0f} ms")
                else:
                    versus = "no index (scan)"
                hits = sum(r.count for r in page.results)
                total = "?" if page.total is None else f"{'>' if page.total_is_minimum else ''}{page.total:,}"
                print(f"{term!r}: {took * 1000:.0f} ms for the first page ({len(page.results)} documents, "
                      f"{hits:,} hits, total {total}); {versus}")
        raw.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sqlite3.enable_callback_tracebacks(True)
    main()
