"""The Disagreements tab of View › Agreement: the list behind the current cell, each disagreement
side by side per annotator (agreement_compare), and settling them one by one with accept / merge /
reject / edit as undo steps (adjudication.py).

Functions of the AgreementView they serve, which keeps the widgets and the state; the view's own
methods of the same names call these. Strings keep the view's translation context (lupdate reads
the literal "AgreementView" of translate(), not a `view.tr`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QGridLayout, QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget

from testimonia.core.agreement.curation_marks import CURATED
from testimonia.core.agreement.report import Disagreement, SetResult
from testimonia.core.errors import TestimoniaError
from testimonia.core.views import AnnotationView

from . import commands
from .adjudication import AcceptVersion, MergeVersions, RejectVersions
from .agreement_compare import TRACK_COLORS, ComparePanel, Track
from .disagreements_model import DisagreementsModel, settled_by
from .i18n import arg, format_count, translate
from .shortcuts import sequences

if TYPE_CHECKING:
    from .agreement_view import AgreementView

DISAGREEMENTS_TAB = 1


# -- building ----------------------------------------------------------------------------------
def build_tab(view: AgreementView) -> QWidget:
    view.model = DisagreementsModel()
    view.list = QTableView(objectName="agreementDisagreements")
    view.list.setModel(view.model)
    view.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.list.verticalHeader().hide()
    view.list.horizontalHeader().setStretchLastSection(True)
    view.list.setWordWrap(False)
    # Widths from the header and a typical cell: resizing to contents measures every row (a second
    # for 3,000 rows); the user can still drag them.
    em = view.fontMetrics().horizontalAdvance("M")
    for col, width in enumerate((5, 9, 12, 8, 10, 7)):
        view.list.setColumnWidth(col, width * em)
    view.list.selectionModel().currentRowChanged.connect(lambda cur, _prev: show_row(view, cur.row()))
    view.list.activated.connect(lambda index: view.open_disagreement(index.row()))
    view.compare = ComparePanel()
    view.buttons = QGridLayout()  # two rows: one row of six would squeeze the list at 1024 px
    view.buttons.setSpacing(2)
    right = QWidget()
    rl = QVBoxLayout(right)
    rl.setContentsMargins(0, 0, 0, 0)
    rl.addLayout(view.buttons)
    rl.addWidget(view.compare, 1)
    dis = QSplitter(Qt.Orientation.Horizontal)
    dis.addWidget(view.list)
    dis.addWidget(right)
    dis.setSizes([450, 550])
    return dis


def build_actions(view: AgreementView) -> None:
    """The settling shortcuts (and Compute again) on the view, mirrored by buttons above the
    side-by-side panel; needs build_tab's button grid."""

    def action(text: str, keys: tuple[str | QKeySequence.StandardKey, ...], slot: Callable[[], object],
               name: str) -> QAction:
        act = QAction(text, view, objectName=name)
        act.setShortcuts(sequences(keys))
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shown = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in act.shortcuts())
        act.setToolTip(f"{text.replace('&', '')} ({shown})" if shown else text.replace("&", ""))
        act.triggered.connect(lambda *_: slot())
        view.addAction(act)
        return act

    view.accept_first = action(translate("AgreementView", "Accept the first version"), ("Ctrl+1",),
                               lambda: view.accept(0), "agreementAcceptFirst")
    view.accept_second = action(translate("AgreementView", "Accept the second version"), ("Ctrl+2",),
                                lambda: view.accept(1), "agreementAcceptSecond")
    view.merge_action = action(translate("AgreementView", "Merge boundaries"), ("Ctrl+M",), view.merge,
                               "agreementMerge")
    view.reject_action = action(translate("AgreementView", "Reject both"), ("Ctrl+R",), view.reject,
                                "agreementReject")
    view.edit_action = action(translate("AgreementView", "Fix fields of the curated annotation"), ("Ctrl+E",),
                              view.edit_curated, "agreementEdit")
    view.next_action = action(translate("AgreementView", "Next disagreement left"), ("F9",), lambda: view.step(1),
                              "agreementNext")
    view.previous_action = action(translate("AgreementView", "Previous disagreement left"), ("Shift+F9",),
                                  lambda: view.step(-1), "agreementPrevious")
    view.refresh_action = action(translate("AgreementView", "Compute again"), ("F5",), view.refresh,
                                 "agreementRefresh")
    view.action_buttons = []
    for i, act in enumerate((view.accept_first, view.accept_second, view.merge_action, view.reject_action,
                             view.edit_action, view.next_action)):
        button = QPushButton(act.text(), objectName=act.objectName() + "Button")
        button.setToolTip(act.toolTip())
        button.clicked.connect(lambda *_, a=act: a.trigger())
        view.buttons.addWidget(button, i // 3, i % 3)
        view.action_buttons.append(button)
    enable_actions(view, None)


# -- the list ----------------------------------------------------------------------------------
def fill_list(view: AgreementView, cell: tuple[SetResult, str | None] | None) -> None:
    rows: list[Disagreement] = []
    if cell is not None and view.report is not None:
        s, lab = cell
        names = set(s.names)
        docs = set(s.documents)
        for d in view.report.disagreements:
            if d.document not in docs or not set(d.annotators) <= names:
                continue
            if s.is_pair and tuple(d.annotators) != s.names:
                continue
            if lab is not None and not any(x is not None and x.label == lab for x in (d.a, d.b)):
                continue
            rows.append(d)
    view.model.set_rows(rows, view.settled)
    if rows:
        first = next((i for i in range(len(rows)) if not view.model.is_settled(i)), 0)
        view.list.setCurrentIndex(view.model.index(first, 0))
    else:
        show_row(view, -1)
    view.tabs.setTabText(DISAGREEMENTS_TAB, arg(translate("AgreementView", "&Disagreements (%1)"),
                                                format_count(len(rows))))


def go_to_disagreements(view: AgreementView) -> None:
    view.tabs.setCurrentIndex(DISAGREEMENTS_TAB)
    view.list.setFocus()


def current(view: AgreementView) -> Disagreement | None:
    row = view.list.currentIndex().row()
    return view.model.rows[row] if 0 <= row < len(view.model.rows) else None


def enable_actions(view: AgreementView, d: Disagreement | None) -> None:
    # Against the curated reading, one side of each disagreement is already the curator's own.
    against_curated = view.report is not None and view.report.options.reference == CURATED
    open_ = d is not None and not settled_by(d, view.settled) and not against_curated
    both = open_ and d is not None and d.a is not None and d.b is not None
    view.accept_first.setEnabled(open_ and d is not None and d.a is not None)
    view.accept_second.setEnabled(open_ and d is not None and d.b is not None)
    view.merge_action.setEnabled(both)
    view.reject_action.setEnabled(open_)
    view.edit_action.setEnabled(view._last_curated is not None)
    if d is not None:
        first, second = d.annotators
        view.accept_first.setText(arg(translate("AgreementView", "Accept %1's version"), first))
        view.accept_second.setText(arg(translate("AgreementView", "Accept %1's version"), second))
        view.reject_action.setText(translate("AgreementView", "Reject both") if both
                                   else translate("AgreementView", "Reject"))
    for button in view.action_buttons:
        act = next(a for a in view.actions() if a.objectName() + "Button" == button.objectName())
        button.setText(act.text())
        button.setEnabled(act.isEnabled())


def show_row(view: AgreementView, row: int) -> None:
    d = view.model.rows[row] if 0 <= row < len(view.model.rows) else None
    enable_actions(view, d)
    if d is None:
        view.compare.clear()
        return
    _show_compare(view, d)


def _text(view: AgreementView, doc: str) -> str:
    if doc not in view._texts:
        session = view.win.session
        view._texts[doc] = session.store.document_text(doc) if session else ""
    return view._texts[doc]


def _show_compare(view: AgreementView, d: Disagreement) -> None:
    """One track per annotator of the report: the pair first, then the others."""
    assert view.report is not None
    try:
        text = _text(view, d.document)
    except TestimoniaError as exc:
        view.compare.clear(str(exc))
        return
    order = {name: i for i, name in enumerate(d.annotators)}
    annotators = sorted(view.report.annotators, key=lambda kn: (order.get(kn[1], 2), kn[1]))
    colors = {k: TRACK_COLORS[i % len(TRACK_COLORS)] for i, (k, _) in enumerate(view.report.annotators)}
    tracks = []
    for key, name in annotators:
        spans = view.codings.spans.get(d.document, {}).get(key, []) if view.codings else []
        involved = next((s for s in (d.a, d.b) if s is not None and s.annotator == key), None)
        if involved is None and name not in order:
            involved = next((s for s in spans if s.start < max(x.end for x in (d.a, d.b) if x)
                             and s.end > d.start), None)
        tracks.append(Track(name, colors[key], spans, involved))
    view.compare.show_tracks(d.title, text, tracks)


def open_disagreement(view: AgreementView, row: int) -> None:
    """Show the disagreement in the reader too, its first version selected."""
    if not 0 <= row < len(view.model.rows):
        return
    d = view.model.rows[row]
    view.win.open_document(d.document)
    first = d.a or d.b
    if first is not None and view.win.document is not None and view.win.document.uuid == d.document:
        view.win.select_annotation(first.uuid, reveal=True)
    view.list.setFocus()


def step(view: AgreementView, direction: int) -> None:
    """Move to the next (or previous) disagreement that is not settled yet."""
    rows = len(view.model.rows)
    if not rows:
        return
    view.tabs.setCurrentIndex(DISAGREEMENTS_TAB)
    start = view.list.currentIndex().row()
    for i in range(1, rows + 1):
        row = (start + direction * i) % rows
        if not view.model.is_settled(row):
            view.list.setCurrentIndex(view.model.index(row, 0))
            view.list.setFocus()
            return
    view.win.show_status(translate("AgreementView", "No disagreement left here"))


# -- settling ----------------------------------------------------------------------------------
def push(view: AgreementView, command: commands.StoreCommand) -> object | None:
    session = view.win.session
    if session is None:
        return None
    try:
        return commands.push(session, command)
    except TestimoniaError as exc:
        view.win.show_message(translate("AgreementView", "Curated reading"), str(exc))
        return None


def _settle(view: AgreementView, make: Callable[[Disagreement], commands.StoreCommand]) -> AnnotationView | None:
    d = current(view)
    if d is None or settled_by(d, view.settled) or view.win.session is None:
        return None
    result = push(view, make(d))
    if not isinstance(result, AnnotationView):
        return None
    view._last_curated = None if result.deleted else result.uuid
    view.settled |= {s.uuid for s in (d.a, d.b) if s is not None}
    view.model.set_settled(view.settled)
    view._fill_progress()
    view._settled_timer.start()  # and read it back from the project
    step(view, 1)
    enable_actions(view, current(view))
    return result


def accept(view: AgreementView, side: int) -> AnnotationView | None:
    def make(d: Disagreement) -> commands.StoreCommand:
        chosen, other = (d.a, d.b) if side == 0 else (d.b, d.a)
        assert chosen is not None
        return AcceptVersion(view.win.session, chosen.uuid, [other.uuid] if other else [])  # type: ignore[arg-type]

    d = current(view)
    if d is None or (d.a if side == 0 else d.b) is None:
        return None
    return _settle(view, make)


def merge(view: AgreementView) -> AnnotationView | None:
    d = current(view)
    if d is None or d.a is None or d.b is None:
        return None
    return _settle(view, lambda d: MergeVersions(view.win.session, [d.a.uuid, d.b.uuid],  # type: ignore[arg-type,union-attr]
                                                 take=d.a.uuid))  # type: ignore[union-attr]


def reject(view: AgreementView) -> AnnotationView | None:
    return _settle(view, lambda d: RejectVersions(view.win.session,  # type: ignore[arg-type]
                                                  [s.uuid for s in (d.a, d.b) if s is not None]))


def edit_curated(view: AgreementView) -> None:
    """Open the last curated annotation in the reader with its fields focused: fixing them is
    an ordinary edit of the curator's annotation (Esc comes back to the reader)."""
    uuid = view._last_curated
    annotation = view.win.view(uuid)
    if annotation is None or annotation.deleted:
        view.win.show_status(translate("AgreementView", "Accept or merge a version first; then fix its fields"))
        return
    view.win.open_document(annotation.document_uuid)
    view.win.select_annotation(annotation.uuid, reveal=True)
    view.win.editor.focus_first_field()
