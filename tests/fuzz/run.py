"""Run one fuzz target: `python -m tests.fuzz.run TARGET [--seconds N] [--corpus DIR]`.

Coverage-guided with atheris (libFuzzer) where it is installed (a dev dependency on Linux x86-64):
Testimonia's own modules (with --deep also pypdf, python-docx or trafilatura) are instrumented, so
inputs that reach new branches are kept and mutated further. Without atheris the target still runs, on random mutations
of its seeds (not coverage-guided), and says so. Exits 0 when no input crashed; a crashing input
is saved under --artifacts and its traceback printed. `make fuzz` runs every target for minutes;
the test suite runs each for a few seconds (tests/test_fuzz.py).
"""

from __future__ import annotations

import argparse
import importlib
import os
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

# Every input runs in this one process: the caps libFuzzer enforces (seconds per input, memory)
# are what "bounded time and memory" means for one hostile file.
INPUT_TIMEOUT_S = 30
RSS_LIMIT_MB = 3072
# With --deep (make fuzz) the libraries a target leans on are instrumented too, so their branches
# guide the fuzzer; that takes seconds at start, too long for the test suite's short budget.
DEEP = {"pdf": ("pypdf",), "docx": ("docx",), "html": ("trafilatura",)}
# Largest input the fuzzer makes (libFuzzer's default is 4 KB, or the largest seed).
MAX_LEN = {"project": 256 * 1024}
DEFAULT_MAX_LEN = 64 * 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", choices=("txt", "html", "docx", "pdf", "w3c", "qdpx", "project"))
    parser.add_argument("--seconds", type=int, default=60, help="how long to fuzz (default 60)")
    parser.add_argument("--corpus", type=Path, help="folder of inputs kept between runs (default: a temporary one)")
    parser.add_argument("--artifacts", type=Path, default=Path("build/fuzz/artifacts"),
                        help="where crashing inputs are written (default build/fuzz/artifacts)")
    parser.add_argument("--no-atheris", action="store_true", help="random mutations only, even with atheris")
    parser.add_argument("--deep", action="store_true",
                        help="instrument the libraries the target uses too (pypdf, python-docx, trafilatura)")
    args = parser.parse_args(argv)
    os.environ.setdefault("TESTIMONIA_CONFIG_DIR", tempfile.mkdtemp(prefix="testimonia-fuzz-config-"))
    from testimonia.core import logs

    logs.setup()  # as the CLI and the app do: library warnings to the log file, not the terminal
    corpus = args.corpus or Path(tempfile.mkdtemp(prefix=f"testimonia-fuzz-{args.target}-corpus-"))
    args.artifacts.mkdir(parents=True, exist_ok=True)
    try:
        import atheris
    except ImportError:
        atheris = None
    if atheris is None or args.no_atheris:
        print(f"fuzz {args.target}: atheris is not installed; random mutations of the seeds instead "
              "(not coverage-guided)", file=sys.stderr)
        return _mutate(args.target, corpus, args.seconds, args.artifacts)
    include = ["testimonia", *(DEEP.get(args.target, ()) if args.deep else ())]
    with atheris.instrument_imports(include=include):
        targets = importlib.import_module("tests.fuzz.targets")
        targets.preload(args.deep)
    seeds = importlib.import_module("tests.fuzz.seeds")
    seeds.write(args.target, corpus)
    target = targets.make(args.target)
    libfuzzer = [sys.argv[0], f"-max_total_time={args.seconds}", f"-timeout={INPUT_TIMEOUT_S}",
                 f"-rss_limit_mb={RSS_LIMIT_MB}", f"-artifact_prefix={args.artifacts}/{args.target}-",
                 f"-max_len={MAX_LEN.get(args.target, DEFAULT_MAX_LEN)}", "-print_final_stats=1", str(corpus)]
    atheris.Setup(libfuzzer, target)
    atheris.Fuzz()  # exits the process: 0 when the time ran out without a crash
    return 0


def _mutate(name: str, corpus: Path, seconds: int, artifacts: Path) -> int:
    from tests.fuzz import seeds, targets

    seeds.write(name, corpus)
    inputs = [p.read_bytes() for p in sorted(corpus.iterdir()) if p.is_file()]
    target = targets.make(name)
    rng = random.Random(1)  # the same inputs on every run: a failure can be reproduced
    end = time.monotonic() + seconds
    runs = 0
    while time.monotonic() < end:
        data = _mutation(rng, rng.choice(inputs))
        runs += 1
        try:
            target(data)
        except Exception:
            path = artifacts / f"{name}-crash-{runs}"
            path.write_bytes(data)
            traceback.print_exc()
            print(f"fuzz {name}: input {runs} crashed; saved as {path}", file=sys.stderr)
            return 1
    print(f"fuzz {name}: {runs} inputs, no crash", file=sys.stderr)
    return 0


def _mutation(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if not out:
            out += bytes([rng.randrange(256)])
            continue
        i = rng.randrange(len(out))
        op = rng.randrange(5)
        if op == 0:
            out[i] ^= 1 << rng.randrange(8)
        elif op == 1:
            out[i] = rng.choice((0, 0xFF, 0x7F, 0x80, ord("<"), ord("{"), ord("0")))
        elif op == 2:
            del out[i:i + rng.randint(1, 64)]
        elif op == 3:
            out[i:i] = out[i:i + rng.randint(1, 64)]  # repeat a chunk
        else:
            out[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
    return bytes(out)


if __name__ == "__main__":
    raise SystemExit(main())
