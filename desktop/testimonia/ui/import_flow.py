"""Bringing documents in: the import dialog, files dropped on the window, and pasted text.

Reading and saving run in a worker (importing.import_job); what comes back opens the last document
and says what was imported, refused or similar to a document already held. The strings keep the
main window's translation context, where the user meets them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from testimonia.core.errors import TestimoniaError

from .i18n import translate

if TYPE_CHECKING:
    from .importing import ImportOutcome
    from .session import Session
    from .shell import Shell
    from .workers import Task


class ImportFlow(QObject):
    """The translation context of the plural message (lupdate reads plurals only from a class's tr)."""


def choose_and_import(win: Shell, parent: QWidget) -> None:
    from .importing import file_filter

    if win.session is None:
        win.show_status(translate("MainWindow", "Open or create a project first"))
        return
    names, _ = QFileDialog.getOpenFileNames(parent, translate("MainWindow", "Import documents"), "", file_filter())
    if names:
        import_paths(win, [Path(n) for n in names])


def import_paths(win: Shell, paths: list[Path]) -> Task | None:
    if win.session is None or not paths:
        return None
    from .importing import import_job

    session = win.session
    return win.run_job(translate("MainWindow", "Importing documents"), import_job(session.store, session.author, paths),
                       lambda outcome: _imported(win, session, outcome))  # type: ignore[arg-type]


def _imported(win: Shell, session: Session, outcome: ImportOutcome) -> None:
    """Files were read and saved in the worker; the last one opens from what it read."""
    if session is not win.session:
        return  # the project was closed meanwhile
    if outcome.imported:
        session.documents_changed.emit()
    if outcome.opened is not None:
        win.show_opened(outcome.opened)  # which first commits an edit being typed
    elif outcome.imported:
        win.open_document(outcome.imported[-1].uuid)
    if outcome.imported:
        win.show_status(ImportFlow.tr("Imported %Ln document(s)", "", len(outcome.imported)))
    if outcome.problems or outcome.similar:
        from .importing import problems_message, similar_message

        parts = [problems_message(outcome.problems, len(outcome.imported))] if outcome.problems else []
        parts += [similar_message(outcome.similar)] if outcome.similar else []
        icon = QMessageBox.Icon.Warning if outcome.problems else QMessageBox.Icon.Information
        win.show_message(translate("MainWindow", "Import"), "\n\n".join(parts), icon)


def paste_document(win: Shell) -> None:
    if win.session is None:
        win.show_status(translate("MainWindow", "Open or create a project first"))
        return
    text = QGuiApplication.clipboard().text()
    try:
        doc = win.session.store.import_text("", text, win.author, source_name="clipboard")
    except TestimoniaError as exc:
        win.show_message(translate("MainWindow", "Paste as new document"), str(exc))
        return
    win.session.documents_changed.emit()
    win.open_document(doc.uuid)
    dups = win.session.store.near_duplicates(doc.uuid)
    if dups:
        from .importing import similar_message

        win.show_message(translate("MainWindow", "Paste as new document"), similar_message([(doc, dups)]),
                         QMessageBox.Icon.Information)
