"""The evidence table: one row per annotation, as CSV (UTF-8 with BOM) or XLSX.

Spreadsheets run a cell that starts with = + - @ (and, in some, a tab or carriage return) as a
formula, so a quote like “=HYPERLINK(...)” in a hostile web page could act when a colleague opens
the table. Such text cells get a leading single quote; numbers we typed ourselves stay numbers.
Yes/no fields are written as the words (in the export's language), never as spreadsheet booleans:
LibreOffice turns an XLSX boolean into a =TRUE() formula cell.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from testimonia.core import field_text, labels
from testimonia.core.messages import Message
from testimonia.core.views import AnnotationView, DocumentRef

from .atomic import write_file
from .selection import Progress, Scope, Ticker, kind_name

BASE_BEFORE = ["document", "source file", "page", "kind", "exact text"]
BASE_AFTER = ["note", "author", "created", "modified", "status", "annotation id", "document id"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_MAX_CELL = 32_767


def neutralise(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


def field_columns(present: set[str]) -> list[Message]:
    """Built-in fields in their defined order for the kinds present, then any others by name."""
    ordered: list[str] = []
    for b in labels.BUILTINS:
        ordered += [f.key for f in b.fields if f.key in present and f.key not in ordered]
    ordered += sorted(present - set(ordered))
    return ordered


def _header(fields: list[str]) -> list[Message]:
    taken = set(BASE_BEFORE) | set(BASE_AFTER)
    # A custom field called "note" must not be mistaken for the note column.
    return BASE_BEFORE + [f"field: {f}" if f in taken else f for f in fields] + BASE_AFTER


def _status(a: AnnotationView) -> str:
    flags = [s for s, on in (("orphaned", a.orphaned), ("conflict", a.conflict)) if on]
    return ", ".join(flags)


def _cell_value(v: object, language: str) -> object:
    return field_text.yes_no(v, language) if isinstance(v, bool) else v


def header(scope: Scope) -> tuple[list[str], list[str]]:
    """The field columns (one SQL pass over the fields in scope) and the header row."""
    fields = field_columns(scope.field_keys())
    return fields, _header(fields)


def row(a: AnnotationView, doc: DocumentRef, fields: list[str], language: str) -> list[Any]:
    """One typed row: str, int or float (None for empty cells); yes/no as words."""
    return [
        doc.title, doc.source_name, a.page, kind_name(a), a.exact,
        *[_cell_value(a.fields.get(f), language) for f in fields],
        a.note, a.creator, a.created, a.modified, _status(a), a.uuid, a.document_uuid,
    ]


def rows(scope: Scope, fields: list[str], progress: Progress | None, language: str) -> Iterator[list[Any]]:
    tick = Ticker(progress, scope.total)
    for a in scope.annotations():
        yield row(a, scope.document(a.document_uuid), fields, language)
        tick()


def _csv_cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, int | float):
        return repr(v) if isinstance(v, float) else str(v)
    return neutralise(str(v))


def export_csv(scope: Scope, out: Path, progress: Progress | None,
               language: str = field_text.DEFAULT_LANGUAGE) -> list[Message]:
    fields, head = header(scope)

    def write(fh: BinaryIO) -> None:
        # The BOM is what makes Excel read UTF-8 (Hangul, curly quotes) instead of the local code page;
        # utf-8-sig writes it once, at the start.
        text = io.TextIOWrapper(fh, encoding="utf-8-sig", newline="")  # type: ignore[type-var]
        try:
            w = csv.writer(text, lineterminator="\r\n")
            w.writerow([neutralise(h) for h in head])
            for r in rows(scope, fields, progress, language):
                w.writerow([_csv_cell(v) for v in r])
            text.flush()
        finally:
            text.detach()  # the file is write_file's to close

    write_file(out, write)
    return []


def export_xlsx(scope: Scope, out: Path, progress: Progress | None,
                language: str = field_text.DEFAULT_LANGUAGE) -> list[Message]:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font

    fields, head = header(scope)
    notes: list[Message] = []
    # Write-only: each row goes to openpyxl's temporary sheet file as it is appended (inline strings,
    # no shared-string table), so memory stays flat whatever the number of rows.
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Evidence")
    ws.freeze_panes = "A2"
    widths = {"document": 28, "kind": 12, "exact text": 60, "note": 40}
    for i, h in enumerate(head):
        ws.column_dimensions[_col(i)].width = widths.get(h, 16)
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    truncated = 0

    def text_cell(value: str, font: Font | None = None) -> WriteOnlyCell:
        nonlocal truncated
        # XML cannot carry most control characters; openpyxl would refuse the whole workbook.
        value = neutralise(ILLEGAL_CHARACTERS_RE.sub("\ufffd", value))
        if len(value) > XLSX_MAX_CELL:
            value = value[: XLSX_MAX_CELL - 1] + "…"
            truncated += 1
        c = WriteOnlyCell(ws, value=value)
        c.data_type = "s"  # a string, whatever it looks like: never a formula, date or number
        c.alignment = wrap
        if font:
            c.font = font
        return c

    def write(fh: BinaryIO) -> None:
        ws.append([text_cell(h, bold) for h in head])
        n = 0
        for r in rows(scope, fields, progress, language):
            ws.append([None if v is None else v if isinstance(v, int | float) else text_cell(str(v)) for v in r])
            n += 1
        ws.auto_filter.ref = f"A1:{_col(len(head) - 1)}{n + 1}"
        wb.save(fh)

    try:
        write_file(out, write)
    except BaseException:
        _discard_sheet(ws)  # a cancelled or failed export leaves no temporary sheet file behind either
        raise
    if truncated:
        notes.append(Message("1 cell longer than {limit:,} characters was shortened (an Excel limit)",
                             limit=XLSX_MAX_CELL) if truncated == 1 else
                     Message("{count:,} cells longer than {limit:,} characters were shortened (an Excel limit)",
                             count=truncated, limit=XLSX_MAX_CELL))
    return notes


def _discard_sheet(ws: Any) -> None:
    # openpyxl removes its temporary sheet file when it saves, else only when the process exits (the
    # app may run for days); ws.close() ends its rows, but the file's name is not public.
    with contextlib.suppress(Exception):
        ws.close()
    path = getattr(getattr(ws, "_writer", None), "out", None)
    if isinstance(path, str):
        with contextlib.suppress(OSError):
            os.remove(path)


def _col(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)
