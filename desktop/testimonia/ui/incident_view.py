"""The incident view: the timeline of incidents (each with its evidence count) beside one
incident's description, participants, every annotation linked to it grouped by kind (source, date,
grade; Enter jumps to the span) and its figures compared on a chart."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QWidget,
)

from testimonia.core.errors import TestimoniaError
from testimonia.core.evidence.chart import layout
from testimonia.core.evidence.vocab import PARTICIPANT_ROLES, parse_when

from .evidence_chart import FigureChart
from .evidence_common import EvidencePane, EvidenceTree, MemoBox, column, jump
from .i18n import arg, translate
from .plain import plain_label, plain_tooltip

if TYPE_CHECKING:
    from testimonia.core.evidence import Register
    from testimonia.core.evidence.views import EntityView as Entity
    from testimonia.core.evidence.views import IncidentView as Incident

    from .shell import Shell

UUID_ROLE = Qt.ItemDataRole.UserRole


ROLE_ROLE = Qt.ItemDataRole.UserRole + 1


class IncidentView(EvidencePane):
    def __init__(self, win: Shell, parent: QWidget | None = None) -> None:
        super().__init__(win, parent)
        self.setObjectName("incidentView")
        self._incidents: dict[str, Incident] = {}  # as the timeline read them: shown without reading again
        self.timeline = QListWidget(objectName="incidentTimeline")
        self.timeline.setAccessibleName(self.tr("Incidents by date"))
        self.timeline.currentItemChanged.connect(lambda *_: self.show_current())
        self.add_button = QPushButton(self.tr("&New incident…"))
        self.add_button.clicked.connect(self.new_incident)
        self.link_button = QPushButton(self.tr("&Link the selected annotation"))
        self.link_button.setToolTip(self.tr("Link the annotation selected in the reader to this incident as evidence"))
        self.link_button.clicked.connect(self.link_selected)
        self.edit_button = QPushButton(self.tr("Ed&it incident…"))
        self.edit_button.clicked.connect(self.edit_incident)
        self.remove_button = QPushButton(self.tr("&Remove incident"))
        self.remove_button.clicked.connect(self.remove_incident)
        left = column(self.timeline, self.add_button, self.edit_button, self.remove_button, self.link_button)

        self.title = plain_label()
        self.title.setObjectName("incidentTitle")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.meta = plain_label()
        self.description = plain_label()
        self.participants = _ParticipantList(self.remove_participant)
        self.participants.setObjectName("incidentParticipants")
        self.participants.setAccessibleName(self.tr("Participants and their roles"))
        # Two rows show without scrolling (more scroll), and the buttons sit beside it, not under each
        # other: a taller row pushed the main window past 700 pixels.
        self.participants.setMaximumHeight(2 * self.fontMetrics().lineSpacing() + 8)
        self.add_participant_button = QPushButton(self.tr("Add &participant…"))
        self.add_participant_button.setToolTip(self.tr("An entity from the register, in a role: victim group, "
                                                       "perpetrator, source or intervening party"))
        self.add_participant_button.clicked.connect(self.add_participant)
        self.remove_participant_button = QPushButton(self.tr("Remove par&ticipant"))
        self.remove_participant_button.setToolTip(self.tr("Remove the selected participant (Delete)"))
        self.remove_participant_button.clicked.connect(self.remove_participant)
        people = QWidget()
        pv = QHBoxLayout(people)
        pv.setContentsMargins(0, 0, 0, 0)
        pv.addWidget(self.participants, 1)
        pv.addWidget(self.add_participant_button, 0, Qt.AlignmentFlag.AlignTop)
        pv.addWidget(self.remove_participant_button, 0, Qt.AlignmentFlag.AlignTop)
        self.memo = MemoBox(win, "incident")
        self.units = QComboBox(objectName="chartFigures")
        self.units.setAccessibleName(self.tr("Figures to compare"))
        self.units.currentIndexChanged.connect(lambda *_: self._show_chart())
        self.evidence = EvidenceTree(win)
        self.evidence.setObjectName("incidentEvidence")
        self.chart = FigureChart()
        self.chart.jump.connect(lambda a, d: jump(self.win, a, d))
        self.chart_note = plain_label()
        # Evidence and chart side by side: stacked, neither had room in a dock of a 700-pixel window.
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(self.evidence)
        body.addWidget(column(self.units, self.chart, self.chart_note))
        body.setStretchFactor(0, 1)
        body.setStretchFactor(1, 1)
        body.setSizes([1000, 1000])  # halves, whatever the tree's own size hint
        right = column(self.title, self.meta, self.description, people, self.memo, body)
        right.layout().setStretchFactor(body, 1)
        self.arrange(left, right, (220, 800))

    def refresh(self, keep: str | None = None) -> None:
        """Read the timeline again, keeping the current incident selected, and show that incident.
        The figure units (a project-wide count over every figure) are read after the view has
        painted unless a unit is being shown: the combo box already offers this incident's figures."""
        reg = self.register
        keep = keep or self.current_uuid()
        self.timeline.blockSignals(True)
        self.timeline.clear()
        self._incidents = {}
        if reg is not None:
            for inc in reg.incidents():
                self._incidents[inc.uuid] = inc
                label = f"{inc.when or '—'}  ·  {inc.type_name}  ·  {inc.title}  ({inc.evidence_count})"
                item = QListWidgetItem(label)
                item.setData(UUID_ROLE, inc.uuid)
                item.setToolTip(plain_tooltip(label))
                self.timeline.addItem(item)
                if inc.uuid == keep:
                    self.timeline.setCurrentItem(item)
        if self.timeline.currentItem() is None and self.timeline.count():
            self.timeline.setCurrentRow(0)
        self.timeline.blockSignals(False)
        if self.units.currentData():
            self._fill_units(reg)
        else:
            self._units_pending = True
            QTimer.singleShot(0, self, self._fill_pending_units)
        self.stale = False
        self.show_current()

    def _fill_pending_units(self) -> None:
        if getattr(self, "_units_pending", False):
            self._units_pending = False
            self._fill_units(self.register)

    def current_uuid(self) -> str | None:
        item = self.timeline.currentItem()
        return item.data(UUID_ROLE) if item is not None else None

    def show_current(self) -> None:
        reg, uuid = self.register, self.current_uuid()
        if reg is None or uuid is None:
            for w in (self.title, self.meta, self.description, self.chart_note):
                w.setText("")
            self.participants.clear()
            self.title.setText(self.tr("No incident yet: add one, then link annotations to it as evidence."))
            self.evidence.clear()
            self.memo.show_memo(None)
            self.chart.set_layout(layout([]))
            return
        inc = self._incidents.get(uuid)
        self.show_incident(reg, inc if inc is not None else reg.incident(uuid))

    def show_incident(self, reg: Register, inc: Incident) -> None:
        self.title.setText(inc.title)
        parts = [inc.type_name, inc.when, inc.place]
        self.meta.setText("  ·  ".join(p for p in parts if p))
        self.description.setText(inc.description)
        self.description.setVisible(bool(inc.description))
        self._fill_participants(inc)
        self.memo.show_memo(inc.uuid)
        groups = reg.incident_evidence(inc.uuid)
        self.evidence.fill(groups)
        self._figures = groups.get("figure", [])
        self._show_chart()

    def role_name(self, role: str) -> str:
        return {"victim_group": self.tr("victim group"), "perpetrator": self.tr("perpetrator"),
                "source": self.tr("source"), "intervening_party": self.tr("intervening party")}.get(role, role)

    def _fill_participants(self, inc: Incident) -> None:
        self.participants.clear()
        for p in inc.participants:
            item = QListWidgetItem(f"{self.role_name(p.role)}: {p.entity_name}")
            item.setData(UUID_ROLE, p.entity_uuid)
            item.setData(ROLE_ROLE, p.role)
            self.participants.addItem(item)
        if not inc.participants:
            item = QListWidgetItem(self.tr("No participants yet."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.participants.addItem(item)
        else:
            self.participants.setCurrentRow(0)
        self.remove_participant_button.setEnabled(bool(inc.participants))

    def _fill_units(self, reg: Register | None) -> None:
        """The units the chart can show instead of one incident's figures (project-wide: read with the
        timeline, not with each incident)."""
        keep = self.units.currentData()
        self.units.blockSignals(True)
        self.units.clear()
        self.units.addItem(self.tr("This incident's figures"), "")
        for unit, n in (reg.figure_units() if reg is not None else []):
            self.units.addItem(arg(self.tr("All figures of %1 (%2)"), unit, str(n)), unit)
        self.units.setCurrentIndex(max(0, self.units.findData(keep)))
        self.units.blockSignals(False)

    def _show_chart(self) -> None:
        """The chosen figures on the chart: the incident's, or every figure of one unit."""
        reg, unit = self.register, self.units.currentData()
        figures = reg.figures(unit=unit) if reg is not None and unit else getattr(self, "_figures", [])
        lay = layout(figures)
        self.chart.set_layout(lay)
        self.chart_note.setText(self.tr("%n figure(s) without a date or a number not drawn.", "", lay.left_out)
                                if lay.left_out else "")

    def new_incident(self) -> None:
        reg = self.register
        if reg is None:
            return
        dialog = IncidentDialog(reg, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            start, end, approx = parse_when(dialog.when.text())
            op = reg.add_incident(dialog.title_edit.text(), dialog.type_box.currentData(), self.win.author,
                                  date_start=start, date_end=end, approximate=approx, place=dialog.place.text(),
                                  description=dialog.description.text())
        except TestimoniaError as exc:
            self.win.show_message(self.tr("Cannot add the incident"), str(exc))
            return
        self.refresh(keep=op.value.uuid)

    def edit_incident(self) -> None:
        reg, uuid = self.register, self.current_uuid()
        if reg is None or uuid is None:
            return
        inc = reg.incident(uuid)
        dialog = IncidentDialog(reg, self)
        dialog.setWindowTitle(self.tr("Edit incident"))
        dialog.title_edit.setText(inc.title)
        dialog.type_box.setCurrentIndex(max(0, dialog.type_box.findData(inc.type_uuid)))
        dialog.when.setText(inc.when)
        dialog.place.setText(inc.place)
        dialog.description.setText(inc.description)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            start, end, approx = parse_when(dialog.when.text())
            reg.edit_incident(uuid, self.win.author, title=dialog.title_edit.text(), type=dialog.type_box.currentData(),
                              date_start=start, date_end=end, approximate=approx, place=dialog.place.text(),
                              description=dialog.description.text())
        except TestimoniaError as exc:
            self.win.show_message(self.tr("Cannot change the incident"), str(exc))
            return
        self.refresh(keep=uuid)

    def remove_incident(self) -> None:
        reg, uuid = self.register, self.current_uuid()
        if reg is None or uuid is None:
            return
        try:
            reg.delete_incident(uuid, self.win.author)
        except TestimoniaError as exc:
            self.win.show_message(self.tr("Cannot remove the incident"), str(exc))
            return
        self.win.show_status(self.tr("Incident removed; `testimonia incident-edit --restore` brings it back."))
        self.refresh()

    def add_participant(self) -> None:
        reg, uuid = self.register, self.current_uuid()
        if reg is None or uuid is None:
            return
        entities = reg.entities()
        if not entities:
            self.win.show_status(self.tr("The register is empty: add an entity in View › Speakers and entities "
                                         "first."))
            return
        dialog = ParticipantDialog(self, entities)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            reg.add_participant(uuid, dialog.entity_ref(), dialog.role_box.currentData(), self.win.author)
        except TestimoniaError as exc:
            self.win.show_message(self.tr("Cannot add the participant"), str(exc))
            return
        self.refresh(keep=uuid)

    def remove_participant(self) -> None:
        reg, uuid, item = self.register, self.current_uuid(), self.participants.currentItem()
        if reg is None or uuid is None or item is None or not item.data(UUID_ROLE):
            return
        row = self.participants.currentRow()
        try:
            reg.remove_participant(uuid, item.data(UUID_ROLE), item.data(ROLE_ROLE), self.win.author)
        except TestimoniaError as exc:
            self.win.show_message(self.tr("Cannot remove the participant"), str(exc))
            return
        self.win.show_status(self.tr("Participant removed; Add participant brings it back."))
        self.refresh(keep=uuid)
        self.participants.setCurrentRow(min(row, self.participants.count() - 1))
        self.participants.setFocus()

    def link_selected(self) -> None:
        reg, uuid, annotation = self.register, self.current_uuid(), self.win.selected
        if reg is None or uuid is None:
            return
        if not annotation:
            self.win.show_status(self.tr("Select an annotation in the reader first."))
            return
        try:
            reg.link_incident(annotation, uuid, self.win.author)
        except TestimoniaError as exc:
            self.win.show_message(self.tr("Cannot link the annotation"), str(exc))
            return
        self.refresh(keep=uuid)


class IncidentDialog(QDialog):
    def __init__(self, reg: Register, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New incident"))
        self.title_edit = QLineEdit()
        self.type_box = QComboBox()
        for t in reg.incident_types():
            self.type_box.addItem(t.name, t.uuid)
        self.when = QLineEdit()
        self.when.setPlaceholderText(self.tr("2024-04-26, 2023-10, 2020/2023; ~ for approximate"))
        self.place = QLineEdit()
        self.description = QLineEdit()
        form = QFormLayout(self)
        form.addRow(self.tr("&Title:"), self.title_edit)
        form.addRow(self.tr("T&ype:"), self.type_box)
        form.addRow(self.tr("&Date:"), self.when)
        form.addRow(self.tr("&Place:"), self.place)
        form.addRow(self.tr("D&escription:"), self.description)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class ParticipantDialog(QDialog):
    """An entity typed with completion from the register (name or alias, any case), and its role."""

    def __init__(self, view: IncidentView, entities: list[Entity]) -> None:
        super().__init__(view)
        self.setWindowTitle(self.tr("Add participant"))
        # The entry as offered ("name · type"), so two entries of one name are told apart.
        self.offered: dict[str, str] = {}
        for e in entities:
            kind = translate("EntityView", e.type)  # the speakers view's names of the types
            for name in e.names():
                self.offered.setdefault(f"{name} · {kind}", e.uuid)
        self.entity = QLineEdit(objectName="participantEntity")
        self.entity.setPlaceholderText(self.tr("a name or alias from the register"))
        completer = QCompleter(sorted(self.offered, key=str.casefold), self.entity)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.entity.setCompleter(completer)
        self.role_box = QComboBox(objectName="participantRole")
        for role in PARTICIPANT_ROLES:
            self.role_box.addItem(view.role_name(role), role)
        form = QFormLayout(self)
        form.addRow(self.tr("&Entity:"), self.entity)
        form.addRow(self.tr("&Role:"), self.role_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def entity_ref(self) -> str:
        """The chosen entry's UUID, or the text as typed (a name or alias the register resolves)."""
        text = " ".join(self.entity.text().split())
        return self.offered.get(text, text)


class _ParticipantList(QListWidget):
    """Delete removes the selected participant."""

    def __init__(self, on_delete) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self._on_delete = on_delete

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self._on_delete()
            return
        super().keyPressEvent(event)
