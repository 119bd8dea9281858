"""What the reader says while it shows no document: how to begin in an empty project, what to do
next in one with documents. Menu names and keys come from the actions themselves, so the hint
follows their translation and any change of shortcut."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from .i18n import arg, button_text, translate

if TYPE_CHECKING:
    from .window_actions import WindowActions


def _menu_path(actions: WindowActions, action: QAction) -> str:
    ellipsis = "…" if action.text().rstrip().endswith("…") else ""
    name = f"{button_text(actions.file_menu.title())} › {button_text(action.text())}{ellipsis}"
    key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    return arg(translate("ReaderHint", "%1 (%2)"), name, key) if key else name


def text(actions: WindowActions, documents: int | None) -> str:
    """`documents`: how many the open project lists; None when no project is open."""
    if documents is None:
        return arg(translate("ReaderHint", "No project is open. Create one with %1 or open one with %2."),
                   _menu_path(actions, actions.new_project), _menu_path(actions, actions.open_project))
    if documents == 0:
        return arg(translate("ReaderHint", "This project has no documents yet.\n\n"
                                           "Import articles and reports (.txt, .html, .pdf, .docx) with %1, "
                                           "or drop the files on this window.\n\n"
                                           "Text on the clipboard becomes a document with %2."),
                   _menu_path(actions, actions.import_files), _menu_path(actions, actions.paste_document))
    return translate("ReaderHint", "Choose a document in the Documents list to read and annotate it.")
