"""Suggestions in the window: one key to suggest, outlines in the reader, the review list, and
accepting, correcting and rejecting by keyboard, each one undo step; nothing stored before a verdict."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from testimonia.core import labels
from testimonia.core.store import Store
from testimonia.core.suggest import project, review
from testimonia.ui.main_window import MainWindow
from testimonia.ui.plain import plain_tooltip
from testimonia.ui.suggest_bulk import BulkAcceptDialog
from testimonia.ui.suggest_model import SuggestionsModel
from testimonia.ui.workers import SynchronousRunner

from .test_keyboard import _duplicates, _owners

# Written for these tests, in the style of a wire report.
ARTICLE = (
    "Families in Seoul plead for detainees\n\n"
    "SEOUL, March 3, 2026 — About 60 North Koreans held in a detention centre in Dandong could be sent "
    "back within days, activists said on Tuesday.\n\n"
    "“They will be punished severely if they are returned,” said Lee Soo-jin, director of the Hanbit "
    "Rescue Network, a group that shelters defectors.\n\n"
    "Between 500 and 600 people have been forcibly repatriated since October, the group estimated.\n\n"
    "China is a party to the 1951 Refugee Convention and must respect its non-refoulement obligations, "
    "Lee said.\n"
)
SECOND = (
    "Border notes\n\n"
    "More than 2,000 defectors were detained in Jilin last year, a researcher in Yanji told reporters on "
    "Friday.\n"
)
MARKUP = "Markup\n\n“<b>Stop</b> the returns now,” said Kim Min-su, a lawyer in Seoul.\n"

NoMod = Qt.KeyboardModifier.NoModifier
Ctrl, Shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def win(qtbot, author, tmp_path: Path, runner: SynchronousRunner):  # type: ignore[no-untyped-def]
    path = tmp_path / "suggest.testimonia"
    with Store.create(path, "Suggestions", author) as store:
        store.import_text("Families in Seoul", ARTICLE, author, source_name="families.txt")
        store.import_text("Border notes", SECOND, author, source_name="border.txt")
    w = MainWindow(author, runner=runner)
    qtbot.addWidget(w)
    w.resize(1024, 700)
    w.show()
    qtbot.waitExposed(w)
    assert w.open_project(path)
    first = next(d for d in w.session.store.documents() if d.title == "Families in Seoul")
    w.open_document(first.uuid)
    w.activateWindow()
    w.reader.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.reader)
    yield w
    w.close()


def _press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = NoMod) -> None:  # type: ignore[no-untyped-def]
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key, modifier)


def _rows(w: MainWindow) -> list[tuple[str, str]]:
    assert w.suggest.panel is not None
    return [(s.kind, s.exact) for s in w.suggest.panel.model.suggestions()]


def _current(w: MainWindow):  # type: ignore[no-untyped-def]
    assert w.suggest.panel is not None
    return w.suggest.panel.current()


def test_one_key_shows_suggestions_in_the_list_and_the_reader_and_stores_nothing(win, qtbot) -> None:
    store = win.session.store
    counts = win._status_counts.text()
    _press(qtbot, Qt.Key.Key_F7)
    rows = _rows(win)
    assert ("figure", "About 60 North Koreans") in rows
    assert ("figure", "Between 500 and 600 people") in rows
    assert ("statement", "“They will be punished severely if they are returned,”") in rows
    assert any(kind == "obligation" for kind, _ in rows)
    # Only the open document's suggestions, with their fields, and each one outlined in the reader.
    assert {s.document for s in win.suggest.panel.model.suggestions()} == {win.document.uuid}
    fig = next(s for s in win.suggest.panel.model.suggestions() if s.exact == "Between 500 and 600 people")
    assert (fig.fields["value_low"], fig.fields["value_high"]) == (500, 600)
    assert len(win.suggest.overlay.outlines) == len(rows)
    # The list has the focus and the first suggestion after the cursor is current.
    assert QApplication.focusWidget() is win.suggest.panel.table
    assert _current(win).exact == "About 60 North Koreans"
    # Suggestions are not annotations: nothing written, nothing counted.
    assert store.annotations() == [] and store.stats()["annotations"] == 0
    assert win._status_counts.text() == counts
    assert review.reviewed(store) == []


def test_accept_by_keyboard_is_one_undo_step_and_records_the_rule(win, qtbot) -> None:
    store = win.session.store
    _press(qtbot, Qt.Key.Key_F7)
    before = len(_rows(win))
    first = _current(win)
    _press(qtbot, Qt.Key.Key_Return)  # in the list: accept
    [ann] = store.annotations()
    assert (ann.kind, ann.start, ann.end, ann.exact) == ("figure", first.start, first.end, first.exact)
    assert ann.fields["value"] == 60 and ann.fields["approximate"] is True
    assert review.provenance(store.revisions(ann.uuid)[0].note) == ("figure.count", pytest.approx(first.score))
    assert len(_rows(win)) == before - 1 and ("figure", first.exact) not in _rows(win)
    assert _current(win).exact.startswith("“They will be punished")  # the next one, ready for the next key
    assert QApplication.focusWidget() is win.suggest.panel.table
    assert win.reader.index.get(ann.uuid) is not None  # highlighted as an annotation now
    assert [r["verdict"] for r in review.reviewed(store)] == ["accepted"]

    _press(qtbot, Qt.Key.Key_Z, Ctrl)
    assert store.annotations() == []
    assert ("figure", first.exact) in _rows(win) and len(_rows(win)) == before
    assert review.reviewed(store) == []  # forgotten: the rule's score is as before
    win.redo()
    assert [a.uuid for a in store.annotations()] == [ann.uuid]
    assert [r["verdict"] for r in review.reviewed(store)] == ["accepted"]
    assert ("figure", first.exact) not in _rows(win)


def test_window_wide_keys_review_from_the_reader(win, qtbot) -> None:
    store = win.session.store
    win.suggest.suggest_open()
    win.reader.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is win.reader)
    assert _current(win).exact == "About 60 North Koreans"
    _press(qtbot, Qt.Key.Key_F8)
    assert _current(win).exact.startswith("“They will")
    _press(qtbot, Qt.Key.Key_F8, Shift)
    assert _current(win).exact == "About 60 North Koreans"
    _press(qtbot, Qt.Key.Key_Return, Ctrl)
    assert [a.exact for a in store.annotations()] == ["About 60 North Koreans"]
    assert QApplication.focusWidget() is win.reader
    _press(qtbot, Qt.Key.Key_Delete, Ctrl)
    assert [r["verdict"] for r in review.reviewed(store)] == ["accepted", "rejected"]
    assert len(store.annotations()) == 1
    # At the end of the list F8 says so and moves nothing.
    last = len(_rows(win)) - 1
    win.suggest.panel.set_current_row(last)
    assert win.suggest.step(1) is None
    assert "last suggestion" in win.statusBar().currentMessage()


def test_rejected_suggestions_never_come_back_and_lower_their_rule(win, qtbot) -> None:
    store = win.session.store
    _press(qtbot, Qt.Key.Key_F7)
    win.suggest.panel.set_current_row(next(i for i, (_, t) in enumerate(_rows(win)) if t.startswith("Between")))
    rejected = _current(win)
    other = next(s for s in win.suggest.panel.model.suggestions() if s.exact == "About 60 North Koreans")
    _press(qtbot, Qt.Key.Key_Delete)  # in the list: reject
    assert ("figure", rejected.exact) not in _rows(win)
    assert store.annotations() == []
    win.suggest.suggest_open()  # ask again: it does not come back
    assert ("figure", rejected.exact) not in _rows(win)
    again = next(s for s in win.suggest.panel.model.suggestions() if s.exact == other.exact)
    assert project.rule_score("figure.range", review.verdicts(store).counts) < 0.9  # the rejected rule sank
    assert again.score == pytest.approx(other.score)  # another rule's score did not move
    win.undo()  # undoing the rejection lets it come back
    win.suggest.suggest_open()
    assert ("figure", rejected.exact) in _rows(win)


def test_accept_with_edits_opens_the_filled_fields(win, qtbot) -> None:
    store = win.session.store
    _press(qtbot, Qt.Key.Key_F7)
    win.suggest.panel.set_current_row(next(i for i, (k, _) in enumerate(_rows(win)) if k == "statement"))
    _press(qtbot, Qt.Key.Key_Return, Shift)
    [ann] = store.annotations()
    assert ann.kind == "statement" and ann.fields["speaker"] == "Lee Soo-jin"
    assert win.selected == ann.uuid
    speaker = win.editor.field_widget("speaker")
    assert QApplication.focusWidget() is speaker
    assert speaker.text() == "Lee Soo-jin"
    speaker.selectAll()
    qtbot.keyClicks(speaker, "Lee Soo-jin (Hanbit)")
    _press(qtbot, Qt.Key.Key_Escape)
    assert store.annotation(ann.uuid).fields["speaker"] == "Lee Soo-jin (Hanbit)"
    win.undo()  # the edit
    assert store.annotation(ann.uuid).fields["speaker"] == "Lee Soo-jin"
    win.undo()  # the accept
    assert store.annotations() == []


def test_all_documents_in_the_background_with_progress_and_cancel(win, runner: SynchronousRunner) -> None:
    win.suggest.suggest_all.trigger()
    docs = {s.document for s in win.suggest.panel.model.suggestions()}
    assert len(docs) == 2
    assert runner.reports[-1][:2] == (2, 2)
    assert "2 documents" in win.suggest.panel.summary.text()
    assert not win.suggest.panel.table.isColumnHidden(SuggestionsModel.DOCUMENT)
    # The list goes in the documents' order ("Border notes" first); going back into a document that
    # is not open opens it and shows the suggestion's outline.
    open_doc = win.document.uuid
    assert _current(win).document == open_doc and win.reader.text == ARTICLE
    while _current(win).document == open_doc:
        assert win.suggest.step(-1) is not None
    assert win.document.uuid == _current(win).document != open_doc
    assert win.reader.text == SECOND
    assert win.suggest.overlay.current == (win.document.uuid, _current(win).label_uuid, _current(win).start,
                                           _current(win).end)
    assert len(win.suggest.overlay.outlines) == sum(1 for s in win.suggest.panel.model.suggestions()
                                                    if s.document == win.document.uuid)

    runner.cancel_after, runner.reports[:] = 1, []
    win.suggest.suggest_everywhere()
    assert {s.document for s in win.suggest.panel.model.suggestions()} == {win.session.store.documents()[0].uuid}
    assert "stopped after 1 of 2 documents" in win.suggest.panel.summary.text()


def test_bulk_accept_by_kind_above_a_score_is_one_step(win, qtbot) -> None:
    store = win.session.store
    win.suggest.suggest_open()
    dialog = win.suggest.bulk_dialog()
    assert isinstance(dialog, BulkAcceptDialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData(labels.FIGURE))
    dialog.threshold.setValue(0.9)
    want = {(s.start, s.end) for s in win.suggest.panel.model.suggestions()
            if s.kind == "figure" and s.score >= 0.9}
    assert len(want) == 2 and dialog.count.text().startswith("To be accepted: 2 ")
    dialog.ok.click()
    got = store.annotations()
    assert {(a.start, a.end) for a in got} == want and {a.kind for a in got} == {"figure"}
    assert all(k != "figure" for k, _ in _rows(win))
    qtbot.waitUntil(lambda: not win.refreshing)
    win.undo()
    assert store.annotations() == []
    assert sum(1 for k, _ in _rows(win) if k == "figure") == 2
    win.redo()
    assert len(store.annotations()) == 2


def test_outlines_are_painted_dashed_in_the_label_colour(win, qtbot) -> None:
    win.suggest.suggest_open()
    win.suggest.panel.set_current_row(0)
    win.reader.verticalScrollBar().setValue(0)
    target = next(s for s in win.suggest.panel.model.suggestions() if s.exact == "Between 500 and 600 people")

    def shot() -> QImage:
        win.reader.viewport().repaint()
        return win.reader.viewport().grab().toImage()

    with_outlines = shot()
    win.suggest.clear_all()
    without = shot()
    cur = win.reader.textCursor()
    cur.setPosition(win.reader.offsets.to_utf16(target.start))
    top_left = win.reader.cursorRect(cur).topLeft()
    cur.setPosition(win.reader.offsets.to_utf16(target.end))
    bottom_right = win.reader.cursorRect(cur).bottomRight()
    colour = QColor(win.colors[labels.FIGURE]).darker(115)
    changed = inside = 0
    for y in range(top_left.y() - 4, bottom_right.y() + 5):
        for x in range(top_left.x() - 6, bottom_right.x() + 7):
            a, b = with_outlines.pixelColor(x, y), without.pixelColor(x, y)
            if a != b:
                changed += 1
                near = abs(a.red() - colour.red()) + abs(a.green() - colour.green()) + abs(a.blue() - colour.blue())
                inside += near < 90
    assert changed > 20 and inside > 10  # an outline in the figure colour around the span
    # Dashed: along the top edge the outline has gaps.
    y = top_left.y()
    edge = [with_outlines.pixelColor(x, y) != without.pixelColor(x, y) for x in range(top_left.x(), bottom_right.x())]
    assert any(edge) and not all(edge)
    assert with_outlines != without


def test_clicking_an_outline_makes_it_current(win, qtbot) -> None:
    win.suggest.suggest_open()
    target = next(s for s in win.suggest.panel.model.suggestions() if s.exact == "Between 500 and 600 people")
    cur = win.reader.textCursor()
    cur.setPosition(win.reader.offsets.to_utf16(target.start + 3))
    win.reader.setTextCursor(cur)
    point: QPoint = win.reader.cursorRect(cur).center()
    qtbot.mouseClick(win.reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert _current(win).exact == target.exact


def test_marking_a_suggested_span_by_hand_takes_its_place(win) -> None:
    win.suggest.suggest_open()
    target = next(s for s in win.suggest.panel.model.suggestions() if s.exact == "About 60 North Koreans")
    win.reader.select_cp(target.start, target.end)
    win.mark(labels.FIGURE)
    assert ("figure", target.exact) not in _rows(win)
    assert len(win.session.store.annotations()) == 1


def test_user_text_shows_as_plain_text(win) -> None:
    store = win.session.store
    doc = store.import_text("Markup", MARKUP, win.author, source_name="markup.txt")
    win.session.documents_changed.emit()
    win.open_document(doc.uuid)
    win.suggest.suggest_open()
    model = win.suggest.panel.model
    row = next(i for i, s in enumerate(model.suggestions()) if s.kind == "statement")
    text = model.data(model.index(row, SuggestionsModel.TEXT))
    assert text == "“<b>Stop</b> the returns now,”"
    tip = model.data(model.index(row, SuggestionsModel.TEXT), Qt.ItemDataRole.ToolTipRole)
    assert tip == plain_tooltip(text)


def test_no_key_has_two_owners_with_the_review_list_open(win) -> None:
    win.suggest.suggest_open()
    assert win.suggest._dock is not None and win.suggest._dock.isVisible()
    assert _duplicates(win) == []
    owners = _owners(win.reader, win)
    for key in ("F7", "Shift+F7", "F8", "Shift+F8", "Ctrl+Return", "Ctrl+Shift+Return", "Ctrl+Del"):
        assert len(owners[key]) == 1, key
    assert owners["Return"] == [win.actions_.edit_fields.text()]  # Enter in the reader still edits fields


def test_another_project_starts_with_no_suggestions(win, tmp_path: Path, author) -> None:
    win.suggest.suggest_open()
    assert _rows(win)
    other = tmp_path / "other.testimonia"
    Store.create(other, "Other", author).close()
    assert win.open_project(other)
    win.suggest.step(1)
    assert _rows(win) == [] and win.suggest.overlay.outlines == []
    assert not win.suggest.accept.isEnabled()
