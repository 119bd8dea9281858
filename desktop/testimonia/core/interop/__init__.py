"""Exchange with other tools: W3C Web Annotation, REFI-QDA, CSV/XLSX, brat and a printable report.

Nothing here imports Qt; the GUI calls export() and the import functions from a worker thread.
"""

from __future__ import annotations

from .api import FORMATS, export
from .importing import ImportReport
from .refi_import import import_qdpx
from .selection import ExportResult
from .w3c_import import import_w3c

__all__ = ["FORMATS", "ExportResult", "ImportReport", "export", "import_qdpx", "import_w3c"]
