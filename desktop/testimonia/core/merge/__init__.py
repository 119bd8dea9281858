"""Team merge: the union of another member's project file into this one, all or nothing.

Start with pipeline.py, which reads top to bottom as the merge does. Revisions are immutable and
keyed by UUID, so merging is a set union followed by recomputing the heads of the annotations that
received revisions; any order of exchanges converges. What travels is the registry of record kinds
(kinds.py): a new kind of record is merged by registering it with its checks.
"""

from __future__ import annotations

from .pipeline import IsCancelled, Progress, merge, preview
from .report import MergeReport
from .source import file_fingerprint, refuse_special_files

__all__ = ["IsCancelled", "MergeReport", "Progress", "file_fingerprint", "merge", "preview", "refuse_special_files"]
