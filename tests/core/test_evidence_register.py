"""The evidence register (core/evidence/): entities and their merges, incidents, links, sources,
grades, memos, and what each operation reports having changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from testimonia.core.errors import InvalidInput, NotFound
from testimonia.core.evidence import EvidenceFilter
from testimonia.core.evidence.memos import PROJECT_MEMO
from testimonia.core.evidence.prefill import prefilled, useful
from testimonia.core.evidence.same_as import canonical_map
from testimonia.core.evidence.vocab import parse_when
from testimonia.core.importers import Extracted
from testimonia.core.textnorm import sha256_hex

from .store_helpers import ARTICLE, author, new_store, span

ME = author()


def _doc(store, text: str = ARTICLE, title: str = "Report", metadata: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    ex = Extracted(text=text, title=title, kind="html", source_name=f"{title}.html", source_sha256=sha256_hex(text),
                   text_sha256=sha256_hex(text), page_starts=None, metadata=metadata or {})
    return store.import_extracted(ex, ME)


def test_entities_with_aliases_in_any_script_are_found_by_any_name(tmp_path: Path) -> None:
    with new_store(tmp_path) as store:
        reg = store.evidence
        op = reg.add_entity("Jeong Park", "person", ME, aliases=["Jung Park", "정 박", "jung park"],
                            description="South Korean official")
        assert op.changes.touches("entity") and op.value.uuid in op.changes.uuids
        assert op.value.aliases == ("Jung Park", "정 박")  # a repeat (any case) is dropped
        assert reg.entity("정 박").uuid == op.value.uuid
        assert reg.entity("JUNG  PARK").uuid == op.value.uuid
        assert [v.uuid for _n, v in reg.complete("park")] == [op.value.uuid]
        assert reg.complete("정")[0][0] == "정 박"
        with pytest.raises(InvalidInput, match="entity type"):
            reg.add_entity("X", "robot", ME)
        with pytest.raises(InvalidInput, match="cannot be empty"):
            reg.add_entity("  ", "person", ME)
        with pytest.raises(NotFound):
            reg.entity("Nobody")


def test_merging_entities_is_recorded_and_undone_and_nothing_is_deleted(tmp_path: Path) -> None:
    with new_store(tmp_path) as store:
        reg = store.evidence
        doc = _doc(store)
        quote = span(ARTICLE, "“We will not send them back to face torture,”")
        ann = store.add_annotation(doc.uuid, "statement", *quote, ME, fields={"speaker": "Jung Park"})
        a = reg.add_entity("Jeong Park", "person", ME).value
        b = reg.add_entity("Jung Park", "person", ME).value
        reg.link_entity(ann.uuid, b.uuid, "speaker", ME)
        merged = reg.merge_entities(a.uuid, b.uuid, ME)
        assert merged.changes.touches("entity_same")
        assert [e.uuid for e in reg.entities()] == [a.uuid]
        assert reg.entity(a.uuid).members == (b.uuid,)
        assert reg.entity(b.uuid).same_as == a.uuid  # still there, pointing at the kept one
        assert reg.entity("Jung Park").uuid == a.uuid  # a name stands for the entry it was merged into
        assert [e.annotation_uuid for e in reg.entity_evidence(a.uuid)] == [ann.uuid]
        assert reg.speakers() == [(a.uuid, 1)]
        with pytest.raises(InvalidInput, match="already the same"):
            reg.merge_entities(b.uuid, a.uuid, ME)
        reg.unmerge_entities(a.uuid, ME, other=b.uuid)
        assert {e.uuid for e in reg.entities()} == {a.uuid, b.uuid}
        assert reg.entity_evidence(a.uuid) == []
        again = reg.merge_entities(a.uuid, b.uuid, ME)
        assert again.value.uuid == merged.value.uuid and not again.value.deleted  # the same record, revived


def test_a_chain_of_merges_keeps_one_entry_and_a_ring_still_has_one(tmp_path: Path) -> None:
    assert canonical_map([("a", "b"), ("b", "c")]) == {"a": "a", "b": "a", "c": "a"}
    ring = canonical_map([("b", "a"), ("c", "b"), ("a", "c")])
    assert set(ring.values()) == {"a"}
    assert canonical_map([("a", "c"), ("b", "c")]) == {"a": "a", "b": "a", "c": "a"}
    with new_store(tmp_path) as store:
        reg = store.evidence
        x, y, z = (reg.add_entity(n, "organisation", ME).value for n in ("HRW", "Human Rights Watch", "휴먼라이츠워치"))
        reg.merge_entities(y.uuid, x.uuid, ME)
        reg.merge_entities(z.uuid, y.uuid, ME)
        assert [e.uuid for e in reg.entities()] == [z.uuid]
        assert set(reg.entity(z.uuid).members) == {x.uuid, y.uuid}


def test_incidents_types_dates_and_participants(tmp_path: Path) -> None:
    with new_store(tmp_path) as store:
        reg = store.evidence
        names = {t.name for t in reg.incident_types()}
        assert {"arrest or detention", "forced return", "disappearance", "punishment after return"} <= names
        china = reg.add_entity("China", "state", ME).value
        group = reg.add_entity("North Korean defectors", "group", ME).value
        start, end, approx = parse_when("~2023-10/2024-04-26")
        op = reg.add_incident("Mass repatriation from Jilin", "Forced return", ME, date_start=start, date_end=end,
                              approximate=approx, place="Jilin, China")
        inc = op.value
        assert (inc.type_name, inc.when, inc.place) == ("forced return", "~2023-10/2024-04-26", "Jilin, China")
        reg.add_participant(inc.uuid, china.uuid, "perpetrator", ME)
        reg.add_participant(inc.uuid, group.uuid, "victim_group", ME)
        reg.add_participant(inc.uuid, group.uuid, "victim_group", ME)  # the same record: still two
        assert [(p.entity_name, p.role) for p in reg.incident(inc.uuid).participants] == [
            ("China", "perpetrator"), ("North Korean defectors", "victim_group")]
        reg.remove_participant(inc.uuid, china.uuid, "perpetrator", ME)
        assert len(reg.incident(inc.uuid).participants) == 1
        with pytest.raises(InvalidInput, match="not a date"):
            reg.add_incident("x", "forced return", ME, date_start="2024-02-30")
        with pytest.raises(InvalidInput, match="ends before"):
            parse_when("2024/2023")
        with pytest.raises(NotFound, match="incident type"):
            reg.add_incident("x", "picnic", ME)
        custom = reg.add_incident_type("Family punishment", ME).value
        assert not custom.seeded and reg.incident_type("family punishment").uuid == custom.uuid
        reg.delete_incident(inc.uuid, ME)
        assert reg.incidents() == [] and reg.incidents(include_deleted=True)[0].deleted


def test_links_grades_and_the_incident_view(tmp_path: Path) -> None:
    with new_store(tmp_path) as store:
        reg = store.evidence
        doc = _doc(store)
        fig = store.add_annotation(doc.uuid, "figure", *span(ARTICLE, "About 60 North Koreans"), ME,
                                   fields={"value": 60, "approximate": True, "unit": "people detained"})
        st = store.add_annotation(doc.uuid, "statement", *span(ARTICLE, "“We will not send them back to face "
                                                                        "torture,”"), ME)
        inc = reg.add_incident("Shenyang detentions", "arrest or detention", ME).value
        op = reg.link_incident(fig.uuid, inc.uuid, ME)
        assert op.changes.touches("annotation_link")
        reg.link_incident(st.uuid, inc.uuid, ME)
        reg.set_grade(fig.uuid, 2, ME)
        groups = reg.incident_evidence(inc.uuid)
        assert [e.annotation_uuid for e in groups["figure"]] == [fig.uuid]
        assert groups["figure"][0].grade == 2 and groups["statement"][0].grade == 0
        assert reg.incident(inc.uuid).evidence_count == 2
        assert [f.annotation_uuid for f in reg.figures(unit="People  Detained")] == [fig.uuid]
        assert reg.figure_units() == [("people detained", 1)]
        with pytest.raises(InvalidInput, match="1 to 6"):
            reg.set_grade(fig.uuid, 7, ME)
        with pytest.raises(NotFound):
            reg.link_incident("00000000-0000-4000-8000-000000000000", inc.uuid, ME)
        link = reg.links(st.uuid)[0]
        reg.unlink(link.uuid, ME)
        assert reg.incident(inc.uuid).evidence_count == 1
        assert reg.links(st.uuid, include_deleted=True)[0].deleted  # the removal is a record that travels
        assert [i.evidence_count for i in reg.incidents()] == [1]
        store.delete_annotation(fig.uuid, ME)
        assert reg.incident_evidence(inc.uuid) == {}
        # A deleted annotation's link stays (it travels), but is no evidence: counted out of the
        # timeline and the incident alike, and its figure out of the units.
        assert reg.incident(inc.uuid).evidence_count == 0 and [i.evidence_count for i in reg.incidents()] == [0]
        assert reg.figure_units() == []


def test_bulk_link_by_speaker_text(tmp_path: Path) -> None:
    with new_store(tmp_path) as store:
        reg = store.evidence
        doc = _doc(store)
        s, e = span(ARTICLE, "“We will not send them back to face torture,”")
        made = [store.add_annotation(doc.uuid, "statement", s, e, ME, fields={"speaker": who}).uuid
                for who in ("Jung Park", "jung  park", "Jeong Park", "Yoon")]
        ent = reg.add_entity("Jeong Park", "person", ME).value
        op = reg.link_by_field("speaker", "Jung Park", ent.uuid, ME)
        assert sorted(op.value) == sorted(made[:2])
        assert reg.link_by_field("speaker", "Jung Park", ent.uuid, ME).value == []  # already linked
        assert {lk.role for lk in reg.links(target=ent.uuid)} == {"speaker"}
        assert reg.field_texts("speaker")[0] == ("Jeong Park", 1) or len(reg.field_texts("speaker")) == 4
        with pytest.raises(InvalidInput, match="not a field"):
            reg.link_by_field("note", "x", ent.uuid, ME)


def test_sources_are_prefilled_from_the_file_and_edited(tmp_path: Path) -> None:
    assert useful("(anonymous)") == "" and useful("Administrator") == "" and useful(" Daily NK ") == "Daily NK"
    with new_store(tmp_path) as store:
        reg = store.evidence
        doc = _doc(store, metadata={"sitename": "Daily NK", "author": "Microsoft Word - draft.docx",
                                    "date": "2024-04-26", "url": "javascript:alert(1)"})
        src = reg.source(doc.uuid)
        assert (src.outlet, src.byline, src.published, src.url, src.language, src.stored) == (
            "Daily NK", "", "2024-04-26", "", "en", False)
        op = reg.set_source(doc.uuid, ME, reliability="b", source_type="NGO report", url="https://example.org/a")
        assert op.value.reliability == "B" and op.value.source_type == "ngo_report" and op.value.outlet == "Daily NK"
        assert op.value.stored
        with pytest.raises(InvalidInput, match="reliability"):
            reg.set_source(doc.uuid, ME, reliability="G")
        with pytest.raises(InvalidInput, match="not a date"):
            reg.set_source(doc.uuid, ME, published="April 2024")
    assert prefilled("d", "not json", "탈북민 강제북송을 중단하라").language == "ko"


def test_memos_keep_concurrent_texts_as_a_conflict(tmp_path: Path) -> None:
    with new_store(tmp_path) as store:
        reg = store.evidence
        assert reg.memo("project").text == ""
        reg.set_memo("project", "", "Check the 2,000 figure.", ME)
        assert reg.memo("project").text == "Check the 2,000 figure."
        # Two heads, as a merge of two members' edits leaves them.
        with store.write_connection() as conn:
            conn.execute("INSERT INTO memo_revision VALUES ('00000000-0000-4000-8000-00000000000a', 'project', ?, ?, "
                         "'Other text', 1, ?)", (PROJECT_MEMO, json.dumps([]), ME.uuid))
        memo = reg.memo("project")
        assert memo.heads == 2 and memo.to_json()["conflict"]
        assert (memo.text, memo.conflict_texts) == ("Check the 2,000 figure.", ("Other text",))
        reg.set_memo("project", "", "Both checked.", ME)
        assert reg.memo("project").heads == 1 and len(reg.memo_history("project")) == 3
        with pytest.raises(InvalidInput):
            reg.set_memo("project", "", "x" * 100_001, ME)
        ent = reg.add_entity("China", "state", ME).value
        reg.set_memo("entity", "China", "Party to the 1951 Convention.", ME)
        assert [m.target_uuid for m in reg.memos()] == [PROJECT_MEMO, ent.uuid]


def test_evidence_filter(tmp_path: Path) -> None:
    with new_store(tmp_path) as store:
        reg = store.evidence
        doc = _doc(store, metadata={"date": "2024-04-26"})
        a = store.add_annotation(doc.uuid, "figure", *span(ARTICLE, "About 60 North Koreans"), ME,
                                 fields={"value": 60, "date": "2023-10"})
        b = store.add_annotation(doc.uuid, "figure", *span(ARTICLE, "between 500 and 600"), ME)
        inc = reg.add_incident("Returns", "forced return", ME).value
        reg.link_incident(a.uuid, inc.uuid, ME)
        reg.set_grade(b.uuid, 3, ME)
        reg.set_source(doc.uuid, ME, source_type="news")
        assert reg.filtered(EvidenceFilter()) is None
        assert reg.filtered(EvidenceFilter(incident=inc.uuid)) == {a.uuid}
        assert reg.filtered(EvidenceFilter(min_grade=3)) == {b.uuid}
        assert reg.filtered(EvidenceFilter(min_grade=2)) == set()
        assert reg.filtered(EvidenceFilter(date_from="2024")) == {b.uuid}  # b's date is the publication's
        assert reg.filtered(EvidenceFilter(date_to="2023-12")) == {a.uuid}
        assert reg.filtered(EvidenceFilter(source_type="news")) == {a.uuid, b.uuid}
        assert reg.filtered(EvidenceFilter(source_type="testimony")) == set()


def test_the_evidence_table_keeps_the_rows_an_export_keeps(tmp_path: Path) -> None:
    """The table's date filter (a SQL function of the walk) and the exports' (EvidenceFilter) are one rule:
    a figure's own date, else the stored source's publication date, else the one the imported file told."""
    from testimonia.core.evidence_rows import DocumentNames, EvidenceQuery, EvidenceWalk

    with new_store(tmp_path) as store:
        reg = store.evidence
        told = _doc(store, title="Told", metadata={"date": "2024-04-26"})  # no stored source: the file's date
        stored = _doc(store, ARTICLE + "Later.\n", title="Stored", metadata={"date": "2020-01-01"})
        reg.set_source(stored.uuid, ME, published="2023-08-14", source_type="news")
        undated = _doc(store, ARTICLE + "Undated.\n", title="Undated")
        own = store.add_annotation(told.uuid, "figure", *span(ARTICLE, "About 60 North Koreans"), ME,
                                   fields={"value": 60, "date": "2023-10"}).uuid
        ids = {"own": own}
        for name, doc in (("told", told), ("stored", stored), ("undated", undated)):
            ids[name] = store.add_annotation(doc.uuid, "statement", *span(ARTICLE, "We will not send them back"),
                                             ME).uuid
        reg.set_grade(ids["stored"], 2, ME)
        labels = [lb.uuid for lb in store.labels()]
        authors = list(store.authors())

        def table(flt: EvidenceFilter) -> set[str]:
            walk = EvidenceWalk(EvidenceQuery(source_type=flt.source_type or "", max_grade=flt.min_grade or 0,
                                              date_from=flt.date_from or "", date_to=flt.date_to or ""),
                                labels, authors)
            rowids: list[int] = []
            while not walk.done:
                rowids += store.evidence_step(walk)
            return {r.uuid for r in store.evidence_rows(rowids, DocumentNames(store.path)).values()}

        everything = set(ids.values())

        def export(flt: EvidenceFilter) -> set[str]:
            kept = reg.filtered(flt)
            return everything if kept is None else kept

        expected = {("2024", None): {"told"}, ("2023", "2023"): {"own", "stored"}, (None, "2023-09"): {"stored"},
                    ("2023-08-14", "2023-10"): {"own", "stored"}, ("2025", None): set(), ("2020", "2020"): set()}
        for (low, high), names in expected.items():
            flt = EvidenceFilter(date_from=low, date_to=high)
            assert table(flt) == export(flt) == {ids[n] for n in names}, (low, high)
        for flt in (EvidenceFilter(date_from="2023", min_grade=2), EvidenceFilter(date_to="2024", source_type="news"),
                    EvidenceFilter()):
            assert table(flt) == export(flt), flt
