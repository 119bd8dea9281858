"""File > Export… and the annotation imports, through the dialogs with the file choosers bypassed."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from testimonia.core import interop
from testimonia.core.store import Store


def _annotate(window) -> None:  # type: ignore[no-untyped-def]
    store = window.session.store
    text = store.document_text(window.document.uuid)
    for needle, kind in (("about 60 people", "figure"), ("1951 Refugee Convention", "obligation")):
        at = text.index(needle)
        store.add_annotation(window.document.uuid, kind, at, at + len(needle), window.author)


def test_export_every_format(window, runner, tmp_path) -> None:
    _annotate(window)
    for fmt in interop.FORMATS:
        dialog = window.team.export_dialog()
        dialog.format.setCurrentIndex(dialog.format.findData(fmt))
        out = tmp_path / (f"out-{fmt}" + ("" if fmt == "brat" else ".x"))
        dialog.path.setText(str(out))
        dialog.start()
        assert out.exists(), fmt
        box = window.last_message
        assert box.textFormat() == Qt.TextFormat.PlainText and "Exported 2 annotations" in box.text()


def test_export_current_document_one_kind(window, tmp_path) -> None:
    _annotate(window)
    dialog = window.team.export_dialog()
    dialog.format.setCurrentIndex(dialog.format.findData("w3c"))
    dialog.current.setChecked(True)
    dialog.kind.setCurrentIndex(dialog.kind.findData("figure"))
    out = tmp_path / "figures.jsonld"
    dialog.path.setText(str(out))
    dialog.start()
    data = json.loads(out.read_text(encoding="utf-8"))
    assert "Exported 1 annotation from 1 document to " in window.last_message.text()
    assert "figure" in json.dumps(data)


def test_export_error_names_the_file(window, tmp_path) -> None:
    dialog = window.team.export_dialog()
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    dialog.path.setText(str(tmp_path / "no-such-folder" / "table.csv"))
    dialog.start()
    assert "table.csv" in window.last_message.text()
    assert dialog.export_button.isEnabled()


def test_import_w3c_and_qdpx_round_trip(window, tmp_path, author) -> None:
    _annotate(window)
    store = window.session.store
    w3c, qdpx = tmp_path / "a.jsonld", tmp_path / "a.qdpx"
    interop.export(store, "w3c", w3c)
    interop.export(store, "refi", qdpx)
    other = tmp_path / "other.testimonia"
    Store.create(other, "Other", author).close()
    assert window.open_project(other)
    window.team.import_file("qdpx", qdpx)
    assert len(window.session.store.annotations()) == 2
    assert "a.qdpx" in window.last_message.text()
    assert window.document is not None
    window.team.import_file("w3c", w3c)
    assert "duplicates" in window.last_message.text()
    assert len(window.session.store.annotations()) == 2  # the same annotations are not added twice


def test_import_broken_file_is_reported_plainly(window, tmp_path) -> None:
    bad = tmp_path / "broken <b>.jsonld"
    bad.write_text("{not json", encoding="utf-8")
    window.team.import_file("w3c", bad)
    box = window.last_message
    assert box.textFormat() == Qt.TextFormat.PlainText and "broken <b>.jsonld" in box.text()


def _w3c_file(window, tmp_path, n: int):  # type: ignore[no-untyped-def]
    """A W3C file of n annotations on the open document, written by another tool (no Testimonia ids)."""
    doc = window.document
    text = window.session.store.document_text(doc.uuid)
    items = [{"type": "Annotation", "creator": {"type": "Person", "name": "Coder Kim"},
              "body": [{"type": "TextualBody", "purpose": "tagging", "value": ("statement", "figure", "custom")[i % 3]},
                       {"type": "TextualBody", "purpose": "commenting", "value": f"note {i}"}],
              "target": {"source": {"textSha256": doc.text_sha256},
                         "selector": [{"type": "TextPositionSelector", "start": i, "end": i + 5},
                                      {"type": "TextQuoteSelector", "exact": text[i:i + 5]}]}}
             for i in range(n)]
    path = tmp_path / "coded.jsonld"
    path.write_text(json.dumps({"type": "AnnotationPage", "items": items}), encoding="utf-8")
    return path


def test_a_w3c_import_shows_its_count_and_is_one_undo_step(window, tmp_path) -> None:
    store = window.session.store
    before_labels = {lb.uuid for lb in store.labels()}
    stack = window.session.undo_stack
    window.team.import_file("w3c", _w3c_file(window, tmp_path, 60))
    assert window.statusBar().currentMessage() == "Imported 60 annotations"
    assert stack.count() == 1 and stack.undoText() == "Import W3C annotations"
    assert store.stats()["annotations"] == 60 and window.annotations.model.rowCount() == 60
    added_label = {lb.uuid for lb in store.labels()} - before_labels
    assert len(added_label) == 1  # "custom" became a label of its own

    window.undo()
    assert store.stats()["annotations"] == 0
    assert {lb.uuid for lb in store.labels()} == before_labels
    assert window.annotations.model.rowCount() == 0
    with store._read() as conn:  # one tombstone per annotation, written together
        assert conn.execute("SELECT count(DISTINCT author_uuid), count(*) FROM revision WHERE deleted").fetchone() \
            == (1, 60)
    window.redo()
    assert store.stats()["annotations"] == 60
    assert window.annotations.model.rowCount() == 60
    assert {a.note for a in store.annotations()} == {f"note {i}" for i in range(60)}


def test_a_one_annotation_import_says_so_in_the_singular(window, tmp_path) -> None:
    window.team.import_file("w3c", _w3c_file(window, tmp_path, 1))
    assert window.statusBar().currentMessage() == "Imported 1 annotation"


def test_exports_people_read_are_in_the_interface_language(window, tmp_path) -> None:
    from testimonia.ui import i18n

    store = window.session.store
    text = store.document_text(window.document.uuid)
    at = text.index("about 60 people")
    store.add_annotation(window.document.uuid, "figure", at, at + 15, window.author,
                         fields={"value": 60, "approximate": True})
    i18n.install_translators("ko")
    try:
        assert i18n.ui_language() == "ko"
        for fmt, name in (("csv", "t.csv"), ("report", "r.html")):
            dialog = window.team.export_dialog()
            dialog.format.setCurrentIndex(dialog.format.findData(fmt))
            dialog.path.setText(str(tmp_path / name))
            dialog.start()
    finally:
        i18n.install_translators("en")
    assert i18n.ui_language() == "en"
    header, row = (tmp_path / "t.csv").read_text(encoding="utf-8-sig").splitlines()[:2]
    assert row.split(",")[header.split(",").index("approximate")] == "예"
    assert "<dt>어림값</dt><dd>예</dd>" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_import_summary_names_annotations_already_in_the_project(window, tmp_path) -> None:
    from tests.core.test_interop_refi_receivers import _through_another_tool

    store = window.session.store
    text = store.document_text(window.document.uuid)
    at = text.index("about 60 people")
    store.add_annotation(window.document.uuid, "figure", at, at + 15, window.author, fields={"value": 60})
    interop.export(store, "refi", tmp_path / "ours.qdpx")
    _through_another_tool(tmp_path / "ours.qdpx", tmp_path / "back.qdpx")
    window.team.import_file("qdpx", tmp_path / "back.qdpx")
    message = window.last_message.text()
    assert "0 annotations added" in message
    assert "Already in the project with other fields or notes" in message and message.rstrip().endswith(": 1.")
    assert [a.fields for a in store.annotations()] == [{"value": 60}]


def _many(window, n: int) -> None:  # type: ignore[no-untyped-def]
    store = window.session.store
    text = store.document_text(window.document.uuid)
    at = text.index("about 60 people")
    for i in range(n):
        store.add_annotation(window.document.uuid, "figure", at, at + 15, window.author, note=f"reading {i}")


def test_the_export_dialog_follows_the_rows_as_they_are_written(window, runner, tmp_path, monkeypatch) -> None:
    from testimonia.core.interop import selection

    monkeypatch.setattr(selection, "PROGRESS_EVERY", 2)
    _many(window, 7)
    dialog = window.team.export_dialog()
    dialog.format.setCurrentIndex(dialog.format.findData("w3c"))
    out = tmp_path / "all.jsonld"
    dialog.path.setText(str(out))
    dialog.start()
    shown = [(done, total) for done, total, text in runner.reports if text == "Writing all.jsonld"]
    assert shown == [(0, 0), (2, 7), (4, 7), (6, 7), (7, 7)]
    assert len(json.loads(out.read_text(encoding="utf-8"))["first"]["items"]) == 7


def test_cancel_while_writing_keeps_the_previous_file(window, tmp_path, monkeypatch) -> None:
    from testimonia.core.interop import selection
    from testimonia.ui.workers import SynchronousRunner

    monkeypatch.setattr(selection, "PROGRESS_EVERY", 1)
    _many(window, 6)
    out = tmp_path / "table.csv"
    out.write_text("an older table\n", encoding="utf-8")
    window.runner = SynchronousRunner(cancel_after=3)  # Cancel pressed after two rows are written
    dialog = window.team.export_dialog()
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    dialog.path.setText(str(out))
    dialog.start()
    assert out.read_text(encoding="utf-8") == "an older table\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".table")) == []
    assert "Cancelled; nothing was changed" in window.statusBar().currentMessage()
    assert dialog.export_button.isEnabled()
