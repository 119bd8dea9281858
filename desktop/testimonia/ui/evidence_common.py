"""What the evidence views share: their frame (a list with its buttons beside the chosen entry),
jumping to a span, the evidence tree (grouped by kind, with source, date and grade) and the memo
box, all plain text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from testimonia.core import field_text
from testimonia.core.errors import TestimoniaError

from .i18n import ui_language
from .plain import plain_label, plain_tooltip

if TYPE_CHECKING:
    from testimonia.core.evidence import Register
    from testimonia.core.evidence.views import EvidenceItem

    from .shell import Shell

ANNOTATION_ROLE = Qt.ItemDataRole.UserRole
DOCUMENT_ROLE = Qt.ItemDataRole.UserRole + 1


def column(*widgets: QWidget) -> QWidget:
    """Widgets stacked without margins, as one widget (for a splitter or a row)."""
    box = QWidget()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    for w in widgets:
        lay.addWidget(w)
    return box


class EvidencePane(QWidget):
    """The frame both evidence views share: a list (with its buttons) on the left, the chosen entry
    on the right taking three quarters; read from the open project's register when shown."""

    def __init__(self, win: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.win = win
        self.stale = True

    @property
    def register(self) -> Register | None:
        session = self.win.session
        return session.store.evidence if session is not None else None

    def arrange(self, left: QWidget, right: QWidget, sizes: tuple[int, int] | None = None) -> None:
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        if sizes:
            split.setSizes(list(sizes))
        outer = QHBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addWidget(split)


def jump(win: Shell, annotation: str, document: str) -> None:
    """Open the annotation's document and select it in the reader."""
    win.open_document(document)
    win.select_annotation(annotation, reveal=True)


class EvidenceTree(QTreeWidget):
    """Evidence items as rows (quote, source, date, grade), grouped under their kind; Enter or a
    double click jumps to the span."""

    def __init__(self, win: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.win = win
        self.setColumnCount(4)
        self.setHeaderLabels([self.tr("Quote"), self.tr("Source"), self.tr("Date"), self.tr("Grade")])
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)  # long outlet names: elided
        self.setColumnWidth(1, 8 * self.fontMetrics().averageCharWidth() * 2)
        for col in (2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.itemActivated.connect(self._activated)

    def fill(self, groups: dict[str, list[EvidenceItem]]) -> None:
        language = ui_language()
        self.setUpdatesEnabled(False)
        try:
            self.clear()
            tops = []
            for kind, items in groups.items():
                top = QTreeWidgetItem([f"{field_text.kind_name(kind, language)} ({len(items)})"])
                rows = []
                for e in items:
                    source = e.source.outlet or e.document_title
                    if e.source.reliability:
                        source += f" [{e.source.reliability}]"
                    row = QTreeWidgetItem([" ".join(e.exact.split()), source, e.date, str(e.grade) if e.grade else ""])
                    row.setData(0, ANNOTATION_ROLE, e.annotation_uuid)
                    row.setData(0, DOCUMENT_ROLE, e.document_uuid)
                    row.setToolTip(0, plain_tooltip(e.exact))
                    rows.append(row)
                top.addChildren(rows)
                tops.append(top)
            self.addTopLevelItems(tops)
            for top in tops:
                top.setExpanded(True)
        finally:
            self.setUpdatesEnabled(True)

    def _activated(self, item: QTreeWidgetItem, _col: int) -> None:
        annotation = item.data(0, ANNOTATION_ROLE)
        if annotation:
            jump(self.win, annotation, item.data(0, DOCUMENT_ROLE))


class MemoBox(QWidget):
    """A plain-text memo (of an incident or an entity) saved when the box loses the focus; when two
    members edited it apart, the other text is shown below until the next save resolves it."""

    def __init__(self, win: Shell, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.win, self.kind = win, kind
        self.target: str | None = None
        self.saved = ""
        self.edit = _MemoEdit(self._save)
        self.edit.setObjectName(f"{kind}Memo")
        self.edit.setPlaceholderText(self.tr("Memo (plain text, shared with the team)"))
        self.edit.setTabChangesFocus(True)
        self.edit.setMaximumHeight(3 * self.edit.fontMetrics().lineSpacing() + 12)
        self.conflict = plain_label()
        self.conflict.setVisible(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.edit)
        lay.addWidget(self.conflict)

    def show_memo(self, target: str | None) -> None:
        self.target = target
        session = self.win.session
        memo = session.store.evidence.memo(self.kind, target) if session is not None and target else None
        self.saved = memo.text if memo else ""
        self.edit.setPlainText(self.saved)
        others = memo.conflict_texts if memo else ()
        self.conflict.setText(self.tr("Also written by a teammate at the same time:") + "\n" + "\n---\n".join(others)
                              if others else "")
        self.conflict.setVisible(bool(others))

    def _save(self) -> None:
        session, text = self.win.session, self.edit.toPlainText()
        if session is None or not self.target or text == self.saved:  # passing through resolves nothing
            return
        try:
            session.store.evidence.set_memo(self.kind, self.target, text, self.win.author)
        except TestimoniaError as exc:
            self.win.show_message(self.tr("Cannot save the memo"), str(exc))
            return
        self.show_memo(self.target)


class _MemoEdit(QPlainTextEdit):
    def __init__(self, on_leave) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self._on_leave = on_leave

    def focusOutEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().focusOutEvent(event)
        self._on_leave()
