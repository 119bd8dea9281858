"""A project two or three teammates coded: the fixture the agreement tests share."""

from __future__ import annotations

from pathlib import Path

from testimonia.core.store import Store
from testimonia.core.views import AuthorRef

from .store_helpers import ARTICLE, author, new_store, span

SECOND = (
    "Geneva, 12 May — The committee heard that 1,200 people were held at the border in April.\n"
    "“They were beaten in custody,” a former detainee told investigators.\n"
    "States parties must respect the Convention against Torture, article 3.\n"
)

MINJI, JOON, SORA = author("Min-ji"), author("Joon"), author("Sora")


def coded_project(tmp: Path, *, third: bool = False, order: tuple[int, ...] = (0, 1)) -> tuple[Store, list[str]]:
    """Min-ji and Joon code both articles (agreeing on most, not all); Sora, if asked, copies Min-ji
    on the first article. Returns the store and the document UUIDs in (ARTICLE, SECOND) order."""
    store = new_store(tmp, name=f"p{''.join(map(str, order))}{int(third)}")
    texts = [("Seoul", ARTICLE), ("Geneva", SECOND)]
    ids: dict[int, str] = {}
    for i in order:
        ids[i] = store.import_text(*texts[i], author()).uuid
    a, b = ids[0], ids[1]

    def add(who: AuthorRef, doc: str, text: str, needle: str, kind: str, cut: int = 0, **fields: object) -> None:
        s, e = span(text, needle)
        store.add_annotation(doc, kind, s, e - cut, who, fields=fields)

    for who in (MINJI, JOON):
        add(who, a, ARTICLE, "“We will not send them back to face torture,”", "statement", speaker="the minister")
        add(who, a, ARTICLE, "About 60 North Koreans", "figure", cut=9 if who is JOON else 0, value=60,
            unit="North Koreans" if who is MINJI else "Koreans")
        add(who, b, SECOND, "1,200 people", "figure", value=1200, unit="people")
        add(who, b, SECOND, "“They were beaten in custody,”", "statement",
            speaker="a former detainee" if who is MINJI else "detainee")
    add(MINJI, a, ARTICLE, "non-refoulement obligations", "obligation", instrument="1951 Refugee Convention")
    add(MINJI, a, ARTICLE, "between 500 and 600", "figure", value_low=500, value_high=600)
    add(JOON, b, SECOND, "Convention against Torture", "obligation")
    if third:
        add(SORA, a, ARTICLE, "“We will not send them back to face torture,”", "statement", speaker="the minister")
        add(SORA, a, ARTICLE, "About 60 North Koreans", "figure", value=60, unit="North Koreans")
        add(SORA, a, ARTICLE, "non-refoulement obligations", "obligation", instrument="1951 Refugee Convention")
        add(SORA, a, ARTICLE, "between 500 and 600", "figure", value_low=500, value_high=600)
    return store, [a, b]
