"""The article's date, and the date a sentence ties a figure to, as ISO dates or months."""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"), 1)}
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
_WEEKDAYS = {d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}

_PUBLISHED = (
    re.compile(rf"\b(\d{{1,2}})\s+{_MONTH}\s+(\d{{4}})\b"),
    re.compile(rf"\b{_MONTH}\s+(\d{{1,2}}),\s+(\d{{4}})\b"),
    re.compile(r"\b(\d{4})[.\-/](\d{1,2})[.\-/](\d{1,2})\b"),
    re.compile(r"(\d{4})년\s*(\d{1,2})월\s*(\d{1,2})일"),
)


def publication_date(text: str) -> date | None:
    """The first full date in the article's head: its dateline or publication line."""
    head = text[:1500]
    best: tuple[int, date] | None = None
    for i, pattern in enumerate(_PUBLISHED):
        m = pattern.search(head)
        if not m:
            continue
        try:
            if i == 0:
                d = date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
            elif i == 1:
                d = date(int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2)))
            else:
                d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            continue
        if best is None or m.start() < best[0]:
            best = (m.start(), d)
    return best[1] if best else None


def _month_before(pub: date, month: int) -> int:
    """The year of the latest `month` not after the article's month."""
    return pub.year if month <= pub.month else pub.year - 1


_EN_DATE = re.compile(
    rf"\b(?:{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?(\s+last\s+year)?"
    rf"|(\d{{1,2}})\s+{_MONTH}(?:\s+(\d{{4}}))?"
    rf"|(last\s+|this\s+)?{_MONTH}(?:\s+(\d{{4}}))?(\s+last\s+year)?"
    r"|(?:in|since|by|during|from|until|of)\s+((?:19|20)\d{2})\b"
    r"|(last|this)\s+(year|month|week|autumn|spring|summer|winter)"
    r"|(?:(last|on)\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|(a|one)\s+year\s+ago|(currently|now|at\s+present)|(at\s+the\s+start\s+of\s+the\s+year)"
    r"|(in\s+the\s+spring|in\s+the\s+autumn))",
)
_KO_DATE = re.compile(
    r"(\d{4})년\s*(\d{1,2})월(?:\s*(\d{1,2})일)?|(지난해|작년|올해|금년)\s*(?:(\d{1,2})월(?:\s*(말|초))?)?"
    r"|지난\s*(\d{1,2})월|지난\s*(\d{1,2})일|(\d{1,2})월\s*(\d{1,2})일|(\d{1,2})월\s*(말|초)|(지난달|지난주|이번 주|"
    r"현재)"
    r"|(?<![\d,])(\d{1,2})일",
)


def _iso(y: int, m: int | None = None, d: int | None = None) -> str | None:
    try:
        if d is not None and m is not None:
            return date(y, m, d).isoformat()
    except ValueError:
        return None
    return f"{y:04d}-{m:02d}" if m else f"{y:04d}"


def _en(m: re.Match[str], pub: date) -> str | None:
    g = m.groups()
    if g[0]:
        month, day = MONTHS[g[0].lower()], int(g[1])
        year = int(g[2]) if g[2] else (pub.year - 1 if g[3] else _month_before(pub, month))
        return _iso(year, month, day)
    if g[4]:
        month, day = MONTHS[g[5].lower()], int(g[4])
        return _iso(int(g[6]) if g[6] else _month_before(pub, month), month, day)
    if g[8]:
        month = MONTHS[g[8].lower()]
        if g[9]:
            return _iso(int(g[9]), month)
        if g[10]:
            return _iso(pub.year - 1, month)
        return _iso(_month_before(pub, month), month)
    if g[11]:
        return g[11]
    if g[12]:
        which, unit = g[12].lower(), g[13].lower()
        if unit == "year":
            return _iso(pub.year - (which == "last"))
        if unit == "month":
            d = (pub.replace(day=1) - timedelta(days=1)) if which == "last" else pub
            return _iso(d.year, d.month)
        if unit == "week":
            d = pub - timedelta(days=7) if which == "last" else pub
            return _iso(d.year, d.month)
        return _iso(pub.year - (which == "last"))
    if g[15]:
        back = (pub.weekday() - _WEEKDAYS[g[15].lower()]) % 7
        if g[14] and g[14].lower() == "last" and back == 0:
            back = 7
        return (pub - timedelta(days=back)).isoformat()
    if g[16]:
        return _iso(pub.year - 1, pub.month)
    if g[17]:
        return _iso(pub.year, pub.month)
    if g[18]:
        return _iso(pub.year, 1)
    if g[19]:
        return _iso(pub.year if pub.month > 5 else pub.year - 1)
    return None


def _ko(m: re.Match[str], pub: date) -> str | None:
    g = m.groups()
    if g[0]:
        return _iso(int(g[0]), int(g[1]), int(g[2]) if g[2] else None)
    if g[3]:
        year = pub.year - (g[3] in ("지난해", "작년"))
        return _iso(year, int(g[4])) if g[4] else _iso(year)
    if g[6]:
        month = int(g[6])
        return _iso(pub.year if month < pub.month else pub.year - 1, month)
    if g[7]:
        day = int(g[7])
        d = pub.replace(day=1) - timedelta(days=1) if day > pub.day else pub
        return _iso(d.year, d.month, day)
    if g[8]:
        month = int(g[8])
        return _iso(_month_before(pub, month), month, int(g[9]))
    if g[10]:
        month = int(g[10])
        return _iso(_month_before(pub, month), month)
    if g[12]:
        word = g[12]
        if word == "지난달":
            d = pub.replace(day=1) - timedelta(days=1)
        elif word == "지난주":
            d = pub - timedelta(days=7)
        else:
            d = pub
        return _iso(d.year, d.month)
    if g[13]:
        day = int(g[13])
        if day > 31:
            return None
        d = pub.replace(day=1) - timedelta(days=1) if day > pub.day else pub
        return _iso(d.year, d.month, day)
    return None


def dates_in(sentence: str, pub: date | None, korean: bool) -> list[tuple[int, int, str]]:
    """Every date expression of `sentence` resolved against the article's date: (start, end, ISO)."""
    if pub is None:
        return []
    out = []
    for m in (_KO_DATE if korean else _EN_DATE).finditer(sentence):
        try:
            value = _ko(m, pub) if korean else _en(m, pub)
        except (ValueError, KeyError):
            value = None
        if value is not None:
            out.append((m.start(), m.end(), value))
    return out


def nearest(found: list[tuple[int, int, str]], at: int) -> str | None:
    best: tuple[int, str] | None = None
    for start, end, value in found:
        distance = start - at if start >= at else at - end
        if best is None or distance < best[0]:
            best = (distance, value)
    return best[1] if best else None


def date_near(sentence: str, at: int, pub: date | None, korean: bool) -> str | None:
    """The date expression of `sentence` closest to offset `at` (the figure), resolved against `pub`."""
    return nearest(dates_in(sentence, pub, korean), at)
