"""View > Conflicts: lists the conflict, shows both versions with differences marked, resolves it."""

from __future__ import annotations

from PySide6.QtGui import QFont

from .team_helpers import BOB, teammate_with_conflict


def _merged(window, tmp_path) -> str:  # type: ignore[no-untyped-def]
    path, shared = teammate_with_conflict(window, tmp_path)
    window.team.merge_file(path)
    window.merge_dialog.apply()
    return shared


def test_lists_conflict_and_keeps_one_version(window, tmp_path) -> None:
    shared = _merged(window, tmp_path)
    store = window.session.store
    view = window.team.open_conflicts()
    assert view.list.count() == 1
    assert view.current[0].uuid == shared
    heads = view.current[1]
    assert {h.author for h in heads} == {"Min-ji Lee", BOB.name}
    assert view.table.columnCount() == 2 and len(view.keep_buttons) == 2
    cells = {view.table.item(r, c).text() for r in range(view.table.rowCount()) for c in range(2)}
    assert "Bob counted again" in cells and "Min-ji: checked the source" in cells
    assert "Note" in view.different and "Value" in view.different and "Text" not in view.different
    note_row = next(r for r in range(view.table.rowCount()) if view.table.verticalHeaderItem(r).text() == "≠ Note")
    assert view.table.item(note_row, 0).font().weight() == QFont.Weight.Bold

    bob_head = next(i for i, h in enumerate(heads) if h.author == BOB.name)
    view.keep_buttons[bob_head].click()
    after = store.annotation(shared)
    assert not after.conflict and after.note == "Bob counted again" and after.fields["value"] == 65
    assert store.conflicts() == []
    newest = store.revisions(shared)[-1]
    assert set(newest.parents) == {h.uuid for h in heads}
    assert view.list.count() == 0 and view.empty.isVisibleTo(view)
    assert "conflicts" not in window._status_counts.text()

    window.undo()  # undo writes the version shown before; the conflict stays settled
    assert store.annotation(shared).note == "Min-ji: checked the source"
    assert not store.annotation(shared).conflict


def test_edit_and_resolve_and_editor_notice(window, qtbot, tmp_path) -> None:
    shared = _merged(window, tmp_path)
    store = window.session.store
    window.select_annotation(shared)
    assert window.team.resolve_button.isVisibleTo(window.editor)
    window.team.resolve.trigger()  # the editor's "Resolve conflict…" opens the view on this one
    view = window.team.conflicts_view()
    assert view.current[0].uuid == shared
    dialog = view.edit_and_resolve()
    assert dialog.note.toPlainText() == view.current[1][0].note  # pre-filled from the winning version
    dialog.note.setPlainText("Both counts checked: 60 to 65")
    dialog.inputs["value"].set_value("62")
    dialog._check()
    after = store.annotation(shared)
    assert not after.conflict and after.note == "Both counts checked: 60 to 65" and after.fields["value"] == 62
    assert len(store.revisions(shared)[-1].parents) == 2
    assert not window.team.resolve_button.isVisibleTo(window.editor)


def test_edit_and_resolve_is_as_wide_as_its_values(window, tmp_path) -> None:
    from PySide6.QtWidgets import QLineEdit

    from testimonia.core import merge
    from testimonia.core.store import Store

    store = window.session.store
    text = store.document_text(window.document.uuid)
    at = text.index("about 60 people")
    long_unit = "North Korean women and children detained at the Tumen border post in March"
    view = store.add_annotation(window.document.uuid, "figure", at, at + 15, window.author,
                                fields={"value": 60, "unit": long_unit})
    other = tmp_path / "bob.testimonia"
    with Store.create(other, "Bob", BOB) as bob:
        merge.merge(bob, store.path, BOB)
        bob.edit_annotation(view.uuid, BOB, note="Bob")
    store.edit_annotation(view.uuid, window.author, note="Min-ji")
    merge.merge(store, other, window.author)
    conflicts = window.team.open_conflicts(select=view.uuid)
    dialog = conflicts.edit_and_resolve()
    unit = dialog.inputs["unit"].widget
    assert isinstance(unit, QLineEdit) and unit.text() == long_unit
    assert unit.width() >= unit.fontMetrics().horizontalAdvance(long_unit), (unit.width(), dialog.width())
    title = dialog.fontMetrics().horizontalAdvance(dialog.windowTitle())
    assert dialog.width() >= title + 100
    dialog.reject()
