"""The scale benchmark's project generator (bench/scale_project.py) writes sound projects.

Small sizes only: the benchmark's own sizes live in `make bench`. What is checked is what the
benchmark's numbers rest on: the file passes `testimonia check`, holds what the generator says it
wrote, and the teammate's copy and the twin merge as intended.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import scale_project

from testimonia.core import merge
from testimonia.core.store import Store
from testimonia.core.views import AuthorRef

DOCS, ANNOTATIONS = 60, 1_500


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One cache folder for the module: the second test finds the project the first one built."""
    folder = tmp_path_factory.mktemp("bench-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TESTIMONIA_BENCH_CACHE", str(folder))
        yield folder


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_a_generated_project_passes_check_and_holds_what_was_counted(cache: Path, cli) -> None:  # type: ignore[no-untyped-def]
    path = scale_project.project(DOCS, ANNOTATIONS)
    counts = scale_project.counts(path)
    assert path.parent == cache

    result = cli("check", path, "--json")
    assert result.code == 0, result.out + result.err
    report = json.loads(result.out)
    assert report["ok"] is True
    assert (report["documents"], report["annotations"], report["conflicts"]) == (
        counts.documents, counts.live_annotations, counts.conflicts)

    with Store.open(path) as store:
        assert len(store.documents()) == counts.documents
        assert len(store.documents(removed=True)) == counts.removed
        assert len(store.annotations()) == counts.live_annotations
        listed = store.annotations()
        assert {a.kind for a in listed} == {"statement", "figure", "obligation"}
        assert len({a.creator for a in listed}) >= 4  # several authors
        figures = [a.fields for a in listed if a.kind == "figure"]
        assert any("value_low" in f and "value_high" in f and "unit" in f for f in figures)
        assert any("speaker" in a.fields and "mode" in a.fields for a in listed if a.kind == "statement")
        assert any("instrument" in a.fields for a in listed if a.kind == "obligation")
        lengths = [d.length for d in store.documents()]
        assert min(lengths) >= 4_900 and max(lengths) <= 20_000
        assert store.search("강제북송"), "Korean lines are part of the text"
    assert _rows(path, "SELECT count(*), sum(length(text)) FROM document")[0] == (
        counts.documents + counts.removed, counts.chars)
    assert _rows(path, "SELECT count(*) FROM annotation")[0][0] == ANNOTATIONS
    assert _rows(path, "SELECT count(*) FROM revision")[0][0] == counts.revisions > ANNOTATIONS  # edits
    assert _rows(path, "SELECT count(*) FROM document_alias")[0][0] == counts.aliases
    assert _rows(path, "SELECT count(*) FROM revision WHERE deleted")[0][0] == counts.deleted > 0
    assert _rows(path, "PRAGMA journal_mode")[0][0] == "wal"

    again = scale_project.project(DOCS, ANNOTATIONS)  # from the cache, not built again
    assert again == path and again.stat().st_mtime_ns == path.stat().st_mtime_ns


def test_the_teammates_copy_brings_ten_percent_new_and_the_twin_nothing(cache: Path, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    base = scale_project.project(DOCS, ANNOTATIONS)
    counts = scale_project.counts(base)
    mate, twin = scale_project.teammate(base), scale_project.twin(base)
    assert cli("check", mate).code == 0
    assert cli("check", twin).code == 0
    assert twin.read_bytes() != base.read_bytes()

    work = tmp_path / "work.testimonia"
    work.write_bytes(base.read_bytes())
    who = AuthorRef("0b7c7d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e", "Reviewer")
    with Store.open(work) as store:
        new = merge.merge(store, mate, who).counts()
        assert new["revisions_new"] == round(counts.revisions * 0.10)
        assert new["annotations_new"] > 0 and new["annotations_changed"] > 0
        assert new["authors_new"] == 1
        noop = merge.merge(store, twin, who).counts()
        assert noop["revisions_new"] == 0 and noop["annotations_new"] == 0
    assert cli("check", work).code == 0
