"""Importing (worker, progress, per-file errors, cancel), pasting, dropping; projects and the sample."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QToolButton

from testimonia.core import config
from testimonia.ui.main_window import MainWindow
from testimonia.ui.workers import SynchronousRunner, ThreadedRunner

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"


def _files(tmp_path: Path) -> list[Path]:
    good = [shutil.copy(FIXTURES / n, tmp_path / n) for n in ("border_returns.txt", "border_returns_ko.txt")]
    bad = tmp_path / "notes.xyz"
    bad.write_text("not a document", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    return [Path(good[0]), bad, Path(good[1]), empty]


def test_import_with_progress_and_per_file_errors(window, runner: SynchronousRunner, tmp_path) -> None:
    before = len(window.session.store.documents())
    window.import_paths(_files(tmp_path))
    docs = window.session.store.documents()
    assert len(docs) == before + 2
    # Progress went forward to the end, naming the files as it went.
    done = [d for d, _t, _x in runner.reports]
    assert done == sorted(done) and runner.reports[-1][0] == runner.reports[-1][1]
    assert any("border_returns_ko.txt" in x for _d, _t, x in runner.reports)
    box = window.last_message
    assert box is not None and box.textFormat() == Qt.TextFormat.PlainText
    assert "notes.xyz" in box.text() and "empty.txt" in box.text() and "2 documents imported" in box.text()
    assert window.document.source_name == "border_returns_ko.txt"  # the last one imported is open
    assert window.documents.model.rowCount() == before + 2

    # The same files again: each one is reported as already imported, nothing is added.
    window.import_paths(_files(tmp_path)[:1])
    assert "already in the project" in window.last_message.text()
    assert len(window.session.store.documents()) == before + 2


def test_cancel_import_changes_nothing(window, tmp_path) -> None:
    window.runner = SynchronousRunner(cancel_after=1)
    before = len(window.session.store.documents())
    window.import_paths(_files(tmp_path))
    assert len(window.session.store.documents()) == before
    assert "Cancelled" in window.statusBar().currentMessage()


def test_threaded_import_reports_back_on_gui_thread(qtbot, author, project, tmp_path) -> None:
    win = MainWindow(author, runner=ThreadedRunner())
    qtbot.addWidget(win)
    win.open_project(project)
    task = win.import_paths(_files(tmp_path)[:1])
    qtbot.waitUntil(lambda: not task.running, timeout=20_000)
    assert any(d.source_name == "border_returns.txt" for d in win.session.store.documents())
    assert win.document.source_name == "border_returns.txt"
    win.close()


def test_drop_files_imports_them(window, tmp_path) -> None:
    path = _files(tmp_path)[0]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    window.dropEvent(drop)  # called directly: offscreen Qt has no drag session to deliver a bare drop
    assert window.document.source_name == "border_returns.txt"


def test_paste_clipboard_as_document(window) -> None:
    QGuiApplication.clipboard().setText("Pasted headline 탈북\r\nAbout 40 people 🙂 rallied.")
    window.actions_.paste_document.trigger()
    assert window.document.title == "Pasted headline 탈북"
    assert window.reader.text == "Pasted headline 탈북\nAbout 40 people 🙂 rallied."
    assert window.reader.toPlainText() == window.reader.text


def test_title_shows_project_and_modified_marker(window, qtbot) -> None:
    assert window.windowTitle() == "Field notes[*] — Testimonia"
    assert not window.isWindowModified()
    from .conftest import select_needle

    select_needle(window, "about 60 people")
    qtbot.keyClick(window.reader, Qt.Key.Key_2)
    assert window.isWindowModified()
    window.undo()
    assert not window.isWindowModified()


def test_new_project_and_recent(window, tmp_path) -> None:
    path = tmp_path / "fresh"
    assert window.new_project(path)
    assert window.session.store.path == tmp_path / "fresh.testimonia"
    assert config.recent_projects()[0] == str((tmp_path / "fresh.testimonia").resolve())
    window.fill_recent_menu()
    names = [a.text() for a in window.actions_.recent_menu.actions()]
    assert names[:2] == ["fresh.testimonia", "test.testimonia"]
    assert window.windowTitle().startswith("fresh[*]")


def test_open_non_project_says_so(window, tmp_path) -> None:
    bogus = tmp_path / "x.testimonia"
    bogus.write_text("hello", encoding="utf-8")
    assert not window.open_project(bogus)
    assert str(bogus) in window.last_message.text()
    assert window.session is not None  # the open project stays open


def test_sample_project_has_every_kind(window) -> None:
    assert window.open_sample()
    store = window.session.store
    kinds = {a.kind for a in store.annotations()}
    assert kinds == {"statement", "figure", "obligation"}
    assert len(store.documents()) == 3
    assert any("\uac00" <= ch <= "\ud7a3" for d in store.documents() for ch in store.document_text(d.uuid))
    # Every example annotation sits on the text it quotes.
    for a in store.annotations():
        assert store.document_text(a.document_uuid)[a.start:a.end] == a.exact


def test_app_launch_opens_sample(qtbot, author) -> None:
    from testimonia.app import launch

    win = launch(["--sample"])
    qtbot.addWidget(win)
    assert win.session is not None and "Sample project" in win.windowTitle()
    assert QGuiApplication.desktopFileName() == "org.testimonia.Testimonia"
    assert not QApplication.windowIcon().isNull()
    # Icons arrive just after the window first shows (qtawesome is slow to import).
    qtbot.waitUntil(lambda: not win.actions_.open_project.icon().isNull())
    assert not win.find_bar.findChildren(QToolButton)[0].icon().isNull()


def test_app_launch_opens_named_project_then_recent(qtbot, author, project) -> None:
    from testimonia.app import launch

    win = launch([str(project)])
    qtbot.addWidget(win)
    assert win.session.store.path == project
    win.close()
    again = launch([])  # no argument: the most recent project
    qtbot.addWidget(again)
    assert again.session.store.path.resolve() == project.resolve()


def test_app_main_returns_exit_code(qtbot, author) -> None:
    from testimonia.app import main

    QTimer.singleShot(200, QApplication.quit)
    assert main(["--sample"]) == 0
    # The closed window's deferred deletion leaves the shared application quitting: every later
    # QEventLoop.exec() (qtbot.wait, waitUntil) returned at once and no timer fired in the tests
    # after this one. One more turn of exec() clears that state.
    QApplication.sendPostedEvents(None, 0)
    QApplication.processEvents()
    QTimer.singleShot(0, QApplication.quit)
    QApplication.exec()


def test_window_layout_is_kept_between_runs(qtbot, author, project) -> None:
    from testimonia.app import launch

    win = launch([str(project)])
    qtbot.addWidget(win)
    win.resize(640, 480)
    win.annotations_dock.hide()
    win.close()
    again = launch([str(project)])
    qtbot.addWidget(again)
    assert again.size().width() == 640
    assert not again.annotations_dock.isVisible()


def test_the_same_article_as_another_file_type_is_imported_and_pointed_out(window, tmp_path) -> None:
    from testimonia.ui.documents_panel import TYPE_COLUMN

    text = (FIXTURES / "border_returns.txt").read_text(encoding="utf-8")
    as_page = tmp_path / "border_returns.html"
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n") if p.strip())
    as_page.write_text(f"<html><head><title>border_returns.html</title></head><body>{paragraphs}"
                       "<footer>Share this story</footer></body></html>", encoding="utf-8")
    window.import_paths([Path(shutil.copy(FIXTURES / "border_returns.txt", tmp_path / "border_returns.txt")),
                         as_page])
    docs = {d.kind: d for d in window.session.store.documents()}
    assert {"txt", "html"} <= set(docs) and docs["txt"].title == docs["html"].title  # both kept, one title
    box = window.last_message
    assert box.icon() == box.Icon.Information and box.textFormat() == Qt.TextFormat.PlainText
    assert f"“{docs['html'].title}” (HTML) is nearly the same text as “{docs['txt'].title}” (TXT)" in box.text()
    model = window.documents.model
    shown = {model.index(model.row_of(d.uuid), TYPE_COLUMN).data() for d in docs.values()}
    assert {"TXT", "HTML"} <= shown


def test_an_older_project_is_upgraded_in_a_worker_then_opened(qtbot, author, project, tmp_path) -> None:
    import sqlite3

    from testimonia.core import rawdb

    from ..core.merge_helpers import to_version_5

    older = Path(shutil.copy(project, tmp_path / "older.testimonia"))
    conn = sqlite3.connect(older, isolation_level=None)
    conn.execute("BEGIN")
    to_version_5(conn)
    conn.execute("COMMIT")
    conn.close()
    win = MainWindow(author, runner=ThreadedRunner())
    qtbot.addWidget(win)
    assert win.open_project(older)
    assert win.session is None  # not yet: the upgrade runs in the worker, the window goes on
    qtbot.waitUntil(lambda: win.session is not None, timeout=30_000)
    store = win.session.store
    assert store.upgraded_from == 5 and store.backup is not None and store.backup.exists()
    assert rawdb.inspect_file(older, full=False) == rawdb.SCHEMA_VERSION
    assert "the old version is kept as" in win.statusBar().currentMessage()
    title = store.documents()[0].title
    assert any(r.title == title for r in store.search(title.split()[0]).results)
    win.close()
