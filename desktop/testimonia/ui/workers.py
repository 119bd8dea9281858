"""Slow work off the GUI thread: a job runs in QThreadPool, reports progress, and its result or
error comes back to the GUI thread through queued signals. A progress dialog with Cancel sits
over the window while it runs.

A job is a plain function `job(progress, cancelled) -> result` with no Qt in it, where
`progress(done, total, text)` may be called from any thread and `cancelled()` says whether the
user pressed Cancel. Tests swap ThreadedRunner for SynchronousRunner, which runs the same job
inline, so they need no waiting and no event-loop tricks.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

Progress = Callable[[int, int, str], None]
Job = Callable[[Progress, Callable[[], bool]], object]
Done = Callable[[object], None]
Failed = Callable[[BaseException], None]

log = logging.getLogger(__name__)


class Runner(Protocol):
    def start(self, title: str, job: Job, on_done: Done, on_failed: Failed, parent: QWidget | None) -> Task: ...

    def quiet(self, job: Callable[[], object], on_done: Done, on_failed: Failed) -> None: ...


class _Quiet(QObject):
    """Carries a quiet job's outcome back to the GUI thread (queued), then goes away."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, on_done: Done, on_failed: Failed) -> None:
        super().__init__()
        self._on_done, self._on_failed = on_done, on_failed
        self.finished.connect(self._done, Qt.ConnectionType.QueuedConnection)
        self.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _done(self, result: object) -> None:
        self.deleteLater()
        self._on_done(result)

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        self.deleteLater()
        self._on_failed(error)


class _QuietRunnable(QRunnable):
    def __init__(self, carrier: _Quiet, job: Callable[[], object]) -> None:
        super().__init__()
        self.carrier, self.job = carrier, job

    def run(self) -> None:
        try:
            result = self.job()
        except BaseException as exc:
            log.debug("quiet job failed", exc_info=True)
            outcome: tuple[str, object] = ("failed", exc)
        else:
            outcome = ("finished", result)
        try:
            getattr(self.carrier, outcome[0]).emit(outcome[1])
        except RuntimeError:  # the carrier went with the application (closed while this ran): no one waits
            log.debug("quiet job finished after the application closed")


class Task(QObject):
    """One running job and its progress dialog; lives in the GUI thread."""

    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, title: str, on_done: Done, on_failed: Failed, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self._on_done, self._on_failed = on_done, on_failed
        self.dialog = QProgressDialog(title, self.tr("Cancel"), 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(400)  # quick jobs never flash a dialog
        # Starts the dialog's own timer: it shows after that delay even for a job that never reports
        # (writing a copy of a large project), where it would otherwise wait for a first report.
        self.dialog.setValue(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self.progressed.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)
        self.finished.connect(self._done, Qt.ConnectionType.QueuedConnection)
        self.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self.result: object = None
        self.error: BaseException | None = None
        self.running = True

    def cancel(self) -> None:
        self._cancel.set()
        self.dialog.setLabelText(self.tr("Cancelling…"))

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def report(self, done: int, total: int, text: str = "") -> None:
        self.progressed.emit(done, total, text)  # from any thread; queued to the GUI thread

    @Slot(int, int, str)
    def _show_progress(self, done: int, total: int, text: str) -> None:
        if not self.running:
            return
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total else 0)
        if text and not self._cancel.is_set():
            self.dialog.setLabelText(text)

    @Slot(object)
    def _done(self, result: object) -> None:
        self._finish()
        self.result = result
        self._on_done(result)

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        self._finish()
        self.error = error
        self._on_failed(error)

    def _finish(self) -> None:
        self.running = False
        self.dialog.reset()
        self.dialog.hide()
        self.dialog.deleteLater()
        self.deleteLater()


class _Runnable(QRunnable):
    def __init__(self, task: Task, job: Job) -> None:
        super().__init__()
        self.task, self.job = task, job

    def run(self) -> None:
        try:
            result = self.job(self.task.report, self.task.is_cancelled)
        except BaseException as exc:  # everything goes back to the GUI thread, which decides
            log.debug("job failed", exc_info=True)
            self.task.failed.emit(exc)
        else:
            self.task.finished.emit(result)


class ThreadedRunner:
    def __init__(self, pool: QThreadPool | None = None) -> None:
        self.pool = pool or QThreadPool.globalInstance()
        self._alive: set[_Runnable] = set()

    def start(self, title: str, job: Job, on_done: Done, on_failed: Failed, parent: QWidget | None) -> Task:
        task = Task(title, on_done, on_failed, parent)
        runnable = _Runnable(task, job)
        runnable.setAutoDelete(False)
        self._alive.add(runnable)  # Python must hold it until Qt is done with it
        task.destroyed.connect(lambda *_: self._alive.discard(runnable))
        self.pool.start(runnable)
        return task

    def quiet(self, job: Callable[[], object], on_done: Done, on_failed: Failed) -> None:
        """Run a short background job with no dialog (re-reading the project after a merge)."""
        carrier = _Quiet(on_done, on_failed)
        runnable = _QuietRunnable(carrier, job)
        runnable.setAutoDelete(False)
        self._alive.add(runnable)
        carrier.destroyed.connect(lambda *_: self._alive.discard(runnable))
        self.pool.start(runnable)


class SynchronousRunner:
    """Runs the job at once on the calling thread; results are delivered before start() returns."""

    def __init__(self, cancel_after: int | None = None) -> None:
        self.cancel_after = cancel_after  # tests: press Cancel after this many progress reports
        self.reports: list[tuple[int, int, str]] = []

    def start(self, title: str, job: Job, on_done: Done, on_failed: Failed, parent: QWidget | None) -> Task:
        task = Task(title, on_done, on_failed, parent)

        def report(done: int, total: int, text: str = "") -> None:
            self.reports.append((done, total, text))
            task._show_progress(done, total, text)
            if self.cancel_after is not None and len(self.reports) >= self.cancel_after:
                task.cancel()

        try:
            result = job(report, task.is_cancelled)
        except BaseException as exc:
            task._failed(exc)
        else:
            task._done(result)
        return task

    def quiet(self, job: Callable[[], object], on_done: Done, on_failed: Failed) -> None:
        try:
            result = job()
        except BaseException as exc:
            on_failed(exc)
        else:
            on_done(result)
