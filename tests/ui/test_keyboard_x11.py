"""Undo and Redo keys under X11 itself (Xvfb), not the offscreen platform.

Each platform expands the standard keys differently: offscreen lists Ctrl+Y first for Redo, X11
Ctrl+Shift+Z, so a Redo action given "Ctrl+Shift+Z" and the standard key held the same sequence
twice only under X11, where Qt printed "Ambiguous shortcut overload" and redid nothing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = r"""
import json, sys
from pathlib import Path
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
from testimonia.core import config
from testimonia.core.store import Store
from testimonia.ui.main_window import MainWindow
from testimonia.ui.workers import SynchronousRunner
author = config.set_author("Min-ji Lee")
path = Path(sys.argv[1])
with Store.create(path, "Keys", author) as store:
    store.import_text("Report", "Officials said about 60 people were sent back.\n", author)
win = MainWindow(author, runner=SynchronousRunner())
win.show()
QTest.qWaitForWindowExposed(win)
win.open_project(path)
store = win.session.store
text = win.reader.text
at = text.index("about 60 people")
win.reader.select_cp(at, at + len("about 60 people"))
win.activateWindow()
QTest.qWaitForWindowActive(win)
win.reader.setFocus()
QTest.keyClick(win.reader, Qt.Key.Key_2)
out = {"platform": QApplication.platformName(), "created": len(store.annotations()),
       "focus": QApplication.focusWidget() is not None}
win.reader.setFocus()
for name in ("Ctrl+Shift+Z", "Ctrl+Y"):
    QTest.keyClick(win.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    undone = len(store.annotations())
    seq = QKeySequence(name)
    combo = seq[0]
    QTest.keyClick(win.reader, combo.key(), combo.keyboardModifiers())
    out[name] = [undone, len(store.annotations())]
win.close()
print(json.dumps(out))
"""


@pytest.mark.skipif(shutil.which("xvfb-run") is None or not sys.platform.startswith("linux"),
                    reason="needs Xvfb (xvfb-run)")
def test_undo_and_redo_keys_work_under_x11(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = "xcb"
    env["TESTIMONIA_CONFIG_DIR"] = str(tmp_path / "config")
    proc = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1024x700x24", sys.executable, "-c", SCRIPT,
                           str(tmp_path / "keys.testimonia")],
                          capture_output=True, text=True, timeout=120, env=env, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["platform"] == "xcb"
    assert "Ambiguous shortcut" not in proc.stderr
    assert result == {"platform": "xcb", "created": 1, "focus": True, "Ctrl+Shift+Z": [0, 1], "Ctrl+Y": [0, 1]}
