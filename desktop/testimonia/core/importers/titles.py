"""A document's title: the one its file declares unless that is junk, else its first heading-like
line, else the file name.

Tools write placeholders when nobody set a title: ReportLab "(anonymous)" or "ReportLab Generated
PDF document", Word "Microsoft Word - report.docx", Google Docs "Untitled document", and very often
just the file's own name. Kept, they make every report in a project look alike.
"""

from __future__ import annotations

import re
from pathlib import Path

TITLE_MAX_CHARS = 120
# Text saved from web pages often opens with page furniture ("본문 바로가기", "Text Size", "![]() |").
# A headline has a few words and letters; the first such line wins, else the first non-empty one.
TITLE_MIN_WORDS = 3
TITLE_MIN_LETTERS = 12
TITLE_MIN_HANGUL = 6  # a Korean headline is often three short words: 탈북민 강제북송 중단하라
HEADING_MAX_CHARS = 160  # longer lines are paragraphs, not headings
HEADING_SEARCH_LINES = 40  # a heading comes early

_PLACEHOLDERS = re.compile(
    r"""^(?:
        \(?(?:anonymous|untitled|unspecified|unknown|none|null|no\ title|title|document|new\ document)\)?\d*
      | untitled[\s\-_]*(?:document|page|presentation|\d+)?
      | (?:microsoft\s+)?(?:word|excel|powerpoint)\s*-\s*.+
      | reportlab\s+generated\s+pdf\s+document
      | (?:pdf|word|html|web)\s+document
      | (?:slide|page)\s*\d+
      | powerpoint\s+presentation
      | (?:untitled|new)\s+\d+
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# A title that names a file ("report_final v2.docx", "C:\Users\kim\Desktop\draft.pdf").
_FILE_NAME = re.compile(r"(?:^|[\\/])[^\\/]*\.(?:docx?|pdf|rtf|odt|txt|html?|md|indd|qxd|pages|xlsx?|pptx?)$",
                        re.IGNORECASE)


def is_junk(title: str, path: Path | None = None) -> bool:
    """A title that says nothing about the document: a tool's placeholder, a file name, no letters."""
    t = " ".join(title.replace("\x00", " ").split())
    if not t or not any(ch.isalpha() for ch in t):
        return True
    if _PLACEHOLDERS.match(t) or _FILE_NAME.search(t):
        return True
    if path is not None:
        folded = t.casefold()
        return folded in (path.name.casefold(), path.stem.casefold())
    return False


def choose(found: str, text: str, kind: str, path: Path) -> str:
    """The declared title unless it is junk, else the first heading-like line, else the file name.

    In plain text and Word files the first line is usually the headline, so any first line will
    do; PDFs and web pages open with running heads and site names, so only a line near the top
    that reads like a headline is taken there.
    """
    title = " ".join(found.replace("\x00", " ").split())
    if is_junk(title, path):
        title = first_line(text) if kind in ("txt", "docx") else heading_line(text)
    return title[:TITLE_MAX_CHARS] if title and not is_junk(title, path) else path.stem


def heading_line(text: str) -> str:
    """The first line near the top that reads like a headline (a few words and letters, not a
    paragraph), else "" when none does."""
    seen = 0
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if not line:
            continue
        seen += 1
        if seen > HEADING_SEARCH_LINES:
            break
        if len(line) <= HEADING_MAX_CHARS and _reads_like_a_headline(line) and not is_junk(line):
            return line[:TITLE_MAX_CHARS]
    return ""


def first_line(text: str) -> str:
    """The first headline-like line, else the first non-empty one."""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    lines = [line for line in lines if line]
    for line in lines:
        if _reads_like_a_headline(line) and not is_junk(line):
            return line[:TITLE_MAX_CHARS]
    return lines[0][:TITLE_MAX_CHARS] if lines else ""


def _reads_like_a_headline(line: str) -> bool:
    letters = sum(ch.isalpha() for ch in line)
    hangul = sum("\uac00" <= ch <= "\ud7a3" for ch in line)
    return len(line.split()) >= TITLE_MIN_WORDS and (letters >= TITLE_MIN_LETTERS or hangul >= TITLE_MIN_HANGUL)
