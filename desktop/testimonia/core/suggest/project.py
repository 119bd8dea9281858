"""Suggestions for a project's documents: the rules, plus what the project itself teaches.

- Once a span has been annotated (or a suggestion accepted), the same words elsewhere in the
  project are suggested with the same label and fields (as INCEpTION's string matcher does):
  "near-identical" means the same word sequence, whatever the case, spacing, punctuation or the
  kind of quotation marks between and around the words.
- A place (document, label, start, end) that was accepted or rejected is never suggested again.
- Each rule's score moves with this project's verdicts: (prior × K + accepted) / (K + accepted +
  rejected), so a rule the researcher keeps rejecting sinks below a bulk-accept threshold.
- A span already annotated with that label (half or more of it) is not suggested.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from .. import labels
from ..views import AnnotationView
from . import KINDS, suggest_text
from .model import Suggestion, prior
from .review import Verdicts, verdicts

if TYPE_CHECKING:
    from ..store import Store

PRIOR_WEIGHT = 4.0  # the prior counts as this many verdicts
LEARNT_RULE = "project.same-text"
_WORD = re.compile(r"\w+")
_EDGE = "“”\"‘’'«»「」『』()[],.;:!?—–- "


def rule_score(rule: str, counts: dict[str, tuple[int, int]]) -> float:
    accepted, rejected = counts.get(rule, (0, 0))
    return (prior(rule) * PRIOR_WEIGHT + accepted) / (PRIOR_WEIGHT + accepted + rejected)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return max(0, inter) / max(a[1] - a[0], b[1] - b[0], 1)


class _Spans:
    """A label's annotated spans in one document, to ask "is half of this already annotated?" quickly."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []
        self.longest = 0
        self._sorted = False

    def add(self, start: int, end: int) -> None:
        self._sorted = False
        self.spans.append((start, end))
        self.longest = max(self.longest, end - start)

    def covers(self, start: int, end: int) -> bool:
        if not self._sorted:
            self.spans.sort()
            self._sorted = True
        i = bisect_left(self.spans, (start - self.longest, -1))
        while i < len(self.spans) and self.spans[i][0] < end:
            if _overlap((start, end), self.spans[i]) >= 0.5:
                return True
            i += 1
        return False


class Patterns:
    """The project's annotated spans as word sequences, with the label and fields to copy."""

    def __init__(self, annotations: list[AnnotationView]) -> None:
        # keyed by the first two words (one for a one-word pattern): "the …" patterns do not all get
        # tried at every "the" of a long report
        self.by_first: dict[tuple[str, ...], list[tuple[tuple[str, ...], AnnotationView]]] = {}
        seen: set[tuple[str, tuple[str, ...]]] = set()
        # The newest annotation of a wording wins: its fields are the researcher's latest word.
        for a in sorted(annotations, key=lambda x: x.modified_hlc, reverse=True):
            if a.deleted or a.conflict:
                continue
            words = tuple(w.lower() for w in _WORD.findall(a.exact))
            if not words or (len(words) < 2 and len(a.exact) < 8) or len(words) > 200:
                continue  # one short word ("40", "hundreds") would match all over the project
            key = (a.label_uuid, words)
            if key in seen:
                continue
            seen.add(key)
            self.by_first.setdefault(words[:2], []).append((words, a))

    def __bool__(self) -> bool:
        return bool(self.by_first)

    def find(self, document: str, text: str) -> list[Suggestion]:
        lowered = text.lower()
        if len(lowered) == len(text):  # nearly always: one lowering of the text, offsets unchanged
            tokens = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(lowered)]
        else:
            tokens = [(m.start(), m.end(), m.group(0).lower()) for m in _WORD.finditer(text)]
        out: list[Suggestion] = []
        for i, (start, _end, word) in enumerate(tokens):
            pair = (word, tokens[i + 1][2]) if i + 1 < len(tokens) else (word,)
            for words, a in (*self.by_first.get(pair, ()), *self.by_first.get((word,), ())):
                if i + len(words) > len(tokens) or any(tokens[i + k][2] != words[k] for k in range(1, len(words))):
                    continue
                s, e = start, tokens[i + len(words) - 1][1]
                s, e = _edges(text, s, e, a.exact)
                if a.document_uuid == document and (s, e) == (a.start, a.end):
                    continue  # the annotation itself
                kind = a.kind if a.kind in labels.KINDS else a.label
                out.append(Suggestion(kind, s, e, text[s:e], dict(a.fields), prior(LEARNT_RULE), LEARNT_RULE,
                                      document, a.label_uuid))
        return out


def _edges(text: str, start: int, end: int, exact: str) -> tuple[int, int]:
    """Take in the marks and punctuation the annotated span had around its words, if the text has them."""
    words = list(_WORD.finditer(exact))
    lead = exact[:words[0].start()] if words else ""
    tail = exact[words[-1].end():] if words else ""
    for ch in reversed(lead):
        if start > 0 and ch in _EDGE and text[start - 1] in _EDGE and not text[start - 1].isspace():
            start -= 1
    for _ch in tail:
        if end < len(text) and text[end] in _EDGE and not text[end].isspace():
            end += 1
    return start, end


def document_suggestions(store: Store, document: str, kinds: tuple[str, ...] | None = None, *,
                         patterns: Patterns | None = None, reviewed: Verdicts | None = None,
                         text: str | None = None) -> list[Suggestion]:
    """What to propose for one document, best first within each place, in text order."""
    document = store.resolve_document(document)
    if text is None:
        text = store.document_text(document)
    if reviewed is None:
        reviewed = verdicts(store)
    if patterns is None:
        patterns = Patterns(store.annotations())
    builtin = tuple(k for k in (kinds or KINDS) if k in labels.KINDS)
    found = [replace(s, document=document, label_uuid=labels.BY_KIND[s.kind].uuid)
             for s in (suggest_text(text, builtin) if builtin else [])]
    if patterns:
        found.extend(s for s in patterns.find(document, text) if kinds is None or s.kind in kinds)
    existing: dict[str, _Spans] = {}
    for row in store.span_rows(document):
        existing.setdefault(row[1], _Spans()).add(row[2], row[3])
    best: dict[tuple[str, int, int], Suggestion] = {}
    for s in found:
        if (document, s.label_uuid, s.start, s.end) in reviewed.places:
            continue
        spans = existing.get(s.label_uuid)
        if spans is not None and spans.covers(s.start, s.end):
            continue
        scored = replace(s, score=round(s.score * rule_score(s.rule, reviewed.counts) / prior(s.rule), 4))
        key = (s.label_uuid, s.start, s.end)
        # The same place from a rule and from the project: the researcher's own fields win.
        if key not in best or (scored.rule == LEARNT_RULE) > (best[key].rule == LEARNT_RULE) or (
                (scored.rule == LEARNT_RULE) == (best[key].rule == LEARNT_RULE) and scored.score > best[key].score):
            best[key] = scored
    return sorted(best.values(), key=lambda x: (x.start, x.end, x.kind))


def project_suggestions(store: Store, document: str | None = None, kinds: tuple[str, ...] | None = None,
                        progress: Callable[[int, int], None] | None = None,
                        cancelled: Callable[[], bool] | None = None) -> list[Suggestion]:
    """Suggestions for one document, or for every document of the project (with progress and cancel)."""
    reviewed = verdicts(store)
    patterns = Patterns(store.annotations())
    docs = [store.resolve_document(document)] if document else [d.uuid for d in store.documents()]
    out: list[Suggestion] = []
    for i, doc in enumerate(docs):
        if cancelled is not None and cancelled():
            break
        out.extend(document_suggestions(store, doc, kinds, patterns=patterns, reviewed=reviewed))
        if progress is not None:
            progress(i + 1, len(docs))
    return out
