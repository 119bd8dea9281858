"""The evidence register: entities, incidents, links from annotations, sources, grades and memos
(issue 12). Tables in core/evidence_models.py; how each kind merges in docs/ARCHITECTURE.md."""

from __future__ import annotations

from .case import EvidenceFilter
from .register import Register
from .views import Changes, EntityView, EvidenceItem, IncidentView, LinkView, MemoView, Op, SourceInfo

__all__ = ["Changes", "EntityView", "EvidenceFilter", "EvidenceItem", "IncidentView", "LinkView", "MemoView",
           "Op", "Register", "SourceInfo"]
