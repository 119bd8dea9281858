"""Small screens: at 1024×700 and 1366×768 the window fits with the team docks open, the reader
keeps a readable width, no toolbar button goes into the overflow menu, and choosing a row does
not move the panels."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QApplication, QWidget

from testimonia.core.store import Store
from testimonia.core.views import AuthorRef
from testimonia.ui import window_layout
from testimonia.ui.main_window import MainWindow
from testimonia.ui.workers import SynchronousRunner

from .conftest import TRICKY_TEXT

READABLE = 60  # characters of the reader's font on a line
SCREENS = [QSize(1024, 700), QSize(1366, 768)]


@pytest.fixture(params=SCREENS, ids=lambda s: f"{s.width()}x{s.height()}")
def small(request, qtbot, tmp_path: Path, author: AuthorRef) -> Iterator[tuple[MainWindow, QSize]]:  # type: ignore[no-untyped-def]
    screen: QSize = request.param
    path = tmp_path / "small.testimonia"
    with Store.create(path, "Small screen", author) as store:
        doc = store.import_text("Tricky text", TRICKY_TEXT, author, source_name="tricky.txt")
        for needle, kind, fields in (
            ("about 60 people", "figure", {"value": 60, "approximate": True, "unit": "people"}),
            ("“탈북민 강제북송을 중단하라,”", "statement", {"speaker": "spokesperson", "mode": "direct"}),
            ("1951 Refugee Convention", "obligation", {"instrument": "1951 Refugee Convention"}),
            ("500 to 600", "figure", {"value_low": 500, "value_high": 600}),
        ):
            at = TRICKY_TEXT.index(needle)
            store.add_annotation(doc.uuid, kind, at, at + len(needle), author, fields=fields, note="checked")
    win = MainWindow(author, runner=SynchronousRunner())
    window_layout.initial(win, screen)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert win.open_project(path)
    win.team.open_evidence()
    win.team.open_conflicts()
    win.team.open_evidence()
    qtbot.wait(20)
    yield win, screen
    win.close()


def _geometry(win: MainWindow) -> dict[str, QRect]:
    QApplication.processEvents()
    widgets: dict[str, QWidget] = {"reader": win.reader, "documents": win.documents_dock,
                                   "annotations": win.annotations_dock, "table": win.annotations.table,
                                   "editor": win.annotations.editor_area,
                                   "evidence": win.team.evidence_table()}
    return {name: QRect(w.mapTo(win, w.rect().topLeft()), w.size()) for name, w in widgets.items()}


def test_window_fits_the_screen_with_the_team_docks_open(small) -> None:  # type: ignore[no-untyped-def]
    win, screen = small
    room = QSize(screen.width(), screen.height() - window_layout.FRAME)
    assert win.width() <= room.width() and win.height() <= room.height()
    hint = win.minimumSizeHint()
    assert hint.width() <= room.width() and hint.height() <= room.height(), hint
    # The docks share the bottom as tabs: each has the whole width, the conflicts list its rows.
    evidence, conflicts = win.team._evidence, win.team._conflicts
    assert conflicts in win.tabifiedDockWidgets(evidence)
    assert evidence.width() == win.width()


def test_the_reader_keeps_a_readable_width(small) -> None:  # type: ignore[no-untyped-def]
    win, _screen = small
    reader = win.reader
    chars = reader.viewport().width() / reader.fontMetrics().averageCharWidth()
    assert chars >= READABLE, chars
    assert reader.width() > win.annotations_dock.width() and reader.width() > win.documents_dock.width()


def test_no_toolbar_button_is_hidden_in_the_overflow(small) -> None:  # type: ignore[no-untyped-def]
    win, _screen = small
    bar = win.actions_.toolbar
    for act in bar.actions():
        if not act.isSeparator():
            assert bar.widgetForAction(act).isVisibleTo(win), act.text()
    for act in (win.actions_.undo, win.actions_.redo, win.actions_.find):
        assert act in bar.actions()
    for mark in bar.primary:  # the labels keep their names
        assert bar.widgetForAction(mark).toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon


def test_choosing_rows_does_not_move_the_panels(small, qtbot) -> None:  # type: ignore[no-untyped-def]
    win, _screen = small
    before = _geometry(win)
    evidence = win.team.evidence_table()
    assert evidence.model.rowCount() == 4
    for row in range(evidence.model.rowCount()):  # figures (eight fields), a statement, an obligation
        evidence.open_row(evidence.model.index(row, 0))
        assert win.selected is not None
        assert _geometry(win) == before, row
    table = win.annotations.table
    table.setFocus()
    for row in range(table.model().rowCount()):
        table.selectRow(row)
        assert _geometry(win) == before, row
    win.select_annotation(None)
    assert _geometry(win) == before


def test_every_field_can_be_reached_and_seen_by_keyboard(small, qtbot) -> None:  # type: ignore[no-untyped-def]
    win, _screen = small
    figure = next(r.uuid for r in win.annotations.model.rows() if r.start == TRICKY_TEXT.index("about 60 people"))
    win.select_annotation(figure)
    win.activateWindow()
    win.reader.setFocus()
    qtbot.keyClick(win.reader, Qt.Key.Key_Return)
    area = win.annotations.editor_area
    for _ in range(len(win.editor.tab_chain())):
        focus = QApplication.focusWidget()
        assert win.editor.isAncestorOf(focus)
        shown = QRect(focus.mapTo(area.viewport(), focus.rect().topLeft()), focus.size())
        assert area.viewport().rect().contains(shown), focus.objectName()
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
