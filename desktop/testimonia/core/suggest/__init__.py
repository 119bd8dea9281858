"""Suggestions: spans the app proposes as statements, figures and obligations, fields filled in.

Pure functions over a text (no Qt, no project): `suggest_text`. What the project has learnt
(accepted, rejected, annotated spans) is applied by `project.py`. Nothing is downloaded or loaded
from outside: every rule lives in these modules.
"""

from __future__ import annotations

from .model import Suggestion

KINDS = ("statement", "figure", "obligation")


def suggest_text(text: str, kinds: tuple[str, ...] | None = None) -> list[Suggestion]:
    """Every suggestion for one text, in text order; `kinds` limits which suggesters run."""
    from . import figures, obligations, statements
    from .context import Context

    ctx = Context(text)
    wanted = kinds or KINDS
    out: list[Suggestion] = []
    if "figure" in wanted:
        out.extend(figures.suggest(ctx))
    if "statement" in wanted:
        out.extend(statements.suggest(ctx))
    if "obligation" in wanted:
        out.extend(obligations.suggest(ctx))
    out.sort(key=lambda s: (s.start, s.end, s.kind))
    return out


__all__ = ["KINDS", "Suggestion", "suggest_text"]
