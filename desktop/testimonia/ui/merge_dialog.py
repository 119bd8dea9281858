"""File > Merge a teammate's file…: a dry run first, shown as a report; only Apply writes.

Both the preview and the merge run in a worker (a 200k-revision file takes seconds). The preview
is the merge's own transaction rolled back (core/merge/pipeline.py), so what the report promises is what
Apply does, unless the project changed in between, in which case the merge's own report is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHeaderView,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from testimonia.core import merge as core_merge
from testimonia.core.errors import Cancelled, MergeRefused
from testimonia.core.merge.report import MergeReport

from . import dialog_size
from .core_text import label_name
from .i18n import arg, format_count, translate
from .plain import plain_label
from .workers import Progress, Task

if TYPE_CHECKING:
    from .shell import Shell


def report_rows(report: MergeReport) -> list[tuple[str, str]]:
    """(what, how many) lines of a report, in the order a reader checks them."""
    c = report.counts()
    rows = [
        (translate("MergeDialog", "New documents"), c["documents_new"]),
        (translate("MergeDialog", "Documents matched"), c["documents_matched"]),
        (translate("MergeDialog", "Documents re-anchored"), c["documents_reanchored"]),
        (translate("MergeDialog", "New annotations"), c["annotations_new"]),
        (translate("MergeDialog", "Annotations changed"), c["annotations_changed"]),
        (translate("MergeDialog", "Annotations deleted"), c["annotations_deleted"]),
        (translate("MergeDialog", "Conflicts created"), c["conflicts_created"]),
        (translate("MergeDialog", "Conflicts resolved"), c["conflicts_resolved"]),
        (translate("MergeDialog", "Orphaned annotations"), c["orphans"]),
        (translate("MergeDialog", "New labels"), c["labels_new"]),
        (translate("MergeDialog", "New authors"), c["authors_new"]),
        (translate("MergeDialog", "Revisions new / already here"), f"{format_count(c['revisions_new'])} / "
                                             f"{format_count(c['revisions_known'])}"),
    ]
    return [(name, value if isinstance(value, str) else format_count(value)) for name, value in rows]


_CHANGE_NAMES = {
    "conflict": QT_TRANSLATE_NOOP("MergeDialog", "In conflict"),
    "changed": QT_TRANSLATE_NOOP("MergeDialog", "Changed"),
    "deleted": QT_TRANSLATE_NOOP("MergeDialog", "Deleted"),
    "resolved": QT_TRANSLATE_NOOP("MergeDialog", "Conflict resolved"),
    "new": QT_TRANSLATE_NOOP("MergeDialog", "New"),
}


def change_name(change: str) -> str:
    """What a merge does to an annotation (core/merge/changes.CHANGES), in the interface language."""
    return translate("MergeDialog", _CHANGE_NAMES[change]) if change in _CHANGE_NAMES else change


def summary_text(report: MergeReport, path: Path) -> str:
    if report.already_merged_hlc is not None:
        return arg(translate("MergeDialog", "%1 was merged before; it has nothing new."), path.name)
    c = report.counts()
    return arg(translate("MergeDialog", "Merged %1: %2 new annotations, %3 changed, %4 deleted, %5 new conflicts, "
                                        "%6 new documents, %7 orphaned."),
               path.name, format_count(c["annotations_new"]), format_count(c["annotations_changed"]),
               format_count(c["annotations_deleted"]), format_count(c["conflicts_created"]),
               format_count(c["documents_new"]), format_count(c["orphans"]))


class MergeDialog(QDialog):
    """Shows a dry-run report; Apply runs the real merge through the window's runner."""

    def __init__(self, win: Shell, path: Path, report: MergeReport) -> None:
        super().__init__(win)
        self.setObjectName("mergeDialog")
        self.win, self.path, self.report = win, path, report
        self.result_report: MergeReport | None = None
        self._more_rows = 0
        self.setWindowTitle(self.tr("Merge a teammate's file"))
        lay = QVBoxLayout(self)
        lay.addWidget(plain_label(arg(self.tr("Merging %1 into this project would do the following. "
                                              "Nothing has been written yet."), path.name)))
        if report.source_title:
            lay.addWidget(plain_label(arg(self.tr("Their project: %1"), report.source_title)))
        # Two columns of counts: twelve rows under each other left no room for the list at 700 px.
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        self.values: dict[str, str] = {}
        rows = report_rows(report)
        half = (len(rows) + 1) // 2
        for i, (name, value) in enumerate(rows):
            label = plain_label(value, wrap=False)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            row, col = i % half, 3 * (i // half)
            grid.addWidget(plain_label(name, wrap=False), row, col)
            grid.addWidget(label, row, col + 1)
            self.values[name] = value
        grid.setColumnMinimumWidth(2, 24)
        box = QWidget()
        box.setLayout(grid)
        lay.addWidget(box)
        self.changes = self._changes_table(report)
        if self.changes is not None:
            lay.addWidget(plain_label(self.tr("Annotations that would change:"), wrap=False))
            lay.addWidget(self.changes, 1)
            if report.changes_total > len(report.changes):
                lay.addWidget(plain_label(arg(self.tr("… and %1 more not listed here (%2 in all)."),
                                              format_count(report.changes_total - len(report.changes)),
                                              format_count(report.changes_total))))
        details = self._details(report)
        if details:
            self.details = QPlainTextEdit(readOnly=True, objectName="mergeDetails")
            self.details.setPlainText(details)  # titles and quotes from the other file: plain text only
            self.details.setMaximumHeight(110)
            lay.addWidget(self.details)
        if report.already_merged_hlc is not None or not report.changes_anything:
            lay.addWidget(plain_label(self.tr("This file brings nothing new; there is nothing to apply.")))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = self.buttons.addButton(self.tr("Apply merge"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setEnabled(report.already_merged_hlc is None and report.changes_anything)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        dialog_size.fit(self, chars=120 if self.changes is not None else 60, taller=self._more_rows)

    def _changes_table(self, report: MergeReport) -> QTableWidget | None:
        """Which annotations would be added, changed, deleted, put in conflict or settled, with their
        text; the merge's own transaction listed them (core/merge/changes.py). Plain-text cells."""
        if not report.changes:
            return None
        labels = {lb.uuid: lb for lb in self.win.all_labels}
        table = QTableWidget(len(report.changes), 4, objectName="mergeChanges")
        table.setHorizontalHeaderLabels([self.tr("Change"), self.tr("Label"), self.tr("Text"), self.tr("Document")])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 6)
        for row, c in enumerate(report.changes):
            label = labels.get(c.label_uuid)
            cells = (change_name(c.change), label_name(label) if label else c.label, " ".join(c.exact.split()),
                     c.document_title)
            for col, text in enumerate(cells):
                table.setItem(row, col, QTableWidgetItem(text))
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # the quoted text gets the room
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        table.setColumnWidth(3, min(table.sizeHintForColumn(3), 22 * table.fontMetrics().averageCharWidth()))
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows = table.verticalHeader().defaultSectionSize()
        table.setMinimumHeight(table.horizontalHeader().sizeHint().height() + min(len(report.changes), 4) * rows + 4)
        self._more_rows = max(0, min(len(report.changes), 12) - 4) * rows  # shown when the screen has room
        return table

    def _details(self, report: MergeReport) -> str:
        lines: list[str] = []
        for d in report.documents:
            how = {"new": self.tr("new"), "uuid": self.tr("same document"), "alias": self.tr("same document"),
                   "text": self.tr("same text"), "source": self.tr("same source file, other text")}.get(
                       d.matched_by, d.matched_by)
            extra = self.tr(" (annotations re-anchored)") if d.reanchored else ""
            lines.append(f"• {d.title} — {how}{extra}")
        for o in report.orphans[:50]:
            lines.append(arg(self.tr("• Orphaned (kept, flagged): “%1”"), o.exact[:80]))
        return "\n".join(lines)

    def apply(self) -> Task | None:
        self.apply_button.setEnabled(False)
        return run_merge(self.win, self.path, self._merged, self._failed)

    def _merged(self, report: MergeReport) -> None:
        self.result_report = report
        self.accept()
        self.win.refresh_all()
        self.win.show_message(self.tr("Merge"), summary_text(report, self.path), QMessageBox.Icon.Information)

    def _failed(self, error: BaseException) -> None:
        self.reject()
        merge_failed(self.win, self.path, error)


def merge_failed(win: Shell, path: Path, error: BaseException) -> None:
    if isinstance(error, Cancelled):
        win.show_status(translate("MergeDialog", "Merge cancelled; nothing was changed"))
    elif isinstance(error, MergeRefused):
        text = arg(translate("MergeDialog", "%1 cannot be merged; this project is unchanged.\n\n%2"),
                   path.name, error.problem)
        win.show_message(translate("MergeDialog", "Merge"), text)
    else:
        win.job_failed(error)  # the window's generic message names the error plainly


def run_merge(win: Shell, path: Path, on_done: Callable[[MergeReport], None],
              on_failed: Callable[[BaseException], None]) -> Task | None:
    if win.session is None:
        return None
    store, author = win.session.store, win.session.author

    def job(progress: Progress, cancelled: Callable[[], bool]) -> MergeReport:
        label = arg(translate("MergeDialog", "Merging %1"), path.name)
        progress(0, 1, label)
        return core_merge.merge(store, path, author, progress=lambda d, t: progress(d, t, label), cancelled=cancelled)

    return win.run_job(translate("MergeDialog", "Merging"), job, on_done, on_failed)  # type: ignore[arg-type]


def start_merge(win: Shell, path: Path | None = None) -> Task | None:
    """Ask for the file (unless given), preview it in a worker, then show the report."""
    if win.session is None:
        win.show_status(translate("MergeDialog", "Open or create a project first"))
        return None
    if path is None:
        name, _ = QFileDialog.getOpenFileName(win, translate("MergeDialog", "Merge a teammate's file"), "",
                                              translate("MergeDialog", "Testimonia projects (*.testimonia)"))
        if not name:
            return None
        path = Path(name)
    store = win.session.store

    def job(progress: Progress, cancelled: Callable[[], bool]) -> MergeReport:
        progress(0, 0, arg(translate("MergeDialog", "Checking %1"), path.name))
        if cancelled():
            raise Cancelled()
        return core_merge.preview(store, path)

    def shown(report: MergeReport) -> None:
        dialog = MergeDialog(win, path, report)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        win.merge_dialog = dialog  # type: ignore[attr-defined]  # tests and screenshots reach it here
        dialog.open()

    return win.run_job(translate("MergeDialog", "Checking the file"), job, shown,  # type: ignore[arg-type]
                       lambda exc: merge_failed(win, path, exc))
