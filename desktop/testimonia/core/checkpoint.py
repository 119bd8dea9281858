"""Keep the project file whole on disk: every committed change is copied from the WAL into the
main file within moments of its commit.

In WAL mode a commit only appends to PROJECT-wal; the main file catches up at a checkpoint, which
SQLite runs by itself only once the log passes 1,000 pages, and at the close of the last
connection. A researcher who copies the project to a USB stick while the app is open would send
the main file alone, without the work of the session. So after every commit the store asks this
checkpointer to run a PASSIVE checkpoint on a thread of its own: it never waits for readers or
blocks writers, and it takes the fsync off the thread that made the edit (the GUI thread, for
edits in the app). A checkpoint that a reader holds back (it may not copy frames newer than the
oldest open snapshot) is tried again shortly, until the log is all in the main file.

docs/ARCHITECTURE.md ("The project file on disk") has the options measured and the reasons.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from . import rawdb

RETRY_SECONDS = 0.05
# A checkpoint waits at most this long for the write lock SQLite takes around its own copying;
# a longer wait only means someone else is checkpointing or writing, and we retry.
BUSY_MS = 50


def checkpoint(conn: sqlite3.Connection, mode: str = "PASSIVE") -> bool:
    """One checkpoint on `conn`; True when every frame of the log is now in the main file."""
    busy, log, done = conn.execute(f"PRAGMA wal_checkpoint({mode})").fetchone()
    # (0, -1, -1): the file is not in WAL mode, so the main file is all there is.
    return busy == 0 and done >= log


class Checkpointer:
    """A daemon thread that checkpoints the project after each commit it is told about."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._wake = threading.Condition()
        self._pending = 0  # commits told about and not yet known to be in the main file
        self._stopping = False
        self._thread: threading.Thread | None = None
        self._conn: sqlite3.Connection | None = None

    def committed(self) -> None:
        """A transaction just committed: bring the main file up to date soon."""
        with self._wake:
            self._pending += 1
            if self._thread is None and not self._stopping:
                self._thread = threading.Thread(target=self._run, name="testimonia-checkpoint", daemon=True)
                self._thread.start()
            self._wake.notify_all()

    def wait(self, timeout: float) -> bool:
        """Block until every commit told about is in the main file; False on timeout."""
        deadline = time.monotonic() + timeout
        with self._wake:
            while self._pending:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._wake.wait(left)
        return True

    def checkpoint_now(self) -> bool:
        """One checkpoint on the calling thread (opening a project that has a -wal waiting)."""
        try:
            conn = self._connect()
        except sqlite3.Error:
            return False
        try:
            return checkpoint(conn)
        except sqlite3.Error:
            return False
        finally:
            conn.close()

    def close(self, timeout: float = 2.0) -> bool:
        """Stop the thread after one last checkpoint; True when the main file holds everything.

        A reader in another process may hold the last frames back; we try for `timeout` seconds
        and then leave them to whoever closes the file last (SQLite checkpoints then)."""
        with self._wake:
            thread, self._stopping = self._thread, True
            self._wake.notify_all()
        if thread is not None:
            thread.join()
        if thread is None and not self._pending:
            return True  # nothing was written through this store
        deadline = time.monotonic() + timeout
        try:
            conn = self._conn or self._connect()
        except sqlite3.Error:
            return False
        self._conn = None
        try:
            while True:
                try:
                    if checkpoint(conn):
                        with self._wake:
                            self._pending = 0
                            self._wake.notify_all()
                        return True
                except sqlite3.Error:
                    return False
                if time.monotonic() > deadline:
                    return False
                time.sleep(RETRY_SECONDS)
        finally:
            conn.close()

    def _connect(self) -> sqlite3.Connection:
        return rawdb.connect_raw(self.path, busy_timeout_ms=BUSY_MS)

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._pending and not self._stopping:
                    self._wake.wait()
                if self._stopping:
                    return
                seen = self._pending
            try:
                if self._conn is None:
                    self._conn = self._connect()
                done = checkpoint(self._conn)
            except sqlite3.Error:
                done = False  # the file is busy or going away; close() or the next commit tries again
            with self._wake:
                if done:
                    self._pending -= seen
                    self._wake.notify_all()
                    continue
                # Held back by a reader: wait a little, unless another commit or close comes first.
                self._wake.wait(RETRY_SECONDS)
