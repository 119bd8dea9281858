"""File > Merge a teammate's file…: preview in a worker, nothing written until Apply, then refresh."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from tests.core.merge_helpers import snapshot

from .team_helpers import teammate_with_conflict


def test_preview_then_apply(window, runner, tmp_path) -> None:
    store = window.session.store
    path, shared = teammate_with_conflict(window, tmp_path)
    before = snapshot(store.path)
    window.team.merge_file(path)
    dialog = window.merge_dialog
    assert dialog.isVisible()
    assert dialog.values["New annotations"] == "1"
    assert dialog.values["Conflicts created"] == "1"
    assert dialog.values["Documents matched"] == "1"
    assert snapshot(store.path) == before  # the preview wrote nothing
    assert dialog.apply_button.isEnabled()

    dialog.apply()
    assert dialog.result_report is not None and dialog.result_report.conflicts == [shared]
    assert runner.reports and runner.reports[-1][0] == runner.reports[-1][1]  # progress reached the end
    assert store.annotation(shared).conflict
    assert len(store.annotations()) == 2
    assert window.annotations.model.rowCount() == 2  # the reader and table were re-read
    box = window.last_message
    assert box.textFormat() == Qt.TextFormat.PlainText and "bob.testimonia" in box.text()
    assert window._status_counts.text().endswith(" · 1 conflict")


def test_hostile_file_is_refused_and_nothing_changes(window, tmp_path) -> None:
    store = window.session.store
    bad = tmp_path / "from-a-stranger.testimonia"
    bad.write_text("=HYPERLINK(\"http://x\") <b>not a project</b>\n", encoding="utf-8")
    before = snapshot(store.path)
    window.team.merge_file(bad)
    assert getattr(window, "merge_dialog", None) is None
    box = window.last_message
    assert box is not None and box.textFormat() == Qt.TextFormat.PlainText
    assert "from-a-stranger.testimonia" in box.text() and "unchanged" in box.text()
    assert snapshot(store.path) == before


def test_merging_the_same_file_twice_offers_nothing(window, tmp_path) -> None:
    path, _ = teammate_with_conflict(window, tmp_path)
    window.team.merge_file(path)
    window.merge_dialog.apply()
    window.team.merge_file(path)
    assert not window.merge_dialog.apply_button.isEnabled()


def test_preview_lists_the_annotations_with_their_text(window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from testimonia.core.merge import changes as merge_changes

    path, shared = teammate_with_conflict(window, tmp_path)
    window.team.merge_file(path)
    dialog = window.merge_dialog
    table = dialog.changes
    rows = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
    assert rows == [["In conflict", "Figure", "about 60 people", "Tricky text"],
                    ["New", "Obligation", "1951 Refugee Convention", "Tricky text"]]
    assert all(isinstance(table.item(r, 2), type(table.item(0, 0))) for r in range(2))  # plain items, no markup
    # The dialog is as wide as its title and a line of the list, on the screen it opens on.
    fm = dialog.fontMetrics()
    assert dialog.width() >= fm.horizontalAdvance(dialog.windowTitle()) + 100
    assert dialog.width() >= 100 * fm.averageCharWidth()
    assert dialog.width() <= dialog.screen().availableGeometry().width()
    dialog.reject()

    monkeypatch.setattr(merge_changes, "LISTED", 1)
    window.team.merge_file(path)
    dialog = window.merge_dialog
    assert dialog.changes.rowCount() == 1 and dialog.changes.item(0, 2).text() == "about 60 people"
    assert "… and 1 more not listed here (2 in all)." in [lb.text() for lb in dialog.findChildren(QLabel)]
    dialog.apply()
    assert window.session.store.annotation(shared).conflict  # what the preview listed is what Apply did
