"""Exchange with other tools: W3C Web Annotation, REFI-QDA, CSV/XLSX, brat and a printable report.

Nothing here imports Qt; the GUI calls export() and the import functions from a worker thread.
"""

from __future__ import annotations

from .api import FORMATS, export
from .selection import ExportResult

__all__ = ["FORMATS", "ExportResult", "export"]
