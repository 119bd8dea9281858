"""The local crash hook, Help > About, Help > User guide and Edit > Settings."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QPushButton

from testimonia import __version__
from testimonia.core import config
from testimonia.ui import crash
from testimonia.ui.help_dialogs import AboutDialog, GuideWindow, guide_text
from testimonia.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def hook() -> Iterator[None]:
    before = sys.excepthook
    crash.install()
    yield
    sys.excepthook = before
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, crash.CrashDialog):
            widget.close()


class Boom(RuntimeError):
    pass


@pytest.mark.qt_no_exception_capture  # the app's own hook must see the error, not pytest-qt's
def test_error_in_a_slot_is_logged_and_shown(qtbot, hook, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    project = window.session.store.path  # type: ignore[union-attr]
    before = project.read_bytes()

    def explode() -> None:
        raise Boom("deliberate failure for the crash hook")

    button = QPushButton("explode")
    qtbot.addWidget(button)
    button.clicked.connect(explode)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    log = config.log_dir() / crash.LOG_NAME
    assert log.exists()
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "deliberate failure for the crash hook" in text
    assert __version__ in text
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, crash.CrashDialog) and w.isVisible()]
    assert len(dialogs) == 1  # shown without blocking: the test got here
    dialog = dialogs[0]
    assert dialog.details.isReadOnly()
    assert "Boom: deliberate failure" in dialog.details.toPlainText()
    dialog.copy_button.click()
    assert "deliberate failure" in QGuiApplication.clipboard().text()

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # a second error joins the open dialog
    assert [w for w in QApplication.topLevelWidgets() if isinstance(w, crash.CrashDialog) and w.isVisible()] == [dialog]
    assert dialog.details.toPlainText().count("Boom: deliberate failure") == 2
    assert log.read_text(encoding="utf-8").count("Boom: deliberate failure") == 2
    assert project.read_bytes() == before  # the hook never writes to the project


@pytest.mark.qt_no_exception_capture
def test_a_user_facing_error_in_a_slot_shows_its_message_not_a_traceback(qtbot, hook, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from testimonia.core.errors import DamagedFileError

    def explode() -> None:
        raise DamagedFileError("team.testimonia", "the project file is damaged (a REAL where a whole number goes)")

    button = QPushButton("explode")
    qtbot.addWidget(button)
    button.clicked.connect(explode)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, crash.CrashDialog) and w.isVisible()]
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert len(boxes) == 1 and boxes[0].text().startswith("team.testimonia: the project file is damaged")
    assert boxes[0].textFormat() == Qt.TextFormat.PlainText and "Traceback" not in boxes[0].text()
    boxes[0].close()


def test_keyboard_interrupt_goes_to_the_default_hook(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = []
    monkeypatch.setattr(sys, "__excepthook__", lambda *a: seen.append(a[0]))
    assert crash.handle(KeyboardInterrupt, KeyboardInterrupt(), None) is None
    assert seen == [KeyboardInterrupt]
    assert not (config.log_dir() / crash.LOG_NAME).exists()


def test_about_says_version_licence_and_folders(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    text = dialog.body.text()
    assert "GPL-3.0-or-later" in text
    assert str(config.config_dir()) in text and str(config.log_dir()) in text
    assert dialog.body.textFormat() == Qt.TextFormat.PlainText
    assert any(__version__ in label.text() for label in dialog.findChildren(type(dialog.body)))


def test_user_guide_is_bundled_and_current(qtbot) -> None:  # type: ignore[no-untyped-def]
    bundled = ROOT / "resources" / "docs" / "USER_GUIDE.md"
    assert bundled.read_text(encoding="utf-8") == (ROOT / "docs" / "USER_GUIDE.md").read_text(encoding="utf-8"), (
        "copy docs/USER_GUIDE.md to resources/docs/USER_GUIDE.md")
    text = guide_text()
    assert text is not None and "](img/" not in text
    guide = GuideWindow()
    qtbot.addWidget(guide)
    assert guide.browser.isReadOnly() and not guide.browser.openLinks()
    assert "user guide" in guide.browser.toPlainText()


def test_help_and_settings_menu_entries(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    help_texts = [a.text() for a in window.actions_.help_menu.actions()]
    assert help_texts[0] == "User &guide"
    assert window.settings_action in window.actions_.edit_menu.actions()
    window.guide_action.trigger()
    guides = window.findChildren(GuideWindow)
    assert len(guides) == 1 and guides[0].isVisible()
    window.guide_action.trigger()
    assert len(window.findChildren(GuideWindow)) == 1  # raised again, not opened twice
    window.actions_.about.trigger()
    assert window.findChild(AboutDialog) is not None
