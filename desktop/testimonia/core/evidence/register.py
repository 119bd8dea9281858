"""The evidence register of one project: `Register(store)`, or `store.evidence`.

Each operation is one transaction and returns an Op: the value and what changed (views.Changes),
so the app refreshes only the views that show those records and its undo stack knows what to undo.
"""

from __future__ import annotations

from .case import CaseOps
from .entities import EntityOps
from .incidents import IncidentOps
from .links import LinkOps
from .memos import MemoOps
from .originals import OriginalOps
from .sources import SourceOps


class Register(EntityOps, IncidentOps, LinkOps, SourceOps, MemoOps, CaseOps, OriginalOps):
    pass
