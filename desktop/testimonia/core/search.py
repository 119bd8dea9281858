"""Project-wide search: which documents hold a term, how often, and each hit in its context.

Terms of three characters or more go through the trigram index (document_fts, core/fts.py), which also finds a
Korean word with its particles attached (강제북송 in 강제북송을); the index only says which
documents match, so the hits themselves are found in each listed document's text, the same way
the reader's Find finds them (`find_hits`). The trigram index cannot look up one or two
characters (many Korean words are two syllables: 북송, 난민), so those terms are looked for in the
texts directly (`instr`), which reads every text: slower on a large project, and the result says so
(`SearchPage.indexed`). Results come a page of documents at a time.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass

from . import fts

MIN_INDEXED_CHARS = 3  # the trigram tokenizer's shortest term
PAGE_SIZE = 50  # documents per page
MAX_SHOWN_HITS = 50  # hits per document listed with their context; the count covers all of them
MAX_HITS = 100_000  # hits counted per document
CONTEXT_CHARS = 40  # before and after a hit, widened or trimmed to a word boundary
# Ranking scores every matching document (bm25): 120 ms for 10,000 matches here, against 1 ms for
# a page taken as the index lists them. So matches are counted up to this many, and ranked only
# when there are no more; beyond it the page comes in index order and the count says "more than".
RANK_LIMIT = 1000


@dataclass(frozen=True)
class SearchHit:
    start: int  # code points into the stored text, end exclusive
    end: int
    before: str  # context, on one line; "…" marks where it was cut
    match: str  # the hit as the text has it (its own case)
    after: str


@dataclass(frozen=True)
class SearchResult:
    uuid: str
    title: str
    kind: str
    count: int  # every hit in the text (up to MAX_HITS); 0 when only the title matches
    hits: list[SearchHit]  # the first MAX_SHOWN_HITS of them, in text order


@dataclass(frozen=True)
class SearchPage:
    query: str
    results: list[SearchResult]
    offset: int  # of the first result among all matching documents
    more: bool  # another page follows
    total: int | None  # matching documents, when the index can count them cheaply
    indexed: bool  # False: a term too short for the index, looked for in every text
    total_is_minimum: bool = False  # True: more than `total` match (counted up to RANK_LIMIT, unranked)


def normal_query(query: str) -> str:
    """What is searched for: the term as typed, NFC (as the stored texts), outer spaces dropped."""
    return unicodedata.normalize("NFC", query).strip()


def find_hits(text: str, query: str, limit: int = MAX_HITS) -> list[tuple[int, int]]:
    """Case-insensitive literal matches of `query` in `text`, as (start, end) code points."""
    if not query:
        return []
    out: list[tuple[int, int]] = []
    for m in re.finditer(re.escape(query), text, re.IGNORECASE):
        out.append((m.start(), m.end()))
        if len(out) >= limit:
            break
    return out


def context(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> SearchHit:
    """The hit whole, with about `width` characters either side cut at a space, on one line."""
    lo = max(0, start - width)
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if 0 <= space < start - width // 3 else lo
    hi = min(len(text), end + width)
    if hi < len(text):
        space = text.rfind(" ", end + width // 3, hi)
        hi = space if space > end else hi
    before = ("…" if lo > 0 else "") + _one_line(text[lo:start]).lstrip()
    after = _one_line(text[end:hi]).rstrip() + ("…" if hi < len(text) else "")
    return SearchHit(start, end, before, _one_line(text[start:end]), after)


def _one_line(s: str) -> str:
    return re.sub(r"\s+", " ", s)


def search(conn: sqlite3.Connection, query: str, offset: int = 0, limit: int = PAGE_SIZE) -> SearchPage:
    """One page of documents holding `query`, best first, each with its hits (caller's read snapshot)."""
    query = normal_query(query)
    if not query:
        return SearchPage(query, [], 0, False, 0, True)
    indexed = len(query) >= MIN_INDEXED_CHARS
    minimum = False
    if indexed:
        phrase = '"' + query.replace('"', '""') + '"'  # in the title or the text
        live = fts.LIVE
        found = conn.execute(f"SELECT count(*) FROM (SELECT 1 FROM document_fts WHERE document_fts MATCH ? AND {live} "
                             "LIMIT ?)", (phrase, RANK_LIMIT + 1)).fetchone()[0]
        order = "ORDER BY rank" if found <= RANK_LIMIT else ""
        # The index names its rows by key (core/fts.py); the key table gives each one's document.
        keys = conn.execute(
            f"SELECT rowid FROM document_fts WHERE document_fts MATCH ? AND {live} {order} LIMIT ? OFFSET ?",
            (phrase, limit + 1, offset)).fetchall()
        rows = [conn.execute("SELECT uuid FROM document_fts_key WHERE id = ?", k).fetchone() for k in keys]
        minimum = found > RANK_LIMIT
        total = (RANK_LIMIT if minimum else found) if offset == 0 else None
    else:
        # instr() on lower(): case-insensitive for the scripts that have case, Hangul as it is.
        rows = conn.execute(
            "SELECT uuid FROM document WHERE NOT removed AND instr(lower(text), lower(?)) "
            "ORDER BY title COLLATE NOCASE, uuid LIMIT ? OFFSET ?", (query, limit + 1, offset)).fetchall()
        total = None
    more = len(rows) > limit
    results = []
    for (uuid,) in rows[:limit]:
        uid, title, kind, text = conn.execute("SELECT uuid, title, kind, text FROM document WHERE uuid = ?",
                                              (uuid,)).fetchone()
        spans = find_hits(text, query)
        results.append(SearchResult(uid, title, kind, len(spans),
                                    [context(text, a, b) for a, b in spans[:MAX_SHOWN_HITS]]))
    return SearchPage(query, results, offset, more, total, indexed, minimum)
