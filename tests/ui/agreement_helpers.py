"""Two coders' readings of one short report, with one disagreement of each kind, for the agreement UI tests."""

from __future__ import annotations

from pathlib import Path

from testimonia.core.store import Store
from testimonia.core.views import AuthorRef

ANA = AuthorRef("0a7f3c52-1d2e-4b6a-9c01-5e8d2f4a6b01", "Ana Park")
BO = AuthorRef("0a7f3c52-1d2e-4b6a-9c01-5e8d2f4a6b02", "Bo Choi")
REPORT = (
    "The provincial office said 45 people were detained in March.\n"
    "A lawyer for the families said the detainees had no access to counsel 🙏 at all.\n"
    "The state is bound by the Convention against Torture and must not return them.\n"
    "Later reports put the number at between 80 and 90 people.\n"
    "유족들은 국경에서 12명이 다시 붙잡혔다고 말했다.\n"
)


def span(needle: str) -> tuple[int, int]:
    at = REPORT.index(needle)
    return at, at + len(needle)


def add_codings(path: Path) -> str:
    """Ana and Bo code the report; returns its document UUID. They agree on "45 people" (label,
    boundaries and fields); the statement's boundaries differ, the obligation's label differs,
    the Korean figure's fields differ, and only Ana marked "between 80 and 90"."""
    with Store.open(path) as store:
        doc = store.import_text("Provincial report", REPORT, ANA, source_name="provincial.txt").uuid
        for who in (ANA, BO):
            store.add_annotation(doc, "figure", *span("45 people"), who, fields={"value": 45})
        store.add_annotation(doc, "statement", *span("the detainees had no access to counsel 🙏 at all"), ANA,
                             fields={"speaker": "a lawyer"})
        store.add_annotation(doc, "statement", *span("the detainees had no access to counsel"), BO,
                             fields={"speaker": "a lawyer"})
        store.add_annotation(doc, "obligation", *span("bound by the Convention against Torture"), ANA)
        store.add_annotation(doc, "statement", *span("bound by the Convention against Torture"), BO)
        store.add_annotation(doc, "figure", *span("between 80 and 90 people"), ANA,
                             fields={"value_low": 80, "value_high": 90})
        store.add_annotation(doc, "figure", *span("12명"), ANA, fields={"value": 12})
        store.add_annotation(doc, "figure", *span("12명"), BO, fields={"value": 13})
    return doc
