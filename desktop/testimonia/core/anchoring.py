"""Re-anchoring annotations onto a text that may differ from the one they were made on.

An annotation keeps start/end (code points, end exclusive) plus the quoted ``exact`` text and up to
CONTEXT code points of ``prefix`` and ``suffix`` (the W3C TextQuoteSelector idea). When a document
is re-imported, or another extractor produced a slightly different text, the offsets alone are not
trustworthy; the quote and its context let us find the span again, or say honestly that we cannot.

Strategy, cheapest first, so that the overwhelmingly common case (nothing changed) costs one slice:

1. ``exact``: the old span still holds the quote.
2. ``moved``: the quote occurs verbatim elsewhere; pick the occurrence whose surroundings agree best
   with prefix/suffix, ties going to the one nearest the old start.
3. ``fuzzy``: extractors differ mostly in whitespace and line breaks, so search a copy of the text
   with whitespace removed (mapped back to real offsets); else bracket the span between prefix and
   suffix; else align pieces of the quote near the old position. Accepted when the similarity of
   the non-whitespace content reaches ``min_fuzzy``.
   Also tried when the best verbatim copy's context only partly agrees: a phrase repeated by
   several speakers stays verbatim elsewhere while our occurrence was re-wrapped or edited, and a
   fuzzy copy whose context agrees (>= 90%, and better than the verbatim one's) then wins.
4. ``orphaned``: kept by the caller and flagged, never dropped.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

__all__ = ["CONTEXT", "Anchor", "quote_context", "reanchor"]

CONTEXT = 32  # code points of prefix/suffix kept with each annotation

EXACT = "exact"
MOVED = "moved"
FUZZY = "fuzzy"
ORPHANED = "orphaned"

# A one-letter quote can occur tens of thousands of times; past this many candidates the context
# comparison stops being informative and only costs time.
_MAX_CANDIDATES = 256
# First search window on each side of the old position; most moves (a paragraph inserted earlier)
# are local, so starting small and widening keeps the common case far from a full-text scan.
_FIRST_WINDOW = 512
# Fuzzy alignment compares the quote against the text with difflib, which is quadratic in the worst
# case; these bounds keep one call to a few milliseconds whatever the document looks like.
_FUZZY_MAX_QUOTE = 4000
_FUZZY_MAX_RADIUS = 8000
_SEQUENCE_MATCHER_MAX = 2000
# A verbatim match without full context agreement is checked against the fuzzy candidates,
# provided there is enough context (in non-whitespace characters) to judge by.
_MIN_CONTEXT = 8
# A whitespace-only match whose context agrees at least this much needs no edited-copy search.
_WEAK_CONTEXT = 0.5
# Context agreement that makes an edited copy trustworthy enough to beat a verbatim one.
_GOOD_CONTEXT = 0.9
# Fuzzy scores stay below 1.0 so that 1.0 always means the old offsets were still right.
_FUZZY_SCORE_CAP = 0.999

# Characters extractors add, drop or swap freely: whitespace of every kind, soft hyphens and
# zero-width spaces (common in PDF text layers), and BOMs. Not ZWJ/ZWNJ, which carry meaning in
# emoji sequences and in Indic/Persian script.
_IGNORABLE = "\u00ad\u200b\u2060\ufeff"
_CONTENT_RUN = re.compile(rf"[^\s{_IGNORABLE}]+")
_IGNORABLE_RUN = re.compile(rf"[\s{_IGNORABLE}]+")


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    status: str  # "exact" | "moved" | "fuzzy" | "orphaned"
    score: float  # 1.0 for exact; 0..1 otherwise


def quote_context(text: str, start: int, end: int, width: int = CONTEXT) -> tuple[str, str, str]:
    """Return (exact, prefix, suffix) for text[start:end], offsets in code points."""
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span {start}..{end} outside text of length {len(text)}")
    if width < 0:
        raise ValueError(f"context width must not be negative, got {width}")
    return text[start:end], text[max(0, start - width) : start], text[end : end + width]


def reanchor(
    text: str,
    start: int,
    end: int,
    exact: str,
    prefix: str = "",
    suffix: str = "",
    *,
    min_fuzzy: float = 0.8,
) -> Anchor:
    n = len(text)
    if exact and 0 <= start <= end <= n and text[start:end] == exact:
        return Anchor(start, end, EXACT, 1.0)
    # Stored offsets may come from an untrusted file; clamp rather than raise so one bad row
    # cannot stop a whole document from being re-anchored.
    origin = min(max(start, 0), n)
    if exact:
        moved = _find_verbatim(text, exact, prefix, suffix, origin)
        if moved is not None and (moved.score >= 1.0 or len(_strip(prefix)) + len(_strip(suffix)) < _MIN_CONTEXT):
            return moved
        fuzzy = _find_fuzzy(text, exact, prefix, suffix, origin, min_fuzzy)
        if moved is None:
            if fuzzy is not None:
                return fuzzy
        else:
            # The quote survives verbatim only in surroundings that partly disagree with ours:
            # typically the same words said by another speaker, while our passage was re-wrapped
            # or edited. A copy in clearly better-matching surroundings is the better anchor.
            # A copy that contains the verbatim occurrence is that occurrence plus text inserted right
            # beside it (which is what broke the verbatim one's context): the quote itself wins.
            if fuzzy is not None and fuzzy.start <= moved.start and moved.end <= fuzzy.end:
                return moved
            agreement = _context_fraction(text, fuzzy.start, fuzzy.end, prefix, suffix) if fuzzy else 0.0
            if fuzzy is not None and agreement >= _GOOD_CONTEXT and agreement > moved.score:
                return fuzzy
            return moved
    return Anchor(origin, min(max(end, origin), n), ORPHANED, 0.0)


# --- verbatim search -------------------------------------------------------------------------


def _strip(s: str) -> str:
    return _IGNORABLE_RUN.sub("", s)


def _common_prefix_len(a: str, b: str) -> int:
    k = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        k += 1
    return k


def _common_suffix_len(a: str, b: str) -> int:
    k = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        k += 1
    return k


def _best_occurrence(
    hay: str, needle: str, origin: int, context_score: Callable[[int], int], max_context: int
) -> tuple[int, int] | None:
    """Best (position, context score) of needle in hay; ties go to the position nearest origin.

    Widens a window around origin; stops as soon as no occurrence outside the window could beat
    the best one inside it (full context and no farther than the window edge).
    """
    n, length = len(hay), len(needle)
    seen: dict[int, int] = {}
    radius = max(_FIRST_WINDOW, 4 * length)
    while True:
        lo, hi = max(0, origin - radius), min(n, origin + length + radius)
        pos = hay.find(needle, lo, hi)
        while pos != -1 and len(seen) < _MAX_CANDIDATES:
            if pos not in seen:
                seen[pos] = context_score(pos)
            pos = hay.find(needle, pos + 1, hi)
        best = max(seen.items(), key=lambda kv: (kv[1], -abs(kv[0] - origin), -kv[0]), default=None)
        if best is not None and best[1] >= max_context and abs(best[0] - origin) <= radius:
            return best
        if len(seen) >= _MAX_CANDIDATES or (lo == 0 and hi == n):
            return best
        radius *= 4


def _context_agreement(text: str, start: int, end: int, prefix_s: str, suffix_s: str) -> int:
    """Characters of (stripped) prefix and suffix that agree with the text around start..end."""
    # Context is compared without whitespace so that a re-wrapped line next to the quote does not
    # make the right occurrence lose to a wrong one. The reach leaves room for the raw text around
    # a candidate holding more whitespace than the prefix did.
    score = 0
    if prefix_s:
        before = text[max(0, start - 2 * len(prefix_s) - 16) : start]
        score += _common_suffix_len(prefix_s, _strip(before))
    if suffix_s:
        score += _common_prefix_len(suffix_s, _strip(text[end : end + 2 * len(suffix_s) + 16]))
    return score


def _context_fraction(text: str, start: int, end: int, prefix: str, suffix: str) -> float:
    prefix_s, suffix_s = _strip(prefix), _strip(suffix)
    total = len(prefix_s) + len(suffix_s)
    return _context_agreement(text, start, end, prefix_s, suffix_s) / total if total else 1.0


def _find_verbatim(text: str, exact: str, prefix: str, suffix: str, origin: int) -> Anchor | None:
    prefix_s, suffix_s = _strip(prefix), _strip(suffix)
    length = len(exact)

    def context_score(pos: int) -> int:
        return _context_agreement(text, pos, pos + length, prefix_s, suffix_s)

    max_context = len(prefix_s) + len(suffix_s)
    found = _best_occurrence(text, exact, origin, context_score, max_context)
    if found is None:
        return None
    pos, ctx = found
    return Anchor(pos, pos + length, MOVED, ctx / max_context if max_context else 1.0)


# --- fuzzy search ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Stripped:
    """The text without ignorable characters, and where each remaining character came from."""

    content: str
    origin: array  # content[i] is text[origin[i]]

    def to_content(self, pos: int) -> int:
        return bisect_left(self.origin, pos)

    def span(self, i: int, j: int) -> tuple[int, int]:
        # Mapping first and last content characters (not the gaps) is what keeps a fuzzy span from
        # starting or ending on whitespace.
        return self.origin[i], self.origin[j - 1] + 1


@lru_cache(maxsize=4)
def _stripped(text: str) -> _Stripped:
    # Cached because re-anchoring a document calls this once per annotation with the same text;
    # str caches its hash, so the lookup is cheap after the first call.
    parts: list[str] = []
    origin = array("q")
    for m in _CONTENT_RUN.finditer(text):
        parts.append(m.group())
        origin.extend(range(m.start(), m.end()))
    return _Stripped("".join(parts), origin)


def _similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    if max(len(a), len(b)) > _SEQUENCE_MATCHER_MAX:
        # Past this size difflib gets slow; the character-multiset bound is a fair stand-in for
        # spans that alignment already found to line up piece by piece.
        return SequenceMatcher(None, a, b, autojunk=False).quick_ratio()
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _find_fuzzy(text: str, exact: str, prefix: str, suffix: str, origin: int, min_fuzzy: float) -> Anchor | None:
    exact_s = _strip(exact)
    if not exact_s or len(exact_s) > _FUZZY_MAX_QUOTE:
        return None
    st = _stripped(text)
    hay = st.content
    if not hay:
        return None
    prefix_s, suffix_s = _strip(prefix), _strip(suffix)
    origin_s = st.to_content(origin)

    # Whitespace-insensitive verbatim match: the usual difference between two extractions.
    def context_score(pos: int) -> int:
        score = _common_suffix_len(prefix_s, hay[max(0, pos - len(prefix_s)) : pos]) if prefix_s else 0
        if suffix_s:
            after = pos + len(exact_s)
            score += _common_prefix_len(suffix_s, hay[after : after + len(suffix_s)])
        return score

    context_total = len(prefix_s) + len(suffix_s)
    whitespace_match: Anchor | None = None
    found = _best_occurrence(hay, exact_s, origin_s, context_score, context_total)
    if found is not None:
        i = found[0]
        s, e = st.span(i, i + len(exact_s))
        # Non-whitespace content is identical; only the whitespace differs, which counts a little.
        score = min(_FUZZY_SCORE_CAP, _whitespace_similarity(exact, text[s:e]))
        if score >= min_fuzzy:
            whitespace_match = Anchor(s, e, FUZZY, score)
            if context_total < _MIN_CONTEXT or found[1] >= _WEAK_CONTEXT * context_total:
                return whitespace_match

    # An edited copy. Candidates whose surroundings match ours come first: a closer text in the
    # wrong place (the same words said by someone else) is not what the researcher marked.
    best: tuple[bool, float, int, int] | None = None
    for candidate in (
        _bracket(hay, exact_s, prefix_s, suffix_s, origin_s),
        _align_near(hay, exact_s, prefix_s, suffix_s, origin_s),
    ):
        if candidate is None:
            continue
        similarity = _similarity(exact_s, hay[candidate[0] : candidate[1]])
        if similarity < min_fuzzy:
            continue
        s, e = st.span(*candidate)
        s, e = _snap_to_words(text, s, e, exact, prefix, suffix)
        key = (_context_fraction(text, s, e, prefix, suffix) >= _GOOD_CONTEXT, similarity, s, e)
        if best is None or key[:2] > best[:2]:
            best = key
    edited = None if best is None else Anchor(best[2], best[3], FUZZY, min(_FUZZY_SCORE_CAP, best[1]))
    if whitespace_match is None:
        return edited
    return edited if edited is not None and best is not None and best[0] else whitespace_match


def _snap_to_words(text: str, s: int, e: int, exact: str, prefix: str, suffix: str) -> tuple[int, int]:
    # Alignment can leave a changed first or last word half inside the span; a researcher reading
    # "ficials said" would rightly distrust it. Only snap where the original span did not itself
    # start or end inside a word.
    if not (exact[:1].isalnum() and prefix[-1:].isalnum()):
        limit = max(0, s - CONTEXT)
        while s > limit and text[s - 1].isalnum() and text[s].isalnum():
            s -= 1
    if not (exact[-1:].isalnum() and suffix[:1].isalnum()):
        limit = min(len(text), e + CONTEXT)
        while e < limit and text[e - 1].isalnum() and text[e].isalnum():
            e += 1
    return s, e


def _whitespace_similarity(a: str, b: str) -> float:
    # Same non-whitespace content by construction, so the ratio only has to account for the
    # whitespace characters that do not pair up.
    wa = len(a) - len(_strip(a))
    wb = len(b) - len(_strip(b))
    common = len(a) - wa + min(wa, wb)
    return 2 * common / (len(a) + len(b))


def _window(origin: int, length: int, n: int) -> tuple[int, int]:
    radius = min(max(4 * length, _FIRST_WINDOW), _FUZZY_MAX_RADIUS)
    return max(0, origin - radius), min(n, origin + length + radius)


def _bracket(hay: str, exact: str, prefix: str, suffix: str, origin: int) -> tuple[int, int] | None:
    """The gap between the nearest-origin pair of prefix end and suffix start of plausible size."""
    # The context nearest the span is the best evidence; far context may belong to an edit.
    head, tail = prefix[-16:], suffix[:16]
    if len(head) < 6 or len(tail) < 6:
        return None  # too short to tell the right place from chance
    length = len(exact)
    min_gap, max_gap = length // 2, 2 * length + 8
    lo, hi = _window(origin, length, len(hay))
    best: tuple[int, int, int] | None = None  # (key, start, end)
    pos = hay.find(head, lo, hi)
    tries = 0
    while pos != -1 and tries < _MAX_CANDIDATES:
        tries += 1
        gap_start = pos + len(head)
        after = hay.find(tail, gap_start + min_gap, min(len(hay), gap_start + max_gap + len(tail)))
        if after != -1 and after > gap_start:
            # Prefer a gap close to the quote's length, then one close to the old position.
            key = abs((after - gap_start) - length) * len(hay) + abs(gap_start - origin)
            if best is None or key < best[0]:
                best = (key, gap_start, after)
        pos = hay.find(head, pos + 1, hi)
    return None if best is None else (best[1], best[2])


def _align_near(hay: str, exact: str, prefix: str, suffix: str, origin: int) -> tuple[int, int] | None:
    """Locate an edited copy of exact near origin by voting with pieces of it.

    Pieces (q-grams) of the quote found in the window each vote for where the quote starts; the
    largest group of agreeing votes gives the span, from its earliest piece to its latest.
    """
    length = len(exact)
    q = max(3, min(12, length // 4))
    if length < q:
        return None
    lo, hi = _window(origin, length, len(hay))
    seeds = range(0, length - q + 1, max(1, (length - q) // 31 + 1) if length > q else 1)
    hits: list[tuple[int, int]] = []  # (implied start, seed offset in quote)
    for off in seeds:
        gram = exact[off : off + q]
        pos = hay.find(gram, lo, hi)
        found = 0
        while pos != -1 and found < 64:
            hits.append((pos - off, off))
            found += 1
            pos = hay.find(gram, pos + 1, hi)
    if not hits:
        return None
    hits.sort()
    # An insertion or deletion inside the quote shifts the pieces after it, so votes only need to
    # agree within a slack; counting distinct pieces stops one repeated word from outvoting the rest.
    slack = max(4, length // 4)
    counts: dict[int, int] = {}
    best: tuple[int, int, int, int] | None = None  # (votes, -distance, first, last) into hits
    first = 0
    for last, (implied, off) in enumerate(hits):
        counts[off] = counts.get(off, 0) + 1
        while implied - hits[first][0] > slack:
            old = hits[first][1]
            counts[old] -= 1
            if not counts[old]:
                del counts[old]
            first += 1
        key = (len(counts), -abs(hits[first][0] - origin), first, last)
        if best is None or key[:2] > best[:2]:
            best = key
    assert best is not None
    if best[0] < min(2, len(seeds)):
        return None  # a single matching piece is chance, not evidence
    group = hits[best[2] : best[3] + 1]
    lead = min(group, key=lambda h: h[1])
    trail = max(group, key=lambda h: h[1])
    i = max(0, lead[0])
    j = min(len(hay), trail[0] + length)
    if j <= i:
        return None
    return _refine(hay, exact, i, j, prefix, suffix)


def _refine(hay: str, exact: str, i: int, j: int, prefix: str, suffix: str) -> tuple[int, int]:
    """Tighten a rough span to the run of matching blocks around its longest match with exact.

    Voting only knows one offset per group, so a word inserted inside the quote cuts the span
    short; a local alignment, bounded to about twice the quote, recovers the whole edited span.
    """
    length = len(exact)
    if length > _SEQUENCE_MATCHER_MAX:
        return i, j
    # All in content space: prefix/suffix arrive stripped like hay.
    pad = length // 2 + 8
    lo, hi = max(0, i - pad), min(len(hay), j + pad)
    blocks = [
        b
        for b in SequenceMatcher(None, hay[lo:hi], exact, autojunk=False).get_matching_blocks()
        if b.size >= min(3, length)
    ]
    if not blocks:
        return i, j
    slack = max(8, length // 3)
    k = max(range(len(blocks)), key=lambda x: blocks[x].size)
    first = last = k
    # Follow the chain outwards while the text between two blocks is not much longer than the
    # quote between them: an inserted phrase is fine, a stray "the" a paragraph away is not.
    while first > 0:
        p, c = blocks[first - 1], blocks[first]
        if c.a - (p.a + p.size) > c.b - (p.b + p.size) + slack:
            break
        first -= 1
    while last < len(blocks) - 1:
        p, c = blocks[last], blocks[last + 1]
        if c.a - (p.a + p.size) > c.b - (p.b + p.size) + slack:
            break
        last += 1
    i, j = lo + blocks[first].a, lo + blocks[last].a + blocks[last].size
    # Quote text before the first block (after the last) was replaced or deleted. Where the context
    # is known, the span reaches to where the context resumes; otherwise similarity decides.
    head, tail = blocks[first].b, length - (blocks[last].b + blocks[last].size)
    if head:
        mark = prefix[-8:]
        k = hay.rfind(mark, max(0, i - 2 * head - 8 - len(mark)), i) if mark else -1
        if k != -1 and k + len(mark) <= i:
            i = k + len(mark)
        elif mark or _similarity(exact, hay[i - head : j]) > _similarity(exact, hay[i:j]):
            i = max(0, i - head)
    if tail:
        mark = suffix[:8]
        k = hay.find(mark, j, min(len(hay), j + 2 * tail + 8 + len(mark))) if mark else -1
        if k != -1:
            j = k
        elif mark or _similarity(exact, hay[i : j + tail]) > _similarity(exact, hay[i:j]):
            j = min(len(hay), j + tail)
    return i, j
