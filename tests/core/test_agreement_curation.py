"""The curated reading: accept, merge, reject, bulk accept, progress, and how it travels."""

from __future__ import annotations

import pytest

from testimonia.core.agreement import curation
from testimonia.core.agreement.curation_marks import CURATION_FIELD, is_curated, parse
from testimonia.core.agreement.report import Options, compute
from testimonia.core.errors import InvalidInput
from testimonia.core.merge import merge as merge_file

from .agreement_helpers import JOON, MINJI, coded_project
from .store_helpers import author

CURATOR = author("Hana")


def _disagreement(report, kind):
    return next(d for d in report.disagreements if d.kind == kind)


def test_accept_copies_one_version_and_leaves_the_originals(tmp_path):
    store, _ = coded_project(tmp_path)
    with store:
        before = {a.uuid: a.revision_uuid for a in store.annotations()}
        d = _disagreement(compute(store, Options(samples=0)), "boundary")
        chosen = d.a if d.a.annotator == MINJI.uuid else d.b
        other = d.b if chosen is d.a else d.a
        c = curation.accept(store, CURATOR, chosen.uuid, [other.uuid])
        assert (c.start, c.end, c.creator) == (chosen.start, chosen.end, "Hana")
        assert parse(c.fields[CURATION_FIELD]) == ("accept", sorted([chosen.uuid, other.uuid]))
        assert {k: v for k, v in c.fields.items() if k != CURATION_FIELD} == chosen.fields
        after = {a.uuid: a.revision_uuid for a in store.annotations() if not is_curated(a.fields)}
        assert after == before  # no coding gained a revision
        # the curated reading is not a coder: the comparison is unchanged
        assert [set(s.names) for s in compute(store, Options(samples=0)).sets] == [{"Joon", "Min-ji"}]


def test_merge_takes_outer_bounds_and_fixes_fields(tmp_path):
    store, _ = coded_project(tmp_path)
    with store:
        d = _disagreement(compute(store, Options(samples=0)), "boundary")
        c = curation.merge(store, CURATOR, [d.a.uuid, d.b.uuid], fields={"unit": "North Korean defectors"})
        assert (c.start, c.end) == (min(d.a.start, d.b.start), max(d.a.end, d.b.end))
        assert c.fields["unit"] == "North Korean defectors"
        fixed = store.edit_annotation(c.uuid, CURATOR, fields={"value": 61})
        assert fixed.fields["value"] == 61 and is_curated(fixed.fields)  # an ordinary edit keeps the mark


def test_reject_records_a_tombstone_that_settles(tmp_path):
    store, _ = coded_project(tmp_path)
    with store:
        d = _disagreement(compute(store, Options(samples=0)), "missing")
        source = (d.a or d.b).uuid
        r = curation.reject(store, CURATOR, [source])
        assert r.deleted
        assert r.uuid not in {a.uuid for a in store.annotations()}
        assert source in curation.settled(store)


def test_a_withdrawn_accept_settles_nothing(tmp_path):
    store, _ = coded_project(tmp_path)
    with store:
        d = _disagreement(compute(store, Options(samples=0)), "missing")
        source = (d.a or d.b).uuid
        c = curation.accept(store, CURATOR, source)
        assert source in curation.settled(store)
        store.delete_annotation(c.uuid, CURATOR)  # undo
        assert source not in curation.settled(store)


def test_bulk_accept_takes_only_full_agreement_and_progress_counts_down(tmp_path):
    store, _ = coded_project(tmp_path)
    with store:
        opts = Options(samples=0)
        items = curation.bulk_candidates(store, opts)
        # identical statement with identical fields on the first article, the 1,200 figure on the second
        assert sorted((i.label, i.share) for i in items) == [("figure", (2, 2)), ("statement", (2, 2))]
        written = curation.bulk_accept(store, CURATOR, opts)
        assert all(i.curated for i in written)
        assert curation.bulk_candidates(store, opts) == []  # settled now
        before = {r["document"]: r["left"] for r in curation.progress(store, opts)}
        assert sum(before.values()) == 5
        d = _disagreement(compute(store, opts), "fields")
        curation.accept(store, CURATOR, d.a.uuid, [d.b.uuid])
        after = {r["document"]: r["left"] for r in curation.progress(store, opts)}
        assert sum(after.values()) == 4


def test_curated_annotations_cannot_be_settled_again_or_forged_by_field(tmp_path):
    store, (a, _) = coded_project(tmp_path)
    with store:
        src = store.annotations(author=MINJI.uuid)[0]
        c = curation.accept(store, CURATOR, src.uuid)
        with pytest.raises(InvalidInput, match="itself curated"):
            curation.accept(store, CURATOR, c.uuid)
        with pytest.raises(InvalidInput, match="reserved"):
            store.add_annotation(a, "figure", 0, 5, CURATOR, fields={CURATION_FIELD: "anything"})
        with pytest.raises(InvalidInput, match="reserved"):
            store.edit_annotation(c.uuid, CURATOR, fields={CURATION_FIELD: ""})


def test_the_curated_reading_merges_like_any_edit(tmp_path):
    store, _ = coded_project(tmp_path)
    with store:
        src = store.annotations(author=JOON.uuid)[0]
        copy_path = tmp_path / "copy.testimonia"
        store.vacuum_into(copy_path)
        c = curation.accept(store, CURATOR, src.uuid)
        ours = store.path
    from testimonia.core.store import Store

    with Store.open(copy_path) as other:
        merge_file(other, ours, author("Hana"))
        got = other.annotation(c.uuid)
        assert is_curated(got.fields) and got.creator == "Hana"


def test_a_received_file_with_a_forged_mark_is_refused(tmp_path):
    import sqlite3

    from testimonia.core.errors import MergeRefused
    from testimonia.core.store import Store

    store, _ = coded_project(tmp_path)
    with store:
        theirs = tmp_path / "theirs.testimonia"
        store.vacuum_into(theirs)
        ours = tmp_path / "ours.testimonia"
        store.vacuum_into(ours)
    with Store.open(theirs) as t:
        src = t.annotations(author=MINJI.uuid)[0]
        c = curation.accept(t, CURATOR, src.uuid)
    conn = sqlite3.connect(theirs)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("UPDATE revision SET fields = json_set(fields, '$._curation', 5) WHERE annotation_uuid = ?", (c.uuid,))
    conn.commit()
    conn.close()
    with Store.open(ours) as o, pytest.raises(MergeRefused, match="not a curation mark"):
        merge_file(o, theirs, CURATOR)
