"""Who speaks: named people, organisations and office-holders, and the name a later mention refers to.

The manual wants "the fullest name the article gives": "Choi said" after "Choi Min-seo, who runs …"
is Choi Min-seo, "he said" is the person named last, "the alliance" the alliance named before.
Unidentifiable sources ("sources", "activists", "officials", an anonymous official) give nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

_CAP = r"(?:Mrs?\.|Ms\.|Dr\.|[A-Z][a-z]+(?:-[A-Za-z]+)*(?:’s|'s|’|')?|[A-Z]{2,}s?)"
_RUN = re.compile(rf"{_CAP}(?:\s+(?:(?:of|for|the|on|in|and|Against|against|de|van|von)\s+)*{_CAP})*")

_ORG_WORDS = re.compile(
    r"\b(?:Committee|Alliance|Network|Watch|Centre|Center|Ministry|Department|International|Group|Council|"
    r"Commission|Agency|Foundation|Institute|Organi[sz]ation|Association|Forum|Parliament|Government|Office|"
    r"Clinic|Union|Coalition|Campaign|Federation|Society|League|Church|Embassy|Assembly|Court|Nations|UNHCR|HRW|"
    r"Amnesty|Party|Monitor|Project|Initiative|Fund|Mission|Delegation|Service|Bureau|Board|House|Senate|Congress|"
    r"Tribunal|Secretariat|Rapporteur|University|College|Data)\b"
)
_THINGS = re.compile(r"\b(?:Convention|Protocol|Treaty|Covenant|Declaration|Agreement|Games|Square|Province|Dialogue|"
                     r"Prize|Day|Act|Law|Article|Chapter|Review|Times|Post|Daily|Weekly|Digest|Quarterly|Dispatch|"
                     r"Hearing|Camp|Centre|Center|Bridge|River|Street|Road)\b")
PLACES = frozenset({
    "China", "Beijing", "Seoul", "South Korea", "North Korea", "Korea", "Jilin", "Jilin Province", "Liaoning",
    "Tumen", "Yanji", "Dandong", "Shenyang", "Hunchun", "Laos", "Thailand", "Bangkok", "Vietnam", "Yunnan",
    "Guangxi", "Vientiane", "Onsong", "Washington", "London", "Geneva", "Virginia", "New Malden", "Incheon",
    "Pyongyang", "Japan", "Tokyo", "Russia", "Mongolia", "Canada", "Australia", "United States", "United Kingdom",
    "Britain", "Germany", "France", "Europe", "Asia", "East Asia", "Indo-Pacific", "Hangzhou", "Gwanghwamun Square",
})
STATES = frozenset({
    "China", "Beijing", "South Korea", "North Korea", "Laos", "Thailand", "Vietnam", "Japan", "Russia", "Mongolia",
    "Canada", "Australia", "United States", "United Kingdom", "Britain", "Germany", "France", "Seoul", "Pyongyang",
})
_STOP = frozenset({
    "The", "A", "An", "In", "On", "At", "For", "Under", "According", "Ahead", "Opening", "Speaking", "Holding",
    "Outside", "After", "Before", "Since", "During", "While", "Although", "Every", "Some", "Many", "Most", "Both",
    "Each", "This", "That", "These", "Those", "It", "He", "She", "They", "We", "I", "His", "Her", "Their", "Our",
    "My", "Its", "One", "Two", "Three", "Four", "Five", "Nobody", "Someone", "Last", "Earlier", "Later",
    "Meanwhile", "However", "But", "And", "Or", "If", "When", "Where", "Why", "How", "What", "Relatives",
    "Activists", "Organisers", "Organizers", "Members", "Diplomats", "Officials", "Lawyers", "Rights", "Legal",
    "Estimates", "Figures", "Chinese", "Korean", "Korean-American", "North", "South", "January", "February",
    "March", "April", "May", "June", "July", "August", "September", "October", "November", "December", "Monday",
    "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Lawmaker", "Representative", "Rep.",
    "Senator", "Sen.", "Professor", "Prof.", "Pastor", "Minister", "Ambassador", "President", "Director",
    "Chairman", "Chair", "Judge", "Father", "Rev.", "Deputy", "Secretary", "Spokesperson", "Senior", "Former",
    "Cardinal", "Photo", "Chapter", "Page", "Article", "Footnotes", "Share", "Read", "Yet", "Still", "Even", "Also",
    "Now", "Then", "Here", "There", "Instead", "Without", "With", "Asked", "Reached", "Citing", "Like",
    "Unlike", "Among", "Between", "Despite", "Human", "State", "Mr", "Ms", "UN", "US", "UK", "EU",
    "Defectors", "Delegates"
})
_TITLES = frozenset({
    "Lawmaker", "Representative", "Rep.", "Senator", "Sen.", "Professor", "Prof.", "Pastor", "Minister", "Ambassador",
    "President", "Director", "Chairman", "Chair", "Judge", "Father", "Rev.", "Deputy", "Secretary", "Dr.", "MP",
    "Senior", "Former", "Cardinal", "Bishop", "General", "Gen.",
})
_OFFICE = re.compile(
    r"(?:(?i:the|a|an)\s+)?((?:[\w’'-]+\s+){0,3}?(?:spokesperson|spokesman|spokeswoman|representative|ambassador|"
    r"minister|envoy|rapporteur|commissioner|co-chair|chair|chairman|secretary-general|delegation(?:\s+of\s+[A-Z]\w+)?|"
    r"government|embassy|consulate|foreign\s+ministry))\s*$"
)
_ORG_NOUN = re.compile(r"^(?:the|its|their)\s+(alliance|group|ministry|network|centre|center|committee|commission|"
                       r"organi[sz]ation|council|agency|motion|resolution|institute|coalition|campaign|"
                       r"monitor)\b", re.I)
_ANONYMOUS = re.compile(r"anonym|not (?:authori[sz]ed|named)|declined to be (?:named|identified)|unnamed|unidentified",
                        re.I)
_GENERIC = re.compile(
    r"\b(?:activists|officials|lawyers|experts|groups|sources|reports|residents|delegates|diplomats|analysts|"
    r"observers|critics|witnesses|organi[sz]ers|relatives|families|people|researchers|scholars|campaigners|"
    r"testimonies|media|newspapers|outlets|an?\s+(?:local\s+)?(?:resident|official|source|witness|woman|man))\b",
    re.I,
)
PRONOUNS = frozenset({"he", "she"})


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    kind: str  # person | org | place
    name: str


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    role: str | None = None


def _clean_run(run: str) -> tuple[str, list[str]]:
    """Drop sentence-initial and title words from a capitalised run; returns (rest, titles dropped)."""
    tokens = run.split()
    titles: list[str] = []
    if len(tokens) > 1 and tokens[0] == "Foreign" and tokens[1] in _TITLES:
        titles.append(tokens.pop(0))
    while tokens and (tokens[0] in _STOP or tokens[0].rstrip("’'s") in _STOP):
        if tokens[0] in _TITLES:
            titles.append(tokens[0])
        tokens.pop(0)
    while tokens and tokens[0].lower() in ("of", "for", "the", "on", "in", "and", "against"):
        tokens.pop(0)
    while tokens and tokens[-1] in _TITLES:
        titles.append(tokens.pop())
    return " ".join(tokens), titles


def _kind(name: str) -> str | None:
    if not name:
        return None
    if name in PLACES or name.rstrip("’'s") in PLACES:
        return "place"
    if _ORG_WORDS.search(name):
        return "org"
    if _THINGS.search(name):
        return None
    tokens = name.split()
    if len(tokens) > 1 and any(t in PLACES for t in tokens):
        return "org"  # "Refuge Asia", "Korea University"
    if any(t.endswith(("’s", "'s", "’")) for t in tokens):
        return None
    if 2 <= len(tokens) <= 3 and all(t[0].isupper() for t in tokens) and not any(t.isupper() and len(t) > 1
                                                                              for t in tokens):
        return "person"
    if len(tokens) == 1 and re.fullmatch(r"[A-Z][a-z]+-[a-z]+", tokens[0]):
        return "person"  # a Korean given name alone: "Sun-hee"
    return None


def _strip_possessor(name: str) -> str:
    """"South Korea’s Ministry of Unification" → "Ministry of Unification"."""
    tokens = name.split()
    for i in range(len(tokens) - 1, -1, -1):
        if tokens[i].endswith(("’s", "'s")) and i < len(tokens) - 1:
            return " ".join(tokens[i + 1:])
    return name


_CONNECTOR = re.compile(r"\s+(?:of|for|on|in|and|from|at)\s+(?:the\s+)?")


def _person_head(name: str) -> tuple[str, str] | None:
    """"Roberta Kang of the Committee for Human Rights" → ("Roberta Kang", "of the Committee …")."""
    m = _CONNECTOR.search(name)
    if m and _kind(name[:m.start()]) == "person":
        return name[:m.start()], name[m.start():].strip()
    return None


def find_names(text: str, offset: int = 0) -> list[Mention]:
    out: list[Mention] = []
    for m in _RUN.finditer(text):
        name, _titles = _clean_run(m.group(0))
        head = _person_head(name)
        if head:
            out.append(Mention(offset + m.start() + m.group(0).find(head[0]), "person", head[0]))
            name = head[1].split(" ", 1)[-1] if " " in head[1] else ""
        name = _strip_possessor(name).rstrip("’'")
        if name.endswith(("’s", "'s")):
            name = name[:-2]
        kind = _kind(name)
        if kind is None and re.fullmatch(r"[A-Z][a-z]+", name):
            kind = "surname"  # "Choi said": a person only if named in full before (Entities)
        if kind:
            out.append(Mention(offset + m.start() + m.group(0).find(name.split()[0]), kind, name))
    return out


class Entities:
    """Every name in a document's body, in order, to resolve later mentions against."""

    def __init__(self, mentions: list[Mention]) -> None:
        resolved: list[Mention] = []
        known: dict[str, str] = {}
        for m in sorted(mentions, key=lambda x: x.start):
            if m.kind == "surname":
                if m.name in known:
                    resolved.append(Mention(m.start, "person", known[m.name]))
                continue
            if m.kind == "person":
                for token in m.name.split():
                    known[token] = m.name
            resolved.append(m)
        self.mentions = resolved
        self._persons = [m for m in resolved if m.kind == "person"]
        self._person_starts = [m.start for m in self._persons]
        self._orgs = [m for m in resolved if m.kind == "org"]
        self._org_starts = [m.start for m in self._orgs]
        # token -> name -> where it is mentioned: a later "Choi" finds "Choi Min-seo" (few names, many mentions)
        self._by_token: dict[str, dict[str, list[int]]] = {}
        for m in self._persons:
            for token in set(m.name.split()):
                self._by_token.setdefault(token, {}).setdefault(m.name, []).append(m.start)

    def last_person(self, offset: int) -> str | None:
        i = bisect_left(self._person_starts, offset)
        return self._persons[i - 1].name if i else None

    def full_name(self, partial: str, offset: int) -> str:
        """The fullest name containing `partial` as whole words: the nearest earlier one, else a later one."""
        words = partial.split()
        if not words:
            return partial
        best: tuple[int, int, str] | None = None  # (named before? , where, name): nearest earlier, else first later
        for name, starts in self._by_token.get(words[0], {}).items():
            tokens = name.split()
            if len(tokens) <= len(words) or not all(w in tokens for w in words):
                continue
            i = bisect_left(starts, offset)
            key = (1, starts[i - 1], name) if i else (0, -starts[0], name)
            if best is None or key > best:
                best = key
        return best[2] if best else partial

    def org_with(self, noun: str, offset: int) -> str | None:
        i = bisect_left(self._org_starts, offset)
        noun = noun.lower()
        for mention in reversed(self._orgs[max(0, i - 200):i]):  # the nearest few hundred: enough, and bounded
            if noun in mention.name.lower():
                return mention.name
        return None


GENERIC = Speaker("")  # an unidentifiable source: no statement


def classify(segment: str, offset: int, entities: Entities) -> Speaker | None:
    """The speaker a noun phrase names; GENERIC when it names nobody identifiable; None when it is no NP."""
    seg = segment.strip(" —–-\t\n\"“”")
    if not seg:
        return None
    low = seg.lower()
    if _ANONYMOUS.search(seg):
        return GENERIC
    if low in PRONOUNS:
        person = entities.last_person(offset)
        return Speaker(person) if person else GENERIC
    if low in ("they", "it", "we", "i"):
        return GENERIC
    for m in _RUN.finditer(seg):
        name, titles = _clean_run(m.group(0))
        name = _strip_possessor(name).rstrip("’'")
        head = _person_head(name)
        if head:
            return Speaker(entities.full_name(head[0], offset), head[1])
        kind = _kind(name)
        if kind == "person":
            role = _role(seg, m.group(0), titles)
            return Speaker(entities.full_name(name, offset), role)
        if kind == "org":
            return Speaker(name, None)
        if kind == "place" and name in STATES and len(seg.split()) <= 3:
            return Speaker("China" if name == "Beijing" else name, None)
        if kind is None and name and len(name.split()) == 1 and name[0].isupper() and m.start() == 0:
            # a surname alone ("Choi said"): the fullest name given for it
            full = entities.full_name(name, offset)
            if full != name:
                return Speaker(full, None)
    noun = _ORG_NOUN.match(seg)
    if noun:
        org = entities.org_with(noun.group(1), offset)
        if org:
            return Speaker(org)
        if noun.group(1).lower() in ("motion", "resolution"):
            return Speaker(noun.group(1).lower())
    if _GENERIC.search(seg):
        return GENERIC
    office = _OFFICE.search(seg)
    if office and len(seg.split()) <= 6:
        return Speaker(office.group(1))
    return None


def _role(segment: str, run: str, titles: list[str]) -> str | None:
    rest = segment.replace(run, " ").strip(" ,")
    if titles and not rest:
        return " ".join(titles)
    if rest and len(rest.split()) <= 12 and not rest[:1].isdigit():
        return rest
    return " ".join(titles) or None


def speaker_before(pre: str, offset: int, entities: Entities) -> Speaker | None:
    """The subject of a reporting verb from the words before it: "Daniel Whitford, a researcher at X,"."""
    pre = re.sub(r"(?:\s+(?:has|have|had|also|later|then|again|repeatedly|previously|earlier|recently|further|"
                 r"would|will|once|publicly|privately))+\s*$", "", pre.rstrip())
    pre = re.sub(r"^.*?\s[—–]\s", "", pre)  # "SEOUL — …": the dateline
    segments = pre.split(",")
    pos = offset + len(pre)
    role: str | None = None
    tried = 0
    for seg in reversed(segments):
        pos -= len(seg) + 1
        if not seg.strip():
            continue
        tried += 1
        if tried > 4:
            break
        s = seg.strip()
        if re.match(r"(?:who|which|whose|where|speaking|reached|citing|for their part|too|however|in a statement|"
                    r"in an? \w+)\b", s, re.I):
            if _ANONYMOUS.search(s):
                return GENERIC
            continue
        if pos > offset and re.match(r"(?:a|an|the)\s+[a-z]|[a-z]", s) and not re.match(
                r"(?:the|its|their)\s+(?:alliance|group|ministry|network|centre|center|committee|commission)\b", s):
            role = role or s  # an apposition: "Daniel Whitford, a researcher at X,"
            continue
        found = classify(s, pos + 1, entities)
        if found is None:
            if re.match(r"(?:a|an|the)\s+[a-z]", s) or s[:1].islower():
                role = s
            continue
        if found is GENERIC:
            return GENERIC
        return Speaker(found.name, found.role or role)
    return None


def speaker_after(post: str, offset: int, entities: Entities) -> Speaker | None:
    """The subject named after a verb: "said Han Seo-yeon, the network’s coordinator in Seoul."."""
    segments = post.split(",")
    found = classify(segments[0], offset, entities)
    if found is None or found is GENERIC:
        return found
    role = found.role
    for seg in segments[1:3]:
        s = seg.strip().rstrip(".")
        if s and not s.isdigit():
            role = role or s
            break
    return Speaker(found.name, role)
