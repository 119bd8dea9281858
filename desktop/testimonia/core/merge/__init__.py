"""Team merge: the union of another member's project file into this one, all or nothing.

Start with pipeline.py, which reads top to bottom as the merge does. Revisions are immutable and
keyed by UUID, so merging is a set union followed by recomputing the heads of the annotations that
received revisions; any order of exchanges converges. What travels is the registry of record kinds
(kinds.py): a new kind of record is merged by registering it with its checks.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

# The registry of record kinds is filled here, whatever part of the package is imported first
# (an exchange file or the team server's tables read it without the pipeline).
from . import builtin, evidence_kinds  # noqa: F401

if TYPE_CHECKING:
    from .pipeline import IsCancelled, Progress, merge, preview
    from .report import MergeReport
    from .source import file_fingerprint, refuse_special_files

__all__ = ["IsCancelled", "MergeReport", "Progress", "file_fingerprint", "merge", "preview", "refuse_special_files"]

_HOME = {"IsCancelled": "pipeline", "Progress": "pipeline", "merge": "pipeline", "preview": "pipeline",
         "MergeReport": "report", "file_fingerprint": "source", "refuse_special_files": "source"}


def __getattr__(name: str) -> object:
    # Loaded on first use (PEP 562): the process that checks a large file needs the checks, not
    # the pipeline, whose import was 0.1 s of a merge's critical path.
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")  # not a message
    value = getattr(importlib.import_module(f".{_HOME[name]}", __name__), name)
    globals()[name] = value
    return value
