"""A short fuzzing budget for every importer of untrusted files, inside the normal test run.

Each target runs in a process of its own for a few seconds (`make fuzz` runs them for minutes):
coverage-guided with atheris where it is installed, else on random mutations of its seeds. A
crash, a hang past the per-input timeout or a memory blow-up fails the test with the fuzzer's
report, which names the saved input.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fuzz.targets import TARGETS

ROOT = Path(__file__).resolve().parents[1]
SECONDS = int(os.environ.get("TESTIMONIA_FUZZ_SECONDS", "2"))


@pytest.mark.parametrize("target", TARGETS)
def test_fuzz_target_survives_its_budget(target: str, tmp_path: Path) -> None:
    env = {**os.environ, "TESTIMONIA_CONFIG_DIR": str(tmp_path / "config")}
    run = subprocess.run(
        [sys.executable, "-m", "tests.fuzz.run", target, "--seconds", str(SECONDS), "--corpus",
         str(tmp_path / "corpus"), "--artifacts", str(tmp_path / "artifacts")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=SECONDS + 120,
    )
    report = (run.stdout + run.stderr)[-6000:]
    assert run.returncode == 0, report
    assert not any((tmp_path / "artifacts").iterdir()), report


def test_a_crashing_target_is_reported(tmp_path: Path) -> None:
    """The harness itself: an exception that is not the product's own error is a crash, with the
    input kept; the product's errors are not."""
    from tests.fuzz import targets

    calls: list[bytes] = []

    def run(data: bytes) -> None:
        calls.append(data)
        if data == b"bug":
            raise KeyError("a bug")
        raise targets.ImportFailed(tmp_path / "x.txt", "refused, with a reason")

    guarded = targets._guarded(run)
    guarded(b"fine")
    with pytest.raises(KeyError):
        guarded(b"bug")
    assert calls == [b"fine", b"bug"]
