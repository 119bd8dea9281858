"""core/pretty_json.py writes what json.dumps(..., indent=N) writes, byte for byte, a piece at a time."""

from __future__ import annotations

import enum
import io
import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from testimonia.core import pretty_json

scalars = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
           | st.text())
values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(), inner, max_size=5), max_leaves=30)


def _streamed(shell: Any, items: list[Any], **kw: Any) -> str:
    out = io.StringIO()
    n = pretty_json.write_document(out.write, shell, iter(items), **kw)
    assert n == len(items)
    return out.getvalue()


@settings(max_examples=300, deadline=None)
@given(value=values, indent=st.sampled_from([0, 1, 2, 4]), ascii_only=st.booleans(), level=st.integers(0, 3))
def test_dumps_is_json_dumps_at_any_depth(value: Any, indent: int, ascii_only: bool, level: int) -> None:
    expected = json.dumps(value, ensure_ascii=ascii_only, indent=indent).replace("\n", "\n" + " " * (indent * level))
    assert pretty_json.dumps(value, indent=indent, ensure_ascii=ascii_only, level=level) == expected


@settings(max_examples=200, deadline=None)
@given(items=st.lists(values, max_size=8), indent=st.sampled_from([1, 2]), ascii_only=st.booleans())
def test_a_streamed_top_level_list_is_the_list_dumped_whole(items: list[Any], indent: int, ascii_only: bool) -> None:
    assert _streamed(None, items, indent=indent, ensure_ascii=ascii_only) == json.dumps(
        items, ensure_ascii=ascii_only, indent=indent)


@settings(max_examples=200, deadline=None)
@given(items=st.lists(values, max_size=6), before=st.dictionaries(st.text(), values, max_size=3),
       indent=st.sampled_from([1, 2]))
def test_a_list_streamed_inside_a_document_is_the_document_dumped_whole(items: list[Any], before: dict[str, Any],
                                                                       indent: int) -> None:
    shell = {**before, "first": {"id": "urn:x#page-1", "items": None, "after": [1, {"a": None}]}, "last": "ok"}
    whole = json.loads(json.dumps(shell))
    whole["first"]["items"] = items
    assert _streamed(shell, items, indent=indent, path=("first", "items")) == json.dumps(
        whole, ensure_ascii=False, indent=indent)


class Colour(enum.IntEnum):
    RED = 1


@pytest.mark.parametrize("value", [
    {1: "a", None: "b", 2.5: "c"},  # keys json.dumps turns into strings
    [math.nan, -math.inf, 1e300, -0.0],
    {"enum": Colour.RED, "tuple": (1, "two", [3])},
    ["“curly” 강제북송 \u2028 \x00 \ud800 🙏🏽"],
])
def test_what_is_not_a_plain_shape_is_formatted_by_json_itself(value: Any) -> None:
    assert pretty_json.dumps(value, indent=2) == json.dumps(value, ensure_ascii=False, indent=2)
    assert _streamed(None, [value, value], indent=2) == json.dumps([value, value], ensure_ascii=False, indent=2)


def test_items_are_taken_one_at_a_time_and_written_in_batches() -> None:
    taken: list[int] = []
    writes: list[str] = []

    def items() -> Any:
        for i in range(300):
            taken.append(i)
            yield {"n": i}

    def write(text: str) -> None:
        writes.append(text)

    pretty_json.write_document(write, None, items(), indent=2, batch=50)
    # Batches of 50 were written while later items had not been taken yet.
    assert len(writes) >= 6
    assert "".join(writes) == json.dumps([{"n": i} for i in range(300)], indent=2)


def test_a_shell_without_the_place_is_refused() -> None:
    with pytest.raises(KeyError):
        pretty_json.write_document(io.StringIO().write, {"a": 1}, iter([]), indent=1, path=("first", "items"))
