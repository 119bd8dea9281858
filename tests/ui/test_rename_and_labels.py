"""Renaming a document (F2, undoable) and editing or removing one's own labels in the labels dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMenu

from testimonia.core import labels
from testimonia.ui.annotations_model import COL_LABEL

from .conftest import select_needle


def _title_in_list(window, uuid: str) -> str:  # type: ignore[no-untyped-def]
    model = window.documents.model
    return model.data(model.index(model.row_of(uuid), 0))


def test_rename_document_with_f2_undo_and_redo(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    store = window.session.store
    uuid = window.document.uuid
    asked = []

    def fake_get_text(parent, title, label, echo, text):  # type: ignore[no-untyped-def]
        asked.append(text)
        return "  Interview <b>Yanji</b>  2019 ", True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(fake_get_text))
    window.documents.view.setFocus()
    qtbot.keyClick(window.documents.view, Qt.Key.Key_F2)
    assert asked == ["Tricky text"]  # prefilled with the current title
    new = "Interview <b>Yanji</b> 2019"
    assert store.document(uuid).title == new
    assert _title_in_list(window, uuid) == new  # plain text, as typed
    assert window.document.title == new
    assert new in window.statusBar().currentMessage()
    assert window.actions_.undo.isEnabled()

    window.undo()
    assert store.document(uuid).title == "Tricky text"
    assert _title_in_list(window, uuid) == "Tricky text"
    assert window.document.title == "Tricky text"
    window.redo()
    assert store.document(uuid).title == new
    assert _title_in_list(window, uuid) == new


def test_empty_title_is_refused(window) -> None:  # type: ignore[no-untyped-def]
    uuid = window.document.uuid
    assert window.rename_document(uuid, "   ") is None
    assert window.session.store.document(uuid).title == "Tricky text"
    assert "title" in window.statusBar().currentMessage()
    assert not window.actions_.undo.isEnabled()  # nothing on the undo stack


def test_context_menu_offers_rename(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *_: ("", False)))  # cancelled
    asked = []
    window.documents.rename_requested.connect(asked.append)
    window.documents.rename_action.trigger()
    assert asked == [window.document.uuid]
    view = window.documents.view
    window.documents._context_menu(view.visualRect(view.model().index(0, 0)).center())
    menu = window.documents.findChild(QMenu)
    assert menu is not None and [a.text() for a in menu.actions()] == ["&Rename…", "Re&move document"]
    menu.actions()[0].trigger()
    menu.close()
    assert asked == [window.document.uuid] * 2
    assert window.documents.view.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    assert window.session.store.document(window.document.uuid).title == "Tricky text"  # cancelled: unchanged


def test_custom_label_rename_recolour_and_remove(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    store = window.session.store
    dialog = window.make_labels_dialog()
    qtbot.addWidget(dialog)
    dialog.name.setText("Witness")
    dialog.shortcut.setText("w")
    dialog.add_button.click()
    label = store.label("Witness")
    assert label.shortcut == "W"
    assert dialog.editing is None and dialog.name.text() == ""  # ready for the next one

    select_needle(window, "families’ spokesperson")
    qtbot.keyClick(window.reader, Qt.Key.Key_W)
    marked = window.selected
    assert store.annotation(marked).label_uuid == label.uuid

    # Rename, recolour and change the key in one edit; undo puts all three back.
    dialog.select(label.uuid)
    assert dialog.editing is not None and dialog.name.text() == "Witness"
    assert not dialog.save_button.isHidden() and dialog.add_button.isHidden() and dialog.remove_button.isEnabled()
    dialog.name.setText("Eyewitness 목격자")
    dialog.color = "#123456"
    dialog.shortcut.setText("e")
    dialog.save_button.click()
    assert dialog.problem.text() == ""
    edited = store.label(label.uuid)
    assert (edited.name, edited.color, edited.shortcut) == ("Eyewitness 목격자", "#123456", "E")
    assert "Eyewitness 목격자" in [a.text() for a in window.actions_.label_actions]
    model = window.annotations.model
    assert model.data(model.index(model.row_of(marked), COL_LABEL)) == "Eyewitness 목격자"
    window.undo()
    back = store.label(label.uuid)
    assert (back.name, back.color, back.shortcut) == ("Witness", label.color, "W")
    window.redo()

    # A name another label has is refused in the dialog.
    dialog.select(label.uuid)
    dialog.name.setText("Figure")
    dialog.save_button.click()
    assert "already a label" in dialog.problem.text()
    assert store.label(label.uuid).name == "Eyewitness 목격자"

    # Remove: no longer offered for new marks, but the annotation keeps it and still shows.
    dialog.select(label.uuid)
    dialog.remove_button.click()
    assert store.label(label.uuid).deleted
    assert label.uuid not in [a.data() for a in window.actions_.label_actions]
    assert all(a.data() != label.uuid for a in window.actions_.annotate_menu.actions())
    assert label.uuid not in [dialog.listing.item(i).data(Qt.ItemDataRole.UserRole + 1)
                              for i in range(dialog.listing.count())]
    view = store.annotation(marked)
    assert view.label_uuid == label.uuid and not view.deleted
    row = model.row_of(marked)
    assert row >= 0 and model.data(model.index(row, COL_LABEL)) == "Eyewitness 목격자"
    assert window.colors[label.uuid] == "#123456"  # the reader still paints it
    window.select_annotation(marked)
    assert window.editor.label_combo.currentData() == label.uuid
    # Its key no longer marks anything.
    before = store.stats()["annotations"]
    select_needle(window, "about 60 people")
    qtbot.keyClick(window.reader, Qt.Key.Key_E)
    assert store.stats()["annotations"] == before

    window.undo()  # the removal
    assert not store.label(label.uuid).deleted
    assert label.uuid in [a.data() for a in window.actions_.label_actions]


def test_builtin_label_can_be_recoloured_not_removed_or_renamed(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    store = window.session.store
    dialog = window.make_labels_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.select(labels.FIGURE)
    assert not dialog.remove_button.isEnabled()
    assert "cannot be removed" in dialog.remove_button.toolTip()
    assert not dialog.name.isEnabled() and not dialog.shortcut.isEnabled()
    dialog.remove_button.click()  # disabled: nothing happens
    assert not store.label(labels.FIGURE).deleted
    dialog.color = "#aa00aa"
    dialog.save_button.click()
    figure = store.label(labels.FIGURE)
    assert (figure.name, figure.color, figure.shortcut, figure.deleted) == ("Figure", "#aa00aa", "2", False)
    assert window.colors[labels.FIGURE] == "#aa00aa"
    window.undo()
    assert store.label(labels.FIGURE).color != "#aa00aa"
