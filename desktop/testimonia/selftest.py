"""`testimonia --self-test`: prove that this installation (a source checkout, a wheel or a frozen bundle)
can do the things a researcher relies on, without a display and without touching the user's files.

Each check runs the same code the app runs: the undo commands the GUI pushes, the team merge, the
CSV export and the PDF import with its worker processes (which are what break first when freezing).
It prints one line per check and stops at the first failure, because later checks build on earlier
ones. Exit code 0 only when every check passed.
"""

from __future__ import annotations

import csv
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from itertools import pairwise
from pathlib import Path
from typing import Any, TextIO

from testimonia.core import config
from testimonia.core.ids import name_uuid
from testimonia.core.views import AuthorRef

PDF_PAGES = 60  # above importers.pdf.PARALLEL_MIN_PAGES, so the worker processes start
SPEAKER = "박미란"  # Hangul in a field and the note: what a wrong encoding anywhere would mangle
NOTE = "가족 면담에서 확인한 진술"
OTHER_NOTE = "두 번째 조사자의 주석"


class CheckFailed(Exception):
    pass


def expect(condition: object, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


@dataclass
class Context:
    tmp: Path
    author: AuthorRef = field(default_factory=lambda: AuthorRef(name_uuid("author", "Self-test"), "Self-test"))
    other: AuthorRef = field(default_factory=lambda: AuthorRef(name_uuid("author", "Park Ji-woo"), "Park Ji-woo"))
    app: Any = None
    store: Any = None
    session: Any = None
    path: Path = Path()
    other_path: Path = Path()
    uuid: str = ""
    created: Any = None


def check_qt(ctx: Context) -> str:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtGui import QIcon

    from testimonia import resources
    from testimonia.app import make_application
    from testimonia.ui.icons import icon

    ctx.app = make_application([])
    # The SVG app icon needs Qt's svg image plugin and the toolbar glyphs need qtawesome's fonts:
    # both are data files a bundle can silently leave out.
    path = resources.app_icon_path()
    expect(path is not None, "the application icon is missing from the resources")
    expect(not QIcon(str(path)).pixmap(48, 48).isNull(), f"Qt cannot draw {path} (image plugins missing?)")
    expect(not icon("fa5s.times").pixmap(16, 16).isNull(), "qtawesome cannot draw its icons (fonts missing?)")
    return f"Qt {pyside_version}, platform {ctx.app.platformName()}"


def check_sample(ctx: Context) -> str:
    from testimonia.core.store import Store
    from testimonia.ui.sample_project import SAMPLE_FILE, build_sample

    ctx.path = build_sample(ctx.tmp / SAMPLE_FILE)
    # The teammate's copy starts from the same file, as when a project is handed round on a USB stick.
    ctx.other_path = ctx.tmp / "colleague.testimonia"
    with sqlite3.connect(ctx.path) as src, sqlite3.connect(ctx.other_path) as dst:
        src.backup(dst)
    ctx.store = Store.open(ctx.path)
    docs, anns = len(ctx.store.documents()), len(ctx.store.annotations())
    expect(docs >= 3 and anns >= 3, f"the sample has {docs} documents and {anns} annotations")
    return f"{docs} documents, {anns} annotations"


def check_window(ctx: Context) -> str:
    from testimonia.ui.main_window import MainWindow

    window = MainWindow(ctx.author)
    try:
        expect(window.open_project(ctx.path), "the main window could not open the sample project")
        expect(window.document is not None, "the main window opened no document")
        title = window.document.title if window.document else ""
    finally:
        window.close_project()
        window.deleteLater()
        ctx.app.processEvents()
    return f"showed “{title[:40]}”"


def check_create(ctx: Context) -> str:
    from testimonia.ui.commands import CreateAnnotation, push
    from testimonia.ui.session import Session

    store = ctx.store
    ctx.session = Session(store, ctx.author)
    doc = store.documents()[0]
    text = store.document_text(doc.uuid)
    end = min(text.find("\n") if "\n" in text else len(text), 60)
    label = next(lb for lb in store.labels() if lb.kind == "statement")
    before = len(store.annotations())
    view = push(ctx.session, CreateAnnotation(ctx.session, doc.uuid, label, 0, end,
                                              {"speaker": SPEAKER, "mode": "direct"}, NOTE))
    ctx.uuid = view.uuid
    ctx.created = store.annotation(view.uuid)
    expect(len(store.annotations()) == before + 1, "the annotation count did not grow by one")
    expect(ctx.created.exact == text[:end], "the stored quote is not the selected text")
    expect(ctx.created.fields.get("speaker") == SPEAKER and ctx.created.note == NOTE, "Hangul did not round-trip")
    expect(ctx.session.undo_stack.count() == 1, "the creation is not on the undo stack")
    return f"statement on “{text[:end][:30]}”"


def check_edit(ctx: Context) -> str:
    from testimonia.ui.commands import EditAnnotation, push
    from testimonia.ui.session import content_of

    before = ctx.store.annotation(ctx.uuid)
    after = replace(content_of(before), fields={**before.fields, "speaker_role": "sister"}, note=NOTE + " (수정)")
    push(ctx.session, EditAnnotation(ctx.session, before, after, "Edit fields"))
    now = ctx.store.annotation(ctx.uuid)
    expect(now.fields.get("speaker_role") == "sister" and now.note.endswith("(수정)"), "the edit was not stored")
    expect(len(ctx.store.revisions(ctx.uuid)) == 2, "the edit did not append exactly one revision")
    return "speaker_role and note changed"


def check_undo(ctx: Context) -> str:
    ctx.session.undo_stack.undo()
    now, was = ctx.store.annotation(ctx.uuid), ctx.created
    expect((now.fields, now.note, now.start, now.end, now.deleted) == (was.fields, was.note, was.start, was.end, False),
           "after undo the annotation is not what was created")
    revs = ctx.store.revisions(ctx.uuid)
    expect(len(revs) == 3, f"undo should append a revision: history has {len(revs)}, expected 3")
    # History is a straight line: each revision's only parent is the one before it.
    expect(all(list(r.parents) == [p.uuid] for p, r in pairwise(revs)), "the history is not linear")
    expect([r.is_head for r in revs] == [False, False, True] and now.heads == 1, "undo left more than one head")
    expect(ctx.session.undo_stack.canRedo(), "the undone edit cannot be redone")
    return "3 revisions, one head, redo available"


def check_merge(ctx: Context) -> str:
    from testimonia.core.merge import merge
    from testimonia.core.store import Store

    with Store.open(ctx.other_path) as theirs:
        doc = theirs.documents()[-1]
        text = theirs.document_text(doc.uuid)
        start = max(0, len(text) // 2 - 20)
        label = next(lb for lb in theirs.labels() if lb.kind == "figure")
        added = theirs.add_annotation(doc.uuid, label.uuid, start, start + 25, ctx.other, note=OTHER_NOTE)
    before = len(ctx.store.annotations())
    report = merge(ctx.store, ctx.other_path, ctx.author)
    expect(report.annotations_new == 1, f"the merge reports {report.annotations_new} new annotations, expected 1")
    arrived = ctx.store.annotation(added.uuid)
    expect(arrived.creator == ctx.other.name and arrived.note == OTHER_NOTE, "the merged annotation lost its author")
    expect(len(ctx.store.annotations()) == before + 1, "the annotation count did not grow by one")
    expect(ctx.store.annotation(ctx.uuid).note == NOTE, "the merge changed our own annotation")
    return f"1 annotation by {ctx.other.name} arrived"


def check_export(ctx: Context) -> str:
    from testimonia.core.interop import export

    out = ctx.tmp / "evidence.csv"
    result = export(ctx.store, "csv", out)
    expected = len(ctx.store.annotations())
    with out.open(encoding="utf-8-sig", newline="") as fh:
        table = list(csv.reader(fh))
    expect(result.annotations == expected and len(table) == expected + 1,
           f"the CSV has {len(table) - 1} rows for {expected} annotations")
    cells = {cell for row in table for cell in row}
    expect(SPEAKER in cells and OTHER_NOTE in cells, "Hangul did not survive the CSV export")
    return f"{expected} rows, Hangul intact"


def check_pdf(ctx: Context) -> str:
    from testimonia.core.importers import pdf_parallel
    from testimonia.selftest_pdf import make_pdf, page_marker

    pdf = ctx.tmp / "field report.pdf"
    pdf.write_bytes(make_pdf(PDF_PAGES))
    calls: list[int] = []
    real = pdf_parallel.extract_parallel

    def counting(*args: Any, **kwargs: Any) -> list[str]:
        calls.append(1)
        return real(*args, **kwargs)

    pdf_parallel.extract_parallel = counting  # type: ignore[assignment]
    try:
        doc = ctx.store.import_file(pdf, ctx.author)
    finally:
        pdf_parallel.extract_parallel = real  # type: ignore[assignment]
    expect(doc.pages == PDF_PAGES, f"imported {doc.pages} pages, expected {PDF_PAGES}")
    text, starts = ctx.store.document_text(doc.uuid), ctx.store.page_starts(doc.uuid) or []
    expect(len(starts) == PDF_PAGES, "page starts are missing")
    wrong = [n for n, at in enumerate(starts, 1) if not text.startswith(page_marker(n), at)]
    expect(not wrong, f"pages out of place: {wrong[:5]}")
    if calls:
        return f"{PDF_PAGES} pages through worker processes"
    # One CPU: the importer rightly stays serial, but the bundle must still be able to start workers.
    texts = real(make_pdf(PDF_PAGES), PDF_PAGES, lambda _d, _t: None, lambda: False, workers=2)
    expect(texts[-1].startswith(page_marker(PDF_PAGES)), "the worker processes returned the wrong pages")
    return f"{PDF_PAGES} pages serially (1 CPU); worker processes checked separately"


def check_html(ctx: Context) -> str:
    # Web pages go through trafilatura, jusText and friends, which read data files at run time:
    # the first thing a frozen bundle tends to leave behind.
    from testimonia.core.interop import export

    body = " ".join(["Families gathered outside the ministry to ask about relatives sent back across the border."] * 4)
    page = ctx.tmp / "article.html"
    page.write_text(f"<html><head><title>Families ask for news</title></head><body><nav>Home | World</nav>"
                    f"<article><h1>Families ask for news</h1><p>{body}</p><p>{NOTE}.</p></article>"
                    f"<footer>© Example</footer></body></html>", encoding="utf-8")
    doc = ctx.store.import_file(page, ctx.author)
    text = ctx.store.document_text(doc.uuid)
    expect("relatives sent back" in text and NOTE in text, "the article text was not extracted")
    xlsx = ctx.tmp / "evidence.xlsx"
    export(ctx.store, "xlsx", xlsx)
    expect(xlsx.stat().st_size > 0, "the XLSX export is empty")
    return f"{len(text)} characters from the article; XLSX export written"


def check_server_client(ctx: Context) -> str:
    # The team server's client loads its libpq wrapper by name at run time (psycopg_binary's C
    # modules): what a frozen bundle leaves out unless told. No server is needed to load it.
    import psycopg
    from psycopg import pq

    version = pq.version()
    expect(version >= 100000, f"psycopg found libpq {version}, older than PostgreSQL 10")
    return f"psycopg {psycopg.__version__}, {pq.__impl__} libpq wrapper, libpq {version // 10000}"


CHECKS: list[tuple[str, Callable[[Context], str]]] = [
    ("qt", check_qt),
    ("sample", check_sample),
    ("window", check_window),
    ("create", check_create),
    ("edit", check_edit),
    ("undo", check_undo),
    ("merge", check_merge),
    ("export", check_export),
    ("pdf", check_pdf),
    ("html", check_html),
    ("server-client", check_server_client),
]


def run(out: TextIO | None = None) -> int:
    """Run every check; 0 if all passed, 1 at the first failure (named on the last line)."""
    out = out or sys.stdout
    if not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a self-test must run on a machine with no display
    saved = os.environ.get(config.ENV_CONFIG_DIR)
    began = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="testimonia-selftest-", ignore_cleanup_errors=True) as tmp:
        # The window records recent projects: keep that out of the user's real settings.
        os.environ[config.ENV_CONFIG_DIR] = str(Path(tmp) / "config")
        ctx = Context(Path(tmp))
        try:
            for name, check in CHECKS:
                started = time.monotonic()
                try:
                    detail = check(ctx)
                except Exception as exc:  # any failure, expected or not, must be reported as this check's
                    reason = str(exc) if isinstance(exc, CheckFailed) else f"{type(exc).__name__}: {exc}"
                    print(f"FAIL {name}: {reason}", file=out, flush=True)
                    return 1
                print(f"ok {name} ({detail}; {time.monotonic() - started:.1f} s)", file=out, flush=True)
        finally:
            if ctx.session is not None:
                ctx.session.undo_stack.clear()
            if ctx.store is not None:
                ctx.store.close()
            if saved is None:
                os.environ.pop(config.ENV_CONFIG_DIR, None)
            else:
                os.environ[config.ENV_CONFIG_DIR] = saved
    print(f"self-test passed: {len(CHECKS)} checks in {time.monotonic() - began:.1f} s", file=out, flush=True)
    return 0
