"""The evidence register's filter controls, shared by the evidence table and the export dialog:
incident, entity, source type, credibility grade and a from/to evidence date.

Both read the same choices and send the same values to core (EvidenceQuery for the table,
EvidenceFilter for exports), so a filter keeps the same rows in either place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QComboBox, QLineEdit

from testimonia.core.evidence.vocab import is_iso_date

from .i18n import arg, translate

if TYPE_CHECKING:
    from testimonia.core.store import Store

# The source types of core/evidence/vocab.py, as the filter shows them.
SOURCE_TYPE_NAMES = {
    "news": QT_TRANSLATE_NOOP("EvidenceTable", "News"),
    "ngo_report": QT_TRANSLATE_NOOP("EvidenceTable", "NGO report"),
    "un_document": QT_TRANSLATE_NOOP("EvidenceTable", "UN document"),
    "testimony": QT_TRANSLATE_NOOP("EvidenceTable", "Testimony"),
    "official_statement": QT_TRANSLATE_NOOP("EvidenceTable", "Official statement"),
    "other": QT_TRANSLATE_NOOP("EvidenceTable", "Other source"),
}


@dataclass
class RegisterChoices:
    incidents: list[tuple[str, str]] = field(default_factory=list)  # (uuid, "when title")
    entities: list[tuple[str, str]] = field(default_factory=list)  # (uuid, name)
    groups: dict[str, list[str]] = field(default_factory=dict)  # register entry -> the entries merged into it


def register_choices(store: Store) -> RegisterChoices:
    """What the incident and entity filters offer (a few queries; raises TestimoniaError)."""
    reg = store.evidence
    out = RegisterChoices([(i.uuid, f"{i.when} {i.title}".strip()) for i in reg.incidents()],
                          [(e.uuid, e.name) for e in reg.entities()])
    for member, head in reg.canonical().items():
        out.groups.setdefault(head, []).append(member)
    return out


def fill_choices(combo: QComboBox, everything: str, items: list[tuple[str, str]]) -> None:
    """"Everything" first, then the items; the choice made stays if it is still offered."""
    keep = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(everything, "")
    for uuid, name in items:
        combo.addItem(name, uuid)
    combo.setCurrentIndex(max(0, combo.findData(keep)))
    combo.blockSignals(False)


def incident_combo(name: str) -> QComboBox:
    combo = QComboBox(objectName=name)
    combo.addItem(translate("EvidenceTable", "All incidents"), "")
    return combo


def entity_combo(name: str) -> QComboBox:
    combo = QComboBox(objectName=name)
    combo.addItem(translate("EvidenceTable", "All entities"), "")
    return combo


def fill_register(incident: QComboBox, entity: QComboBox, choices: RegisterChoices) -> None:
    fill_choices(incident, translate("EvidenceTable", "All incidents"), choices.incidents)
    fill_choices(entity, translate("EvidenceTable", "All entities"), choices.entities)


def source_type_combo(name: str) -> QComboBox:
    combo = QComboBox(objectName=name)
    combo.addItem(translate("EvidenceTable", "All source types"), "")
    for key, shown in SOURCE_TYPE_NAMES.items():
        combo.addItem(translate("EvidenceTable", shown), key)
    return combo


def grade_combo(name: str) -> QComboBox:
    """Data: 0 for any grade, else N to keep grades 1..N (1 is the most credible)."""
    combo = QComboBox(objectName=name)
    combo.addItem(translate("EvidenceTable", "Any credibility"), 0)
    for n in range(1, 7):
        combo.addItem(arg(translate("EvidenceTable", "Graded 1 to %1"), str(n)) if n > 1
                      else translate("EvidenceTable", "Graded 1"), n)
    return combo


def date_edit(name: str, placeholder: str) -> QLineEdit:
    edit = QLineEdit(objectName=name, placeholderText=placeholder)
    edit.setClearButtonEnabled(True)
    edit.setMaxLength(10)
    edit.setToolTip(translate("EvidenceFilters", "A year, a month or a day: 2023, 2023-08 or 2023-08-14. "
                                                 "The evidence date is a figure's own date, else its source's "
                                                 "publication date; evidence without a date is left out."))
    return edit


def date_range(date_from: QLineEdit, date_to: QLineEdit) -> tuple[str, str, str, QLineEdit | None]:
    """(from, to, problem, where): the two dates as typed, trimmed, what is wrong with them ("" if
    nothing) and the field to correct."""
    low, high = date_from.text().strip(), date_to.text().strip()
    for value, what, edit in ((low, translate("EvidenceFilters", "From date"), date_from),
                              (high, translate("EvidenceFilters", "To date"), date_to)):
        if value and not is_iso_date(value):
            return low, high, arg(translate("EvidenceFilters", "%1 \u201c%2\u201d is not a date such as 2023, "
                                                               "2023-08 or 2023-08-14"), what, value), edit
    n = min(len(low), len(high))
    if n and high[:n] < low[:n]:
        problem = arg(translate("EvidenceFilters", "The to date %1 is before the from date %2"), high, low)
        return low, high, problem, date_to
    return low, high, "", None
