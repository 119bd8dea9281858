"""Exchange with other tools: W3C Web Annotation, REFI-QDA, CSV/XLSX, brat and a printable report.

Nothing here imports Qt; the GUI calls export() and the import functions from a worker thread.
The names below load on first use (PEP 562): importing one small helper module of this package
(atomic, tabular) must not import every format's reader and writer (0.9 s of the evidence
table's first opening at 30k documents was that).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import FORMATS, export
    from .importing import ImportReport
    from .refi_import import import_qdpx
    from .selection import ExportResult
    from .w3c_import import import_w3c

_WHERE = {"FORMATS": "api", "export": "api", "ImportReport": "importing", "import_qdpx": "refi_import",
          "ExportResult": "selection", "import_w3c": "w3c_import"}
__all__ = ["FORMATS", "ExportResult", "ImportReport", "export", "import_qdpx", "import_w3c"]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")  # not a message
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
