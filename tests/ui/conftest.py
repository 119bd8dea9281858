"""GUI test fixtures: offscreen Qt, an isolated config folder, a window with a synchronous runner."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor

from testimonia.core import config
from testimonia.core.store import Store
from testimonia.core.views import AuthorRef
from testimonia.ui.main_window import MainWindow
from testimonia.ui.workers import SynchronousRunner

# Emoji (a ZWJ sequence and a skin tone), Hangul, a combining accent and a non-BMP letter: every
# character that makes code points and UTF-16 positions drift apart or that Qt treats specially.
TRICKY_TEXT = (
    "Field report 👩‍👩‍👧 from Yanji 🙏🏽\n"
    "“탈북민 강제북송을 중단하라,” said the families’ spokesperson in Seoul.\n"
    "The x\u0331 owner (नमस्ते) counted about 60 people; 𝕏 posts said 500 to 600.\n"
    "China is bound by the 1951 Refugee Convention and its non-refoulement obligations.\n"
)


@pytest.fixture(autouse=True, scope="session")
def _english_catalogue(qapp) -> None:  # type: ignore[no-untyped-def]
    """As the app starts in English: the source texts plus the English plural forms."""
    from PySide6.QtCore import QLocale

    from testimonia.ui import i18n

    i18n.install_translators("en")
    QLocale.setDefault(QLocale.system())


@pytest.fixture(autouse=True)
def _config_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    cfg = tmp_path_factory.mktemp("ui-config")
    monkeypatch.setenv("TESTIMONIA_CONFIG_DIR", str(cfg))
    monkeypatch.delenv("TESTIMONIA_AUTHOR", raising=False)
    return cfg


@pytest.fixture(autouse=True)
def _no_dialog_outlives_its_test(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """A message box a test leaves open would take the next test's keys and clicks."""
    yield
    from PySide6.QtWidgets import QApplication, QDialog

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.close()
            widget.deleteLater()
    QApplication.processEvents()


@pytest.fixture
def author() -> AuthorRef:
    return config.set_author("Min-ji Lee")


@pytest.fixture
def project(tmp_path: Path, author: AuthorRef) -> Path:
    path = tmp_path / "test.testimonia"
    with Store.create(path, "Field notes", author) as store:
        store.import_text("Tricky text", TRICKY_TEXT, author, source_name="tricky.txt")
    return path


@pytest.fixture
def runner() -> SynchronousRunner:
    return SynchronousRunner()


@pytest.fixture
def window(qtbot, author: AuthorRef, project: Path, runner: SynchronousRunner) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    win = MainWindow(author, runner=runner)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert win.open_project(project)
    yield win
    win.close()


def utf16(text: str, cp: int) -> int:
    """UTF-16 position of a code-point offset, computed independently of core.offsets."""
    return len(text[:cp].encode("utf-16-le")) // 2


def select(win: MainWindow, start: int, end: int) -> None:
    """Select stored-text code points [start, end) in the reader the way Qt positions count."""
    text = win.reader.text
    cur = win.reader.textCursor()
    cur.setPosition(utf16(text, start))
    cur.setPosition(utf16(text, end), QTextCursor.MoveMode.KeepAnchor)
    win.reader.setTextCursor(cur)
    win.reader.setFocus()


def select_needle(win: MainWindow, needle: str, occurrence: int = 1) -> tuple[int, int]:
    text = win.reader.text
    at = -1
    for _ in range(occurrence):
        at = text.index(needle, at + 1)
    select(win, at, at + len(needle))
    return at, at + len(needle)
