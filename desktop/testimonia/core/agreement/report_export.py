"""The agreement report as a file: printable HTML, CSV (UTF-8 with BOM) or XLSX.

Same content in each: every measure with its interval, field agreement, the figures per
document, and the list of disagreements with their text. What people read is in English or
Korean; measure keys stay as in the CLI's JSON. Text from the project (titles, quotes, names)
is escaped in HTML and neutralised in spreadsheets (interop.tabular.neutralise) like every
other export, and files are written atomically.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import BinaryIO

from testimonia import __version__
from testimonia.core import field_text
from testimonia.core.errors import InvalidInput
from testimonia.core.interop.atomic import write_file
from testimonia.core.interop.tabular import XLSX_MAX_CELL, neutralise

from .report import AgreementReport

FORMATS = ("html", "csv", "xlsx")

NAMES = {
    "u_alpha": ("uα: boundaries and labels", "uα: 경계와 레이블"),
    "binary_u_alpha": ("|uα: boundaries only", "|uα: 경계만"),
    "cu_alpha": ("cuα: labels of the units both marked", "cuα: 함께 표시한 단위의 레이블"),
    "k_u_alpha": ("(k)uα: this label's stretches", "(k)uα: 이 레이블의 구간"),
    "alpha_u_2004": ("αu (2004, as DKPro/INCEpTION)", "αu (2004, DKPro/INCEpTION 방식)"),
    "precision": ("precision (first against second)", "정밀도 (첫째를 둘째에 대해)"),
    "recall": ("recall (first against second)", "재현율 (첫째를 둘째에 대해)"),
    "f1": ("F1, overlap", "F1, 겹침"),
    "exact_f1": ("F1, exact boundaries", "F1, 정확한 경계"),
    "nvivo_agreement": ("NVivo % agreement per character", "NVivo 글자별 일치율"),
    "nvivo_kappa": ("NVivo kappa per character", "NVivo 글자별 카파"),
    "qualcoder_kappa": ("QualCoder kappa", "QualCoder 카파"),
}
_KO = {
    "Agreement between annotators": "주석자 간 일치도",
    "generated {when} by Testimonia {version}": "Testimonia {version}에서 {when}에 만듦",
    "Measures": "측정값",
    "annotators": "주석자", "label": "레이블", "measure": "측정", "value": "값", "low": "하한", "high": "상한",
    "all labels": "모든 레이블",
    "Field agreement on matched spans": "짝지어진 구간의 필드 일치도",
    "field": "필드", "metric": "척도", "units": "단위 수",
    "Per document": "문서별", "document": "문서",
    "Disagreements": "불일치", "kind": "종류", "where": "위치", "fields": "필드", "text": "텍스트",
    "Warnings": "경고",
    "missing": "빠짐", "boundary": "경계 다름", "label differs": "레이블 다름", "fields differ": "필드 다름",
    "No disagreements.": "불일치가 없습니다.",
    "intervals: {level:.0%} bootstrap, {samples} samples, seed {seed}; spans match at overlap ≥ {overlap}":
        "구간: {level:.0%} 부트스트랩, 표본 {samples}개, 시드 {seed}; 겹침 ≥ {overlap}이면 짝",
    "NVIVO_NOTE": (
        "NVivo's percent agreement counts text nobody coded as agreement, so in mostly uncoded text it "
        "stays near 100 % even when the coders never mark the same passage; its kappa treats every character "
        "as a separate decision. The unitizing alphas compare the units themselves."),
}
_KO["NVIVO_NOTE_KO"] = (
    "NVivo의 일치율은 아무도 코딩하지 않은 텍스트도 일치로 셉니다. 그래서 대부분 코딩되지 않은 텍스트에서는 "
    "코더들이 같은 구절을 한 번도 표시하지 않아도 100 %에 가깝게 나옵니다. 카파도 글자 하나하나를 따로 된 "
    "판단으로 봅니다. 단위화 알파는 단위 자체를 비교합니다.")
KIND_WORDS = {"missing": "missing", "boundary": "boundary", "label": "label differs", "fields": "fields differ"}


def _say(language: str, english: str, **values: object) -> str:
    if english == "NVIVO_NOTE":
        text = _KO["NVIVO_NOTE_KO"] if language == "ko" else _KO["NVIVO_NOTE"]
    else:
        text = _KO.get(english, english) if language == "ko" else english
    return text.format(**values)


def measure_name(key: str, language: str) -> str:
    en, ko = NAMES.get(key, (key, key))
    return ko if language == "ko" else en


def _num(x: object) -> str:
    return "" if x is None else f"{float(x):.4f}"  # type: ignore[arg-type]


def tables(report: AgreementReport, language: str) -> dict[str, tuple[list[str], list[list[object]]]]:
    say = lambda s: _say(language, s)  # noqa: E731
    measures, fields, docs, dis = [], [], [], []
    for s in report.sets:
        who = " & ".join(s.names)
        for key, est in s.measures.items():
            measures.append([who, say("all labels"), measure_name(key, language), est.value, est.low, est.high])
        for label, ms in s.per_label.items():
            for key, est in ms.items():
                measures.append([who, label, measure_name(key, language), est.value, est.low, est.high])
        for label, fs in s.fields.items():
            for key, f in fs.items():
                fields.append([who, label, key, f["metric"], f["units"], f["value"], f["low"], f["high"]])
        for d in s.per_document:
            docs.append([who, d["title"], d["u_alpha"], d["binary_u_alpha"], d["cu_alpha"]])
    for d in report.disagreements:
        where = " / ".join("—" if x is None else f"{x.start}–{x.end}" for x in (d.a, d.b))
        dis.append([say(KIND_WORDS.get(d.kind, d.kind)), d.title, d.label, " & ".join(d.annotators), where,
                    ", ".join(d.fields), d.text])
    return {
        "Measures": ([say("annotators"), say("label"), say("measure"), say("value"), say("low"), say("high")],
                     measures),
        "Field agreement on matched spans": ([say("annotators"), say("label"), say("field"), say("metric"),
                                              say("units"), say("value"), say("low"), say("high")], fields),
        "Per document": ([say("annotators"), say("document"), measure_name("u_alpha", language),
                          measure_name("binary_u_alpha", language), measure_name("cu_alpha", language)], docs),
        "Disagreements": ([say("kind"), say("document"), say("label"), say("annotators"), say("where"),
                           say("fields"), say("text")], dis),
    }


def export_agreement(report: AgreementReport, fmt: str, out: Path | str,
                     language: str = field_text.DEFAULT_LANGUAGE) -> None:
    language = field_text.language(language)
    out = Path(out)
    if fmt not in FORMATS:
        raise InvalidInput("unknown report format {fmt!r} (formats: {formats})", fmt=fmt, formats=", ".join(FORMATS))
    if fmt == "html":
        data = render_html(report, language).encode("utf-8")
        write_file(out, lambda fh: fh.write(data))
    elif fmt == "csv":
        write_file(out, lambda fh: _write_csv(report, language, fh))
    else:
        _write_xlsx(report, language, out)


def _scope(report: AgreementReport, language: str) -> str:
    o = report.options
    return _say(language, "intervals: {level:.0%} bootstrap, {samples} samples, seed {seed}; spans match at "
                "overlap ≥ {overlap}", level=0.95, samples=o.samples, seed=o.seed, overlap=o.overlap)


def render_html(report: AgreementReport, language: str) -> str:
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    title = _say(language, "Agreement between annotators")
    generated = _say(language, "generated {when} by Testimonia {version}", when=when, version=__version__)
    parts = [
        "<!DOCTYPE html>", f'<html lang="{language}"><head><meta charset="utf-8">',
        f"<title>{escape(report.project)} — {escape(title)}</title>",
        "<style>body{font-family:sans-serif;margin:2em auto;max-width:60em;line-height:1.4}"
        "table{border-collapse:collapse;font-size:.9em;margin:.5em 0 1.5em}"
        "td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}"
        "td.n{text-align:right;font-variant-numeric:tabular-nums}.meta{color:#555;font-size:.9em}"
        "td.t{white-space:pre-wrap}</style></head><body>",
        f"<h1>{escape(report.project)} — {escape(title)}</h1>",
        f'<p class="meta">{escape(generated)}<br>{escape(_scope(report, language))}</p>',
        f'<p class="meta">{escape(_say(language, "NVIVO_NOTE"))}</p>',
    ]
    if report.warnings:
        parts.append(f"<h2>{escape(_say(language, 'Warnings'))}</h2><ul>")
        parts += [f"<li>{escape(w.render(language))}</li>" for w in report.warnings]
        parts.append("</ul>")
    for heading, (header, rows) in tables(report, language).items():
        parts.append(f"<h2>{escape(_say(language, heading))}</h2>")
        if not rows:
            parts.append(f"<p>{escape(_say(language, 'No disagreements.'))}</p>" if heading == "Disagreements"
                         else "<p>—</p>")
            continue
        parts.append("<table><tr>" + "".join(f"<th>{escape(h)}</th>" for h in header) + "</tr>")
        for r in rows:
            cells = []
            for i, v in enumerate(r):
                if isinstance(v, float) or (v is None and i >= 3 and heading != "Disagreements"):
                    cells.append(f'<td class="n">{_num(v)}</td>')
                else:
                    cls = ' class="t"' if heading == "Disagreements" and i == len(r) - 1 else ""
                    cells.append(f"<td{cls}>{escape('' if v is None else str(v))}</td>")
            parts.append("<tr>" + "".join(cells) + "</tr>")
        parts.append("</table>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _write_csv(report: AgreementReport, language: str, fh: BinaryIO) -> None:
    text = io.StringIO(newline="")
    w = csv.writer(text, lineterminator="\r\n")
    for heading, (header, rows) in tables(report, language).items():
        w.writerow([neutralise(_say(language, heading))])
        w.writerow([neutralise(h) for h in header])
        for r in rows:
            w.writerow(["" if v is None else (repr(v) if isinstance(v, float) else str(v) if isinstance(v, int)
                                              else neutralise(str(v))) for v in r])
        w.writerow([])
    fh.write(text.getvalue().encode("utf-8-sig"))


def _write_xlsx(report: AgreementReport, language: str, out: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    wb = Workbook(write_only=True)
    for heading, (header, rows) in tables(report, language).items():
        ws = wb.create_sheet(_say(language, heading)[:31])

        def text_cell(value: str, sheet=ws) -> WriteOnlyCell:  # type: ignore[no-untyped-def]
            value = neutralise(ILLEGAL_CHARACTERS_RE.sub("\ufffd", value))[:XLSX_MAX_CELL]
            c = WriteOnlyCell(sheet, value=value)
            c.data_type = "s"
            return c

        ws.append([text_cell(h) for h in header])
        for r in rows:
            ws.append([None if v is None else v if isinstance(v, int | float) else text_cell(str(v)) for v in r])

    def write(fh: BinaryIO) -> None:
        wb.save(fh)

    write_file(out, write)
