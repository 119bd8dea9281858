"""A document's source as its imported file tells it (HTML meta and Open Graph tags through the
HTML importer, the PDF information dictionary, docx core properties), before anyone edits it.

Only what the file really says: placeholder values that editors and converters write ("(anonymous)",
"Administrator", "Microsoft Word - draft.docx") are dropped, never shown as an author or outlet.
"""

from __future__ import annotations

import json
import re

from .views import SourceInfo
from .vocab import MAX_FIELD, is_iso_date

_JUNK = re.compile(
    r"^\(?(untitled.*|anonymous|unspecified|unknown|none|null|n/a|title|document\d*|admin|administrator|user|"
    r"owner|author|editor|microsoft word - .*|microsoft office user|windows user|staff|default|-+|\W*)\)?$",
    re.IGNORECASE,
)
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_LATIN_WORD = re.compile(r"\b(the|and|of|to|in|is|was|said)\b", re.IGNORECASE)


def useful(value: object) -> str:
    """The value as one trimmed line, or "" when it is missing or a placeholder."""
    if not isinstance(value, str):
        return ""
    text = " ".join(value.split())[:MAX_FIELD]
    return "" if not text or _JUNK.match(text) else text


def guess_language(sample: str) -> str:
    """"ko" for mostly Hangul text, "en" for text full of English function words, else ""."""
    letters = sum(ch.isalpha() for ch in sample)
    if not letters:
        return ""
    if len(_HANGUL.findall(sample)) / letters > 0.3:
        return "ko"
    words = max(1, len(sample.split()))
    return "en" if len(_LATIN_WORD.findall(sample)) / words > 0.08 else ""


def prefilled(document_uuid: str, metadata_json: str, text_sample: str) -> SourceInfo:
    try:
        meta = json.loads(metadata_json or "{}")
    except ValueError:
        meta = {}
    if not isinstance(meta, dict):
        meta = {}
    date = useful(meta.get("date"))[:10]
    url = useful(meta.get("url"))
    return SourceInfo(
        document_uuid=document_uuid,
        outlet=useful(meta.get("sitename")),
        byline=useful(meta.get("author")),
        published=date if is_iso_date(date) else "",
        url=url if url.lower().startswith(("http://", "https://")) else "",
        language=guess_language(text_sample),
        stored=False,
    )
