"""What a view may ask of the window it lives in.

Docks, dialogs and action groups (merge, exports, suggestions, agreement, navigation) take a
`Shell`, not the MainWindow: they read the open Session and the current document, run jobs, show
messages and add their actions and docks through these members, and never touch the window's
layout or private state. MainWindow is the one implementation; it is also the QWidget that the
views' dialogs take as their parent (Qt needs a widget there, so the protocol leaves that implicit).
tests/test_architecture.py keeps the views to this surface.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QDockWidget, QMessageBox, QWidget

    from testimonia.core.views import AnnotationView, AuthorRef, DocumentInfo, LabelInfo

    from .annotation_editor import AnnotationEditor
    from .annotations_panel import AnnotationsPanel
    from .documents_panel import DocumentsPanel
    from .reader import Reader
    from .refresh import OpenDocument
    from .session import Session
    from .workers import Job, Runner, Task


class Shell(Protocol):
    # -- what is open ----------------------------------------------------------------------
    session: Session | None
    document: DocumentInfo | None
    author: AuthorRef
    labels: list[LabelInfo]  # the labels one can mark with (not deleted)
    all_labels: list[LabelInfo]  # deleted ones too: old annotations still name them
    selected: str | None  # the selected annotation's UUID
    session_opened: SignalInstance  # emits the new Session (or None) once it is wired
    merge_dialog: QWidget | None

    # -- the panels a view may read or steer ---------------------------------------------------
    reader: Reader
    editor: AnnotationEditor
    documents: DocumentsPanel
    annotations: AnnotationsPanel
    runner: Runner

    def view(self, uuid: str | None) -> AnnotationView | None: ...
    def open_document(self, uuid: str) -> None: ...
    def show_opened(self, doc: OpenDocument) -> None: ...  # a document read beforehand, in a worker
    def close_document(self) -> None: ...
    def select_annotation(self, uuid: str | None, reveal: bool = True) -> None: ...
    def open_project(self, path: Path | str) -> bool: ...
    def refresh_all(self) -> None: ...

    # -- work and messages -------------------------------------------------------------------
    def run_job(self, title: str, job: Job, on_done: Callable[[object], None],
                on_failed: Callable[[BaseException], None] | None = None) -> Task: ...
    def job_failed(self, error: BaseException) -> None: ...
    def show_status(self, text: str) -> None: ...
    def show_message(self, title: str, text: str, icon: QMessageBox.Icon = ...) -> QMessageBox: ...

    # -- where a view puts its actions and docks -----------------------------------------------
    def add_menu_action(self, menu: str, action: QAction) -> None: ...
    def add_file_action(self, action: QAction) -> None: ...
    def add_window_action(self, action: QAction) -> None: ...
    def add_bottom_dock(self, dock: QDockWidget) -> None: ...
    def add_status_widget(self, widget: QWidget) -> None: ...  # a permanent indicator in the status bar
