"""View › Agreement: the grid with intervals, the disagreements behind a cell, side-by-side tracks,
adjudication as undo steps, bulk accept with vote shares, progress, and the report export."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from testimonia.core.agreement import curation
from testimonia.core.agreement.curation_marks import CURATION_FIELD, parse
from testimonia.core.agreement.report import Options
from testimonia.core.views import AuthorRef
from testimonia.ui.main_window import MainWindow
from testimonia.ui.workers import SynchronousRunner

from .agreement_helpers import ANA, BO, REPORT, add_codings, span


@pytest.fixture
def win(qtbot, author: AuthorRef, project: Path, runner: SynchronousRunner) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    add_codings(project)
    w = MainWindow(author, runner=runner)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    assert w.open_project(project)
    yield w
    w.close()


def _grid(view) -> dict[tuple[str, str], str]:  # type: ignore[no-untyped-def]
    g = view.grid
    return {(g.verticalHeaderItem(r).text(), g.horizontalHeaderItem(c).text()): g.item(r, c).text()
            for r in range(g.rowCount()) for c in range(g.columnCount())}


def _kinds(view) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(d.kind for d in view.model.rows)


def test_view_shows_each_measure_with_its_interval_per_pair_and_label(win) -> None:
    view = win.agreement.open()
    assert win.agreement.dock.isVisible()
    assert not view.computing and view.report is not None
    cells = _grid(view)
    pair = "Ana Park & Bo Choi"
    assert set(cells) >= {(pair, "All labels"), (pair, "Figure"), (pair, "Statement"), (pair, "Obligation")}
    overall = cells[(pair, "All labels")]
    value = view.report.sets[0].measures["u_alpha"]
    assert overall.startswith(f"{value.value:.3f}")
    # five disagreements in every label: the interval is there (bootstrap over stretches)
    assert overall.count("[") == 1 and overall.endswith("]")
    details = {view.details.item(r, 0).text(): view.details.item(r, 1).text() for r in range(view.details.rowCount())}
    assert {"F1, overlap", "precision (first against second)", "αu (2004, as DKPro/INCEpTION)"} <= set(details)
    # a character-level measure brings the note on why NVivo's figure flatters uncoded text
    view.measure.setCurrentIndex(view.measure.findData("nvivo_agreement"))
    assert "nobody coded" in view.note.text()
    assert _grid(view)[(pair, "All labels")] == "·"  # NVivo's figure exists per label only
    assert _grid(view)[(pair, "Figure")] != "·"


def test_a_cell_lists_its_disagreements_of_each_kind(win) -> None:
    view = win.agreement.open()
    assert _kinds(view) == ["boundary", "fields", "label", "missing"]
    view.grid.setCurrentCell(0, [view.grid.horizontalHeaderItem(c).text()
                                 for c in range(view.grid.columnCount())].index("Figure"))
    assert _kinds(view) == ["fields", "missing"]
    texts = {view.model.data(view.model.index(r, 6)) for r in range(view.model.rowCount())}
    assert texts == {"12명", "between 80 and 90 people"}
    kinds = {view.model.data(view.model.index(r, 1)) for r in range(view.model.rowCount())}
    assert kinds == {"missing span", "field differs: Value"}


def test_a_disagreement_shows_each_annotator_in_their_own_track_and_opens_in_the_reader(win, qtbot) -> None:
    view = win.agreement.open()
    row = next(i for i, d in enumerate(view.model.rows) if d.kind == "boundary")
    view.list.setCurrentIndex(view.model.index(row, 0))
    panes = view.compare.panes
    assert [p.accessibleName() for p in panes] == ["Ana Park", "Bo Choi"]
    assert all("no access to counsel" in p.toPlainText() for p in panes)
    strong = [next(s for s in p.extraSelections() if s.format.fontUnderline()) for p in panes]
    # the emoji counts as two UTF-16 positions: the longer span ends further on in Ana's track only
    lengths = [s.cursor.selectionEnd() - s.cursor.selectionStart() for s in strong]
    assert lengths[0] - lengths[1] == len(" 🙏 at all".encode("utf-16-le")) // 2
    assert strong[0].format.background().color().name() != strong[1].format.background().color().name()
    assert view.compare.infos[0].startswith("Statement, characters")
    view.open_disagreement(row)
    assert win.document.title == "Provincial report"
    assert win.selected == view.model.rows[row].a.uuid
    missing = next(i for i, d in enumerate(view.model.rows) if d.kind == "missing")
    view.list.setCurrentIndex(view.model.index(missing, 0))
    assert view.compare.infos[1] == "no span here"


def _select(view, kind: str) -> None:  # type: ignore[no-untyped-def]
    view.grid.setCurrentCell(0, 0)
    row = next(i for i, d in enumerate(view.model.rows) if d.kind == kind)
    view.list.setCurrentIndex(view.model.index(row, 0))


def test_accept_merge_reject_write_curated_revisions_each_one_undo_step(win) -> None:
    store = win.session.store
    view = win.agreement.open()
    before = {a.uuid: (a.start, a.end, a.fields, a.author_uuid) for a in store.annotations()}
    depth = win.session.undo_stack.count()

    _select(view, "boundary")
    d = view.current()
    accepted = view.accept(1)  # Bo's shorter span
    assert accepted.author_uuid == win.author.uuid and (accepted.start, accepted.end) == (d.b.start, d.b.end)
    assert parse(accepted.fields[CURATION_FIELD]) == ("accept", sorted([d.a.uuid, d.b.uuid]))
    assert win.session.undo_stack.count() == depth + 1
    assert view.model.is_settled(view.model.rows.index(d))

    _select(view, "label")
    d = view.current()
    merged = view.merge()
    assert merged.label_uuid == store.annotation(d.a.uuid).label_uuid
    assert parse(merged.fields[CURATION_FIELD])[0] == "merge"

    _select(view, "missing")
    d = view.current()
    rejected = view.reject()
    assert rejected.deleted and parse(rejected.fields[CURATION_FIELD]) == ("reject", [d.a.uuid])
    assert win.session.undo_stack.count() == depth + 3
    assert {d.a.uuid} <= curation.settled(store)

    # the codings are untouched
    for a in store.annotations():
        if a.uuid in before:
            assert (a.start, a.end, a.fields, a.author_uuid) == before[a.uuid]

    win.undo()  # the reject
    assert d.a.uuid not in curation.settled(store)
    view.refresh_settled()
    assert not view.model.is_settled(view.model.rows.index(d))
    win.redo()
    assert d.a.uuid in curation.settled(store)
    win.undo()
    win.undo()  # the merge
    assert store.annotation(merged.uuid).deleted
    win.undo()  # the accept
    assert curation.settled(store) == set()
    assert [a for a in curation.curated(store)] == []
    win.redo()
    assert not store.annotation(accepted.uuid).deleted


def test_fix_fields_after_accepting_is_an_ordinary_edit_of_the_curated_annotation(win) -> None:
    view = win.agreement.open()
    _select(view, "fields")
    accepted = view.accept(0)
    assert view.edit_action.isEnabled()
    view.edit_curated()
    assert win.selected == accepted.uuid
    assert win.editor.view.uuid == accepted.uuid


def test_bulk_accept_shows_the_vote_share_and_is_one_step(win, qtbot) -> None:
    store = win.session.store
    view = win.agreement.open()
    view.tabs.setCurrentIndex(2)
    assert view.progress.rowCount() == 1
    assert [view.progress.item(0, c).text() for c in range(4)] == ["Provincial report", "4", "0", "4"]
    box = view.bulk_accept()
    # "45 people" and the statement whose boundaries differ but overlap above the threshold
    assert isinstance(box, QMessageBox) and "Accept 2 units" in box.text() and "• 2 with 2 of 2 votes" in box.text()
    assert box.textFormat() == Qt.TextFormat.PlainText
    box.button(QMessageBox.StandardButton.Yes).click()
    made = curation.curated(store)
    assert sorted((m.start, m.end) for m in made) == sorted([span("45 people"),
                                                             span("the detainees had no access to counsel")])
    assert [view.progress.item(0, c).text() for c in range(4)] == ["Provincial report", "4", "1", "3"]
    assert view.bulk_accept() is None  # nothing left where they agree
    win.undo()
    assert curation.curated(store) == []


def test_progress_counts_what_is_left_per_document(win) -> None:
    view = win.agreement.open()
    _select(view, "missing")
    view.reject()
    assert [view.progress.item(0, c).text() for c in (1, 2, 3)] == ["4", "1", "3"]
    assert view.progress_summary.text() == "3 of 4 disagreements left to settle"
    rows = curation.progress(win.session.store, Options())
    assert (rows[0]["settled"], rows[0]["left"]) == (1, 3)


def test_choosing_documents_labels_and_overlap_changes_the_figures(win) -> None:
    view = win.agreement.open()
    assert _kinds(view) == ["boundary", "fields", "label", "missing"]
    view.labels.setCurrentIndex(view.labels.findText("Figure"))
    view.refresh()
    assert [view.grid.horizontalHeaderItem(c).text() for c in range(view.grid.columnCount())] == ["All labels",
                                                                                                  "Figure"]
    view.labels.setCurrentIndex(0)
    view.overlap.setValue(1.0)  # identical boundaries only: the statements no longer match
    view.refresh()
    assert "boundary" not in _kinds(view) and _kinds(view).count("missing") == 3
    # one annotator unticked: nothing to compare, said in the view, no dialog
    view.annotators.item(1).setCheckState(Qt.CheckState.Unchecked)
    view.refresh()
    assert view.report is None and "at least two annotators" in view.status.text()
    assert view.grid.rowCount() == 0


def test_editing_a_coding_marks_the_figures_out_of_date(win) -> None:
    store = win.session.store
    view = win.agreement.open()
    coding = next(a for a in store.annotations() if a.creator_uuid == BO.uuid)
    view.mark_changed(store.annotation(coding.uuid))
    assert view.stale and "Compute" in view.status.text()
    view.refresh()
    assert not view.stale


def test_agreement_report_export_from_the_app(win, tmp_path: Path) -> None:
    view = win.agreement.open()
    out = tmp_path / "agreement.csv"
    task = view.export_report(out)
    assert task is not None and task.error is None
    text = out.read_text(encoding="utf-8-sig")
    assert "Ana Park" in text and "between 80 and 90 people" in text
    html = tmp_path / "agreement.html"
    view.export_report(html)
    assert "<html" in html.read_text(encoding="utf-8").lower()
    assert view.export_report(tmp_path / "agreement.txt") is None
    assert "agreement.txt" in win.last_message.text()


def test_the_export_dialog_can_limit_to_the_curated_reading(win, tmp_path: Path) -> None:
    from testimonia.ui.export_dialog import ExportDialog

    view = win.agreement.open()
    _select(view, "boundary")
    view.accept(0)
    dialog = ExportDialog(win)
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    out = tmp_path / "curated.csv"
    dialog.path.setText(str(out))
    dialog.curated.setChecked(True)
    dialog.start()
    rows = out.read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 2 and "no access to counsel" in rows[1]
    dialog = ExportDialog(win)
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    dialog.path.setText(str(out))
    dialog.start()
    assert len(out.read_text(encoding="utf-8-sig").splitlines()) == 1 + 9 + 1  # every coding and the curated one


def test_user_text_stays_plain(win, qtbot) -> None:
    store = win.session.store
    doc = next(d for d in store.documents() if d.title == "Provincial report")
    store.set_document_title(doc.uuid, "<b>bold</b> title", win.author)
    view = win.agreement.open()
    _select(view, "boundary")
    assert "<b>bold</b> title" in view.compare.title.text()
    assert view.compare.title.textFormat() == Qt.TextFormat.PlainText
    assert view.model.data(view.model.index(0, 2)) == "<b>bold</b> title"


def test_every_action_works_from_the_keyboard(win, qtbot) -> None:
    from PySide6.QtTest import QTest

    store = win.session.store
    win.reader.setFocus()
    QTest.keyClick(win, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    view = win.agreement.view
    assert win.agreement.dock.isVisible() and view.report is not None
    assert view.grid.hasFocus()
    QTest.keyClick(view.grid, Qt.Key.Key_Return)  # the cell's disagreements
    assert view.tabs.currentIndex() == 1 and view.list.hasFocus()
    first = view.current()
    QTest.keyClick(view.list, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert curation.settled(store) >= {s.uuid for s in (first.a, first.b) if s}
    assert view.current() is not first  # on to the next one left
    QTest.keyClick(view.list, Qt.Key.Key_F9)
    nxt = view.current()
    QTest.keyClick(view.list, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert any(s.uuid in curation.settled(store) for s in (nxt.a, nxt.b) if s)
    QTest.keyClick(view.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo from the view
    assert not any(s.uuid in curation.settled(store) for s in (nxt.a, nxt.b) if s)
    QTest.keyClick(view.list, Qt.Key.Key_F5)
    assert view.report is not None and not view.stale
    assert REPORT  # the fixture's text is the one coded
    assert ANA.uuid in {k for k, _ in view.report.annotators}


def test_every_agreement_action_has_its_own_key_with_every_dock_open(win) -> None:
    from PySide6.QtGui import QAction

    from .test_keyboard import _duplicates

    view = win.agreement.open()
    win.team.open_evidence()
    win.team.open_conflicts()
    win.find_bar.open_bar("45")
    assert _duplicates(win) == []
    mine = [a for a in view.findChildren(QAction) if a.objectName().startswith("agreement")]
    assert len(mine) == 8 and all(a.shortcuts() for a in mine)
    assert win.agreement.action.shortcut().toString() == "Ctrl+Shift+A"
    assert win.agreement.action in win.actions_.view_menu.actions()


def test_against_the_curated_reading_the_curators_track_shows_and_settling_is_off(win) -> None:
    view = win.agreement.open()
    _select(view, "boundary")
    view.accept(0)
    view.reference.setCurrentIndex(view.reference.findData("curated"))
    view.refresh()
    report = view.report
    assert report.options.reference == "curated"
    assert [s.names for s in report.sets] == [("Ana Park", "curated reading"), ("Bo Choi", "curated reading")]
    assert [view.annotators.item(i).text() for i in range(view.annotators.count())] == ["Ana Park", "Bo Choi"]
    view.grid.setCurrentCell(1, 0)  # Bo against the curated reading: Bo's shorter statement was not taken
    row = next(i for i, d in enumerate(view.model.rows) if d.kind == "boundary")
    view.list.setCurrentIndex(view.model.index(row, 0))
    assert "curated reading" in [p.accessibleName() for p in view.compare.panes]
    assert not view.accept_first.isEnabled() and not view.reject_action.isEnabled()


def test_another_project_gets_its_own_figures(win, tmp_path: Path, author: AuthorRef) -> None:
    from testimonia.core.store import Store

    view = win.agreement.open()
    assert view.report is not None
    other = tmp_path / "other.testimonia"
    Store.create(other, "Other", author).close()
    assert win.open_project(other)
    view.refresh()  # F5 in the view: nobody has coded anything here
    assert view.report is None and view.annotators.count() == 0
    assert "at least two annotators" in view.status.text() or "no documents" in view.status.text()
    assert view.model.rowCount() == 0
