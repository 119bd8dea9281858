"""Accept many suggestions at once: those of one kind (or every kind) scoring at least a threshold.

The dialog counts what it would accept as the choice changes, so nothing is accepted unseen; the
accept itself is one undo step.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QVBoxLayout, QWidget

from testimonia.core.suggest import Suggestion

from . import dialog_size
from .i18n import arg, format_count
from .plain import plain_label

DEFAULT_THRESHOLD = 0.9


def chosen(suggestions: Sequence[Suggestion], label: str | None, threshold: float) -> list[Suggestion]:
    """The suggestions of this label (None: any) with a score at or above the threshold."""
    return [s for s in suggestions if (label is None or s.label_uuid == label) and s.score >= threshold - 1e-9]


class BulkAcceptDialog(QDialog):
    def __init__(self, suggestions: Sequence[Suggestion], labels: list[tuple[str, str]],
                 parent: QWidget | None = None) -> None:
        """`labels`: (uuid, shown name) of the labels the suggestions have, in menu order."""
        super().__init__(parent)
        self.setObjectName("bulkAcceptDialog")
        self.setWindowTitle(self.tr("Accept suggestions above a score"))
        self.suggestions = list(suggestions)
        self.kind = QComboBox(objectName="bulkKind")
        self.kind.addItem(self.tr("Every kind"), None)
        for uuid, name in labels:
            count = sum(1 for s in self.suggestions if s.label_uuid == uuid)
            if count:
                self.kind.addItem(f"{name} ({format_count(count)})", uuid)
        self.threshold = QDoubleSpinBox(objectName="bulkThreshold")
        self.threshold.setRange(0.0, 1.0)
        self.threshold.setSingleStep(0.05)
        self.threshold.setDecimals(2)
        self.threshold.setValue(DEFAULT_THRESHOLD)
        self.count = plain_label()
        self.count.setObjectName("bulkCount")
        form = QFormLayout()
        form.addRow(self.tr("&Kind:"), self.kind)
        form.addRow(self.tr("&Lowest score:"), self.threshold)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("&Accept them"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(plain_label(self.tr("Suggestions of this kind with at least this score become annotations, "
                                          "their fields filled in. Undo takes them all back at once.")))
        lay.addLayout(form)
        lay.addWidget(self.count)
        lay.addWidget(self.buttons)
        self.kind.currentIndexChanged.connect(self._update)
        self.threshold.valueChanged.connect(self._update)
        self._update()
        dialog_size.fit(self)

    def selected(self) -> list[Suggestion]:
        return chosen(self.suggestions, self.kind.currentData(), self.threshold.value())

    def _update(self, *_: object) -> None:
        n = len(self.selected())
        self.count.setText(arg(self.tr("To be accepted: %1 of the %2 in the list"), format_count(n),
                               format_count(len(self.suggestions))))
        self.ok.setEnabled(n > 0)
