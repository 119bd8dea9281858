"""The main window's actions, menus and toolbar, kept apart from its behaviour.

Later features (team merge, conflicts, exports) add their own actions through
MainWindow.add_file_action / add_menu_action; the File menu keeps a section for them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from testimonia.core import labels as core_labels
from testimonia.core.views import LabelInfo

from . import icons, navigation
from .annotation_editor import swatch
from .compact import FittingToolBar
from .i18n import arg, button_text
from .shortcuts import Key, portable, sequences, with_shift

if TYPE_CHECKING:
    from .main_window import MainWindow

# Second keys for the built-ins, by their initial: S(tatement), F(igure), O(bligation).
KIND_KEYS = {"statement": "S", "figure": "F", "obligation": "O"}
KIND_ICONS = {"statement": "fa5s.quote-right", "figure": "fa5s.hashtag", "obligation": "fa5s.balance-scale"}


def _action(win: MainWindow, text: str, slot: Callable[[], object], *, icon: str = "",
            keys: tuple[Key, ...] = (), tip: str = "") -> QAction:
    act = QAction(text, win)
    act.setIconText(button_text(text))
    if icon:
        icons.apply(act, icon)
    if keys:
        act.setShortcuts(sequences(keys))
    if tip:
        act.setStatusTip(tip)
        act.setToolTip(tip)
    act.triggered.connect(lambda *_: slot())
    return act


class WindowActions(QObject):
    """A QObject only for self.tr: its strings share one translation context."""

    def __init__(self, win: MainWindow) -> None:
        super().__init__(win)
        a = _action
        self.win = win
        self.new_project = a(win, self.tr("&New project…"), win.new_project, icon="fa5s.file",
                             keys=(QKeySequence.StandardKey.New,))
        self.open_project = a(win, self.tr("&Open project…"), win.open_project_dialog, icon="fa5s.folder-open",
                              keys=(QKeySequence.StandardKey.Open,))
        self.import_files = a(win, self.tr("&Import documents…"), win.import_dialog, icon="fa5s.file-import",
                              keys=("Ctrl+I",),
                              tip=self.tr("Import .txt, .html, .pdf or .docx files (or drop them here)"))
        self.paste_document = a(win, self.tr("&Paste as new document"), win.paste_document, icon="fa5s.paste",
                                keys=("Ctrl+Shift+V",),
                                tip=self.tr("Import the text on the clipboard as a new document"))
        self.restore_document = a(win, self.tr("Restore remo&ved document…"), win.restore_removed_document,
                                  icon="fa5s.trash-restore",
                                  tip=self.tr("Bring back a document removed earlier, with its annotations"))
        self.set_author = a(win, self.tr("Your &name…"), win.change_author, icon="fa5s.user")
        self.quit = a(win, self.tr("&Quit"), win.close, keys=(QKeySequence.StandardKey.Quit,))

        self.undo = a(win, self.tr("&Undo"), win.undo, icon="fa5s.undo", keys=(QKeySequence.StandardKey.Undo,))
        self.redo = a(win, self.tr("&Redo"), win.redo, icon="fa5s.redo",
                      keys=(QKeySequence.StandardKey.Redo, "Ctrl+Shift+Z", "Ctrl+Y"))
        self.find = a(win, self.tr("&Find in document…"), win.find_bar.open_bar, icon="fa5s.search",
                      keys=(QKeySequence.StandardKey.Find,))
        self.find_next = a(win, self.tr("Find &next"), win.find_bar.next, keys=("F3",))
        self.find_previous = a(win, self.tr("Find pre&vious"), win.find_bar.previous, keys=("Shift+F3",))
        self.search_project = a(win, self.tr("&Search all documents…"), win.focus_search,
                                keys=("Ctrl+Shift+F",))

        self.adjust_span = a(win, self.tr("&Adjust span to selection"), win.adjust_span, icon="fa5s.crosshairs",
                             keys=("Ctrl+J",),
                             tip=self.tr("Move the selected annotation to the selected text"))
        self.delete = a(win, self.tr("&Delete annotation"), win.delete_selected, icon="fa5s.trash-alt",
                        keys=(QKeySequence.StandardKey.Delete,))
        self.edit_fields = a(win, self.tr("&Edit fields"), win.editor.focus_first_field, icon="fa5s.edit",
                             keys=("Return", "Enter"),
                             tip=self.tr("Go to the selected annotation's fields (Esc comes back)"))
        self.next_annotation = a(win, self.tr("Ne&xt annotation"), lambda: navigation.step_annotation(win, 1),
                                 keys=("Ctrl+Down",))
        self.previous_annotation = a(win, self.tr("Pre&vious annotation"),
                                     lambda: navigation.step_annotation(win, -1), keys=("Ctrl+Up",))
        self.next_document = a(win, self.tr("&Next document"), lambda: navigation.step_document(win, 1),
                               keys=("Ctrl+PgDown",))
        self.previous_document = a(win, self.tr("&Previous document"), lambda: navigation.step_document(win, -1),
                                   keys=("Ctrl+PgUp",))
        self.edit_labels = a(win, self.tr("&Labels…"), win.labels_dialog, icon="fa5s.tag",
                             tip=self.tr("Add, edit or remove labels of your own"))

        self.zoom_in = a(win, self.tr("Zoom &in"), lambda: win.reader.zoom(1), icon="fa5s.search-plus",
                         keys=(QKeySequence.StandardKey.ZoomIn, "Ctrl+="))
        self.zoom_out = a(win, self.tr("Zoom &out"), lambda: win.reader.zoom(-1), icon="fa5s.search-minus",
                          keys=(QKeySequence.StandardKey.ZoomOut,))
        self.zoom_reset = a(win, self.tr("&Actual size"), lambda: win.reader.zoom(0), keys=("Ctrl+0",))
        self.open_sample = a(win, self.tr("Open &sample project"), win.open_sample, icon="fa5s.book-open")
        self.about = a(win, self.tr("&About Testimonia"), win.about)
        self.label_actions: list[QAction] = []
        self.annotate_extras: list[QAction] = []  # added by features (suggestions); kept across rebuilds

        for act in (self.delete, self.adjust_span, self.edit_fields):
            # Delete, Ctrl+J and Enter act on the selected annotation from the reader or the table,
            # not while typing in a field (line edits take Delete and Enter for themselves anyway).
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            win.reader.addAction(act)
            win.annotations.table.addAction(act)
        self._build_menus()

    def _build_menus(self) -> None:
        win = self.win
        bar = win.menuBar()
        self.file_menu = bar.addMenu(self.tr("&File"))
        self.file_menu.addActions([self.new_project, self.open_project])
        self.recent_menu = self.file_menu.addMenu(self.tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(win.fill_recent_menu)
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.import_files, self.paste_document, self.restore_document])
        # Actions added later (merge, export) go between these two separators.
        self.extension_start = self.file_menu.addSeparator()
        self.extension_end = self.file_menu.addSeparator()
        self.file_menu.addActions([self.set_author, self.quit])

        edit = bar.addMenu(self.tr("&Edit"))
        edit.addActions([self.undo, self.redo])
        edit.addSeparator()
        edit.addActions([self.find, self.find_next, self.find_previous, self.search_project])
        self.edit_menu = edit

        self.annotate_menu = bar.addMenu(self.tr("&Annotate"))
        self.view_menu = bar.addMenu(self.tr("&View"))
        self.view_menu.addActions([self.zoom_in, self.zoom_out, self.zoom_reset])
        self.view_menu.addSeparator()
        self.view_menu.addActions([self.next_document, self.previous_document])
        self.view_menu.addSeparator()
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addActions([self.open_sample, self.about])
        self.help_menu = help_menu

        self.toolbar = FittingToolBar(self.tr("Main toolbar"), win, objectName="mainToolbar")
        win.addToolBar(self.toolbar)
        self.set_labels([])

    def fill_annotate_menu(self) -> None:
        menu: QMenu = self.annotate_menu
        menu.clear()
        menu.addActions(self.label_actions)
        menu.addSeparator()
        menu.addActions([self.edit_fields, self.next_annotation, self.previous_annotation])
        menu.addSeparator()
        menu.addActions([self.adjust_span, self.delete])
        menu.addSeparator()
        menu.addAction(self.edit_labels)
        if self.annotate_extras:
            menu.addSeparator()
            menu.addActions(self.annotate_extras)

    def set_labels(self, labels: list[LabelInfo]) -> None:
        """(Re)build the one action per label: menu, toolbar, reader shortcuts, context menu."""
        win = self.win
        for act in self.label_actions:
            win.reader.removeAction(act)
            act.setShortcuts([])  # gone at once: deleteLater waits for the event loop
            act.deleteLater()
        self.label_actions = []
        # A label's key must not take another action's (a merged file can bring any shortcut), nor an
        # earlier label's: built-ins come first, so they keep theirs.
        taken = {portable(seq) for act in win.findChildren(QAction) for seq in act.shortcuts()}
        for lb in labels:
            wanted = [k for k in (lb.shortcut, KIND_KEYS.get(lb.kind, "") if lb.builtin else "") if k]
            seqs = sequences([v for k in wanted for v in with_shift(k)], taken)
            keys = [portable(s) for s in seqs if not portable(s).startswith("Shift+")]
            act = QAction(lb.name, win)
            if lb.builtin and lb.kind in KIND_ICONS:
                icons.apply(act, KIND_ICONS[lb.kind], lb.color)
            else:
                act.setIcon(swatch(lb.color, 14))
            act.setShortcuts(seqs)
            # Bare keys must not fire while typing in a field, so they work where the text is read.
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shown = self.tr(" or ").join(keys)
            tip = arg(self.tr("Mark the selection as %1"), lb.name)
            act.setToolTip(tip + (f" ({shown})" if shown else ""))
            act.setData(lb.uuid)
            act.triggered.connect(lambda *_, uuid=lb.uuid: win.mark(uuid))
            win.reader.addAction(act)
            self.label_actions.append(act)
        self.fill_annotate_menu()
        tb = self.toolbar
        tb.clear()
        marks = [a for a in self.label_actions if a.data() in core_labels.BY_UUID]
        tb.primary = set(marks)
        tb.addActions([self.open_project, self.import_files])
        tb.addSeparator()
        tb.addActions(marks)
        tb.addSeparator()
        tb.addActions([self.undo, self.redo, self.adjust_span, self.delete])
        tb.addSeparator()
        tb.addAction(self.find)
        win.reader.set_context_actions([*self.label_actions, None, self.adjust_span, self.delete])
