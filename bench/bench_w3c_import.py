"""W3C annotation import speed against a bare bulk insert of the same rows.

Run:  .venv/bin/python bench/bench_w3c_import.py [--n 3000] [--chars 300000]

A project holds one long article; a W3C file holds N annotations on it (quote and position
selectors, fields, notes, a dozen creators), as another tool or another Testimonia writes them.
The import (parse, locate every quote, check, write in one transaction) is timed, and so is the
floor under it, measured in the same run and folder: one transaction of bare `executemany` INSERTs
of the very rows the import wrote (annotation and revision) into a copy of the project as it was
before the import. The ratio is what the import costs on top of writing its rows.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_api import make_text

from testimonia.core import rawdb
from testimonia.core.interop import import_w3c
from testimonia.core.interop.w3c_export import FIELDS_FORMAT
from testimonia.core.store import Store
from testimonia.core.views import AuthorRef

AUTHOR = AuthorRef("b3e1c7a2-0000-4000-8000-00000000be4c", "Bench Runner")
KINDS = ("statement", "figure", "obligation")
CODERS = [(f"urn:uuid:6f0c2b9e-0000-4000-8000-{i:012d}", f"Coder {i}") for i in range(12)]


def make_w3c(text: str, doc_uuid: str, text_sha: str, n: int, seed: int = 3) -> dict[str, object]:
    rng = random.Random(seed)
    items = []
    for i in range(n):
        start = rng.randrange(0, len(text) - 300)
        end = start + rng.randint(8, 240)
        kind = KINDS[i % 3]
        fields = {"figure": {"value_low": rng.randint(1, 400), "unit": "people", "approximate": True},
                  "statement": {"speaker": "a church worker", "mode": "reported"},
                  "obligation": {"instrument": "1951 Refugee Convention"}}[kind]
        coder_id, coder_name = CODERS[i % len(CODERS)]
        items.append({
            "id": f"urn:uuid:00000000-0000-4000-8000-{i:012d}", "type": "Annotation",
            "created": f"2025-03-0{1 + i % 9}T10:{i % 60:02d}:00Z",
            "creator": {"id": coder_id, "type": "Person", "name": coder_name},
            "body": [{"type": "TextualBody", "purpose": "tagging", "value": kind},
                     {"type": "TextualBody", "purpose": "commenting", "value": f"checked against source #{i}"},
                     {"type": "TextualBody", "purpose": "describing", "format": FIELDS_FORMAT,
                      "value": json.dumps(fields)}],
            "target": {"source": {"id": f"urn:uuid:{doc_uuid}", "textSha256": text_sha},
                       "selector": [{"type": "TextQuoteSelector", "exact": text[start:end],
                                     "prefix": text[max(0, start - 32):start], "suffix": text[end:end + 32]},
                                    {"type": "TextPositionSelector", "start": start, "end": end}]},
        })
    return {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection", "total": n,
            "first": {"type": "AnnotationPage", "items": items}}


def bench(folder: Path, n: int, chars: int) -> tuple[float, float, int]:
    text = make_text(chars)
    project = folder / "bench.testimonia"
    with Store.create(project, "W3C bench", AUTHOR) as store:
        doc = store.import_text("Bench article", text, AUTHOR)
    w3c = folder / "annotations.jsonld"
    w3c.write_text(json.dumps(make_w3c(text, doc.uuid, doc.text_sha256, n)), encoding="utf-8")
    before = folder / "before.testimonia"
    shutil.copy(project, before)
    with Store.open(project) as store:
        t0 = time.perf_counter()
        report = import_w3c(store, w3c, AUTHOR)
        took = time.perf_counter() - t0
        assert report.annotations_added == n, report.to_json()
    with sqlite3.connect(project) as conn:
        anns = conn.execute("SELECT * FROM annotation").fetchall()
        revs = conn.execute("SELECT * FROM revision").fetchall()
    conn.close()
    floor = bulk_insert(before, anns, revs)
    return took, floor, len(anns)


def bulk_insert(path: Path, anns: list[tuple[object, ...]], revs: list[tuple[object, ...]]) -> float:
    """One transaction of executemany INSERTs, with the project file's own pragmas."""
    conn = rawdb.connect_raw(path)
    try:
        t0 = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(f"INSERT INTO annotation VALUES ({', '.join('?' * len(anns[0]))})", anns)
        conn.executemany(f"INSERT INTO revision VALUES ({', '.join('?' * len(revs[0]))})", revs)
        conn.execute("COMMIT")
        return time.perf_counter() - t0
    finally:
        conn.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=3000)
    ap.add_argument("--chars", type=int, default=300_000)
    ap.add_argument("--repeat", type=int, default=3, help="runs of each; the fastest counts (machines are noisy)")
    args = ap.parse_args()
    runs = []
    for _ in range(args.repeat):
        folder = Path(tempfile.mkdtemp(prefix="testimonia-bench-w3c-"))
        try:
            runs.append(bench(folder, args.n, args.chars))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    took, floor, rows = min(r[0] for r in runs), min(r[1] for r in runs), runs[0][2]
    print(f"W3C import of {args.n:,} annotations on a {args.chars:,}-character text: {took:.2f} s "
          f"({args.n / took:,.0f} annotations/s)")
    print(f"bare executemany INSERT of the same {rows:,} annotations and their revisions: {floor:.3f} s")
    print(f"ratio import / bulk insert: {took / floor:.1f}x")


if __name__ == "__main__":
    main()
