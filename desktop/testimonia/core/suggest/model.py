"""What a suggester proposes: a span, a kind, the fields filled in, a score and the rule that fired."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Suggestion:
    kind: str  # statement | figure | obligation, or a custom label's name (learnt from the project)
    start: int  # code points, end exclusive
    end: int
    exact: str
    fields: dict[str, object] = field(default_factory=dict)
    score: float = 0.5
    rule: str = ""
    document: str = ""  # the document's UUID once the suggestion is for a project
    label_uuid: str = ""

    def to_json(self) -> dict[str, object]:
        """The shape docs/CLI.md promises for `testimonia suggest --json`."""
        return {
            "document": self.document,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "exact": self.exact,
            "fields": self.fields,
            "score": round(self.score, 3),
            "rule": self.rule,
        }


# The rules and their starting scores: a judgement of how reliable each kind of rule is (the tighter
# the pattern, the higher), not a measurement. Every rule was right on the development part of the
# gold set, which the rules were written from, so that says little; the held-out part is not used
# to set anything. A project's own accepts and rejects move them (project.rule_score).
PRIORS: dict[str, float] = {
    "figure.count": 0.9,
    "figure.range": 0.9,
    "figure.vague": 0.8,
    "figure.elided": 0.7,
    "figure.ko-count": 0.9,
    "figure.ko-vague": 0.8,
    "statement.quote": 0.9,
    "statement.quote-continued": 0.8,
    "statement.partial-quote": 0.8,
    "statement.reported": 0.8,
    "statement.according-to": 0.75,
    "statement.urged-to": 0.7,
    "statement.ko-quote": 0.9,
    "statement.ko-reported": 0.8,
    "statement.ko-according-to": 0.75,
    "obligation.duty-noun": 0.8,
    "obligation.duty-clause": 0.7,
    "obligation.membership": 0.75,
    "obligation.principle": 0.7,
    "obligation.modal": 0.6,
    "obligation.ko-duty": 0.75,
    "project.same-text": 0.85,
}


def prior(rule: str) -> float:
    return PRIORS.get(rule, 0.5)
