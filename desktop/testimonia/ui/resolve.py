"""Settling a conflict: the undoable command and the "Edit and resolve…" dialog.

Store.resolve writes one revision whose parents are all heads, so the conflict is settled on every
machine the file travels to. Undo cannot bring the conflict back (that would need the old heads to
become heads again, which history never allows); it writes the version that was shown before,
like every other undo here, and redo writes the resolved one again.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from testimonia.core import labels as core_labels
from testimonia.core.errors import InvalidInput
from testimonia.core.views import AnnotationView, Content, LabelInfo, RevisionView

from . import dialog_size
from .annotation_editor import fields_for, swatch
from .commands import StoreCommand
from .core_text import field_title
from .field_widgets import FieldInput
from .i18n import arg, translate
from .plain import plain_label
from .session import Session, content_of


def revision_content(rev: RevisionView) -> Content:
    return Content(rev.label_uuid, rev.start, rev.end, dict(rev.fields), rev.note, rev.deleted)


class ResolveConflict(StoreCommand):
    def __init__(self, session: Session, before: AnnotationView, *, take: str | None = None,
                 content: Content | None = None) -> None:
        super().__init__(session, arg(translate("StoreCommand", "Resolve conflict on %1"), before.label))
        self.uuid, self.take, self.content = before.uuid, take, content
        self.before = content_of(before)
        self.after: Content | None = None

    def _do(self) -> AnnotationView:
        view = self.session.resolve(self.uuid, take=self.take, content=self.content)
        self.after = content_of(view)
        return view

    def _redo(self) -> AnnotationView:
        assert self.after is not None
        return self._set(self.after)

    def _undo(self) -> AnnotationView:
        return self._set(self.before)

    def _set(self, content: Content) -> AnnotationView:
        return self.session.set_content(self.uuid, content)


class ResolveDialog(QDialog):
    """Label, fields and note pre-filled from one head; the span stays that head's span."""

    def __init__(self, start: RevisionView, labels: list[LabelInfo], session: Session,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resolveDialog")
        self.setWindowTitle(self.tr("Edit and resolve"))
        self.start, self.session = start, session
        self.labels = [lb for lb in labels if not lb.deleted]
        lay = QVBoxLayout(self)
        lay.addWidget(plain_label(self.tr("The annotation will take exactly these values; every version in "
                                          "the conflict is settled by it.")))
        quote = QPlainTextEdit(readOnly=True)
        quote.setPlainText(start.exact)
        quote.setMaximumHeight(60)
        lay.addWidget(quote)
        top = QFormLayout()
        self.label_combo = QComboBox(objectName="resolveLabel")
        for lb in self.labels:
            self.label_combo.addItem(swatch(lb.color), lb.name, lb.uuid)
        i = self.label_combo.findData(start.label_uuid)
        if i < 0:
            self.label_combo.addItem(swatch("#999999"), start.label, start.label_uuid)
            i = self.label_combo.count() - 1
        self.label_combo.setCurrentIndex(i)
        self.label_combo.currentIndexChanged.connect(self._kind_changed)
        top.addRow(plain_label(self.tr("Label"), wrap=False), self.label_combo)
        lay.addLayout(top)
        self.form_box = QWidget()
        self.form = QFormLayout(self.form_box)
        self.form.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.form_box)
        self.inputs: dict[str, FieldInput] = {}
        self.note = QPlainTextEdit(objectName="resolveNote")
        self.note.setPlainText(start.note)
        self.note.setTabChangesFocus(True)
        lay.addWidget(plain_label(self.tr("Note"), wrap=False))
        lay.addWidget(self.note, 1)
        self.problem = plain_label()
        lay.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.addButton(self.tr("Resolve"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self._fields: dict[str, object] = dict(start.fields)
        self._build_form(self._kind())
        self._fit()

    def _fit(self) -> None:
        titles = [self.form.itemAt(r, QFormLayout.ItemRole.LabelRole) for r in range(self.form.rowCount())]
        beside = max((t.widget().sizeHint().width() for t in titles if t is not None and t.widget()), default=0)
        values = [str(f.widget.text()) for f in self.inputs.values() if isinstance(f.widget, QLineEdit)]
        dialog_size.fit(self, [*values, self.note.toPlainText()], beside=beside + 12)

    def _kind(self) -> str:
        uuid = self.label_combo.currentData()
        label = next((lb for lb in self.labels if lb.uuid == uuid), None)
        return label.kind if label else self.start.kind

    def _build_form(self, kind: str) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.inputs = {}
        for spec in core_labels.field_specs(kind):
            field = FieldInput(spec, lambda _key: None, self.session.field_values)
            field.set_value(self._fields.get(spec.key))
            field.refresh_completions()
            self.form.addRow(plain_label(field_title(spec), wrap=False), field.widget)
            self.inputs[spec.key] = field

    def _kind_changed(self, _index: int) -> None:
        self._fields = fields_for(self._kind(), self._current_fields())
        self._build_form(self._kind())

    def _current_fields(self) -> dict[str, object]:
        if not self.inputs:
            return dict(self._fields)  # custom labels have free-form fields the form does not show
        # the curation mark has no input of its own; a resolution keeps it
        kept = {k: v for k, v in self._fields.items() if k == core_labels.CURATION_FIELD}
        return {**kept, **{k: v for k, f in self.inputs.items() if (v := f.value()) is not None}}

    def content(self) -> Content:
        """What the form says; raises InvalidInput when a field value is not acceptable."""
        kind = self._kind()
        fields = core_labels.validate_fields(kind, self._current_fields())
        return Content(str(self.label_combo.currentData()), self.start.start, self.start.end, fields,
                       self.note.toPlainText())

    def _check(self) -> None:
        try:
            self.content()
        except InvalidInput as exc:
            self.problem.setText(str(exc))
            return
        self.accept()
