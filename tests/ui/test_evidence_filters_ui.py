"""The evidence date filter in View › Evidence table and the evidence filters of File › Export…
(issue 12, "filters everywhere"): the table shows only the rows in range, the exported file holds
only the rows the filters keep, and the two keep the same rows."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import Qt


def _prepare(window) -> dict[str, str]:  # type: ignore[no-untyped-def]
    store = window.session.store
    doc = window.document.uuid
    text = store.document_text(doc)
    ids: dict[str, str] = {}
    for name, needle, kind, fields in (
        ("sixty", "about 60 people", "figure", {"value": 60, "date": "2024-04"}),
        ("range", "500 to 600", "figure", {"value_low": 500, "value_high": 600, "date": "2023"}),
        ("convention", "1951 Refugee Convention", "obligation", {}),  # dated by its source: 2023-08-14
    ):
        at = text.index(needle)
        ids[name] = store.add_annotation(doc, kind, at, at + len(needle), window.author, fields=fields).uuid
    store.evidence.set_source(doc, window.author, published="2023-08-14", source_type="news")
    store.evidence.set_grade(ids["range"], 2, window.author)
    return ids


def _shown(table) -> set[str]:  # type: ignore[no-untyped-def]
    table.model.fetch_all()
    return {table.annotation_at(r).uuid for r in range(table.model.rowCount())}


def _dates(qtbot, table, low: str, high: str) -> None:  # type: ignore[no-untyped-def]
    table.date_from.setText(low)
    table.date_to.setText(high)
    qtbot.waitUntil(lambda: not table._search_timer.isActive())  # a query per pause in typing


def _export(window, tmp_path: Path, name: str, low: str = "", high: str = "", grade: int = 0) -> set[str]:  # type: ignore[no-untyped-def]
    dialog = window.team.export_dialog()
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    dialog.grade.setCurrentIndex(dialog.grade.findData(grade))
    dialog.date_from.setText(low)
    dialog.date_to.setText(high)
    out = tmp_path / name
    dialog.path.setText(str(out))
    dialog.start()
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    body = "\n".join(",".join(r) for r in rows[1:])
    return {a.uuid for a in window.session.store.annotations() if a.uuid in body}


def test_the_evidence_table_shows_only_the_rows_dated_in_range(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    ids = _prepare(window)
    table = window.team.open_evidence()
    table.refresh()
    assert _shown(table) == set(ids.values())
    _dates(qtbot, table, "2024", "")
    assert _shown(table) == {ids["sixty"]}
    _dates(qtbot, table, "2023", "2023-08")  # the year-only figure and the source's August date
    assert _shown(table) == {ids["range"], ids["convention"]}
    _dates(qtbot, table, "", "2023-07")
    assert _shown(table) == {ids["range"]}
    _dates(qtbot, table, "2023-13", "")  # not a date: said so, and the rows stay as they were
    assert "From date “2023-13” is not a date such as 2023, 2023-08 or 2023-08-14" in (
        window.statusBar().currentMessage())
    assert _shown(table) == {ids["range"]}
    _dates(qtbot, table, "", "")
    assert _shown(table) == set(ids.values())
    assert {table.date_from.focusPolicy(), table.date_to.focusPolicy()} == {Qt.FocusPolicy.StrongFocus}


def test_the_export_dialog_keeps_only_the_filtered_rows(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ids = _prepare(window)
    assert _export(window, tmp_path, "all.csv") == set(ids.values())
    assert _export(window, tmp_path, "2024.csv", "2024") == {ids["sixty"]}
    assert _export(window, tmp_path, "graded.csv", "2023", "2023", grade=2) == {ids["range"]}
    inc = window.session.store.evidence.add_incident("Returns", "forced return", window.author).value
    window.session.store.evidence.link_incident(ids["convention"], inc.uuid, window.author)
    dialog = window.team.export_dialog()  # reads the register's choices as it opens
    dialog.incident.setCurrentIndex(dialog.incident.findData(inc.uuid))
    out = tmp_path / "incident.csv"
    dialog.path.setText(str(out))
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    dialog.start()
    text = out.read_text(encoding="utf-8-sig")
    assert ids["convention"] in text and ids["sixty"] not in text and ids["range"] not in text


def test_a_wrong_export_date_is_said_plainly_and_nothing_is_written(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _prepare(window)
    dialog = window.team.export_dialog()
    out = tmp_path / "never.csv"
    dialog.path.setText(str(out))
    dialog.date_from.setText("2024")
    dialog.date_to.setText("2023-05")
    assert dialog.start() is None and not out.exists()
    assert dialog.problem.textFormat() == Qt.TextFormat.PlainText
    assert dialog.problem.text() == "The to date 2023-05 is before the from date 2024"
    assert dialog.focusWidget() is dialog.date_to
    dialog.date_to.setText("2024-02-30")
    assert dialog.start() is None and not out.exists()
    assert dialog.problem.text() == "To date “2024-02-30” is not a date such as 2023, 2023-08 or 2023-08-14"


def test_the_table_and_the_export_keep_the_same_rows(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _prepare(window)
    table = window.team.open_evidence()
    for n, (low, high, grade) in enumerate((("2023", "", 0), ("", "2023-12", 0), ("2023-08", "2024", 2),
                                           ("2023-08-14", "2023-08-14", 0), ("2030", "", 0))):
        table.grade.setCurrentIndex(table.grade.findData(grade))
        _dates(qtbot, table, low, high)
        assert _shown(table) == _export(window, tmp_path, f"same-{n}.csv", low, high, grade), (low, high, grade)
