"""refresh_all reads in a worker and the window applies what it read; imports save in the worker."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QApplication

from testimonia.ui.main_window import MainWindow
from testimonia.ui.workers import ThreadedRunner


def _wait_refreshed(win: MainWindow, limit: float = 10.0) -> None:
    # Plain processEvents, not qtbot.waitSignal: after test_app_main_returns_exit_code has run
    # QApplication.exec() and quit, nested event loops in this process return at once.
    end = time.monotonic() + limit
    while win.refreshing:
        QApplication.processEvents()
        time.sleep(0.002)
        assert time.monotonic() < end, "refresh_all never finished"


def test_threaded_refresh_applies_new_spans_and_keeps_the_text(qtbot, author, project) -> None:
    win = MainWindow(author, runner=ThreadedRunner())
    qtbot.addWidget(win)
    win.show()
    assert win.open_project(project)
    store, doc = win.session.store, win.document.uuid
    text = win.reader.text
    # Written behind the window's back, as a merge does.
    view = store.add_annotation(doc, "statement", 0, 5, author)
    label = store.add_label("Witness", "#336699", author)
    win.refresh_all()
    assert win.refreshing
    _wait_refreshed(win)
    assert win.reader.text == text and win.document.uuid == doc
    assert view.uuid in win.reader.index and win.annotations.has(view.uuid)
    assert any(lb.uuid == label.uuid for lb in win.labels)
    # The list's counts are read off the GUI thread after its rows: they follow shortly.
    qtbot.waitUntil(lambda: win.documents.model.info(doc).counts == {"statement": 1}, timeout=5000)
    win.close()


def test_a_change_while_reading_is_read_again(qtbot, author, project) -> None:
    win = MainWindow(author, runner=ThreadedRunner())
    qtbot.addWidget(win)
    assert win.open_project(project)
    doc = win.document.uuid
    win.refresh_all()
    view = win.session.add_annotation(doc, win.labels[0].uuid, 0, 5)  # through the session: counted
    _wait_refreshed(win)
    assert view.uuid in win.reader.index and win.annotations.has(view.uuid)
    win.close()


def test_refresh_of_a_project_closed_meanwhile_is_dropped(qtbot, author, project, tmp_path) -> None:
    from testimonia.core.store import Store

    other = tmp_path / "other.testimonia"
    Store.create(other, "Other", author).close()
    win = MainWindow(author, runner=ThreadedRunner())
    qtbot.addWidget(win)
    assert win.open_project(project)
    win.refresh_all()
    assert win.open_project(other)
    _wait_refreshed(win)
    assert win.document is None and win.session.store.path == other
    win.close()
