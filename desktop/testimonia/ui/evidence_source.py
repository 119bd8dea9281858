"""Annotate › Document source… (the open document's outlet, byline, dates, URL, language, source
type and reliability A-F, pre-filled from the imported file) and Annotate › Credibility grade…
(the selected annotation's grade 1-6). Both plain text, both reachable from the keyboard."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QInputDialog, QLineEdit, QWidget

from testimonia.core.errors import TestimoniaError
from testimonia.core.evidence.vocab import RELIABILITY

from .evidence_filters import SOURCE_TYPE_NAMES
from .i18n import translate

if TYPE_CHECKING:
    from testimonia.core.evidence.views import SourceInfo

    from .shell import Shell

RELIABILITY_NAMES = {
    "A": QT_TRANSLATE_NOOP("SourceDialog", "A: completely reliable"),
    "B": QT_TRANSLATE_NOOP("SourceDialog", "B: usually reliable"),
    "C": QT_TRANSLATE_NOOP("SourceDialog", "C: fairly reliable"),
    "D": QT_TRANSLATE_NOOP("SourceDialog", "D: not usually reliable"),
    "E": QT_TRANSLATE_NOOP("SourceDialog", "E: unreliable"),
    "F": QT_TRANSLATE_NOOP("SourceDialog", "F: reliability cannot be judged"),
}
GRADE_NAMES = (
    QT_TRANSLATE_NOOP("GradeDialog", "no grade"),
    QT_TRANSLATE_NOOP("GradeDialog", "1: confirmed by other sources"),
    QT_TRANSLATE_NOOP("GradeDialog", "2: probably true"),
    QT_TRANSLATE_NOOP("GradeDialog", "3: possibly true"),
    QT_TRANSLATE_NOOP("GradeDialog", "4: doubtful"),
    QT_TRANSLATE_NOOP("GradeDialog", "5: improbable"),
    QT_TRANSLATE_NOOP("GradeDialog", "6: truth cannot be judged"),
)


class SourceDialog(QDialog):
    def __init__(self, source: SourceInfo, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("sourceDialog")
        self.setWindowTitle(self.tr("Document source"))
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout(self)
        for key, label in (("outlet", self.tr("&Outlet:")), ("byline", self.tr("&Author:")),
                           ("published", self.tr("&Published:")), ("url", self.tr("&URL:")),
                           ("retrieved", self.tr("&Retrieved:")), ("language", self.tr("&Language:"))):
            edit = QLineEdit(getattr(source, key))
            edit.setObjectName(f"source_{key}")
            if key in ("published", "retrieved"):
                edit.setPlaceholderText("YYYY-MM-DD")
            self.edits[key] = edit
            form.addRow(label, edit)
        self.source_type = QComboBox(objectName="source_type")
        self.source_type.addItem("", "")
        for key, name in SOURCE_TYPE_NAMES.items():
            self.source_type.addItem(translate("EvidenceTable", name), key)
        self.source_type.setCurrentIndex(max(0, self.source_type.findData(source.source_type)))
        form.addRow(self.tr("Source &type:"), self.source_type)
        self.reliability = QComboBox(objectName="source_reliability")
        self.reliability.addItem("", "")
        for key in RELIABILITY:
            self.reliability.addItem(translate("SourceDialog", RELIABILITY_NAMES[key]), key)
        self.reliability.setCurrentIndex(max(0, self.reliability.findData(source.reliability)))
        form.addRow(self.tr("Re&liability:"), self.reliability)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, str]:
        out = {k: e.text() for k, e in self.edits.items()}
        out["source_type"] = self.source_type.currentData() or ""
        out["reliability"] = self.reliability.currentData() or ""
        return out


def edit_source(win: Shell) -> None:
    session, doc = win.session, win.document
    if session is None or doc is None:
        win.show_status(translate("SourceDialog", "Open a document first."))
        return
    reg = session.store.evidence
    dialog = SourceDialog(reg.source(doc.uuid), win)  # type: ignore[arg-type]
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    try:
        reg.set_source(doc.uuid, win.author, **dialog.values())
    except TestimoniaError as exc:
        win.show_message(translate("SourceDialog", "Cannot save the source"), str(exc))
        return
    win.show_status(translate("SourceDialog", "Source saved."))


def edit_grade(win: Shell) -> None:
    session, annotation = win.session, win.selected
    if session is None or not annotation:
        win.show_status(translate("GradeDialog", "Select an annotation first."))
        return
    reg = session.store.evidence
    names = [translate("GradeDialog", n) for n in GRADE_NAMES]
    choice, ok = QInputDialog.getItem(win, translate("GradeDialog", "Credibility grade"),  # type: ignore[arg-type]
                                      translate("GradeDialog", "How credible is what this annotation says?"),
                                      names, reg.grade(annotation), False)
    if not ok:
        return
    try:
        reg.set_grade(annotation, names.index(choice), win.author)
    except TestimoniaError as exc:
        win.show_message(translate("GradeDialog", "Cannot save the grade"), str(exc))
