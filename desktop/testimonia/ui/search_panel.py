"""Project-wide search (Store.search, FTS5 trigram): a query box and a list of hits; activating
a hit opens its document at the first match."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from .i18n import arg, format_count
from .plain import plain_tooltip

UUID_ROLE = Qt.ItemDataRole.UserRole + 1


class SearchPanel(QWidget):
    open_hit = Signal(str, str)  # document uuid, query

    def __init__(self, search: Callable[[str], list[tuple[str, str, str]]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._search = search
        self.edit = QLineEdit(placeholderText=self.tr("Search all documents"), objectName="projectSearch")
        self.edit.setClearButtonEnabled(True)
        self.edit.returnPressed.connect(self.run)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.results = QListWidget(objectName="searchResults")
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        self.results.itemActivated.connect(self._activated)
        self.results.itemClicked.connect(self._activated)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.edit)
        lay.addWidget(self.status)
        lay.addWidget(self.results, 1)
        self._query = ""

    def set_search(self, search: Callable[[str], list[tuple[str, str, str]]]) -> None:
        self._search = search
        self.results.clear()
        self.status.setText("")

    def run(self, query: str | None = None) -> None:
        if query is not None:
            self.edit.setText(query)
        self._query = self.edit.text().strip()
        self.results.clear()
        if not self._query:
            self.status.setText("")
            return
        hits = self._search(self._query)
        for uuid, title, snippet in hits:
            # Plain strings only: a title or snippet is user text and may look like markup.
            item = QListWidgetItem(f"{title}\n{' '.join(snippet.split())}")
            item.setData(UUID_ROLE, uuid)
            item.setToolTip(plain_tooltip(title))
            self.results.addItem(item)
        if not hits:
            self.status.setText(self.tr("No matches"))
        else:
            self.status.setText(self.tr("1 document") if len(hits) == 1
                                else arg(self.tr("%1 documents"), format_count(len(hits))))

    def refresh(self) -> None:
        """Run the search on show again: documents were added, renamed or removed meanwhile. What
        the user has typed since, without running it, stays in the box."""
        if self._query:
            typed = self.edit.text()
            self.run(self._query)
            self.edit.setText(typed)

    def _activated(self, item: QListWidgetItem) -> None:
        self.open_hit.emit(str(item.data(UUID_ROLE)), self._query)
