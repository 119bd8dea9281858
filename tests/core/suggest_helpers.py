"""Helpers for the suggester tests: run one kind over a short text of our own and look spans up."""

from __future__ import annotations

from testimonia.core import labels
from testimonia.core.suggest import Suggestion, suggest_text


def run(text: str, kind: str) -> list[Suggestion]:
    found = [s for s in suggest_text(text, (kind,)) if s.kind == kind]
    for s in found:
        assert text[s.start:s.end] == s.exact
        assert labels.validate_fields(kind, s.fields) == dict(sorted(s.fields.items()))
    return found


def spans(text: str, kind: str) -> list[str]:
    return [s.exact for s in run(text, kind)]


def one(text: str, kind: str, exact: str) -> Suggestion:
    matches = [s for s in run(text, kind) if s.exact == exact]
    assert matches, f"no {kind} {exact!r} in {[s.exact for s in run(text, kind)]}"
    return matches[0]
