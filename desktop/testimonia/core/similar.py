"""Near-identical texts: the same article imported as .txt, .html and .docx.

Their texts differ (line breaks, a caption, curly quotes), so their SHA-256s do, but their words
mostly do not. Each text is cut into overlapping runs of SHINGLE words (case folded, punctuation
and spacing ignored); two texts are near-identical when most runs are shared (Jaccard similarity),
or when nearly all of the shorter one's runs are in the longer one (a page that adds a byline and
a footer to the article).

Comparing an import against every text would cost the whole project each time. Instead every
document keeps a sketch of its text in `document_sketch`: the SKETCH smallest run hashes (a
bottom-k MinHash), a few hundred bytes. An import looks its own smallest hashes up in that index;
only documents sharing several of them are compared, on their real texts. The table is one of the optional local tables
(core/schema.py): created at the first import that needs it, derived, keyed by the text's SHA-256
(renames and merges leave it right), never merged; texts that arrive without a sketch (a merge, a
file from before) are sketched at a later import (`backfill`).
"""

from __future__ import annotations

import heapq
import re
import sqlite3
import time
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

from .messages import Message
from .schema import ensure_local_table, has_table

TABLE = "document_sketch"

SHINGLE = 5  # words per run
SKETCH = 16  # smallest run hashes kept per text
MIN_SHARED = 3  # sketch hashes in common that make a document worth comparing
MAX_CANDIDATES = 5
NEAR_JACCARD = 0.8
NEAR_CONTAINED = 0.9
BACKFILL_SECONDS = 2.0  # per import, for texts that arrived without a sketch

_WORD = re.compile(r"\w+")
_MOD = (1 << 61) - 1
_BASE = 1_000_003
_MIX = 0x9E3779B97F4A7C15
_MASK = (1 << 62) - 1


@dataclass(frozen=True)
class Sketch:
    key: int  # the text's SHA-256, first 60 bits
    shingles: int  # distinct runs in the text
    hashes: list[int]  # its SKETCH smallest run hashes


@dataclass(frozen=True)
class NearDuplicate:
    uuid: str
    title: str
    kind: str
    similarity: float  # Jaccard similarity of the two texts' runs
    contained: float  # share of the shorter text's runs found in the other


def note(path: object, dup: NearDuplicate) -> Message:
    """What an import says about a near-identical text it found (it imports the file anyway)."""
    return Message("{path}: imported, but a near-identical text is already in the project: “{title}” ({kind}, "
                   "{uuid}), {percent}% the same", path=path, title=dup.title, kind=dup.kind, uuid=dup.uuid,
                   percent=round(100 * max(dup.similarity, dup.contained)))


def key_of(text_sha256: str) -> int:
    return int(text_sha256[:15], 16)


def shingles(text: str) -> set[int]:
    """Hashes of every run of SHINGLE consecutive words (a shorter text is one run)."""
    words = [zlib.crc32(w.encode("utf-8")) for w in _WORD.findall(text.casefold())]
    if not words:
        return set()
    width = min(SHINGLE, len(words))
    top = pow(_BASE, width - 1, _MOD)
    h = 0
    for w in words[:width]:
        h = (h * _BASE + w) % _MOD
    out = {((h * _MIX) >> 2) & _MASK}
    for i in range(width, len(words)):
        h = ((h - words[i - width] * top) * _BASE + words[i]) % _MOD
        out.add(((h * _MIX) >> 2) & _MASK)
    return out


def sketch(text: str, text_sha256: str, runs: set[int] | None = None) -> Sketch:
    runs = shingles(text) if runs is None else runs
    return Sketch(key_of(text_sha256), len(runs), heapq.nsmallest(SKETCH, runs))


def store(conn: sqlite3.Connection, sk: Sketch) -> None:
    """Write a text's sketch (caller's write transaction). A row with a negative hash marks the
    text as sketched, so one without any run (no words) is not sketched again."""
    ensure_local_table(conn, TABLE)
    rows = [(h, sk.key, sk.shingles) for h in (-1 - sk.key, *sk.hashes)]
    conn.executemany("INSERT OR IGNORE INTO document_sketch(hash, doc_key, shingles) VALUES (?, ?, ?)", rows)


def unsketched(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(uuid, text SHA-256) of listed documents whose text has no sketch yet."""
    done = ({-1 - h for (h,) in conn.execute("SELECT hash FROM document_sketch WHERE hash < 0")}
            if has_table(conn, TABLE) else set())
    return [(u, sha) for u, sha in conn.execute("SELECT uuid, text_sha256 FROM document WHERE NOT removed")
            if key_of(sha) not in done]


def backfill(conn: sqlite3.Connection, todo: Iterable[tuple[str, str]], seconds: float = BACKFILL_SECONDS) -> int:
    """Sketch what `unsketched` found, for at most `seconds`; returns how many were done."""
    deadline, done = time.monotonic() + seconds, 0
    for uuid, sha in todo:
        row = conn.execute("SELECT text FROM document WHERE uuid = ?", (uuid,)).fetchone()
        if row is not None:
            store(conn, sketch(row[0], sha))
            done += 1
        if time.monotonic() > deadline:
            break
    return done


def near_duplicates(conn: sqlite3.Connection, uuid: str) -> list[NearDuplicate]:
    """Listed documents whose text is near-identical to document `uuid`'s, most similar first."""
    row = conn.execute("SELECT text, text_sha256 FROM document WHERE uuid = ?", (uuid,)).fetchone()
    if row is None:
        return []
    text, sha = row
    runs = shingles(text)
    own = sketch(text, sha, runs)
    if not own.hashes or not has_table(conn, TABLE):
        return []
    marks = ", ".join("?" * len(own.hashes))
    candidates = conn.execute(
        f"SELECT doc_key FROM document_sketch WHERE hash IN ({marks}) AND doc_key != ? GROUP BY doc_key "
        "HAVING count(*) >= ? ORDER BY count(*) DESC LIMIT ?",
        (*own.hashes, own.key, min(MIN_SHARED, len(own.hashes)), MAX_CANDIDATES)).fetchall()
    found: list[NearDuplicate] = []
    for (key,) in candidates:
        prefix = f"{key:015x}"
        for other, title, kind, other_text in conn.execute(
                "SELECT uuid, title, kind, text FROM document WHERE text_sha256 >= ? AND text_sha256 < ? "
                "AND NOT removed AND uuid != ?", (prefix, prefix + "g", uuid)):
            theirs = shingles(other_text)
            common = len(runs & theirs)
            jaccard = common / (len(runs | theirs) or 1)
            contained = common / (min(len(runs), len(theirs)) or 1)
            if jaccard >= NEAR_JACCARD or contained >= NEAR_CONTAINED:
                found.append(NearDuplicate(other, title, kind, round(jaccard, 3), round(contained, 3)))
    return sorted(found, key=lambda d: (-d.similarity, d.title, d.uuid))
