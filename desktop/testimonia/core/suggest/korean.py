"""Korean sources: "북한정의연대 이소연 대표는", "이 대표에 따르면" (the 이소연 named before), "통일부는".

Hand-written rather than morphological analysis (kiwipiepy): the speaker phrase is a closed pattern
(name + title + topic particle, organisation + particle), and Kiwi costs seconds to load and about
0.1 ms a character to run (measured in docs/SUGGESTIONS.md), more than the whole budget.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from .entities import GENERIC, Speaker

SURNAMES = (
    "김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진나지엄채원천방공현함변염여추"
    "도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예봉경사부"
)
TITLES = (
    "대표", "의원", "대변인", "사무국장", "국장", "변호사", "목사", "이사", "활동가", "교수", "장관", "위원장", "원장",
    "소장", "회장", "처장", "차관", "실장", "연구원", "연구위원", "간사", "팀장", "센터장", "부장", "대사",
    "특별보고관",
    "선교사", "신부", "총장", "사무총장", "위원", "전 의원", "씨",
)
_TITLE = "|".join(sorted(TITLES, key=len, reverse=True))
_PERSON = re.compile(rf"(?<![가-힣])([{SURNAMES}][가-힣]{{1,2}})\s+((?:[^\s“”]{{2,12}}\s+){{0,2}}?)"
                     rf"({_TITLE})(?=[은는이가의을를도와과에,\s]|$)")
_NAME_START = re.compile(rf"(?<![가-힣])[{SURNAMES}]")
_SURNAME_TITLE = re.compile(rf"^([{SURNAMES}])\s+({_TITLE})$")
_ORG_END = re.compile(
    r"(?:부|처|청|국회|정부|기구|단체|연합|연대|모임|센터|협회|재단|위원회|대사관|총영사관|외교부|통일부|법원|"
    r"UNHCR\)|연합회|앰네스티|워치|지부|동무|네트워크|결의안|성명)$"
)
_DATE_WORDS = re.compile(r"\s*(?:\d{1,2}일|지난\s*\d{1,2}일|오늘|어제|또|이날|당시|한편|앞서|이어)\s*")


@dataclass(frozen=True, slots=True)
class KoPerson:
    start: int
    name: str
    title: str


def find_people(text: str) -> list[KoPerson]:
    out = []
    for start in _NAME_START.finditer(text):
        m = _PERSON.match(text, start.start())
        if m and not _ORG_END.search(m.group(1)):
            out.append(KoPerson(m.start(1), m.group(1), m.group(3)))
    return out


class KoEntities:
    def __init__(self, people: list[KoPerson]) -> None:
        self.people = people
        self._starts = [p.start for p in people]

    def by_surname(self, surname: str, title: str, offset: int) -> str | None:
        before = self.people[:bisect_left(self._starts, offset)]
        for person in reversed(before):
            if person.name.startswith(surname) and person.title == title:
                return person.name
        for person in reversed(before):
            if person.name.startswith(surname):
                return person.name
        return None


def strip_particle(np: str) -> str:
    np = np.strip()
    for particle in ("에 따르면", "께서는", "에서는", "은", "는", "이", "가", "도"):
        if np.endswith(particle) and len(np) > len(particle):
            return np[: -len(particle)].strip()
    return np


def classify(np: str, offset: int, entities: KoEntities) -> Speaker | None:
    """The speaker a Korean subject phrase names, GENERIC for unidentifiable ones, None for no subject."""
    np = _DATE_WORDS.sub(" ", " " + strip_particle(np) + " ").strip()
    if not np:
        return None
    words = np.split()
    if words[-1].endswith("들") or words[-1] == "소식통" or np in ("정부 관계자", "일부 단체", "한 관계자"):
        return GENERIC
    m = _SURNAME_TITLE.match(np)
    if m:
        name = entities.by_surname(m.group(1), m.group(2), offset)
        return Speaker(name) if name else GENERIC
    for start in _NAME_START.finditer(np):
        person = _PERSON.match(np + " ", start.start())
        if person is None or _ORG_END.search(person.group(1)):
            continue
        rest = (np[:person.start()] + " " + person.group(2) + person.group(3) + np[person.end():]).split()
        role = " ".join(rest) or None
        return Speaker(person.group(1), role)
    quoted = re.search(r"['‘]([^'’]+)['’]", np)
    if quoted:
        return Speaker(quoted.group(1))
    if words[-1] in ("관계자", "당국자"):
        return Speaker(np) if len(words) > 1 and words[0] != "정부" else GENERIC
    if _ORG_END.search(words[-1]) or np in ("정부", "국회", "외교부", "통일부"):
        return Speaker(words[-1] if len(words) > 2 else np)
    return None


def leading_subject(sentence: str) -> tuple[str, int] | None:
    """The sentence's topic phrase ("구병철 통일부 대변인은") and where the rest begins."""
    m = re.match(r"((?:[^\s“”\"]+\s+){0,4}?[^\s“”\"]+?(?:은|는))\s+", sentence)
    if not m or len(m.group(1)) > 40:
        return None
    return m.group(1), m.end()
