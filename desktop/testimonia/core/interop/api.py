"""The calls the GUI and the CLI make: export(...) and the imports, with their results."""

from __future__ import annotations

from pathlib import Path

from testimonia.core import field_text
from testimonia.core.errors import InvalidInput
from testimonia.core.store import Store

from .selection import ExportResult, FilteredScope, Progress, select

FORMATS = ("w3c", "refi", "csv", "xlsx", "brat", "report", "package")
# Formats whose annotations are located by offsets must not carry orphans (see selection.select).
_OFFSET_FORMATS = {"w3c", "refi", "brat"}


def export(store: Store, fmt: str, out_path: Path | str, *, document: str | None = None,
           kind: str | None = None, progress: Progress | None = None,
           language: str = field_text.DEFAULT_LANGUAGE, curated: bool = False,
           allowed: set[str] | None = None) -> ExportResult:
    """Write the annotations in scope to `out_path` in format `fmt`, atomically.

    `language` ("en" or "ko") is what people read in the file: the report, yes/no cells of the
    table, the lines a REFI-QDA selection's description gives. Keys and values a program reads
    (W3C JSON, REFI-QDA attributes and its fields note, brat types) never depend on it.
    `curated` limits the export to the curated reading (the curator's settled annotations, each
    carrying its `_curation` field: what it settles). `allowed` (the annotations an evidence
    filter keeps, core/evidence/case.py) narrows every format.
    """
    language = field_text.language(language)
    if fmt not in FORMATS:
        raise InvalidInput("unknown export format {fmt!r} (formats: {formats})", fmt=fmt,
                           formats=", ".join(FORMATS))
    out = Path(out_path)
    # One snapshot for the whole file: what it says is the project at one moment, even while the
    # app goes on writing, and the annotations are read as they are written out.
    with store.snapshot() as snap:
        scope = select(store, snap, document=document, kind=kind, offsets_needed=fmt in _OFFSET_FORMATS,
                       curated=curated)
        if allowed is not None and fmt != "package":
            scope = FilteredScope(scope.snap, scope.filter, scope.counts, scope.skipped, allowed)
        result = ExportResult(fmt, out, scope.total, scope.counts.documents, list(scope.skipped))
        if fmt == "w3c":
            from .w3c_export import export_w3c

            export_w3c(store.uuid, store.title, scope, out, progress)
        elif fmt == "refi":
            from .refi_export import export_refi

            export_refi(store, scope, out, progress, language)
            result.documents = len(scope.documents())
        elif fmt in ("csv", "xlsx"):
            from .tabular import export_csv, export_xlsx

            result.skipped += (export_csv if fmt == "csv" else export_xlsx)(scope, out, progress, language)
        elif fmt == "package":
            from testimonia.core.evidence.package import export_package

            result.annotations, result.documents = export_package(store, scope, out, progress, allowed)
        elif fmt == "brat":
            from .brat import export_brat

            result.skipped += export_brat(store, scope, out, progress)
            result.documents = len(scope.documents())
        else:
            from .report_html import export_report, scope_text

            in_scope = {a.uuid for a in scope.annotations() if a.kind == "figure"}
            export_report(store.title, scope, out, progress, scope_text(document, kind, language), language,
                          charts=store.evidence.figure_charts(in_scope))
    return result
