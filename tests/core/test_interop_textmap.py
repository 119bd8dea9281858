"""Offsets in another tool's raw text mapped onto our normalised text, and atomic export writes."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from testimonia.core.interop import export
from testimonia.core.interop.atomic import write_file
from testimonia.core.interop.textmap import normalise_mapped
from testimonia.core.textnorm import normalise

from .interop_helpers import annotated_project

# Pieces a raw text is made of; boundaries between pieces are where selections may start or end.
UNITS = st.sampled_from([
    "a", "Z", " ", ".", "“", "\n", "\r\n", "\r", "\t", "가", unicodedata.normalize("NFD", "강"),
    unicodedata.normalize("NFD", "é"), "e\u0301", "🙏", "🙏🏽", "👨‍👩‍👧", "\u1100\u1161\u11a8", "ᄀ", "\u0301",
])


@given(st.lists(UNITS, max_size=30), st.booleans(), st.data())
def test_unit_boundaries_map_to_the_normalised_pieces(units: list[str], bom: bool, data: st.DataObject) -> None:
    raw = ("\ufeff" if bom else "") + "".join(units)
    text, mapping = normalise_mapped(raw)
    assert text == normalise(raw) and len(mapping) == len(raw) + 1
    assert mapping == sorted(mapping) and mapping[-1] == len(text)
    edges = [1 if bom else 0]
    for u in units:
        edges.append(edges[-1] + len(u))
    i = data.draw(st.integers(0, len(edges) - 1))
    j = data.draw(st.integers(i, len(edges) - 1))
    a, b = edges[i], edges[j]
    piece = unicodedata.normalize("NFC", raw[a:b].replace("\r\n", "\n").replace("\r", "\n"))
    # A lone combining mark or jamo composes with what precedes it, and an LF after a CR merges
    # with it into one line break: such edges are not boundaries of the normalised text.
    for k in (i, j):
        if k < len(units) and (unicodedata.combining(units[k][0]) or units[k][0] in "\u1161\u11a8"):
            return
        if 0 < k < len(units) and units[k - 1].endswith("\r") and units[k].startswith("\n"):
            return
    assert text[mapping[a]:mapping[b]] == piece


def test_crlf_and_bom_shift_offsets_as_expected() -> None:
    raw = "\ufeffab\r\ncd\re"
    text, m = normalise_mapped(raw)
    assert text == "ab\ncd\ne"
    assert [m[i] for i in (0, 1, 3, 5, 6, 8, 9)] == [0, 0, 2, 3, 4, 6, 7]


def test_a_failed_export_leaves_the_old_file_and_no_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "evidence.csv"
    target.write_text("old contents", encoding="utf-8")

    def boom(fh: object) -> None:
        fh.write(b"half a file")  # type: ignore[attr-defined]
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_file(target, boom)
    assert target.read_text(encoding="utf-8") == "old contents"
    assert sorted(os.listdir(tmp_path)) == ["evidence.csv"]


def test_export_replaces_the_target_in_one_step(tmp_path: Path) -> None:
    store, _doc = annotated_project(tmp_path)
    target = tmp_path / "out.jsonld"
    target.write_text("previous export", encoding="utf-8")
    before = set(os.listdir(tmp_path))
    export(store, "w3c", target)
    assert target.read_text(encoding="utf-8").startswith("{")
    assert set(os.listdir(tmp_path)) == before


def test_export_to_a_missing_folder_says_so(tmp_path: Path) -> None:
    from testimonia.core.errors import InvalidInput

    store, _doc = annotated_project(tmp_path)
    with pytest.raises(InvalidInput, match="does not exist"):
        export(store, "csv", tmp_path / "nowhere" / "x.csv")
    with pytest.raises(InvalidInput, match="unknown export format"):
        export(store, "pdf", tmp_path / "x.pdf")


def test_a_full_disk_is_a_clear_error_and_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from testimonia.core.errors import TestimoniaError
    from testimonia.core.interop import atomic

    store, _doc = annotated_project(tmp_path)
    out = tmp_path / "out"
    out.mkdir()

    def no_space(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", no_space)
    with pytest.raises(TestimoniaError, match="No space left"):
        export(store, "xlsx", out / "x.xlsx")
    with pytest.raises(TestimoniaError, match="No space left"):
        export(store, "brat", out / "brat")
    assert list(out.iterdir()) == []


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
@pytest.mark.parametrize(("umask", "file_mode", "folder_mode"), [(0o022, 0o644, 0o755), (0o077, 0o600, 0o700),
                                                                 (0o002, 0o664, 0o775)])
def test_exports_get_the_mode_the_umask_gives_new_files(tmp_path: Path, umask: int, file_mode: int,
                                                        folder_mode: int) -> None:
    """Not tempfile's private 0600: an export is made to be read by others, like any new file."""
    store, _doc = annotated_project(tmp_path)
    old = os.umask(umask)
    try:
        for fmt, name in (("csv", "x.csv"), ("report", "x.html"), ("brat", "brat")):
            export(store, fmt, tmp_path / name)
    finally:
        os.umask(old)
    assert (tmp_path / "x.csv").stat().st_mode & 0o777 == file_mode
    assert (tmp_path / "x.html").stat().st_mode & 0o777 == file_mode
    assert (tmp_path / "brat").stat().st_mode & 0o777 == folder_mode
    inside = sorted((tmp_path / "brat").iterdir())
    assert inside and all(p.stat().st_mode & 0o777 == file_mode for p in inside)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
