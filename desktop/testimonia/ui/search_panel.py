"""Project-wide search (core/search.py): one row per document with its number of hits, under it
each hit in its context with the term itself highlighted, a page of documents at a time.

Enter (or a double click) on a hit opens its document with the hit selected and Find open on the
term, so F3 and Shift+F3 go on to the next and previous hit; Enter in the query box runs the
search and puts the keyboard in the results. Everything shown is plain text: the delegate paints
the context and the highlighted term itself, nothing is ever read as markup.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from testimonia.core.search import SearchHit, SearchPage, SearchResult

from .i18n import arg, format_count
from .plain import plain_label, plain_tooltip

Index = QModelIndex | QPersistentModelIndex
Search = Callable[[str, int], SearchPage]  # (query, offset) -> a page of results
UUID_ROLE = Qt.ItemDataRole.UserRole + 1
ORDINAL_ROLE = Qt.ItemDataRole.UserRole + 2  # which hit of its document (0-based): Find's index
HIT_ROLE = Qt.ItemDataRole.UserRole + 3  # (before, match, after) of a hit row
DOCUMENT_ROLE = Qt.ItemDataRole.UserRole + 4  # (title, " · 3 hits · pdf") of a document row
TOP = 0  # internal id of document rows; a hit row's id is its document's row + 1
HIGHLIGHT = QColor(255, 200, 60, 170)


class SearchModel(QAbstractItemModel):
    """Documents (top level) and their hits (children); one "more hits" child when not all are listed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.results: list[SearchResult] = []

    def set_results(self, results: list[SearchResult]) -> None:
        self.beginResetModel()
        self.results = list(results)
        self.endResetModel()

    def add_results(self, results: list[SearchResult]) -> None:
        if not results:
            return
        first = len(self.results)
        self.beginInsertRows(QModelIndex(), first, first + len(results) - 1)
        self.results += results
        self.endInsertRows()

    def result(self, index: Index) -> SearchResult | None:
        if not index.isValid():
            return None
        row = index.row() if index.internalId() == TOP else index.internalId() - 1
        return self.results[row] if 0 <= row < len(self.results) else None

    @staticmethod
    def _rows_under(r: SearchResult) -> int:
        return len(r.hits) + (1 if r.count > len(r.hits) else 0)

    # -- the tree --------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, TOP) if row < len(self.results) else QModelIndex()
        if parent.internalId() != TOP or row >= self._rows_under(self.results[parent.row()]):
            return QModelIndex()
        return self.createIndex(row, 0, parent.row() + 1)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, TOP)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self.results)
        if parent.internalId() != TOP:
            return 0
        return self._rows_under(self.results[parent.row()])

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        r = self.result(index)
        if r is None:
            return None
        if index.internalId() == TOP:
            return self._document_data(r, role)
        hit = r.hits[index.row()] if index.row() < len(r.hits) else None
        if role == Qt.ItemDataRole.DisplayRole:
            if hit is None:
                return self.tr("… %Ln more hit(s) in this document (F3 in the reader goes on)", "",
                               r.count - len(r.hits))
            return hit.before + hit.match + hit.after
        if role == HIT_ROLE:
            return (hit.before, hit.match, hit.after) if hit is not None else None
        if role == UUID_ROLE:
            return r.uuid
        if role == ORDINAL_ROLE:
            return index.row()
        if role == Qt.ItemDataRole.ToolTipRole and hit is not None:
            return plain_tooltip(hit.before + hit.match + hit.after)
        return None

    def _document_data(self, r: SearchResult, role: int) -> object:
        if role in (Qt.ItemDataRole.DisplayRole, DOCUMENT_ROLE):
            hits = self.tr("%Ln hit(s)", "", r.count) if r.count else self.tr("title only")
            shown = arg(self.tr("%1 · %2 · %3"), r.title, hits, r.kind)
            # The counts stay readable in a narrow panel; the title gives way.
            return shown if role == Qt.ItemDataRole.DisplayRole else (r.title, shown[len(r.title):])
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(r.title)
        if role == UUID_ROLE:
            return r.uuid
        if role == ORDINAL_ROLE:
            return 0 if r.count else -1
        return None


class HitDelegate(QStyledItemDelegate):
    """Paints a hit's context as plain text with the term highlighted; the term is never elided."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        parts = index.data(HIT_ROLE)
        document = index.data(DOCUMENT_ROLE) if not parts else None
        if document and document[1]:
            opt = QStyleOptionViewItem(option)
            self.initStyleOption(opt, index)
            title, counts = document
            metrics = QFontMetrics(opt.font)
            room = opt.rect.width() - metrics.horizontalAdvance(counts) - 8
            if metrics.horizontalAdvance(title) > room > 0:
                opt.text = metrics.elidedText(title, Qt.TextElideMode.ElideRight, room) + counts
                style = opt.widget.style() if opt.widget is not None else QApplication.style()
                style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
                return
        if not parts:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget).adjusted(2, 0, -2, 0)
        before, match, after = parts
        bold = QFont(opt.font)
        bold.setBold(True)
        plain_m, bold_m = QFontMetrics(opt.font), QFontMetrics(bold)
        room = rect.width() - bold_m.horizontalAdvance(match)
        # The term stays whole; what is around it gives way, the left side first.
        after = plain_m.elidedText(after, Qt.TextElideMode.ElideRight,
                                   max(room // 2, room - plain_m.horizontalAdvance(before)))
        before = plain_m.elidedText(before, Qt.TextElideMode.ElideLeft,
                                    max(0, room - plain_m.horizontalAdvance(after)))
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        pen = opt.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        painter.save()
        painter.setClipRect(rect)
        x, flags = rect.left(), int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        for text, font, metrics, marked in ((before, opt.font, plain_m, False), (match, bold, bold_m, True),
                                            (after, opt.font, plain_m, False)):
            width = metrics.horizontalAdvance(text)
            box = QRect(x, rect.top(), width, rect.height())
            if marked:
                painter.fillRect(box.adjusted(-1, 2, 1, -2), HIGHLIGHT)
                painter.setPen(opt.palette.color(QPalette.ColorRole.Text))
            else:
                painter.setPen(pen)
            painter.setFont(font)
            painter.drawText(box, flags, text)  # drawText of a QString: plain text, never markup
            x += width
        painter.restore()


class ResultsView(QTreeView):
    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter opens the hit even on styles where it would only expand the row.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class SearchPanel(QWidget):
    open_hit = Signal(str, str, int)  # document uuid, query, which of its hits (-1: none, only the title)

    def __init__(self, search: Search | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._search: Search | None = search
        self.page: SearchPage | None = None
        self.edit = QLineEdit(placeholderText=self.tr("Search all documents"), objectName="projectSearch")
        self.edit.setClearButtonEnabled(True)
        self.edit.returnPressed.connect(self._enter)
        self.status = plain_label()
        self.model = SearchModel(self)
        self.results = ResultsView(objectName="searchResults")
        self.results.setModel(self.model)
        self.results.setHeaderHidden(True)
        self.results.setUniformRowHeights(True)
        self.results.setItemDelegate(HitDelegate(self.results))
        self.results.activated.connect(self._activated)
        self.more = QPushButton(self.tr("Show more documents"), objectName="searchMore")
        self.more.clicked.connect(lambda *_: self.next_page())
        self.more.hide()
        more_row = QHBoxLayout()
        more_row.addStretch(1)
        more_row.addWidget(self.more)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.edit)
        lay.addWidget(self.status)
        lay.addWidget(self.results, 1)
        lay.addLayout(more_row)
        self._query = ""

    def set_search(self, search: Search | None) -> None:
        self._search = search
        self.page = None
        self._query = ""
        self.model.set_results([])
        self.status.setText("")
        self.more.hide()

    # -- running ---------------------------------------------------------------------------
    def run(self, query: str | None = None) -> None:
        if query is not None:
            self.edit.setText(query)
        self._query = self.edit.text().strip()
        self.page = None
        self.model.set_results([])
        self.more.hide()
        if not self._query or self._search is None:
            self.status.setText("")
            return
        self._show(self._search(self._query, 0))

    def next_page(self) -> None:
        if self.page is None or not self.page.more or self._search is None:
            return
        self._show(self._search(self._query, self.page.offset + len(self.page.results)), append=True)

    def _show(self, page: SearchPage, append: bool = False) -> None:
        first = page if not append or self.page is None else self.page
        self.page = SearchPage(page.query, page.results, page.offset, page.more, first.total, page.indexed,
                               first.total_is_minimum)
        if append:
            self.model.add_results(page.results)
        else:
            self.model.set_results(page.results)
        self.results.expandAll()
        self.more.setVisible(page.more)
        self.status.setText(self._status_text())

    def _status_text(self) -> str:
        assert self.page is not None
        listed = self.model.rowCount()
        if not listed:
            text = self.tr("No matches")
        elif self.page.total is not None and self.page.total_is_minimum:
            text = arg(self.tr("More than %1 documents · %2 listed"), format_count(self.page.total),
                       format_count(listed))
        elif self.page.total is not None:
            text = self.tr("%Ln document(s)", "", self.page.total)
            if listed < self.page.total:
                text += " · " + arg(self.tr("%1 listed"), format_count(listed))
        else:
            text = self.tr("%Ln document(s) listed", "", listed) + (" · " + self.tr("more follow")
                                                                     if self.page.more else "")
        if not self.page.indexed:
            text += "\n" + self.tr("Terms of one or two characters are looked for in every text, "
                                   "without the index: this takes longer on a large project.")
        return text

    def refresh(self) -> None:
        """Run the search on show again: documents were added, renamed or removed meanwhile. What
        the user has typed since, without running it, stays in the box."""
        if self._query:
            typed = self.edit.text()
            self.run(self._query)
            self.edit.setText(typed)

    # -- keyboard and activation -----------------------------------------------------------
    def _enter(self) -> None:
        self.run()
        if self.model.rowCount():
            first = self.model.index(0, 0)
            target = self.model.index(0, 0, first) if self.model.rowCount(first) else first
            self.results.setCurrentIndex(target)
            self.results.setFocus(Qt.FocusReason.OtherFocusReason)

    def _activated(self, index: QModelIndex) -> None:
        uuid = index.data(UUID_ROLE)
        if uuid:
            self.open_hit.emit(str(uuid), self._query, int(index.data(ORDINAL_ROLE)))

    def hits_shown(self) -> list[SearchHit]:
        """Every hit listed, in order (for tests)."""
        return [h for r in self.model.results for h in r.hits]
