"""Obligations: duties about the return, protection or rights of North Korean escapees.

Counted (coding manual): explicit duty words and constructions, treaty membership used to ground a
duty, named legal principles (non-refoulement), the 1986 border protocol. Not counted: requests and
appeals ("urged … to", 요구하여야), general exhortations and vague norms ("in accordance with law").
Span: a duty noun phrase alone ("its obligations under the Convention Against Torture"), else the
clause that states the duty (inside a quotation, the quoted words without their marks).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import korean
from .context import MAX_SENTENCE, Context
from .model import Suggestion, prior
from .statements import _quotes, ko_reported
from .text import Sentence, strip_final_stop, trim

# Canonical names (the manual's list) and the ways articles write them.
INSTRUMENTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"1967\s+Protocol|Protocol\s+Relating\s+to\s+the\s+Status\s+of\s+Refugees|1967년\s*의정서|난민의정서"),
     "1967 Protocol Relating to the Status of Refugees"),
    (re.compile(r"(?:1951\s+)?Refugee(?:s)?\s+(?:Status\s+)?Convention|Convention\s+Relating\s+to\s+the\s+Status\s+of\s+"
                r"Refugees|1951\s+Convention|난민\s?(?:지위\s?)?협약"), "1951 Refugee Convention"),
    (re.compile(r"Convention\s+[Aa]gainst\s+Torture|\bCAT\b|고문\s?방지\s?협약"), "Convention Against Torture"),
    (re.compile(r"non-refoulement|nonrefoulement|강제\s?송환\s?금지|농르풀망"), "principle of non-refoulement"),
    (re.compile(r"1986\s+(?:bilateral\s+)?(?:border\s+)?(?:protocol|agreement|treaty)|1986년\s*(?:밀입국자\s*)?(?:송환\s*)?"
                r"(?:협정|의정서)"), "1986 bilateral border protocol"),
    (re.compile(r"Convention\s+on\s+the\s+Rights\s+of\s+the\s+Child|"
                r"아동\s?권리\s?협약"), "Convention on the Rights of the Child"),
    (re.compile(r"Convention\s+on\s+the\s+Elimination\s+of\s+All\s+Forms\s+of\s+Discrimination\s+[Aa]gainst\s+Women|"
                r"\bCEDAW\b|여성\s?차별\s?철폐\s?협약"),
     "Convention on the Elimination of All Forms of Discrimination Against Women"),
    (re.compile(r"International\s+Covenant\s+on\s+Civil\s+and\s+Political\s+Rights|\bICCPR\b|자유권\s?규약"),
     "International Covenant on Civil and Political Rights"),
)
_INSTRUMENT_ANY = "|".join(p.pattern for p, _n in INSTRUMENTS)

_NP = re.compile(
    r"(?:(?:its|their|his|her|those|these|such|the|[A-Z][\w-]*(?:’s|'s))\s+)?"
    r"(?:(?:non-refoulement|treaty|legal|international|human\s+rights|protection|binding)\s+)*"
    r"(?:obligations?|duties|commitments?)\b"
    rf"(?:\s+under\s+(?:the\s+|its\s+)?(?:{_INSTRUMENT_ANY})(?:\s+and\s+(?:the\s+|its\s+)?(?:{_INSTRUMENT_ANY}))*)?"
)
_HAS_DUTY = re.compile(r"\b(?:has|have|had|bears?|owes?)\s+(?:an?\s+|the\s+|no\s+|clear\s+|legal\s+)*"
                       r"(?:obligations?|duty|duties|responsibility)\b")
_CLAUSE = re.compile(
    r"\b(?:is|are|was|were|be|being)\s+(?:legally\s+)?(?:bound|obliged|obligated|required)\s+(?:to|by|under|not)\b|"
    r"\bobliges\b|\brequires\s+(?:it|them|states|China)\s+to\b|\bare\s+entitled\s+to\b|\bis\s+entitled\s+to\b"
)
_MODAL = re.compile(
    r"(?i:\bunder\s+no\s+circumstances?\s+should\b)|\b(?:must|shall)\s+(?:not\s+|never\s+)?\w+|\bshould\s+(?:never|not|ensure|insist|be|respect|protect|allow|"
    r"guarantee)\b|\bunder\s+no\s+circumstances?\s+should\b|\bcannot\s+contract\s+out\b|\bno\s+state(?:\s+party)?\s+"
    r"(?:may|shall)\b|\bhas\s+to\s+(?!do\b|be\s+said)\w+|\bprohibition\s+on\b|\bsupposed\s+to\s+guarantee\b"
)
_MEMBER = re.compile(
    rf"\b(?:is|as|was|being)\s+a\s+(?:state\s+)?(?:party|signatory)\s+to\b|,\s+a\s+(?:state\s+)?(?:party|signatory)\s+to\b|"
    rf"\b(?:ratified|acceded\s+to|has\s+signed|signed)\s+(?:the\s+|its\s+)?(?:{_INSTRUMENT_ANY})"
)
_PRINCIPLE = re.compile(r"non-refoulement|nonrefoulement", re.I)
# The 1986 protocol China returns people under is itself a duty (to hand them over) in the manual.
_PROTOCOL_NP = re.compile(r"\bthe\s+1986\s+(?:bilateral\s+)?(?:border\s+)?(?:protocol|agreement|treaty)"
                          r"(?:\s+(?:with|between)\s+(?:our|its|the|Beijing|China|North)(?:\s+[\w’']+){0,3}?"
                          r"(?=[,.;”]|\s+(?:and|to|that|which)\b))?")
_APPEAL = re.compile(r"\b(?:urged|urging|called\s+on|calling\s+on|asked|recommended|appealed\s+to|requested)\b")
_VAGUE_NORM = re.compile(r"in\s+accordance\s+with|humanitarian\s+principles|according\s+to\s+(?:the\s+)?law|"
                         r"국제\s?규범에\s?따라|법에\s?따라|인도주의")
_CUE = re.compile(r"return|repatriat|sent\s+back|send\s+back|refugee|asylum|escapee|defector|tortur|protect|"
                  r"non-refoulement|screen|hearing|UNHCR|North\s+Korean|persecution|expel|extradite|removal|deport",
                  re.I)
_CUT = re.compile(r",\s+(?:said|says|adding|according\s+to)\b|,\s+(?:the\s+)?[\w’' -]{1,50}?\s+(?:said|says|"
                  r"states|stated|"
                  r"argued|added)\b|\s+—\s+")
_STATES = ((re.compile(r"\bChina\b|\bBeijing\b|\bChinese\s+(?:government|authorities)\b|중국"), "China"),
           (re.compile(r"\bSouth\s+Korea\b|\bSeoul\b|한국\s?정부"), "South Korea"),
           (re.compile(r"\bLaos\b|라오스"), "Laos"), (re.compile(r"\bThailand\b|태국"), "Thailand"),
           (re.compile(r"\bRussia\b|러시아"), "Russia"), (re.compile(r"\bVietnam\b|베트남"), "Vietnam"))
_PASSIVE_RETURN = re.compile(r"\bbe\s+(?:forcibly\s+)?(?:sent\s+back|repatriated|returned|deported)|"
                             r"북송되|송환되|송환돼|북송돼")
_BENEFICIARY = re.compile(
    r"\b(?:(?:these|those|the|all|every|any)\s+)?(?:North\s+Korean\s+)?(?:escapees?|defectors|refugees|"
    r"asylum[- ]seekers|women|children|detainees)\b(?:\s+(?:who|born|trafficked)\s+[^,.;]{1,40})?|탈북민|탈북자|난민"
)

_KO_TRIGGER = re.compile(r"의무|하여야\s?한다|해야\s?한다|되어서는\s?안\s?된다|돼서는\s?안\s?된다|"
                         r"해서는\s?안\s?(?:된다|될)|"
                         r"서는\s?안\s?된다|당사국|준수하여야|준수해야|말아야\s?한다")
_KO_APPEAL = re.compile(r"(?:요구|촉구|요청)(?:하여야|해야)")
_KO_CUE = re.compile(r"송환|북송|돌려보내|보호|난민|강제송환|고문|당사국|준수")
_KO_END = re.compile(r"(?:안\s?된다|안\s?될\s?의무를\s?진다|한다|있다|진다|이다)(?=고|는\s|[.”\"]|$)")


def instruments_in(text: str) -> str | None:
    found: list[tuple[int, str]] = []
    for pattern, name in INSTRUMENTS:
        for m in pattern.finditer(text):
            if name == "1951 Refugee Convention" and re.search(r"1967", text[max(0, m.start() - 20):m.start()]):
                continue
            found.append((m.start(), name))
    names: list[str] = []
    for _pos, name in sorted(found):
        if name not in names:
            names.append(name)
    return "; ".join(names) or None


def suggest(ctx: Context) -> Iterator[Suggestion]:
    for sent in ctx.layout.sentences:
        if sent.end - sent.start > MAX_SENTENCE:
            continue
        if ctx.korean_sentence(sent):
            yield from _korean(ctx, sent)
        else:
            yield from _english(ctx, sent)


def _make(ctx: Context, a: int, b: int, rule: str, context: str) -> Suggestion | None:
    a, b = strip_final_stop(ctx.text, a, b)
    if b - a < 5:
        return None
    span = ctx.text[a:b]
    fields: dict[str, object] = {}
    instrument = instruments_in(span) or (instruments_in(context) if rule == "obligation.membership" else None)
    if instrument:
        fields["instrument"] = instrument
    bearer = None
    for pattern, name in _STATES:
        m = pattern.search(span)
        if m:
            bearer = name
            break
    if bearer is None and re.search(r"\b(?:its|it)\b", span) and _STATES[0][0].search(context):
        bearer = "China"
    if bearer is None and _PASSIVE_RETURN.search(span) and _STATES[0][0].search(ctx.text):
        bearer = "China"
    if bearer:
        fields["duty_bearer"] = bearer
    who = _BENEFICIARY.search(span)
    if who and rule != "obligation.duty-noun":
        fields["beneficiary"] = who.group(0)
    return Suggestion("obligation", a, b, span, fields, prior(rule), rule)


_ANY_EN = re.compile(r"obligat|dut(?:y|ies)|commitment|bound|oblige|require|entitled|must|shall|should|circumstance|"
                     r"contract\s+out|no\s+state|has\s+to|prohibition|supposed|party|signatory|ratified|acceded|signed|"
                     r"refoulement|1986|responsibilit", re.I)


def _english(ctx: Context, sent: Sentence) -> Iterator[Suggestion]:
    text = ctx.text
    s0 = sent.start
    sentence = text[s0:sent.end]
    if not _ANY_EN.search(sentence):
        return
    if _VAGUE_NORM.search(sentence) and not _NP.search(sentence):
        return
    quotes = _quotes(text, s0, sent.end)
    triggers: list[tuple[int, str]] = []
    for m in _HAS_DUTY.finditer(sentence):
        triggers.append((m.start(), "obligation.duty-clause"))
    for m in _CLAUSE.finditer(sentence):
        triggers.append((m.start(), "obligation.duty-clause"))
    for m in _MEMBER.finditer(sentence):
        triggers.append((m.start(), "obligation.membership"))
    for m in _MODAL.finditer(sentence):
        triggers.append((m.start(), "obligation.modal"))
    nps = [m for m in _NP.finditer(sentence) if not _HAS_DUTY.search(sentence[max(0, m.start() - 25):m.end()])]
    for m in _PRINCIPLE.finditer(sentence):
        if not any(n.start() <= m.start() < n.end() for n in nps):
            triggers.append((m.start(), "obligation.principle"))
    done: list[tuple[int, int]] = []
    for pos, rule in sorted(triggers):
        a, b = _clause(ctx, sent, pos, quotes)
        if any(x <= a + s0 < y or x < b + s0 <= y for x, y in done):
            continue
        clause = sentence[a:b]
        appeal = _APPEAL.search(sentence[:pos])
        if appeal and " to " in sentence[appeal.end():pos] + " ":
            continue  # "urged China to respect …" is a request (a statement), not a duty
        if rule == "obligation.modal":
            if not _CUE.search(clause) or _VAGUE_NORM.search(clause):
                continue
            if any(a <= n.start() < b for n in nps) and re.match(r"\b(?:must|should)\b", sentence[pos:]):
                continue  # "must respect its obligations under …": the duty noun phrase is the span
        made = _make(ctx, s0 + a, s0 + b, rule, sentence)
        if made:
            done.append((made.start, made.end))
            yield made
    for p in _PROTOCOL_NP.finditer(sentence):
        a, b = s0 + p.start(), s0 + p.end()
        if not any(x <= a < y for x, y in done):
            made = _make(ctx, a, b, "obligation.duty-noun", sentence)
            if made:
                made = Suggestion(made.kind, made.start, made.end, made.exact,
                                  {**made.fields, "beneficiary": "North Korea"}, made.score, made.rule)
                done.append((made.start, made.end))
                yield made
    for n in nps:
        a, b = s0 + n.start(), s0 + n.end()
        if any(x <= a < y for x, y in done):
            continue
        if not re.search(r"obligation|dut|commitment", n.group(0)):
            continue
        if n.group(0).split()[0].lower() in ("obligation", "obligations", "duty", "duties", "commitment") \
                and not instruments_in(n.group(0)):
            continue  # a bare "obligations" with no owner or instrument says nothing specific
        made = _make(ctx, a, b, "obligation.duty-noun", sentence)
        if made:
            done.append((made.start, made.end))
            yield made


def _clause(ctx: Context, sent: Sentence, pos: int, quotes: list[tuple[int, int, bool]]) -> tuple[int, int]:
    """Bounds (relative to the sentence) of the clause stating the duty at `pos`."""
    text = ctx.text
    s0 = sent.start
    sentence = text[s0:sent.end]
    for qa, qb, closed in quotes:
        if qa <= s0 + pos < qb:
            a, b = qa - s0 + 1, (qb - s0 - 1 if closed else qb - s0)
            for m in re.finditer(r"[.!?]\s+", sentence[a:b]):
                if a + m.end() <= pos:
                    a = a + m.end()
                elif a + m.start() > pos:
                    b = a + m.start()
                    break
            return a, b
    start = 0
    that = None
    for m in re.finditer(r"\b(?:that|argue|argues|say|says|said)\s+", sentence[:pos]):
        that = m
    if that:
        start = that.end()
    end = len(sentence)
    cut = _CUT.search(sentence, pos)
    if cut:
        end = cut.start()
    for qa, _qb, _c in quotes:
        if start <= qa - s0 < end:
            end = min(end, qa - s0)
    start, end = trim(sentence, start, end)
    return start, end


def _korean(ctx: Context, sent: Sentence) -> Iterator[Suggestion]:
    text = ctx.text
    s0 = sent.start
    sentence = text[s0:sent.end]
    if not _KO_CUE.search(sentence) or _VAGUE_NORM.search(sentence):
        return
    quotes = _quotes(text, s0, sent.end)
    done: list[tuple[int, int]] = []
    rep = ko_reported(sentence)
    subject_np = korean.leading_subject(sentence)
    for m in _KO_TRIGGER.finditer(sentence):
        pos = m.start()
        if _KO_APPEAL.search(sentence[max(0, pos - 6):m.end()]):
            continue
        inside = next(((qa - s0 + 1, qb - s0 - 1) for qa, qb, closed in quotes if closed and qa <= s0 + pos < qb), None)
        if inside:
            a, b = inside
        else:
            a, b = 0, len(sentence)
            if rep:
                b = rep[0]
                if subject_np and not re.match(r"(?:중국|한국|정부|각국|국가)", subject_np[0]):
                    a = subject_np[1]
        end = _KO_END.search(sentence, pos, b + 1 if b < len(sentence) else b)
        if end:
            b = end.end()
        if any(x <= a < y for x, y in done):
            continue
        a, b = trim(sentence, a, b)
        rule = "obligation.ko-duty"
        made = _make(ctx, s0 + a, s0 + b, rule, sentence)
        if made:
            done.append((a, b))
            yield made
