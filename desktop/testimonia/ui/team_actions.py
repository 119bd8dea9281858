"""Team and exchange features wired into the main window through its hooks: merge, export and
import actions in File, the Conflicts and Evidence table docks in View, and a "Resolve conflict…"
button in the editor when it shows a conflicted annotation.

The docks are built on first use and re-read the project only while visible, so a window that
never opens them pays nothing for them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QToolButton

from testimonia.core.views import AnnotationView

from . import icons

if TYPE_CHECKING:
    from .conflicts_view import ConflictsView
    from .evidence_table import EvidenceTable
    from .session import Session
    from .shell import Shell


class TeamActions(QObject):
    def __init__(self, win: Shell) -> None:
        super().__init__(win)
        self.win = win
        self._conflicts: QDockWidget | None = None
        self._evidence: QDockWidget | None = None
        self._listeners: list[Callable[..., None]] = []
        self._connected: Session | None = None
        self.merge = self._action(self.tr("&Merge a teammate's file…"), self.merge_file, "fa5s.people-arrows",
                                  self.tr("Bring in a teammate's annotations; you see what would change first"))
        self.export = self._action(self.tr("&Export…"), self.export_dialog, "fa5s.file-export",
                                   self.tr("W3C, REFI-QDA, CSV, Excel, brat or a printable report"))
        self.import_qdpx = self._action(self.tr("Import &QDA project (.qdpx)…"),
                                        lambda: self.import_file("qdpx"), "")
        self.import_w3c = self._action(self.tr("Import &W3C annotations…"), lambda: self.import_file("w3c"), "")
        self.send_copy = self._action(self.tr("&Send a copy to a teammate…"), self.send_copy_dialog,
                                      "fa5s.paper-plane",
                                      self.tr("Write one file with all your work, ready to attach to an e-mail"))
        for act in (self.send_copy, self.merge, self.export, self.import_qdpx, self.import_w3c):
            win.add_file_action(act)
        self.show_conflicts = self._action(self.tr("&Conflicts"), self.open_conflicts, "fa5s.code-branch")
        self.show_evidence = self._action(self.tr("&Evidence table"), self.open_evidence, "fa5s.table")
        self.show_evidence.setShortcut("Ctrl+Shift+E")
        win.add_menu_action("view", self.show_conflicts)
        win.add_menu_action("view", self.show_evidence)
        self.resolve = self._action(self.tr("Resolve conflict…"), self._resolve_selected, "fa5s.code-branch",
                                    self.tr("Compare the versions that disagree and keep one"))
        win.editor.add_action_button(self.resolve)
        self.resolve_button = next(b for b in win.editor.findChildren(QToolButton) if b.defaultAction() is self.resolve)
        self.resolve_button.hide()
        win.editor.shown.connect(self._editor_shows)
        win.session_opened.connect(self._session_opened)

    def _reveal(self, view: AnnotationView) -> None:
        """Open the annotation's document in the reader and select it there."""
        self.win.open_document(view.document_uuid)
        self.win.select_annotation(view.uuid, reveal=True)

    def _session_opened(self, session: Session | None) -> None:
        self._connect_session()
        for dock in (self._conflicts, self._evidence):
            if dock is not None:
                view: ConflictsView | EvidenceTable = dock.widget()  # type: ignore[assignment]
                view.set_session(session)
                if dock.isVisible():
                    view.schedule_refresh()

    def _action(self, text: str, slot: object, icon: str, tip: str = "") -> QAction:
        act = QAction(text, self.win)
        if icon:
            icons.apply(act, icon)
        if tip:
            act.setStatusTip(tip)
        act.triggered.connect(lambda *_: slot())  # type: ignore[operator]
        return act

    # -- file --------------------------------------------------------------------------------
    def merge_file(self, path: object = None) -> object:
        from .merge_dialog import start_merge

        return start_merge(self.win, path)  # type: ignore[arg-type]

    def send_copy_dialog(self, target: object = None) -> object:
        from .send_copy import send_copy_dialog

        return send_copy_dialog(self.win, target)  # type: ignore[arg-type]

    def export_dialog(self) -> object:
        from .export_dialog import ExportDialog

        if self.win.session is None:
            self.win.show_status(self.tr("Open or create a project first"))
            return None
        dialog = ExportDialog(self.win)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def import_file(self, fmt: str, path: object = None) -> object:
        from .export_dialog import start_import

        return start_import(self.win, fmt, path)  # type: ignore[arg-type]

    # -- docks -------------------------------------------------------------------------------
    def _dock(self, title: str, name: str, widget: ConflictsView | EvidenceTable) -> QDockWidget:
        dock = QDockWidget(title, objectName=name)
        dock.setWidget(widget)
        self.win.add_bottom_dock(dock)
        dock.visibilityChanged.connect(lambda visible: visible and widget.refresh())
        session_changed = widget.schedule_refresh
        one_changed = getattr(widget, "annotation_changed", None)  # a view that can update one row

        def changed(*args: object) -> None:
            if not dock.isVisible():
                return
            if one_changed is not None and args and isinstance(args[0], AnnotationView):
                one_changed(args[0])
            else:
                session_changed()

        self._listeners.append(changed)
        if self._connected is not None:
            self._follow(self._connected, changed)
        self._connect_session()
        return dock

    def _connect_session(self) -> None:
        """Follow the open project's change signals (a new Session comes with each project)."""
        session = self.win.session
        if session is None or session is self._connected:
            return
        self._connected = session
        for listener in self._listeners:
            self._follow(session, listener)

    @staticmethod
    def _follow(session: Session, listener: Callable[..., None]) -> None:
        session.annotation_changed.connect(listener)
        session.documents_changed.connect(listener)
        session.labels_changed.connect(listener)

    def conflicts_view(self) -> ConflictsView:
        from .conflicts_view import ConflictsView

        if self._conflicts is None:
            view = ConflictsView()
            view.set_session(self.win.session)
            view.reveal_requested.connect(self._reveal)
            self._conflicts = self._dock(self.tr("Conflicts"), "conflictsDock", view)
        self._connect_session()
        return self._conflicts.widget()  # type: ignore[return-value]

    def evidence_table(self) -> EvidenceTable:
        from .evidence_table import EvidenceTable

        if self._evidence is None:
            table = EvidenceTable()
            table.set_session(self.win.session)
            table.reveal_requested.connect(self._reveal)
            self._evidence = self._dock(self.tr("Evidence table"), "evidenceDock", table)
        self._connect_session()
        return self._evidence.widget()  # type: ignore[return-value]

    def open_conflicts(self, select: str | None = None) -> ConflictsView:
        view = self.conflicts_view()
        assert self._conflicts is not None
        self._conflicts.show()
        self._conflicts.raise_()
        view.refresh(select=select)
        return view

    def open_evidence(self) -> EvidenceTable:
        table = self.evidence_table()
        assert self._evidence is not None
        shown = self._evidence.isVisible()
        self._evidence.show()  # a dock that was hidden refreshes as it shows (visibilityChanged)
        self._evidence.raise_()
        if shown or not self._evidence.isVisible():
            table.refresh()
        return table

    # -- editor notice -----------------------------------------------------------------------
    def _editor_shows(self, view: AnnotationView | None) -> None:
        self._connect_session()
        self.resolve_button.setVisible(view is not None and view.conflict)

    def _resolve_selected(self) -> None:
        view = self.win.editor.view
        if view is not None:
            self.open_conflicts(select=view.uuid)


def install(win: Shell) -> TeamActions:
    return TeamActions(win)
