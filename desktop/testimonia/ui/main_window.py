"""The main window: documents on the left, the reader in the centre, annotations on the right."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QUndoGroup,
)
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QMessageBox, QVBoxLayout, QWidget

from testimonia.core import config
from testimonia.core import labels as core_labels
from testimonia.core.errors import Cancelled, TestimoniaError
from testimonia.core.offsets import OffsetMap
from testimonia.core.views import AnnotationView, AuthorRef, Content, DocumentInfo, LabelInfo

from . import commands, document_removal, plain, reader_hint, window_layout
from .annotations_model import Row
from .annotations_panel import AnnotationsPanel
from .core_text import shown_label
from .documents_panel import DocumentsPanel
from .find_bar import FindBar
from .i18n import arg, format_count
from .plain import plain_label
from .reader import Reader
from .refresh import OpenDocument, Snapshot, read_snapshot
from .search_panel import SearchPanel
from .session import Session
from .window_actions import WindowActions
from .workers import Job, Runner, Task, ThreadedRunner

if TYPE_CHECKING:
    from .label_dialog import LabelDialog

log = logging.getLogger(__name__)
APP_TITLE = "Testimonia"
_Upgraded = tuple[int | None, Path | None, bool]  # an opening's upgraded_from, backup and recovered


class MainWindow(QMainWindow):
    refreshed = Signal()  # refresh_all's re-read has been applied
    # The Session of the project now open (None: none), after it is wired: views that live beside the
    # window (docks, dialogs) take it from here rather than reading the window's attributes.
    session_opened = Signal(object)

    def __init__(self, author: AuthorRef, runner: Runner | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.author = author
        self.runner: Runner = runner or ThreadedRunner()
        self.session: Session | None = None
        self.document: DocumentInfo | None = None
        self.labels: list[LabelInfo] = []
        self.all_labels: list[LabelInfo] = []
        self.colors: dict[str, str] = {}
        self._selected: str | None = None
        self.last_message: QMessageBox | None = None
        self.merge_dialog: QWidget | None = None  # the merge preview now shown (tests and screenshots reach it)
        self.refreshing = False  # refresh_all is reading in a worker
        self._refresh_again = False
        self._generation = 0  # counts changes made through the session, so a stale re-read is not applied
        self.undo_group = QUndoGroup(self)
        self.undo_group.cleanChanged.connect(lambda clean: self.setWindowModified(not clean))

        self.reader = Reader()
        self.reader.annotation_clicked.connect(lambda uuid: self.select_annotation(uuid or None, reveal=False))
        self.reader.page_changed.connect(self._show_page)
        self.find_bar = FindBar()
        self.find_bar.hits_changed.connect(self.reader.set_find_hits)
        self.find_bar.closed.connect(lambda: self.reader.setFocus())
        centre = QWidget()
        lay = QVBoxLayout(centre)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.find_bar)
        lay.addWidget(self.reader)
        self.setCentralWidget(centre)

        self.documents = DocumentsPanel()
        self.documents.document_chosen.connect(self.open_document)
        self.documents.rename_requested.connect(lambda uuid: self.rename_document(uuid))
        self.documents.remove_requested.connect(lambda uuid: self.remove_document(uuid))
        self.search = SearchPanel()
        self.search.open_hit.connect(self.open_search_hit)
        self.annotations = AnnotationsPanel()
        self.annotations.annotation_chosen.connect(lambda uuid: self.select_annotation(uuid, reveal=True))
        self.editor = self.annotations.editor
        self.editor.edit_requested.connect(self.apply_edit)
        self.editor.problem.connect(self.show_status)
        self.editor.leave.connect(lambda: self.reader.setFocus(Qt.FocusReason.OtherFocusReason))
        self.documents_dock = self._dock(self.tr("Documents"), "documentsDock", self.documents, left=True)
        self.search_dock = self._dock(self.tr("Search"), "searchDock", self.search, left=True)
        self.tabifyDockWidget(self.documents_dock, self.search_dock)
        self.documents_dock.raise_()
        self.annotations_dock = self._dock(self.tr("Annotations"), "annotationsDock", self.annotations, left=False)

        self.actions_ = WindowActions(self)
        self.reader.setPlaceholderText(reader_hint.text(self.actions_, None))
        self.selected = None  # disables the actions that need a selected annotation
        for dock in (self.documents_dock, self.search_dock, self.annotations_dock):
            self.actions_.view_menu.addAction(dock.toggleViewAction())
        for act in (self.actions_.undo, self.actions_.redo):
            act.setEnabled(False)
        self.undo_group.canUndoChanged.connect(self.actions_.undo.setEnabled)
        self.undo_group.canRedoChanged.connect(self.actions_.redo.setEnabled)
        # The menu says what will be undone; the toolbar button keeps its short iconText.
        self.undo_group.undoTextChanged.connect(
            lambda t: self.actions_.undo.setText(arg(self.tr("&Undo %1"), t).strip() if t else self.tr("&Undo")))
        self.undo_group.redoTextChanged.connect(
            lambda t: self.actions_.redo.setText(arg(self.tr("&Redo %1"), t).strip() if t else self.tr("&Redo")))
        self.actions_.undo.setIconText(self.tr("Undo"))
        self.actions_.redo.setIconText(self.tr("Redo"))
        self._add_help_actions()
        self.editor.add_action_button(self.actions_.adjust_span)
        self.editor.add_action_button(self.actions_.delete)

        self._status_author = plain_label(wrap=False)
        self._status_file = plain_label(wrap=False)
        self._status_counts = plain_label(wrap=False)
        self._status_page = plain_label(wrap=False)
        self._status_page.setObjectName("statusPage")
        for w in (self._status_author, self._status_file, self._status_counts, self._status_page):
            self.statusBar().addPermanentWidget(w)
        self.setAcceptDrops(True)
        window_layout.initial(self)
        self._update_title()
        from .team_actions import install  # merge, conflicts, evidence table, exports (their own modules)

        self.team = install(self)
        from .suggest_actions import install as install_suggestions  # Annotate › Suggest, the review list

        self.suggest = install_suggestions(self)
        from .agreement_dock import install as install_agreement  # View › Agreement (its own modules)

        self.agreement = install_agreement(self)
        from .evidence_dock import install as install_evidence  # View › Incidents, Speakers (their own modules)

        self.evidence = install_evidence(self)
        from .server_sync import install as install_server  # File › Team server…, Sync now, the status indicator

        self.server_sync = install_server(self)

    def _dock(self, title: str, name: str, widget: QWidget, *, left: bool) -> QDockWidget:
        dock = QDockWidget(title, self, objectName=name)
        dock.setWidget(widget)
        area = Qt.DockWidgetArea.LeftDockWidgetArea if left else Qt.DockWidgetArea.RightDockWidgetArea
        self.addDockWidget(area, dock)
        return dock

    # -- hooks for later features ------------------------------------------------------------
    @property
    def file_menu(self) -> QMenu:
        return self.actions_.file_menu

    def add_status_widget(self, widget: QWidget) -> None:
        """A permanent indicator at the right of the status bar (the team server's state)."""
        self.statusBar().addPermanentWidget(widget)

    def add_file_action(self, action: QAction) -> None:
        """Add an action to the File menu's section for project-wide operations (merge, export)."""
        self.file_menu.insertAction(self.actions_.extension_end, action)

    def add_menu_action(self, menu: str, action: QAction) -> None:
        """Append to "file", "edit", "annotate", "view" or "help"."""
        target = {"file": self.file_menu, "edit": self.actions_.edit_menu, "annotate": self.actions_.annotate_menu,
                  "view": self.actions_.view_menu, "help": self.actions_.help_menu}[menu]
        if menu == "file":
            self.add_file_action(action)
        elif menu == "annotate":  # rebuilt with the labels: kept in a list the rebuild adds back
            self.actions_.annotate_extras.append(action)
            self.actions_.fill_annotate_menu()
        else:
            target.addAction(action)

    def add_window_action(self, action: QAction) -> None:
        """A shortcut that works anywhere in the window, whether or not its menu has been shown."""
        self.addAction(action)

    def add_bottom_dock(self, dock: QDockWidget) -> None:
        """Place a view's dock under everything, as a tab beside the other bottom docks, and list it
        in the View menu."""
        bottom = [d for d in self.findChildren(QDockWidget) if d is not dock and not d.isFloating()
                  and self.dockWidgetArea(d) == Qt.DockWidgetArea.BottomDockWidgetArea]
        window_layout.add_bottom_dock(self, dock, bottom)

    def run_job(self, title: str, job: Job, on_done: Callable[[object], None],
                on_failed: Callable[[BaseException], None] | None = None) -> Task:
        """Run slow work off the GUI thread with a progress dialog; callbacks run on the GUI thread."""
        return self.runner.start(title, job, on_done, on_failed or self.job_failed, self)

    def refresh_all(self) -> None:
        """Re-read everything from the project (after a merge or any bulk change).

        The reads run in a worker (after a 200k-revision merge they took over a second) and the
        window applies them when they arrive; `refreshing` is True and `refreshed` follows until then.
        """
        if self.session is None:
            return
        if self.refreshing:
            self._refresh_again = True
            return
        session, store = self.session, self.session.store
        doc = self.document.uuid if self.document else None
        have = self.document.text_sha256 if self.document is not None and self.reader.text else None
        generation = self._generation
        self.refreshing, self._refresh_again = True, False
        self.runner.quiet(lambda: read_snapshot(store, doc, have),
                          lambda snap: self._refreshed(session, generation, snap),  # type: ignore[arg-type]
                          lambda exc: self._refresh_failed(session, exc))

    def _refreshed(self, session: Session, generation: int, snap: Snapshot) -> None:
        self.refreshing = False
        stale = session is not self.session or generation != self._generation
        if self._refresh_again or (stale and session is self.session):
            self.refresh_all()  # asked again, or something changed while reading: do not show old rows
            return
        if stale:
            self.refreshed.emit()  # another project is open now; this one's reads are of no use
            return
        self._apply_labels(snap.labels, snap.authors)
        self._apply_documents()
        session.totals = snap.stats
        self._show_totals(snap.stats)
        current = self.document.uuid if self.document else None  # after the counts: it may have been removed
        if snap.requested is not None and snap.requested == current:
            if snap.document is None:
                self.document = None
                self.show_message(self.tr("Cannot open the document"), snap.error)
            else:
                self.show_opened(snap.document, snap.authors)
        self.refreshed.emit()

    def _refresh_failed(self, session: Session, error: BaseException) -> None:
        self.refreshing = False
        if session is self.session:
            self.job_failed(error)
        if self._refresh_again:
            self.refresh_all()
            return
        self.refreshed.emit()

    def _changed(self, *_: object) -> None:
        self._generation += 1

    # -- projects ----------------------------------------------------------------------------
    def open_project(self, path: Path | str) -> bool:
        """Open `path` (False, with a message, when it cannot be). A file of an older format is
        upgraded first in a worker, with a progress dialog: on a large project that rebuilds the
        search index for minutes, which the window must not freeze through."""
        from testimonia.core import rawdb
        from testimonia.core.store import Store

        path = Path(path)
        try:
            older = rawdb.inspect_file(path, full=False) < rawdb.SCHEMA_VERSION
        except TestimoniaError as exc:
            self.show_message(self.tr("Cannot open the project"), str(exc))
            return False
        if older:
            def upgrade(progress: Callable[[int, int], None], _cancelled: object) -> _Upgraded:
                progress(0, 0)  # a busy bar: the upgrade is one transaction, with no steps to count
                with Store.open(path) as upgraded:  # its connections live and end in this worker
                    return upgraded.upgraded_from, upgraded.backup, upgraded.recovered

            task = self.run_job(self.tr("Upgrading the project file"), upgrade,  # type: ignore[arg-type]
                                lambda done: self._open_store(path, done))  # type: ignore[arg-type]
            task.dialog.setCancelButton(None)  # one transaction: it cannot stop half-way, nor needs to
            return True
        return self._open_store(path, None)

    def _open_store(self, path: Path, upgraded: _Upgraded | None) -> bool:
        from testimonia.core.store import Store

        try:
            store = Store.open(path)
        except TestimoniaError as exc:
            self.show_message(self.tr("Cannot open the project"), str(exc))
            return False
        if upgraded is not None:  # what the worker's opening did, as if this one had
            store.upgraded_from, store.backup = upgraded[0], upgraded[1]
            store.recovered = store.recovered or upgraded[2]
        self.close_project()
        session = Session(store, self.author, self, background=self.runner.quiet)
        session.annotation_changed.connect(self._annotation_changed)
        session.labels_changed.connect(self._load_labels)
        session.documents_changed.connect(self._apply_documents)
        session.counts_changed.connect(self.documents.model.set_counts)
        session.totals_changed.connect(self._show_totals)
        session.field_values_ready.connect(self.editor.values_ready)
        session.documents_changed.connect(self.search.refresh)
        session.document_restored.connect(self.open_document)
        session.error.connect(self.show_status)
        session.status.connect(self.show_status)
        session.bulk_changed.connect(self.refresh_all)
        for signal in (session.annotation_changed, session.labels_changed, session.documents_changed):
            signal.connect(self._changed)
        self.session = session
        self.undo_group.addStack(session.undo_stack)
        self.undo_group.setActiveStack(session.undo_stack)
        self.search.set_search(store.search)
        try:
            config.add_recent(path)
        except OSError:
            log.warning("could not record %s as recent", path, exc_info=True)
        self._load_labels()
        self.documents.set_store(store, self.runner.quiet)  # rows as they are shown, their counts off this thread
        self._status_counts.setText("")
        session.refresh_totals()  # in a worker: it reads every annotation
        self.reader.setPlaceholderText(reader_hint.text(self.actions_, self.documents.model.rowCount()))
        first = self.documents.model.uuid_at(0)
        if first:
            self.open_document(first)
        self._update_title()
        if store.upgraded_from is not None:
            self.show_status(arg(self.tr("Upgraded the project file; the old version is kept as %1"),
                                 str(store.backup)))
        if store.recovered:
            self.show_status(self.tr("Changes that were waiting beside the project file (from a session that "
                                     "did not close) are now written into it"))
        self.session_opened.emit(session)
        return True

    def close_project(self) -> None:
        self.editor.commit_pending()
        if self.session is not None:
            self.undo_group.removeStack(self.session.undo_stack)
            self.session.close()
            self.session.deleteLater()
        had = self.session is not None
        self.session = None
        if had:
            self.session_opened.emit(None)
        self.close_document()
        self.documents.set_store(None)
        self.reader.setPlaceholderText(reader_hint.text(self.actions_, None))
        self.search.set_search(None)
        self._update_title()

    def _load_labels(self) -> None:
        if self.session is None:
            return
        store = self.session.store
        self._apply_labels(store.labels(include_deleted=True), store.authors())

    def _apply_labels(self, stored: list[LabelInfo], authors: dict[str, str]) -> None:
        assert self.session is not None
        # Built-in names in the interface language; the project keeps the stored ones.
        all_labels = self.all_labels = self.session.shown_labels = [shown_label(lb) for lb in stored]
        order = {uuid: i for i, uuid in enumerate(core_labels.BY_UUID)}  # built-ins in key order 1, 2, 3
        self.labels = self.session.labels = sorted((lb for lb in all_labels if not lb.deleted),
                                                   key=lambda lb: (order.get(lb.uuid, len(order)), lb.name.casefold()))
        self.colors = {lb.uuid: lb.color for lb in all_labels}
        self.actions_.set_labels(self.labels)
        self.editor.configure(self.labels, self.session.field_values)
        self._set_names(authors)
        self.reader.set_colors(self.colors)

    def _set_names(self, authors: dict[str, str] | None = None) -> None:
        if self.session is None:
            return
        if authors is None:
            authors = self.session.store.authors()
        self.annotations.model.set_names({lb.uuid: (lb.name, lb.color) for lb in self.all_labels}, authors)
        self.annotations.set_filter_choices(self.labels, authors)

    def view(self, uuid: str | None) -> AnnotationView | None:
        """The full current view of an annotation (the table holds only what it displays)."""
        if self.session is None or not uuid:
            return None
        try:
            return self.session.store.annotation(uuid)
        except TestimoniaError:
            return None

    def _update_title(self) -> None:
        title = self.session.store.title if self.session else self.tr("No project")
        self.setWindowTitle(f"{title}[*] — {APP_TITLE}")
        self._status_author.setText(arg(self.tr("Author: %1"), self.author.name))
        self._status_file.setText(str(self.session.store.path) if self.session else "")
        self.setWindowModified(self.session is not None and not self.session.undo_stack.isClean())

    def refresh_counts(self) -> None:
        """Read the documents list again and recount the totals (in a worker)."""
        if self.session is None:
            self._status_counts.setText("")
            return
        self._apply_documents()
        self.session.refresh_totals()

    def _apply_documents(self) -> None:
        """Documents came, went or were renamed: the list reads its rows again (those shown)."""
        if self.session is None:
            return
        row = self.documents.model.row_of(self.document.uuid) if self.document else -1
        self.documents.reload()
        try:
            listed = self.session.store.document_count()
        except TestimoniaError:
            listed = self.documents.model.rowCount()
        self.reader.setPlaceholderText(reader_hint.text(self.actions_, listed))
        if self.document and not document_removal.leave_if_removed(self, self.document.uuid, row):
            self.document = self.documents.model.info(self.document.uuid) or self.document  # a new title
            self.documents.select(self.document.uuid)

    def _show_totals(self, stats: dict[str, int] | None) -> None:
        if not stats:
            self._status_counts.setText("")
            return
        parts = [self.tr("%Ln document(s)", "", stats["documents"]),
                 self.tr("%Ln annotation(s)", "", stats["annotations"])]
        if stats["conflicts"]:
            parts.append(self.tr("%Ln conflict(s)", "", stats["conflicts"]))
        text = " · ".join(parts)
        self._status_counts.setText(text)

    # -- documents ---------------------------------------------------------------------------
    def open_document(self, uuid: str) -> None:
        if self.session is None or (self.document and self.document.uuid == uuid):
            return
        self.editor.commit_pending()
        store = self.session.store
        try:
            self.document = self.documents.model.info(uuid) or store.document(uuid)
            text = store.document_text(uuid)
            rows = list(map(Row._make, store.span_rows(uuid)))
            pages = store.page_starts(uuid)
        except TestimoniaError as exc:
            self.show_message(self.tr("Cannot open the document"), str(exc))
            return
        self._show(uuid, text, rows, pages, None)

    def close_document(self) -> None:
        """Show no document (the open one was removed, or the project is closing)."""
        self.document, self.selected = None, None
        self.reader.unload()
        self.find_bar.set_text("")
        self.annotations.reset([], "", None)
        self.editor.show_annotation(None)
        self._show_page(0)

    def show_opened(self, doc: OpenDocument, authors: dict[str, str] | None = None) -> None:
        """Show a document read beforehand (in a worker); `doc.text` None keeps the reader's text and place."""
        self.editor.commit_pending()
        self.document = doc.info
        if doc.text is None:
            self.selected = None
            self.reader.set_spans(doc.rows)
            self.annotations.reset(doc.rows, self.reader.text, doc.pages)
            self._set_names(authors)
            self.editor.show_annotation(None)
            self.documents.select(doc.info.uuid)
            return
        self._show(doc.info.uuid, doc.text, doc.rows, doc.pages, authors, doc.offsets)

    def _show(self, uuid: str, text: str, rows: list[Row], pages: list[int] | None,
              authors: dict[str, str] | None, offsets: OffsetMap | None = None) -> None:
        self.selected = None
        self.reader.load(text, rows, self.colors, pages, offsets)
        self.find_bar.set_text(text)
        self.annotations.reset(rows, text, pages)
        self._set_names(authors)
        self.editor.show_annotation(None)
        self.documents.select(uuid)
        self._show_page(self.reader.current_page() or 0)

    def rename_document(self, uuid: str, title: str | None = None) -> DocumentInfo | None:
        """Give a document a new title (asked for when not given); undoable. Empty titles are refused."""
        if self.session is None:
            return None
        try:
            before = self.documents.model.info(uuid) or self.session.store.document(uuid)
        except TestimoniaError as exc:
            self.show_status(str(exc))
            return None
        if title is None:
            from PySide6.QtWidgets import QInputDialog, QLineEdit

            title, ok = QInputDialog.getText(self, self.tr("Rename document"), self.tr("Title:"),
                                             QLineEdit.EchoMode.Normal, before.title)
            if not ok:
                return None
        title = " ".join(title.split())
        if not title:
            self.show_status(self.tr("A document needs a title; it was not renamed"))
            return None
        if title == before.title:
            return None
        doc = self._push(commands.RenameDocument(self.session, before, title))
        if isinstance(doc, DocumentInfo):
            self.show_status(arg(self.tr("Renamed the document to “%1”"), doc.title))
            return doc
        return None

    def remove_document(self, uuid: str) -> DocumentInfo | None:
        """Take a document out of the project's lists; undoable, so nothing asks first."""
        return document_removal.remove_document(self, uuid)

    def restore_removed_document(self) -> DocumentInfo | None:
        return document_removal.restore_dialog(self)

    def open_search_hit(self, uuid: str, query: str, ordinal: int = 0) -> None:
        """Show a search hit: its document, Find open on the term with this hit current and
        selected (so F3 and Shift+F3 go on from it, and a label key marks it)."""
        self.open_document(uuid)
        if self.document is None or self.document.uuid != uuid:
            return
        self.find_bar.open_bar(query)
        self.find_bar.go_to(ordinal)
        self.reader.setFocus()

    def focus_search(self) -> None:
        self.search_dock.show()
        self.search_dock.raise_()
        self.search.edit.setFocus()
        self.search.edit.selectAll()

    def _show_page(self, page: int) -> None:
        pages = self.document.pages if self.document else None
        self._status_page.setText(arg(self.tr("Page %1 of %2"), format_count(page), format_count(pages))
                                  if page and pages else "")

    # -- annotations -------------------------------------------------------------------------
    def _push(self, command: commands.StoreCommand) -> object | None:
        assert self.session is not None
        try:
            return commands.push(self.session, command)
        except TestimoniaError as exc:
            self.show_status(str(exc))
            return None

    def mark(self, label_uuid: str) -> AnnotationView | None:
        """Create an annotation of this label over the reader's selection."""
        if self.session is None or self.document is None:
            return None
        span = self.reader.selection_cp()
        label = next((lb for lb in self.labels if lb.uuid == label_uuid), None)
        if span is None or label is None:
            self.show_status(self.tr("Select some text in the document first"))
            return None
        self.editor.commit_pending()
        view = self._push(commands.CreateAnnotation(self.session, self.document.uuid, label, *span))
        if isinstance(view, AnnotationView):
            cur = self.reader.textCursor()
            cur.clearSelection()  # the selection colour would hide the new highlight
            self.reader.setTextCursor(cur)
            self.select_annotation(view.uuid, reveal=False)
            self.editor.focus_first_field()
            return view
        return None

    def apply_edit(self, before: AnnotationView, after: Content, description: str) -> None:
        if self.session is None:
            return
        if self._push(commands.EditAnnotation(self.session, before, after, description)) is None:
            current = self.view(before.uuid)
            self.editor.show_annotation(current)  # put the widgets back to what is stored

    @property
    def selected(self) -> str | None:
        """The selected annotation's UUID."""
        return self._selected

    @selected.setter
    def selected(self, uuid: str | None) -> None:
        self._selected = uuid
        actions = getattr(self, "actions_", None)
        if actions is not None:  # these do nothing without a selected annotation
            for act in (actions.delete, actions.adjust_span, actions.edit_fields):
                act.setEnabled(uuid is not None)

    def adjust_span(self) -> None:
        view = self.view(self.selected)
        span = self.reader.selection_cp()
        if self.session is None or view is None or span is None:
            self.show_status(self.tr("Select an annotation, then select the text it should cover"))
            return
        after = Content(view.label_uuid, span[0], span[1], dict(view.fields), view.note)
        self.apply_edit(view, after, self.tr("Adjust span"))

    def delete_selected(self) -> None:
        view = self.view(self.selected)
        if self.session is None or view is None:
            return
        self._push(commands.DeleteAnnotation(self.session, view))

    def select_annotation(self, uuid: str | None, reveal: bool = True) -> None:
        if uuid != self.selected:
            self.editor.commit_pending()
        view = self.view(uuid) if self.annotations.has(uuid) else None
        self.selected = view.uuid if view else None
        self.reader.set_selected(self.selected, reveal=reveal)
        self.annotations.select(self.selected)
        self.editor.show_annotation(view)

    def _annotation_changed(self, view: AnnotationView) -> None:
        if self.document is not None and view.document_uuid == self.document.uuid:
            self.reader.upsert(view)
            self.annotations.upsert(view)
            if view.deleted and not view.conflict:
                if view.uuid == self.selected:
                    self.select_annotation(None)
            elif view.uuid == self.selected:
                self.annotations.select(view.uuid)
                self.editor.show_annotation(view)

    def undo(self) -> None:
        self.editor.commit_pending()
        self.undo_group.undo()

    def redo(self) -> None:
        self.editor.commit_pending()
        self.undo_group.redo()

    def labels_dialog(self) -> None:
        dialog = self.make_labels_dialog()
        if dialog is not None:
            dialog.exec()

    def make_labels_dialog(self) -> LabelDialog | None:
        """The labels dialog, wired so each add, edit and removal is one undoable command."""
        from .label_dialog import wired_dialog

        return None if self.session is None else wired_dialog(self.session, self)

    # -- importing (bodies in import_flow) ------------------------------------------------------
    def import_dialog(self) -> None:
        from .import_flow import choose_and_import

        choose_and_import(self, self)

    def import_paths(self, paths: list[Path]) -> Task | None:
        from .import_flow import import_paths

        return import_paths(self, paths)

    def paste_document(self) -> None:
        from .import_flow import paste_document

        paste_document(self)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        from .importing import local_paths

        paths = local_paths(list(event.mimeData().urls()))
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    def job_failed(self, error: BaseException) -> None:
        if isinstance(error, Cancelled):
            self.show_status(self.tr("Cancelled; nothing was changed"))
        elif isinstance(error, TestimoniaError):
            self.show_message(APP_TITLE, str(error))
        else:
            log.error("background job failed", exc_info=error)
            self.show_message(APP_TITLE, arg(self.tr("Something went wrong (%1: %2)"),
                                             type(error).__name__, str(error)))

    # -- messages ----------------------------------------------------------------------------
    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def show_message(self, title: str, text: str, icon: QMessageBox.Icon = QMessageBox.Icon.Warning) -> QMessageBox:
        """A window-modal message that does not block the caller; user text shows literally."""
        box = self.last_message = plain.show_message(self, title, text, icon)
        return box

    # -- project dialogs (bodies in project_flow) ------------------------------------------------
    def new_project(self, path: Path | None = None) -> bool:
        from .project_flow import new_project

        return new_project(self, path)

    def open_project_dialog(self) -> bool:
        from .project_flow import open_project_dialog

        return open_project_dialog(self)

    def fill_recent_menu(self) -> None:
        from .project_flow import fill_recent_menu

        fill_recent_menu(self, self.actions_.recent_menu)

    def open_sample(self) -> bool:
        from .project_flow import open_sample

        return open_sample(self)

    def change_author(self) -> None:
        from .project_flow import ask_author

        author = ask_author(self, self.author.name)
        if author is not None:
            self.author = author
            if self.session is not None:
                self.session.author = author
            self._update_title()

    def about(self) -> None:
        from .help_dialogs import AboutDialog

        dialog = AboutDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def user_guide(self) -> None:
        from .help_dialogs import GuideWindow

        guide = self.findChild(GuideWindow)
        if guide is None:
            guide = GuideWindow(self)
        guide.show()
        guide.raise_()

    def settings_dialog(self) -> None:
        from .settings_dialog import SettingsDialog

        dialog = SettingsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _add_help_actions(self) -> None:
        """Settings and the user guide; WindowActions builds the rest of the menus."""
        self.settings_action = QAction(self.tr("&Settings…"), self)
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)  # macOS: app menu, Preferences
        self.settings_action.setShortcuts(QKeySequence.StandardKey.Preferences)
        self.settings_action.triggered.connect(lambda *_: self.settings_dialog())
        self.actions_.edit_menu.addSeparator()
        self.add_menu_action("edit", self.settings_action)
        self.guide_action = QAction(self.tr("User &guide"), self)
        self.guide_action.setShortcuts(QKeySequence.StandardKey.HelpContents)
        self.guide_action.triggered.connect(lambda *_: self.user_guide())
        self.actions_.help_menu.insertAction(self.actions_.help_menu.actions()[0], self.guide_action)

    def restore_layout(self) -> None:
        window_layout.restore(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.editor.commit_pending()  # every edit is already saved; this catches the one being typed
        window_layout.save(self)
        self.close_project()
        super().closeEvent(event)
