"""Display names for the words core/labels.py defines (built-in label names, field titles, choices).

core/ has no Qt, so its English words are listed here for lupdate and translated when shown. What
is stored never changes: a built-in label keeps its English name in the file, a choice its value.
A built-in label someone renamed (the new name came in through a merge) shows as renamed.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP

from testimonia.core import labels as core_labels
from testimonia.core.labels import FieldSpec
from testimonia.core.views import LabelInfo

from .i18n import translate

_WORDS = (
    QT_TRANSLATE_NOOP("Label", "Statement"),
    QT_TRANSLATE_NOOP("Label", "Figure"),
    QT_TRANSLATE_NOOP("Label", "Obligation"),
    QT_TRANSLATE_NOOP("Field", "Speaker"),
    QT_TRANSLATE_NOOP("Field", "Speaker's role"),
    QT_TRANSLATE_NOOP("Field", "Mode"),
    QT_TRANSLATE_NOOP("Field", "Value"),
    QT_TRANSLATE_NOOP("Field", "Low"),
    QT_TRANSLATE_NOOP("Field", "High"),
    QT_TRANSLATE_NOOP("Field", "Approximate"),
    QT_TRANSLATE_NOOP("Field", "Vague"),
    QT_TRANSLATE_NOOP("Field", "What is counted"),
    QT_TRANSLATE_NOOP("Field", "Date"),
    QT_TRANSLATE_NOOP("Field", "Place"),
    QT_TRANSLATE_NOOP("Field", "Instrument"),
    QT_TRANSLATE_NOOP("Field", "Duty bearer"),
    QT_TRANSLATE_NOOP("Field", "Beneficiary"),
    QT_TRANSLATE_NOOP("Choice", "direct"),
    QT_TRANSLATE_NOOP("Choice", "reported"),
)


def label_name(label: LabelInfo) -> str:
    builtin = core_labels.BY_UUID.get(label.uuid)
    if builtin is not None and label.name == builtin.name:
        return translate("Label", label.name)
    return label.name


def shown_label(label: LabelInfo) -> LabelInfo:
    """A copy to show; only the name differs, and nothing written to the project comes from it."""
    name = label_name(label)
    return label if name == label.name else replace(label, name=name)


def field_title(spec: FieldSpec) -> str:
    return translate("Field", spec.title)


def choice_text(value: str) -> str:
    return translate("Choice", value)
