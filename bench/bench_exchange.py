"""Changes-only exchange files: their size and merge time against a full copy and a bare insert.

Run:  .venv/bin/python bench/bench_exchange.py [--documents 1000 --annotations 10000] [--runs 3]

A teammate's copy of a generated coalition project (bench/scale_project.py: the project plus about
10 % new revisions by another author) writes a changes-only file "since the last exchange", the
exchange recorded at the project's state. Printed, the median of the runs:
- the changes file's size as a share of the full copy's (target ≤ 15 %);
- merging it into the project, in a fresh process as the CLI does, against a bare
  `INSERT OR IGNORE … SELECT` of the same rows from the same file (target ≤ 2×), and against
  merging the teammate's full copy.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "desktop"))

import scale_project  # noqa: E402

from testimonia.core import rawdb, schema  # noqa: E402
from testimonia.core.merge import concurrent, exchange  # noqa: E402
from testimonia.core.sendcopy import send_copy  # noqa: E402
from testimonia.core.store import Store  # noqa: E402


def _copy(src: Path, dst: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{dst}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(src, dst)
    return dst


def bare_insert(project: Path, incoming: Path) -> float:
    """The floor: the same rows copied with nothing checked, matched or recomputed."""
    conn = rawdb.connect_raw(project)
    try:
        start = time.perf_counter()
        conn.execute("ATTACH DATABASE ? AS incoming", (f"{incoming.resolve().as_uri()}?mode=ro&immutable=1",))
        concurrent.tune(conn)
        concurrent.tune(conn, "incoming")
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT OR IGNORE INTO main.annotation SELECT * FROM incoming.annotation")
        conn.execute("INSERT OR IGNORE INTO main.revision SELECT * FROM incoming.revision")
        conn.execute("COMMIT")
        return time.perf_counter() - start
    finally:
        conn.close()


def cli_merge(project: Path, incoming: Path) -> float:
    """`testimonia merge`, timed from outside a fresh process (imports and start-up included)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "testimonia", "merge", str(project), str(incoming), "--author", "Bench"],
                   check=True, stdout=subprocess.DEVNULL, cwd=HERE.parent,
                   env={**os.environ, "PYTHONPATH": str(HERE.parent / "desktop")})
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--documents", type=int, default=1000)
    ap.add_argument("--annotations", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    base = scale_project.project(args.documents, args.annotations)
    mate = scale_project.teammate(base)
    folder = Path(tempfile.mkdtemp(prefix="testimonia-bench-exchange-"))
    try:
        sender = _copy(mate, folder / "teammate.testimonia")
        with Store.open(base, readonly=True) as project:  # the state the earlier exchange reached
            reached = exchange.watermarks(project)
        with Store.open(sender) as store:
            exchange.record_exchange(store, "Kim Min-ji", *reached, "earlier.testimonia")
            t = time.perf_counter()
            changes = exchange.write_changes(store, folder / "changes.testimonia", since=exchange.LAST,
                                             to="Kim Min-ji", sender=scale_project.TEAMMATE)
            write_s = time.perf_counter() - t
            t = time.perf_counter()
            full = send_copy(store, folder / "full.testimonia")
            full_s = time.perf_counter() - t
        full_bytes = full.stat().st_size
        print(f"project {args.documents} documents / {args.annotations} annotations; the teammate's copy adds "
              f"{changes.revisions} revisions on {changes.annotations} annotations")
        print(f"changes file: {changes.bytes / 1e6:.2f} MB = {100 * changes.bytes / full_bytes:.1f} % of the full "
              f"copy's {full_bytes / 1e6:.1f} MB (target ≤ 15 %); written in {write_s:.2f} s (full copy "
              f"{full_s:.2f} s); {changes.documents_without_text} documents carried without their text")
        # The receiver as after its first merge, which builds the merge's document index once.
        receiver = _copy(base, folder / "receiver.testimonia")
        t = time.perf_counter()
        conn = rawdb.connect_raw(receiver)
        conn.execute(schema.DOCUMENT_LWW_INDEX)
        conn.close()
        print(f"the receiver's first merge builds the document index once: {time.perf_counter() - t:.2f} s")
        floors, merges, fulls = [], [], []
        for _ in range(args.runs):
            floors.append(bare_insert(_copy(receiver, folder / "floor.testimonia"), changes.path))
            merges.append(cli_merge(_copy(receiver, folder / "merge.testimonia"), changes.path))
            fulls.append(cli_merge(_copy(receiver, folder / "merge-full.testimonia"), full))
        floor, merged, whole = (statistics.median(x) for x in (floors, merges, fulls))
        print(f"bare INSERT OR IGNORE … SELECT of the changes file's rows: {floor:.3f} s (median of {args.runs})")
        print(f"merge of the changes file (testimonia merge, fresh process): {merged:.3f} s = {merged / floor:.2f}× "
              f"the bare insert (target ≤ 2×); runs {', '.join(f'{m:.2f}' for m in merges)}")
        print(f"merge of the full copy instead:                               {whole:.3f} s = "
              f"{whole / merged:.1f}× the changes file's merge")
        return 0
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
