"""Working without the mouse: one owner per shortcut, undo and redo keys, and the whole cycle of
selecting text, marking it, filling its fields and note, and going on to the next one.

Keys go to whatever widget has focus (QApplication.focusWidget()), as a keyboard sends them, so a
step that leaves focus in the wrong place fails the steps after it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from testimonia.core import labels, merge
from testimonia.core.store import Store

from .team_helpers import BOB

KEYBOARD_TEXT = (
    "Officials in Jilin said about 60 people were sent back in October.\n"
    "“We follow the law,” the ministry spokesperson told reporters on Tuesday.\n"
    "Rights groups said the returns breach the Convention against Torture.\n"
)
SECOND_TEXT = "A second report: some 500 to 600 people were held near the border.\n"

NoMod = Qt.KeyboardModifier.NoModifier
Ctrl, Shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def _in_window(widget: QWidget, window: QWidget, seen: frozenset[int] = frozenset()) -> bool:
    """Whether a window-wide shortcut shown in `widget` works in `window`: a menu counts where its
    menu bar or parent menu is (Qt follows menus the same way)."""
    if isinstance(widget, QMenu) and id(widget) not in seen:
        return any(_in_window(o, window, seen | {id(widget)}) for o in widget.menuAction().associatedObjects()
                   if isinstance(o, QWidget))
    return widget.window() is window


def _owners(widget: QWidget, window: QWidget) -> dict[str, list[str]]:
    """The shortcuts Qt would consider with `widget` focused: key sequence -> owners' names."""
    chain: list[QWidget] = []
    w: QWidget | None = widget
    while w is not None:
        chain.append(w)
        if w is window:
            break
        w = w.parentWidget()
    out: dict[str, list[str]] = {}

    def add(seqs: list[QKeySequence], context: Qt.ShortcutContext, widgets: list[QWidget], name: str) -> None:
        if context in (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut):
            active = any(_in_window(x, window) for x in widgets)
        elif context == Qt.ShortcutContext.WidgetShortcut:
            active = widget in widgets
        else:
            active = any(x in chain for x in widgets)
        if active:
            for seq in seqs:
                out.setdefault(seq.toString(QKeySequence.SequenceFormat.PortableText), []).append(name)

    for act in window.findChildren(QAction):
        if act.shortcuts():
            widgets = [o for o in act.associatedObjects() if isinstance(o, QWidget)]
            add(act.shortcuts(), act.shortcutContext(), widgets, act.text() or act.objectName())
    for sc in window.findChildren(QShortcut):
        parent = sc.parent()
        add([sc.key()], sc.context(), [parent] if isinstance(parent, QWidget) else [], sc.objectName() or "QShortcut")
    return out


def _duplicates(window: QWidget) -> list[str]:
    problems = set()
    for widget in [window, *window.findChildren(QWidget)]:
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus and widget is not window:
            continue
        for key, names in _owners(widget, window).items():
            if len(names) > 1:
                problems.add(f"{key}: {sorted(names)} (focus in {type(widget).__name__} {widget.objectName()!r})")
    return sorted(problems)


def test_no_two_shortcuts_share_a_key_anywhere_in_the_window(window, qtbot, tmp_path: Path) -> None:
    # Everything that brings shortcuts of its own is built: the team docks, the find bar, and
    # labels with keys of their own, two of them with the same key from two teammates' files.
    # The command line and other copies accept keys the label dialog refuses (S, Ctrl+Z).
    for name, key in (("Quote", "Q"), ("Question", "Q"), ("Sources", "S"), ("Zap", "Ctrl+Z")):
        other = tmp_path / f"{name}.testimonia"
        with Store.create(other, name, BOB) as store:
            store.add_label(name, "#aa66cc", BOB, shortcut=key)
        merge.merge(window.session.store, other, window.author)
    window.refresh_all()
    qtbot.waitUntil(lambda: not window.refreshing)
    assert len(window.labels) == 7
    window.team.open_evidence()
    window.team.open_conflicts()
    window.find_bar.open_bar("60")
    assert _duplicates(window) == []
    owners = _owners(window.reader, window)
    assert owners["S"] == [labels.BY_UUID[labels.STATEMENT].name]
    assert len(owners["Q"]) == 1  # the first of the two labels keeps it
    for key in ("Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+Y", "Shift+S", "Shift+F", "Shift+O", "Ctrl+Down", "Ctrl+PgDown"):
        assert len(owners[key]) == 1, key


def test_the_walk_finds_a_duplicate(window) -> None:
    """The check above can fail: a second owner of Ctrl+Z is reported."""
    extra = QAction("Another undo", window)
    extra.setShortcut(QKeySequence("Ctrl+Z"))
    window.addAction(extra)
    assert any(p.startswith("Ctrl+Z: ") for p in _duplicates(window))
    same = QAction("Twice on one action", window)
    same.setShortcuts([QKeySequence("Ctrl+Alt+T"), QKeySequence("Ctrl+Alt+T")])
    window.addAction(same)
    assert any(p.startswith("Ctrl+Alt+T: ") for p in _duplicates(window))


def test_redo_works_with_both_keys_and_undo_with_its_own(window, qtbot) -> None:
    store = window.session.store
    at = window.reader.text.index("about 60 people")
    window.reader.select_cp(at, at + len("about 60 people"))
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_2)
    assert len(store.annotations()) == 1
    window.reader.setFocus()
    for redo in (QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")):
        qtbot.keyClick(window.reader, Qt.Key.Key_Z, Ctrl)
        assert store.annotations() == []
        qtbot.keySequence(window.reader, redo)
        assert len(store.annotations()) == 1, redo.toString()


def _press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = NoMod) -> None:  # type: ignore[no-untyped-def]
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key, modifier)


def _type(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClicks(target, text)


def _select_by_keys(qtbot, window, start: int, length: int) -> None:  # type: ignore[no-untyped-def]
    """From the top of the document: Right `start` times, then Shift+Right `length` times (the texts
    here have one character per arrow press: no emoji, no combining marks)."""
    assert QApplication.focusWidget() is window.reader
    _press(qtbot, Qt.Key.Key_Home, Ctrl)
    for _ in range(start):
        _press(qtbot, Qt.Key.Key_Right)
    for _ in range(length):
        _press(qtbot, Qt.Key.Key_Right, Shift)


def test_create_fill_and_go_on_by_keyboard_alone(window, qtbot) -> None:
    store = window.session.store
    doc = store.import_text("Keyboard report", KEYBOARD_TEXT, window.author, source_name="keys.txt")
    second = store.import_text("Second report", SECOND_TEXT, window.author, source_name="second.txt")
    window.session.documents_changed.emit()
    window.open_document(doc.uuid)
    window.activateWindow()
    window.reader.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.reader)

    # A figure, marked with the lowercase key, every field filled by Tab, the note last.
    _select_by_keys(qtbot, window, KEYBOARD_TEXT.index("about 60 people"), len("about 60 people"))
    _press(qtbot, Qt.Key.Key_F)
    [figure] = store.annotations(document=doc.uuid)
    assert figure.kind == "figure" and figure.exact == "about 60 people"
    values = {"value": "60", "value_low": "50", "value_high": "70", "approximate": " ", "vague": None,
              "unit": "people", "date": "2023-10", "place": "Jilin"}
    for spec in labels.field_specs("figure"):
        assert QApplication.focusWidget() is window.editor.field_widget(spec.key), spec.key
        typed = values[spec.key]
        if typed == " ":
            _press(qtbot, Qt.Key.Key_Space)  # a check box
        elif typed:
            _type(qtbot, typed)
        _press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.editor.note  # Tab from the last field reaches the note
    _type(qtbot, "Counted at the crossing")
    _press(qtbot, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is window.reader
    view = store.annotation(figure.uuid)
    assert view.fields == {"value": 60, "value_low": 50, "value_high": 70, "approximate": True, "unit": "people",
                           "date": "2023-10", "place": "Jilin"}
    assert view.note == "Counted at the crossing"

    # Tab past the note stays in the editor: letters typed there never reach the reader's keys.
    window.actions_.edit_fields.trigger()
    for _ in range(len(window.editor.tab_chain()) + 1):
        _press(qtbot, Qt.Key.Key_Tab)
        assert window.editor.isAncestorOf(QApplication.focusWidget())
    _press(qtbot, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is window.reader

    # A statement, marked with the capital (Shift+S); the mode chosen by typing its first letter.
    quote = "“We follow the law,”"
    _select_by_keys(qtbot, window, KEYBOARD_TEXT.index(quote), len(quote))
    _press(qtbot, Qt.Key.Key_S, Shift)
    statement = next(v for v in store.annotations(document=doc.uuid) if v.kind == "statement")
    assert statement.exact == quote
    _type(qtbot, "ministry spokesperson")
    _press(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, "official")
    _press(qtbot, Qt.Key.Key_Tab)
    _press(qtbot, Qt.Key.Key_D)  # "direct"
    _press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.editor.note
    _press(qtbot, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is window.reader
    assert store.annotation(statement.uuid).fields == {"speaker": "ministry spokesperson",
                                                       "speaker_role": "official", "mode": "direct"}
    assert sorted(v.uuid for v in store.annotations(document=doc.uuid)) == sorted([figure.uuid, statement.uuid])

    # Back to the figure, into its fields with Enter, one field changed, out again.
    _press(qtbot, Qt.Key.Key_Up, Ctrl)
    assert window.selected == figure.uuid
    assert QApplication.focusWidget() is window.reader
    _press(qtbot, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is window.editor.field_widget("value")
    _press(qtbot, Qt.Key.Key_End)
    _type(qtbot, "5")
    _press(qtbot, Qt.Key.Key_Escape)
    assert store.annotation(figure.uuid).fields["value"] == 605
    _press(qtbot, Qt.Key.Key_Down, Ctrl)
    assert window.selected == statement.uuid
    _press(qtbot, Qt.Key.Key_Down, Ctrl)
    assert window.selected == statement.uuid  # the last one: it stays, and says so
    assert "last annotation" in window.statusBar().currentMessage()

    # The next document, and a first annotation there.
    order = [window.documents.model.index(r, 0).data(Qt.ItemDataRole.UserRole)
             for r in range(window.documents.model.rowCount())]
    _press(qtbot, Qt.Key.Key_PageDown, Ctrl)
    assert window.document is not None and window.document.uuid != doc.uuid
    while window.document.uuid != second.uuid:
        before = window.document.uuid
        _press(qtbot, Qt.Key.Key_PageDown, Ctrl)
        assert window.document.uuid != before, order
    assert QApplication.focusWidget() is window.reader
    _select_by_keys(qtbot, window, SECOND_TEXT.index("500 to 600"), len("500 to 600"))
    _press(qtbot, Qt.Key.Key_2)
    _type(qtbot, "")
    _press(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, "500")
    _press(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, "600")
    _press(qtbot, Qt.Key.Key_Escape)
    [held] = store.annotations(document=second.uuid)
    assert (held.exact, held.fields) == ("500 to 600", {"value_low": 500, "value_high": 600})


def test_esc_after_typing_keeps_what_was_typed_in_the_note(window, qtbot) -> None:
    """Esc saves the field being typed, like leaving it with Tab."""
    at = window.reader.text.index("1951 Refugee Convention")
    window.reader.select_cp(at, at + len("1951 Refugee Convention"))
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_O, Shift)
    [view] = window.session.store.annotations()
    assert view.kind == "obligation"
    _type(qtbot, "1951 Convention")
    _press(qtbot, Qt.Key.Key_Escape)
    assert window.session.store.annotation(view.uuid).fields == {"instrument": "1951 Convention"}
    window.actions_.edit_fields.trigger()
    for _ in range(3):
        _press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.editor.note
    _type(qtbot, "see article 33")
    _press(qtbot, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is window.reader
    assert window.session.store.annotation(view.uuid).note == "see article 33"


def test_next_annotation_from_the_cursor_when_none_is_selected(window, qtbot) -> None:
    store = window.session.store
    text = window.reader.text
    made = []
    for needle, kind in (("about 60 people", "figure"), ("1951 Refugee Convention", "obligation")):
        at = text.index(needle)
        made.append(store.add_annotation(window.document.uuid, kind, at, at + len(needle), window.author))
        window.session.annotation_changed.emit(made[-1])
    cursor = text.index("China is bound")  # after the first, before the second
    for key, expected in ((Qt.Key.Key_Down, made[1]), (Qt.Key.Key_Up, made[0])):
        window.select_annotation(None)
        window.reader.select_cp(cursor, cursor)
        window.reader.setFocus()
        qtbot.keyClick(window.reader, key, Ctrl)
        assert window.selected == expected.uuid


def test_a_standard_key_next_to_its_own_binding_is_listed_once(qapp) -> None:  # type: ignore[no-untyped-def]
    from testimonia.ui.shortcuts import portable, sequences

    standard = QKeySequence.StandardKey.Redo
    first = QKeySequence.keyBindings(standard)[0]
    listed = [portable(s) for s in sequences([standard, first, "Ctrl+Y", "Ctrl+Shift+Z"])]
    assert len(listed) == len(set(listed))
    assert {"Ctrl+Y", "Ctrl+Shift+Z"} <= set(listed)
    taken = {"Ctrl+Y"}
    assert "Ctrl+Y" not in [portable(s) for s in sequences(["Ctrl+Y", "Ctrl+Shift+Z"], taken)]
    assert "Ctrl+Shift+Z" in taken
