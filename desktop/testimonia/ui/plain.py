"""User text (titles, notes, quotes, file names) is shown literally, never interpreted as markup."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QTableWidgetItem, QWidget


def plain_label(text: str = "", *, wrap: bool = True) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setText(text)
    return label


def plain_item(text: str, data: object = None) -> QTableWidgetItem:
    """A read-only table cell; `data` rides along as the item's UserRole."""
    item = QTableWidgetItem(text)  # plain text by construction
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    return item


def plain_tooltip(text: str) -> str:
    """Tooltips have no plain-text switch (Qt guesses from the content), so escape the text and
    wrap it in <qt>: what shows is exactly the characters given, "<b>" included."""
    return "<qt style='white-space:pre-wrap'>" + html.escape(text, quote=False).replace("\n", "<br>") + "</qt>"


def show_message(parent: QWidget, title: str, text: str,
                 icon: QMessageBox.Icon = QMessageBox.Icon.Warning) -> QMessageBox:
    """A window-modal message that does not block the caller; the text shows literally."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
