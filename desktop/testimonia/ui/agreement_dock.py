"""View › Agreement wired into the main window: the action, the dock (built on first use, at the
bottom beside the other team docks) and the open project's change signals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget

from . import icons

if TYPE_CHECKING:
    from .agreement_view import AgreementView
    from .session import Session
    from .shell import Shell

SHORTCUT = "Ctrl+Shift+A"


class AgreementDock(QObject):
    def __init__(self, win: Shell) -> None:
        super().__init__(win)
        self.win = win
        self.dock: QDockWidget | None = None
        self._session: Session | None = None
        self.action = QAction(self.tr("A&greement between coders"), win)
        icons.apply(self.action, "fa5s.user-friends")
        self.action.setShortcut(SHORTCUT)
        self.action.setStatusTip(self.tr("How far the coders agree, where they disagree, and the curated reading"))
        self.action.triggered.connect(lambda *_: self.open())
        win.add_menu_action("view", self.action)

    @property
    def view(self) -> AgreementView:
        from .agreement_view import AgreementView

        if self.dock is None:
            win = self.win
            self.dock = QDockWidget(self.tr("Agreement"), objectName="agreementDock")
            self.dock.setWidget(AgreementView(win))
            win.add_bottom_dock(self.dock)
        return self.dock.widget()  # type: ignore[return-value]

    def open(self) -> AgreementView:
        """Show the view at once; the figures are computed in a worker and fill it when ready."""
        view = self.view
        assert self.dock is not None
        self.follow()
        self.dock.show()
        self.dock.raise_()
        view.fill_choices()
        self.dock.repaint()  # on screen before the worker starts sharing the interpreter with the window
        view.refresh()
        view.grid.setFocus()
        return view

    def follow(self) -> None:
        """Listen to the open project (a new Session comes with each one); the old one's figures go."""
        session = self.win.session
        if session is None or session is self._session:
            return
        self._session = session
        view = self.view
        view.report = view.codings = None
        view.annotators.clear()
        view.fill_choices()
        session.annotation_changed.connect(view.mark_changed)
        session.bulk_changed.connect(lambda: view.mark_changed(None))
        session.documents_changed.connect(view.fill_choices)
        session.labels_changed.connect(view.fill_choices)


def install(win: Shell) -> AgreementDock:
    return AgreementDock(win)
