"""A self-contained, printable HTML evidence report: grouped by kind, then by document.

Every piece of user or document text goes through html.escape; the page loads nothing (no links to
style sheets, scripts, fonts or images) and says so in its Content-Security-Policy, so it opens
the same offline, in an e-mail attachment viewer, or printed to PDF. It is written for people, in
English or Korean: built-in kinds, field titles, choices and yes/no come from core/field_text.py,
in each label's field order, and the report's own sentences from _KOREAN below.
"""

from __future__ import annotations

import shutil
import tempfile
from contextlib import ExitStack
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import IO, BinaryIO

from testimonia import __version__
from testimonia.core import field_text, labels
from testimonia.core.views import AnnotationView

from .atomic import write_file
from .selection import Progress, Scope, Ticker, kind_name

SPOOL_BYTES = 256 * 1024  # a kind's part stays in memory up to this, then moves to a temporary file

# The report's own sentences; {name} fields are filled after translation.
_KOREAN = {
    "{title} — evidence report": "{title} — 증거 보고서",
    "Evidence report": "증거 보고서",
    "{count} annotation": "주석 {count}개",
    "{count} annotations": "주석 {count}개",
    "generated {when} by Testimonia {version}": "Testimonia {version}에서 {when}에 만듦",
    "document {name}": "문서 {name}",
    "kind {name}": "종류 {name}",
    "all documents, all kinds": "모든 문서, 모든 종류",
    "Kind": "종류",
    "Annotations": "주석",
    "No annotations in scope.": "이 범위에는 주석이 없습니다.",
    ", page {page}": ", {page}쪽",
    ", characters {start}–{end}": ", {start}–{end}번째 글자",
    "orphaned: the quote is no longer found in the text": "위치 잃음: 인용문을 텍스트에서 더 이상 찾을 수 없습니다",
    "conflicting edits not yet resolved": "충돌: 서로 다른 수정이 아직 해결되지 않았습니다",
    "Figures compared": "수치 비교",
    "incident: {name}": "사건: {name}",
    "unit: {name}": "단위: {name}",
    "{count} figure without a date or a number is not drawn": "날짜나 수가 없는 수치 {count}개는 그리지 않았습니다",
    "{count} figures without a date or a number are not drawn": "날짜나 수가 없는 수치 {count}개는 그리지 않았습니다",
    "hollow: hedged (about, over); dashed: vague (hundreds); a bar: a low–high range":
        "속이 빈 표시: 어림수(약, 이상), 점선: 막연한 수(수백), 막대: 최저–최고 범위",
}

CSS = """
body { font-family: "Noto Serif", "Noto Serif KR", Georgia, "Malgun Gothic", serif; margin: 2em auto;
       max-width: 46em; line-height: 1.45; color: #111; }
h1 { font-size: 1.6em; margin-bottom: .2em; }
h2 { font-size: 1.3em; border-bottom: 2px solid #444; margin-top: 2em; }
h3 { font-size: 1.05em; margin: 1.4em 0 .4em; }
.meta, .src { color: #555; font-size: .85em; }
.kind { display: inline-block; width: .8em; height: .8em; border-radius: 2px; margin-right: .4em; }
blockquote { margin: .6em 0 .2em; padding: .2em .8em; border-left: 4px solid #bbb; white-space: pre-wrap; }
.item { margin: 0 0 1.2em; page-break-inside: avoid; break-inside: avoid; }
dl { margin: .2em 0; font-size: .9em; display: grid; grid-template-columns: max-content 1fr; gap: 0 .8em; }
dt { color: #555; } dd { margin: 0; }
.note { font-size: .9em; white-space: pre-wrap; }
.flag { color: #a00; font-weight: bold; }
table.summary { border-collapse: collapse; font-size: .9em; }
table.summary td, table.summary th { border: 1px solid #ccc; padding: .2em .6em; text-align: left; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2 { page-break-before: always; break-before: page; }
  h2:first-of-type { page-break-before: avoid; break-before: avoid; }
  a { color: inherit; text-decoration: none; }
}
@page { margin: 18mm 16mm; }
"""


def _say(language: str, english: str, **values: object) -> str:
    text = _KOREAN.get(english, english) if language == "ko" else english
    return text.format(**values)


def scope_text(document: str | None, kind: str | None, language: str) -> str:
    parts = []
    if document:
        parts.append(_say(language, "document {name}", name=document))
    if kind:
        parts.append(_say(language, "kind {name}", name=field_text.kind_name(kind, language)))
    return ", ".join(parts) or _say(language, "all documents, all kinds")


def _order(counts: dict[str, int]) -> list[tuple[str, str, int]]:
    """(kind or custom label name, colour, count) with built-in kinds first in their usual order."""
    colours = {b.kind: b.color for b in labels.BUILTINS}
    order = [b.kind for b in labels.BUILTINS if b.kind in counts] + sorted(k for k in counts if k not in colours)
    return [(k, colours.get(k, "#999999"), counts[k]) for k in order]


def _item(a: AnnotationView, source: str, language: str) -> str:
    where = escape(source)
    if a.page is not None:
        where += escape(_say(language, ", page {page}", page=a.page))
    where += escape(_say(language, ", characters {start}–{end}", start=a.start, end=a.end))
    parts = [f'<div class="item"><blockquote>{escape(a.exact)}</blockquote>', f'<div class="src">{where}</div>']
    if a.fields:
        rows = "".join(f"<dt>{escape(title)}</dt><dd>{escape(value)}</dd>"
                       for title, value in field_text.field_rows(a.kind, a.fields, language))
        parts.append(f"<dl>{rows}</dl>")
    if a.note:
        parts.append(f'<div class="note">{escape(a.note)}</div>')
    flags = [_say(language, f) for f, on in (("orphaned: the quote is no longer found in the text", a.orphaned),
                                             ("conflicting edits not yet resolved", a.conflict)) if on]
    if flags:
        parts.append(f'<div class="flag">{escape("; ".join(flags))}</div>')
    parts.append(f'<div class="meta">{escape(a.creator)}, {escape(a.created)} · {escape(a.uuid)}</div></div>')
    return "\n".join(parts)


def write_report(fh: BinaryIO, title: str, scope: Scope, where: str, progress: Progress | None = None,
                 language: str = field_text.DEFAULT_LANGUAGE, spool_dir: Path | None = None,
                 charts: list[tuple[str, str, object]] | None = None) -> None:
    """The report, grouped by kind and then by document. Annotations come in document order, so
    each kind's part is written to a spool file of its own as they come (on disk past a few hundred
    kilobytes) and the parts are copied out in kind order at the end: one pass, flat memory."""
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    groups = _order(scope.kind_counts())
    n = scope.total
    count = _say(language, "{count} annotation" if n == 1 else "{count} annotations", count=n)
    made = _say(language, "generated {when} by Testimonia {version}", when=now, version=__version__)
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(language)}"><head><meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(_say(language, '{title} — evidence report', title=title))}</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">{escape(_say(language, "Evidence report"))} · {escape(where)} · {escape(count)} · '
        f"{escape(made)}</p>",
    ]

    def shown(kind: str) -> str:
        return field_text.kind_name(kind, language)

    if groups:
        cells = "".join(f'<tr><td><span class="kind" style="background:{escape(c)}"></span>{escape(shown(k))}</td>'
                        f"<td>{items}</td></tr>" for k, c, items in groups)
        head.append(f'<table class="summary"><tr><th>{escape(_say(language, "Kind"))}</th>'
                    f'<th>{escape(_say(language, "Annotations"))}</th></tr>{cells}</table>')
    else:
        head.append(f"<p>{escape(_say(language, 'No annotations in scope.'))}</p>")
    head += _charts(charts or [], language)
    fh.write("".join(line + "\n" for line in head).encode("utf-8"))

    tick = Ticker(progress, n)
    with ExitStack() as stack:
        parts: dict[str, IO[bytes]] = {}
        last_doc: dict[str, str] = {}
        for a in scope.annotations():
            kind = kind_name(a)
            part = parts.get(kind)
            if part is None:
                part = parts[kind] = stack.enter_context(tempfile.SpooledTemporaryFile(SPOOL_BYTES, dir=spool_dir))
            d = scope.document(a.document_uuid)
            if last_doc.get(kind) != d.uuid:
                last_doc[kind] = d.uuid
                part.write(f"<h3>{escape(d.title)}</h3>\n".encode())
            source = f"{d.title} ({d.source_name})" if d.source_name and d.source_name != d.title else d.title
            part.write((_item(a, source, language) + "\n").encode())
            tick()
        for kind, colour, _count in groups:
            fh.write(f'<h2><span class="kind" style="background:{escape(colour)}"></span>{escape(shown(kind))}'
                     "</h2>\n".encode())
            part = parts.get(kind)
            if part is None:
                continue
            part.seek(0)
            shutil.copyfileobj(part, fh)
    fh.write(b"</body></html>\n")


def _charts(charts: list[tuple[str, str, object]], language: str) -> list[str]:
    """The figures compared, as inline SVG (core/evidence/chart.py): prints, and needs nothing loaded.
    Each chart is (what it is of: "incident" or "unit", its name, its layout)."""
    from testimonia.core.evidence.chart import svg

    if not charts:
        return []
    legend = "hollow: hedged (about, over); dashed: vague (hundreds); a bar: a low–high range"
    out = [f"<h2>{escape(_say(language, 'Figures compared'))}</h2>",
           f'<p class="meta">{escape(_say(language, legend))}</p>']
    for what, name, lay in charts:
        caption = _say(language, "incident: {name}" if what == "incident" else "unit: {name}", name=name)
        out.append(f"<h3>{escape(caption)}</h3>")
        out.append(svg(lay, caption=caption))  # type: ignore[arg-type]
        left = lay.left_out  # type: ignore[attr-defined]
        if left:
            sentence = ("{count} figure without a date or a number is not drawn" if left == 1
                        else "{count} figures without a date or a number are not drawn")
            out.append(f'<p class="meta">{escape(_say(language, sentence, count=left))}</p>')
    return out


def export_report(title: str, scope: Scope, out: Path, progress: Progress | None, where: str,
                  language: str = field_text.DEFAULT_LANGUAGE,
                  charts: list[tuple[str, str, object]] | None = None) -> None:
    def write(fh: BinaryIO) -> None:
        write_report(fh, title, scope, where, progress, language, spool_dir=out.parent, charts=charts)

    write_file(out, write)
