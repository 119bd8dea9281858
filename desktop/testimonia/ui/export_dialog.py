"""File > Export… and the two annotation imports (REFI-QDA .qdpx, W3C JSON), in workers.

Errors are shown with the file's name and the reason as plain text; what an export or import
left out (orphans, unreadable parts of a .qdpx) is listed, so nothing goes missing silently.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from testimonia.core import interop
from testimonia.core import labels as core_labels
from testimonia.core.errors import Cancelled, TestimoniaError

from . import commands
from .i18n import arg, format_count, translate, ui_language
from .plain import plain_label
from .workers import Progress, Task

if TYPE_CHECKING:
    from .shell import Shell

# Format key -> (shown name, suffix; "" for brat, which writes a folder).
FORMAT_NAMES = {
    "w3c": (QT_TRANSLATE_NOOP("ExportDialog", "W3C Web Annotation (JSON-LD)"), ".jsonld"),
    "refi": (QT_TRANSLATE_NOOP("ExportDialog", "REFI-QDA project (.qdpx)"), ".qdpx"),
    "csv": (QT_TRANSLATE_NOOP("ExportDialog", "Evidence table (CSV)"), ".csv"),
    "xlsx": (QT_TRANSLATE_NOOP("ExportDialog", "Evidence table (Excel .xlsx)"), ".xlsx"),
    "brat": (QT_TRANSLATE_NOOP("ExportDialog", "brat standoff (folder)"), ""),
    "report": (QT_TRANSLATE_NOOP("ExportDialog", "Printable report (HTML)"), ".html"),
}
MAX_LISTED = 30
log = logging.getLogger(__name__)


def listed(lines: list[str]) -> str:
    shown = "\n".join(f"• {s}" for s in lines[:MAX_LISTED])
    if len(lines) > MAX_LISTED:
        shown += "\n" + arg(translate("ExportDialog", "… and %1 more"), format_count(len(lines) - MAX_LISTED))
    return shown


class ExportDialog(QDialog):
    def __init__(self, win: Shell) -> None:
        super().__init__(win)
        self.setObjectName("exportDialog")
        self.win = win
        self.setWindowTitle(self.tr("Export"))
        self.format = QComboBox(objectName="exportFormat")
        for key in interop.FORMATS:
            self.format.addItem(translate("ExportDialog", FORMAT_NAMES[key][0]), key)
        self.format.currentIndexChanged.connect(self._format_changed)
        self.current = QRadioButton(self.tr("Current document"), objectName="scopeDocument")
        self.project = QRadioButton(self.tr("Whole project"), objectName="scopeProject")
        self.project.setChecked(True)
        doc = win.document
        self.current.setEnabled(doc is not None)
        if doc is not None:
            self.current.setText(arg(self.tr("Current document: %1"), doc.title))
        scope = QVBoxLayout()
        scope.addWidget(self.project)
        scope.addWidget(self.current)
        self.kind = QComboBox(objectName="exportKind")
        self.kind.addItem(self.tr("All kinds"), "")
        for b in core_labels.BUILTINS:
            self.kind.addItem(translate("Label", b.name), b.kind)
        self.kind.addItem(self.tr("Custom labels"), core_labels.CUSTOM)
        self.curated = QCheckBox(self.tr("Only the curated reading"), objectName="exportCurated")
        self.curated.setToolTip(self.tr("The curator's settled annotations (View › Agreement), not the coders' own"))
        self.path = QLineEdit(objectName="exportPath")
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(lambda *_: self._browse())
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow(plain_label(self.tr("Format"), wrap=False), self.format)
        box = QWidget()
        box.setLayout(scope)
        form.addRow(plain_label(self.tr("What"), wrap=False), box)
        form.addRow(plain_label(self.tr("Kind"), wrap=False), self.kind)
        form.addRow("", self.curated)
        form.addRow(plain_label(self.tr("Save to"), wrap=False), where)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton(self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.start)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(buttons)
        self.task: Task | None = None
        self._format_changed()

    def fmt(self) -> str:
        return str(self.format.currentData())

    def _default_path(self, fmt: str | None = None) -> Path:
        """Beside the project, named after it; the extension says the format ("team.csv", not
        "team-csv.csv"). Only brat, which writes a folder, needs a word: "team-brat"."""
        fmt = fmt or self.fmt()
        base = Path(self.win.session.store.path).with_suffix("") if self.win.session else Path("export")
        suffix = FORMAT_NAMES[fmt][1]
        return base.with_name(base.name + suffix) if suffix else base.with_name(base.name + "-brat")

    def _format_changed(self, *_: object) -> None:
        # A name the user typed stays; one of ours follows the format.
        current = self.path.text().strip()
        if not current or current in {str(self._default_path(f)) for f in interop.FORMATS}:
            self.path.setText(str(self._default_path()))

    def _browse(self) -> None:
        if self.fmt() == "brat":
            name = QFileDialog.getExistingDirectory(self, self.tr("Export to folder"), str(self._default_path().parent))
        else:
            name, _ = QFileDialog.getSaveFileName(self, self.tr("Export"), self.path.text())
        if name:
            self.path.setText(name)

    def start(self) -> Task | None:
        if self.win.session is None or not self.path.text().strip():
            return None
        store = self.win.session.store
        fmt, out = self.fmt(), Path(self.path.text().strip())
        document = self.win.document.uuid if self.current.isChecked() and self.win.document else None
        kind = str(self.kind.currentData() or "") or None
        curated = self.curated.isChecked()
        language = ui_language()  # the report, yes/no cells and field lines read as the window does

        def job(progress: Progress, cancelled: Callable[[], bool]) -> interop.ExportResult:
            label = arg(translate("ExportDialog", "Writing %1"), out.name)

            def step(done: int, total: int) -> None:
                if cancelled():
                    raise Cancelled()  # the writes are atomic: nothing half-written is left behind
                progress(done, total, label)

            progress(0, 0, label)
            return interop.export(store, fmt, out, document=document, kind=kind, progress=step, language=language,
                                 curated=curated)

        self.export_button.setEnabled(False)
        self.task = self.win.run_job(self.tr("Exporting"), job, self._done,  # type: ignore[arg-type]
                                     lambda exc: self._failed(out, exc))
        return self.task

    def _done(self, result: interop.ExportResult) -> None:
        self.accept()
        text = arg(self.tr("Exported %1 from %2 to %3."), self.tr("%Ln annotation(s)", "", result.annotations),
                   self.tr("%Ln document(s)", "", result.documents), str(result.path))
        if result.skipped:
            text += "\n\n" + self.tr("Left out:") + "\n" + listed(result.skipped)
        self.win.show_message(self.tr("Export"), text, QMessageBox.Icon.Information)

    def _failed(self, out: Path, error: BaseException) -> None:
        self.export_button.setEnabled(True)
        failed(self.win, self.tr("Export"), out, error)


def failed(win: Shell, title: str, path: Path, error: BaseException) -> None:
    if isinstance(error, Cancelled):
        win.show_status(translate("ExportDialog", "Cancelled; nothing was changed"))
        return
    if not isinstance(error, OSError | TestimoniaError):
        log.error("%s failed", title, exc_info=error)
    text = str(error)
    # Core errors name their file already; saying it twice reads as two files.
    named = isinstance(error, TestimoniaError) and (str(path) in text or text.startswith(path.name))
    win.show_message(title, text if named else arg(translate("ExportDialog", "%1: %2"), path.name, text))


def start_import(win: Shell, fmt: str, path: Path | None = None) -> Task | None:
    """fmt is "qdpx" or "w3c"; the file dialog is skipped when a path is given."""
    if win.session is None:
        win.show_status(translate("ExportDialog", "Open or create a project first"))
        return None
    title = (translate("ExportDialog", "Import QDA project") if fmt == "qdpx"
             else translate("ExportDialog", "Import W3C annotations"))
    if path is None:
        pattern = (translate("ExportDialog", "REFI-QDA projects (*.qdpx)") if fmt == "qdpx"
                   else translate("ExportDialog", "W3C annotations (*.json *.jsonld)"))
        name, _ = QFileDialog.getOpenFileName(win, title, "", pattern + ";;" + translate("ExportDialog",
                                                                                        "All files (*)"))
        if not name:
            return None
        path = Path(name)
    session = win.session
    store, author = session.store, session.author

    def job(progress: Progress, cancelled: Callable[[], bool]) -> interop.ImportReport:
        progress(0, 0, arg(translate("ExportDialog", "Reading %1"), path.name))
        if cancelled():
            raise Cancelled()
        if fmt == "qdpx":
            return interop.import_qdpx(store, path, author)

        def checking(done: int, total: int) -> None:
            if cancelled():
                raise Cancelled()  # nothing is written before every annotation is checked
            progress(done, total, arg(translate("ExportDialog", "Checking annotations: %1 of %2"),
                                      format_count(done), format_count(total)))

        return interop.import_w3c(store, path, author, progress=checking)

    def done(report: interop.ImportReport) -> None:
        if session is not win.session:
            return
        if report.added_annotations or report.added_documents or report.added_labels:
            # One undo step for the whole file: undo takes it all out again in one transaction.
            session.undo_stack.push(commands.ImportAnnotations(
                session, title, report.added_documents, report.added_labels, report.added_annotations))
        session.documents_changed.emit()
        win.refresh_all()
        win.show_status(ExportDialog.tr("Imported %Ln annotation(s)", "", report.annotations_added))
        if win.document is None and report.documents_added:
            docs = session.store.documents()
            if docs:
                win.open_document(docs[0].uuid)
        text = arg(translate("ExportDialog", "%1: %2 added (%3 matched), %4 added, %5 added, %6 left out."), path.name,
                   ExportDialog.tr("%Ln document(s)", "", report.documents_added),
                   format_count(report.documents_matched),
                   ExportDialog.tr("%Ln annotation(s)", "", report.annotations_added),
                   ExportDialog.tr("%Ln label(s)", "", report.labels_added),
                   ExportDialog.tr("%Ln duplicate(s)", "", report.duplicates))
        if report.annotations_matched:
            text += "\n\n" + arg(translate("ExportDialog", "Already in the project with other fields or notes (the "
                                                             "same document, label, span and author), so not added "
                                                             "again; the project's versions were kept: %1."),
                                  format_count(report.annotations_matched))
        if report.skipped:
            text += "\n\n" + translate("ExportDialog", "Skipped:") + "\n" + listed(report.skipped)
        win.show_message(title, text, QMessageBox.Icon.Information)

    return win.run_job(title, job, done, lambda exc: failed(win, title, path, exc))  # type: ignore[arg-type]
