"""What every suggester reads about one document, computed once: layout, names, the article's date."""

from __future__ import annotations

import re
from datetime import date

from . import korean
from .dates import publication_date
from .entities import Entities, Speaker, find_names
from .text import Layout, Sentence

_HANGUL = re.compile("[\uac00-\ud7a3]")


# Longer than this is not a sentence a person wrote (a PDF's run-on text, a table): the clause rules
# (statements, obligations), which look back and forth within a sentence, skip it; figures do not.
MAX_SENTENCE = 3000


class Context:
    def __init__(self, text: str) -> None:
        self.text = text
        self.layout = Layout(text)
        mentions = []
        people = []
        for p in self.layout.paragraphs:
            chunk = text[p.start:p.end]
            mentions.extend(find_names(chunk, p.start))
            if _HANGUL.search(chunk):
                people.extend(korean.KoPerson(x.start + p.start, x.name, x.title) for x in korean.find_people(chunk))
        self.entities = Entities(mentions)
        self.ko_entities = korean.KoEntities(people)
        self.published: date | None = publication_date(text)
        self.last_quote_speaker: dict[int, Speaker] = {}
        self._korean: dict[int, bool] = {}
        self.cache: dict[tuple[str, int], object] = {}

    def korean_sentence(self, sent: Sentence) -> bool:
        """Mostly Hangul: the Korean rules apply (a Korean line inside an English article too)."""
        known = self._korean.get(sent.start)
        if known is None:
            sample = self.text[sent.start:min(sent.end, sent.start + 80)]
            known = _HANGUL.search(sample) is not None and len(_HANGUL.findall(sample)) * 3 > len(sample)
            self._korean[sent.start] = known
        return known
