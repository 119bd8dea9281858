"""The desktop app's entry point: `testimonia [PROJECT]` or `testimonia --sample`."""

from __future__ import annotations

import argparse
import gc
import logging
import sys
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from testimonia import __version__, resources
from testimonia.core import config

if TYPE_CHECKING:
    from testimonia.ui.main_window import MainWindow

DESKTOP_FILE = "org.testimonia.Testimonia"
WARM_UP_MS = 300  # after the window is up, the write path is imported in the background
log = logging.getLogger(__name__)


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="testimonia", description="Testimonia desktop app")
    parser.add_argument("project", nargs="?", help="project file to open (.testimonia)")
    parser.add_argument("--sample", action="store_true", help="open the sample project")
    # Qt's own options (-platform, -style …) pass through to QApplication.
    args, _unknown = parser.parse_known_args(argv)
    return args


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(["testimonia", *(argv or [])])
    app.setApplicationName("Testimonia")
    app.setApplicationDisplayName("Testimonia")
    app.setOrganizationName("Testimonia")
    app.setOrganizationDomain("testimonia.org")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(DESKTOP_FILE)  # Wayland matches the window to the .desktop file (and icon) by this
    icon = resources.app_icon_path()
    if icon is not None:
        app.setWindowIcon(QIcon(str(icon)))
    return app


def launch(argv: list[str]) -> MainWindow | None:
    """Create the application and the window with its project; None if the user declined to start."""
    # Startup builds tens of thousands of objects that live as long as the app (modules, widgets):
    # the collector ran about 70 times over them (a tenth of the start) and found nothing to free.
    # It stays off until settle_startup_objects has collected once and frozen them, just after start.
    collecting = gc.isenabled()
    gc.disable()
    window: MainWindow | None = None
    try:
        window = _launch(argv)
        return window
    finally:
        if window is not None:
            # Collected and frozen once the window is up and idle, so the first paint does not wait.
            QTimer.singleShot(WARM_UP_MS, lambda: _settle(collecting))
        elif collecting:
            gc.enable()


def _settle(collecting: bool) -> None:
    settle_startup_objects()
    if collecting:
        gc.enable()


def _launch(argv: list[str]) -> MainWindow | None:
    args = _parse(argv)
    make_application(argv)

    from testimonia.ui import crash, i18n, icons
    from testimonia.ui.main_window import MainWindow
    from testimonia.ui.project_flow import ask_author, startup_project

    crash.install()  # from here on an unexpected error is logged and shown, never lost in a console
    i18n.install_translators()  # before any widget: texts are translated as widgets are built
    author = config.resolve_author()
    if author is None:
        author = ask_author(None)
        if author is None:
            return None  # the user closed the first-run question: nothing to do without a name
    icons.defer()  # qtawesome loads after the window shows; see ui/icons.py
    window = MainWindow(author)
    window.restore_layout()
    window.show()
    QTimer.singleShot(0, icons.load_pending)
    path = startup_project(args.project, args.sample)
    if path is None or not window.open_project(path):
        window.open_sample()
    QTimer.singleShot(WARM_UP_MS, warm_up_writes)
    return window


def warm_up_writes() -> None:
    """Import the write path (SQLAlchemy and the SQLModel tables) on a background thread.

    Opening and reading a project no longer needs it (core/store.py), so it is not imported at start;
    without this, the first annotation the user makes would wait ~0.3 s for it.
    """

    def warm() -> None:
        try:
            import sqlmodel  # noqa: F401

            from testimonia.core import db  # noqa: F401  (SQLAlchemy, the tables)
        except Exception:  # the first write imports them again and reports any real problem
            log.warning("could not prepare the write path", exc_info=True)

    threading.Thread(target=warm, name="testimonia-warm-up", daemon=True).start()


def settle_startup_objects() -> None:
    """Exempt everything built at startup (modules, ORM metadata, widgets) from garbage collection.

    They live as long as the app, yet every full collection walked them all: opening a report with
    10,000 annotations, which allocates as many small objects, spent a quarter of its time there.
    """
    gc.collect()
    gc.freeze()


def main(argv: list[str] | None = None) -> int:
    from testimonia.core import logs

    logs.setup()  # to the log file: a malformed PDF's thousands of library warnings never reach a terminal
    window = launch(list(sys.argv[1:] if argv is None else argv))
    if window is None:
        return 0
    code = int(QApplication.instance().exec())  # type: ignore[union-attr]
    window.deleteLater()
    return code


if __name__ == "__main__":
    raise SystemExit(main())
