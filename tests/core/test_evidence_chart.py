"""The figures chart's layout (core/evidence/chart.py) and its SVG in the HTML report."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

from testimonia.core.evidence.chart import layout, svg
from testimonia.core.evidence.views import EvidenceItem, SourceInfo
from testimonia.core.interop import export

from .store_helpers import author, new_store

ME = author()


def _item(uid: str, fields: dict[str, object], outlet: str, published: str = "") -> EvidenceItem:
    return EvidenceItem(uid, "d", "Doc", "figure", "Figure", 0, 1, f"text {uid}", fields, 0,
                        SourceInfo("d", outlet=outlet, published=published))


def test_points_bars_colours_and_marks() -> None:
    items = [
        _item("a", {"value": 60, "approximate": True, "date": "2024-04-26"}, "Daily NK"),
        _item("b", {"value_low": 500, "value_high": 600, "date": "2023"}, "HRW"),
        _item("c", {"value_high": 1000, "vague": True}, "HRW", published="2024-05-01"),
        _item("d", {"value": 2000, "date": "someday"}, "UN"),  # no date it can place
        _item("e", {"unit": "people"}, "UN", published="2024"),  # no number
    ]
    lay = layout(items)
    assert lay.left_out == 2
    by = {m.annotation_uuid: m for m in lay.marks}
    assert not by["a"].is_bar and by["a"].hedged and by["b"].is_bar and by["c"].vague
    assert by["b"].x1 > by["b"].x0  # a year is a period
    assert by["a"].color != by["b"].color == by["c"].color
    assert all(0 <= m.x0 <= m.x1 <= 1 and 0 <= m.y0 <= m.y1 <= 1 for m in lay.marks)
    assert by["c"].y0 > by["b"].y1 > by["a"].y0
    assert [name for name, _c in lay.sources] == ["HRW", "Daily NK"]  # in date order of first appearance
    assert "“text a”" in by["a"].tooltip and "hedged" in by["a"].tooltip
    picture = svg(lay, caption="Returns <2024>")
    tree = ElementTree.fromstring(picture)  # well-formed, user text escaped
    assert tree.tag.endswith("svg") and "Returns <2024>" in picture.replace("&lt;", "<").replace("&gt;", ">")
    assert layout([]).marks == ()


def test_the_report_draws_the_figures_of_each_incident_as_svg(tmp_path: Path) -> None:
    text = "About 60 North Koreans were detained in April, and between 500 and 600 were returned last year.\n"
    with new_store(tmp_path) as store:
        doc = store.import_text("Report", text, ME)
        reg = store.evidence
        inc = reg.add_incident("Returns & <detentions>", "forced return", ME).value
        for needle, fields in (("About 60 North Koreans", {"value": 60, "approximate": True, "date": "2024-04",
                                                           "unit": "people"}),
                               ("between 500 and 600", {"value_low": 500, "value_high": 600, "date": "2023",
                                                        "unit": "people"})):
            i = text.index(needle)
            ann = store.add_annotation(doc.uuid, "figure", i, i + len(needle), ME, fields=fields)
            reg.link_incident(ann.uuid, inc.uuid, ME)
        out = tmp_path / "report.html"
        export(store, "report", out, language="ko")
    page = out.read_text(encoding="utf-8")
    assert "수치 비교" in page and page.count("<svg") == 2  # the incident's chart and the unit's
    assert "Returns &amp; &lt;detentions&gt;" in page and "<detentions>" not in page
    assert "<script" not in page
