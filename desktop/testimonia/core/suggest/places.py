"""Where a figure happened, and what it counts, from the words of its sentence."""

from __future__ import annotations

import re

# The manual: "China" when the action is by Chinese authorities or from China; else the place given.
_CHINA = re.compile(
    r"\b(?:China|Chinese|Beijing|Jilin|Liaoning|Heilongjiang|Dandong|Yanji|Tumen|Shenyang|Hunchun|Changbai|"
    r"Baishan|Yunnan|Guangxi|Hangzhou|Shanghai|Qingdao|Harbin|Longjing|Helong)\b|"
    r"중국|지린|랴오닝|헤이룽장|단둥|옌지|투먼|선양|훈춘|창바이|바이산|윈난|광시|베이징|공안"
)
_OTHER = (
    (re.compile(r"\b(?:Laos|Laotian|Vientiane)\b|라오스"), "Laos"),
    (re.compile(r"\b(?:Vietnam|Hanoi)\b|베트남"), "Vietnam"),
    (re.compile(r"\bBangkok\b"), "Bangkok"),
    (re.compile(r"\bThailand\b|태국"), "Thailand"),
    (re.compile(r"\b(?:Russia|Vladivostok)\b|러시아"), "Russia"),
    (re.compile(r"\bMongolia\b|몽골"), "Mongolia"),
    (re.compile(r"\b(?:Onsong|Hoeryong|Sinuiju|Hyesan|Pyongyang)\b|온성|회령|신의주|혜산|평양"), "North Korea"),
    (re.compile(r"\b(?:South Korea|the South|Seoul|Incheon)\b|국내|한국에 입국|입국한"), "South Korea"),
    (re.compile(r"\bWashington\b"), "Washington"),
)


def place_in(sentence: str) -> str | None:
    if _CHINA.search(sentence):
        return "China"
    for pattern, name in _OTHER:
        if pattern.search(sentence):
            return name
    return None


REPATRIATED = "people forcibly repatriated"
DETAINED = "people detained"
APPREHENDED = "people apprehended"
REMAINING = "people remaining in China"

_UNIT_CUES = (
    (re.compile(r"repatriat|sent back|send(?:ing)? back|returned|returns?\b|deport|handed (?:over|to)|refoul|"
                r"북송|송환|돌려보내"), REPATRIATED),
    (re.compile(r"arrest|caught|captur|apprehend|rounded up|seized|detained by|체포|붙잡|검거|끌려"), APPREHENDED),
    (re.compile(r"detain|detention|held\b|custody|imprison|jail|cell\b|구금|수감|억류"), DETAINED),
    (re.compile(r"remain|in hiding|hiding|waiting|living in China|체류|남아|숨어"), REMAINING),
)


def unit_from(after: str, before: str) -> str | None:
    """The nearest cue after the figure (its predicate usually follows), else before it."""
    best: tuple[int, str] | None = None
    for pattern, unit in _UNIT_CUES:
        m = pattern.search(after)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), unit)
    if best:
        return best[1]
    for pattern, unit in _UNIT_CUES:
        if pattern.search(before):
            return unit
    return None
