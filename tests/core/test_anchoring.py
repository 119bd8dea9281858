"""Re-anchoring annotations after the document text changed."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from testimonia.core.anchoring import CONTEXT, Anchor, quote_context, reanchor

QUOTE = "“we will not return them”"

# Written for these tests: a wire-style report with a quote repeated by three different speakers.
REPORT = (
    "SEOUL, 14 March — Human rights groups said on Thursday that at least 60 North Korean "
    "defectors held in detention centres in Liaoning province faced forced repatriation.\n\n"
    f"A ministry spokesperson told reporters: {QUOTE}, adding that the cases were under review. "
    "Families in Seoul held a vigil outside the embassy 🕯️ and sang in Korean: "
    "“우리 가족을 돌려보내지 마세요”.\n\n"
    f"An official in Dandong repeated the line, {QUOTE}, but declined to give numbers. "
    "Activists posted 👍🏽 and 🇰🇷 to thank a lawmaker who raised the case.\n\n"
    f"The envoy closed the meeting with the same words: {QUOTE}. Observers were unconvinced; "
    "one researcher said the detainees include a 17-year-old girl and her mother (탈북민).\n"
)


def span_of(text: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def annotate(text: str, start: int, end: int) -> dict[str, object]:
    exact, prefix, suffix = quote_context(text, start, end)
    return {"start": start, "end": end, "exact": exact, "prefix": prefix, "suffix": suffix}


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


# --- quote_context -----------------------------------------------------------------------------


def test_quote_context_takes_width_code_points_each_side() -> None:
    start, end = span_of(REPORT, QUOTE, 1)
    exact, prefix, suffix = quote_context(REPORT, start, end)
    assert exact == QUOTE
    assert len(prefix) == len(suffix) == CONTEXT
    assert REPORT[start - CONTEXT : start] == prefix
    assert suffix.startswith(", but declined")


def test_quote_context_at_text_edges_and_astral_characters() -> None:
    text = "🇰🇷 repatriation 👍🏽"
    assert quote_context(text, 0, 2, width=4) == ("🇰🇷", "", " rep")
    assert quote_context(text, len(text) - 2, len(text), width=3) == ("👍🏽", "on ", "")
    assert quote_context(text, 3, 3) == ("", "🇰🇷 ", "repatriation 👍🏽")


@pytest.mark.parametrize(("start", "end"), [(-1, 2), (3, 2), (0, 10_000)])
def test_quote_context_rejects_bad_spans(start: int, end: int) -> None:
    with pytest.raises(ValueError):
        quote_context(REPORT, start, end)


# --- exact and moved ---------------------------------------------------------------------------


def test_unchanged_text_is_exact() -> None:
    for needle in (QUOTE, "탈북민", "🇰🇷", "Liaoning province", "\n\nA ministry"):
        start, end = span_of(REPORT, needle)
        ann = annotate(REPORT, start, end)
        assert reanchor(REPORT, **ann) == Anchor(start, end, "exact", 1.0)  # type: ignore[arg-type]


def test_paragraph_inserted_before_is_moved_with_same_text() -> None:
    start, end = span_of(REPORT, "faced forced repatriation")
    ann = annotate(REPORT, start, end)
    inserted = "UPDATE 2 — adds comment from the embassy 📰.\n\n"
    new = inserted + REPORT
    a = reanchor(new, **ann)  # type: ignore[arg-type]
    assert a.status == "moved"
    assert (a.start, a.end) == (start + len(inserted), end + len(inserted))
    assert new[a.start : a.end] == ann["exact"]
    assert a.score == 1.0  # prefix and suffix fully agree


@pytest.mark.parametrize("occurrence", [0, 1, 2])
def test_repeated_quote_is_told_apart_by_context(occurrence: int) -> None:
    start, end = span_of(REPORT, QUOTE, occurrence)
    ann = annotate(REPORT, start, end)
    inserted = "Editor's note: this story has been updated with a third statement.\n\n"
    new = inserted + REPORT
    a = reanchor(new, **ann)  # type: ignore[arg-type]
    assert a.status == "moved"
    assert a.start == start + len(inserted)
    assert new[a.start : a.end] == QUOTE


@pytest.mark.parametrize("occurrence", [0, 1, 2])
def test_repeated_quote_context_beats_distance(occurrence: int) -> None:
    # Stale offsets pointing at another occurrence: context, not proximity, must decide.
    start, end = span_of(REPORT, QUOTE, occurrence)
    ann = annotate(REPORT, start, end)
    wrong_start, wrong_end = span_of(REPORT, QUOTE, (occurrence + 1) % 3)
    new = REPORT.replace("SEOUL, 14 March", "SEOUL, 15 March (Reuters)")
    ann.update(start=wrong_start - 3, end=wrong_end - 3)
    a = reanchor(new, **ann)  # type: ignore[arg-type]
    assert a.status == "moved"
    assert (a.start, a.end) == span_of(new, QUOTE, occurrence)


def test_without_context_the_nearest_occurrence_wins() -> None:
    second = span_of(REPORT, QUOTE, 1)
    new = "Correction appended.\n" + REPORT
    a = reanchor(new, second[0], second[1], QUOTE)
    assert a.status == "moved"
    assert (a.start, a.end) == span_of(new, QUOTE, 1)


# --- fuzzy -------------------------------------------------------------------------------------


def rewrap(text: str) -> str:
    """What another extractor might give: hard line breaks, doubled spaces, NBSP, trailing blanks."""
    out = []
    for i, word in enumerate(text.split(" ")):
        out.append(word)
        out.append("\n" if i % 7 == 6 else "  " if i % 5 == 0 else "\u00a0" if i % 11 == 3 else " ")
    return "".join(out).replace("\n\n", " \n \n")


def test_reextracted_text_with_other_whitespace_is_fuzzy_with_right_span() -> None:
    new = rewrap(REPORT)
    for occurrence in range(3):
        start, end = span_of(REPORT, QUOTE, occurrence)
        ann = annotate(REPORT, start, end)
        a = reanchor(new, **ann)  # type: ignore[arg-type]
        assert a.status == "fuzzy"
        assert 0.8 <= a.score < 1.0
        got = new[a.start : a.end]
        assert squash(got) == squash(QUOTE)
        assert got != QUOTE  # the whitespace really differs, so "moved" was impossible
        # The right occurrence: same number of earlier quotes before it.
        assert squash(new[: a.start]).count(squash(QUOTE)) == occurrence


def test_reextracted_span_never_starts_or_ends_in_whitespace() -> None:
    new = rewrap(REPORT)
    needles = ("at least 60 North Korean defectors", "the cases were under review", "posted 👍🏽 and 🇰🇷 to")
    for needle in needles:
        start, end = span_of(REPORT, needle)
        a = reanchor(new, **annotate(REPORT, start, end))  # type: ignore[arg-type]
        assert a.status == "fuzzy", needle
        got = new[a.start : a.end]
        assert got == got.strip()
        assert got != needle
        assert squash(got) == squash(needle)


def test_edited_word_inside_quote_is_fuzzy() -> None:
    start, end = span_of(REPORT, QUOTE, 0)
    ann = annotate(REPORT, start, end)
    new = REPORT.replace(f"told reporters: {QUOTE}", "told reporters: “we will not forcibly return them”")
    a = reanchor(new, **ann)  # type: ignore[arg-type]
    assert a.status == "fuzzy"
    assert new[a.start : a.end] == "“we will not forcibly return them”"
    assert 0.8 <= a.score < 1.0


def test_replaced_first_word_is_included_when_context_brackets_it() -> None:
    start, end = span_of(REPORT, "defectors held in detention centres in Liaoning province")
    ann = annotate(REPORT, start, end)
    new = REPORT.replace("defectors held in detention", "refugees held in detention")
    a = reanchor(new, **ann, min_fuzzy=0.7)  # type: ignore[arg-type]
    assert a.status == "fuzzy"
    assert new[a.start : a.end] == "refugees held in detention centres in Liaoning province"


def test_fuzzy_with_hangul_and_emoji_and_shifted_text() -> None:
    start, end = span_of(REPORT, "vigil outside the embassy 🕯️ and sang")
    ann = annotate(REPORT, start, end)
    new = "Background paragraph added by the desk.\n\n" + REPORT.replace(
        "vigil outside the embassy 🕯️ and sang", "vigil outside the\nembassy 🕯️\nand sang"
    )
    a = reanchor(new, **ann)  # type: ignore[arg-type]
    assert a.status == "fuzzy"
    assert new[a.start : a.end] == "vigil outside the\nembassy 🕯️\nand sang"


def test_min_fuzzy_is_respected() -> None:
    start, end = span_of(REPORT, QUOTE, 0)
    ann = annotate(REPORT, start, end)
    new = REPORT.replace(f"reporters: {QUOTE}", "reporters: “we shall never send them back”")
    # The quote is still verbatim further down, but in another speaker's surroundings: with the
    # edited copy rejected by min_fuzzy, that verbatim copy is the only anchor left.
    strict = reanchor(new, **ann, min_fuzzy=0.95)  # type: ignore[arg-type]
    assert strict.status == "moved"
    assert new[strict.start : strict.end] == QUOTE
    assert strict.score < 0.5
    lenient = reanchor(new, **ann, min_fuzzy=0.5)  # type: ignore[arg-type]
    assert lenient.status == "fuzzy"
    assert new[lenient.start : lenient.end] == "“we shall never send them back”"

    alone = REPORT.replace(QUOTE, "“we shall never send them back”")
    assert reanchor(alone, **ann, min_fuzzy=0.95).status == "orphaned"  # type: ignore[arg-type]


# --- orphaned ----------------------------------------------------------------------------------


def test_deleted_passage_is_orphaned_with_clamped_offsets() -> None:
    start, end = span_of(REPORT, "Families in Seoul held a vigil")
    ann = annotate(REPORT, start, end)
    para_start = REPORT.index("Families in Seoul")
    para_end = REPORT.index("\n\nAn official")
    new = REPORT[:para_start] + REPORT[para_end:]
    a = reanchor(new, **ann)  # type: ignore[arg-type]
    assert a == Anchor(start, end, "orphaned", 0.0)

    short = REPORT[:100]
    late = reanchor(short, **ann)  # type: ignore[arg-type]
    assert late == Anchor(100, 100, "orphaned", 0.0)


def test_empty_exact_is_orphaned() -> None:
    assert reanchor(REPORT, 10, 10, "") == Anchor(10, 10, "orphaned", 0.0)
    assert reanchor(REPORT, -5, 10, "") == Anchor(0, 10, "orphaned", 0.0)


def test_empty_text_orphans_at_zero() -> None:
    assert reanchor("", 5, 9, "vigil", "held a ", " outside") == Anchor(0, 0, "orphaned", 0.0)


def test_bogus_offsets_do_not_crash() -> None:
    a = reanchor(REPORT, 10**9, -3, QUOTE)
    assert a.status == "moved"
    assert REPORT[a.start : a.end] == QUOTE


# --- performance -------------------------------------------------------------------------------


def big_text(n_paragraphs: int) -> str:
    parts = []
    for i in range(n_paragraphs):
        parts.append(
            f"Case {i}: a defector detained in Jilin, number {i * 7919 % 10007}, said 송환 {i % 97} "
            f"would mean prison camp {'🇰🇷' if i % 13 == 0 else ''}; lawyers filed petition {i}.\n\n"
        )
    return "".join(parts)


def test_unchanged_reanchor_is_fast() -> None:
    text = big_text(1700)
    assert len(text) > 200_000
    spans = [(s, s + 20 + s % 60) for s in range(0, len(text) - 100, len(text) // 10_000)][:10_000]
    anns = [annotate(text, s, e) for s, e in spans]
    t0 = time.perf_counter()
    results = [reanchor(text, **ann) for ann in anns]  # type: ignore[arg-type]
    elapsed = time.perf_counter() - t0
    assert all(r.status == "exact" for r in results)
    assert elapsed < 1.0, elapsed


def test_fuzzy_and_orphan_paths_are_bounded() -> None:
    text = big_text(1700)
    start = text.index("Case 900:")
    ann = annotate(text, start, start + 400)
    gone = text.replace(text[start : start + 400], "")
    t0 = time.perf_counter()
    a = reanchor(gone, **ann)  # type: ignore[arg-type]
    elapsed = time.perf_counter() - t0
    assert a.status in {"orphaned", "fuzzy"}
    assert elapsed < 0.5, elapsed

    many_short = "a " * 100_000
    t0 = time.perf_counter()
    b = reanchor(many_short, 150_001, 150_002, "a", "a a ", " a")
    assert time.perf_counter() - t0 < 0.2
    assert b.status == "moved"
    assert many_short[b.start : b.end] == "a"
    assert abs(b.start - 150_001) <= 1


# --- property ----------------------------------------------------------------------------------

ATOMS = st.sampled_from(
    ["a", "b", "e", " ", "\n", "“", "”", "탈", "북", "\u1100\u1161", "e\u0301", "👍🏽", "🇰🇷", "𝕏", ".", "we "]
)
texts = st.lists(ATOMS, min_size=1, max_size=80).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=texts, insertion=st.lists(ATOMS, min_size=1, max_size=30).map("".join), data=st.data())
def test_property_insertion_elsewhere_keeps_exact_text(text: str, insertion: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1), label="start")
    end = data.draw(st.integers(start + 1, len(text)), label="end")
    at = data.draw(st.one_of(st.integers(0, start), st.integers(end, len(text))), label="insert_at")
    exact, prefix, suffix = quote_context(text, start, end)
    new = text[:at] + insertion + text[at:]
    a = reanchor(new, start, end, exact, prefix, suffix)
    assert a.status in {"exact", "moved"}
    assert new[a.start : a.end] == exact
    shift = len(insertion) if at <= start else 0
    if sum(new.startswith(exact, i) for i in range(len(new))) == 1:  # overlaps count too
        assert a.start == start + shift
    if at >= end:
        assert a == Anchor(start, end, "exact", 1.0)


@settings(max_examples=200, deadline=None)
@given(text=texts, data=st.data())
def test_property_unchanged_is_always_exact(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    assume(text[start:end])
    assert reanchor(text, start, end, *quote_context(text, start, end)) == Anchor(start, end, "exact", 1.0)


@settings(max_examples=300, deadline=None)
@given(
    text=texts,
    edits=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 6), texts), max_size=4),
    data=st.data(),
)
def test_property_any_edit_gives_a_well_formed_anchor(
    text: str, edits: list[tuple[float, int, str]], data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    exact, prefix, suffix = quote_context(text, start, end)
    new = text
    for where, cut, replacement in edits:  # arbitrary deletions and insertions, anywhere
        at = int(where * len(new))
        new = new[:at] + replacement + new[at + cut :]
    a = reanchor(new, start, end, exact, prefix, suffix)
    assert 0 <= a.start <= a.end <= len(new)
    assert 0.0 <= a.score <= 1.0
    if a.status in {"exact", "moved"}:
        assert new[a.start : a.end] == exact
    elif a.status == "fuzzy":
        got = new[a.start : a.end]
        assert got and got == got.strip()
        assert a.score < 1.0
    else:
        assert a.status == "orphaned"
        assert a.score == 0.0


def test_text_inserted_right_before_a_short_quote_is_not_taken_into_it() -> None:
    """Found by the insertion property: with the insertion touching the span, the verbatim quote's
    prefix no longer agrees, and a fuzzy copy "inserted text + quote" had the better context."""
    jamo = "\u1100\u1161"
    text = "a" * 11 + jamo + jamo + "aaaaa"
    exact, prefix, suffix = quote_context(text, 12, 14)
    new = text[:12] + "a" + text[12:]
    found = reanchor(new, 12, 14, exact, prefix, suffix)
    assert (found.start, found.end, found.status) == (13, 15, "moved")
    assert new[found.start:found.end] == exact
