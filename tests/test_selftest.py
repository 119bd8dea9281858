"""`testimonia --self-test` in a real process, as packaging/build.py runs it against the bundle."""

from __future__ import annotations

import importlib.util
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from testimonia import selftest

NEEDED = ("testimonia.core.merge", "testimonia.core.interop", "testimonia.ui.commands")


def _missing() -> list[str]:
    missing = []
    for name in NEEDED:
        try:
            if importlib.util.find_spec(name) is None:
                missing.append(name)
        except ImportError:
            missing.append(name)
    return missing


pytestmark = pytest.mark.skipif(bool(_missing()), reason=f"not importable yet: {_missing()}")


def _run(tmp_path: Path, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="ascii", **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "testimonia", "--self-test"], env=env, cwd=tmp_path,
                          capture_output=True, text=True, encoding="utf-8", timeout=240)


def test_self_test_passes_in_a_subprocess(tmp_path: Path, _isolated_config: Path) -> None:
    res = _run(tmp_path)
    assert res.returncode == 0, res.stdout + res.stderr
    lines = res.stdout.splitlines()
    assert [line.split(" ")[1] for line in lines[:-1]] == [name for name, _check in selftest.CHECKS]
    assert all(line.startswith("ok ") for line in lines[:-1])
    assert lines[-1].startswith("self-test passed")
    assert "60 pages" in res.stdout
    # Nothing was written to the user's settings: the self-test keeps its own config folder.
    assert not any(_isolated_config.iterdir())


def test_a_failing_check_is_named_and_exits_1(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_ctx: selftest.Context) -> str:
        raise selftest.CheckFailed("the CSV has 0 rows")

    monkeypatch.setattr(selftest, "CHECKS", [("export", broken)])
    out = io.StringIO()
    assert selftest.run(out) == 1
    assert out.getvalue() == "FAIL export: the CSV has 0 rows\n"


def test_an_unexpected_error_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(_ctx: selftest.Context) -> str:
        raise KeyError("speaker")

    monkeypatch.setattr(selftest, "CHECKS", [("create", crash)])
    out = io.StringIO()
    assert selftest.run(out) == 1
    assert out.getvalue() == "FAIL create: KeyError: 'speaker'\n"


def test_the_generated_pdf_has_its_pages_in_order() -> None:
    from pypdf import PdfReader

    from testimonia.selftest_pdf import make_pdf, page_marker

    reader = PdfReader(io.BytesIO(make_pdf(3)), strict=True)
    assert [p.extract_text().splitlines()[0] for p in reader.pages] == [page_marker(n) for n in (1, 2, 3)]
