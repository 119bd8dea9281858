"""The fuzz targets: each feeds bytes to one importer of untrusted files, as the CLI and the app do.

A target returns normally when the input is imported or refused with the product's own error
(TestimoniaError: the one line naming the file and the problem a user sees). Anything else it
raises, and the fuzzer reports it as a crash: a traceback or an "unexpected …" line for a user.
With TESTIMONIA_FUZZ_STRICT=1, an import refused only by the importers' generic wrapper ("could
not be read (SomeError: …)") counts as a crash too, to find messages that do not say what is wrong.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from contextlib import closing, suppress
from pathlib import Path

from testimonia.core import check, merge, rawdb
from testimonia.core.errors import ImportFailed, TestimoniaError
from testimonia.core.importers import extract
from testimonia.core.interop import import_qdpx, import_w3c
from testimonia.core.received import open_received
from testimonia.core.store import Store
from testimonia.core.views import AuthorRef

from . import seeds

AUTHOR = AuthorRef("9f1e2d3c-4b5a-4697-8871-6a5b4c3d2e1f", "Fuzzer")
STRICT = os.environ.get("TESTIMONIA_FUZZ_STRICT") == "1"
Target = Callable[[bytes], None]


def preload(deep: bool = False) -> None:
    """Import what the targets run, so that the fuzzer instruments it (imports made later, inside
    a target, are not instrumented)."""
    from testimonia.core.importers import docx, html, pdf, pdf_parallel, txt  # noqa: F401
    from testimonia.core.interop import refi_import, refi_read, safe_xml, safe_zip, w3c_import  # noqa: F401
    from testimonia.core.merge import checks, concurrent  # noqa: F401

    if deep:
        import docx.oxml.parser  # noqa: F401
        import pypdf  # noqa: F401
        import trafilatura  # noqa: F401


def _allowed(exc: BaseException) -> bool:
    if not isinstance(exc, TestimoniaError):
        return False
    generic = isinstance(exc, ImportFailed) and "could not be read (" in exc.reason
    return not (STRICT and generic)


def _guarded(run: Callable[[bytes], None]) -> Target:
    def target(data: bytes) -> None:
        try:
            run(data)
        except Exception as exc:
            if not _allowed(exc):
                raise
    return target


def document(suffix: str, folder: Path) -> Target:
    """txt, html, docx, pdf: the extraction an import runs (the write after it refuses nothing new)."""
    path = folder / f"input{suffix}"

    def run(data: bytes) -> None:
        path.write_bytes(data)
        extract(path)
    return _guarded(run)


class _Project:
    """A small project the exchange imports write into; put back as it was after an import that
    wrote something, so every input meets the same project."""

    def __init__(self, folder: Path) -> None:
        self.pristine = seeds.make_project(folder)
        self.path = folder / "project.testimonia"
        self.store = self._fresh()

    def _fresh(self) -> Store:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(self.pristine, self.path)
        return Store.open(self.path)

    def reset(self) -> None:
        self.store.close()
        self.store = self._fresh()


def exchange(kind: str, folder: Path) -> Target:
    """W3C JSON or REFI-QDA .qdpx, imported into the small project."""
    project = _Project(folder)
    path = folder / ("input.jsonld" if kind == "w3c" else "input.qdpx")
    importer = import_w3c if kind == "w3c" else import_qdpx

    def run(data: bytes) -> None:
        path.write_bytes(data)
        try:
            report = importer(project.store, path, AUTHOR)
        except Exception:
            project.reset()  # a refusal writes nothing; this makes sure of it for the next input
            raise
        if report.annotations_added or report.documents_added or report.labels_added:
            project.reset()
    return _guarded(run)


def project_file(folder: Path) -> Target:
    """A received project file: `testimonia check` on it, then a merge preview into our project."""
    project = _Project(folder)
    path = folder / "received.testimonia"

    def run(data: bytes) -> None:
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.write_bytes(data)
        # check may refuse it (as the CLI does, in one line); the merge must refuse it too, in its words
        with suppress(TestimoniaError):
            _check(path)
        merge.preview(project.store, path)
    return _guarded(run)


def _check(path: Path) -> None:
    """What `testimonia check` runs: the file read as received, its header and quick_check, then
    every row (a database error there is reported by the CLI as a problem of the file)."""
    with open_received(path) as received:
        rawdb.inspect_file(path, received.uri)
        with closing(rawdb.connect_uri(received.uri)) as conn, suppress(sqlite3.DatabaseError):
            check.problems(conn)


def make(name: str) -> Target:
    folder = Path(tempfile.mkdtemp(prefix=f"testimonia-fuzz-{name}-"))
    if name in ("txt", "html", "docx", "pdf"):
        return document(f".{name}", folder)
    if name in ("w3c", "qdpx"):
        return exchange(name, folder)
    if name == "project":
        return project_file(folder)
    raise ValueError(f"no fuzz target {name!r}")


TARGETS = ("txt", "html", "docx", "pdf", "w3c", "qdpx", "project")
