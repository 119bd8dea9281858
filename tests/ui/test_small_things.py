"""What a user notices first: where new projects go, export names, dates, plurals, the empty
reader, and the clear buttons of empty fields."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QToolButton

from testimonia.core import config
from testimonia.core.store import Store
from testimonia.ui import i18n, project_flow
from testimonia.ui.main_window import MainWindow
from testimonia.ui.sample_project import ensure_sample

from .conftest import select_needle


def test_a_new_project_goes_to_documents_not_the_apps_hidden_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    import platformdirs

    documents = Path(platformdirs.user_documents_dir())
    assert documents == home / "Documents"
    config.add_recent(ensure_sample())  # the first thing a new user sees, kept in the app's data folder
    assert project_flow.default_new_project_path() == documents / "Project.testimonia"
    hidden = home / ".local" / "share" / "other"
    hidden.mkdir(parents=True)
    config.add_recent(hidden / "x.testimonia")
    assert project_flow.default_new_project_path().parent == documents
    # A project the user keeps in a folder of their own: the next one goes beside it.
    own = home / "Research" / "2024"
    own.mkdir(parents=True)
    config.add_recent(own / "team.testimonia")
    assert project_flow.default_new_project_path() == own / "Project.testimonia"


def test_export_names_say_the_format_once(window) -> None:  # type: ignore[no-untyped-def]
    dialog = window.team.export_dialog()
    base = window.session.store.path.with_suffix("")
    seen = {}
    for i in range(dialog.format.count()):
        dialog.format.setCurrentIndex(i)
        seen[dialog.fmt()] = Path(dialog.path.text()).name
    assert seen == {"w3c": f"{base.name}.jsonld", "refi": f"{base.name}.qdpx", "csv": f"{base.name}.csv",
                    "xlsx": f"{base.name}.xlsx", "brat": f"{base.name}-brat", "report": f"{base.name}.html",
                    "package": f"{base.name}.zip"}
    dialog.path.setText(str(base.parent / "for-the-lawyers.csv"))  # the user's own name is kept
    dialog.format.setCurrentIndex(dialog.format.findData("xlsx"))
    assert dialog.path.text().endswith("for-the-lawyers.csv")
    dialog.close()


def test_dates_without_a_system_locale_are_iso_not_day_month_year() -> None:
    try:
        QLocale.setDefault(QLocale.c())
        shown = i18n.format_datetime("2026-12-01T22:21:00Z")
        assert shown[:4] == "2026" and shown[4] == "-" and len(shown) == len("2026-12-01 22:21")
        QLocale.setDefault(QLocale("en_GB"))
        assert "2026" in i18n.format_datetime("2026-12-01T22:21:00Z")
    finally:
        QLocale.setDefault(QLocale.system())


def test_the_status_bar_counts_in_the_singular_and_the_plural(window) -> None:  # type: ignore[no-untyped-def]
    assert window._status_counts.text() == "1 document · 0 annotations"
    store = window.session.store
    store.add_annotation(window.document.uuid, "statement", 0, 5, window.author)
    store.import_text("Second", "Another text entirely.\n", window.author)
    window.refresh_counts()
    assert window._status_counts.text() == "2 documents · 1 annotation"
    i18n.install_translators("ko")
    try:
        window.refresh_counts()
        assert window._status_counts.text() == "문서 2개 · 주석 1개"
    finally:
        i18n.install_translators("en")
        QLocale.setDefault(QLocale.system())


def test_an_empty_project_says_how_to_import(qtbot, author, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "empty.testimonia"
    Store.create(path, "Empty", author).close()
    win = MainWindow(author)
    qtbot.addWidget(win)
    assert "No project is open" in win.reader.placeholderText()
    assert win.open_project(path)
    hint = win.reader.placeholderText()
    assert "no documents yet" in hint and "File › Import documents… (Ctrl+I)" in hint and "drop" in hint
    assert win.reader.toPlainText() == ""  # a hint, not text of the project
    win.session.store.import_text("First", "A first text.\n", author)
    win.refresh_counts()
    assert "Choose a document" in win.reader.placeholderText()
    win.close()


def _clear_button_shown(button: QToolButton) -> bool:
    """Where the clear button's fade is going (or has gone): Qt fades it in and out by its opacity."""
    from PySide6.QtCore import QAbstractAnimation, QPropertyAnimation

    fading = [a for a in button.findChildren(QPropertyAnimation)
              if a.state() == QAbstractAnimation.State.Running]
    return (fading[-1].endValue() if fading else button.property("opacity")) == 1.0


def test_empty_fields_lose_their_clear_buttons_on_the_next_annotation(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    select_needle(window, "about 60 people")
    window.actions_.label_actions[1].trigger()  # figure
    first = window.selected
    window.session.store.edit_annotation(first, window.author, fields={"unit": "people"})
    window.select_annotation(first)
    unit = window.editor.field_widget("unit")
    clear = unit.findChild(QToolButton)
    assert unit.text() == "people" and _clear_button_shown(clear)
    select_needle(window, "500 to 600")
    window.actions_.label_actions[1].trigger()
    assert window.selected != first and window.editor.field_widget("unit") is unit and unit.text() == ""
    assert not _clear_button_shown(clear)
