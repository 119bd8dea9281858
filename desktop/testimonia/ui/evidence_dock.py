"""View › Incidents and View › Speakers and entities wired into the main window: the actions, the
docks (built on first use, at the bottom beside the other docks) and the open project's change
signals (a view that shows reads again after a change, one that is hidden when it is next shown)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QWidget

from . import icons

if TYPE_CHECKING:
    from .entity_view import EntityView
    from .incident_view import IncidentView
    from .session import Session
    from .shell import Shell

INCIDENTS_SHORTCUT = "Ctrl+Shift+I"
ENTITIES_SHORTCUT = "Ctrl+Shift+K"
SOURCE_SHORTCUT = "Ctrl+Shift+U"
GRADE_SHORTCUT = "Ctrl+Shift+G"


class _Dock(QObject):
    def __init__(self, win: Shell, title: str, name: str, make: Callable[[], QWidget]) -> None:
        super().__init__(win)  # type: ignore[arg-type]
        self.win, self.title, self.name, self.make = win, title, name, make
        self.dock: QDockWidget | None = None
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self._refresh_if_shown)

    @property
    def widget(self) -> QWidget:
        if self.dock is None:
            self.dock = QDockWidget(self.title, objectName=self.name)
            self.dock.setWidget(self.make())
            self.dock.visibilityChanged.connect(lambda shown: shown and self._refresh_if_stale())
            self.win.add_bottom_dock(self.dock)
        return self.dock.widget()

    def open(self) -> QWidget:
        view = self.widget
        assert self.dock is not None
        self.dock.show()
        self.dock.raise_()
        view.refresh()  # type: ignore[attr-defined]
        view.setFocus()
        return view

    def changed(self) -> None:
        if self.dock is None:
            return
        self.widget.stale = True  # type: ignore[attr-defined]
        self._timer.start()

    def _refresh_if_shown(self) -> None:
        if self.dock is not None and self.dock.isVisible():
            self.widget.refresh()  # type: ignore[attr-defined]

    def _refresh_if_stale(self) -> None:
        if getattr(self.widget, "stale", False):
            self.widget.refresh()  # type: ignore[attr-defined]


class EvidenceDocks(QObject):
    def __init__(self, win: Shell) -> None:
        super().__init__(win)  # type: ignore[arg-type]
        self.win = win
        self._session: Session | None = None
        self.incidents = _Dock(win, self.tr("Incidents"), "incidentsDock", self._make_incidents)
        self.entities = _Dock(win, self.tr("Speakers and entities"), "entitiesDock", self._make_entities)
        self.incidents_action = QAction(self.tr("&Incidents and figures"), win)  # type: ignore[arg-type]
        icons.apply(self.incidents_action, "fa5s.calendar-alt")
        self.incidents_action.setShortcut(INCIDENTS_SHORTCUT)
        self.incidents_action.setStatusTip(self.tr("Incidents by date, their evidence and their figures compared"))
        self.incidents_action.triggered.connect(lambda *_: self.open_incidents())
        self.entities_action = QAction(self.tr("Spea&kers and entities"), win)  # type: ignore[arg-type]
        icons.apply(self.entities_action, "fa5s.users")
        self.entities_action.setShortcut(ENTITIES_SHORTCUT)
        self.entities_action.setStatusTip(self.tr("People, organisations and states, and every statement by each"))
        self.entities_action.triggered.connect(lambda *_: self.open_entities())
        win.add_menu_action("view", self.incidents_action)
        win.add_menu_action("view", self.entities_action)
        self.source_action = QAction(self.tr("Document &source…"), win)  # type: ignore[arg-type]
        self.source_action.setShortcut(SOURCE_SHORTCUT)
        self.source_action.setStatusTip(self.tr("Outlet, author, dates, URL, source type and reliability of this "
                                                "document"))
        self.source_action.triggered.connect(lambda *_: self._source())
        self.grade_action = QAction(self.tr("Credibility &grade…"), win)  # type: ignore[arg-type]
        self.grade_action.setShortcut(GRADE_SHORTCUT)
        self.grade_action.setStatusTip(self.tr("How credible the selected annotation is, 1 to 6"))
        self.grade_action.triggered.connect(lambda *_: self._grade())
        win.add_menu_action("annotate", self.source_action)
        win.add_menu_action("annotate", self.grade_action)
        win.session_opened.connect(lambda _s: self.follow())

    def _source(self) -> None:
        from .evidence_source import edit_source

        edit_source(self.win)

    def _grade(self) -> None:
        from .evidence_source import edit_grade

        edit_grade(self.win)
        self.incidents.changed()
        self.entities.changed()

    def _make_incidents(self) -> QWidget:
        from .incident_view import IncidentView

        return IncidentView(self.win)

    def _make_entities(self) -> QWidget:
        from .entity_view import EntityView

        return EntityView(self.win)

    def open_incidents(self) -> IncidentView:
        self.follow()
        return self.incidents.open()  # type: ignore[return-value]

    def open_entities(self) -> EntityView:
        self.follow()
        return self.entities.open()  # type: ignore[return-value]

    def follow(self) -> None:
        """Listen to the open project: every change of annotations marks both views stale."""
        session = self.win.session
        if session is None or session is self._session:
            return
        self._session = session
        for signal in (session.annotation_changed, session.bulk_changed, session.documents_changed):
            signal.connect(lambda *_: (self.incidents.changed(), self.entities.changed()))
        self.incidents.changed()
        self.entities.changed()


def install(win: Shell) -> EvidenceDocks:
    return EvidenceDocks(win)
