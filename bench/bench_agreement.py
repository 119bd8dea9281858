"""Agreement on a long report: 3 annotators × 3,000 annotations on a generated 340-page report
(about 700,000 characters), every measure with 1,000 bootstrap samples. Target: 2 s.

Run:  .venv/bin/python bench/bench_agreement.py [--n 3000] [--chars 700000] [--samples 1000]

The baseline, measured in the same run, is one pass of reading the annotations the measures
compare (`Store.annotations()`, what the report itself starts with): the ratio shows what the
measures, the matching, the field alphas and the bootstrap add on top of getting the spans. The
process's CPU time is printed beside the wall clock: on a shared machine it says what the work
costs when other jobs hold the cores.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_api import make_text

from testimonia.core.agreement.report import Options, compute
from testimonia.core.store import NewAnnotation, Store
from testimonia.core.views import AuthorRef

CODERS = [AuthorRef(f"b3e1c7a2-0000-4000-8000-0000000000a{i}", name) for i, name in enumerate(("Ana", "Bo", "Cy"))]
LABELS = ("statement", "figure", "obligation")
TARGET_S = 2.0


def _codings(text: str, n: int, seed: int = 3) -> list[list[tuple[int, int, str, dict[str, object]]]]:
    """A first coder's n spans, and two others who mostly agree: boundaries move a little, a tenth
    of labels differ, a tenth of spans are missed and as many added."""
    rng = random.Random(seed)
    step = len(text) // n
    first = []
    for i in range(n):
        s = i * step + rng.randint(0, step // 4)
        e = min(s + rng.randint(10, max(11, step // 2)), len(text))
        first.append((s, e, rng.choice(LABELS)))
    out = []
    for c in range(len(CODERS)):
        spans = []
        for s, e, lab in first:
            if c and rng.random() < 0.1:
                continue
            if c:
                s = max(0, s + rng.randint(-3, 3))
                e = max(s + 1, e + rng.randint(-3, 3))
                lab = rng.choice(LABELS) if rng.random() < 0.1 else lab
            fields: dict[str, object] = {"value": rng.choice((60, 60, 61))} if lab == "figure" else {}
            if lab == "statement":
                fields = {"speaker": rng.choice(("the minister", "the minister", "a relative"))}
            spans.append((s, e, lab, fields))
        while len(spans) < n:
            s = rng.randrange(0, len(text) - 40)
            spans.append((s, s + rng.randint(5, 40), rng.choice(LABELS), {}))
        out.append(spans[:n])
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=3000, help="annotations per annotator")
    ap.add_argument("--chars", type=int, default=700_000)
    ap.add_argument("--samples", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    text = make_text(args.chars)
    with tempfile.TemporaryDirectory() as tmp, \
            Store.create(Path(tmp) / "agreement.testimonia", "Agreement bench", CODERS[0]) as store:
        doc = store.import_text("Long report", text, CODERS[0]).uuid
        labels = {lb.kind: lb.uuid for lb in store.labels()}
        batch = [NewAnnotation(doc, labels[lab], s, e, who, fields)
                 for who, spans in zip(CODERS, _codings(text, args.n), strict=True) for s, e, lab, fields in spans]
        store.add_batch(CODERS[0], annotations=batch)
        base, full, cpu_base, cpu_full = [], [], [], []
        for _ in range(args.runs):
            t0, c0 = time.perf_counter(), time.process_time()
            store.annotations()
            base.append(time.perf_counter() - t0)
            cpu_base.append(time.process_time() - c0)
            t0, c0 = time.perf_counter(), time.process_time()
            report = compute(store, Options(samples=args.samples, seed=1))
            full.append(time.perf_counter() - t0)
            cpu_full.append(time.process_time() - c0)
    b, f = statistics.median(base), statistics.median(full)
    cb, cf = statistics.median(cpu_base), statistics.median(cpu_full)
    trio = report.sets[-1]
    print(f"annotators: {len(CODERS)} × {args.n} annotations, {args.chars:,} characters, "
          f"{args.samples} bootstrap samples, resampled: {trio.resampled}")
    print(f"baseline (read the spans once):  {b * 1000:8.1f} ms")
    print(f"all measures with intervals:     {f * 1000:8.1f} ms   ({f / b:.1f}× baseline)")
    print(f"  CPU time (this process only):  {cb * 1000:8.1f} ms → {cf * 1000:8.1f} ms   ({cf / cb:.1f}×)")
    print(f"target {TARGET_S:.1f} s: {'met' if f <= TARGET_S else 'MISSED'} ({f / TARGET_S:.2f} of it; "
          f"CPU time {cf / TARGET_S:.2f} of it — on a machine other jobs load, the wall clock waits for them)")
    u = trio.measures["u_alpha"]
    print(f"uα of all three: {u.value:.4f} [{u.low:.4f}, {u.high:.4f}]; disagreements listed: "
          f"{len(report.disagreements)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
