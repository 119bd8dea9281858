"""`make bench`: run every benchmark script in this folder, each in its own process.

Each script measures its own baseline in the same run and prints ratios, so numbers from
different machines compare. A failing script is reported and the others still run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ("bench_import.py", "bench_api.py", "bench_anchoring.py", "bench_merge.py", "bench_exchange.py", "bench_gui.py")
LAST = ("bench_scale.py",)  # the longest: everything else has printed by the time it starts
# The scale bench at moderate sizes here (1k/3k/10k documents); `make bench-scale` runs the full
# 1k/10k/30k, and TESTIMONIA_SCALE_SIZES chooses others.
ARGS = {"bench_scale.py": ["--sizes", os.environ.get("TESTIMONIA_SCALE_SIZES", "moderate")]}


def main() -> int:
    scripts = [HERE / n for n in ORDER if (HERE / n).exists()]
    scripts += sorted(p for p in HERE.glob("bench_*.py") if p.name not in ORDER + LAST)
    scripts += [HERE / n for n in LAST if (HERE / n).exists()]
    failed = []
    for script in scripts:
        print(f"\n=== {script.name} ===", flush=True)
        t0 = time.perf_counter()
        rc = subprocess.call([sys.executable, str(script), *ARGS.get(script.name, [])])
        print(f"--- {script.name}: exit {rc}, {time.perf_counter() - t0:.1f} s", flush=True)
        if rc:
            failed.append(script.name)
    if failed:
        print("\nfailed: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
