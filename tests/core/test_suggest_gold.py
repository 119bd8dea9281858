"""The gold set (tests/fixtures/suggest) is well formed: every span is its slice, every field is one
the built-in labels know, with the right type; and the two parts share no article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from testimonia.core import labels

GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "suggest"
FILES = sorted(GOLD.glob("*/*.json"))


def test_both_parts_exist_and_share_no_text() -> None:
    dev = {p.stem for p in (GOLD / "dev").glob("*.json")}
    held = {p.stem for p in (GOLD / "heldout").glob("*.json")}
    assert len(dev) >= 6 and len(held) >= 6
    assert not dev & held
    texts = [(GOLD / p.parent.name / json.loads(p.read_text("utf-8"))["text_file"]).read_text("utf-8") for p in FILES]
    assert len(set(texts)) == len(texts)


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_annotation_is_its_slice_with_valid_fields(path: Path) -> None:
    doc = json.loads(path.read_text("utf-8"))
    text = (path.parent / doc["text_file"]).read_text("utf-8")
    assert doc["language"] in ("en", "ko")
    assert doc["annotations"], "an article without gold annotations measures nothing"
    for a in doc["annotations"]:
        assert set(a) == {"kind", "start", "end", "exact", "fields"}
        assert a["kind"] in labels.KINDS
        assert 0 <= a["start"] < a["end"] <= len(text)
        assert text[a["start"]:a["end"]] == a["exact"]
        assert a["exact"] == a["exact"].strip()  # the manual: no edge whitespace
        assert labels.validate_fields(a["kind"], a["fields"]) == dict(sorted(a["fields"].items()))
        if a["kind"] == "figure":
            f = a["fields"]
            assert isinstance(f["approximate"], bool) and isinstance(f["vague"], bool)
            # a range has no single value; a vague amount has neither
            assert not ("value" in f and ("value_low" in f or "value_high" in f))
            if f["vague"]:
                assert "value" not in f
        if a["kind"] == "statement":
            assert a["fields"]["mode"] in ("direct", "reported") and a["fields"]["speaker"]
