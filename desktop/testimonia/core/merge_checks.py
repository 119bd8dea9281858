"""The checks of an incoming file, run on a thread and connection of their own while the merge copies.

Split from merge.py: the copy and the checks each take about as long, and SQLite releases the GIL
while it works, so on two cores running them side by side shortens a merge by about a third.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import threading
import time
from pathlib import Path

from . import db
from . import merge_validate as check
from .errors import Cancelled, TestimoniaError

CACHE_KIB = -262_144  # per database (ours, the incoming one, temp): up to 256 MiB each while merging


def tune(conn: sqlite3.Connection, schema: str = "main") -> None:
    """The merge's cache settings (bench/bench_merge.py gives its bare insert the same)."""
    if schema == "main":
        conn.execute("PRAGMA temp_store=MEMORY")
    # The default 2 MB page cache thrashes on a 100 MB file; pages are only held once touched.
    conn.execute(f"PRAGMA {schema}.cache_size={CACHE_KIB}")


class ConcurrentChecks:
    """Everything that decides whether the incoming file may be merged, run on a thread and
    connections of its own while the merge writes (SQLite leaves the GIL while it works).

    First quick_check and the file's header (check_file); then, once the merge holds the write
    lock and has planned the documents (check_rows), every incoming annotation and revision,
    compared with our project as it was before the merge. The merge commits only after
    `verdict()` returned; a refusal interrupts the merge's statements and rolls everything back.
    """

    def __init__(self, project: Path, path: Path) -> None:
        self.project = project
        self.path = path
        self.flagged: list[str] = []
        self.heads_right = False
        self.error: BaseException | None = None
        self._task: tuple[Path, list[tuple[str, str, str, int]], dict[str, int], sqlite3.Connection] | None = None
        self._given = threading.Event()
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._writer: sqlite3.Connection | None = None
        self._stopped = False
        self._thread = threading.Thread(target=self._work, name="testimonia-merge-checks", daemon=True)
        self._thread.start()

    def check_rows(self, attached: Path, docmap: list[tuple[str, str, str, int]], lengths: dict[str, int],
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
        with self._lock:
            self._writer = None
            if isinstance(exc, (Cancelled, KeyboardInterrupt)):
                self._stopped = True
                if self._conn is not None:
                    self._conn.interrupt()
        self._given.set()
        self._thread.join()
        if isinstance(exc, (Cancelled, KeyboardInterrupt)) or self.error is None:
            return exc
        return self.error

    def _work(self) -> None:
        try:
            check.check_file(self.path)
            self._given.wait()
            if self._task is None:
                return
            attached, docmap, lengths, _writer = self._task
            conn = db.connect_raw(self.project, readonly=True)
            try:
                with self._lock:
                    if self._stopped:
                        return
                    self._conn = conn
                tune(conn)
                conn.execute("ATTACH DATABASE ? AS incoming", (f"{attached.resolve().as_uri()}?mode=ro",))
                tune(conn, "incoming")
                conn.execute("BEGIN")
                started = time.perf_counter()
                self.flagged, self.heads_right = check.check_rows(conn, self.path, docmap, lengths)
                if os.environ.get("TESTIMONIA_MERGE_PROFILE"):
                    print(f"merge profile: row checks {time.perf_counter() - started:.3f} s on their own thread",
                          file=sys.stderr)
            finally:
                with self._lock:
                    self._conn = None
                conn.close()
        except BaseException as exc:  # handed to the merge, which raises it
            self.error = explain(exc, self.project, self.path) if isinstance(exc, sqlite3.Error) else exc
            with self._lock:
                if self._writer is not None:
                    self._writer.interrupt()  # no use copying the rest of a file that is refused


def explain(exc: sqlite3.Error, ours: Path, path: Path) -> TestimoniaError:
    """A database error during a merge, as a message for the user."""
    text = str(exc)
    if any(word in text for word in ("locked", "busy", "full", "readonly", "disk I/O")):
        return TestimoniaError(f"{ours}: the merge could not be written ({text}); the project is unchanged")
    if isinstance(exc, sqlite3.IntegrityError):
        return check.refuse(path, f"it holds duplicate or inconsistent rows ({text})")
    return check.refuse(path, f"it could not be read ({text})")
