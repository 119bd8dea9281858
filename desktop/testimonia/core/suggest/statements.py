"""Statements: direct quotations credited to a named source, and reported speech after a reporting verb.

Follows the coding manual: a direct statement's span is the quoted words with their marks; a quote
running over several paragraphs is cut at each paragraph; a reported statement's span is the content
clause without the reporting verb (and without "that"/"to"); a quote that carries the clause's whole
predicate is direct, a quoted noun phrase inside a paraphrase is reported; unidentifiable sources give
nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import korean
from .context import MAX_SENTENCE, Context
from .entities import GENERIC, Speaker, classify, speaker_after, speaker_before
from .model import Suggestion, prior
from .text import Sentence, strip_final_stop, trim

_VERBS = (r"said|says|say|told|tells|stated|states|added|adds|warned|warns|argued|argues|claimed|claims|insisted|"
          r"insists|noted|notes|stressed|stresses|estimated|estimates|believes|confirmed|confirms|denied|denies|alleged|"
          r"alleges|maintained|maintains|wrote|writes|testified|explained|acknowledged|admitted|announced|replied|"
          r"responded|emphasi[sz]ed|concluded|contends|contended|suggested|recalled|reiterated|asserted|declared")
_VERB = re.compile(rf"\b({_VERBS})\b")
_THAT = re.compile(r"^((?:\s+[^\s,.“”\"]+){0,8}?)\s+that\s+")
_ADJUNCT = re.compile(r"^\s+(?:in\s+(?:a|an|its|his|her|their)\s+(?:statement|email|e-mail|interview|letter|report|"
                      r"speech|post|briefing)|on\s+\w+day|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                      r"Sunday)|last\s+week|this\s+week|in\s+(?!a\b|an\b)\w+)(?=[\s,.])")
_TRAIL_CUT = re.compile(r",\s+(?:adding|citing|according to|he said|she said|they said|it said)\b|\s+—\s+|"
                        r"\s+and\s+(?:called on|urged|recommended|asked|added|warned|vowed|pledged)\b|"
                        rf",\s+(?:[^,“”]{{1,60}}?)\s+(?:{_VERBS})\b[^,“”]*$")
_URGE = re.compile(r"\b(?:urged|urging|called\s+on|calling\s+on|appealed\s+to)\s+([^.“”]{1,90}?)\s+to\s+(?=[a-z])")
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+")
_AUX_BEFORE_QUOTE = frozenset({
    "was", "were", "is", "are", "be", "been", "being", "had", "has", "have", "as", "at", "of", "in", "to", "by",
    "called", "described", "termed", "an", "a", "the", "would", "will", "handled", "said", "with", "for", "on",
})
_KO_VERBS = (r"말했다|밝혔다|강조했다|주장했다|전했다|덧붙였다|지적했다|지적한다|설명했다|"
             r"말한다|밝힌다|주장한다|강조한다|"
             r"촉구했다|우려했다|경고했다|비판했다|했다|명시했다|호소했다|답했다|발표했다|말했다고|입장을 냈다|"
             r"입장을 밝혔다|고만 말했다|알렸다|토로했다|증언했다")
_KO_AFTER_QUOTE = re.compile(r"^(?:이?라고|고|이?라며|며|이?라는|는|고만)\s")
_KO_VERB_END = re.compile(rf"(?:{_KO_VERBS})\.?$")
_KO_QUOTATIVE = re.compile(r"[다라]고\s+")


def ko_reported(sentence: str) -> tuple[int, int, int] | None:
    """"…송환됐다고 'ORG'이 22일 밝혔다.": (end of the clause, start and end of what stands between 고
    and the reporting verb), or None. Linear: the verb at the end first, then the last 다고/라고 before it."""
    verb = _KO_VERB_END.search(sentence, max(0, len(sentence) - 20))
    if verb is None:
        return None
    found = None
    for m in _KO_QUOTATIVE.finditer(sentence, 0, verb.start() + 1):
        found = m
    if found is None or found.start() == 0:
        return None
    between = sentence[found.end():verb.start()]
    if any(c in between for c in "“”\"") or len(between) > 60:
        return None
    return found.start() + 1, found.end(), verb.start()
_KO_VERB_IN = re.compile(_KO_VERBS)
# Said of the reporting, not of the content: "통일부는 2일 정례브리핑에서 …고 밝혔다".
_KO_LEAD = re.compile(r"(?:\d{1,2}일\s+)?(?:(?:정례\s?)?브리핑에서\s+|기자회견에서\s+|성명에서\s+|또\s+)*")
_MARK = re.compile(r"[“\"]")
# A sentence with none of these cannot hold a statement: most of a long report is skipped at once.
_ANY_EN = re.compile(rf"[“\"]|\b(?:{_VERBS}|according|urged|urging|called|calling|appealed)\b", re.I)


def suggest(ctx: Context) -> Iterator[Suggestion]:
    seen: set[tuple[int, int]] = set()
    sentences = [sent for sent in ctx.layout.sentences if sent.end - sent.start <= MAX_SENTENCE]
    for s in ((_korean if ctx.korean_sentence(sent) else _english)(ctx, sent) for sent in sentences):
        for suggestion in s:
            key = (suggestion.start, suggestion.end)
            if key not in seen:
                seen.add(key)
                yield suggestion
    yield from (s for s in _open_quotes(ctx) if (s.start, s.end) not in seen)


_DATELINE = re.compile(r"[A-Z][A-Z .,’'-]{1,30}\s[—–]\s")


def _make(ctx: Context, start: int, end: int, speaker: Speaker, mode: str, rule: str) -> Suggestion | None:
    start, end = trim(ctx.text, start, end)
    dateline = _DATELINE.match(ctx.text, start, end)
    if dateline and mode == "reported":
        start = dateline.end()  # "SEOUL — …": the dateline is the paper's, not the source's words
    if end - start < 3 or not speaker.name:
        return None
    fields: dict[str, object] = {"speaker": speaker.name, "mode": mode}
    role = re.sub(r"^(?:who|which)\s+", "", (speaker.role or "").strip(" ,"))
    if role:
        fields["speaker_role"] = role
    return Suggestion("statement", start, end, ctx.text[start:end], fields, prior(rule), rule)


# -- English -----------------------------------------------------------------------------------
def _quotes(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of each quotation in text[start:end]; an unclosed one runs to the end."""
    out: list[tuple[int, int, bool]] = []
    i = start
    while i < end:
        mark = _MARK.search(text, i, end)
        if mark is None:
            break
        i = mark.start()
        ch = text[i]
        if ch == "“":
            close = text.find("”", i + 1, end)
            out.append((i, close + 1 if close >= 0 else end, close >= 0))
            i = close + 1 if close >= 0 else end
        elif ch == '"':
            close = text.find('"', i + 1, end)
            if close < 0:
                break
            out.append((i, close + 1, True))
            i = close + 1
        else:
            i += 1
    return out


def _english(ctx: Context, sent: Sentence) -> Iterator[Suggestion]:
    text = ctx.text
    s0, s1 = sent.start, sent.end
    sentence = text[s0:s1]
    if not _ANY_EN.search(sentence):
        return
    quotes = _quotes(text, s0, s1)
    covered: list[tuple[int, int]] = []

    def in_quote(pos: int) -> bool:
        return any(a <= pos < b for a, b, _c in quotes)

    speaker_here: Speaker | None = None
    # "According to X, CLAUSE." and "CLAUSE, according to X, role."
    for m in _ACCORDING.finditer(sentence):
        if in_quote(s0 + m.start()):
            continue
        if m.start() == 0 or sentence[:m.start()].strip() in ("", "But", "And"):
            comma = sentence.find(",", m.end())
            if comma < 0:
                continue
            who = speaker_after(sentence[m.end():comma], s0 + m.end(), ctx.entities)
            if who and who is not GENERIC:
                a, b = strip_final_stop(text, s0 + comma + 1, s1)
                made = _make(ctx, a, b, who, "reported", "statement.according-to")
                if made:
                    covered.append((a, b))
                    yield made
        else:
            who = speaker_after(sentence[m.end():], s0 + m.end(), ctx.entities)
            if who and who is not GENERIC:
                a, b = strip_final_stop(text, s0, s0 + m.start())
                if not any(qa <= a < qb for qa, qb, _c in quotes):
                    made = _make(ctx, a, b, who, "reported", "statement.according-to")
                    if made:
                        covered.append((a, b))
                        yield made
    # "X said (that) CLAUSE" and "CLAUSE, X said."
    for m in _VERB.finditer(sentence):
        vpos = s0 + m.start()
        if in_quote(vpos):
            continue
        nested = any(a <= vpos < b for a, b in covered)
        pre = sentence[:m.start()]
        rest = sentence[m.end():]
        adj0 = _ADJUNCT.match(rest)
        after_adj = rest[adj0.end():] if adj0 else rest
        trailing = after_adj.lstrip().startswith((".", ",")) or after_adj.strip() == "" or (
            m.group(1) in ("said", "says", "added", "wrote", "warned") and re.search(r",\s*$", pre) is not None
            and re.match(r"^\s+[A-Z][a-z]+", rest) is not None and " that " not in rest)
        if nested:
            if trailing:
                continue
            inner = re.split(rf"\b(?:that|{_VERBS})\b", pre)[-1]
            who = classify(re.sub(r"\s+(?:had|has|have|also)\s*$", "", inner), s0 + m.start(), ctx.entities)
            if not who or who is GENERIC:
                continue
            that = _THAT.match(rest)
            start = m.end() + (that.end() if that else 0)
            a, b = strip_final_stop(text, s0 + start, s1)
            made = _make(ctx, a, b, who, "reported", "statement.reported")
            if made:
                yield made
            continue
        if trailing:
            # trailing attribution: "CLAUSE, X said." / "CLAUSE, said X, role."
            cut = pre.rfind(",")
            if cut <= 0 or sentence[0] in "“\"":
                continue
            np = pre[cut + 1:]
            who = classify(np, s0 + cut + 1, ctx.entities) if np.strip() else \
                speaker_after(rest, s0 + m.end(), ctx.entities)
            if not who or who is GENERIC:
                continue
            speaker_here = who
            a, b = strip_final_stop(text, s0, s0 + cut)
            made = _make(ctx, a, b, who, "reported", "statement.reported")
            if made:
                covered.append((a, b))
                yield made
            adding = re.search(r",\s+adding\s+that\s+", rest)
            if adding:
                a, b = strip_final_stop(text, s0 + m.end() + adding.end(), s1)
                made = _make(ctx, a, b, who, "reported", "statement.reported")
                if made:
                    covered.append((a, b))
                    yield made
            continue
        who = speaker_before(pre, s0, ctx.entities)
        if not who or who is GENERIC:
            continue
        speaker_here = who
        start = m.end()
        that = _THAT.match(rest)
        if that and not any(c in that.group(1) for c in "“”\"") and not _VERB.search(that.group(1)):
            start += that.end()
        else:
            adj = _ADJUNCT.match(rest)
            if adj:
                start += adj.end()
            if m.group(1) in ("told", "tells"):
                continue  # "told MPs." without a that-clause: the quote rules credit it
        clause_text = sentence[start:]
        cut = _TRAIL_CUT.search(clause_text)
        stop = start + cut.start() if cut else len(sentence)
        a, b = s0 + start, s0 + stop
        if a >= b:
            continue
        yield from _clause(ctx, a, b, who, quotes, covered)
    # "X urged Y to VP"
    for m in _URGE.finditer(sentence):
        if in_quote(s0 + m.start()):
            continue
        who = speaker_before(sentence[:m.start()], s0, ctx.entities) or speaker_here
        if not who or who is GENERIC:
            continue
        start = m.end()
        cut = _TRAIL_CUT.search(sentence[start:])
        a, b = strip_final_stop(text, s0 + start, s0 + (start + cut.start() if cut else len(sentence)))
        if any(ca <= a < cb for ca, cb in covered):
            continue
        made = _make(ctx, a, b, who, "reported", "statement.urged-to")
        if made:
            covered.append((a, b))
            yield made
    yield from _direct_quotes(ctx, sent, quotes, covered)


def _clause(ctx: Context, a: int, b: int, who: Speaker, quotes: list[tuple[int, int, bool]],
            covered: list[tuple[int, int]]) -> Iterator[Suggestion]:
    text = ctx.text
    inner = [q for q in quotes if a <= q[0] < b]
    if inner:
        qa, qb, _closed = inner[0]
        lead = text[a:qa].split()
        body = text[qa + 1:qb].lstrip()
        if (len(lead) <= 4 and (not lead or lead[-1].lower() not in _AUX_BEFORE_QUOTE) and body[:1].islower()) \
                or not lead:
            # the quote carries the whole predicate: a direct statement, the quote alone
            made = _make(ctx, qa, qb, who, "direct", "statement.partial-quote")
            if made:
                covered.append((a, b))
                yield made
            return
    a, b = strip_final_stop(text, a, b)
    made = _make(ctx, a, b, who, "reported", "statement.reported")
    if made:
        covered.append((a, b))
        yield made


def _direct_quotes(ctx: Context, sent: Sentence, quotes: list[tuple[int, int, bool]],
                   covered: list[tuple[int, int]]) -> Iterator[Suggestion]:
    text = ctx.text
    s0, s1 = sent.start, sent.end
    for qa, qb, closed in quotes:
        if any(ca <= qa < cb for ca, cb in covered) or not closed:
            continue
        inner = text[qa + 1:qb - 1].strip()
        if len(inner.split()) < 3 and not inner.endswith((",", ".", "?", "!")):
            continue  # a scare quote or a term
        post = text[qb:s1]
        pre = text[s0:qa]
        who: Speaker | None = None
        rule = "statement.quote"
        m = re.match(rf"^\s*({_VERBS})\b(.*)$", post, re.S)
        if m:
            who = speaker_after(m.group(2), qb + m.start(2), ctx.entities)
        else:
            m = re.match(rf"^\s*([^,.“”\"]{{1,60}}?)\s+(?:{_VERBS})\b", post)
            if m:
                who = classify(m.group(1), qb, ctx.entities)
        if who is None and pre.rstrip().endswith((":", ",")) and pre.strip():
            who = _intro_speaker(ctx, pre, s0)
        if who is None and not pre.strip():
            who = ctx.last_quote_speaker.get(sent.paragraph)
            rule = "statement.quote-continued"
        if not who or who is GENERIC:
            continue
        if inner[:1].islower() and pre.strip():
            continue  # a fragment inside a sentence with no reporting verb
        ctx.last_quote_speaker[sent.paragraph] = who
        made = _make(ctx, qa, qb, who, "direct", rule)
        if made:
            yield made


def _intro_speaker(ctx: Context, pre: str, offset: int) -> Speaker | None:
    """"Park Ji-hoon, who …, put it bluntly: “…”": the first named source of the introduction."""
    verb = _VERB.search(pre)
    if verb:
        who = speaker_before(pre[:verb.start()], offset, ctx.entities)
        if who:
            return who
    for seg in pre.split(","):
        who = classify(seg, offset, ctx.entities)
        if who and who is not GENERIC:
            return who
    return None


def _open_quotes(ctx: Context) -> Iterator[Suggestion]:
    """A quotation over several paragraphs: each paragraph opens with a mark and the last one closes."""
    text = ctx.text
    paragraphs = ctx.layout.paragraphs
    speaker: Speaker | None = None
    for i, p in enumerate(paragraphs):
        para = text[p.start:p.end]
        if para.startswith("“") and "”" not in para:
            if speaker is None and i > 0:
                prev = paragraphs[i - 1]
                intro = text[prev.start:prev.end]
                if intro.rstrip().endswith(":"):
                    speaker = _intro_speaker(ctx, intro, prev.start)
            if speaker and speaker is not GENERIC:
                made = _make(ctx, p.start, p.end, speaker, "direct", "statement.quote-continued")
                if made:
                    yield made
            continue
        if para.startswith("“") and speaker and speaker is not GENERIC and para.count("“") >= 1:
            close = para.find("”")
            made = _make(ctx, p.start, p.start + close + 1, speaker, "direct", "statement.quote-continued")
            if made:
                yield made
        speaker = None


# -- Korean ------------------------------------------------------------------------------------
def _korean(ctx: Context, sent: Sentence) -> Iterator[Suggestion]:
    text = ctx.text
    s0, s1 = sent.start, sent.end
    sentence = text[s0:s1]
    quotes = [q for q in _quotes(text, s0, s1) if q[2]]
    subject = korean.leading_subject(sentence)
    topic = korean.classify(subject[0], s0, ctx.ko_entities) if subject else None
    if quotes and _KO_VERB_IN.search(text[quotes[-1][1]:s1]):
        who = topic
        if who is None:
            tail = text[quotes[-1][1]:s1]
            after = re.sub(r"^(?:이?라고|고|이?라며|며|는)\s+", "", tail)
            who = korean.classify(_KO_VERB_IN.split(after)[0], quotes[-1][1], ctx.ko_entities)
        if who and who is not GENERIC:
            for qa, qb, _c in quotes:
                if _KO_AFTER_QUOTE.match(text[qb:s1] + " ") or qb == quotes[-1][1]:
                    made = _make(ctx, qa, qb, who, "direct", "statement.ko-quote")
                    if made:
                        yield made
        return
    if quotes:
        return
    m = re.search(r"^(.{1,60}?)에 따르면\s+", sentence)
    if m:
        who = korean.classify(re.sub(r"^(?:한편|또|이어)\s+", "", m.group(1)), s0, ctx.ko_entities)
        if who and who is not GENERIC:
            a, b = strip_final_stop(text, s0 + m.end(), s1)
            made = _make(ctx, a, b, who, "reported", "statement.ko-according-to")
            if made:
                yield made
        return
    rep = ko_reported(sentence)
    if rep is None:
        return
    clause_start, clause_end = 0, rep[0]
    after = sentence[rep[1]:rep[2]]
    who = korean.classify(after, s0 + rep[1], ctx.ko_entities) if after.strip() else None
    if who is None:
        if not subject or topic is None:
            return
        who = topic
        clause_start = subject[1]
        lead = _KO_LEAD.match(sentence, clause_start)
        if lead:
            clause_start = lead.end()
    if who is GENERIC:
        return
    a, b = trim(text, s0 + clause_start, s0 + clause_end)
    made = _make(ctx, a, b, who, "reported", "statement.ko-reported")
    if made:
        yield made
