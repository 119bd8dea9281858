"""The incident view: the timeline of incidents (each with its evidence count) beside one
incident's description, participants, every annotation linked to it grouped by kind (source, date,
grade; Enter jumps to the span) and its figures compared on a chart."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from testimonia.core.errors import TestimoniaError
from testimonia.core.evidence.chart import layout
from testimonia.core.evidence.vocab import parse_when

from .evidence_chart import FigureChart
from .evidence_common import EvidenceTree, MemoBox, jump
from .i18n import arg
from .plain import plain_label, plain_tooltip

if TYPE_CHECKING:
    from testimonia.core.evidence import Register
    from testimonia.core.evidence.views import IncidentView as Incident

    from .shell import Shell

UUID_ROLE = Qt.ItemDataRole.UserRole


class IncidentView(QWidget):
    def __init__(self, win: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.win = win
        self.setObjectName("incidentView")
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
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.timeline)
        lv.addWidget(self.add_button)
        lv.addWidget(self.edit_button)
        lv.addWidget(self.remove_button)
        lv.addWidget(self.link_button)

        self.title = plain_label()
        self.title.setObjectName("incidentTitle")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.meta = plain_label()
        self.description = plain_label()
        self.participants = plain_label()
        self.memo = MemoBox(win, "incident")
        self.units = QComboBox(objectName="chartFigures")
        self.units.setAccessibleName(self.tr("Figures to compare"))
        self.units.currentIndexChanged.connect(lambda *_: self._show_chart())
        self.evidence = EvidenceTree(win)
        self.evidence.setObjectName("incidentEvidence")
        self.chart = FigureChart()
        self.chart.jump.connect(lambda a, d: jump(self.win, a, d))
        self.chart_note = plain_label()
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        for w in (self.title, self.meta, self.description, self.participants, self.memo):
            rv.addWidget(w)
        # Evidence and chart side by side: stacked, neither had room in a dock of a 700-pixel window.
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(self.evidence)
        chart_box = QWidget()
        cv = QVBoxLayout(chart_box)
        cv.setContentsMargins(0, 0, 0, 0)
        cv.addWidget(self.units)
        cv.addWidget(self.chart)
        cv.addWidget(self.chart_note)
        body.addWidget(chart_box)
        body.setStretchFactor(0, 1)
        body.setStretchFactor(1, 1)
        body.setSizes([1000, 1000])  # halves, whatever the tree's own size hint
        rv.addWidget(body, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        split.setSizes([220, 800])
        outer = QHBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addWidget(split)
        self.stale = True

    @property
    def register(self) -> Register | None:
        session = self.win.session
        return session.store.evidence if session is not None else None

    def refresh(self, keep: str | None = None) -> None:
        """Read the timeline again, keeping the current incident selected."""
        reg = self.register
        keep = keep or self.current_uuid()
        self.timeline.blockSignals(True)
        self.timeline.clear()
        if reg is not None:
            for inc in reg.incidents():
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
        self._fill_units(reg)
        self.stale = False
        self.show_current()

    def current_uuid(self) -> str | None:
        item = self.timeline.currentItem()
        return item.data(UUID_ROLE) if item is not None else None

    def show_current(self) -> None:
        reg, uuid = self.register, self.current_uuid()
        if reg is None or uuid is None:
            for w in (self.title, self.meta, self.description, self.participants, self.chart_note):
                w.setText("")
            self.title.setText(self.tr("No incident yet: add one, then link annotations to it as evidence."))
            self.evidence.clear()
            self.memo.show_memo(None)
            self.chart.set_layout(layout([]))
            return
        self.show_incident(reg, reg.incident(uuid))

    def show_incident(self, reg: Register, inc: Incident) -> None:
        self.title.setText(inc.title)
        parts = [inc.type_name, inc.when, inc.place]
        self.meta.setText("  ·  ".join(p for p in parts if p))
        self.description.setText(inc.description)
        self.description.setVisible(bool(inc.description))
        self.participants.setText("\n".join(f"{p.role.replace('_', ' ')}: {p.entity_name}" for p in inc.participants))
        self.participants.setVisible(bool(inc.participants))
        self.memo.show_memo(inc.uuid)
        groups = reg.incident_evidence(inc.uuid)
        self.evidence.fill(groups)
        self._figures = groups.get("figure", [])
        self._show_chart()

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
