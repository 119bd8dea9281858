"""Write speed of the Store API against the floor set by SQLite itself.

Run:  .venv/bin/python bench/bench_api.py [--n 2000] [--chars 200000]

Every user action is one transaction (WAL, synchronous=NORMAL: the checkpoint thread syncs it to
disk within moments). The baseline, measured in the same run and folder, is raw sqlite3 INSERTs of the same
number of rows, each in its own BEGIN IMMEDIATE … COMMIT with the same pragmas: the ratio shows
what the API adds on top (validation, the quote context, the revision row, head bookkeeping,
the clock, and reading the result back).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
import uuid
from pathlib import Path

from testimonia.core import db
from testimonia.core.store import Store
from testimonia.core.views import AuthorRef

AUTHOR = AuthorRef("b3e1c7a2-0000-4000-8000-00000000be4c", "Bench Runner")

_SENTENCES = [
    "Relatives said about {n} people were taken from a safe house in {place} before dawn.",
    "“They told us we would be home by spring,” said one woman, who was returned in {year}.",
    "Between {lo} and {hi} escapees were moved to the border in {month}, according to a church worker.",
    "The 1951 Refugee Convention and the Convention against Torture both forbid returns to persecution.",
    "Officials called the detainees “illegal migrants” and declined to say how many were held.",
    "A monitoring group counted {n} transfers through {place} over the past year.",
    "탈북민 가족들은 “강제북송을 멈춰 달라”고 호소했다.",
]
_PLACES = ["Dandong", "Yanji", "Tumen", "Hunchun", "Changbai"]
_MONTHS = ["February", "May", "July", "September", "December"]


def make_text(chars: int, seed: int = 11) -> str:
    rng = random.Random(seed)
    parts: list[str] = ["Returned Without a Hearing: Border Transfers in Review\n\n"]
    size = len(parts[0])
    while size < chars:
        paragraph = " ".join(_sentence(rng) for _ in range(rng.randint(3, 7))) + "\n\n"
        parts.append(paragraph)
        size += len(paragraph)
    return "".join(parts)[:chars]


def _sentence(rng: random.Random) -> str:
    return rng.choice(_SENTENCES).format(
        n=rng.randint(5, 900), place=rng.choice(_PLACES), year=rng.randint(2015, 2024),
        lo=rng.randint(10, 300), hi=rng.randint(301, 900), month=rng.choice(_MONTHS),
    )


def bench_api(folder: Path, text: str, n: int) -> tuple[float, float, float]:
    """Seconds for n add_annotation calls, n edit_annotation calls, and one listing of them all."""
    rng = random.Random(5)
    with Store.create(folder / "bench.testimonia", "API bench", AUTHOR) as store:
        doc = store.import_text("Bench article", text, AUTHOR).uuid
        spans = [(s, s + rng.randint(5, 200)) for s in (rng.randrange(0, len(text) - 200) for _ in range(n))]
        t0 = time.perf_counter()
        created = [store.add_annotation(doc, ("statement", "figure", "obligation")[i % 3], start, end, AUTHOR,
                                        note=f"bench #{i}").uuid
                   for i, (start, end) in enumerate(spans)]
        t1 = time.perf_counter()
        for i, ann in enumerate(created):
            store.edit_annotation(ann, AUTHOR, note=f"bench #{i}, checked")
        t2 = time.perf_counter()
        listed = store.annotations()
        t3 = time.perf_counter()
        assert len(listed) == n
    return t1 - t0, t2 - t1, t3 - t2


def bench_raw(folder: Path, n: int) -> float:
    """Seconds for n single-row transactions through plain sqlite3 with the project file's pragmas."""
    path = folder / "raw.sqlite"
    conn = db.connect_raw(path)  # same busy_timeout, trusted_schema and synchronous
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE revision (uuid TEXT PRIMARY KEY, annotation_uuid TEXT, span_start INTEGER, "
                 "span_end INTEGER, exact TEXT, note TEXT)")
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    rows = [(str(uuid.uuid4()), str(uuid.uuid4()), i, i + 40, "x" * 40, f"bench #{i}") for i in range(n)]
    t0 = time.perf_counter()
    for row in rows:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO revision VALUES (?, ?, ?, ?, ?, ?)", row)
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - t0
    conn.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="annotations to write (default 2000)")
    parser.add_argument("--chars", type=int, default=200_000, help="size of the generated text")
    args = parser.parse_args()
    text = make_text(args.chars)
    with tempfile.TemporaryDirectory(prefix="testimonia-bench-") as tmp:
        folder = Path(tmp)
        raw = bench_raw(folder, args.n)
        add, edit, listing = bench_api(folder, text, args.n)
    print(f"text: {len(text):,} code points; {args.n:,} annotations; files under {tempfile.gettempdir()}")
    for name, seconds in (("raw sqlite3 INSERT, one transaction each", raw), ("Store.add_annotation", add),
                          ("Store.edit_annotation", edit)):
        print(f"{name:42} {args.n / seconds:8.0f} /s   ({seconds / args.n * 1000:.2f} ms each)")
    print(f"{'Store.annotations() listing all of them':42} {listing * 1000:8.1f} ms")
    print(f"ratio add/raw: {(args.n / add) / (args.n / raw):.2f}   edit/raw: {(args.n / edit) / (args.n / raw):.2f}")


if __name__ == "__main__":
    main()
