"""The checks of an incoming file (source.check_file, checks.check_rows), run beside the merge's
copy behind one object, ConcurrentChecks: on a thread, or for a large file in a process of its own.

The copy and the checks each take about as long, so on two cores running them
side by side shortens a merge. SQLite leaves the GIL while it works, yet two busy connections in
one process still slowed each other by 30-60 % (measured: the same work in two processes did not),
so a file large enough to repay starting a process (about 0.1 s, hidden behind the copy) is
checked in one. The thread then only relays: it hands the child the task and waits for its answer.
"""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import sys
import threading
import time
from contextlib import suppress
from multiprocessing.connection import Connection
from pathlib import Path

from .. import rawdb
from ..errors import Cancelled, MergeRefused, TestimoniaError
from ..messages import Message, message
from . import checks as check
from .refusal import TooLarge, explain
from .source import check_file

CACHE_KIB = -262_144  # per database (ours, the incoming one, temp): up to 256 MiB each while merging
# Below this the checks take less than starting a process costs; tests set it to 0 to run the
# process path on small hostile files.
PROCESS_MIN_BYTES = 8 * 1024 * 1024
_POLL_SECONDS = 0.05

Task = tuple[str, list[tuple[str, str, str, int]], dict[str, int]]
_FILE_OK = ("file ok",)  # the child's word that check_file passed, sent before anything else


def tune(conn: sqlite3.Connection, schema: str = "main") -> None:
    """The merge's cache settings (bench/bench_merge.py gives its bare insert the same)."""
    if schema == "main":
        conn.execute("PRAGMA temp_store=MEMORY")
    # The default 2 MB page cache thrashes on a 100 MB file; pages are only held once touched.
    conn.execute(f"PRAGMA {schema}.cache_size={CACHE_KIB}")


class ConcurrentChecks:
    """Everything that decides whether the incoming file may be merged, run on a thread (or, for
    a large file, a process: see start_child) with connections of its own while the merge writes.

    First quick_check and the file's header (check_file); then, once the merge holds the write
    lock and has planned the documents (check_rows), every incoming annotation and revision,
    compared with our project as it was before the merge. The merge commits only after
    `verdict()` returned; a refusal interrupts the merge's statements and rolls everything back.
    """

    def __init__(self, project: Path, path: Path, uri: str, child: _Child | None = None) -> None:
        self.project = project
        self.path = path
        self.uri = uri  # how to read `path` without writing to it (core/received.py)
        self.flagged: list[str] = []
        self.heads_right = False
        self.error: BaseException | None = None
        self._task: tuple[str, list[tuple[str, str, str, int]], dict[str, int], sqlite3.Connection] | None = None
        self._given = threading.Event()
        self._began: str | None = None  # see began()
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._writer: sqlite3.Connection | None = None
        self._stopped = False
        self._child = child  # see start_child
        self._thread = threading.Thread(target=self._work, name="testimonia-merge-checks", daemon=True)
        self._thread.start()

    def began(self, attached: str) -> None:
        """The merge holds the write lock: a checking process may now read our project as it was
        and compare the revisions (checks.early_revisions) while the merge checks the small tables.
        `attached`: the URI the merge ATTACHes the file by."""
        self._began = attached

    def check_rows(self, attached: str, docmap: list[tuple[str, str, str, int]], lengths: dict[str, int],
                   writer: sqlite3.Connection) -> None:
        """Start comparing and checking the rows. Call while `writer` holds the write transaction
        and before it changes anything: these checks must see our project as it was."""
        self._task = (attached, docmap, lengths, writer)
        with self._lock:
            self._writer = writer
        self._given.set()

    def release(self, writer: sqlite3.Connection) -> None:
        """`writer` is rolling back: leave it alone."""
        with self._lock:
            if self._writer is writer:
                self._writer = None

    def verdict(self) -> list[str]:
        """Wait for the checks; raise the first problem, or return the new revisions the sender had
        flagged orphaned (and set heads_right, see check.sender_heads_right)."""
        self._given.set()
        self._thread.join()
        with self._lock:
            self._writer = None
        if self.error is not None:
            raise self.error
        return self.flagged

    def abandon(self, exc: BaseException) -> BaseException:
        """The merge failed with `exc`: stop the checks and say which error to report. A problem the
        checks found explains the failure better (it may be why the merge was interrupted), except
        when the user cancelled."""
        # Cancelled, or refused for its size: nothing the checks could still find matters (the
        # quick_check of a huge file would take seconds more).
        stop = isinstance(exc, (Cancelled, KeyboardInterrupt, TooLarge))
        with self._lock:
            self._writer = None
            if stop:
                self._stopped = True
                if self._conn is not None:
                    self._conn.interrupt()
                if self._child is not None:
                    self._child.process.terminate()  # the relaying thread sees it end, and cleans up
        self._given.set()
        self._thread.join()
        if stop or self.error is None:
            return exc
        return self.error

    def _work(self) -> None:
        try:
            if self._child is not None and self._relay(self._child):
                return
            check_file(self.path, self.uri)
            self._given.wait()
            if self._task is None:
                return
            attached, docmap, lengths, _writer = self._task
            conn = rawdb.connect_raw(self.project, readonly=True)
            try:
                with self._lock:
                    if self._stopped:
                        return
                    self._conn = conn
                _open_checks(conn, attached)
                self.flagged, self.heads_right = _check_rows(conn, self.path, (attached, docmap, lengths), "thread")
            finally:
                with self._lock:
                    self._conn = None
                conn.close()
        except BaseException as exc:  # handed to the merge, which raises it
            if isinstance(exc, UnicodeDecodeError):  # what SQLite said of the file is not UTF-8
                exc = sqlite3.DatabaseError("its text is not valid UTF-8")
            self.error = explain(exc, self.project, self.path) if isinstance(exc, sqlite3.Error) else exc
            with self._lock:
                if self._writer is not None:
                    self._writer.interrupt()  # no use copying the rest of a file that is refused

    def _relay(self, child: _Child) -> bool:
        """Hand the task to the child process and take its answer; False if the child could not
        run (then the checks run here, on the thread)."""
        sent = began = file_ok = False
        try:
            while True:
                if self._stopped:
                    return True
                if sent and self._task is None and file_ok:
                    # The merge ended before its row checks and the file itself is sound: the
                    # child has nothing left to say (it may still be comparing revisions).
                    return True
                if not began and not sent and self._began is not None:
                    child.pipe.send(("begin", self._began))
                    began = True
                if not sent and self._given.is_set():
                    # No task: the merge ended before its row checks. The child still says what
                    # its file check found, which explains a failure best (see abandon).
                    task = None if self._task is None else self._task[:3]
                    child.pipe.send(task)
                    sent = True
                if child.pipe.poll(_POLL_SECONDS):
                    reply = child.pipe.recv()
                    if reply == _FILE_OK:
                        file_ok = True
                        continue
                    self.flagged, self.heads_right = _answer(reply, self.project, self.path)
                    return True
        except (EOFError, OSError, BrokenPipeError):
            # Stopped, or told there is nothing to check: done. Otherwise the child died or never
            # started (a broken frozen build): the checks run here instead.
            return self._stopped or (sent and self._task is None)
        finally:
            child.stop()


def start_child(project: Path, path: Path, uri: str) -> _Child | None:
    """For a file large enough, the process the checks will run in, started at once so that its
    start and the file's quick_check overlap the merge's own first steps; None otherwise. Pass it
    to ConcurrentChecks, or stop() it."""
    if _file_size(path) < PROCESS_MIN_BYTES:
        return None
    return _Child.start(project, path, uri)


class _Child:
    """A spawned process running `_child_main` (fork is unsafe once Qt's threads exist)."""

    def __init__(self, process: multiprocessing.process.BaseProcess, pipe: Connection) -> None:
        self.process = process
        self.pipe = pipe
        self._lock = threading.Lock()

    @classmethod
    def start(cls, project: Path, path: Path, uri: str) -> _Child | None:
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        process = context.Process(target=_child_main, args=(theirs, str(project), str(path), uri),
                                  name="testimonia-merge-checks", daemon=True)
        try:
            process.start()
        except (OSError, RuntimeError):
            ours.close()
            return None  # the thread checks instead
        theirs.close()
        return cls(process, ours)

    def stop(self) -> None:
        """End the process if it still runs and close our end of the pipe; safe to call twice."""
        with self._lock:
            if self.pipe.closed:
                return
            if self.process.is_alive():
                self.process.terminate()
            self.process.join(timeout=5)
            self.pipe.close()


def _child_main(pipe: Connection, project: str, path: str, uri: str) -> None:
    """The child's side: check the file, then (once the parent holds the write lock) compare the
    revisions while the parent plans, then the rest of the rows it is sent."""
    try:
        started = time.perf_counter()
        check_file(Path(path), uri)
        _profile("file check", started, "process")
        pipe.send(_FILE_OK)
        message = pipe.recv()  # ("begin", URI), then the task; or the task (or None) at once
        if message is None:
            return
        conn = rawdb.connect_raw(Path(project), readonly=True)
        try:
            began = message[0] == "begin"
            _open_checks(conn, message[1] if began else message[0])
            early = None
            if began:
                started = time.perf_counter()
                early = check.early_revisions(conn, Path(path))
                _profile("revisions before the plan", started, "process")
                message = pipe.recv()
                if message is None:
                    return
            reply: tuple[object, ...] = ("ok", *_check_rows(conn, Path(path), message, "process", early))
        finally:
            conn.close()
    except MergeRefused as exc:
        reply = ("refused", str(exc.path), exc.detail)  # a Message: rendered in the parent's language
    except TestimoniaError as exc:
        reply = ("error", exc.message)
    except sqlite3.Error as exc:
        reply = ("sqlite", type(exc).__name__, str(exc))
    except UnicodeDecodeError:
        reply = ("sqlite", "DatabaseError", "its text is not valid UTF-8")  # SQLite's words: explain() says it
    except (EOFError, OSError, KeyboardInterrupt):
        # The parent went away or stopped us, or Ctrl+C reached the whole process group (the
        # parent reports that one): nobody is waiting for an answer.
        return
    except Exception as exc:  # reported by the parent as its own error, with the child's words
        reply = ("error", Message("{path}: the merge checks failed ({detail})", path=path, detail=repr(exc)))
    with suppress(OSError):  # the parent may have gone meanwhile
        pipe.send(reply)


def _answer(reply: tuple, project: Path, path: Path) -> tuple[list[str], bool]:
    """The child's reply as the thread's own outcome: a result, or the error it would have raised."""
    kind, *rest = reply
    if kind == "ok":
        return rest[0], rest[1]
    if kind == "refused":
        raise MergeRefused(Path(rest[0]), rest[1])
    if kind == "sqlite":
        error_class = getattr(sqlite3, rest[0], sqlite3.DatabaseError)
        raise explain(error_class(rest[1]), project, path)
    raise TestimoniaError(message(rest[0]))


def _open_checks(conn: sqlite3.Connection, attached: str) -> None:
    tune(conn)
    conn.execute("ATTACH DATABASE ? AS incoming", (attached,))
    tune(conn, "incoming")
    conn.execute("BEGIN")


def _check_rows(conn: sqlite3.Connection, path: Path, task: Task, where: str,
                early: check.EarlyRevisions | None = None) -> tuple[list[str], bool]:
    _attached, docmap, lengths = task
    started = time.perf_counter()
    result = check.check_rows(conn, path, docmap, lengths, early)
    _profile("row checks", started, where)
    return result


def _profile(what: str, started: float, where: str) -> None:
    if os.environ.get("TESTIMONIA_MERGE_PROFILE"):
        print(f"merge profile: {what} {time.perf_counter() - started:.3f} s in their own {where}",  # not a message
              file=sys.stderr)


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # reported, with the right message, by the checks
