"""The Korean translation: complete, compiled, loaded by the app, and fitting the window it is shown in."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QLabel, QMainWindow, QPushButton, QToolButton, QWidget

from testimonia.core import config
from testimonia.ui import i18n
from testimonia.ui.settings_dialog import SettingsDialog

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"
TS = I18N / "testimonia_ko.ts"
QM = I18N / "testimonia_ko.qm"
TOLERANCE = 2  # pixels: font metrics round differently from layout geometry


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


build = _load(I18N / "build.py", "testimonia_i18n_build")


@pytest.fixture
def english_after() -> Iterator[None]:
    yield
    i18n.install_translators("en")  # later tests expect English texts and formats
    QLocale.setDefault(QLocale.system())


# -- the catalogue ---------------------------------------------------------------------------
def test_every_message_has_a_korean_translation() -> None:
    messages = build.messages(TS)
    assert len(messages) > 150
    assert "type=\"unfinished\"" not in TS.read_text(encoding="utf-8")
    assert [k for k, v in messages.items() if v is None] == []


def test_every_string_in_the_code_is_in_the_catalogue() -> None:
    """lupdate over the code now, into a scratch file: nothing it finds may be missing from the .ts."""
    missing = build.extracted() - set(build.messages(TS))
    assert missing == set(), "run: python resources/i18n/build.py"


def test_compiled_catalogue_matches_the_source(qapp) -> None:  # type: ignore[no-untyped-def]
    """The committed .qm holds every translation of the committed .ts (not an older build)."""
    translator = QTranslator()
    assert translator.load(str(QM))
    stale = []
    for (context, source), text in build.messages(TS).items():
        got = translator.translate(context, source, None, 1 if "%n" in source else -1)
        expected = (text or "").replace("%n", "1") if "%n" in source else text
        if got.replace("%n", "1") != expected:
            stale.append((context, source))
    assert stale == [], "run: python resources/i18n/build.py"


def test_counted_texts_have_plural_forms_in_both_languages(qapp, english_after) -> None:  # type: ignore[no-untyped-def]
    """"1 conflicts" and "document(s)" never show: a text with a count is a %n / %Ln plural message,
    with the English forms in the English catalogue and the Korean one in the Korean."""
    korean = build.messages(TS)
    english = build.messages(I18N / "testimonia_en.ts")
    counted = {key for key in korean if "(s)" in key[1]}
    assert counted and all("%n" in s or "%Ln" in s for _c, s in counted)
    assert counted <= set(english) and all(english[k] for k in counted)
    i18n.install_translators("en")
    assert i18n.translate("MainWindow", "%Ln conflict(s)", "", 1) == "1 conflict"
    assert i18n.translate("MainWindow", "%Ln document(s)", "", 3000) == "3,000 documents"
    i18n.install_translators("ko")
    assert i18n.translate("MainWindow", "%Ln conflict(s)", "", 1) == "충돌 1개"
    assert i18n.translate("MainWindow", "%Ln document(s)", "", 3000) == "문서 3,000개"


def test_placeholders_survive_translation() -> None:
    import re

    for (context, source), text in build.messages(TS).items():
        want = sorted(re.findall(r"%[1-9n]", source))
        assert sorted(re.findall(r"%[1-9n]", text or "")) == want, (context, source, text)


# -- choosing the language -------------------------------------------------------------------
def test_language_setting_is_kept_and_chooses_the_catalogue(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    assert dialog.chosen() == "auto"
    dialog.language.setCurrentIndex(dialog.language.findData("ko"))
    dialog._accept()
    assert config.language() == "ko"
    assert i18n.chosen_locale().language() == QLocale.Language.Korean
    found = i18n.catalogue_for(QLocale(QLocale.Language.Korean))
    assert found is not None and found[0] == "ko"
    assert i18n.catalogue_for(QLocale(QLocale.Language.English)) is None
    assert i18n.catalogue_for(QLocale(QLocale.Language.German)) is None  # English is the fallback


def test_korean_translators_installed(qapp, english_after) -> None:  # type: ignore[no-untyped-def]
    i18n.install_translators("ko")
    names = i18n.installed_languages()
    assert "testimonia_ko.qm" in names
    assert i18n.translate("MainWindow", "Documents") == "문서"
    if any(n.startswith("qtbase_") for n in names):  # Qt's own catalogue is optional in some builds
        assert i18n.translate("QPlatformTheme", "Cancel") == "취소"
    i18n.install_translators("en")
    names = i18n.installed_languages()
    assert "testimonia_en.qm" in names and "testimonia_ko.qm" not in names  # English plural forms only
    assert i18n.translate("MainWindow", "Documents") == "Documents"


def test_dates_and_counts_follow_the_locale(english_after) -> None:  # type: ignore[no-untyped-def]
    QLocale.setDefault(QLocale("ko_KR"))
    shown = i18n.format_datetime("2024-05-01T03:04:05Z")
    assert "2024-05-01" not in shown and ("오전" in shown or "오후" in shown)
    assert i18n.format_count(1234567) == "1,234,567"
    QLocale.setDefault(QLocale("de_DE"))
    assert i18n.format_count(1234567) == "1.234.567"
    assert i18n.format_datetime("not a date") == "not a date"


def test_arg_fills_placeholders_once() -> None:
    assert i18n.arg("%1 of %2", "a%2", "b") == "a%2 of b"
    assert i18n.arg("%1 and %3", "x") == "x and %3"
    assert i18n.button_text("프로젝트 열기(&O)…") == "프로젝트 열기"
    assert i18n.button_text("&Open project…") == "Open project"


# -- the Korean window -----------------------------------------------------------------------
def _shown_text(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QLabel | QAbstractButton) else ""
    return i18n.button_text(text) if isinstance(widget, QAbstractButton) else text


def _clipped(win: QMainWindow) -> tuple[int, list[str]]:
    """(how many texts were measured, the ones that do not fit)."""
    out, checked = [], 0
    for widget in win.findChildren(QWidget):
        if not widget.isVisibleTo(win) or not isinstance(widget, QLabel | QPushButton | QCheckBox | QToolButton):
            continue
        text = _shown_text(widget)
        if not text or (isinstance(widget, QLabel) and widget.wordWrap()):
            continue  # wrapped labels grow downwards instead
        if isinstance(widget, QToolButton) and widget.toolButtonStyle() == widget.toolButtonStyle().ToolButtonIconOnly:
            continue
        checked += 1
        needed = max(widget.fontMetrics().horizontalAdvance(line) for line in text.split("\n"))
        room = widget.contentsRect().width()
        if isinstance(widget, QAbstractButton):
            room = widget.width()
        if needed > room + TOLERANCE:
            out.append(f"{type(widget).__name__} {widget.objectName() or ''} {text!r}: needs {needed}, has {room}")
    return checked, out


@pytest.fixture
def korean_window(qtbot, english_after) -> Iterator[QMainWindow]:  # type: ignore[no-untyped-def]
    shoot = _load(ROOT / "docs" / "img" / "shoot_main_window_ko.py", "testimonia_shoot_ko")
    win = shoot.korean_window()
    qtbot.addWidget(win)
    qtbot.waitExposed(win)
    yield win
    win.close()


def test_korean_window_has_no_clipped_text(korean_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = korean_window
    assert win.actions_.file_menu.title() == "파일(&F)"
    assert "문서" in win._status_counts.text()
    assert "작성:" in win.editor.info.text()
    toolbar = win.actions_.toolbar
    for act in toolbar.actions():
        if act.isSeparator():
            continue
        button = toolbar.widgetForAction(act)
        assert button is not None and button.isVisibleTo(win), f"toolbar overflows: {act.iconText()!r} hidden"
        assert "(" not in button.text(), f"mnemonic left on a toolbar button: {button.text()!r}"
    checked, clipped = _clipped(win)
    assert checked >= 20  # toolbar, field labels, filters, status bar, editor buttons
    assert clipped == []


def test_korean_team_docks_have_no_clipped_text(korean_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The evidence table and conflicts docks (bottom area) squeeze the window the most."""
    win = korean_window
    win.team.show_evidence.trigger()
    win.team.show_conflicts.trigger()
    qtbot.wait(50)
    assert win.team.evidence_table().isVisibleTo(win) and win.team.conflicts_view().isVisibleTo(win)
    checked, clipped = _clipped(win)
    assert checked >= 25
    assert clipped == []


def test_core_messages_show_in_korean_in_the_korean_window(window, tmp_path, english_after) -> None:  # type: ignore[no-untyped-def]
    from testimonia.core.messages_ko import KO

    i18n.install_translators("ko")
    article = tmp_path / "returns.txt"
    article.write_text("Forced returns resumed at the river crossing, witnesses said.\n", encoding="utf-8")
    window.import_paths([article])
    window.import_paths([article])  # the same file again: refused, with the core's reason
    text = window.last_message.text()
    assert str(article) in text
    assert KO["already in the project as “{title}” ({uuid})"].split("“")[0] in text
    assert "already in the project" not in text
    i18n.install_translators("en")
    window.import_paths([article])
    assert "already in the project as" in window.last_message.text()
