"""Streaming output: `list --json`, every export and `check` at two sizes or more, and how each grows.

Run:  .venv/bin/python bench/bench_exports.py [--sizes 1000,10000] [--runs 3] [--formats list,w3c,…]
                                              [--baseline REF] [--current REF]
      (or TESTIMONIA_EXPORT_SIZES, TESTIMONIA_EXPORT_RUNS, TESTIMONIA_EXPORT_FORMATS)

Issue 15's targets: `list --json` and every export ≤ 200 MB peak RSS at any size, and linear in
time; `check` in constant memory and linear time. Each command runs in a fresh process as the user
runs it (bench_scale.run: wall time, CPU time, peak RSS of that process), on the scale bench's
generated projects (bench/scale_project.py, cached), and the median of the runs is kept. Printed
per format: each size's time, CPU and peak RSS; the growth of time and CPU from the smallest size
(×G) and that growth divided by the growth in annotations (G/N: ≈1 linear, >1 superlinear); and
whether the RSS target holds.

With --baseline REF (a git commit, e.g. one before the streaming work), that version's code runs
too, through PYTHONPATH, each of its runs right after the current code's so both meet the same
load, and the table adds current / baseline for time and RSS.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_scale  # noqa: E402
import scale_project  # noqa: E402

FORMATS = ("list", "w3c", "refi", "csv", "xlsx", "brat", "report", "check")
RSS_TARGET_MB = 200
AUTHOR = "Bench Runner"


@dataclass
class Runs:
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)
    failed: str = ""

    def median(self, what: str) -> float | None:
        values = getattr(self, what)
        return statistics.median(values) if values else None


def _argv(fmt: str, project: Path, out: Path) -> list[str]:
    if fmt in ("list", "check"):
        return [sys.executable, "-m", "testimonia", fmt, str(project), *(["--json"] if fmt == "list" else [])]
    return [sys.executable, "-m", "testimonia", "export", str(project), "-f", fmt, "-o", str(out)]


def _baseline_tree(ref: str, folder: Path) -> Path:
    """The code of `ref` (its desktop/ folder) unpacked into `folder`; PYTHONPATH points there."""
    folder.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", ref, "desktop"], cwd=HERE.parent, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder / "desktop"


def measure(project: Path, fmt: str, env: dict[str, str], out: Path, timeout: float) -> tuple[float, float, float]:
    shutil.rmtree(out, ignore_errors=True)
    out.unlink(missing_ok=True)
    got = bench_scale.run(_argv(fmt, project, out), env, timeout)
    shutil.rmtree(out, ignore_errors=True)
    out.unlink(missing_ok=True)
    if got.timed_out:
        raise TimeoutError(f"past {timeout:.0f} s")
    if got.returncode != 0:
        raise RuntimeError(f"exit {got.returncode}: {got.stderr.strip()[-300:]}")
    return got.seconds, got.cpu_s, got.rss_mb


def _cell(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f} MB" if unit == "MB" else (f"{value:.2f} s" if value < 10 else f"{value:.1f} s")


def table(sizes: list[tuple[int, int]], formats: list[str], results: dict[tuple[str, str, int], Runs],
          versions: list[str]) -> str:
    a0 = sizes[0][1]
    head, sub = ["format", "version"], ["", ""]
    for docs, anns in sizes:
        head += [f"{docs:,} docs / {anns:,} ann.", "", ""]
        sub += ["time", "CPU", "peak RSS"]
    for docs, _anns in sizes[1:]:
        head += [f"{docs:,}: time ×G (G/N)", "CPU ×G (G/N)"]
        sub += ["", ""]
    head.append(f"RSS ≤ {RSS_TARGET_MB} MB")
    sub.append("")
    rows = [head, sub]
    for fmt in formats:
        for version in versions:
            runs = [results[(fmt, version, i)] for i in range(len(sizes))]
            cells = [fmt, version]
            for r in runs:
                cells += ([_cell(r.median("seconds"), "s"), _cell(r.median("cpu"), "s"), _cell(r.median("rss"), "MB")]
                          if not r.failed else [r.failed[:24], "", ""])
            for (_docs, anns), r in zip(sizes[1:], runs[1:], strict=True):
                for what in ("seconds", "cpu"):
                    v0, v1 = runs[0].median(what), r.median(what)
                    cells.append(f"×{v1 / v0:.1f} ({v1 / v0 / (anns / a0):.2f})" if v0 and v1 else "-")
            peaks = [p for p in (r.median("rss") for r in runs) if p is not None]
            cells.append("-" if not peaks else ("met" if max(peaks) <= RSS_TARGET_MB else "MISSED"))
            rows.append(cells)
        if len(versions) == 2:
            cur, base = versions
            ratio = ["", "current / baseline"]
            for i in range(len(sizes)):
                for what in ("seconds", "cpu", "rss"):
                    c, b = results[(fmt, cur, i)].median(what), results[(fmt, base, i)].median(what)
                    ratio.append(f"{c / b:.2f}×" if c and b else "-")
            rows.append(ratio + [""] * (len(head) - len(ratio)))
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default=os.environ.get("TESTIMONIA_EXPORT_SIZES", "1000,10000"),
                    help="two sizes or more: documents[:annotations],…")
    ap.add_argument("--runs", type=int, default=int(os.environ.get("TESTIMONIA_EXPORT_RUNS", "3")))
    ap.add_argument("--formats", default=os.environ.get("TESTIMONIA_EXPORT_FORMATS", ",".join(FORMATS)))
    ap.add_argument("--baseline", metavar="REF", help="also run this git commit's code, for ratios")
    ap.add_argument("--current", metavar="REF",
                    help="run this git commit's code as the current one (default: the working tree), so the "
                    "working tree can change during a long run")
    ap.add_argument("--timeout", type=float, default=900.0, help="seconds per command")
    args = ap.parse_args()
    sizes = bench_scale.parse_sizes(args.sizes)
    if len(sizes) < 2:
        ap.error("--sizes takes two sizes or more")
    formats = [f for f in args.formats.split(",") if f]
    with tempfile.TemporaryDirectory(prefix="testimonia-bench-exports-") as tmp:
        folder = Path(tmp)
        env = dict(os.environ, TESTIMONIA_CONFIG_DIR=str(folder / "config"), TESTIMONIA_AUTHOR=AUTHOR,
                   PYTHONUNBUFFERED="1")
        env.pop("PYTHONPATH", None)
        envs = {"current": env}
        if args.current:
            envs["current"] = dict(env, PYTHONPATH=str(_baseline_tree(args.current, folder / "current")))
        if args.baseline:
            envs["baseline"] = dict(env, PYTHONPATH=str(_baseline_tree(args.baseline, folder / "baseline")))
        versions = list(envs)
        results = {(f, v, i): Runs() for f in formats for v in versions for i in range(len(sizes))}
        for i, (docs, anns) in enumerate(sizes):
            subprocess.run([sys.executable, str(HERE / "scale_project.py"), str(docs), str(anns)], env=env,
                           check=True, stdout=subprocess.DEVNULL)
            project = scale_project.project(docs, anns)
            print(f"{docs:,} documents, {anns:,} annotations: {project.name} (load {os.getloadavg()[0]:.1f})",
                  flush=True)
            for fmt in formats:
                for _ in range(args.runs):
                    for version, version_env in envs.items():  # alternating: both meet the same load
                        runs = results[(fmt, version, i)]
                        if runs.failed:
                            continue
                        try:
                            seconds, cpu, rss = measure(project, fmt, version_env, folder / "out", args.timeout)
                        except (TimeoutError, RuntimeError) as exc:
                            runs.failed = str(exc)
                            print(f"  {fmt} ({version}): {exc}", flush=True)
                            continue
                        runs.seconds.append(seconds)
                        runs.cpu.append(cpu)
                        runs.rss.append(rss)
                        print(f"  {fmt:6} {version:8} {seconds:7.2f} s  CPU {cpu:7.2f} s  {rss:7,.0f} MB", flush=True)
    print(f"\nstreaming output (median of {args.runs}; ×G = growth from the smallest size, (G/N) = that growth "
          "divided by the growth in annotations: ≈1 linear, >1 superlinear)")
    print(table(sizes, formats, results, versions))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
