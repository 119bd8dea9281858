"""Words of the agreement view: measure names, disagreement kinds, labels and figures as shown.

Measure names and the NVivo note come from core/agreement/report_export.py, which holds them in
English and Korean for the report files, so the window and the files say the same thing.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from testimonia.core import labels as core_labels
from testimonia.core.agreement import report_export
from testimonia.core.agreement.bootstrap import Estimate

from .i18n import translate, ui_language

KINDS = {
    "missing": QT_TRANSLATE_NOOP("Agreement", "missing span"),
    "boundary": QT_TRANSLATE_NOOP("Agreement", "boundary differs"),
    "label": QT_TRANSLATE_NOOP("Agreement", "label differs"),
    "fields": QT_TRANSLATE_NOOP("Agreement", "field differs"),
}

# What the grid shows for a choice of measure: the key read for "All labels", the key read per label.
CHOICES: tuple[tuple[str, str | None, str | None], ...] = (
    ("u_alpha", "u_alpha", "k_u_alpha"),
    ("binary_u_alpha", "binary_u_alpha", None),
    ("cu_alpha", "cu_alpha", None),
    ("alpha_u_2004", "alpha_u_2004", "alpha_u_2004"),
    ("f1", "f1", "f1"),
    ("exact_f1", "exact_f1", "exact_f1"),
    ("precision", "precision", "precision"),
    ("recall", "recall", "recall"),
    ("nvivo_agreement", None, "nvivo_agreement"),
    ("nvivo_kappa", None, "nvivo_kappa"),
    ("qualcoder_kappa", None, "qualcoder_kappa"),
)
CHARACTER_LEVEL = {"nvivo_agreement", "nvivo_kappa", "qualcoder_kappa"}


def measure_name(key: str) -> str:
    if key == "u_alpha":
        return translate("Agreement", "uα (all labels), (k)uα per label")
    return report_export.measure_name(key, ui_language())


def nvivo_note() -> str:
    return report_export._say(ui_language(), "NVIVO_NOTE")


def kind_text(kind: str) -> str:
    return translate("Agreement", KINDS.get(kind, kind))


def label_text(label: str) -> str:
    """A report's label (a kind, or a custom label's name) as the window names it."""
    builtin = core_labels.BY_KIND.get(label)
    return translate("Label", builtin.name) if builtin else label


def number(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f}"


def estimate_text(e: Estimate | None) -> str:
    """"0.812 [0.701, 0.903]": the value and its 95 % bootstrap interval, when there is one."""
    if e is None:
        return ""
    if e.value is None:
        return "—"
    if e.low is None or e.high is None:
        return number(e.value)
    return f"{number(e.value)} [{number(e.low)}, {number(e.high)}]"
