"""Creating annotations from a selection: the stored span is exactly the selected characters."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from testimonia.core import labels

from .conftest import select_needle


@pytest.mark.parametrize(
    ("key", "kind", "needle"),
    [
        (Qt.Key.Key_1, "statement", "“탈북민 강제북송을 중단하라,”"),
        (Qt.Key.Key_S, "statement", "👩‍👩‍👧 from Yanji 🙏🏽"),
        (Qt.Key.Key_2, "figure", "x\u0331 owner (नमस्ते) counted about 60 people"),
        (Qt.Key.Key_F, "figure", "𝕏 posts said 500 to 600"),
        (Qt.Key.Key_3, "obligation", "its non-refoulement obligations"),
        (Qt.Key.Key_O, "obligation", "1951 Refugee Convention"),
    ],
)
def test_key_creates_annotation_with_exact_text(window, qtbot, key, kind, needle) -> None:
    start, end = select_needle(window, needle)
    qtbot.keyClick(window.reader, key)
    store = window.session.store
    [view] = store.annotations(document=window.document.uuid)
    assert view.kind == kind
    assert (view.start, view.end) == (start, end)
    assert view.exact == window.reader.text[start:end] == needle
    assert window.selected == view.uuid
    assert window.reader.index.get(view.uuid) is not None
    first = labels.field_specs(kind)[0].key
    assert QApplication.focusWidget() is window.editor.field_widget(first)


def test_selection_is_trimmed_of_outer_whitespace(window, qtbot) -> None:
    start, end = select_needle(window, " said the families’ spokesperson ")
    qtbot.keyClick(window.reader, Qt.Key.Key_1)
    [view] = window.session.store.annotations()
    assert view.exact == "said the families’ spokesperson"
    assert (view.start, view.end) == (start + 1, end - 1)


def test_no_selection_creates_nothing(window, qtbot) -> None:
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_1)
    assert window.session.store.annotations() == []
    assert "Select some text" in window.statusBar().currentMessage()


def test_toolbar_action_and_context_menu_actions_mark(window) -> None:
    select_needle(window, "about 60 people")
    figure = next(a for a in window.actions_.label_actions if a.data() == labels.FIGURE)
    figure.trigger()
    [view] = window.session.store.annotations()
    assert view.kind == "figure"
    assert figure in window.reader._context_actions


def test_typing_a_digit_in_a_field_does_not_mark(window, qtbot) -> None:
    select_needle(window, "about 60 people")
    qtbot.keyClick(window.reader, Qt.Key.Key_2)
    value = window.editor.field_widget("value")
    assert QApplication.focusWidget() is value
    qtbot.keyClick(value, Qt.Key.Key_1)  # goes into the field, not to the "1" shortcut
    assert value.text() == "1"
    assert len(window.session.store.annotations()) == 1
