"""brat standoff and the HTML report: offsets that check out, fragments, escaping, self-containment."""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from testimonia.core.errors import InvalidInput
from testimonia.core.interop import export
from testimonia.core.interop.brat import fragments

from .interop_helpers import annotated_project
from .store_helpers import ARTICLE, author, new_store, span


def _check_brat(folder: Path) -> dict[str, list[tuple[str, list[tuple[int, int]], str]]]:
    """What brat itself checks when it loads a document: every T span's text is the text at its
    offsets (fragments joined by one space) and no fragment crosses a line break."""
    out = {}
    for ann in sorted(folder.glob("*.ann")):
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        ids: set[str] = set()
        entries = []
        for line in ann.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            assert len(cols) == 3, line
            if cols[0].startswith("T"):
                kind, _, offsets = cols[1].partition(" ")
                frags = [tuple(map(int, f.split())) for f in offsets.split(";")]
                for s, e in frags:
                    assert 0 <= s < e <= len(text) and "\n" not in text[s:e]
                assert cols[2] == " ".join(text[s:e] for s, e in frags)
                ids.add(cols[0])
                entries.append((kind, frags, cols[2]))
            else:
                assert cols[0].startswith("#") and cols[1].startswith("AnnotatorNotes ")
                assert cols[1].split()[1] in ids
        out[ann.stem] = entries
    return out


def test_brat_export_offsets_check_out(tmp_path: Path) -> None:
    store, doc = annotated_project(tmp_path)
    result = export(store, "brat", tmp_path / "brat")
    folder = tmp_path / "brat"
    assert result.annotations == 6 and result.skipped == []
    docs = _check_brat(folder)
    (entries,) = docs.values()
    assert len(entries) == 6
    multi = next(e for e in entries if len(e[1]) == 2)
    assert multi[0] == "Figure" and multi[2].startswith("🙏🏽 대표가 말했다. Rights groups")
    assert {e[0] for e in entries} == {"Statement", "Figure", "Obligation", "Place"}
    conf = (folder / "annotation.conf").read_text(encoding="utf-8")
    assert "[entities]\nFigure\nObligation\nPlace\nStatement\n" in conf
    ann = next(folder.glob("*.ann")).read_text(encoding="utf-8")
    assert "AnnotatorNotes" in ann and "speaker: 탈북민 가족 대표" in ann
    assert "note: Quoted by two outlets. See also 12 May." in ann  # the note's line break became a space
    assert next(folder.glob("*.txt")).read_text(encoding="utf-8") == store.document_text(doc)


def test_brat_refuses_a_folder_holding_other_files(tmp_path: Path) -> None:
    store, _doc = annotated_project(tmp_path)
    folder = tmp_path / "busy"
    folder.mkdir()
    (folder / "mine.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(InvalidInput, match="not empty"):
        export(store, "brat", folder)
    assert [p.name for p in folder.iterdir()] == ["mine.txt"]


@given(st.text(alphabet="ab \n\t가🙏", max_size=40), st.data())
def test_fragments_cover_the_span_except_line_breaks(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    frags = fragments(text, start, end)
    covered = "".join(text[s:e] for s, e in frags)
    assert covered == "".join(ch for ch in text[start:end] if ch not in "\n\t")
    assert all(start <= s < e <= end and "\n" not in text[s:e] for s, e in frags)
    assert all(a[1] < b[0] for a, b in itertools.pairwise(frags))


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_report_groups_by_kind_and_document_and_escapes_everything(tmp_path: Path) -> None:
    store = new_store(tmp_path, title="<script>alert('title')</script>")
    text = ARTICLE + "<img src=x onerror=alert(1)> said the <b>officer</b>.\n"
    doc = store.import_text("Report <i>one</i>", text, author())
    store.add_annotation(doc.uuid, "statement", *span(text, "<img src=x onerror=alert(1)> said the <b>officer</b>"),
                         author(), fields={"speaker": "<script>x</script>"}, note="<a href='http://x'>link</a>")
    store.add_annotation(doc.uuid, "figure", *span(text, "About 60 North Koreans"), author(),
                         fields={"value": 60, "approximate": True})
    store.add_annotation(doc.uuid, "obligation", *span(text, "non-refoulement obligations"), author())
    export(store, "report", tmp_path / "r.html")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    parser = _Collect()
    parser.feed(html)
    tags = {t for t, _ in parser.tags}
    assert tags <= {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "table", "tr", "th",
                    "td", "span", "div", "blockquote", "dl", "dt", "dd"}
    assert not any(k in ("src", "href") for _, attrs in parser.tags for k in attrs)
    assert not re.search(r"url\(|@import|https?://(?!www\.w3\.org)", html.split("<body>")[0])
    shown = "".join(parser.text)
    assert "<img src=x onerror=alert(1)> said the <b>officer</b>" in shown
    assert "<script>x</script>" in shown and "<a href='http://x'>link</a>" in shown
    # Kinds by their display names, built-ins in their usual order.
    assert shown.index("Statement") < shown.index("Figure") < shown.index("Obligation")
    assert "Report <i>one</i>" in shown and "@media print" in html


def test_report_cites_page_numbers_of_paged_documents(tmp_path: Path) -> None:
    from testimonia.core.importers import Extracted
    from testimonia.core.textnorm import sha256_hex

    store = new_store(tmp_path)
    text = "Page one says little.\nOn page two: about 60 North Koreans were held.\n"
    ex = Extracted(text=text, title="Paged report", kind="pdf", source_name="report.pdf",
                   source_sha256=sha256_hex(b"pdf"), text_sha256=sha256_hex(text), page_starts=[0, 22])
    doc = store.import_extracted(ex, author())
    store.add_annotation(doc.uuid, "figure", *span(text, "about 60 North Koreans"), author())
    export(store, "report", tmp_path / "r.html")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Paged report (report.pdf), page 2" in html


def _conf_sections(conf: str) -> dict[str, list[str]]:
    """annotation.conf as brat reads it: "[section]" lines, then one definition per line."""
    sections: dict[str, list[str]] = {}
    current = "general"
    for line in conf.splitlines():
        m = re.match(r"^\s*\[(.*)\]\s*$", line)
        if m:
            current = m.group(1)
            sections.setdefault(current, [])
        elif line.strip() and not line.startswith("#"):
            sections.setdefault(current, []).append(line)
    return sections


def _overlapping_pairs(entries: list[tuple[str, list[tuple[int, int]], str]]) -> int:
    """Pairs brat's verify_annotations.check_textbound_overlap would report (first start, last end)."""
    spans = [(frags[0][0], frags[-1][1]) for _k, frags, _t in entries]
    return sum(1 for a, b in itertools.combinations(spans, 2) if b[0] < a[1] and b[1] > a[0])


def test_brat_configuration_allows_the_overlaps_the_export_holds(tmp_path: Path) -> None:
    store, doc = annotated_project(tmp_path)
    text = store.document_text(doc)
    quote = "“They took 43 people across the bridge at dawn,”"
    store.add_annotation(doc, "obligation", *span(text, quote), author())  # the same span as a statement
    store.add_annotation(doc, "statement", *span(text, "people across the bridge at dawn,” a relative"), author())
    export(store, "brat", tmp_path / "brat")
    (entries,) = _check_brat(tmp_path / "brat").values()
    assert _overlapping_pairs(entries) >= 4  # identical, nested and crossing spans
    sections = _conf_sections((tmp_path / "brat" / "annotation.conf").read_text(encoding="utf-8"))
    # brat forbids overlapping entities unless a rule allows them; <ANY> allows equal, contained and crossing.
    assert sections["relations"] == ["<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>"]
    assert sections["entities"] == ["Figure", "Obligation", "Place", "Statement"]


def test_report_shows_field_names_and_values_in_the_labels_order(tmp_path: Path) -> None:
    store, _doc = annotated_project(tmp_path)
    export(store, "report", tmp_path / "en.html")
    export(store, "report", tmp_path / "ko.html", language="ko")
    shown = {}
    for lang in ("en", "ko"):
        parser = _Collect()
        html = (tmp_path / f"{lang}.html").read_text(encoding="utf-8")
        parser.feed(html)
        shown[lang] = "\n".join(parser.text)
        assert f'<html lang="{lang}">' in html
    en, ko = shown["en"], shown["ko"]
    for key in ("speaker_role", "value_low", "value_high", "duty_bearer", "True", "False"):
        assert key not in en and key not in ko
    assert "<dt>Low</dt><dd>500</dd><dt>High</dt><dd>600</dd><dt>Vague</dt><dd>yes</dd>" in _html(tmp_path, "en")
    assert "<dt>Value</dt><dd>43</dd><dt>Approximate</dt><dd>no</dd>" in _html(tmp_path, "en")
    assert "<dt>Speaker</dt><dd>a relative</dd><dt>Mode</dt><dd>direct</dd>" in _html(tmp_path, "en")
    assert "<dt>최솟값</dt><dd>500</dd><dt>최댓값</dt><dd>600</dd><dt>불분명</dt><dd>예</dd>" in _html(tmp_path, "ko")
    assert "<dt>발언자</dt><dd>a relative</dd><dt>인용 방식</dt><dd>직접 인용</dd>" in _html(tmp_path, "ko")
    assert "<dt>count</dt><dd>3</dd>" in _html(tmp_path, "ko")  # a custom label's own field name
    assert ko.index("진술") < ko.index("수치") < ko.index("의무") and "증거 보고서" in ko and "주석 6개" in ko
    assert "Evidence report" in en and "6 annotations" in en and "Evidence report" not in ko


def _html(folder: Path, lang: str) -> str:
    return (folder / f"{lang}.html").read_text(encoding="utf-8")
