"""Small builders shared by core tests (not a conftest, so imports stay explicit)."""

from __future__ import annotations

from pathlib import Path

from testimonia.core.ids import name_uuid
from testimonia.core.store import Store
from testimonia.core.views import AuthorRef

ARTICLE = (
    "Seoul, 3 March — “We will not send them back to face torture,” the minister said on Tuesday.\n"
    "About 60 North Koreans were detained in Shenyang, and between 500 and 600 were returned last year, "
    "according to a rights group.\n"
    "China is bound by the 1951 Refugee Convention and its non-refoulement obligations.\n"
    "탈북민 강제북송을 중단하라 — protesters chanted outside the embassy. 🙏🏽\n"
)


def author(name: str = "Min-ji") -> AuthorRef:
    return AuthorRef(name_uuid("author", name), name)


def new_store(tmp: Path, name: str = "p", title: str = "Test project", who: str = "Min-ji") -> Store:
    return Store.create(tmp / f"{name}.testimonia", title, author(who))


def span(text: str, needle: str) -> tuple[int, int]:
    i = text.index(needle)
    return i, i + len(needle)
