"""View › Agreement: how far the coders agree, where they disagree, and settling it.

Three tabs. Measures: a grid of annotator sets (each pair, and all of them) × labels showing one
measure with its bootstrap interval; the current cell's every measure beside it. Disagreements:
those behind the current cell, each shown side by side per annotator (agreement_compare), with
accept / merge / reject / edit as undo steps (adjudication.py). Progress: disagreements left
per document, and accepting in bulk where all agree.

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
from PySide6.QtGui import QAction, QKeySequence
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
    QTableWidgetItem,
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

from . import commands
from .adjudication import AcceptVersion, BulkAccept, MergeVersions, RejectVersions
from .agreement_compare import TRACK_COLORS, ComparePanel, Track
from .agreement_text import CHARACTER_LEVEL, CHOICES, estimate_text, label_text, measure_name, nvivo_note
from .disagreements_model import DisagreementsModel, settled_by
from .i18n import arg, format_count, translate, ui_language
from .plain import plain_label
from .shortcuts import sequences

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


def _item(text: str, data: object = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)  # plain text by construction
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    return item


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

        self.model = DisagreementsModel()
        self.list = QTableView(objectName="agreementDisagreements")
        self.list.setModel(self.model)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.verticalHeader().hide()
        self.list.horizontalHeader().setStretchLastSection(True)
        self.list.setWordWrap(False)
        # Widths from the header and a typical cell: resizing to contents measures every row (a second
        # for 3,000 rows); the user can still drag them.
        em = self.fontMetrics().horizontalAdvance("M")
        for col, width in enumerate((5, 9, 12, 8, 10, 7)):
            self.list.setColumnWidth(col, width * em)
        self.list.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._show_row(cur.row()))
        self.list.activated.connect(lambda index: self.open_disagreement(index.row()))
        self.compare = ComparePanel()
        self.buttons = QGridLayout()  # two rows: one row of six would squeeze the list at 1024 px
        self.buttons.setSpacing(2)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addLayout(self.buttons)
        rl.addWidget(self.compare, 1)
        dis = QSplitter(Qt.Orientation.Horizontal)
        dis.addWidget(self.list)
        dis.addWidget(right)
        dis.setSizes([450, 550])

        self.progress = QTableWidget(objectName="agreementProgress")
        self.progress.setColumnCount(4)
        self.progress.setHorizontalHeaderLabels([self.tr("Document"), self.tr("Disagreements"), self.tr("Settled"),
                                                 self.tr("Left")])
        self.progress.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.progress.verticalHeader().hide()
        self.progress.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.progress.cellActivated.connect(lambda row, _col: self._progress_activated(row))
        self.share = QSpinBox(objectName="agreementShare")
        self.share.setRange(50, 100)
        self.share.setSingleStep(10)
        self.share.setValue(100)
        self.share.setPrefix(self.tr("vote share ≥ "))
        self.share.setSuffix(" %")
        self.share.setToolTip(self.tr("Accept a unit when at least this share of the document's annotators marked "
                                      "it alike"))
        self.bulk_button = QPushButton(self.tr("Accept where all agree…"), objectName="agreementBulk")
        self.bulk_button.setToolTip(self.tr("Same label, overlap above the threshold, same fields: accept them into "
                                            "the curated reading in one step"))
        self.bulk_button.clicked.connect(lambda *_: self.bulk_accept())
        self.progress_summary = _named(plain_label(), "agreementProgressSummary")
        bulk_row = QHBoxLayout()
        bulk_row.addWidget(self.progress_summary, 1)
        bulk_row.addWidget(self.share)
        bulk_row.addWidget(self.bulk_button)
        prog = QWidget()
        pl = QVBoxLayout(prog)
        pl.setContentsMargins(0, 0, 0, 0)
        pl.addLayout(bulk_row)
        pl.addWidget(self.progress, 1)

        self.tabs = QTabWidget(objectName="agreementTabs")
        self.tabs.addTab(measures, self.tr("&Measures"))
        self.tabs.addTab(dis, self.tr("&Disagreements"))
        self.tabs.addTab(prog, self.tr("&Progress"))

    def _build_actions(self) -> None:
        def action(text: str, keys: tuple[str | QKeySequence.StandardKey, ...], slot: Callable[[], object],
                   name: str) -> QAction:
            act = QAction(text, self, objectName=name)
            act.setShortcuts(sequences(keys))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shown = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in act.shortcuts())
            act.setToolTip(f"{text.replace('&', '')} ({shown})" if shown else text.replace("&", ""))
            act.triggered.connect(lambda *_: slot())
            self.addAction(act)
            return act

        self.accept_first = action(self.tr("Accept the first version"), ("Ctrl+1",), lambda: self.accept(0),
                                   "agreementAcceptFirst")
        self.accept_second = action(self.tr("Accept the second version"), ("Ctrl+2",), lambda: self.accept(1),
                                    "agreementAcceptSecond")
        self.merge_action = action(self.tr("Merge boundaries"), ("Ctrl+M",), self.merge, "agreementMerge")
        self.reject_action = action(self.tr("Reject both"), ("Ctrl+R",), self.reject, "agreementReject")
        self.edit_action = action(self.tr("Fix fields of the curated annotation"), ("Ctrl+E",), self.edit_curated,
                                  "agreementEdit")
        self.next_action = action(self.tr("Next disagreement left"), ("F9",), lambda: self.step(1),
                                  "agreementNext")
        self.previous_action = action(self.tr("Previous disagreement left"), ("Shift+F9",), lambda: self.step(-1),
                                      "agreementPrevious")
        self.refresh_action = action(self.tr("Compute again"), ("F5",), self.refresh, "agreementRefresh")
        self.action_buttons: list[QPushButton] = []
        for i, act in enumerate((self.accept_first, self.accept_second, self.merge_action, self.reject_action,
                                 self.edit_action, self.next_action)):
            button = QPushButton(act.text(), objectName=act.objectName() + "Button")
            button.setToolTip(act.toolTip())
            button.clicked.connect(lambda *_, a=act: a.trigger())
            self.buttons.addWidget(button, i // 3, i % 3)
            self.action_buttons.append(button)
        self._enable_actions(None)

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
        self._enable_actions(self.current())

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
                self.grid.setItem(r, c, _item(estimate_text(est) if est is not None else "·", (r, lab)))
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
            self.details.setItem(i, 0, _item(name))
            self.details.setItem(i, 1, _item(value))
        self.details.resizeRowsToContents()

    # -- the disagreements -------------------------------------------------------------------
    def _fill_list(self, cell: tuple[SetResult, str | None] | None) -> None:
        rows: list[Disagreement] = []
        if cell is not None and self.report is not None:
            s, lab = cell
            names = set(s.names)
            docs = set(s.documents)
            for d in self.report.disagreements:
                if d.document not in docs or not set(d.annotators) <= names:
                    continue
                if s.is_pair and tuple(d.annotators) != s.names:
                    continue
                if lab is not None and not any(x is not None and x.label == lab for x in (d.a, d.b)):
                    continue
                rows.append(d)
        self.model.set_rows(rows, self.settled)
        if rows:
            first = next((i for i in range(len(rows)) if not self.model.is_settled(i)), 0)
            self.list.setCurrentIndex(self.model.index(first, 0))
        else:
            self._show_row(-1)
        self.tabs.setTabText(1, arg(self.tr("&Disagreements (%1)"), format_count(len(rows))))

    def go_to_disagreements(self) -> None:
        self.tabs.setCurrentIndex(1)
        self.list.setFocus()

    def current(self) -> Disagreement | None:
        row = self.list.currentIndex().row()
        return self.model.rows[row] if 0 <= row < len(self.model.rows) else None

    def _enable_actions(self, d: Disagreement | None) -> None:
        # Against the curated reading, one side of each disagreement is already the curator's own.
        against_curated = self.report is not None and self.report.options.reference == CURATED
        open_ = d is not None and not settled_by(d, self.settled) and not against_curated
        both = open_ and d is not None and d.a is not None and d.b is not None
        self.accept_first.setEnabled(open_ and d is not None and d.a is not None)
        self.accept_second.setEnabled(open_ and d is not None and d.b is not None)
        self.merge_action.setEnabled(both)
        self.reject_action.setEnabled(open_)
        self.edit_action.setEnabled(self._last_curated is not None)
        if d is not None:
            first, second = d.annotators
            self.accept_first.setText(arg(self.tr("Accept %1's version"), first))
            self.accept_second.setText(arg(self.tr("Accept %1's version"), second))
            self.reject_action.setText(self.tr("Reject both") if both else self.tr("Reject"))
        for button in self.action_buttons:
            act = next(a for a in self.actions() if a.objectName() + "Button" == button.objectName())
            button.setText(act.text())
            button.setEnabled(act.isEnabled())

    def _show_row(self, row: int) -> None:
        d = self.model.rows[row] if 0 <= row < len(self.model.rows) else None
        self._enable_actions(d)
        if d is None:
            self.compare.clear()
            return
        self._show_compare(d)

    def _text(self, doc: str) -> str:
        if doc not in self._texts:
            session = self.win.session
            self._texts[doc] = session.store.document_text(doc) if session else ""
        return self._texts[doc]

    def _show_compare(self, d: Disagreement) -> None:
        """One track per annotator of the report: the pair first, then the others."""
        assert self.report is not None
        try:
            text = self._text(d.document)
        except TestimoniaError as exc:
            self.compare.clear(str(exc))
            return
        order = {name: i for i, name in enumerate(d.annotators)}
        annotators = sorted(self.report.annotators, key=lambda kn: (order.get(kn[1], 2), kn[1]))
        colors = {k: TRACK_COLORS[i % len(TRACK_COLORS)] for i, (k, _) in enumerate(self.report.annotators)}
        tracks = []
        for key, name in annotators:
            spans = self.codings.spans.get(d.document, {}).get(key, []) if self.codings else []
            involved = next((s for s in (d.a, d.b) if s is not None and s.annotator == key), None)
            if involved is None and name not in order:
                involved = next((s for s in spans if s.start < max(x.end for x in (d.a, d.b) if x)
                                 and s.end > d.start), None)
            tracks.append(Track(name, colors[key], spans, involved))
        self.compare.show_tracks(d.title, text, tracks)

    def open_disagreement(self, row: int) -> None:
        """Show the disagreement in the reader too, its first version selected."""
        if not 0 <= row < len(self.model.rows):
            return
        d = self.model.rows[row]
        self.win.open_document(d.document)
        first = d.a or d.b
        if first is not None and self.win.document is not None and self.win.document.uuid == d.document:
            self.win.select_annotation(first.uuid, reveal=True)
        self.list.setFocus()

    def step(self, direction: int) -> None:
        """Move to the next (or previous) disagreement that is not settled yet."""
        rows = len(self.model.rows)
        if not rows:
            return
        self.tabs.setCurrentIndex(1)
        start = self.list.currentIndex().row()
        for i in range(1, rows + 1):
            row = (start + direction * i) % rows
            if not self.model.is_settled(row):
                self.list.setCurrentIndex(self.model.index(row, 0))
                self.list.setFocus()
                return
        self.win.show_status(self.tr("No disagreement left here"))

    # -- settling ----------------------------------------------------------------------------
    def _push(self, command: commands.StoreCommand) -> object | None:
        session = self.win.session
        if session is None:
            return None
        try:
            return commands.push(session, command)
        except TestimoniaError as exc:
            self.win.show_message(self.tr("Curated reading"), str(exc))
            return None

    def _settle(self, make: Callable[[Disagreement], commands.StoreCommand]) -> AnnotationView | None:
        d = self.current()
        if d is None or settled_by(d, self.settled) or self.win.session is None:
            return None
        result = self._push(make(d))
        if not isinstance(result, AnnotationView):
            return None
        self._last_curated = None if result.deleted else result.uuid
        self.settled |= {s.uuid for s in (d.a, d.b) if s is not None}
        self.model.set_settled(self.settled)
        self._fill_progress()
        self._settled_timer.start()  # and read it back from the project
        self.step(1)
        self._enable_actions(self.current())
        return result

    def accept(self, side: int) -> AnnotationView | None:
        def make(d: Disagreement) -> commands.StoreCommand:
            chosen, other = (d.a, d.b) if side == 0 else (d.b, d.a)
            assert chosen is not None
            return AcceptVersion(self.win.session, chosen.uuid, [other.uuid] if other else [])  # type: ignore[arg-type]

        d = self.current()
        if d is None or (d.a if side == 0 else d.b) is None:
            return None
        return self._settle(make)

    def merge(self) -> AnnotationView | None:
        d = self.current()
        if d is None or d.a is None or d.b is None:
            return None
        return self._settle(lambda d: MergeVersions(self.win.session, [d.a.uuid, d.b.uuid],  # type: ignore[arg-type,union-attr]
                                                    take=d.a.uuid))  # type: ignore[union-attr]

    def reject(self) -> AnnotationView | None:
        return self._settle(lambda d: RejectVersions(self.win.session,  # type: ignore[arg-type]
                                                     [s.uuid for s in (d.a, d.b) if s is not None]))

    def edit_curated(self) -> None:
        """Open the last curated annotation in the reader with its fields focused: fixing them is
        an ordinary edit of the curator's annotation (Esc comes back to the reader)."""
        uuid = self._last_curated
        view = self.win.view(uuid)
        if view is None or view.deleted:
            self.win.show_status(self.tr("Accept or merge a version first; then fix its fields"))
            return
        self.win.open_document(view.document_uuid)
        self.win.select_annotation(view.uuid, reveal=True)
        self.win.editor.focus_first_field()

    def bulk_accept(self) -> QMessageBox | None:
        """Ask first, saying how many units and with what vote share; accepting is one undo step."""
        session = self.win.session
        if session is None or self.report is None:
            return None
        base = self.options(samples=0)
        options = Options(authors=base.authors, documents=base.documents, labels=base.labels, overlap=base.overlap)
        share = self.share.value() / 100
        try:
            items = curation.bulk_candidates(session.store, options, share)
        except TestimoniaError as exc:
            self.win.show_message(self.tr("Curated reading"), str(exc))
            return None
        if not items:
            self.win.show_status(self.tr("Nothing to accept: no unit left where the annotators agree"))
            return None
        votes: dict[tuple[int, int], int] = {}
        for it in items:
            votes[it.share] = votes.get(it.share, 0) + 1
        shares = "\n".join(arg(self.tr("• %1 with %2 of %3 votes"), format_count(n), format_count(v), format_count(t))
                           for (v, t), n in sorted(votes.items(), reverse=True))
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Accept where all agree"),
                          arg(self.tr("Accept %1 units into the curated reading, where the annotators agree on label, "
                                      "boundaries and fields?"), format_count(len(items))) + "\n\n" + shares,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setObjectName("bulkAcceptQuestion")

        def done(button: int) -> None:
            if button == QMessageBox.StandardButton.Yes:
                result = self._push(BulkAccept(session, options, share))
                if isinstance(result, list):
                    self.win.show_status(arg(self.tr("Accepted %1 units into the curated reading"),
                                             format_count(len(result))))
                    self.refresh_settled()

        box.finished.connect(done)
        box.open()
        return box

    # -- progress ----------------------------------------------------------------------------
    def progress_rows(self) -> list[tuple[str, str, int, int]]:
        """(document, title, disagreements, settled) per document compared by a pair."""
        if self.report is None:
            return []
        rows: dict[str, list[object]] = {}
        titles = {}
        for s in self.report.sets:
            if s.is_pair:
                for doc in s.documents:
                    rows.setdefault(doc, [0, 0])
        for d in self.report.disagreements:
            titles[d.document] = d.title
            row = rows.setdefault(d.document, [0, 0])
            row[0] += 1  # type: ignore[operator]
            row[1] += settled_by(d, self.settled)  # type: ignore[operator]
        for i in range(self.documents.count()):
            titles.setdefault(self.documents.itemData(i), self.documents.itemText(i))
        out = [(doc, str(titles.get(doc, doc)), int(n), int(done)) for doc, (n, done) in rows.items()]  # type: ignore[call-overload]
        return sorted(out, key=lambda r: (-(r[2] - r[3]), r[1].casefold(), r[0]))

    def _fill_progress(self) -> None:
        rows = self.progress_rows()
        self.progress.setRowCount(len(rows))
        for i, (doc, title, n, done) in enumerate(rows):
            self.progress.setItem(i, 0, _item(title, doc))
            self.progress.setItem(i, 1, _item(format_count(n)))
            self.progress.setItem(i, 2, _item(format_count(done)))
            self.progress.setItem(i, 3, _item(format_count(n - done)))
        total = sum(r[2] for r in rows)
        left = sum(r[2] - r[3] for r in rows)
        self.progress_summary.setText(arg(self.tr("%1 of %2 disagreements left to settle"), format_count(left),
                                          format_count(total)) if rows else "")

    def _progress_activated(self, row: int) -> None:
        item = self.progress.item(row, 0)
        if item is None:
            return
        at = self.documents.findData(item.data(Qt.ItemDataRole.UserRole))
        if at >= 0:
            self.documents.setCurrentIndex(at)
        self.win.open_document(item.data(Qt.ItemDataRole.UserRole))

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
