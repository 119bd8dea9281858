"""Syncs in a process of their own, for the desktop app.

A pull of 200k revisions makes millions of Python objects; converting, sorting and freeing them
holds the GIL for tens to hundreds of milliseconds at a time, and the window's thread, which needs
the GIL for every event, stood still up to 1.4 s (bench_server). In a separate process the sync
shares only the CPU with the window. One process is started on the first sync and kept for the
session (its imports cost about half a second); the project is opened by path there, so the
window's own connection sees the result through SQLite as after any other writer.
"""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..views import AuthorRef
from .local_state import Remote

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None


def _run(path: str, remote: Remote, author: AuthorRef, password: str | None) -> object:
    from ..store import Store
    from . import sync

    with Store.open(Path(path)) as store:
        return sync.sync(store, remote, author, prompt=(lambda _server: password))


def sync_in_process(path: Path, remote: Remote, author: AuthorRef, password: str | None) -> object:
    """sync.sync(...) in the session's sync process; its result or its error comes back here."""
    global _pool
    with _lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        pool = _pool
    try:
        return pool.submit(_run, str(path), remote, author, password).result()
    except BaseException as exc:
        from concurrent.futures.process import BrokenProcessPool

        if isinstance(exc, BrokenProcessPool):  # the process died (killed): start a new one next time
            shutdown()
        raise


def shutdown() -> None:
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)
