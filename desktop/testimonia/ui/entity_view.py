"""The speakers view: the register's people, organisations, states, places and groups, each with
every statement credited to it across documents; and the tools that fill it quickly: a new entry
from the reader's selection, "link all spans with this speaker text", and merging two entries found
to be the same (undoable: the merge is a record, nothing is deleted)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QWidget,
)

from testimonia.core.errors import TestimoniaError
from testimonia.core.evidence.vocab import ENTITY_TYPES

from .evidence_common import EvidencePane, EvidenceTree, MemoBox, column
from .plain import plain_label

if TYPE_CHECKING:
    from .shell import Shell

UUID_ROLE = Qt.ItemDataRole.UserRole
TEXT_ROLE = Qt.ItemDataRole.UserRole + 1


class EntityView(EvidencePane):
    def __init__(self, win: Shell, parent: QWidget | None = None) -> None:
        super().__init__(win, parent)
        self.setObjectName("entityView")
        self.entities = QListWidget(objectName="entityList")
        self.entities.setAccessibleName(self.tr("People, organisations, states, places and groups"))
        self.entities.currentItemChanged.connect(lambda *_: self.show_current())
        self.new_button = QPushButton(self.tr("New &entity…"))
        self.new_button.setToolTip(self.tr("A new register entry, named after the text selected in the reader"))
        self.new_button.clicked.connect(self.new_entity)
        self.merge_button = QPushButton(self.tr("&Same as…"))
        self.merge_button.setToolTip(self.tr("Record that the selected entry is the same as another (undoable)"))
        self.merge_button.clicked.connect(self.merge_into)
        self.unmerge_button = QPushButton(self.tr("&Undo merge"))
        self.unmerge_button.clicked.connect(self.unmerge)
        self.edit_button = QPushButton(self.tr("Ed&it…"))
        self.edit_button.clicked.connect(self.edit_entity)
        self.remove_button = QPushButton(self.tr("&Remove"))
        self.remove_button.setToolTip(self.tr("Remove the entry from the register (a change that reaches the team)"))
        self.remove_button.clicked.connect(self.remove_entity)
        buttons = QWidget()
        row = QHBoxLayout(buttons)
        row.setContentsMargins(0, 0, 0, 0)
        for b in (self.new_button, self.edit_button, self.merge_button, self.unmerge_button, self.remove_button):
            row.addWidget(b)
        left = column(self.entities, buttons)

        self.heading = plain_label()
        self.memo = MemoBox(win, "entity")
        self.statements = EvidenceTree(win)
        self.statements.setObjectName("entityStatements")
        self.speaker_texts = QListWidget(objectName="speakerTexts")
        self.speaker_texts.setAccessibleName(self.tr("Speakers as the articles write them"))
        self.link_button = QPushButton(self.tr("&Link all with this speaker text"))
        self.link_button.setToolTip(self.tr("Link every statement whose speaker reads this text to the selected "
                                            "entry"))
        self.link_button.clicked.connect(self.link_all)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(column(self.heading, self.memo, self.statements))
        right.addWidget(column(plain_label(self.tr("Speakers as written:")), self.speaker_texts, self.link_button))
        self.arrange(left, right)

    def refresh(self, keep: str | None = None) -> None:
        reg = self.register
        keep = keep or self.current_uuid()
        self.entities.blockSignals(True)
        self.entities.clear()
        self.speaker_texts.clear()
        if reg is not None:
            counts = dict(reg.speakers())
            for e in reg.entities():
                aliases = f" ({', '.join(e.aliases)})" if e.aliases else ""
                item = QListWidgetItem(f"{e.name}{aliases} · {self._type_name(e.type)} · {counts.get(e.uuid, 0)}")
                item.setData(UUID_ROLE, e.uuid)
                self.entities.addItem(item)
                if e.uuid == keep:
                    self.entities.setCurrentItem(item)
            for text, n in reg.field_texts("speaker"):
                item = QListWidgetItem(f"{text}  ({n})")
                item.setData(TEXT_ROLE, text)
                self.speaker_texts.addItem(item)
        if self.entities.currentItem() is None and self.entities.count():
            self.entities.setCurrentRow(0)
        self.entities.blockSignals(False)
        self.stale = False
        self.show_current()

    def _type_name(self, kind: str) -> str:
        return {"person": self.tr("person"), "organisation": self.tr("organisation"), "state": self.tr("state"),
                "place": self.tr("place"), "group": self.tr("group")}.get(kind, kind)

    def current_uuid(self) -> str | None:
        item = self.entities.currentItem()
        return item.data(UUID_ROLE) if item is not None else None

    def show_current(self) -> None:
        reg, uuid = self.register, self.current_uuid()
        if reg is None or uuid is None:
            self.heading.setText(self.tr("No entity yet: select a speaker's name in the reader and add it."))
            self.statements.clear()
            self.memo.show_memo(None)
            self.unmerge_button.setEnabled(False)
            return
        e = reg.entity(uuid)
        found = reg.entity_evidence(uuid)
        self.heading.setText(e.name + (f"\n{e.description}" if e.description else ""))
        self.memo.show_memo(e.uuid)
        groups: dict[str, list] = {}  # type: ignore[type-arg]
        for item in found:
            groups.setdefault(item.kind, []).append(item)
        self.statements.fill(groups)
        self.unmerge_button.setEnabled(bool(e.members))

    # -- actions -------------------------------------------------------------------------------
    def _selected_text(self) -> str:
        reader = self.win.reader
        span = reader.selection_cp()
        if span is not None:
            return " ".join(reader.text[span[0]:span[1]].split())
        item = self.speaker_texts.currentItem()
        return item.data(TEXT_ROLE) if item is not None else ""

    def new_entity(self) -> None:
        reg = self.register
        if reg is None:
            return
        dialog = EntityDialog(self, self._selected_text())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        aliases = [a.strip() for a in dialog.aliases.text().split(";") if a.strip()]
        try:
            op = reg.add_entity(dialog.name.text(), dialog.type_box.currentData(), self.win.author, aliases=aliases)
        except TestimoniaError as exc:
            self.win.show_message(self.tr("Cannot add the entity"), str(exc))
            return
        self.refresh(keep=op.value.uuid)

    def edit_entity(self) -> None:
        reg, uuid = self.register, self.current_uuid()
        if reg is None or uuid is None:
            return
        e = reg.entity(uuid)
        dialog = EntityDialog(self, e.name)
        dialog.setWindowTitle(self.tr("Edit entity"))
        dialog.type_box.setCurrentIndex(max(0, dialog.type_box.findData(e.type)))
        dialog.aliases.setText("; ".join(e.aliases))
        dialog.description.setText(e.description)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        aliases = [a.strip() for a in dialog.aliases.text().split(";") if a.strip()]
        try:
            reg.edit_entity(uuid, self.win.author, name=dialog.name.text(), type=dialog.type_box.currentData(),
                            aliases=aliases, description=dialog.description.text())
        except TestimoniaError as exc:
            self.win.show_message(self.tr("Cannot change the entity"), str(exc))
            return
        self.refresh(keep=uuid)

    def remove_entity(self) -> None:
        reg, uuid = self.register, self.current_uuid()
        if reg is None or uuid is None:
            return
        try:
            reg.delete_entity(uuid, self.win.author)
        except TestimoniaError as exc:
            self.win.show_message(self.tr("Cannot remove the entity"), str(exc))
            return
        self.win.show_status(self.tr("Entity removed; `testimonia entity-edit --restore` brings it back."))
        self.refresh()

    def link_all(self) -> None:
        reg, uuid, item = self.register, self.current_uuid(), self.speaker_texts.currentItem()
        if reg is None or uuid is None or item is None:
            self.win.show_status(self.tr("Select an entry and a speaker text first."))
            return
        try:
            op = reg.link_by_field("speaker", item.data(TEXT_ROLE), uuid, self.win.author)
        except TestimoniaError as exc:
            self.win.show_message(self.tr("Cannot link"), str(exc))
            return
        self.win.show_status(self.tr("%n statement(s) linked.", "", len(op.value)))
        self.refresh(keep=uuid)

    def merge_into(self) -> None:
        reg, uuid = self.register, self.current_uuid()
        if reg is None or uuid is None:
            return
        others = [e for e in reg.entities() if e.uuid != uuid]
        if not others:
            return
        names = [f"{e.name} · {self._type_name(e.type)}" for e in others]
        choice, ok = QInputDialog.getItem(self, self.tr("Same as"), self.tr("The selected entry is the same as:"),
                                          names, 0, False)
        if not ok:
            return
        keep = others[names.index(choice)].uuid
        try:
            reg.merge_entities(keep, uuid, self.win.author)
        except TestimoniaError as exc:
            self.win.show_message(self.tr("Cannot merge"), str(exc))
            return
        self.refresh(keep=keep)

    def unmerge(self) -> None:
        reg, uuid = self.register, self.current_uuid()
        if reg is None or uuid is None:
            return
        records = [r for r in reg.same_as_records() if uuid in (r.keep_uuid, r.other_uuid)]
        if not records:
            return
        try:
            reg.unmerge_entities(records[-1].uuid, self.win.author)
        except TestimoniaError as exc:
            self.win.show_message(self.tr("Cannot undo the merge"), str(exc))
            return
        self.refresh(keep=uuid)


class EntityDialog(QDialog):
    def __init__(self, parent: QWidget, name: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New entity"))
        self.name = QLineEdit(name)
        self.type_box = QComboBox()
        view = parent if isinstance(parent, EntityView) else None
        for t in ENTITY_TYPES:
            self.type_box.addItem(view._type_name(t) if view else t, t)
        self.aliases = QLineEdit()
        self.aliases.setPlaceholderText(self.tr("other spellings, separated by ;"))
        self.description = QLineEdit()
        form = QFormLayout(self)
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("T&ype:"), self.type_box)
        form.addRow(self.tr("&Aliases:"), self.aliases)
        form.addRow(self.tr("&Description:"), self.description)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
