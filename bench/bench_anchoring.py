"""Re-anchor 10,000 annotations onto a ~200,000-character text, three ways, and print the timings.

1. unchanged text (every anchor "exact"),
2. paragraphs inserted throughout (anchors "moved"),
3. re-extracted: same paragraphs inserted, and lines re-wrapped with other whitespace (most anchors
   containing whitespace become "fuzzy").

Run: .venv/bin/python bench/bench_anchoring.py
"""

from __future__ import annotations

import random
import time
from collections import Counter

from testimonia.core.anchoring import quote_context, reanchor

N_ANNOTATIONS = 10_000
TARGET_CHARS = 200_000

SENTENCES = [
    "Border police in Jilin detained {n} people who had crossed the Tumen river.",
    "A spokesperson said “we will not return them” but gave no assurance in writing.",
    "Relatives in Seoul said they had not heard from the family since {month}.",
    "탈북민 {n}명이 강제송환될 위기에 처해 있다고 단체는 밝혔다.",
    "Campaigners posted 👍🏽 and 🇰🇷 under the ministry's statement.",
    "The detainees reportedly include a teenager and an elderly woman with heart disease.",
    "Lawyers filed petition no. {n} with the UN Working Group on Arbitrary Detention.",
    "Satellite images show new fencing along a {n}-kilometre stretch of the border.",
]
MONTHS = ["January", "March", "June", "September", "November"]


def make_text(rng: random.Random) -> str:
    paragraphs: list[str] = []
    size = 0
    while size < TARGET_CHARS:
        para = " ".join(
            rng.choice(SENTENCES).format(n=rng.randint(2, 900), month=rng.choice(MONTHS))
            for _ in range(rng.randint(3, 7))
        )
        paragraphs.append(para)
        size += len(para) + 2
    return "\n\n".join(paragraphs)


def insert_paragraphs(text: str, rng: random.Random, count: int) -> str:
    paras = text.split("\n\n")
    for _ in range(count):
        paras.insert(rng.randrange(len(paras) + 1), f"[Editor's note {rng.randint(1, 99)}: updated.]")
    return "\n\n".join(paras)


def rewrap(text: str, rng: random.Random) -> str:
    # A different extractor: hard line breaks every few words, some doubled spaces.
    out: list[str] = []
    for word in text.split(" "):
        out.append(word)
        r = rng.random()
        out.append("\n" if r < 0.08 else "  " if r < 0.12 else " ")
    return "".join(out[:-1])


def run(label: str, text: str, annotations: list[tuple[int, int, str, str, str]]) -> None:
    t0 = time.perf_counter()
    results = [reanchor(text, s, e, ex, pre, suf) for s, e, ex, pre, suf in annotations]
    elapsed = time.perf_counter() - t0
    counts = Counter(a.status for a in results)
    per = elapsed / len(annotations) * 1e6
    print(f"{label:<34} {elapsed:8.3f} s  ({per:7.1f} µs each)  {dict(sorted(counts.items()))}")


def main() -> None:
    rng = random.Random(20240314)
    text = make_text(rng)
    annotations = []
    for _ in range(N_ANNOTATIONS):
        start = rng.randrange(len(text) - 200)
        end = start + rng.randint(8, 160)
        annotations.append((start, end, *quote_context(text, start, end)))
    print(f"text: {len(text):,} code points; {N_ANNOTATIONS:,} annotations")

    run("unchanged", text, annotations)
    moved = insert_paragraphs(text, rng, 40)
    run("40 paragraphs inserted", moved, annotations)
    reextracted = rewrap(moved, rng)
    run("inserted + re-wrapped whitespace", reextracted, annotations)


if __name__ == "__main__":
    main()
