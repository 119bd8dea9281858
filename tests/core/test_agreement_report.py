"""The agreement report over a real project: who is compared on what, and what it says."""

from __future__ import annotations

import pytest

from testimonia.core.agreement.report import Options, compute
from testimonia.core.errors import InvalidInput

from .agreement_helpers import JOON, MINJI, SORA, coded_project


def _set(report, *names):
    return next(s for s in report.sets if set(s.names) == set(names))


def test_default_is_every_pair_on_the_documents_both_annotated(tmp_path):
    store, (a, b) = coded_project(tmp_path)
    with store:
        r = compute(store, Options(samples=100))
    assert [set(s.names) for s in r.sets] == [{"Joon", "Min-ji"}]
    pair = r.sets[0]
    assert sorted(pair.documents) == sorted([a, b])
    assert 0 < pair.measures["u_alpha"].value < 1
    assert pair.measures["f1"].value == pytest.approx(2 * 4 / (6 + 5))  # 4 label matches of 6 and 5 spans
    kinds = sorted(d.kind for d in r.disagreements)
    assert kinds == ["boundary", "fields", "missing", "missing", "missing"]
    assert {d.label for d in r.disagreements if d.kind == "missing"} == {"obligation", "figure"}


def test_three_annotators_give_three_pairs_and_one_set_of_all(tmp_path):
    store, (a, b) = coded_project(tmp_path, third=True)
    with store:
        r = compute(store, Options(samples=50))
    assert len(r.sets) == 4
    trio = _set(r, "Min-ji", "Joon", "Sora")
    assert trio.documents.count(a) == 1 and b in trio.documents  # b: two of the three coded it
    sora_minji = _set(r, "Min-ji", "Sora")
    assert sora_minji.documents == [a]  # Sora never coded b
    assert sora_minji.measures["u_alpha"].value == pytest.approx(1.0)


def test_copying_annotator_raises_the_set_of_all(tmp_path):
    store, _ = coded_project(tmp_path, third=True)
    with store:
        r = compute(store, Options(samples=0))
    pair = _set(r, "Min-ji", "Joon")
    trio = _set(r, "Min-ji", "Joon", "Sora")
    assert trio.measures["u_alpha"].value > pair.measures["u_alpha"].value


def test_same_figures_whatever_the_order_documents_were_imported(tmp_path):
    first, _ = coded_project(tmp_path, order=(0, 1))
    second, _ = coded_project(tmp_path, order=(1, 0))
    with first, second:
        r1, r2 = compute(first, Options(samples=200, seed=5)), compute(second, Options(samples=200, seed=5))
    for key in ("u_alpha", "binary_u_alpha", "cu_alpha", "f1"):
        assert r1.sets[0].measures[key].value == pytest.approx(r2.sets[0].measures[key].value)


def test_selection_by_author_document_and_label(tmp_path):
    store, (_, b) = coded_project(tmp_path, third=True)
    with store:
        r = compute(store, Options(authors=["min-ji", JOON.uuid], documents=[b], labels=["statement"], samples=0))
        assert [set(s.names) for s in r.sets] == [{"Min-ji", "Joon"}]
        assert r.labels == ["statement"] and r.sets[0].documents == [b]
        assert [d.kind for d in r.disagreements] == ["fields"]
        with pytest.raises(InvalidInput, match="no author 'Nobody'"):
            compute(store, Options(authors=["Nobody", "Joon"]))
        with pytest.raises(InvalidInput, match="at least two annotators"):
            compute(store, Options(authors=["Joon"]))


def test_an_explicit_document_counts_an_annotator_who_coded_nothing(tmp_path):
    store, (_, b) = coded_project(tmp_path, third=True)
    with store:
        r = compute(store, Options(authors=["Sora", "Joon"], documents=[b], samples=0))
    pair = r.sets[0]
    assert pair.documents == [b]
    assert any("Sora coded nothing" in str(w) for w in pair.warnings)
    assert pair.measures["recall"].value == 0.0 or pair.measures["precision"].value == 0.0


def test_precision_and_recall_against_a_reference(tmp_path):
    store, _ = coded_project(tmp_path)
    with store:
        r = compute(store, Options(reference="Min-ji", samples=0))
    pair = r.sets[0]
    assert pair.names == ("Joon", "Min-ji")
    assert pair.measures["precision"].value == pytest.approx(4 / 5)  # of Joon's 5 spans, 4 match
    assert pair.measures["recall"].value == pytest.approx(4 / 6)  # of Min-ji's 6, 4 are found


def test_warnings_say_when_a_measure_is_unsuitable(tmp_path):
    store, (_, b) = coded_project(tmp_path)
    with store:
        r = compute(store, Options(documents=[b], samples=0))
    text = " ".join(map(str, r.warnings))
    assert "too few" in text
    assert "label obligation: only Joon used it" in text


def test_field_agreement_on_matched_spans(tmp_path):
    store, _ = coded_project(tmp_path)
    with store:
        r = compute(store, Options(samples=0))
    fields = r.sets[0].fields
    assert fields["figure"]["value"]["metric"] == "interval"
    assert fields["figure"]["value"]["value"] == pytest.approx(1.0)  # 60 and 1,200 both times
    assert fields["statement"]["speaker"]["metric"] == "nominal"
    assert fields["statement"]["speaker"]["value"] < 1


def test_overlap_threshold_is_checked(tmp_path):
    store, _ = coded_project(tmp_path)
    with store, pytest.raises(InvalidInput, match="between 0 and 1"):
        compute(store, Options(overlap=1.5))


def test_authors_are_the_creators_not_later_editors(tmp_path):
    store, _ = coded_project(tmp_path)
    with store:
        ann = store.annotations(author=JOON.uuid)[0]
        store.edit_annotation(ann.uuid, SORA, note="checked")
        r = compute(store, Options(samples=0))
    assert [set(s.names) for s in r.sets] == [{"Joon", "Min-ji"}]
    assert MINJI.name in r.sets[0].names


def test_orphaned_annotations_and_removed_documents_are_left_out(tmp_path):
    import sqlite3

    store, (a, b) = coded_project(tmp_path)
    with store:
        orphan = store.annotations(document=b, author=JOON.uuid)[0]
        path = store.path
    conn = sqlite3.connect(path)
    conn.execute("UPDATE revision SET orphaned = 1 WHERE annotation_uuid = ?", (orphan.uuid,))
    conn.commit()
    conn.close()
    from testimonia.core.store import Store

    with Store.open(path) as store:
        r = compute(store, Options(samples=0))
        assert any("1 orphaned annotation" in str(w) for w in r.warnings)
        assert orphan.uuid not in {x.uuid for d in r.disagreements for x in (d.a, d.b) if x}
        store.remove_document(b, MINJI)
        r = compute(store, Options(samples=0))
        assert r.sets[0].documents == [a]
