"""Suggestions in the window: Annotate › Suggest, the review list, the outlines in the reader, and
the keys to accept, correct or reject what the rules propose (core/suggest/).

Suggesting runs in a worker (a 340-page report takes a few seconds of CPU), for the open document
(`F7`) or every document (`Shift+F7`, with progress and Cancel, which keeps what was found so far).
Nothing is written until a verdict: suggestions live in the review list only, so they are never
exported, merged or counted. Review keys work from anywhere in the window: `F8` / `Shift+F8` go to
the next / previous suggestion, `Ctrl+Enter` accepts, `Ctrl+Shift+Enter` accepts and opens the
fields, `Ctrl+Delete` rejects; in the list itself `Enter`, `Shift+Enter` and `Delete` do the same.
Each verdict is one undo step.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDockWidget, QMenu

from testimonia.core.errors import TestimoniaError
from testimonia.core.suggest import Suggestion
from testimonia.core.views import AnnotationView, DocumentInfo

from . import icons
from .i18n import arg, format_count
from .shortcuts import Key, sequences
from .suggest_commands import AcceptSuggestions, RejectSuggestions
from .suggest_model import key_of
from .suggest_overlay import SuggestionOverlay
from .suggest_panel import SuggestPanel

if TYPE_CHECKING:
    from testimonia.core.store import Store

    from .session import Session
    from .shell import Shell

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Found:
    """What a suggesting job brings back to the GUI thread."""

    suggestions: list[Suggestion]
    documents: list[DocumentInfo]  # every document of the project, in list order (titles, order)
    scope: str | None  # the document suggested for; None: all of them
    done: int  # documents looked at (fewer than total when cancelled)
    total: int


def suggest_job(store: Store, document: str | None, progress_text: str) -> Callable[[Progress, Callable[[], bool]],
                                                                                       Found]:
    """The worker's job: no Qt, only core calls (progress_text is translated beforehand: %1 of %2)."""
    from testimonia.core.suggest import project

    def job(progress: Progress, cancelled: Callable[[], bool]) -> Found:
        docs = store.documents()
        seen = [0]

        def step(done: int, total: int) -> None:
            seen[0] = done
            progress(done, total, arg(progress_text, format_count(done), format_count(total)))

        found = project.project_suggestions(store, document, progress=step, cancelled=cancelled)
        rank = {d.uuid: i for i, d in enumerate(docs)}
        found.sort(key=lambda s: (rank.get(s.document, len(rank)), s.start, s.end, s.label_uuid))  # as the list
        total = 1 if document else len(docs)
        return Found(found, docs, document, seen[0], total)

    return job


class SuggestActions(QObject):
    def __init__(self, win: Shell) -> None:
        super().__init__(win)
        self.win = win
        self.session: Session | None = None
        self.scope: str | None = None
        self.found: Found | None = None
        self.running = False
        self._dock: QDockWidget | None = None
        self.panel: SuggestPanel | None = None
        self.overlay = SuggestionOverlay(win.reader)
        a = self._action
        self.suggest_document = a(self.tr("&Suggest in this document"), self.suggest_open, ("F7",), "fa5s.magic",
                                  self.tr("Propose statements, figures and obligations in the open document, "
                                          "fields filled in"))
        self.suggest_all = a(self.tr("Suggest in &all documents"), self.suggest_everywhere, ("Shift+F7",), "",
                             self.tr("Propose annotations in every document of the project, in the background"))
        self.next = a(self.tr("&Next suggestion"), lambda: self.step(1), ("F8",))
        self.previous = a(self.tr("&Previous suggestion"), lambda: self.step(-1), ("Shift+F8",))
        self.accept = a(self.tr("&Accept suggestion"), lambda: self.accept_current(), ("Ctrl+Return", "Ctrl+Enter"),
                        "fa5s.check", self.tr("Make the suggestion an annotation with its fields (Enter in the list)"))
        self.accept_edit = a(self.tr("Accept and &edit"), lambda: self.accept_current(edit=True),
                             ("Ctrl+Shift+Return", "Ctrl+Shift+Enter"), "fa5s.edit",
                             self.tr("Accept the suggestion and go to its fields (Shift+Enter in the list)"))
        self.reject = a(self.tr("&Reject suggestion"), self.reject_current, ("Ctrl+Del",), "fa5s.times",
                        self.tr("Never propose this again in this project (Delete in the list)"))
        self.bulk = a(self.tr("Accept a&bove a score…"), self.bulk_dialog, (), "fa5s.check-double",
                      self.tr("Accept every suggestion of a kind with at least a given score"))
        self.clear = a(self.tr("&Clear suggestions"), self.clear_all, ())
        self.review_actions = (self.next, self.previous, self.accept, self.accept_edit, self.reject, self.bulk,
                               self.clear)
        self.menu = QMenu(self.tr("Review su&ggestions"), win)
        self.menu.addActions(list(self.review_actions[:5]))
        self.menu.addSeparator()
        self.menu.addActions([self.bulk, self.clear])
        win.add_menu_action("annotate", self.suggest_document)
        win.add_menu_action("annotate", self.suggest_all)
        win.add_menu_action("annotate", self.menu.menuAction())
        self._enable()
        win.reader.text_loaded.connect(self._document_shown)
        win.reader.annotation_clicked.connect(self._clicked)

    def _action(self, text: str, slot: Callable[[], object], keys: tuple[Key, ...], icon: str = "",
                tip: str = "") -> QAction:
        act = QAction(text, self.win)
        if icon:
            icons.apply(act, icon)
        if keys:
            act.setShortcuts(sequences(keys))
        if tip:
            act.setStatusTip(tip)
        act.triggered.connect(lambda *_: slot())
        self.win.add_window_action(act)
        return act

    def _enable(self) -> None:
        has = self.panel is not None and self.panel.model.rowCount() > 0
        for act in self.review_actions:
            act.setEnabled(has)

    # -- the list ------------------------------------------------------------------------------
    def dock(self) -> SuggestPanel:
        """The review list, built on first use under everything (a tab beside the team docks)."""
        if self.panel is None:
            panel = SuggestPanel()
            for act in (self.accept, self.accept_edit, self.reject, self.bulk):
                panel.add_button(act)
            panel.finish_buttons()
            panel.current_changed.connect(self._current_changed)
            panel.table.accept_pressed.connect(lambda: self.accept_current())
            panel.table.edit_pressed.connect(lambda: self.accept_current(edit=True))
            panel.table.reject_pressed.connect(self.reject_current)
            dock = QDockWidget(self.tr("Suggestions"), objectName="suggestionsDock")
            dock.setWidget(panel)
            self.win.add_bottom_dock(dock)
            self.win.add_menu_action("view", dock.toggleViewAction())
            self._dock, self.panel = dock, panel
        assert self._dock is not None
        self._dock.show()
        self._dock.raise_()
        return self.panel

    def _follow_session(self) -> bool:
        """Suggestions belong to one open project; another project (or none) starts empty."""
        session = self.win.session
        if session is self.session:
            return session is not None
        if self.session is not None:
            self.clear_all()
        self.session = session
        if session is not None:
            session.annotation_changed.connect(self._annotated)
            session.labels_changed.connect(self._names_changed)
        return session is not None

    # -- suggesting ------------------------------------------------------------------------------
    def suggest_open(self) -> None:
        if not self._follow_session() or self.win.document is None:
            self.win.show_status(self.tr("Open a document first"))
            return
        self._start(self.win.document.uuid)

    def suggest_everywhere(self) -> None:
        if not self._follow_session():
            self.win.show_status(self.tr("Open or create a project first"))
            return
        self._start(None)

    def _start(self, document: str | None) -> None:
        if self.running:
            self.win.show_status(self.tr("Still looking for suggestions"))
            return
        assert self.session is not None
        session = self.session
        self.win.editor.commit_pending()
        job = suggest_job(session.store, document, self.tr("Document %1 of %2"))
        self.running = True
        title = self.tr("Looking for suggestions")
        self.win.run_job(title, job, lambda found: self._found(session, found),  # type: ignore[arg-type]
                         lambda exc: self._failed(exc))

    def _failed(self, error: BaseException) -> None:
        self.running = False
        self.win.job_failed(error)

    def _found(self, session: Session, found: Found) -> None:
        self.running = False
        if session is not self.win.session:
            return  # the project was closed meanwhile
        panel = self.dock()
        self.found, self.scope = found, found.scope
        panel.model.set_names(self._label_names(), {d.uuid: d.title for d in found.documents},
                              [d.uuid for d in found.documents])
        panel.model.set_suggestions(found.suggestions, in_order=True)
        panel.table.setColumnHidden(panel.model.DOCUMENT, found.scope is not None)
        self._overlay_open_document()
        self._update_summary()
        self._enable()
        n = len(found.suggestions)
        if n:
            panel.set_current_row(self._row_from_cursor(1))
            panel.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.win.show_status(self._summary_text() if n else self.tr("No suggestions"))

    def _label_names(self) -> dict[str, tuple[str, str]]:
        return {lb.uuid: (lb.name, lb.color) for lb in self.win.all_labels}

    def _names_changed(self) -> None:
        if self.panel is not None and self.found is not None:
            self.panel.model.set_names(self._label_names(), {d.uuid: d.title for d in self.found.documents},
                                       [d.uuid for d in self.found.documents])
            self._overlay_open_document()

    def _summary_text(self) -> str:
        if self.panel is None or self.found is None:
            return ""
        n = self.panel.model.rowCount()
        count = self.tr("%Ln suggestion(s) to review", "", n)
        if self.found.scope is not None:
            title = next((d.title for d in self.found.documents if d.uuid == self.found.scope), "")
            text = arg(self.tr("%1 in “%2”"), count, title)
        else:
            text = arg(self.tr("%1 in %2"), count, self.tr("%Ln document(s)", "", self.found.done))
        if self.found.done < self.found.total:
            text += " " + arg(self.tr("(stopped after %1 of %2 documents)"), format_count(self.found.done),
                              format_count(self.found.total))
        return text

    def _update_summary(self) -> None:
        if self.panel is not None:
            self.panel.summary.setText(self._summary_text())

    # -- the reader ------------------------------------------------------------------------------
    def _document_shown(self) -> None:
        if self.win.session is not self.session:
            self._follow_session()
        self._overlay_open_document()

    def _overlay_open_document(self) -> None:
        doc = self.win.document.uuid if self.win.document is not None and self.win.reader.text else None
        if self.panel is None or doc is None:
            self.overlay.set_spans(())
            return
        model = self.panel.model
        colors = {uuid: color or "#888888" for uuid, (_name, color) in self._label_names().items()}
        self.overlay.set_spans((s.start, s.end, colors.get(s.label_uuid, "#888888"),
                                (s.document, s.label_uuid, s.start, s.end))
                               for s in model.rows_of(doc))
        current = self.panel.current()
        self.overlay.set_current(key_of(current) if current is not None and current.document == doc else None)

    def _current_changed(self, s: Suggestion | None) -> None:
        if s is None:
            self.overlay.set_current(None)
            return
        if self.win.document is None or self.win.document.uuid != s.document:
            self.win.open_document(s.document)  # the reader's text_loaded redraws the outlines
        self.overlay.set_current(key_of(s))
        if self.win.document is not None and self.win.document.uuid == s.document:
            self._reveal(s)

    def _reveal(self, s: Suggestion) -> None:
        """The cursor to the suggestion; the view moves only when it is not already all in view, and
        then puts it in the middle (at the edge, the next suggestion would move the view again)."""
        reader = self.win.reader
        rect = reader.viewport().rect()
        cur = reader.textCursor()
        cur.setPosition(reader.offsets.to_utf16(s.end))
        shown = rect.contains(reader.cursorRect(cur))
        cur.setPosition(reader.offsets.to_utf16(s.start))
        shown = shown and rect.contains(reader.cursorRect(cur))
        reader.setTextCursor(cur)
        if not shown:
            reader.centerCursor()

    def _clicked(self, uuid: str) -> None:
        """A click outside every annotation inside an outline makes that suggestion the current one."""
        if uuid or self.panel is None or not self.overlay.outlines:
            return
        cp = self.win.reader.offsets.to_codepoint(self.win.reader.textCursor().position())
        keys = self.overlay.at(cp)
        if keys:
            row = self.panel.model.row_of(keys[0])
            if row >= 0:
                self.panel.set_current_row(row)

    def _row_from_cursor(self, delta: int) -> int:
        """The first suggestion after the reader's cursor in the open document (delta 1), or the last
        before it (-1); else the first (or last) row."""
        assert self.panel is not None
        rows = self.panel.model.suggestions()
        if not rows:
            return -1
        if self.win.document is not None:
            at = self.win.reader.offsets.to_codepoint(self.win.reader.textCursor().position())
            here = [i for i, s in enumerate(rows) if s.document == self.win.document.uuid]
            if here:
                after = [i for i in here if rows[i].start >= at] if delta > 0 else \
                        [i for i in here if rows[i].start < at]
                if after:
                    return after[0] if delta > 0 else after[-1]
                return here[0] if delta > 0 else here[-1]
        return 0 if delta > 0 else len(rows) - 1

    # -- review ----------------------------------------------------------------------------------
    def step(self, delta: int) -> Suggestion | None:
        if self.panel is None or self.panel.model.rowCount() == 0:
            self.win.show_status(self.tr("No suggestions to review: press F7 to suggest in this document"))
            return None
        current = self.panel.table.currentIndex()
        row = current.row() + delta if current.isValid() else self._row_from_cursor(delta)
        if not 0 <= row < self.panel.model.rowCount():
            self.win.show_status(self.tr("That was the last suggestion") if delta > 0
                                 else self.tr("That was the first suggestion"))
            return None
        self.dock()
        self.panel.set_current_row(row)
        return self.panel.current()

    def _current_or_say(self) -> Suggestion | None:
        s = self.panel.current() if self.panel is not None else None
        if s is None:
            self.win.show_status(self.tr("Choose a suggestion first (F8 goes to the next one)"))
        return s

    def accept_current(self, edit: bool = False) -> AnnotationView | None:
        s = self._current_or_say()
        if s is None or not self._follow_session():
            return None
        assert self.panel is not None
        row = self.panel.table.currentIndex().row()
        created = self._push(AcceptSuggestions(self._session(), self.tr("Accept suggestion"), [s], self._listed))
        if not created:
            return None
        view = created[0]
        self._after_verdict(row, keep_focus=not edit)
        if edit:
            self.win.select_annotation(view.uuid, reveal=True)
            self.win.editor.focus_first_field()
        return view

    def reject_current(self) -> bool:
        s = self._current_or_say()
        if s is None or not self._follow_session():
            return False
        assert self.panel is not None
        row = self.panel.table.currentIndex().row()
        if self._push(RejectSuggestions(self._session(), self.tr("Reject suggestion"), [s], self._listed)) is None:
            return False
        self._after_verdict(row, keep_focus=True)
        return True

    def accept_many(self, suggestions: Sequence[Suggestion]) -> None:
        """Accept in a worker (on a 340-page report each accept costs about 10 ms), then one undo step."""
        if not suggestions or not self._follow_session():
            return
        from testimonia.core.suggest import review

        session, chosen = self._session(), list(suggestions)
        self.win.editor.commit_pending()

        def done(created: object) -> None:
            if session is not self.win.session:
                return
            views = list(created)  # type: ignore[call-overload]
            text = self.tr("Accept %Ln suggestion(s)", "", len(views))
            session.undo_stack.push(AcceptSuggestions.written(session, text, chosen, self._listed, views))
            self.win.show_status(self.tr("Accepted %Ln suggestion(s)", "", len(views)))
            if self.panel is not None:
                self._after_verdict(0, keep_focus=True)

        self.win.run_job(self.tr("Accepting suggestions"),
                         lambda _progress, _cancelled: review.accept(session.store, chosen, session.author), done)

    def bulk_dialog(self) -> object:
        from .suggest_bulk import BulkAcceptDialog

        if self.panel is None or self.panel.model.rowCount() == 0:
            self.win.show_status(self.tr("No suggestions to review: press F7 to suggest in this document"))
            return None
        labels = [(lb.uuid, lb.name) for lb in self.win.all_labels]
        dialog = BulkAcceptDialog(self.panel.model.suggestions(), labels, self.win)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.accept_many(dialog.selected()))
        dialog.open()
        return dialog

    def clear_all(self) -> None:
        if self.panel is not None:
            self.panel.model.set_suggestions([])
        self.found = None
        self.overlay.clear()
        self._update_summary()
        self._enable()

    def _session(self) -> Session:
        assert self.session is not None
        return self.session

    def _push(self, command: AcceptSuggestions | RejectSuggestions) -> list[AnnotationView] | None:
        from . import commands

        self.win.editor.commit_pending()
        try:
            result = commands.push(self._session(), command)
        except TestimoniaError as exc:
            self.win.show_status(str(exc))
            return None
        return result if isinstance(result, list) else []

    def _after_verdict(self, row: int, keep_focus: bool) -> None:
        """The next suggestion (the one that took the row) becomes current; focus stays for the next key."""
        assert self.panel is not None
        focus = QApplication.focusWidget()
        count = self.panel.model.rowCount()
        self.panel.set_current_row(min(row, count - 1) if count else -1)
        if keep_focus and focus is not None:
            focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def _listed(self, suggestions: Sequence[Suggestion], present: bool) -> None:
        """A verdict was given (present False) or undone (True): the list and outlines follow."""
        if self.panel is None:
            return
        if present:
            back = [s for s in suggestions if self.found is not None and self.scope in (None, s.document)]
            self.panel.model.add(back)
        else:
            self.panel.model.remove(key_of(s) for s in suggestions)
        self._overlay_open_document()
        self._update_summary()
        self._enable()

    def _annotated(self, view: AnnotationView) -> None:
        """An annotation marked by hand over a suggested span of its label takes the suggestion's place."""
        if self.panel is None or view.deleted or not self.panel.model.rowCount():
            return
        gone = [key_of(s) for s in self.panel.model.suggestions()
                if s.document == view.document_uuid and s.label_uuid == view.label_uuid
                and _overlap((s.start, s.end), (view.start, view.end)) >= 0.5]
        if gone:
            self.panel.model.remove(gone)
            self._overlay_open_document()
            self._update_summary()
            self._enable()


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return max(0, inter) / max(a[1] - a[0], b[1] - b[0], 1)


def install(win: Shell) -> SuggestActions:
    return SuggestActions(win)
