"""Display names for the words core/labels.py defines (built-in label names, field titles, choices),
and fields as a person reads them: display names in the label's order, values in their words.

core/ has no Qt, so its English words are listed here for lupdate and translated when shown. What
is stored never changes: a built-in label keeps its English name in the file, a choice its value.
A built-in label someone renamed (the new name came in through a merge) shows as renamed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP

from testimonia.core import field_text
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
    QT_TRANSLATE_NOOP("Choice", "yes"),
    QT_TRANSLATE_NOOP("Choice", "no"),
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


def _spec(kind: str, key: str) -> FieldSpec | None:
    return next((s for s in core_labels.field_specs(kind) if s.key == key), None)


def ordered_keys(kind: str, keys: Iterable[str]) -> list[str]:
    """The label's own field order (value_low before value_high), then any other keys by name, as
    the exports that people read have them (core/field_text.py)."""
    return [k for k, _ in field_text.ordered_fields(kind, dict.fromkeys(keys))]


def field_name(kind: str, key: str) -> str:
    """A built-in field's title; a custom label's field keeps the name its user gave it."""
    spec = _spec(kind, key)
    return field_title(spec) if spec else key


def value_text(kind: str, key: str, value: object) -> str:
    """A stored value as a person reads it: yes/no and choices in the interface language, numbers
    without a trailing ".0", lists and objects (custom fields from other tools) as JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return choice_text("yes" if value else "no")
    spec = _spec(kind, key)
    if spec is not None and spec.type == "choice" and isinstance(value, str):
        return choice_text(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str | int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def field_rows(kind: str, fields: dict[str, object]) -> list[tuple[str, str]]:
    """(display name, value) for each field, in the label's order."""
    return [(field_name(kind, k), value_text(kind, k, fields[k])) for k in ordered_keys(kind, fields)]


def fields_line(kind: str, fields: dict[str, object]) -> str:
    """All fields on one line: "Low: 500; High: 600; Approximate: yes"."""
    return "; ".join(f"{name}: {' '.join(value.split())}" for name, value in field_rows(kind, fields))
