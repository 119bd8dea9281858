"""View > Conflicts: every annotation whose versions disagree, its heads side by side, and a way out.

Cells are QTableWidgetItems (plain text by construction); rows where the versions differ get a
bold row title and a tinted background, so differences show without any markup in user text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from testimonia.core.errors import TestimoniaError
from testimonia.core.views import AnnotationView, RevisionView

from . import commands
from .core_text import field_name, label_name, ordered_keys, value_text
from .i18n import arg, format_count, format_datetime
from .plain import plain_label, show_message
from .resolve import ResolveConflict, ResolveDialog

if TYPE_CHECKING:
    from .session import Session

DIFFERENT = QColor("#fff1b8")


class ConflictsView(QWidget):
    """Annotations whose versions disagree, and settling them; it knows the project only through
    its Session (set_session), and asks the window to show an annotation (`reveal_requested`)."""

    reveal_requested = Signal(object)  # AnnotationView

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("conflictsView")
        self.session: Session | None = None
        self.items: list[tuple[AnnotationView, list[RevisionView]]] = []
        self.current: tuple[AnnotationView, list[RevisionView]] | None = None
        self.different: list[str] = []  # row titles whose values differ, for tests and the eye

        self.list = QListWidget(objectName="conflictsList")
        self.list.setWordWrap(True)  # in a bottom dock the list is narrow; a quote cut at the edge said nothing
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentRowChanged.connect(self._show_row)
        self.list.itemDoubleClicked.connect(lambda _i: self._reveal())
        self.empty = plain_label(self.tr("No conflicts: every annotation has a single current version."))
        self.table = QTableWidget(objectName="conflictHeads")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.keep_row = QHBoxLayout()
        self.keep_buttons: list[QPushButton] = []
        self.edit_button = QPushButton(self.tr("Edit and resolve…"), objectName="editResolve")
        self.edit_button.clicked.connect(lambda *_: self.edit_and_resolve())
        self.show_button = QPushButton(self.tr("Show in document"), objectName="showConflict")
        self.show_button.clicked.connect(lambda *_: self._reveal())

        right = QWidget()
        rlay = QVBoxLayout(right)
        rlay.setContentsMargins(0, 0, 0, 0)
        self.title = plain_label()
        rlay.addWidget(self.title)
        rlay.addWidget(self.table, 1)
        rlay.addLayout(self.keep_row)
        actions = QHBoxLayout()
        actions.addWidget(self.show_button)
        actions.addStretch(1)
        actions.addWidget(self.edit_button)
        rlay.addLayout(actions)
        left = QWidget()
        llay = QVBoxLayout(left)
        llay.setContentsMargins(0, 0, 0, 0)
        llay.addWidget(self.empty)
        llay.addWidget(self.list, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(split)
        self._refresh_timer = QTimer(self, singleShot=True, interval=200)
        self._refresh_timer.timeout.connect(self.refresh)
        self._show_row(-1)

    # -- reading -----------------------------------------------------------------------------
    def set_session(self, session: Session | None) -> None:
        self.session = session

    def _status(self, text: str) -> None:
        if self.session is not None:
            self.session.status.emit(text)

    def schedule_refresh(self) -> None:
        self._refresh_timer.start()

    def refresh(self, select: str | None = None) -> None:
        session = self.session if self.session is not None and not self.session.closed else None
        keep = select or (self.current[0].uuid if self.current else None)
        try:
            self.items = session.store.conflicts() if session else []
        except TestimoniaError as exc:
            self._status(str(exc))
            self.items = []
        # Built-ins in the interface language.
        names = {lb.uuid: lb.name for lb in (session.shown_labels if session else [])}
        self.list.blockSignals(True)
        self.list.clear()
        for view, _heads in self.items:
            quote = " ".join(view.exact.split())
            quote = quote if len(quote) <= 60 else quote[:59] + "…"
            item = QListWidgetItem(f"{names.get(view.label_uuid, view.label)} · {quote}\n{view.document_title}")
            item.setData(Qt.ItemDataRole.UserRole, view.uuid)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.empty.setVisible(not self.items)
        row = next((i for i, (v, _h) in enumerate(self.items) if v.uuid == keep), 0 if self.items else -1)
        self.list.setCurrentRow(row)
        self._show_row(row)

    def select(self, uuid: str) -> None:
        self.refresh(select=uuid)

    def _show_row(self, row: int) -> None:
        self.current = self.items[row] if 0 <= row < len(self.items) else None
        for b in self.keep_buttons:
            self.keep_row.removeWidget(b)
            b.hide()  # deleteLater waits for the event loop; until then it would paint over the table
            b.setParent(None)
            b.deleteLater()
        self.keep_buttons = []
        self.edit_button.setEnabled(self.current is not None)
        self.show_button.setEnabled(self.current is not None)
        if self.current is None:
            self.title.setText("")
            self.table.clear()
            self.table.setRowCount(0)
            self.table.setColumnCount(0)
            self.different = []
            return
        view, heads = self.current
        self.title.setText(arg(self.tr("%1 versions of this annotation in “%2” disagree. Keep one, or edit "
                                       "and resolve."), format_count(len(heads)), view.document_title))
        self._fill(heads)
        for i, rev in enumerate(heads):
            button = QPushButton(self.tr("Keep this version"), objectName=f"keep{i}")
            button.setToolTip(arg(self.tr("Keep the version by %1"), rev.author))
            button.clicked.connect(lambda *_, r=rev.uuid: self.keep(r))
            self.keep_row.addWidget(button, 1)
            self.keep_buttons.append(button)

    def _rows(self, heads: list[RevisionView]) -> list[tuple[str, list[str]]]:
        labels = {lb.uuid: lb for lb in (self.session.shown_labels if self.session is not None else [])}
        yes, no = self.tr("yes"), self.tr("no")

        def label_of(r: RevisionView) -> str:
            lb = labels.get(r.label_uuid)
            return label_name(lb) if lb else r.label

        rows = [
            (self.tr("Author"), [r.author for r in heads]),
            (self.tr("Time"), [format_datetime(r.time) for r in heads]),
            (self.tr("Label"), [label_of(r) for r in heads]),
            (self.tr("Characters"), [f"{format_count(r.start)}–{format_count(r.end)}" for r in heads]),
            (self.tr("Text"), [r.exact for r in heads]),
        ]
        # Fields by their display names in the label's order; versions of another kind add theirs after.
        keys: list[tuple[str, str]] = []  # (key, kind that names it)
        for r in heads:
            keys += [(k, r.kind) for k in ordered_keys(r.kind, r.fields) if k not in {k2 for k2, _ in keys}]
        for k, kind in keys:
            rows.append((field_name(kind, k), [value_text(r.kind, k, r.fields.get(k)) for r in heads]))
        rows.append((self.tr("Note"), [r.note for r in heads]))
        rows.append((self.tr("Deleted"), [yes if r.deleted else no for r in heads]))
        return rows

    def _fill(self, heads: list[RevisionView]) -> None:
        rows = self._rows(heads)
        self.table.clear()
        self.table.setColumnCount(len(heads))
        self.table.setRowCount(len(rows))
        self.table.setHorizontalHeaderLabels([arg(self.tr("Version %1"), format_count(i + 1))
                                              for i in range(len(heads))])
        self.different = []
        bold = QFont(self.table.font())
        bold.setBold(True)
        for row, (title, values) in enumerate(rows):
            # Time and author always differ between versions; they are context, not a disagreement.
            differs = row > 1 and len(set(values)) > 1
            head = QTableWidgetItem(("≠ " if differs else "") + title)
            if differs:
                head.setFont(bold)
                self.different.append(title)
            self.table.setVerticalHeaderItem(row, head)
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if differs:
                    item.setBackground(QBrush(DIFFERENT))
                    item.setForeground(QBrush(QColor("#000000")))
                    item.setFont(bold)
                self.table.setItem(row, col, item)

    # -- acting ------------------------------------------------------------------------------
    def keep(self, revision: str) -> AnnotationView | None:
        if self.current is None or self.session is None:
            return None
        return self._resolve(ResolveConflict(self.session, self.current[0], take=revision))

    def edit_and_resolve(self) -> ResolveDialog | None:
        """Open the pre-filled editor on the winning version; resolving happens when it is accepted."""
        session = self.session
        if self.current is None or session is None:
            return None
        view, heads = self.current
        dialog = ResolveDialog(heads[0], session.labels, session, self)
        dialog.accepted.connect(lambda: self._resolve(ResolveConflict(session, view, content=dialog.content())))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _resolve(self, command: ResolveConflict) -> AnnotationView | None:
        try:
            view = commands.push(command.session, command)
        except TestimoniaError as exc:
            show_message(self, self.tr("Resolve conflict"), str(exc))
            return None
        self.refresh()
        self._status(self.tr("Conflict resolved"))
        return view if isinstance(view, AnnotationView) else None

    def _reveal(self) -> None:
        if self.current is not None:
            self.reveal_requested.emit(self.current[0])
