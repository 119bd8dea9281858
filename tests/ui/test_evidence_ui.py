"""View > Evidence table: filters, sorting, jump to the reader, copy as TSV, export of the visible rows."""

from __future__ import annotations

import csv

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication

from .team_helpers import BOB


def _fill(window) -> dict[str, str]:  # type: ignore[no-untyped-def]
    store = window.session.store
    second_text = "=HYPERLINK(\"x\") is a quote; 500 people were moved.\n"
    second = store.import_text("Second report", second_text, BOB, source_name="second.txt")
    text = store.document_text(window.document.uuid)
    out = {}
    for needle, kind in (("about 60 people", "figure"), ("1951 Refugee Convention", "obligation")):
        at = text.index(needle)
        out[needle] = store.add_annotation(window.document.uuid, kind, at, at + len(needle), window.author).uuid
    out["formula"] = store.add_annotation(second.uuid, "statement", 0, 16, BOB, note="hostile cell").uuid
    at = second_text.index("500 people")
    out["500"] = store.add_annotation(second.uuid, "figure", at, at + 10, BOB).uuid
    window.session.documents_changed.emit()
    return out


def test_filter_sort_open_copy_export(window, qtbot, tmp_path) -> None:
    ids = _fill(window)
    table = window.team.open_evidence()
    assert table.model.rowCount() == 4
    table.kind.setCurrentIndex(table.kind.findData("figure"))
    assert table.model.rowCount() == 2
    table.author.setCurrentIndex(table.author.findData(BOB.uuid))
    assert [table.annotation_at(r).uuid for r in range(table.model.rowCount())] == [ids["500"]]
    table.author.setCurrentIndex(0)
    table.search.setText("ABOUT 60")  # the query runs once typing pauses
    qtbot.waitUntil(lambda: table.model.rowCount() == 1, timeout=3000)
    table.search.setText("")
    qtbot.waitUntil(lambda: table.model.rowCount() == 2, timeout=3000)
    table.kind.setCurrentIndex(0)
    table.document.setCurrentIndex(table.document.findData(window.document.uuid))
    assert table.model.rowCount() == 2
    table.document.setCurrentIndex(0)

    table.view.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # by text
    texts = [table.annotation_at(r).exact for r in range(table.model.rowCount())]
    assert texts == sorted(texts, key=str.casefold)
    table.view.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    assert [table.annotation_at(r).exact for r in range(4)] == sorted(texts, key=str.casefold, reverse=True)

    # Double-click opens the other document in the reader with the annotation selected.
    row = next(r for r in range(4) if table.annotation_at(r).uuid == ids["500"])
    table.view.doubleClicked.emit(table.model.index(row, 0))
    assert window.document.title == "Second report" and window.selected == ids["500"]

    sel = table.view.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    sel.select(table.model.index(0, 0), flags)
    sel.select(table.model.index(1, 0), flags)
    table.view.setFocus()
    qtbot.keyClick(table.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QGuiApplication.clipboard().text().split("\n")
    assert len(copied) == 2 and all(len(line.split("\t")) == 9 for line in copied)
    assert copied[0].split("\t")[3] == " ".join(table.annotation_at(0).exact.split())

    table.kind.setCurrentIndex(table.kind.findData("statement"))
    table.kind.setCurrentIndex(0)
    table.author.setCurrentIndex(table.author.findData(BOB.uuid))
    out = table.export_csv(tmp_path / "view.csv")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert len(rows) == 1 + table.model.rowCount() == 3
    assert [r[-2] for r in rows[1:]] == [table.annotation_at(r).uuid for r in range(2)]  # the order shown
    formula = next(r for r in rows[1:] if r[-2] == ids["formula"])
    assert formula[3].startswith("'=HYPERLINK")


def test_table_follows_edits(window, qtbot) -> None:
    table = window.team.open_evidence()
    assert table.model.rowCount() == 0
    text = window.reader.text
    at = text.index("about 60 people")
    window.session.add_annotation(window.document.uuid, window.labels[1].uuid, at, at + 15)
    qtbot.waitUntil(lambda: table.model.rowCount() == 1, timeout=3000)
