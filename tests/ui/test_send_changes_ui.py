"""File › Send changes to a teammate…: for whom and since when, then a small file that merges like a copy."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from testimonia.core import merge
from testimonia.core.merge import exchange
from testimonia.core.sendcopy import send_copy
from testimonia.core.store import Store

from .team_helpers import BOB


def test_send_changes_since_the_last_file_to_a_teammate(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = window.session.store
    reached = exchange.watermarks(store)
    full = send_copy(store, tmp_path / "full.testimonia")
    exchange.record_exchange(store, "Bob Kim", *reached, full.name)
    bob_path = tmp_path / "bob.testimonia"
    with Store.create(bob_path, "Bob's", BOB) as bob:
        merge.merge(bob, full, BOB)
    text = store.document_text(window.document.uuid)
    at = text.index("about 60 people")
    new = store.add_annotation(window.document.uuid, "figure", at, at + len("about 60 people"), window.author)

    assert window.team.send_changes.text().replace("&", "") == "Send changes to a teammate…"
    target = tmp_path / "for-bob.testimonia"
    dialog = window.team.send_changes_dialog(target)
    assert dialog.teammate.currentText() == "Bob Kim"
    assert dialog.since_last.isEnabled() and dialog.since_last.isChecked() and not dialog.date.isEnabled()
    assert "full.testimonia" in dialog.last_sent.text()
    # Keyboard: the name field has a mnemonic label; every label shows plain text.
    labels = dialog.findChildren(QLabel)
    assert any(lb.buddy() is dialog.teammate and "&" in lb.text() for lb in labels)
    assert all(lb.textFormat() == Qt.TextFormat.PlainText for lb in labels if lb.buddy() is None)

    dialog.teammate.setEditText("Carol")  # no file to Carol yet: a date it must be
    assert not dialog.since_last.isEnabled() and dialog.since_date.isChecked() and dialog.date.isEnabled()
    dialog.teammate.setEditText("Bob Kim")
    assert dialog.since_last.isChecked()
    dialog.accept()

    box = window.last_message
    assert box is not None and box.icon() == QMessageBox.Icon.Information and "for-bob.testimonia" in box.text()
    with Store.open(bob_path) as bob:
        report = merge.merge(bob, target, BOB)
        assert report.annotations_new == 1 and bob.annotation(new.uuid).exact == "about 60 people"
    assert [e.to for e in exchange.exchanges(store)] == ["Bob Kim", "Bob Kim"]
