"""View › Agreement: how far the coders agree, where they disagree, and settling it.

Three tabs. Measures (here): a grid of annotator sets (each pair, and all of them) × labels showing one
measure with its bootstrap interval; the current cell's every measure beside it. Disagreements:
those behind the current cell, each shown side by side per annotator (agreement_compare), with
accept / merge / reject / edit as undo steps (adjudication.py), in agreement_disagreements.py.
Progress: disagreements left per document, and accepting in bulk where all agree, in
agreement_progress.py. The view keeps the widgets and the state; its methods of those tabs call
the functions there.

The report is computed in a worker (runner.quiet: no modal dialog, the window stays usable);
a result that arrives after the selection or the project changed is dropped. Curated
annotations do not change the figures (they are left out of the codings), so settling only
re-reads which annotations are settled; an edit of a coding marks the figures out of date.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from testimonia.core.agreement import curation, report_export
from testimonia.core.agreement.curation_marks import CURATED, is_curated
from testimonia.core.agreement.data import Codings, read
from testimonia.core.agreement.report import AgreementReport, Disagreement, Options, SetResult, compute
from testimonia.core.errors import TestimoniaError
from testimonia.core.views import AnnotationView

from . import agreement_disagreements as disagreement_tab
from . import agreement_progress as progress_tab
from .agreement_compare import ComparePanel
from .agreement_text import CHARACTER_LEVEL, CHOICES, estimate_text, label_text, measure_name, nvivo_note
from .disagreements_model import DisagreementsModel
from .i18n import arg, format_count, translate, ui_language
from .plain import plain_item, plain_label

if TYPE_CHECKING:
    from .shell import Shell

SAMPLES = 1000
ALL = "__all__"


@dataclass
class Outcome:
    report: AgreementReport
    settled: set[str]
    codings: Codings  # the spans compared, for the side-by-side tracks


def _named(widget: QLabel, name: str) -> QLabel:
    widget.setObjectName(name)
    return widget


class AgreementView(QWidget):
    def __init__(self, win: Shell) -> None:
        super().__init__(win)
        self.setObjectName("agreementView")
        self.win = win
        self.report: AgreementReport | None = None
        self.codings: Codings | None = None
        self.settled: set[str] = set()
        self.warnings: list[str] = []
        self.computing = False
        self.stale = False
        self._generation = 0
        self._texts: dict[str, str] = {}
        self._last_curated: str | None = None
        # Built by agreement_disagreements.py and agreement_progress.py, which act on them.
        self.model: DisagreementsModel
        self.list: QTableView
        self.compare: ComparePanel
        self.buttons: QGridLayout
        self.accept_first: QAction
        self.accept_second: QAction
        self.merge_action: QAction
        self.reject_action: QAction
        self.edit_action: QAction
        self.next_action: QAction
        self.previous_action: QAction
        self.refresh_action: QAction
        self.action_buttons: list[QPushButton]
        self.progress: QTableWidget
        self.share: QSpinBox
        self.bulk_button: QPushButton
        self.progress_summary: QLabel
        self._build_controls()
        self._build_tabs()
        self._build_actions()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(self.controls)
        lay.addWidget(self.status)
        lay.addWidget(self.tabs, 1)
        self._settled_timer = QTimer(self, singleShot=True, interval=200)
        self._settled_timer.timeout.connect(self.refresh_settled)

    # -- building ----------------------------------------------------------------------------
    def _build_controls(self) -> None:
        self.annotators = QListWidget(objectName="agreementAnnotators")
        self.annotators.setFlow(QListWidget.Flow.LeftToRight)
        self.annotators.setWrapping(False)
        self.annotators.setMaximumHeight(self.fontMetrics().height() * 2 + 4)
        self.annotators.setToolTip(self.tr("Annotators to compare (Space ticks or unticks one)"))
        self.annotators.setAccessibleName(self.tr("Annotators"))
        self.documents = QComboBox(objectName="agreementDocuments")
        self.documents.setAccessibleName(self.tr("Documents"))
        self.labels = QComboBox(objectName="agreementLabels")
        self.labels.setAccessibleName(self.tr("Labels"))
        self.reference = QComboBox(objectName="agreementReference")
        self.reference.setAccessibleName(self.tr("Reference"))
        self.reference.setToolTip(self.tr("Pair everyone with a reference (the curated reading, or a gold author): "
                                          "precision and recall are then theirs against it"))
        self.overlap = QDoubleSpinBox(objectName="agreementOverlap")
        self.overlap.setRange(0.05, 1.0)
        self.overlap.setSingleStep(0.05)
        self.overlap.setValue(0.5)
        self.overlap.setPrefix(self.tr("overlap ≥ "))
        self.overlap.setToolTip(self.tr("Two spans match when their shared length over their joint length reaches "
                                        "this (1 asks for identical boundaries)"))
        self.compute_button = QPushButton(self.tr("Compute"), objectName="agreementCompute")
        self.compute_button.setToolTip(self.tr("Compute the figures for this choice (F5)"))
        self.compute_button.clicked.connect(lambda *_: self.refresh())
        self.export_button = QPushButton(self.tr("Export report…"), objectName="agreementExport")
        self.export_button.setToolTip(self.tr("The measures, intervals and disagreements as HTML, CSV or Excel"))
        self.export_button.clicked.connect(lambda *_: self.export_report())
        self.controls = QHBoxLayout()
        self.controls.addWidget(self.annotators, 2)
        self.controls.addWidget(self.documents, 1)
        self.controls.addWidget(self.labels, 1)
        self.controls.addWidget(self.reference, 1)
        self.controls.addWidget(self.overlap)
        self.controls.addWidget(self.compute_button)
        self.controls.addWidget(self.export_button)
        self.status = _named(plain_label(), "agreementStatus")

    def _build_tabs(self) -> None:
        self.measure = QComboBox(objectName="agreementMeasure")
        for key, _, _ in CHOICES:
            self.measure.addItem(measure_name(key), key)
        self.measure.setAccessibleName(self.tr("Measure shown"))
        self.measure.currentIndexChanged.connect(lambda *_: self._fill_grid())
        self.grid = QTableWidget(objectName="agreementGrid")
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.currentCellChanged.connect(lambda *_: self._cell_changed())
        self.grid.cellActivated.connect(lambda *_: self.go_to_disagreements())
        self.note = _named(plain_label(), "agreementNote")
        self.details = QTableWidget(objectName="agreementDetails")
        self.details.setColumnCount(2)
        self.details.setHorizontalHeaderLabels([self.tr("Measure"), self.tr("Value [95 % interval]")])
        self.details.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.details.verticalHeader().hide()
        self.details.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.details.horizontalHeader().setStretchLastSection(True)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.measure)
        ll.addWidget(self.grid, 1)
        ll.addWidget(self.note)
        measures = QSplitter(Qt.Orientation.Horizontal)
        measures.addWidget(left)
        measures.addWidget(self.details)
        measures.setSizes([600, 400])

        dis = disagreement_tab.build_tab(self)
        prog = progress_tab.build_tab(self)

        self.tabs = QTabWidget(objectName="agreementTabs")
        self.tabs.addTab(measures, self.tr("&Measures"))
        self.tabs.addTab(dis, self.tr("&Disagreements"))
        self.tabs.addTab(prog, self.tr("&Progress"))

    def _build_actions(self) -> None:
        disagreement_tab.build_actions(self)

    # -- the selection -----------------------------------------------------------------------
    def fill_choices(self) -> None:
        """Documents and labels of the open project (annotators come with each report)."""
        session = self.win.session
        for combo, first in ((self.documents, self.tr("All documents")), (self.labels, self.tr("All labels"))):
            keep = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(first, ALL)
            if session is not None:
                if combo is self.documents:
                    for d in session.store.documents():
                        combo.addItem(d.title, d.uuid)
                else:
                    for lb in self.win.labels:
                        combo.addItem(lb.name, lb.uuid)
            at = combo.findData(keep)
            combo.setCurrentIndex(max(at, 0))
            combo.blockSignals(False)
        keep = self.reference.currentData()
        self.reference.clear()
        self.reference.addItem(self.tr("Every pair"), "")
        self.reference.addItem(self.tr("Against the curated reading"), CURATED)
        for key, name in sorted((session.store.authors() if session else {}).items(), key=lambda kv: kv[1].casefold()):
            self.reference.addItem(arg(self.tr("Against %1"), name), key)
        self.reference.setCurrentIndex(max(self.reference.findData(keep), 0))

    def options(self, samples: int = SAMPLES) -> Options:
        keys = [self.annotators.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.annotators.count())]
        ticked = [k for i, k in enumerate(keys)
                  if self.annotators.item(i).checkState() == Qt.CheckState.Checked]
        doc, label = self.documents.currentData(), self.labels.currentData()
        return Options(authors=tuple(ticked) if len(ticked) < len(keys) else (),
                       documents=(doc,) if doc and doc != ALL else (),
                       labels=(label,) if label and label != ALL else (),
                       overlap=round(self.overlap.value(), 4), samples=samples,
                       reference=self.reference.currentData() or None)

    # -- computing ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Compute the report for the current choice in a worker; the figures arrive when ready."""
        session = self.win.session
        if session is None:
            self._show_error(self.tr("Open a project first"))
            return
        dock = getattr(self.win, "agreement", None)
        if dock is not None:
            dock.follow()  # another project since the last figures: its own annotators and documents
        self._generation += 1
        generation, store, options = self._generation, session.store, self.options()
        self.computing = True
        self.status.setText(self.tr("Computing the figures and their intervals…"))

        def job() -> Outcome:
            report = compute(store, options)
            codings = read(store, documents=options.documents, labels=options.labels,
                           with_curated=options.reference == CURATED)
            return Outcome(report, curation.settled(store), codings)

        self.win.runner.quiet(job, lambda out: self._computed(generation, session, out),  # type: ignore[arg-type]
                              lambda exc: self._failed(generation, exc))

    def _computed(self, generation: int, session: object, out: Outcome) -> None:
        if generation != self._generation or session is not self.win.session:
            return
        self.computing, self.stale = False, False
        self.report, self.settled, self.codings = out.report, out.settled, out.codings
        self._texts.clear()
        self._fill_annotators(out.report)
        self.warnings = [str(w) for w in out.report.warnings]
        text = arg(self.tr("%1 annotators, %2 disagreements. Intervals: 95 % bootstrap, %3 samples."),
                   format_count(len(out.report.annotators)), format_count(len(out.report.disagreements)),
                   format_count(out.report.options.samples))
        if self.warnings:  # listed under the measures, where they apply; one line here keeps the grid tall
            text += " " + self.tr("%n warning(s), listed with the measures.", "", len(self.warnings))
        self.status.setText(text)
        self._fill_grid()
        self._fill_progress()
        if self.grid.rowCount() and (self.grid.currentRow(), self.grid.currentColumn()) != (0, 0):
            self.grid.setCurrentCell(0, 0)  # fills the details and the list
        else:
            self._cell_changed()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self.computing = False
        if not isinstance(error, TestimoniaError):
            self.win.job_failed(error)
            return
        self._show_error(str(error))

    def _show_error(self, text: str) -> None:
        self.report, self.warnings = None, []
        self.status.setText(text)
        self._fill_grid()
        self._fill_progress()
        self._cell_changed()

    def _fill_annotators(self, report: AgreementReport) -> None:
        shown = {self.annotators.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.annotators.count())}
        if report.options.authors and shown:
            return  # the user's ticks stay as they are
        self.annotators.clear()
        for key, name in report.annotators:
            if key == CURATED:
                continue  # the reference is chosen beside; the ticks are for coders
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.annotators.addItem(item)
        if self.annotators.count():
            self.annotators.setCurrentRow(0)

    def mark_changed(self, view: object = None) -> None:
        """The project changed: re-read what is settled; a changed coding makes the figures stale."""
        if self.report is None:
            return
        if isinstance(view, AnnotationView) and not is_curated(view.fields) and not self.stale:
            self.stale = True
            self.status.setText(self.tr("Codings changed since these figures were computed; press Compute "
                                        "(F5) to bring them up to date."))
        self._settled_timer.start()

    def refresh_settled(self) -> None:
        session = self.win.session
        if session is None or self.report is None:
            return
        try:
            self.settled = curation.settled(session.store)
        except TestimoniaError as exc:
            self.win.show_status(str(exc))
            return
        self.model.set_settled(self.settled)
        self._fill_progress()
        disagreement_tab.enable_actions(self, self.current())

    # -- the grid ----------------------------------------------------------------------------
    def _choice(self) -> tuple[str, str | None, str | None]:
        key = self.measure.currentData()
        return next(c for c in CHOICES if c[0] == key)

    def _fill_grid(self) -> None:
        report = self.report
        keep = (self.grid.currentRow(), self.grid.currentColumn())
        self.grid.clear()
        key, overall, per_label = self._choice()
        self.note.setText(nvivo_note() if key in CHARACTER_LEVEL else self.tr(
            "1 is perfect agreement, 0 what chance gives; journals usually ask for 0.8 (0.667 for tentative "
            "conclusions). In brackets: the 95 % bootstrap interval."))
        if report is None:
            self.grid.setRowCount(0)
            self.grid.setColumnCount(0)
            return
        cols = [None, *report.labels]
        self.grid.setColumnCount(len(cols))
        self.grid.setRowCount(len(report.sets))
        self.grid.setHorizontalHeaderLabels([self.tr("All labels")] + [label_text(lb) for lb in report.labels])
        self.grid.setVerticalHeaderLabels([self._set_name(s) for s in report.sets])
        for r, s in enumerate(report.sets):
            for c, lab in enumerate(cols):
                if lab is None:
                    est = s.measures.get(overall) if overall else None
                else:
                    est = s.per_label.get(lab, {}).get(per_label) if per_label else None
                self.grid.setItem(r, c, plain_item(estimate_text(est) if est is not None else "·", (r, lab)))
        self.grid.resizeColumnsToContents()
        if 0 <= keep[0] < self.grid.rowCount() and 0 <= keep[1] < self.grid.columnCount():
            self.grid.setCurrentCell(*keep)

    @staticmethod
    def _set_name(s: SetResult) -> str:
        return " & ".join(s.names) if s.is_pair else ", ".join(s.names)

    def cell(self) -> tuple[SetResult, str | None] | None:
        item = self.grid.currentItem()
        if self.report is None or item is None:
            return None
        r, lab = item.data(Qt.ItemDataRole.UserRole)
        return self.report.sets[r], lab

    def _cell_changed(self) -> None:
        cell = self.cell()
        self._fill_details(cell)
        self._fill_list(cell)

    def _fill_details(self, cell: tuple[SetResult, str | None] | None) -> None:
        rows: list[tuple[str, str]] = []
        if cell is not None:
            s, lab = cell
            measures = s.measures if lab is None else s.per_label.get(lab, {})
            rows = [(report_export.measure_name(k, ui_language()), estimate_text(e)) for k, e in measures.items()]
            for label, fields in sorted(s.fields.items()):
                if lab is not None and label != lab:
                    continue
                for fkey, res in sorted(fields.items()):
                    value = res.get("value")
                    est = report_export._num(value) if value is not None else "—"
                    low, high = res.get("low"), res.get("high")
                    if value is not None and low is not None and high is not None:
                        est = f"{float(value):.3f} [{float(low):.3f}, {float(high):.3f}]"  # type: ignore[arg-type]
                    elif value is not None:
                        est = f"{float(value):.3f}"  # type: ignore[arg-type]
                    rows.append((arg(self.tr("field %1 of %2 (α, %3 units)"), fkey, label_text(label),
                                     format_count(int(res.get("units", 0)))), est))  # type: ignore[call-overload]
            rows.append((self.tr("units compared"), format_count(s.units)))
            rows.append((self.tr("documents"), format_count(len(s.documents))))
        rows += [(self.tr("warning"), w) for w in self.warnings]
        self.details.setRowCount(len(rows))
        for i, (name, value) in enumerate(rows):
            self.details.setItem(i, 0, plain_item(name))
            self.details.setItem(i, 1, plain_item(value))
        self.details.resizeRowsToContents()

    # -- the disagreements (agreement_disagreements.py) ---------------------------------------
    def _fill_list(self, cell: tuple[SetResult, str | None] | None) -> None:
        disagreement_tab.fill_list(self, cell)

    def go_to_disagreements(self) -> None:
        disagreement_tab.go_to_disagreements(self)

    def current(self) -> Disagreement | None:
        return disagreement_tab.current(self)

    def open_disagreement(self, row: int) -> None:
        disagreement_tab.open_disagreement(self, row)

    def step(self, direction: int) -> None:
        disagreement_tab.step(self, direction)

    def accept(self, side: int) -> AnnotationView | None:
        return disagreement_tab.accept(self, side)

    def merge(self) -> AnnotationView | None:
        return disagreement_tab.merge(self)

    def reject(self) -> AnnotationView | None:
        return disagreement_tab.reject(self)

    def edit_curated(self) -> None:
        disagreement_tab.edit_curated(self)

    # -- progress (agreement_progress.py) --------------------------------------------------------
    def bulk_accept(self) -> QMessageBox | None:
        return progress_tab.bulk_accept(self)

    def progress_rows(self) -> list[tuple[str, str, int, int]]:
        return progress_tab.rows(self)

    def _fill_progress(self) -> None:
        progress_tab.fill(self)

    # -- exporting the report ----------------------------------------------------------------
    def export_report(self, path: Path | str | None = None) -> object:
        report = self.report
        if report is None:
            self.win.show_status(self.tr("Compute the figures first"))
            return None
        if path is None:
            base = Path(self.win.session.store.path).with_suffix("") if self.win.session else Path("agreement")
            name, _ = QFileDialog.getSaveFileName(self, self.tr("Export agreement report"),
                                                  str(base.with_name(base.name + "-agreement.html")),
                                                  self.tr("Report (*.html);;CSV (*.csv);;Excel (*.xlsx)"))
            if not name:
                return None
            path = name
        out = Path(path)
        fmt = out.suffix.lower().lstrip(".") or "html"
        if fmt not in report_export.FORMATS:
            self.win.show_message(self.tr("Export agreement report"),
                                  arg(self.tr("%1: choose a name ending in .html, .csv or .xlsx"), out.name))
            return None
        language = ui_language()

        def job(progress: Callable[[int, int, str], None], cancelled: Callable[[], bool]) -> Path:
            progress(0, 0, arg(translate("AgreementView", "Writing %1"), out.name))
            report_export.export_agreement(report, fmt, out, language)
            return out

        def done(result: object) -> None:
            self.win.show_status(arg(self.tr("Wrote the agreement report to %1"), str(result)))

        from .export_dialog import failed

        return self.win.run_job(self.tr("Exporting"), job, done,
                                lambda exc: failed(self.win, self.tr("Export agreement report"), out, exc))
