"""Figures: how many people were repatriated, detained, apprehended or remain, in English and Korean.

Span (coding manual): the hedge, the number and the head noun next to it ("over 2,000 defectors",
"탈북민 40여 명"); the number expression alone when the noun is elided or partitive ("Nearly 200 of
them"). A number needs a counted person (or a Korean 명) or an elided/partitive reading to count:
dates, ordinals, anniversaries, pages, money, ages and durations are not figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import numbers
from .context import Context
from .dates import dates_in, nearest
from .model import Suggestion, prior
from .places import place_in, unit_from
from .text import Sentence

N = numbers.EN_NUMBER
_HEDGE = (r"(?:well\s+over|just\s+over|just\s+under|more\s+than|at\s+least|as\s+many\s+as|as\s+few\s+as|up\s+to|"
          r"fewer\s+than|less\s+than|close\s+to|an\s+estimated|upwards\s+of|no\s+fewer\s+than|at\s+most|in\s+excess\s+of|"
          r"about|around|roughly|approximately|some|nearly|almost|over|potentially|possibly|perhaps|an\s+estimated)")
_VAGUE = (r"(?:tens\s+of\s+thousands|hundreds|thousands|dozens|scores|(?:a\s+few|several|"
          r"a\s+couple\s+of)\s+(?:hundred|thousand|dozen))")
_EXPR = re.compile(
    rf"\b(?:(?P<comp>(?:as\s+few\s+as|at\s+least)\s+(?P<c1>{N})(?:\s*(?:to|-|–)\s*(?P<c2>{N}))?,?\s+and\s+"
    rf"(?:as\s+many\s+as|up\s+to)\s+(?P<c3>{N})(?:\s*(?:to|-|–)\s*(?P<c4>{N}))?)"
    rf"|(?P<range>(?:(?P<rh>{_HEDGE})\s+)?(?:between|from)\s+(?P<r1>{N})\s+(?:and|to)\s+(?P<r2>{N})"
    rf"|(?:(?P<rh2>{_HEDGE})\s+)?(?P<r3>{N})\s*(?:to|–|—|(?<=\d)-(?=\d))\s*(?P<r4>{N}))"
    rf"|(?P<vague>(?:(?:in\s+the\s+)?)(?P<vw>{_VAGUE}))"
    rf"|(?P<single>(?:(?P<sh>{_HEDGE})\s+)?(?P<s1>{N})))\b",
    re.I,
)
_PEOPLE = (r"(?:North\s+Koreans|defectors?|escapees?|refugees?|people|persons|individuals|women|men|children|"
           r"girls|boys|"
           r"detainees|returnees|asylum[- ]seekers|migrants|prisoners|victims|teenagers|minors|orphans|"
           r"forced\s+returns|returns|repatriations|deportations|arrests|cases(?=\s+of\s+(?:forced\s+)?(?:repatriation|"
           r"return|refoulement|deportation)))")
_HEAD = re.compile(
    rf"^(?:\s+of)?(?:\s+(?:the|these|those))?(?:\s+(?:other|more|young|North\s+Korean|Korean|female|male|elderly|"
    rf"unidentified|undocumented|detained|additional|ethnic|more\s+North\s+Korean)){{0,3}}\s+{_PEOPLE}\b",
    re.I,
)
_ELIDED_AFTER = re.compile(
    r"^\s+(?:of\s+(?:them|those|the\s+\w+|these\s+\w+)|(?:were|was|had|have|are|remain|remained|had\s+been|have\s+been|"
    r"are\s+believed|were\s+believed|were\s+reportedly)\s+(?:\w+\s+)?(?:arrested|caught|returned|sent|detained|held|"
    r"repatriated|taken|deported|followed|handed|captured|transferred|moved|released|women|still|in\b))",
    re.I,
)
_ELIDED_BEFORE = re.compile(r"(?:\b(?:at|estimates?|estimated|counted|put|puts)\s+|\b(?:a\s+further|another|the\s+other"
                            r"|an\s+additional)\s+|number\s+(?:was|is|stood\s+at|reached)\s+(?:“|\")?(?:in\s+the\s+)?)$",
                            re.I)
_NOT_BEFORE = re.compile(r"(?:\b(?:pages?|pp?\.|Article|Articles|Chapter|volume|vol\.|column|No\.|Footnotes?|"
                         r"Resolution|"
                         r"Protocol|paragraph|section|§|aged|age|Route|Highway)\s*|[$€£₩]\s*)$", re.I)
_NOT_AFTER = re.compile(r"^(?:st|nd|rd|th)\b|^\s*(?:%|percent|per\s+cent|dollars|won|yuan|euros|pounds|years?|months?|"
                        r"weeks?|days?|hours?|minutes?|km|kilometres|kilometers|miles|metres|meters|times|pages|"
                        r"countries|nations|states)\b", re.I)
_CUE = re.compile(r"repatriat|sent\s+back|returned|return|deport|detain|detention|held|custody|arrest|caught|captur|"
                  r"hiding|remain|escapee|defector|refugee|North\s+Korean|missing|disappear|testif|testimon|prison|camp|cell",
                  re.I)

KO_NUM = numbers.KO_NUMBER
_KO_NOUN = (r"(?:탈북민|탈북자|탈북\s?여성|탈북\s?주민|북한\s?주민|북한이탈주민|북한\s?이탈\s?주민|"
            r"탈북\s?청소년|여성|어린이|아동|난민|주민)")
_KO_EXPR = re.compile(
    rf"(?:(?P<noun>{_KO_NOUN})\s+)?"
    rf"(?:(?P<pre>약|최소|최대|적어도|무려|대략|줄잡아|많게는|적게는|총|모두)\s*)?"
    rf"(?P<n1>{KO_NUM})(?:\s*(?:~|∼|-|–|에서)\s*(?P<n2>{KO_NUM}))?(?P<yeo>\s?여)?\s?명"
    r"(?:\s?(?P<post>이상|가량|정도|남짓|안팎|내외|이하|미만|넘게)(?=으로|[이가은는을를의에도]|[^가-힣]|$))?"
)
_KO_NOT_BEFORE = re.compile(r"(?:의원|찬성|반대|재석|기권|참석자|기자|학생|회원|직원|경찰|관계자|위원|중|출석|"
                            r"투표)\s*$")
_KO_CUE = re.compile(r"탈북|북송|송환|구금|수감|체포|붙잡|억류|북한|난민|주민")


_ANCHOR = re.compile(
    r"\d[\d,.]*|\b(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|dozens?|"
    r"scores|a\s+(?:hundred|thousand|dozen))\b")
_WORD_START = re.compile(r"\b\w")


def _expressions(sentence: str) -> Iterator[re.Match[str]]:
    """The number grammar, tried only at the few words before each number: a whole-text scan of the
    grammar costs several times more on a long report."""
    done = 0
    for anchor in _ANCHOR.finditer(sentence):
        if anchor.start() < done:
            continue
        for w in _WORD_START.finditer(sentence, max(done, anchor.start() - 40), anchor.start() + 1):
            m = _EXPR.match(sentence, w.start())
            if m and m.end() > anchor.start():
                done = m.end()
                yield m
                break


def suggest(ctx: Context) -> Iterator[Suggestion]:
    sentences = ctx.layout.sentences
    for i, sent in enumerate(sentences):
        prev = sentences[i - 1] if i and sentences[i - 1].paragraph >= sent.paragraph - 1 else None
        before = ctx.text[prev.start:prev.end] if prev else ""
        if ctx.korean_sentence(sent):
            yield from _korean(ctx, sent, before)
        else:
            yield from _english(ctx, sent, before)


def _sentence_facts(ctx: Context, sent: Sentence, korean: bool) -> tuple[list[tuple[int, int, str]], str | None]:
    """The dates and the place of a sentence, once for all its figures."""
    key = ("figure-facts", sent.start)
    facts = ctx.cache.get(key)
    if facts is None:
        sentence = ctx.text[sent.start:sent.end]
        facts = (dates_in(sentence, ctx.published, korean), place_in(sentence))
        ctx.cache[key] = facts
    return facts  # type: ignore[return-value]


def _fields(ctx: Context, sent: Sentence, a: int, b: int, value: float | None, low: float | None,
            high: float | None, approximate: bool, vague: bool, unit: str | None, korean: bool) -> dict[str, object]:
    text = ctx.text
    fields: dict[str, object] = {"approximate": approximate, "vague": vague}
    for key, v in (("value", value), ("value_low", low), ("value_high", high)):
        if v is not None:
            fields[key] = numbers.number(v)
    unit = unit_from(text[b:min(sent.end, b + 80)], text[max(sent.start, a - 60):a]) or unit
    if unit:
        fields["unit"] = unit
    found_dates, where = _sentence_facts(ctx, sent, korean)
    when = nearest(found_dates, a - sent.start)
    if when:
        fields["date"] = when
    if where:
        fields["place"] = where
    return fields


def _english(ctx: Context, sent: Sentence, before: str) -> Iterator[Suggestion]:
    text = ctx.text
    sentence = text[sent.start:sent.end]
    if not (_CUE.search(sentence) or _CUE.search(before)):
        return
    for m in _expressions(sentence):
        a, b = m.start(), m.end()
        if _NOT_BEFORE.search(sentence[max(0, a - 24):a]) or _NOT_AFTER.match(sentence[b:]):
            continue
        value = low = high = None
        approximate = vague = False
        if m.group("comp"):
            low = numbers.en_value(m.group("c1"))
            high = numbers.en_value(m.group("c4") or m.group("c3"))
            approximate = True
            rule = "figure.range"
        elif m.group("range"):
            low = numbers.en_value(m.group("r1") or m.group("r3"))
            high = numbers.en_value(m.group("r2") or m.group("r4"))
            approximate = bool(m.group("rh") or m.group("rh2"))
            rule = "figure.range"
            if low is None or high is None or low >= high:
                continue
        elif m.group("vague"):
            approximate = vague = True
            rule = "figure.vague"
            if m.group("vague").lower().startswith("in the "):
                a += len("in the ")
        else:
            value = numbers.en_value(m.group("s1"))
            approximate = bool(m.group("sh"))
            rule = "figure.count"
            word = m.group("s1").lower()
            if value is None or word in ("a", "one") or (not m.group("sh") and re.fullmatch(r"(?:19|20)\d\d", word)):
                continue
        head = _HEAD.match(sentence[b:])
        if head:
            b += head.end()
            noun = head.group(0).strip()
            if re.search(r"\b(?:people|persons|individuals|women|men|children|girls|boys)$", noun, re.I) and not (
                    _CUE.search(sentence[b:b + 50]) or _CUE.search(sentence[max(0, a - 24):a])):
                continue  # "About 300 people gathered": people, but not the ones the article counts
            if head.group(0).lstrip().lower().startswith("of") and rule != "figure.vague":
                b = m.end()  # partitive: "Nearly 200 of them" is the number alone
                rule = "figure.elided"
        elif _ELIDED_AFTER.match(sentence[b:]) or _ELIDED_BEFORE.search(sentence[max(0, a - 48):a]):
            if rule == "figure.count":
                rule = "figure.elided"
            if value is not None and value < 2 and not approximate:
                continue
        else:
            continue
        if rule == "figure.vague" and not head and not _ELIDED_BEFORE.search(
                sentence[max(0, m.start() - 48):m.start()]):
            continue
        start, end = sent.start + a, sent.start + b
        fields = _fields(ctx, sent, start, end, value, low, high, approximate, vague, None, False)
        if "unit" not in fields:
            fields["unit"] = re.sub(r"\s+", " ", text[sent.start + m.end():end].strip()) or "people"
            if fields["unit"].lower().startswith("of "):
                fields["unit"] = fields["unit"][3:]
        yield Suggestion("figure", start, end, text[start:end], fields, prior(rule), rule)


def _korean(ctx: Context, sent: Sentence, before: str) -> Iterator[Suggestion]:
    text = ctx.text
    sentence = text[sent.start:sent.end]
    if not _KO_CUE.search(sentence) and not _KO_CUE.search(before):
        return
    for m in _KO_EXPR.finditer(sentence):
        a = m.start("noun") if m.group("noun") else (m.start("pre") if m.group("pre") else m.start("n1"))
        if a > 0 and re.match(r"[가-힣\d]", sentence[a - 1]):
            continue  # inside a word: "열다섯 살" is an age, "3분기" no count
        if _KO_NOT_BEFORE.search(sentence[max(0, a - 24):a]):
            continue
        b = m.end("post") if m.group("post") else m.end()
        n1, n2 = m.group("n1"), m.group("n2")
        value = low = high = None
        vague = n1.replace(" ", "") in numbers.KO_VAGUE
        approximate = vague or bool(m.group("pre") or m.group("yeo") or (m.group("post") and m.group("post") != "이하")
                                    or re.match(r"[을를이]\s?넘", sentence[b:]))
        if n2:
            low, high = numbers.ko_value(n1), numbers.ko_value(n2)
            rule = "figure.ko-count"
            if low is None or high is None:
                continue
        elif vague:
            rule = "figure.ko-vague"
        else:
            value = numbers.ko_value(n1)
            if value is None:
                continue
            rule = "figure.ko-count"
        start, end = sent.start + a, sent.start + b
        fields = _fields(ctx, sent, start, end, value, low, high, approximate, vague, None, True)
        if "unit" not in fields:
            fields["unit"] = m.group("noun") or "명"
        yield Suggestion("figure", start, end, text[start:end], fields, prior(rule), rule)
