"""Removing a document from the list (Delete, undoable) and restoring one removed earlier (File menu)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMenu

from .conftest import TRICKY_TEXT, select_needle

SECOND_TEXT = "Second interview, Seoul.\nShe crossed the river in 2019 with two neighbours.\n"


def _listed(window) -> list[str]:  # type: ignore[no-untyped-def]
    model = window.documents.model
    return [model.data(model.index(r, 0)) for r in range(model.rowCount())]


def _add(window, title: str, text: str) -> str:  # type: ignore[no-untyped-def]
    doc = window.session.store.import_text(title, text, window.author, source_name=f"{title}.txt")
    window.session.documents_changed.emit()  # what the import paths do
    return doc.uuid


def _patch_get_item(monkeypatch, answer: str | None):  # type: ignore[no-untyped-def]
    """Stand in for QInputDialog.getItem: record what it was given, pick `answer` (None: cancel)."""
    asked: list[dict[str, object]] = []

    def fake(parent, title, label, items, current=0, editable=True):  # type: ignore[no-untyped-def]
        asked.append({"title": title, "label": label, "items": list(items), "editable": editable})
        return (answer, True) if answer is not None else ("", False)

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(fake))
    return asked


def test_delete_key_removes_the_open_document_and_undo_brings_it_back(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    store = window.session.store
    tricky = window.document.uuid
    select_needle(window, "about 60 people")
    qtbot.keyClick(window.reader, Qt.Key.Key_2)
    marked = window.selected
    second = _add(window, "Second interview", SECOND_TEXT)
    assert window.document.uuid == tricky  # importing in the background does not switch documents
    assert window._status_counts.text() == "2 documents · 1 annotation"

    view = window.documents.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)

    assert _listed(window) == ["Second interview"]
    assert store.document(tricky).removed
    assert store.annotation(marked).deleted is False  # Delete on the list removed the document, not the mark
    assert window.document is not None and window.document.uuid == second
    assert window.reader.text == SECOND_TEXT
    assert window.annotations.model.rowCount() == 0
    assert window.editor.view is None
    assert window._status_counts.text() == "1 document · 0 annotations"
    assert window.statusBar().currentMessage() == "Removed “Tricky text” (Ctrl+Z brings it back)"  # on Linux
    assert window.actions_.undo.text() == "&Undo Remove document"

    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not store.document(tricky).removed
    assert _listed(window) == ["Second interview", "Tricky text"]
    assert window._status_counts.text() == "2 documents · 1 annotation"

    window.redo()
    assert _listed(window) == ["Second interview"]
    window.undo()
    assert _listed(window) == ["Second interview", "Tricky text"]
    # Undo shows the document again, as it was before the removal, its annotation with it.
    assert window.document.uuid == tricky
    assert window.reader.text == TRICKY_TEXT and window.annotations.has(marked)


def test_removing_the_last_document_leaves_the_reader_empty(window) -> None:  # type: ignore[no-untyped-def]
    uuid = window.document.uuid
    assert window.remove_document(uuid) is not None
    assert _listed(window) == []
    assert window.document is None
    assert window.reader.text == "" and window.reader.toPlainText() == ""
    assert window.annotations.model.rowCount() == 0
    assert window._status_counts.text().startswith("0 documents")
    window.undo()
    assert _listed(window) == ["Tricky text"]
    assert window.session.store.stats()["documents"] == 1


def test_context_menu_removes_the_document_under_the_mouse(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    other = _add(window, "Another report", SECOND_TEXT)
    view = window.documents.view
    row = window.documents.model.index(window.documents.model.row_of(other), 0)
    window.documents._context_menu(view.visualRect(row).center())
    menu = window.documents.findChild(QMenu)
    assert menu is not None
    remove = next(a for a in menu.actions() if a.text() == "Re&move document")
    remove.trigger()
    menu.close()
    assert _listed(window) == ["Tricky text"]
    assert window.document.title == "Tricky text"  # another document was removed: the reader stays put
    assert window.session.store.document(other).removed


def test_delete_in_the_reader_still_deletes_the_annotation(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    select_needle(window, "about 60 people")
    qtbot.keyClick(window.reader, Qt.Key.Key_2)
    marked = window.selected
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Delete)
    assert window.session.store.annotation(marked).deleted
    assert _listed(window) == ["Tricky text"]


def test_restore_from_the_file_menu_after_the_history_is_gone(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    store = window.session.store
    tricky = window.document.uuid
    second = _add(window, "Second interview", SECOND_TEXT)
    window.remove_document(tricky)
    window.session.undo_stack.clear()  # as after reopening the project
    assert not window.actions_.undo.isEnabled()
    assert window.document.uuid == second

    asked = _patch_get_item(monkeypatch, "Tricky text")
    window.actions_.restore_document.trigger()
    assert asked == [{"title": "Removed documents", "label": "Document:", "items": ["Tricky text"],
                      "editable": False}]
    assert not store.document(tricky).removed
    assert _listed(window) == ["Second interview", "Tricky text"]
    assert window.document.uuid == tricky and window.reader.text == TRICKY_TEXT  # opened to show it is back
    assert window.statusBar().currentMessage() == "Restored “Tricky text”"

    # The restore is undoable too; undoing it takes the open document away again.
    assert window.actions_.undo.text() == "&Undo Restore document"
    window.undo()
    assert store.document(tricky).removed
    assert _listed(window) == ["Second interview"]
    assert window.document.uuid == second and window.reader.text == SECOND_TEXT


def test_restore_cancelled_or_with_nothing_removed(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    asked = _patch_get_item(monkeypatch, None)
    window.restore_removed_document()
    assert asked == []  # nothing to choose from: no dialog
    assert window.statusBar().currentMessage() == "No removed documents"

    uuid = window.document.uuid
    window.remove_document(uuid)
    assert window.restore_removed_document() is None
    assert len(asked) == 1
    assert window.session.store.document(uuid).removed  # cancelled: still removed


def test_restore_list_shows_titles_literally_and_tells_twins_apart(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    store = window.session.store
    rich = _add(window, "<b>bold</b> & <i>more</i>", SECOND_TEXT)
    twin_a = _add(window, "Twin", "First twin text.\n")
    twin_b = _add(window, "Twin", "Second twin text.\n")
    for uuid in (rich, twin_a, twin_b):
        window.remove_document(uuid)
    window.session.undo_stack.clear()

    asked = _patch_get_item(monkeypatch, None)
    window.restore_removed_document()
    items = asked[0]["items"]
    assert isinstance(items, list) and len(items) == 3
    assert items[0] == "<b>bold</b> & <i>more</i>"  # the title as typed, not rendered or escaped
    assert items[1] != items[2] and all(i.startswith("Twin (Twin.txt, ") for i in items[1:])

    # Choosing the second twin restores that one, not the first with the same title.
    by_uuid = {d.uuid: i for i, d in enumerate(store.documents(removed=True))}
    _patch_get_item(monkeypatch, items[by_uuid[twin_b]])
    window.restore_removed_document()
    assert not store.document(twin_b).removed
    assert store.document(twin_a).removed and store.document(rich).removed
    assert window.statusBar().currentMessage() == "Restored “Twin”"


def test_a_document_removed_in_a_merge_leaves_the_reader(window) -> None:  # type: ignore[no-untyped-def]
    """refresh_all (after a merge) finds the open document removed by someone else: show another."""
    store = window.session.store
    tricky = window.document.uuid
    second = _add(window, "Second interview", SECOND_TEXT)
    store.remove_document(tricky, window.author)  # behind the window's back, as a merge would
    window.refresh_all()
    assert not window.refreshing
    assert _listed(window) == ["Second interview"]
    assert window.document.uuid == second and window.reader.text == SECOND_TEXT
    assert window.last_message is None  # not an error: nothing to report


def test_project_search_results_follow_a_removal(window) -> None:  # type: ignore[no-untyped-def]
    window.search.run("spokesperson")
    assert window.search.model.rowCount() == 1
    window.search.edit.setText("half-typed")  # not run yet: must survive the refresh
    window.remove_document(window.document.uuid)
    assert window.search.model.rowCount() == 0 and window.search.edit.text() == "half-typed"
    window.undo()
    assert window.search.model.rowCount() == 1
