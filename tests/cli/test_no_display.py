"""Without a display the GUI launch explains itself instead of letting Qt abort."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the display check is for X11/Wayland")
def test_gui_without_display_says_how_to_run_under_xvfb(monkeypatch: pytest.MonkeyPatch) -> None:
    env = {k: v for k, v in __import__("os").environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    proc = subprocess.run([sys.executable, "-m", "testimonia", "--sample"], env=env,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert "no display found" in proc.stderr and "xvfb-run" in proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""
