"""Removing a document (undoable, so no confirmation) and bringing back one removed long ago.

A removed document stays in the project file with its annotations; it only leaves the lists,
counts, search and exports. Undo restores it; once the undo history is gone, File > Restore
removed document does.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QInputDialog

from testimonia.core.errors import TestimoniaError
from testimonia.core.views import DocumentInfo

from . import commands
from .documents_panel import UUID_ROLE
from .i18n import arg, format_datetime, translate

if TYPE_CHECKING:
    from .shell import Shell


def remove_document(win: Shell, uuid: str) -> DocumentInfo | None:
    session = win.session
    if session is None:
        return None
    try:
        doc = win.documents.model.info(uuid) or session.store.document(uuid)
    except TestimoniaError as exc:
        win.show_status(str(exc))
        return None
    # A half-typed edit must land before the removal, or undoing the removal would undo it instead.
    win.editor.commit_pending()
    try:
        removed = commands.push(session, commands.SetDocumentRemoved(session, doc, removed=True))
    except TestimoniaError as exc:
        win.show_status(str(exc))
        return None
    undo_key = QKeySequence(QKeySequence.StandardKey.Undo).toString(QKeySequence.SequenceFormat.NativeText)
    win.show_status(arg(translate("DocumentRemoval", "Removed “%1” (%2 brings it back)"), doc.title, undo_key))
    return removed if isinstance(removed, DocumentInfo) else None


def leave_if_removed(win: Shell, uuid: str, row: int) -> bool:
    """After the document list was re-read: if the open document was removed (here, by undo or
    redo, or in a merged file), show the one that took its place in the list, or none."""
    if win.session is None or win.documents.model.info(uuid) is not None:
        return False
    try:
        # Absent from the list can also mean a merge gave it another UUID; only the flag decides.
        removed = win.session.store.document(uuid).removed
    except TestimoniaError:
        return False  # gone altogether: the refresh reports that it cannot be read
    if not removed:
        return False
    win.close_document()
    model = win.documents.model
    if model.rowCount():
        win.open_document(str(model.index(min(max(row, 0), model.rowCount() - 1), 0).data(UUID_ROLE)))
    return True


def choices(docs: list[DocumentInfo]) -> list[str]:
    """What the restore list shows: titles as typed, plus source and import time when titles repeat.

    The dialog answers with the chosen text only, so twins must differ in it; a UUID prefix is
    the last resort for two imports of same-named files in the same minute.
    """
    titles = Counter(d.title for d in docs)
    first = [d.title if titles[d.title] == 1 else f"{d.title} ({d.source_name}, {format_datetime(d.created)})"
             for d in docs]
    shown = Counter(first)
    return [text if shown[text] == 1 else f"{text[:-1]}, {d.uuid[:8]})" for text, d in zip(first, docs, strict=True)]


def restore_dialog(win: Shell) -> DocumentInfo | None:
    session = win.session
    if session is None:
        win.show_status(translate("DocumentRemoval", "Open or create a project first"))
        return None
    docs = session.store.documents(removed=True)
    if not docs:
        win.show_status(translate("DocumentRemoval", "No removed documents"))
        return None
    items = choices(docs)
    # Not editable: the answer must be one of the items, which are plain text in a combo box.
    choice, ok = QInputDialog.getItem(win, translate("DocumentRemoval", "Removed documents"),
                                      translate("DocumentRemoval", "Document:"), items, 0, False)
    if not ok or choice not in items:
        return None
    try:
        # The session then announces the document as restored, and the window opens it.
        restored = commands.push(session, commands.SetDocumentRemoved(session, docs[items.index(choice)],
                                                                      removed=False))
    except TestimoniaError as exc:
        win.show_status(str(exc))
        return None
    if not isinstance(restored, DocumentInfo):
        return None
    win.show_status(arg(translate("DocumentRemoval", "Restored “%1”"), restored.title))
    return restored
