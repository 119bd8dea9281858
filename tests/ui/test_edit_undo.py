"""Editing fields and notes, and undo/redo of every step through revisions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit

from testimonia.core import labels

from .conftest import select_needle
from .helpers import commit_text, key_text


def _mark(window, qtbot, needle: str, key: Qt.Key) -> str:
    select_needle(window, needle)
    qtbot.keyClick(window.reader, key)
    return window.selected


def test_text_field_typed_in_hangul_is_stored(window, qtbot) -> None:
    uuid = _mark(window, qtbot, "“탈북민 강제북송을 중단하라,”", Qt.Key.Key_1)
    speaker = window.editor.field_widget("speaker")
    assert isinstance(speaker, QLineEdit)
    commit_text(speaker, "탈북민 가족")
    key_text(speaker, " (é)")
    qtbot.keyClick(speaker, Qt.Key.Key_Return)
    view = window.session.store.annotation(uuid)
    assert view.fields == {"speaker": "탈북민 가족 (é)"}
    assert window.editor.view.fields == view.fields


def test_number_choice_and_bool_fields(window, qtbot) -> None:
    uuid = _mark(window, qtbot, "500 to 600", Qt.Key.Key_2)
    low = window.editor.field_widget("value_low")
    low.setFocus()
    qtbot.keyClicks(low, "1,500")
    qtbot.keyClick(low, Qt.Key.Key_Return)
    approx = window.editor.field_widget("approximate")
    assert isinstance(approx, QCheckBox)
    approx.click()
    assert window.session.store.annotation(uuid).fields == {"approximate": True, "value_low": 1500}
    # The number validator refuses letters outright.
    high = window.editor.field_widget("value_high")
    high.setFocus()
    qtbot.keyClicks(high, "abc")
    assert high.text() == ""

    uuid2 = _mark(window, qtbot, "“탈북민 강제북송을 중단하라,”", Qt.Key.Key_1)
    mode = window.editor.field_widget("mode")
    assert isinstance(mode, QComboBox)
    mode.setCurrentIndex(mode.findText("direct"))
    mode.activated.emit(mode.currentIndex())
    assert window.session.store.annotation(uuid2).fields == {"mode": "direct"}


def test_completer_offers_values_used_in_the_project(window, qtbot) -> None:
    store = window.session.store
    doc = window.document.uuid
    store.add_annotation(doc, "statement", 0, 5, window.author, fields={"speaker": "Park Mi-ran"})
    _mark(window, qtbot, "“탈북민 강제북송을 중단하라,”", Qt.Key.Key_1)
    speaker = window.editor.field_widget("speaker")
    assert "Park Mi-ran" in speaker.completer().model().stringList()


def test_note_typed_then_focus_out_is_one_undoable_edit(window, qtbot) -> None:
    uuid = _mark(window, qtbot, "about 60 people", Qt.Key.Key_2)
    store = window.session.store
    note = window.editor.note
    note.setFocus()
    commit_text(note, "두 명의 증언; ")
    key_text(note, "café")
    window.reader.setFocus()  # leaving the note writes it
    assert store.annotation(uuid).note == "두 명의 증언; café"
    assert window.isWindowModified()
    assert len(store.revisions(uuid)) == 2

    window.undo()
    assert store.annotation(uuid).note == ""
    assert window.editor.note.toPlainText() == ""
    assert len(store.revisions(uuid)) == 3  # undo writes a revision, it never rewinds history
    window.redo()
    assert store.annotation(uuid).note == "두 명의 증언; café"


def test_undo_redo_create_writes_tombstone_and_restores(window, qtbot) -> None:
    store = window.session.store
    uuid = _mark(window, qtbot, "about 60 people", Qt.Key.Key_2)
    assert window.isWindowModified()
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    view = store.annotation(uuid)
    assert view.deleted
    assert [r.deleted for r in store.revisions(uuid)] == [False, True]
    assert uuid not in window.reader.index
    assert window.annotations.model.rowCount() == 0
    assert window.selected is None
    assert not window.isWindowModified()  # back at the clean state

    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    view = store.annotation(uuid)
    assert not view.deleted and view.exact == "about 60 people"
    assert len(store.revisions(uuid)) == 3
    assert uuid in window.reader.index
    assert window.annotations.model.rowCount() == 1


def test_change_label_keeps_fields_the_new_kind_knows(window, qtbot) -> None:
    uuid = _mark(window, qtbot, "1951 Refugee Convention", Qt.Key.Key_3)
    store = window.session.store
    store_view = store.edit_annotation(uuid, window.author, fields={"instrument": "Refugee Convention"})
    window.session.annotation_changed.emit(store_view)
    combo = window.editor.label_combo
    combo.setCurrentIndex(combo.findData(labels.STATEMENT))
    combo.activated.emit(combo.currentIndex())
    view = store.annotation(uuid)
    assert view.kind == "statement" and view.fields == {}
    window.undo()
    view = store.annotation(uuid)
    assert view.kind == "obligation" and view.fields == {"instrument": "Refugee Convention"}


def test_delete_key_and_undo(window, qtbot) -> None:
    actions = window.actions_
    assert window.selected is None and not actions.delete.isEnabled() and not actions.adjust_span.isEnabled()
    uuid = _mark(window, qtbot, "about 60 people", Qt.Key.Key_2)
    assert actions.delete.isEnabled() and actions.adjust_span.isEnabled()
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Delete)
    store = window.session.store
    assert store.annotation(uuid).deleted
    assert window.annotations.model.rowCount() == 0
    assert window.selected is None and not actions.delete.isEnabled()
    window.undo()
    assert not store.annotation(uuid).deleted
    assert window.annotations.model.rowCount() == 1


def test_adjust_span_to_selection(window, qtbot) -> None:
    uuid = _mark(window, qtbot, "about 60", Qt.Key.Key_2)
    start, end = select_needle(window, "about 60 people")
    window.actions_.adjust_span.trigger()
    view = window.session.store.annotation(uuid)
    assert (view.start, view.end, view.exact) == (start, end, "about 60 people")
    assert window.reader.index.get(uuid).end - window.reader.index.get(uuid).start == len("about 60 people")
    window.undo()
    assert window.session.store.annotation(uuid).exact == "about 60"


def test_refused_edit_is_not_pushed(window, qtbot) -> None:
    uuid = _mark(window, qtbot, "about 60 people", Qt.Key.Key_2)
    stack = window.session.undo_stack
    before = stack.count()
    value = window.editor.field_widget("value")
    value.setText("-")  # the validator lets this through while typing; the core refuses it
    value.editingFinished.emit()
    assert stack.count() == before
    assert "number" in window.statusBar().currentMessage()
    assert window.session.store.annotation(uuid).fields == {}
