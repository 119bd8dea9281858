"""While the window has the project open, the main file alone (what a USB stick or an e-mail
receives, without -wal and -shm) holds each action of the workflow moments after it is made; and
File › Send a copy to a teammate… writes one file holding everything."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from testimonia.core.store import Store

from .conftest import select_needle
from .helpers import commit_text
from .team_helpers import teammate_with_conflict


def seen_alone(path: Path, scratch: Path) -> dict[str, object] | None:
    """What a byte copy of the main file alone holds (None while a checkpoint is writing it)."""
    copy = scratch / "stick.testimonia"
    shutil.copyfile(path, copy)
    try:
        with Store.open(copy, readonly=True) as store:
            return {
                "annotations": {a.uuid: (a.kind, a.fields, a.note, a.conflict) for a in store.annotations()},
                "titles": [d.title for d in store.documents()],
                "labels": [lb.name for lb in store.labels()],
            }
    except (sqlite3.Error, OSError, ValueError):
        return None
    finally:
        copy.unlink()


def expect_alone(qtbot, window, tmp_path: Path, check) -> None:  # type: ignore[no-untyped-def]
    scratch = tmp_path / "scratch"
    scratch.mkdir(exist_ok=True)

    def holds() -> None:
        seen = seen_alone(window.session.store.path, scratch)
        assert seen is not None and check(seen), seen

    qtbot.waitUntil(holds, timeout=5000)


def test_each_action_reaches_the_main_file_while_the_window_is_open(window, qtbot, tmp_path) -> None:
    select_needle(window, "about 60 people")
    qtbot.keyClick(window.reader, Qt.Key.Key_2)
    uuid = window.selected
    expect_alone(qtbot, window, tmp_path, lambda s: uuid in s["annotations"])

    unit = window.editor.field_widget("unit")
    commit_text(unit, "people")
    qtbot.keyClick(unit, Qt.Key.Key_Return)
    expect_alone(qtbot, window, tmp_path, lambda s: s["annotations"][uuid][1].get("unit") == "people")

    window.editor.note.setFocus()
    commit_text(window.editor.note, "두 명의 증언")
    window.reader.setFocus()
    expect_alone(qtbot, window, tmp_path, lambda s: s["annotations"][uuid][2] == "두 명의 증언")

    window.undo()
    expect_alone(qtbot, window, tmp_path, lambda s: s["annotations"][uuid][2] == "")
    window.redo()
    expect_alone(qtbot, window, tmp_path, lambda s: s["annotations"][uuid][2] == "두 명의 증언")

    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Delete)
    expect_alone(qtbot, window, tmp_path, lambda s: uuid not in s["annotations"])
    window.undo()
    expect_alone(qtbot, window, tmp_path, lambda s: uuid in s["annotations"])

    window.rename_document(window.document.uuid, "Yanji field report")
    expect_alone(qtbot, window, tmp_path, lambda s: s["titles"] == ["Yanji field report"])


def test_a_merge_reaches_the_main_file_and_a_sent_copy_holds_it(window, qtbot, tmp_path, monkeypatch) -> None:
    path, shared = teammate_with_conflict(window, tmp_path)
    window.team.merge_file(path)
    window.merge_dialog.apply()
    expect_alone(qtbot, window, tmp_path, lambda s: s["annotations"][shared][3] is True and len(s["annotations"]) == 2)

    outbox = tmp_path / "outbox"
    outbox.mkdir()
    target = outbox / "for-bob.testimonia"
    window.team.send_copy_dialog(target)
    box = window.last_message
    assert box is not None and box.icon() == QMessageBox.Icon.Information and "for-bob.testimonia" in box.text()
    assert sorted(p.name for p in outbox.iterdir()) == ["for-bob.testimonia"]
    with Store.open(target, readonly=True) as copy:
        assert copy.annotation(shared).conflict and len(copy.annotations()) == 2
