"""The evidence table: one row per annotation, as CSV (UTF-8 with BOM) or XLSX.

Spreadsheets run a cell that starts with = + - @ (and, in some, a tab or carriage return) as a
formula, so a quote like “=HYPERLINK(...)” in a hostile web page could act when a colleague opens
the table. Such text cells get a leading single quote; numbers we typed ourselves stay numbers.
Yes/no fields are written as the words (in the export's language), never as spreadsheet booleans:
LibreOffice turns an XLSX boolean into a =TRUE() formula cell.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any, BinaryIO

from testimonia.core import field_text, labels
from testimonia.core.views import AnnotationView

from .atomic import write_file
from .selection import Progress, Selection, kind_name

BASE_BEFORE = ["document", "source file", "page", "kind", "exact text"]
BASE_AFTER = ["note", "author", "created", "modified", "status", "annotation id", "document id"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_MAX_CELL = 32_767


def neutralise(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


def field_columns(annotations: list[AnnotationView]) -> list[str]:
    """Built-in fields in their defined order for the kinds present, then any others by name."""
    present = {k for a in annotations for k in a.fields}
    ordered: list[str] = []
    for b in labels.BUILTINS:
        ordered += [f.key for f in b.fields if f.key in present and f.key not in ordered]
    ordered += sorted(present - set(ordered))
    return ordered


def _header(fields: list[str]) -> list[str]:
    taken = set(BASE_BEFORE) | set(BASE_AFTER)
    # A custom field called "note" must not be mistaken for the note column.
    return BASE_BEFORE + [f"field: {f}" if f in taken else f for f in fields] + BASE_AFTER


def _status(a: AnnotationView) -> str:
    flags = [s for s, on in (("orphaned", a.orphaned), ("conflict", a.conflict)) if on]
    return ", ".join(flags)


def _cell_value(v: object, language: str) -> object:
    return field_text.yes_no(v, language) if isinstance(v, bool) else v


def rows(sel: Selection, progress: Progress | None = None,
         language: str = field_text.DEFAULT_LANGUAGE) -> tuple[list[str], list[list[Any]]]:
    """Header and typed rows: str, int or float (None for empty cells); yes/no as words."""
    docs = {d.uuid: d for d in sel.documents}
    fields = field_columns(sel.annotations)
    out: list[list[Any]] = []
    total = len(sel.annotations)
    for i, a in enumerate(sel.annotations, 1):
        d = docs[a.document_uuid]
        out.append([
            d.title, d.source_name, a.page, kind_name(a), a.exact,
            *[_cell_value(a.fields.get(f), language) for f in fields],
            a.note, a.creator, a.created, a.modified, _status(a), a.uuid, a.document_uuid,
        ])
        if progress and (i % 500 == 0 or i == total):
            progress(i, total)
    return _header(fields), out


def export_csv(sel: Selection, out: Path, progress: Progress | None,
               language: str = field_text.DEFAULT_LANGUAGE) -> list[str]:
    header, table = rows(sel, progress, language)

    def cell(v: Any) -> str:
        if v is None:
            return ""
        if isinstance(v, int | float):
            return repr(v) if isinstance(v, float) else str(v)
        return neutralise(str(v))

    def write(fh: BinaryIO) -> None:
        text = io.StringIO(newline="")
        w = csv.writer(text, lineterminator="\r\n")
        w.writerow([neutralise(h) for h in header])
        for r in table:
            w.writerow([cell(v) for v in r])
        # The BOM is what makes Excel read UTF-8 (Hangul, curly quotes) instead of the local code page.
        fh.write(text.getvalue().encode("utf-8-sig"))

    write_file(out, write)
    return []


def export_xlsx(sel: Selection, out: Path, progress: Progress | None,
                language: str = field_text.DEFAULT_LANGUAGE) -> list[str]:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font

    header, table = rows(sel, progress, language)
    notes: list[str] = []
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Evidence")
    ws.freeze_panes = "A2"
    widths = {"document": 28, "kind": 12, "exact text": 60, "note": 40}
    for i, h in enumerate(header):
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

    ws.append([text_cell(h, bold) for h in header])
    for r in table:
        ws.append([None if v is None else v if isinstance(v, int | float) else text_cell(str(v)) for v in r])
    ws.auto_filter.ref = f"A1:{_col(len(header) - 1)}{len(table) + 1}"
    if truncated:
        notes.append(f"{truncated} cell(s) longer than {XLSX_MAX_CELL} characters were shortened (an Excel limit)")

    def write(fh: BinaryIO) -> None:
        wb.save(fh)

    write_file(out, write)
    return notes


def _col(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)
