"""Editor for the selected annotation: label, the label's fields, note, and who/when/where.

It never writes: each finished edit becomes an `edit_requested(before, after, description)` that
the window turns into an undoable command, so the editor only has to say what the user meant.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor, QFocusEvent, QIcon, QKeyEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from testimonia.core import labels as core_labels
from testimonia.core.errors import InvalidInput
from testimonia.core.views import AnnotationView, Content, LabelInfo

from . import compact
from .core_text import field_title
from .field_widgets import FieldInput
from .i18n import arg, format_count, format_datetime, translate
from .plain import plain_label
from .session import content_of


def swatch(color: str, size: int = 12) -> QIcon:
    pix = QPixmap(size, size)
    pix.fill(QColor(color))
    return QIcon(pix)


class NoteEdit(QPlainTextEdit):
    """A plain-text note that reports when the user leaves it."""

    focus_lost = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        # A popup (the context menu) takes focus without the user being done.
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.focus_lost.emit()


class _FieldForm(QWidget):
    def __init__(self, kind: str, on_commit: Callable[[str], None],
                 values: Callable[[str], list[str]]) -> None:
        super().__init__()
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.inputs: dict[str, FieldInput] = {}
        for spec in core_labels.field_specs(kind):
            field = FieldInput(spec, on_commit, values)
            form.addRow(plain_label(field_title(spec), wrap=False), field.widget)
            self.inputs[spec.key] = field


class AnnotationEditor(QWidget):
    edit_requested = Signal(object, object, str)  # AnnotationView before, Content after, description
    problem = Signal(str)
    shown = Signal(object)  # AnnotationView | None: what the editor now shows (conflict notice, team_actions)
    leave = Signal()  # Esc: the edit is saved and the user goes back to reading

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotationEditor")
        self.view: AnnotationView | None = None
        self._labels: list[LabelInfo] = []
        self._values: Callable[[str], list[str]] = lambda _key: []
        self._forms: dict[str, _FieldForm] = {}
        self._loading = False
        self._action_buttons: list[QToolButton] = []

        self.empty = plain_label(self.tr("Select text and press 1, 2 or 3 (or S, F, O) to mark it; "
                                         "click a highlight to edit it."))
        self.quote = QPlainTextEdit(readOnly=True, objectName="quote")
        self.quote.setMaximumHeight(72)
        self.label_combo = QComboBox(objectName="labelCombo")
        self.label_combo.activated.connect(self._label_chosen)
        # Only the current kind's form is visible, so the editor is as tall as that form (a
        # QStackedWidget would always be as tall as the figure form, the longest).
        self.stack = QWidget()
        self._stack_lay = QVBoxLayout(self.stack)
        self._stack_lay.setContentsMargins(0, 0, 0, 0)
        self.note = NoteEdit(objectName="note")
        self.note.setPlaceholderText(self.tr("Note"))
        self.note.setTabChangesFocus(True)
        self.note.focus_lost.connect(self._note_done)
        self.info = plain_label()
        self.info.setObjectName("info")
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)

        self.body = QWidget()
        form = QFormLayout(self.body)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(plain_label(self.tr("Label"), wrap=False), self.label_combo)
        lay = QVBoxLayout(self)
        lay.addWidget(self.empty)
        lay.addWidget(self.quote)
        lay.addWidget(self.body)
        lay.addWidget(self.stack)
        self.note_title = plain_label(self.tr("Note"), wrap=False)
        lay.addWidget(self.note_title)
        lay.addWidget(self.note, 1)
        lay.addWidget(self.info)
        lay.addLayout(self.buttons)
        self.show_annotation(None)

    def add_action_button(self, action: QAction) -> None:
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.buttons.addWidget(button)
        self._action_buttons.append(button)
        self._fit_buttons()

    def _fit_buttons(self) -> None:
        margins = self.layout().contentsMargins()
        compact.fit(self._action_buttons, self.width() - margins.left() - margins.right(),
                    counted=[b for b in self._action_buttons if not b.isHidden()])  # Resolve shows in conflicts only

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_buttons()

    # -- keyboard --------------------------------------------------------------------------
    def tab_chain(self) -> list[QWidget]:
        """What Tab visits, in order: label, the label's fields as core/labels.py lists them, note,
        then the buttons. Forms are built when first shown, after the note, so Qt's own order
        (creation order) would put the note first and leave the last field for the next panel."""
        chain: list[QWidget] = [self.label_combo]
        form = self._forms.get(self.view.kind) if self.view is not None else None
        if form is not None:
            chain += [f.widget for f in form.inputs.values()]
        chain += [self.note, *self._action_buttons]
        return [w for w in chain if w.isVisibleTo(self) and w.isEnabled()]

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab stays in the editor (after the buttons it comes back to the label): in the reader the
        # letters typed next would mark text. Esc goes back to the reader.
        chain = self.tab_chain()
        focus = QApplication.focusWidget()
        if focus not in chain:
            return super().focusNextPrevChild(next)
        target = chain[(chain.index(focus) + (1 if next else -1)) % len(chain)]
        target.setFocus(Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason)
        self._reveal(target)
        return True

    def _reveal(self, widget: QWidget) -> None:
        """Scroll the panel the editor sits in (a scroll area, on small screens) to the focused field."""
        area = self.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        if area is not None:
            area.ensureWidgetVisible(widget, 8, 8)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Fields pass Esc on (a completer or a combo's open list takes it first).
        if event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.commit_pending()
            self.leave.emit()
            return
        super().keyPressEvent(event)

    def configure(self, labels: list[LabelInfo], values: Callable[[str], list[str]]) -> None:
        self._labels = [lb for lb in labels if not lb.deleted]
        self._values = values
        self.label_combo.blockSignals(True)
        self.label_combo.clear()
        for lb in self._labels:
            self.label_combo.addItem(swatch(lb.color), lb.name, lb.uuid)
        self.label_combo.blockSignals(False)
        self.show_annotation(self.view)

    def values_ready(self, key: str) -> None:
        """Completions for `key` arrived (read off the GUI thread): the shown form takes them."""
        if self.view is None:
            return
        field = self._form(self.view.kind).inputs.get(key)
        if field is not None:
            field.refresh_completions()

    def _form(self, kind: str) -> _FieldForm:
        if kind not in self._forms:
            form = _FieldForm(kind, lambda key, kind=kind: self._field_done(key, kind), lambda key: self._values(key))
            self._forms[kind] = form
            form.hide()
            self._stack_lay.addWidget(form)
        return self._forms[kind]

    # -- showing ---------------------------------------------------------------------------
    def show_annotation(self, view: AnnotationView | None) -> None:
        if self.view is not None and (view is None or view.uuid != self.view.uuid):
            self.commit_pending()  # an edit in progress belongs to the annotation shown until now
        self._loading = True  # hiding or disabling a focused widget makes it report "done"
        try:
            self._show(view)
        finally:
            self._loading = False
        self.shown.emit(view)

    def _show(self, view: AnnotationView | None) -> None:
        self.view = view
        has = view is not None
        self.empty.setVisible(not has)
        for w in (self.quote, self.body, self.stack, self.note_title, self.note, self.info):
            w.setEnabled(has and not (view.deleted and not view.conflict))  # type: ignore[union-attr]
            w.setVisible(has)
        if view is None:
            return
        if self.quote.toPlainText() != view.exact:  # an edit of the note or fields keeps the quote: no relayout
            self.quote.setPlainText(view.exact)
        i = self.label_combo.findData(view.label_uuid)
        if i < 0:  # a label someone removed: show it anyway so the value is not silently replaced
            self.label_combo.addItem(swatch("#999999"), view.label, view.label_uuid)
            i = self.label_combo.count() - 1
        self.label_combo.blockSignals(True)
        self.label_combo.setCurrentIndex(i)
        self.label_combo.blockSignals(False)
        form = self._form(view.kind)
        for other in self._forms.values():
            other.setVisible(other is form)
        self.stack.setVisible(bool(form.inputs))
        for key, field in form.inputs.items():
            field.set_value(view.fields.get(key))
            field.refresh_completions()
        if self.note.toPlainText() != view.note:
            self.note.setPlainText(view.note)
        self.info.setText(self._info_text(view))

    @staticmethod
    def _info_text(v: AnnotationView) -> str:
        # A static method has no self.tr; the context is spelled out to match the class's.
        lines = [arg(translate("AnnotationEditor", "Created by %1, %2"), v.creator, format_datetime(v.created))]
        if v.modified_hlc != v.created_hlc:
            lines.append(arg(translate("AnnotationEditor", "Last edit by %1, %2"), v.author,
                             format_datetime(v.modified)))
        where = arg(translate("AnnotationEditor", "Characters %1–%2"), format_count(v.start), format_count(v.end))
        if v.page is not None:
            where = arg(translate("AnnotationEditor", "Page %1"), format_count(v.page)) + " · " + where
        lines.append(where)
        if v.conflict:
            lines.append(arg(translate("AnnotationEditor", "Conflict: %1 versions disagree"), format_count(v.heads)))
        if v.orphaned:
            lines.append(translate("AnnotationEditor", "Orphaned: the text no longer matches this span"))
        if v.fields and v.kind == core_labels.CUSTOM:
            lines += [f"{k}: {val}" for k, val in v.fields.items()]
        return "\n".join(lines)

    def focus_first_field(self) -> None:
        if self.view is None:
            return
        form = self._forms.get(self.view.kind)
        target = next(iter(form.inputs.values())).widget if form and form.inputs else self.note
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        self._reveal(target)

    def field_widget(self, key: str) -> QWidget:
        assert self.view is not None
        return self._forms[self.view.kind].inputs[key].widget

    # -- edits -----------------------------------------------------------------------------
    def _request(self, after: Content, description: str) -> None:
        view = self.view
        if view is None or after == content_of(view, deleted=False):
            return
        self.edit_requested.emit(view, after, description)

    def _field_done(self, key: str, kind: str | None = None) -> None:
        view = self.view
        if view is None or self._loading or (kind is not None and kind != view.kind):
            return
        form = self._forms[view.kind]
        fields = dict(view.fields)
        value = form.inputs[key].value()
        if value is None:
            fields.pop(key, None)
        else:
            fields[key] = value
        try:
            fields = core_labels.validate_fields(view.kind, fields)
        except InvalidInput as exc:
            self.problem.emit(str(exc))
            form.inputs[key].set_value(view.fields.get(key))
            return
        spec = form.inputs[key].spec
        self._request(Content(view.label_uuid, view.start, view.end, fields, view.note),
                      arg(self.tr("Edit %1"), field_title(spec)))

    def _note_done(self) -> None:
        view = self.view
        if view is not None and not self._loading and self.note.toPlainText() != view.note:
            note = self.note.toPlainText()
            self._request(Content(view.label_uuid, view.start, view.end, dict(view.fields), note), self.tr("Edit note"))

    def _label_chosen(self, index: int) -> None:
        view = self.view
        uuid = self.label_combo.itemData(index)
        label = next((lb for lb in self._labels if lb.uuid == uuid), None)
        if view is None or label is None or uuid == view.label_uuid:
            return
        self._request(Content(label.uuid, view.start, view.end, fields_for(label.kind, view.fields), view.note),
                      arg(self.tr("Change label to %1"), label.name))

    def commit_pending(self) -> None:
        """Write an edit still in progress (the note, a field being typed) before the view changes."""
        focus = self.focusWidget()
        if focus is self.note:
            self._note_done()
        elif self.view is not None and self.view.kind in self._forms:
            for key, field in self._forms[self.view.kind].inputs.items():
                if field.widget is focus:
                    self._field_done(key)


def fields_for(kind: str, fields: dict[str, object]) -> dict[str, object]:
    """The fields that survive a change of label: those the new kind knows, with valid values."""
    specs = {s.key for s in core_labels.field_specs(kind)}
    # the curation mark is not a field of any kind but belongs to the annotation whatever its label
    kept = {k: v for k, v in fields.items() if not specs or k in specs or k == core_labels.CURATION_FIELD}
    out: dict[str, object] = {}
    for k, v in kept.items():
        try:
            out.update(core_labels.validate_fields(kind, {k: v}))
        except InvalidInput:
            continue  # stays in the old revision; undo brings it back
    return out
