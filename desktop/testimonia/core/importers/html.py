"""Web pages: the article's main text, without navigation, scripts, banners or comment sections."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import lxml.html
import trafilatura

from testimonia.core.importers import RawText
from testimonia.core.textnorm import decode_bytes, normalise

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)

# What browsers actually do with these labels (WHATWG Encoding Standard), so pages that declare
# Latin-1 but use curly quotes from Windows-1252, or EUC-KR with CP949-only syllables, still decode.
_LABEL_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "x-windows-949": "cp949",
}

# trafilatura's own MIN_EXTRACTED_SIZE: below it, its result comes from a last-resort body dump.
_TINY_PAGE_CHARS = 250
# Elements that are never the article body, dropped by the fallback when trafilatura finds nothing.
_NOT_BODY = ("script", "style", "noscript", "template", "nav", "footer", "header", "aside", "form")
# Pruned before trafilatura runs: on short pages it falls back to the whole body, menus included.
# A <header> inside the article often holds the standfirst, so only the site's own header goes.
_PRUNE = ["//nav", "//footer", "//aside", "//form", "//header[not(ancestor::article)]"]
_BLOCKS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section"}
    | {"article", "blockquote", "pre", "dd", "dt", "dl", "main", "figcaption"}
)


def extract_html(data: bytes, path: Path) -> RawText:
    page = normalise(decode_html(data, path))
    doc = trafilatura.bare_extraction(
        page, include_comments=False, include_tables=True, with_metadata=True, prune_xpath=_PRUNE
    )
    text = normalise(doc.text or "") if doc is not None else ""
    metadata: dict[str, str] = {}
    title = ""
    if doc is not None:
        title = doc.title or ""
        for key in ("author", "date", "url", "sitename", "description"):
            value = getattr(doc, key, None)
            if value:
                metadata[key] = str(value)
    if len(text) < _TINY_PAGE_CHARS:
        # On pages this short trafilatura finds no article and falls back to the body's text nodes
        # one per line, so "respect <b>non-refoulement</b>." comes out on three lines. Our fallback
        # keeps inline markup inline and still drops menus, headers and footers.
        fallback, fallback_title = _fallback_text(page)
        if fallback.strip():
            text = fallback
        title = title or fallback_title
    return RawText(text=text, title=title, metadata=metadata)


def decode_html(data: bytes, path: Path) -> str:
    """BOM first, then the page's own <meta charset>, then our usual order for text files."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_bytes(data, path)
    match = _META_CHARSET.search(data[:8192])
    if match:
        label = match.group(1).decode("ascii", "replace").lower()
        encoding = _LABEL_ALIASES.get(label, label)
        try:
            codecs.lookup(encoding)
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; guess as for plain text instead
    return decode_bytes(data, path)


def _fallback_text(page: str) -> tuple[str, str]:
    parser = lxml.html.HTMLParser(encoding="utf-8")
    root = lxml.html.document_fromstring(page.encode("utf-8"), parser=parser)
    title_el = root.find(".//title")
    title = title_el.text_content() if title_el is not None else ""
    body = root.find("body")
    if body is None:
        return "", title
    for element in list(body.iter(*_NOT_BODY)):
        element.drop_tree()
    parts: list[str] = []
    _collect(body, parts)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line), title


def _collect(element: lxml.html.HtmlElement, parts: list[str]) -> None:
    if not isinstance(element.tag, str):
        # comments and processing instructions carry no visible text, only their tail does
        parts.append(element.tail or "")
        return
    block = element.tag in _BLOCKS
    if block:
        parts.append("\n")
    parts.append(element.text or "")
    for child in element:
        _collect(child, parts)
    if block:
        parts.append("\n")
    parts.append(element.tail or "")
