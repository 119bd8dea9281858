"""Paragraphs and sentences of a stored text, with web boilerplate, headlines and captions left out.

The coding manual skips navigation text, copyright lines, "Edited by", comment forms, photo captions
and decks; headlines have no sentence-final mark. A line is a paragraph (importers write one line per
paragraph), and only body paragraphs are searched.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

OPEN_QUOTES = "“‘"
CLOSE_QUOTES = "”’"
QUOTE_CHARS = "“”\"‘’'"

_BOILERPLATE = re.compile(
    r"©|ⓒ|\bCopyright\b|All rights reserved|무단\s?전재|무단전재|재배포|Photo:|Photograph:|사진\s?=|\(Supplied\)|"
    r"Edited by|Share this|Sign up|Subscribe|[Cc]ookie|Privacy|Log in|Comments|Read more|Related stor|관련\s?기사|"
    r"Tags:|Follow us|Advertisement|Listen to this article|\s\|\s|^By [A-Z]|^Posted:|^Published|^입력 \d|송고",
)
_SENTENCE_END = re.compile(r"[.!?](?:[”’\"')]*)(?=\s+\S)")
_OPEN = re.compile("“")
_CLOSE = re.compile("”")
_STRAIGHT = re.compile('"')
_LAST_WORD = re.compile(r"([\w.]+)\.$")
_NEXT = re.compile(r"\s*(\S)")
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "rep", "sen", "gen", "st", "no", "vol", "jr", "sr", "u.s", "u.n", "e.g", "i.e",
    "etc", "vs", "inc", "ltd", "co", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "art",
})


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int  # exclusive; no trailing whitespace
    paragraph: int  # index into Layout.paragraphs


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int
    end: int


def is_body(line: str) -> bool:
    """Prose a coder reads: long enough, ends like a sentence, and not site furniture."""
    s = line.strip()
    hangul = sum(1 for c in s[:40] if is_hangul(c))
    short = 10 if s[:1] in OPEN_QUOTES + '"' else (15 if hangul > 8 else 30)
    if len(s) < short or _BOILERPLATE.search(s):
        return False
    last = s.rstrip("”’\"')")
    return bool(last) and (last[-1] in ".!?:" or (s[-1] in "”’\"" and len(s) > 60 and " " in s))


class Layout:
    """Body paragraphs and their sentences, in text order, with lookups by offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.paragraphs: list[Paragraph] = []
        self.sentences: list[Sentence] = []
        pos = 0
        n = len(text)
        while pos < n:
            nl = text.find("\n", pos)
            end = n if nl < 0 else nl
            line = text[pos:end]
            if is_body(line):
                lead = len(line) - len(line.lstrip())
                start, stop = pos + lead, pos + len(line.rstrip())
                self.paragraphs.append(Paragraph(start, stop))
                self._split(start, stop, len(self.paragraphs) - 1)
            pos = end + 1
        self._starts = [s.start for s in self.sentences]

    def _split(self, start: int, end: int, index: int) -> None:
        """Every step looks at a few characters or bisects mark positions: a 300-page PDF paragraph
        with no line break, or a quotation that never closes, stays linear."""
        para = self.text[start:end]
        opens = [m.start() for m in _OPEN.finditer(para)]
        closes = [m.start() for m in _CLOSE.finditer(para)]
        straight = [m.start() for m in _STRAIGHT.finditer(para)]
        cut = 0
        for m in _SENTENCE_END.finditer(para):
            stop = m.end()
            if _inside_quote(opens, closes, straight, cut, stop):
                continue  # a full stop inside a quotation does not end the sentence around it
            if m.group(0)[0] == ".":
                word = _LAST_WORD.search(para, max(cut, m.start() - 24), m.start() + 1)
                if word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
                    continue
            nxt_m = _NEXT.match(para, stop)
            nxt = nxt_m.group(1) if nxt_m else ""
            if not (nxt.isupper() or nxt.isdigit() or nxt in OPEN_QUOTES + "\"(" or "\uac00" <= nxt <= "\ud7a3"):
                continue
            self.sentences.append(Sentence(start + cut, start + stop, index))
            cut = nxt_m.start(1) if nxt_m else stop
        if cut < len(para):
            self.sentences.append(Sentence(start + cut, end, index))

    def sentence_at(self, offset: int) -> Sentence | None:
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return self.sentences[i]
        return None


def _count(positions: list[int], start: int, stop: int) -> int:
    return bisect_left(positions, stop) - bisect_left(positions, start)


def _inside_quote(opens: list[int], closes: list[int], straight: list[int], start: int, stop: int) -> bool:
    """True when a quotation opened in [start, stop) is still open at stop and closes later."""
    if _count(opens, start, stop) > _count(closes, start, stop) and bisect_left(closes, stop) < len(closes):
        return True
    return _count(straight, start, stop) % 2 == 1 and bisect_left(straight, stop) < len(straight)


def trim(text: str, start: int, end: int, chars: str = " \t\n,;") -> tuple[int, int]:
    """Shrink [start, end) past the given characters at both edges."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def strip_final_stop(text: str, start: int, end: int) -> tuple[int, int]:
    """A reported clause ends at its last word: no full stop, comma or space (a quote's own marks stay)."""
    start, end = trim(text, start, end)
    while end > start and text[end - 1] in ".,;:!?":
        end -= 1
    return trim(text, start, end)


def is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"
