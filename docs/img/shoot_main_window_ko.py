"""Screenshot of the main window in Korean with the sample project: docs/img/main-window-ko.png.

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python docs/img/shoot_main_window_ko.py

Runs in a scratch config folder, so the real user's settings and recent projects are untouched.
Needs a Hangul font (fonts-nanum on Debian/Ubuntu). tests/ui/test_i18n.py builds the same window
for its layout check through `korean_window`.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "main-window-ko.png"


def korean_window():  # type: ignore[no-untyped-def]
    """The main window, Korean translators installed, sample project open, a figure selected."""
    from PySide6.QtWidgets import QApplication

    from testimonia.app import make_application
    from testimonia.core import config
    from testimonia.core import labels as core_labels
    from testimonia.ui import i18n, icons
    from testimonia.ui.main_window import MainWindow
    from testimonia.ui.workers import SynchronousRunner

    make_application([])
    i18n.install_translators("ko")
    icons.load_pending()
    win = MainWindow(config.set_author("김민지"), runner=SynchronousRunner())
    win.resize(1360, 860)
    win.show()
    assert win.open_sample(), "the sample project did not open"
    for _ in range(3):
        QApplication.processEvents()
    # A figure: its form is the editor's longest, so the most labels are on show.
    figure = next(row for row in win.annotations.model.rows() if row.label_uuid == core_labels.FIGURE)
    win.select_annotation(figure.uuid, reveal=True)
    QApplication.processEvents()
    return win


def main() -> int:
    os.environ.setdefault("TESTIMONIA_CONFIG_DIR", tempfile.mkdtemp(prefix="testimonia-shot-"))
    sys.path.insert(0, str(HERE.parents[1] / "desktop"))
    from PySide6.QtWidgets import QApplication

    win = korean_window()
    for _ in range(5):
        QApplication.processEvents()
    if not win.grab().save(str(OUT)):
        print(f"could not write {OUT}", file=sys.stderr)
        return 1
    print(OUT)
    win.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
