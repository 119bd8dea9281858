"""User text shows literally; custom labels; a regression guard for PySide6's None refcount bug."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from testimonia.core import labels
from testimonia.ui import commands
from testimonia.ui.label_dialog import LabelDialog

from .conftest import select_needle
from .helpers import commit_text

MARKUP = "<b>bold</b> <img src=x>"


def test_markup_in_note_title_and_author_is_shown_literally(window, qtbot) -> None:
    store = window.session.store
    doc = store.import_text(MARKUP + " title", MARKUP + " in the text\nmore text\n", window.author)
    window.refresh_counts()
    window.open_document(doc.uuid)
    view = store.add_annotation(doc.uuid, "statement", 0, len(MARKUP), window.author, note=MARKUP,
                                fields={"speaker": MARKUP})
    window.refresh_all()
    window.select_annotation(view.uuid)
    editor = window.editor
    assert editor.note.toPlainText() == MARKUP
    assert editor.quote.toPlainText() == MARKUP
    assert editor.field_widget("speaker").text() == MARKUP
    # Every label in the window is plain text, so nothing a user typed can turn into markup.
    for label in window.findChildren(QLabel):
        if label.text() and "<" in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
    model = window.annotations.model
    row = model.row_of(view.uuid)
    assert model.data(model.index(row, 1)) == MARKUP
    tip = model.data(model.index(row, 1), Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;bold&lt;/b&gt;" in tip  # escaped, so the tooltip shows the characters
    docs = window.documents.model
    assert docs.data(docs.index(docs.row_of(doc.uuid), 0)) == MARKUP + " title"
    assert window.reader.toPlainText().startswith(MARKUP)
    # The reader renders it as characters: plain text in, plain text out.
    assert window.reader.document().toPlainText() == window.reader.text


def test_markup_typed_into_note_is_stored_verbatim(window, qtbot) -> None:
    select_needle(window, "about 60 people")
    qtbot.keyClick(window.reader, Qt.Key.Key_2)
    window.editor.note.setFocus()
    commit_text(window.editor.note, MARKUP + " 메모")
    window.reader.setFocus()
    assert window.session.store.annotation(window.selected).note == MARKUP + " 메모"


def test_custom_label_with_shortcut_and_undo(window, qtbot) -> None:
    dialog = LabelDialog(window.session.store.labels(), window)
    dialog.name.setText("Witness")
    dialog.shortcut.setText("1")
    assert "already used" in dialog.check()
    dialog.shortcut.setText("w")
    dialog.name.setText("figure")
    assert "already a label" in dialog.check()
    dialog.name.setText("Witness 증인")
    assert dialog.check() == ""
    name, color, key = dialog.values()
    label = commands.push(window.session, commands.AddLabel(window.session, name, color, key))
    assert [a.text() for a in window.actions_.label_actions][-1] == "Witness 증인"

    select_needle(window, "families’ spokesperson")
    qtbot.keyClick(window.reader, Qt.Key.Key_W)
    view = window.session.store.annotation(window.selected)
    assert (view.label_uuid, view.exact) == (label.uuid, "families’ spokesperson")
    assert window.editor.view.kind == labels.CUSTOM

    window.undo()  # the annotation
    window.undo()  # the label
    assert "Witness 증인" not in [lb.name for lb in window.session.store.labels()]
    assert "Witness 증인" not in [a.text() for a in window.actions_.label_actions]
    window.redo()
    assert "Witness 증인" in [lb.name for lb in window.session.store.labels()]


def test_set_object_name_many_times() -> None:
    # PySide6 6.12.0 on Python 3.11 corrupts None's refcount in methods returning None and aborts
    # ("none_dealloc") after a few thousand calls; this fails loudly if such a build comes back.
    w = QWidget()
    for i in range(30_000):
        w.setObjectName(f"w{i}")
    assert w.objectName() == "w29999"
