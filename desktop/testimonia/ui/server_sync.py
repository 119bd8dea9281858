"""The window's team-server sync: File › Team server…, File › Sync now (Ctrl+Alt+S), a status-bar
indicator (synced / syncing / offline / N waiting to push), and live updates.

Every sync runs in a worker (the window's runner), never on the GUI thread; what it pulled is
merged by core.merge on the merge's own connection, then the window re-reads the project in a
worker too (refresh_all). Teammates' work arrives within seconds: a thread LISTENs on the server
project's channel (a push NOTIFYs it) and asks for a sync; a poll every POLL_SECONDS is the
fallback when notifications are lost (a proxy, a dropped connection). Local edits are pushed a few
seconds after they stop.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence

from testimonia.core.server.local_state import Remote

from . import icons
from .i18n import arg
from .plain import plain_label

if TYPE_CHECKING:
    from testimonia.core.server.sync import SyncResult

    from .session import Session
    from .shell import Shell

log = logging.getLogger(__name__)
POLL_SECONDS = 30
PUSH_DELAY_MS = 3000
HINT_DELAY_MS = 300
SYNC_SHORTCUT = "Ctrl+Alt+S"


class ServerSync(QObject):
    status_changed = Signal(str)
    _hint = Signal()  # from the LISTEN thread: someone pushed

    def __init__(self, win: Shell, *, live: bool = True, in_process: bool = True) -> None:
        super().__init__(win)
        self.win = win
        self.live = live
        # Syncs run in a process of their own (core/server/worker.py): a large pull's Python work
        # would otherwise hold the GIL the window's thread needs. Tests may keep them in a thread.
        self.in_process = in_process
        self.remote: Remote | None = None
        self.password: str | None = None  # in memory only, for this session
        self.state = "none"
        self.running = False
        self._again = False
        self._session: Session | None = None
        self._listener: _Listener | None = None
        self.last: SyncResult | None = None
        self.connect_action = QAction(self.tr("&Team server…"), win)
        self.connect_action.setStatusTip(self.tr("Sync this project with your team's server"))
        icons.apply(self.connect_action, "fa5s.server")
        self.connect_action.triggered.connect(self.connect_dialog)
        self.sync_action = QAction(self.tr("S&ync now"), win)
        self.sync_action.setShortcut(QKeySequence(SYNC_SHORTCUT))
        self.sync_action.setStatusTip(self.tr("Send your work to the team server and bring in your teammates'"))
        icons.apply(self.sync_action, "fa5s.sync")
        self.sync_action.triggered.connect(self.sync_now)
        self.sync_action.setEnabled(False)
        win.add_file_action(self.connect_action)
        win.add_file_action(self.sync_action)
        self.indicator = plain_label(wrap=False)
        self.indicator.setObjectName("serverStatus")
        win.add_status_widget(self.indicator)
        self.indicator.hide()
        self.poll = QTimer(self)
        self.poll.setInterval(POLL_SECONDS * 1000)
        self.poll.timeout.connect(self.sync_now)
        self.push_soon = QTimer(self, singleShot=True)
        self.push_soon.setInterval(PUSH_DELAY_MS)
        self.push_soon.timeout.connect(self.sync_now)
        self.hint_soon = QTimer(self, singleShot=True)
        self.hint_soon.setInterval(HINT_DELAY_MS)
        self.hint_soon.timeout.connect(self.sync_now)
        self._hint.connect(self.hint_soon.start, Qt.ConnectionType.QueuedConnection)
        win.session_opened.connect(self._session_opened)

    # -- project and connection ----------------------------------------------------------------
    def _session_opened(self, session: Session | None) -> None:
        self._stop_live()
        if self._session is not None:
            with contextlib.suppress(RuntimeError, TypeError):  # the session may be gone already
                self._session.annotation_changed.disconnect(self._edited)
        self._session = session
        self.remote = None
        self.sync_action.setEnabled(False)
        if session is None:
            self._set_state("none")
            return
        session.annotation_changed.connect(self._edited)
        store = session.store

        def remembered() -> Remote | None:
            from testimonia.core.server import local_state

            with store._read() as conn:
                return local_state.remembered(conn)

        self.win.runner.quiet(remembered, lambda r: self._use(r, session), lambda _e: None)  # type: ignore[arg-type]

    def _use(self, remote: Remote | None, session: Session) -> None:
        if session is not self._session or remote is None:
            return
        self.remote = remote
        self.sync_action.setEnabled(True)
        self._set_state("idle")
        self.sync_now()
        self._start_live()

    def connect_dialog(self) -> object:
        from .server_dialog import ServerDialog

        if self.win.session is None:
            self.win.show_status(self.tr("Open or create a project first"))
            return None
        dialog = ServerDialog(self.win, self.remote)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.connect_to(*dialog.values()))
        dialog.open()
        return dialog

    def connect_to(self, url: str, project: str | None, password: str | None = None) -> None:
        """Use this server from now on (remembered in the project file, without the password)."""
        session = self.win.session
        if session is None:
            return
        self.password = password
        store = session.store

        def job() -> Remote:
            from testimonia.core.server.remote import resolve_remote

            return resolve_remote(store, url, project, None, prompt=self._prompt)

        self._set_state("syncing")
        self.win.runner.quiet(job, lambda r: self._connected(r, session), self._failed)  # type: ignore[arg-type]

    def _connected(self, remote: Remote, session: Session) -> None:
        if session is not self._session:
            return
        self._stop_live()
        self.remote = remote
        self.sync_action.setEnabled(True)
        self.sync_now()
        self._start_live()

    def _prompt(self, _server: str) -> str | None:
        return self.password

    # -- syncing -------------------------------------------------------------------------------
    def sync_now(self) -> None:
        session = self.win.session
        if session is None or self.remote is None:
            return
        if self.running:
            self._again = True  # one more once this one ends: it may have missed what just arrived
            return
        self.running = True
        self._set_state("syncing")
        store, author, remote, password = session.store, session.author, self.remote, self.password
        in_process = self.in_process

        def job() -> SyncResult:
            from testimonia.core.server import sync, worker

            if in_process:
                return worker.sync_in_process(store.path, remote, author, password)  # type: ignore[return-value]
            return sync.sync(store, remote, author, prompt=self._prompt)

        self.win.runner.quiet(job, lambda r: self._done(r, session), self._failed)  # type: ignore[arg-type]

    def _done(self, result: SyncResult, session: Session) -> None:
        self.running = False
        self.last = result
        if session is not self._session:
            return
        report = result.merge
        if report is not None and report.changes_anything:
            self.win.refresh_all()
        waiting = result.waiting
        self._set_state("waiting" if waiting else "synced", waiting)
        if result.pulled_total and report is not None and report.conflicts_created:
            self.win.show_status(arg(self.tr("Team server: new conflicts to look at: %1"),
                                     str(report.conflicts_created)))
        if not self.poll.isActive():
            self.poll.start()
        self._run_again()

    def _failed(self, error: BaseException) -> None:
        from testimonia.core.errors import TestimoniaError
        from testimonia.core.server.connection import ServerOffline

        self.running = False
        if isinstance(error, ServerOffline):
            self._set_state("offline")
        elif isinstance(error, TestimoniaError):
            self._set_state("failed")
            self.win.show_status(str(error))
        else:
            self._set_state("failed")
            log.error("team server sync failed", exc_info=error)
        if not self.poll.isActive() and self.remote is not None:
            self.poll.start()  # offline: try again later
        self._run_again()

    def _run_again(self) -> None:
        if self._again:
            self._again = False
            self.sync_now()

    def _edited(self, *_: object) -> None:
        session = self.win.session
        if self.remote is None or session is None:
            return
        if self.state != "offline":
            self.push_soon.start()
        store, remote = session.store, self.remote

        def count() -> int | None:
            from testimonia.core.server import sync

            return sync.waiting(store, remote)

        self.win.runner.quiet(count, lambda n: self._waiting(n, session), lambda _e: None)  # type: ignore[arg-type]

    def _waiting(self, count: int | None, session: Session) -> None:
        if session is self._session and not self.running and self.state in ("synced", "idle", "waiting", "offline"):
            if self.state == "offline":
                return  # "offline" says it: the work waits until the server is back
            self._set_state("waiting", count)

    # -- the indicator -------------------------------------------------------------------------
    def _set_state(self, state: str, waiting: int | None = None) -> None:
        self.state = state
        texts = {
            "synced": self.tr("Team server: synced"),
            "syncing": self.tr("Team server: syncing…"),
            "offline": self.tr("Team server: offline (your work is kept and sent later)"),
            "failed": self.tr("Team server: sync failed"),
            "idle": self.tr("Team server: connected"),
        }
        if state == "waiting":
            text = (arg(self.tr("Team server: %1 waiting to push"), str(waiting)) if waiting
                    else self.tr("Team server: changes waiting to push"))
        else:
            text = texts.get(state, "")
        self.indicator.setText(text)
        self.indicator.setVisible(bool(text))
        self.status_changed.emit(state)

    # -- live updates ------------------------------------------------------------------------------
    def _start_live(self) -> None:
        if not self.live or self.remote is None or self._listener is not None:
            return
        self._listener = _Listener(self.remote, self._hint.emit, self._prompt)
        self._listener.start()

    def _stop_live(self) -> None:
        self.poll.stop()
        if self._listener is not None:
            self._listener.stop()
            self._listener = None

    @Slot()
    def shutdown(self) -> None:
        from testimonia.core.server import worker

        self._stop_live()
        worker.shutdown()


class _Listener(threading.Thread):
    """LISTEN on the server project's channel; every notification is a hint to sync. Reconnects
    quietly after a failure (the poll covers the gap)."""

    def __init__(self, remote: Remote, hint: object, prompt: object) -> None:
        super().__init__(name="testimonia-server-listen", daemon=True)
        self.remote, self.hint, self.prompt = remote, hint, prompt
        self._stop = threading.Event()

    def stop(self) -> None:
        self._stop.set()

    def run(self) -> None:
        from testimonia.core.server.listen import listen

        while not self._stop.is_set():
            try:
                listen(self.remote, self.hint, self._stop.is_set, prompt=self.prompt)  # type: ignore[arg-type]
            except Exception:  # offline, or the server went away: wait, then try again
                log.debug("team server listener stopped", exc_info=True)
            self._stop.wait(POLL_SECONDS)


def _stop_worker() -> None:
    # Not imported means no sync process was ever started; importing it now could be at interpreter
    # exit (the window destroyed last), where concurrent.futures can no longer register its hook.
    worker = sys.modules.get("testimonia.core.server.worker")
    if worker is not None:
        worker.shutdown()


def install(win: Shell, *, live: bool = True) -> ServerSync:
    ss = ServerSync(win, live=live)
    ss.destroyed.connect(_stop_worker)  # the window closes: the sync process goes with it
    return ss
