"""File > Merge a teammate's file…: a dry run first, shown as a report; only Apply writes.

Both the preview and the merge run in a worker (a 200k-revision file takes seconds). The preview
is the merge's own transaction rolled back (core/merge.py), so what the report promises is what
Apply does, unless the project changed in between, in which case the merge's own report is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from testimonia.core import merge as core_merge
from testimonia.core.errors import Cancelled, MergeRefused
from testimonia.core.merge_report import MergeReport

from .i18n import arg, format_count, translate
from .plain import plain_label
from .workers import Progress, Task

if TYPE_CHECKING:
    from .main_window import MainWindow


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

    def __init__(self, win: MainWindow, path: Path, report: MergeReport) -> None:
        super().__init__(win)
        self.setObjectName("mergeDialog")
        self.win, self.path, self.report = win, path, report
        self.result_report: MergeReport | None = None
        self.setWindowTitle(self.tr("Merge a teammate's file"))
        lay = QVBoxLayout(self)
        lay.addWidget(plain_label(arg(self.tr("Merging %1 into this project would do the following. "
                                              "Nothing has been written yet."), path.name)))
        if report.source_title:
            lay.addWidget(plain_label(arg(self.tr("Their project: %1"), report.source_title)))
        form = QFormLayout()
        self.values: dict[str, str] = {}
        for name, value in report_rows(report):
            label = plain_label(value, wrap=False)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            form.addRow(plain_label(name, wrap=False), label)
            self.values[name] = value
        box = QWidget()
        box.setLayout(form)
        lay.addWidget(box)
        details = self._details(report)
        if details:
            self.details = QPlainTextEdit(readOnly=True, objectName="mergeDetails")
            self.details.setPlainText(details)  # titles and quotes from the other file: plain text only
            self.details.setMaximumHeight(160)
            lay.addWidget(self.details)
        if report.already_merged_hlc is not None or not report.changes_anything:
            lay.addWidget(plain_label(self.tr("This file brings nothing new; there is nothing to apply.")))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = self.buttons.addButton(self.tr("Apply merge"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setEnabled(report.already_merged_hlc is None and report.changes_anything)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)

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


def merge_failed(win: MainWindow, path: Path, error: BaseException) -> None:
    if isinstance(error, Cancelled):
        win.show_status(translate("MergeDialog", "Merge cancelled; nothing was changed"))
    elif isinstance(error, MergeRefused):
        text = arg(translate("MergeDialog", "%1 cannot be merged; this project is unchanged.\n\n%2"),
                   path.name, error.problem)
        win.show_message(translate("MergeDialog", "Merge"), text)
    else:
        win._job_failed(error)  # the window's generic message names the error plainly


def run_merge(win: MainWindow, path: Path, on_done: Callable[[MergeReport], None],
              on_failed: Callable[[BaseException], None]) -> Task | None:
    if win.session is None:
        return None
    store, author = win.session.store, win.session.author

    def job(progress: Progress, cancelled: Callable[[], bool]) -> MergeReport:
        label = arg(translate("MergeDialog", "Merging %1"), path.name)
        progress(0, 1, label)
        return core_merge.merge(store, path, author, progress=lambda d, t: progress(d, t, label), cancelled=cancelled)

    return win.run_job(translate("MergeDialog", "Merging"), job, on_done, on_failed)  # type: ignore[arg-type]


def start_merge(win: MainWindow, path: Path | None = None) -> Task | None:
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
