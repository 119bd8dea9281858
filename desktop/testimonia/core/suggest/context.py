"""What every suggester reads about one document, computed once: layout, names, the article's date."""

from __future__ import annotations

from datetime import date

from . import korean
from .dates import publication_date
from .entities import Entities, Speaker, find_names
from .text import Layout, Sentence, is_hangul


class Context:
    def __init__(self, text: str) -> None:
        self.text = text
        self.layout = Layout(text)
        mentions = []
        people = []
        for p in self.layout.paragraphs:
            chunk = text[p.start:p.end]
            mentions.extend(find_names(chunk, p.start))
            people.extend(korean.KoPerson(x.start + p.start, x.name, x.title) for x in korean.find_people(chunk))
        self.entities = Entities(mentions)
        self.ko_entities = korean.KoEntities(people)
        self.published: date | None = publication_date(text)
        self.last_quote_speaker: dict[int, Speaker] = {}

    def korean_sentence(self, sent: Sentence) -> bool:
        sample = self.text[sent.start:min(sent.end, sent.start + 80)]
        hangul = sum(1 for c in sample if is_hangul(c))
        return hangul * 3 > len(sample)
