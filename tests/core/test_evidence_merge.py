"""The evidence register travels through the team merge (core/merge/evidence_kinds.py): union,
last writer wins, deletions and undone merges that travel, memo conflicts kept, originals verified,
hostile rows refused with the project untouched, and the merge laws over random histories."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from testimonia.core import merge
from testimonia.core.errors import InvalidInput, MergeRefused
from testimonia.core.store import Store

from .merge_helpers import snapshot
from .store_helpers import ARTICLE, author, span

ALICE, BOB, CAROL = author("Alice"), author("Bob"), author("Carol")


def register_state(store: Store) -> dict[str, object]:
    """What every member must see alike once all have exchanged everything."""
    reg = store.evidence
    with store._read() as conn:
        tables = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in (
            "entity", "entity_same", "incident_type", "incident", "incident_participant", "annotation_link",
            "annotation_grade", "memo_revision")}
        tables["document_source"] = sorted(
            conn.execute("SELECT coalesce(a.document_uuid, s.document_uuid), outlet, byline, published, url, "
                         "retrieved, language, source_type, reliability, hlc FROM document_source AS s LEFT JOIN "
                         "document_alias AS a ON a.alias_uuid = s.document_uuid").fetchall(), key=repr)
    entities = reg.entities(include_merged=True, include_deleted=True)
    return {"tables": tables, "entities": [e.to_json() for e in entities],
            "incidents": [i.to_json() for i in reg.incidents(include_deleted=True)],
            "memos": [m.to_json() for m in reg.memos()]}


@pytest.fixture
def pair(tmp_path: Path):  # type: ignore[no-untyped-def]
    a = Store.create(tmp_path / "alice.testimonia", "Team", ALICE)
    b = Store.create(tmp_path / "bob.testimonia", "Team", BOB)
    yield a, b
    a.close()
    b.close()


def _case(store: Store) -> dict[str, str]:
    doc = store.import_text("Report", ARTICLE, ALICE)
    fig = store.add_annotation(doc.uuid, "figure", *span(ARTICLE, "About 60 North Koreans"), ALICE,
                               fields={"value": 60, "approximate": True})
    st_ = store.add_annotation(doc.uuid, "statement", *span(ARTICLE, "“We will not send them back to face torture,”"),
                               ALICE, fields={"speaker": "the minister"})
    reg = store.evidence
    minister = reg.add_entity("Foreign minister", "person", ALICE, aliases=["외교부 장관"]).value
    china = reg.add_entity("China", "state", ALICE).value
    inc = reg.add_incident("Shenyang detentions", "arrest or detention", ALICE, date_start="2024-04").value
    reg.add_participant(inc.uuid, china.uuid, "perpetrator", ALICE)
    reg.link_incident(fig.uuid, inc.uuid, ALICE)
    reg.link_entity(st_.uuid, minister.uuid, "speaker", ALICE)
    reg.set_grade(fig.uuid, 2, ALICE)
    reg.set_source(doc.uuid, ALICE, outlet="Daily NK", reliability="B")
    reg.set_memo("incident", inc.uuid, "Two outlets disagree.", ALICE)
    return {"doc": doc.uuid, "fig": fig.uuid, "st": st_.uuid, "minister": minister.uuid, "china": china.uuid,
            "inc": inc.uuid}


def test_the_register_travels_and_converges(pair: tuple[Store, Store]) -> None:
    a, b = pair
    ids = _case(a)
    report = merge.merge(b, a.path, BOB)
    assert report.records["entity"]["new"] == 2 and report.records["annotation_link"]["new"] == 2
    assert register_state(a) == register_state(b)
    assert b.evidence.incident_evidence(ids["inc"])["figure"][0].grade == 2
    # Edits on both sides, then an exchange both ways.
    b.evidence.edit_entity(ids["minister"], BOB, aliases=["외교부 장관", "FM"])
    same = b.evidence.add_entity("PRC", "state", BOB).value
    b.evidence.merge_entities(ids["china"], same.uuid, BOB)
    a.evidence.unlink(a.evidence.links(ids["st"])[0].uuid, ALICE)  # a deletion that must travel
    a.evidence.set_grade(ids["fig"], 3, ALICE)
    merge.merge(a, b.path, ALICE)
    merge.merge(b, a.path, BOB)
    assert register_state(a) == register_state(b)
    assert a.evidence.entity("PRC").uuid == ids["china"] and a.evidence.grade(ids["fig"]) == 3
    assert b.evidence.links(ids["st"]) == []
    # Undoing the entity merge on one side travels too; merging again changes nothing.
    a.evidence.unmerge_entities(ids["china"], ALICE, other="PRC")
    merge.merge(b, a.path, BOB)
    assert b.evidence.entity("PRC").uuid == same.uuid
    before = snapshot(b.path)
    merge.merge(b, a.path, BOB)
    after = snapshot(b.path)
    assert [t for t in before if t[0] != "merge_log" and t[0] != "meta"] == \
        [t for t in after if t[0] != "merge_log" and t[0] != "meta"]


def test_concurrent_memo_edits_are_kept_as_a_conflict(pair: tuple[Store, Store]) -> None:
    a, b = pair
    ids = _case(a)
    merge.merge(b, a.path, BOB)
    a.evidence.set_memo("incident", ids["inc"], "Alice: the 60 is from one outlet.", ALICE)
    b.evidence.set_memo("incident", ids["inc"], "Bob: the 60 was repeated by two.", BOB)
    merge.merge(a, b.path, ALICE)
    merge.merge(b, a.path, BOB)
    memo = a.evidence.memo("incident", ids["inc"])
    assert memo.heads == 2 and {memo.text, *memo.conflict_texts} == {"Alice: the 60 is from one outlet.",
                                                                    "Bob: the 60 was repeated by two."}
    assert b.evidence.memo("incident", ids["inc"]).text == memo.text  # the same winner on both sides
    a.evidence.set_memo("incident", ids["inc"], "Both: check the source.", ALICE)
    merge.merge(b, a.path, BOB)
    assert b.evidence.memo("incident", ids["inc"]).heads == 1


def test_the_project_memo_is_shared_across_files_with_their_own_project_uuids(pair: tuple[Store, Store]) -> None:
    a, b = pair
    assert a.uuid != b.uuid
    a.evidence.set_memo("project", "", "Scope: 2023-2024 returns.", ALICE)
    merge.merge(b, a.path, BOB)
    assert b.evidence.memo("project").text == "Scope: 2023-2024 returns."


def test_originals_travel_and_are_verified(tmp_path: Path, pair: tuple[Store, Store]) -> None:
    a, b = pair
    src = tmp_path / "article.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    doc = a.import_file(src, ALICE)
    merge.merge(b, a.path, BOB)
    assert b.evidence.original(doc.uuid) == src.read_bytes()


def _tampered(a: Store, tmp_path: Path, sql: str, params: tuple[object, ...] = ()) -> Path:
    copy = tmp_path / "tampered.testimonia"
    a.vacuum_into(copy)
    conn = sqlite3.connect(copy)
    conn.execute(sql, params)
    conn.commit()
    conn.close()
    return copy


HOSTILE = [
    ("UPDATE entity SET uuid = 'not-a-uuid' WHERE name = 'China'", "entity"),
    ("UPDATE entity SET type = 'wizard'", "type"),
    ("UPDATE entity SET aliases = json_array(replace(hex(zeroblob(400)), '0', 'a'))", "aliases"),
    ("UPDATE entity SET aliases = '{\"a\": 1}'", "aliases"),
    ("UPDATE annotation_link SET annotation_uuid = '00000000-0000-4000-8000-000000000000'", "annotation"),
    ("UPDATE annotation_link SET role = 'judge' WHERE target_kind = 'entity'", "role"),
    ("UPDATE annotation_grade SET grade = 9", "grade"),
    ("UPDATE annotation_grade SET grade = 'two'", "grade"),
    ("UPDATE incident SET type_uuid = '00000000-0000-4000-8000-000000000000'", "incident type"),
    ("UPDATE incident SET date_start = 'last spring'", "ISO date"),
    ("UPDATE incident SET description = replace(hex(zeroblob(6000)), '0', 'x')", "longer than"),
    ("UPDATE document_source SET reliability = 'Z'", "reliability"),
    ("UPDATE memo_revision SET parents = '[1, 2]'", "parents"),
    ("UPDATE memo_revision SET target_kind = 'galaxy'", "does not know"),
    ("UPDATE incident_participant SET role = 'perpetrator', entity_uuid = "
     "(SELECT uuid FROM entity WHERE name = 'Foreign minister')", "UUID is not the one"),
]


@pytest.mark.parametrize(("sql", "words"), HOSTILE)
def test_hostile_register_rows_are_refused_and_the_project_is_untouched(
        tmp_path: Path, pair: tuple[Store, Store], sql: str, words: str) -> None:
    a, b = pair
    _case(a)
    bad = _tampered(a, tmp_path, sql)
    before = snapshot(b.path)
    with pytest.raises(MergeRefused, match=words) as caught:
        merge.merge(b, bad, BOB)
    assert "tampered.testimonia" in str(caught.value) and "unexpected" not in str(caught.value)
    assert snapshot(b.path) == before


def test_same_as_records_an_entity_with_itself_or_twice_are_refused(tmp_path: Path, pair: tuple[Store, Store]) -> None:
    a, b = pair
    ids = _case(a)
    a.evidence.merge_entities(ids["china"], a.evidence.add_entity("PRC", "state", ALICE).value.uuid, ALICE)
    for sql, words in (("UPDATE entity_same SET other_uuid = keep_uuid", "same as itself"),
                       ("INSERT INTO entity_same SELECT '00000000-0000-4000-8000-0000000000aa', other_uuid, keep_uuid, "
                        "0, hlc, author_uuid FROM entity_same", "UUID is not the one")):
        bad = _tampered(a, tmp_path, sql)
        before = snapshot(b.path)
        with pytest.raises(MergeRefused, match=words):
            merge.merge(b, bad, BOB)
        assert snapshot(b.path) == before
        bad.unlink()


def test_an_altered_original_is_refused(tmp_path: Path, pair: tuple[Store, Store]) -> None:
    a, b = pair
    src = tmp_path / "article.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    a.import_file(src, ALICE)
    bad = _tampered(a, tmp_path, "UPDATE document_original SET data = CAST(replace(CAST(data AS TEXT), 'About 60', "
                                 "'About 90') AS BLOB)")
    before = snapshot(b.path)
    with pytest.raises(MergeRefused, match="SHA-256"):
        merge.merge(b, bad, BOB)
    assert snapshot(b.path) == before


# -- the merge laws over random histories -----------------------------------------------------------------------
EXAMPLES = int(os.environ.get("TESTIMONIA_EVIDENCE_MERGE_EXAMPLES", "12"))
MEMBERS = [ALICE, BOB, CAROL]
NAMES = ["Jung Park", "Jeong Park", "China", "HRW", "정 박"]
STEPS = ["entity", "edit", "delete", "same", "unsame", "incident", "link", "unlink", "grade", "memo", "source",
         "merge", "merge"]
step = st.tuples(st.sampled_from(STEPS), st.integers(0, 2), st.integers(0, 10**6), st.integers(0, 10**6))


def _apply(stores: list[Store], doc: str, anns: list[str], s: tuple[str, int, int, int]) -> None:
    what, who, x, y = s
    store, me = stores[who], MEMBERS[who]
    reg = store.evidence
    ents = reg.entities(include_merged=True)
    incs = reg.incidents()
    try:
        if what == "entity":
            reg.add_entity(NAMES[x % len(NAMES)], ["person", "state", "organisation"][y % 3], me)
        elif what == "edit" and ents:
            reg.edit_entity(ents[x % len(ents)].uuid, me, description=f"note {y % 5}")
        elif what == "delete" and ents:
            reg.delete_entity(ents[x % len(ents)].uuid, me)
        elif what == "same" and len(ents) > 1:
            reg.merge_entities(ents[x % len(ents)].uuid, ents[y % len(ents)].uuid, me)
        elif what == "unsame":
            live = reg.same_as_records()
            if live:
                reg.unmerge_entities(live[x % len(live)].uuid, me)
        elif what == "incident":
            reg.add_incident(f"Incident {x % 3}", ["forced return", "disappearance"][y % 2], me)
        elif what == "link" and ents:
            target = ents[y % len(ents)].uuid
            if incs and x % 2:
                reg.link_incident(anns[x % len(anns)], incs[y % len(incs)].uuid, me)
            else:
                reg.link_entity(anns[x % len(anns)], target, ["speaker", "place"][y % 2], me)
        elif what == "unlink":
            live = reg.links()
            if live:
                reg.unlink(live[x % len(live)].uuid, me)
        elif what == "grade":
            reg.set_grade(anns[x % len(anns)], y % 7, me)
        elif what == "memo":
            reg.set_memo("project", "", f"memo {x % 4} by {me.name}", me)
        elif what == "source":
            reg.set_source(doc, me, reliability="ABCDEF"[x % 6], outlet=["", "Daily NK", "Yonhap"][y % 3])
        elif what == "merge":
            other = (who + 1 + x % 2) % 3
            merge.merge(store, stores[other].path, me)
    except InvalidInput:
        pass  # an operation the register refuses (already the same, nothing to undo): no change


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(history=st.lists(step, min_size=6, max_size=18))
def test_register_merge_is_commutative_idempotent_and_converges(history: list[tuple[str, int, int, int]]) -> None:
    with tempfile.TemporaryDirectory(prefix="testimonia-evidence-prop-") as tmp:
        folder = Path(tmp)
        stores = [Store.create(folder / f"m{i}.testimonia", "Team", MEMBERS[i]) for i in range(3)]
        try:
            doc = stores[0].import_text("Report", ARTICLE, ALICE)
            anns = [stores[0].add_annotation(doc.uuid, "statement", *span(ARTICLE, n), ALICE).uuid
                    for n in ("the minister said", "About 60 North Koreans")]
            for i in (1, 2):
                merge.merge(stores[i], stores[0].path, MEMBERS[i])
            for s in history:
                _apply(stores, doc.uuid, anns, s)
            # Commutativity: A ∪ B and B ∪ A, on fresh copies.
            ab, ba = folder / "ab.testimonia", folder / "ba.testimonia"
            stores[0].vacuum_into(ab)
            stores[1].vacuum_into(ba)
            with Store.open(ab) as x, Store.open(ba) as y:
                merge.merge(x, stores[1].path, ALICE)
                merge.merge(y, stores[0].path, BOB)
                assert register_state(x) == register_state(y)
                once = register_state(x)
                merge.merge(x, stores[1].path, ALICE)  # idempotence
                assert register_state(x) == once
            # Everyone exchanges everything: all converge.
            for _round in range(2):
                for i in range(3):
                    for j in range(3):
                        if i != j:
                            merge.merge(stores[i], stores[j].path, MEMBERS[i])
            states = [register_state(s) for s in stores]
            assert states[0] == states[1] == states[2]
        finally:
            for s in stores:
                s.close()


