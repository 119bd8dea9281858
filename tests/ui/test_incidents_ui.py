"""View › Incidents and View › Speakers and entities (issue 12): the incident view with its
evidence and the figures chart (hover, click and keys jump to the span), bulk linking by speaker
text, entity merge and undo, and entity names offered while typing a speaker."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QDialog

from testimonia.core.store import Store
from testimonia.core.views import AuthorRef
from testimonia.ui.main_window import MainWindow
from testimonia.ui.workers import SynchronousRunner

from .conftest import TRICKY_TEXT, select_needle


def _prepare(project: Path, author: AuthorRef) -> dict[str, str]:
    with Store.open(project) as store:
        doc = store.documents()[0].uuid
        text = store.document_text(doc)
        ids: dict[str, str] = {"doc": doc}
        for name, needle, kind, fields in (
            ("quote", "“탈북민 강제북송을 중단하라,”", "statement", {"speaker": "the families’ spokesperson"}),
            ("sixty", "about 60 people", "figure", {"value": 60, "approximate": True, "date": "2024-04"}),
            ("range", "500 to 600", "figure", {"value_low": 500, "value_high": 600, "date": "2023"}),
        ):
            i = text.index(needle)
            ids[name] = store.add_annotation(doc, kind, i, i + len(needle), author, fields=fields).uuid
        reg = store.evidence
        inc = reg.add_incident("Yanji returns", "forced return", author, date_start="2023", date_end="2024-04",
                               place="Yanji").value
        ids["inc"] = inc.uuid
        for k in ("quote", "sixty", "range"):
            reg.link_incident(ids[k], inc.uuid, author)
        reg.set_grade(ids["sixty"], 2, author)
        reg.set_source(doc, author, outlet="Border Watch", reliability="B")
    return ids


@pytest.fixture
def win(qtbot, author: AuthorRef, project: Path, runner: SynchronousRunner) -> Iterator[tuple[MainWindow, dict]]:  # type: ignore[no-untyped-def, type-arg]
    ids = _prepare(project, author)
    w = MainWindow(author, runner=runner)
    qtbot.addWidget(w)
    w.resize(1024, 700)
    w.show()
    qtbot.waitExposed(w)
    assert w.open_project(project)
    yield w, ids
    w.close()


def test_the_incident_view_shows_evidence_and_the_chart_jumps_to_spans(qtbot, win) -> None:  # type: ignore[no-untyped-def]
    w, ids = win
    w.evidence.incidents_action.trigger()
    view = w.evidence.incidents.widget
    assert view.timeline.count() == 1 and "Yanji returns" in view.timeline.item(0).text()
    assert view.title.text() == "Yanji returns" and "forced return" in view.meta.text()
    kinds = [view.evidence.topLevelItem(i).text(0) for i in range(view.evidence.topLevelItemCount())]
    assert kinds == ["Statement (1)", "Figure (2)"]
    first = view.evidence.topLevelItem(1).child(1)
    assert first.text(1) == "Border Watch [B]"
    chart = view.chart
    assert len(chart.lay.marks) == 2 and {m.is_bar for m in chart.lay.marks} == {True, False}
    # A click on a mark opens its document and selects the annotation.
    r = chart.plot_rect()
    mark = next(m for m in chart.lay.marks if not m.is_bar)
    x = r.left() + (mark.x0 + mark.x1) / 2 * r.width()
    y = r.bottom() - mark.y0 * r.height()
    assert chart.mark_at(QPointF(x, y)) == chart.lay.marks.index(mark)
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPointF(x, y).toPoint())
    assert w.selected == ids["sixty"]
    # The keyboard: Right moves to the other mark, Enter jumps.
    chart.setFocus()
    qtbot.keyClick(chart, Qt.Key.Key_Right)
    qtbot.keyClick(chart, Qt.Key.Key_Return)
    assert w.selected == chart.lay.marks[chart.current].annotation_uuid
    # Enter on an evidence row jumps too.
    row = view.evidence.topLevelItem(0).child(0)
    view.evidence.setCurrentItem(row)
    view.evidence.itemActivated.emit(row, 0)
    assert w.selected == ids["quote"]


def test_linking_the_selected_annotation_and_a_new_incident(qtbot, win, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    w, ids = win
    view = w.evidence.open_incidents()
    from testimonia.ui import incident_view

    def fake_exec(dialog: QDialog) -> int:
        dialog.title_edit.setText("Hunchun detentions")
        dialog.when.setText("~2024-05")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(incident_view.IncidentDialog, "exec", fake_exec)
    view.add_button.click()
    assert view.title.text() == "Hunchun detentions" and "~2024-05" in view.meta.text()
    w.select_annotation(ids["range"])
    view.link_button.click()
    assert w.session.store.evidence.incident(view.current_uuid()).evidence_count == 1


def test_speakers_bulk_link_merge_and_undo(qtbot, win, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    w, ids = win
    view = w.evidence.open_entities()
    from testimonia.ui import entity_view

    select_needle(w, "spokesperson")

    def fake_exec(dialog: QDialog) -> int:
        assert dialog.name.text() == "spokesperson"  # named after the reader's selection
        dialog.name.setText("Families' spokesperson")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(entity_view.EntityDialog, "exec", fake_exec)
    view.new_button.click()
    assert view.entities.count() == 1
    view.speaker_texts.setCurrentRow(0)
    view.link_button.click()
    assert [e.annotation_uuid for e in w.session.store.evidence.entity_evidence(view.current_uuid())] == [ids["quote"]]
    assert view.statements.topLevelItemCount() == 1
    # A second entry merged into the first, then the merge undone.
    reg = w.session.store.evidence
    other = reg.add_entity("Spokesperson", "person", w.author).value
    view.refresh()
    view.entities.setCurrentRow([view.entities.item(i).data(Qt.ItemDataRole.UserRole)
                                 for i in range(view.entities.count())].index(other.uuid))
    monkeypatch.setattr(entity_view.QInputDialog, "getItem", lambda *a, **k: (a[3][0], True))
    view.merge_button.click()
    assert view.entities.count() == 1 and reg.entity(other.uuid).same_as is not None
    view.unmerge_button.click()
    assert view.entities.count() == 2 and reg.entity(other.uuid).same_as is None


def test_the_speaker_field_offers_register_names(qtbot, win) -> None:  # type: ignore[no-untyped-def]
    w, _ids = win
    w.session.store.evidence.add_entity("Jeong Park", "person", w.author, aliases=["정 박"])
    w.session._field_values.clear()
    values = w.session.field_values("speaker")
    qtbot.waitUntil(lambda: "Jeong Park" in w.session.field_values("speaker"), timeout=3000)
    assert "정 박" in w.session.field_values("speaker") and values is not None
    assert TRICKY_TEXT  # the fixture's text, which the prepared annotations quote


def test_the_evidence_table_filters_by_incident_entity_source_type_and_grade(qtbot, win) -> None:  # type: ignore[no-untyped-def]
    from testimonia.core.evidence.vocab import SOURCE_TYPES
    from testimonia.ui.evidence_filters import SOURCE_TYPE_NAMES

    assert tuple(SOURCE_TYPE_NAMES) == SOURCE_TYPES
    w, ids = win
    reg = w.session.store.evidence
    other = reg.add_incident("Unrelated", "disappearance", w.author).value
    reg.link_incident(ids["quote"], other.uuid, w.author)
    park = reg.add_entity("Spokesperson", "person", w.author).value
    alias = reg.add_entity("The spokesperson", "person", w.author).value
    reg.link_entity(ids["quote"], alias.uuid, "speaker", w.author)
    reg.merge_entities(park.uuid, alias.uuid, w.author)
    table = w.team.open_evidence()
    table.refresh()

    def shown() -> set[str]:
        return {table.annotation_at(r).uuid for r in range(table.model.rowCount())}

    assert shown() == {ids["quote"], ids["sixty"], ids["range"]}
    table.incident.setCurrentIndex(table.incident.findData(other.uuid))
    assert shown() == {ids["quote"]}
    table.incident.setCurrentIndex(0)
    table.entity.setCurrentIndex(table.entity.findData(park.uuid))  # linked through the entry merged into it
    assert shown() == {ids["quote"]}
    table.entity.setCurrentIndex(0)
    table.grade.setCurrentIndex(table.grade.findData(2))
    assert shown() == {ids["sixty"]}
    table.grade.setCurrentIndex(0)
    table.source_type.setCurrentIndex(table.source_type.findData("testimony"))
    assert shown() == set()
    reg.set_source(ids["doc"], w.author, source_type="testimony")
    table.refresh()
    assert len(shown()) == 3


def test_the_document_source_and_a_credibility_grade_from_the_annotate_menu(qtbot, win, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    w, ids = win
    from testimonia.ui import evidence_source

    w.open_document(ids["doc"])

    def fake_exec(dialog: QDialog) -> int:
        assert dialog.edits["outlet"].text() == "Border Watch"  # what the project holds
        dialog.edits["published"].setText("2024-04-28")
        dialog.reliability.setCurrentIndex(dialog.reliability.findData("C"))
        dialog.source_type.setCurrentIndex(dialog.source_type.findData("ngo_report"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(evidence_source.SourceDialog, "exec", fake_exec)
    w.evidence.source_action.trigger()
    src = w.session.store.evidence.source(ids["doc"])
    assert (src.published, src.reliability, src.source_type, src.outlet) == ("2024-04-28", "C", "ngo_report",
                                                                             "Border Watch")
    w.select_annotation(ids["range"])
    monkeypatch.setattr(evidence_source.QInputDialog, "getItem", lambda *a, **k: (a[3][4], True))
    w.evidence.grade_action.trigger()
    assert w.session.store.evidence.grade(ids["range"]) == 4
    assert w.evidence.source_action.shortcut().toString() == "Ctrl+Shift+U"


def test_incident_memo_and_the_chart_by_unit(qtbot, win) -> None:  # type: ignore[no-untyped-def]
    w, ids = win
    view = w.evidence.open_incidents()
    view.memo.edit.setFocus()
    view.memo.edit.setPlainText("Two counts disagree: check Border Watch.")
    view.timeline.setFocus()  # leaving the box saves it
    assert w.session.store.evidence.memo("incident", ids["inc"]).text == "Two counts disagree: check Border Watch."
    store = w.session.store
    with store.write_connection() as conn:  # a teammate's version written at the same time, as a merge brings it
        conn.execute("INSERT INTO memo_revision VALUES ('00000000-0000-4000-8000-0000000000cc', 'incident', ?, '[]', "
                     "'Teammate: the 60 is from April.', 1, ?)", (ids["inc"], w.author.uuid))
    view.refresh()
    assert view.memo.conflict.isVisible() and "Teammate: the 60 is from April." in view.memo.conflict.text()
    store.edit_annotation(ids["sixty"], w.author, fields={"value": 60, "date": "2024-04", "unit": "people"})
    store.edit_annotation(ids["range"], w.author, fields={"value_low": 500, "value_high": 600, "date": "2023",
                                                           "unit": "people"})
    view.refresh()
    qtbot.waitUntil(lambda: view.units.findData("people") >= 0)  # the units are read once the view has painted
    view.units.setCurrentIndex(view.units.findData("people"))
    assert len(view.chart.lay.marks) == 2


def test_editing_and_removing_incidents_and_entities(qtbot, win, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    w, ids = win
    from testimonia.ui import entity_view, incident_view

    view = w.evidence.open_incidents()

    def edit_incident(dialog: QDialog) -> int:
        assert dialog.title_edit.text() == "Yanji returns" and dialog.when.text() == "2023/2024-04"
        dialog.description.setText("Returns after the border reopened.")
        dialog.when.setText("~2023-09/2024-04")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(incident_view.IncidentDialog, "exec", edit_incident)
    view.edit_button.click()
    inc = w.session.store.evidence.incident(ids["inc"])
    assert (inc.description, inc.when) == ("Returns after the border reopened.", "~2023-09/2024-04")
    view.remove_button.click()
    assert view.timeline.count() == 0 and w.session.store.evidence.incidents(include_deleted=True)[0].deleted

    people = w.evidence.open_entities()
    ent = w.session.store.evidence.add_entity("Spokesman", "person", w.author).value
    people.refresh(keep=ent.uuid)

    def edit_entity(dialog: QDialog) -> int:
        dialog.name.setText("Spokesperson")
        dialog.aliases.setText("대변인; spokesman")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(entity_view.EntityDialog, "exec", edit_entity)
    people.edit_button.click()
    assert w.session.store.evidence.entity(ent.uuid).aliases == ("대변인", "spokesman")
    people.remove_button.click()
    assert people.entities.count() == 0


def test_participants_added_and_removed_in_the_incident_view(qtbot, win, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    w, ids = win
    from testimonia.ui import incident_view

    reg = w.session.store.evidence
    park = reg.add_entity("Jung Park", "person", w.author, aliases=["정 박"]).value
    reg.add_entity("Human Rights Watch", "organisation", w.author)
    view = w.evidence.open_incidents()
    assert not view.remove_participant_button.isEnabled()
    # Alt+P and Alt+T reach the buttons: no menu or other visible button of the window holds them.
    import re

    from PySide6.QtWidgets import QAbstractButton

    def key(text: str) -> str:
        m = re.search(r"&(\w)", text)
        return m.group(1).casefold() if m else ""

    taken = [key(a.text()) for a in w.menuBar().actions()] + [
        key(b.text()) for b in w.findChildren(QAbstractButton)
        if b.isVisible() and b not in (view.add_participant_button, view.remove_participant_button)]
    assert {key(view.add_participant_button.text()), key(view.remove_participant_button.text())} == {"p", "t"}
    assert not {"p", "t"} & set(taken)
    offered: list[str] = []

    def pick(entity: str, role: str):  # type: ignore[no-untyped-def]
        def fake_exec(dialog: QDialog) -> int:
            model = dialog.entity.completer().model()
            offered[:] = [model.index(i, 0).data() for i in range(model.rowCount())]
            dialog.entity.setText(entity)
            dialog.role_box.setCurrentIndex(dialog.role_box.findData(role))
            return QDialog.DialogCode.Accepted
        return fake_exec

    # Picked as completion offers it (an alias, with the type), then typed as a bare name.
    monkeypatch.setattr(incident_view.ParticipantDialog, "exec", pick("정 박 · person", "perpetrator"))
    view.add_participant_button.click()
    assert "정 박 · person" in offered and "Human Rights Watch · organisation" in offered
    monkeypatch.setattr(incident_view.ParticipantDialog, "exec", pick("human rights watch", "source"))
    view.add_participant_button.click()
    parts = reg.incident(ids["inc"]).participants
    assert sorted((p.entity_name, p.role) for p in parts) == [("Human Rights Watch", "source"),
                                                              ("Jung Park", "perpetrator")]
    assert [view.participants.item(i).text() for i in range(view.participants.count())] == [
        "perpetrator: Jung Park", "source: Human Rights Watch"]
    # A name the register does not hold: a message, nothing written.
    messages: list[str] = []
    monkeypatch.setattr(w, "show_message", lambda title, text: messages.append(text))
    monkeypatch.setattr(incident_view.ParticipantDialog, "exec", pick("Nobody", "source"))
    view.add_participant_button.click()
    assert messages and "Nobody" in messages[0] and len(reg.incident(ids["inc"]).participants) == 2
    # Delete on the list removes the selected one, and the focus stays in the list.
    view.participants.setFocus()
    view.participants.setCurrentRow(0)
    qtbot.keyClick(view.participants, Qt.Key.Key_Delete)
    assert [(p.entity_uuid, p.role) for p in reg.incident(ids["inc"]).participants] != [(park.uuid, "perpetrator")]
    assert [p.entity_name for p in reg.incident(ids["inc"]).participants] == ["Human Rights Watch"]
    assert view.participants.count() == 1 and view.participants.hasFocus()
    view.remove_participant_button.click()
    assert reg.incident(ids["inc"]).participants == ()
    assert view.participants.item(0).text() == "No participants yet." and not view.remove_participant_button.isEnabled()
