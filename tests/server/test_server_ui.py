"""The window's team server: connect, sync now, the indicator, offline, live hints (LISTEN)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import threading
import time
from pathlib import Path

import pytest

from testimonia.core import labels
from testimonia.core.server import sync
from testimonia.core.server.listen import listen
from testimonia.core.store import Store
from testimonia.ui.main_window import MainWindow
from testimonia.ui.server_sync import SYNC_SHORTCUT
from testimonia.ui.workers import SynchronousRunner

from .conftest import ANNA, BEN, new_project


@pytest.fixture
def window(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    from testimonia.ui import i18n

    i18n.install_translators("en")
    store, doc = new_project(tmp_path / "mine.testimonia", BEN)
    store.add_annotation(doc, labels.FIGURE, 0, 5, BEN)
    store.close()
    win = MainWindow(BEN, runner=SynchronousRunner())
    qtbot.addWidget(win)
    win.server_sync.live = False  # the listener has its own test below
    assert win.open_project(tmp_path / "mine.testimonia")
    yield win
    win.close()


def test_connect_sync_and_the_indicator(team, window, tmp_path: Path) -> None:
    ss = window.server_sync
    assert ss.sync_action.shortcut().toString() == SYNC_SHORTCUT and not ss.sync_action.isEnabled()
    assert any(a is ss.connect_action for a in window.file_menu.actions())
    ss.connect_to(team.url("ben"), None)  # the only project Ben belongs to
    assert ss.state == "synced" and ss.indicator.text() == "Team server: synced"
    assert ss.last is not None and ss.last.pushed["h_revision"] == 1
    # A teammate pushes; the next sync (a hint or the poll) brings it into the window.
    a, doc = new_project(tmp_path / "a.testimonia")
    a.add_annotation(doc, labels.OBLIGATION, 10, 30, ANNA)
    sync.sync(a, team.remote("anna"), ANNA)
    a.close()
    ss.sync_action.trigger()
    assert ss.state == "synced" and ss.last.pulled["h_revision"] == 1
    assert len(window.session.store.annotations()) == 2
    # A local edit waits to be pushed, then goes.
    view = window.session.store.annotations()[0]
    window.session.store.edit_annotation(view.uuid, BEN, note="edited")
    ss._edited()
    # Every kind a push sends counts: the edit, and what the pull's merge made of Anna's copy of the
    # same text (her document is now an alias of ours, and ours took her newer title).
    # Every kind a push sends counts: the edit, and what the pull's merge made of Anna's copy of the
    # same text (her document is now an alias of ours; ours may have taken her newer title).
    with window.session.store._read() as conn:
        key = str(conn.execute("SELECT server_key FROM server_sync WHERE key = 'remote_json'").fetchone()[0])
        pending = sync.pending(conn, key)
    assert pending.get("h_revision") == 1 and pending.get("h_document_alias") == 1
    n = sum(pending.values())
    assert ss.state == "waiting" and ss.indicator.text() == f"Team server: {n} waiting to push"
    ss.sync_now()
    assert ss.state == "synced" and ss.last.pushed_changes == n and ss.last.pushed["h_revision"] == 1
    assert sync.waiting(window.session.store, ss.remote) == 0


def test_the_server_is_remembered_and_offline_is_shown(team, window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ss = window.server_sync
    ss.connect_to(team.url("ben"), "co")
    path = window.session.store.path
    window.close_project()
    assert ss.state == "none" and not ss.indicator.isVisible()
    assert window.open_project(path)
    assert ss.remote is not None and ss.remote.project == "co" and ss.state == "synced"
    ss.remote = type(ss.remote)("postgresql://ben@127.0.0.1:1/none", "co")
    ss.sync_now()
    assert ss.state == "offline" and "offline" in ss.indicator.text()
    assert ss.poll.isActive()  # it tries again later


def test_listen_hints_when_a_teammate_pushes(team, tmp_path: Path) -> None:
    hints: list[float] = []
    stop = threading.Event()
    t = threading.Thread(target=listen, args=(team.remote("ben"), lambda: hints.append(time.monotonic()),
                                              stop.is_set), kwargs={"wait": 0.2}, daemon=True)
    t.start()
    time.sleep(0.5)
    a, doc = new_project(tmp_path / "a.testimonia")
    a.add_annotation(doc, labels.FIGURE, 0, 5, ANNA)
    sent = time.monotonic()
    sync.sync(a, team.remote("anna"), ANNA)
    a.close()
    deadline = time.monotonic() + 10
    while not hints and time.monotonic() < deadline:
        time.sleep(0.05)
    stop.set()
    t.join(5)
    assert hints and hints[0] >= sent


def test_sync_never_runs_on_the_gui_thread(team, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from testimonia.ui.workers import ThreadedRunner

    store, _doc = new_project(tmp_path / "t.testimonia", BEN)
    store.close()
    win = MainWindow(BEN, runner=ThreadedRunner())
    qtbot.addWidget(win)
    win.server_sync.live = False
    win.server_sync.in_process = False  # the spy below sees calls in this process only
    assert win.open_project(tmp_path / "t.testimonia")
    seen: list[str] = []
    original = sync.sync

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(threading.current_thread().name)
        return original(*args, **kwargs)

    sync.sync = spy  # type: ignore[assignment]
    try:
        win.server_sync.connect_to(team.url("ben"), "co")
        qtbot.waitUntil(lambda: win.server_sync.state == "synced", timeout=20_000)
    finally:
        sync.sync = original  # type: ignore[assignment]
    assert seen and threading.main_thread().name not in seen
    win.close()


def test_the_app_syncs_in_a_process_of_its_own(team, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A large pull's Python work would hold the GIL the window needs: the app's syncs run in a
    separate process, and the window sees what it merged."""
    from testimonia.core.server import worker
    from testimonia.ui.workers import ThreadedRunner

    a, doc = new_project(tmp_path / "a.testimonia")
    a.add_annotation(doc, labels.FIGURE, 0, 5, ANNA)
    sync.sync(a, team.remote("anna"), ANNA)
    a.close()
    Store.create(tmp_path / "t.testimonia", "Ben's", BEN).close()
    win = MainWindow(BEN, runner=ThreadedRunner())
    qtbot.addWidget(win)
    win.server_sync.live = False
    assert win.server_sync.in_process
    assert win.open_project(tmp_path / "t.testimonia")
    win.server_sync.connect_to(team.url("ben"), "co")
    qtbot.waitUntil(lambda: win.server_sync.state == "synced", timeout=60_000)
    assert worker._pool is not None  # the session's sync process
    assert win.server_sync.last.pulled["h_revision"] == 1
    assert len(win.session.store.annotations()) == 1
    win.close()
    worker.shutdown()
