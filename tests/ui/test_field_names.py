"""Fields on screen read as the editor names them, in the label's order, in the interface language:
never the stored keys (speaker_role, value_low) or Python's True."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from testimonia.core import merge
from testimonia.core.store import Store
from testimonia.ui import i18n

from .team_helpers import BOB

FIGURE_FIELDS = {"value_high": 600, "value_low": 500, "approximate": True, "unit": "people", "place": "Yanji"}


@pytest.fixture
def english_after() -> Iterator[None]:
    yield
    i18n.install_translators("en")
    QLocale.setDefault(QLocale.system())


def _figure(window) -> str:  # type: ignore[no-untyped-def]
    store = window.session.store
    text = store.document_text(window.document.uuid)
    at = text.index("500 to 600")
    view = store.add_annotation(window.document.uuid, "figure", at, at + len("500 to 600"), window.author,
                                fields=FIGURE_FIELDS)
    at = text.index("said the families")
    store.add_annotation(window.document.uuid, "statement", at, at + 4, window.author,
                         fields={"speaker_role": "relative", "mode": "reported", "speaker": "Park"})
    window.session.documents_changed.emit()
    return view.uuid


def _fields_cells(window) -> list[str]:  # type: ignore[no-untyped-def]
    table = window.team.open_evidence()
    column = 4
    return sorted(table.model.index(r, column).data() for r in range(table.model.rowCount()))


def test_evidence_table_shows_display_names_in_the_labels_order(window) -> None:
    _figure(window)
    assert _fields_cells(window) == [
        "Low: 500; High: 600; Approximate: yes; What is counted: people; Place: Yanji",
        "Speaker: Park; Speaker's role: relative; Mode: reported",
    ]
    table = window.team.evidence_table()
    table.search.setText("speaker_role")  # the stored key is nothing a user typed or saw
    table._requery()  # what the pause after typing runs
    assert table.model.rowCount() == 0
    table.search.setText("Speaker's role: relative")
    table._requery()
    assert table.model.rowCount() == 1


def test_evidence_table_in_korean(window, english_after) -> None:  # type: ignore[no-untyped-def]
    _figure(window)
    i18n.install_translators("ko")
    window.team.evidence_table().refresh()
    assert _fields_cells(window) == [
        "발언자: Park; 발언자의 역할: relative; 인용 방식: 간접 인용",
        "최솟값: 500; 최댓값: 600; 어림값: 예; 세는 대상: people; 장소: Yanji",
    ]


def test_conflicts_view_shows_display_names_in_the_labels_order(window, tmp_path: Path,
                                                                english_after) -> None:  # type: ignore[no-untyped-def]
    uuid = _figure(window)
    store = window.session.store
    other = tmp_path / "bob.testimonia"
    with Store.create(other, "Bob", BOB) as bob:
        merge.merge(bob, store.path, BOB)
        bob.edit_annotation(uuid, BOB, fields={**FIGURE_FIELDS, "value_low": 550, "approximate": False})
    store.edit_annotation(uuid, window.author, note="checked")
    merge.merge(store, other, window.author)
    view = window.team.open_conflicts()
    titles = [view.table.verticalHeaderItem(r).text().removeprefix("≠ ") for r in range(view.table.rowCount())]
    assert titles == ["Author", "Time", "Label", "Characters", "Text", "Low", "High", "Approximate",
                      "What is counted", "Place", "Note", "Deleted"]
    row = titles.index("Approximate")
    mine = next(i for i, h in enumerate(view.current[1]) if h.author != BOB.name)
    assert view.table.item(row, mine).text() == "yes" and view.table.item(row, 1 - mine).text() == "no"
    assert view.table.item(titles.index("Label"), 0).text() == "Figure"
    assert {"Low", "Approximate", "Note"} <= set(view.different)

    i18n.install_translators("ko")
    view.refresh()
    titles = [view.table.verticalHeaderItem(r).text().removeprefix("≠ ") for r in range(view.table.rowCount())]
    assert titles[5:10] == ["최솟값", "최댓값", "어림값", "세는 대상", "장소"]
    assert view.table.item(titles.index("어림값"), mine).text() == "예"
