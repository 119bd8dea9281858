"""Coalition-scale projects for the scale benchmark: N documents, M annotations, written fast.

Run:  .venv/bin/python bench/scale_project.py DOCS ANNOTATIONS [--teammate] [--twin] [--fresh]

The file is made by the product's own `Store.create` (so the schema, pragmas, built-in labels and
project row are the real ones); the rows are then written with bulk SQL in one transaction, as
they would be after years of use: documents of 5–20k characters built from the project's own
fixture and sample articles (tests/fixtures/articles, resources/sample, extracted by the product's
importers, shuffled, with numbers, places and names varied, Korean lines included), annotations
of the three kinds with their fields, several authors, edits (multi-revision annotations), a few
deletions, conflicts (two heads), removed documents and aliases.

Files are cached under $TESTIMONIA_BENCH_CACHE, else $XDG_CACHE_HOME/testimonia-bench (default
~/.cache/testimonia-bench), keyed by size, seed and GENERATOR_VERSION: bump the version whenever
what is generated changes. Derived files:
  - `teammate(base)`: the same project plus about 10 % new revisions by another author (two thirds
    in new annotations, one third edits of existing ones), as a colleague's copy coming back;
  - `twin(base)`: the same rows in a file with other bytes (VACUUM INTO), for the no-op merge.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sqlite3
import sys
import time
import unicodedata
from dataclasses import asdict, dataclass
from hashlib import sha256
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO / "desktop") not in sys.path:  # runnable from a checkout without the editable install
    sys.path.insert(0, str(REPO / "desktop"))

GENERATOR_VERSION = 2  # 2: schema version 6, the contentless search index (core/fts.py)
T0_MS = 1_704_067_200_000  # 2024-01-01 UTC: the project's first edit
ARTICLE_FILES = (
    "tests/fixtures/articles/border_returns.txt", "tests/fixtures/articles/border_returns_ko.txt",
    "tests/fixtures/articles/shelter_raid.html", "resources/sample/01_border_detentions.txt",
    "resources/sample/02_un_rapporteur.txt", "resources/sample/03_families_seoul.txt",
)
PLACES = ("Dandong", "Yanji", "Shenyang", "Tumen", "Hunchun", "Changbai", "Longjing", "Helong", "Jilin",
          "Liaoning", "Yalu River", "Seoul", "Geneva", "단둥", "옌지", "투먼")
NAMES = ("Kim Eun-ha", "Kim Soo-yeon", "Park Mi-ran", "Lee Jun-ho", "Lee Soo-jin", "Choi Hye-won", "Jung Min-su",
         "Han Seo-yeon", "Yoon Ji-ho", "Kang Da-eun", "김은하", "박미란", "이준호")
AUTHORS = ("Kim Min-ji", "Lee Hyun-woo", "Sarah Okafor", "Park Ji-yeon", "Tomás Ferreira", "정수빈")
TEAMMATE = "Ahn Yu-na"
ROLES = ("researcher, Seoul-based rights group", "relative of a detainee", "lawyer for the families",
         "government spokesperson", "UN Special Rapporteur", "church volunteer", "former detainee", "탈북민 가족")
UNITS = ("North Koreans returned", "detainees", "people held in detention centres", "escapees arrested",
         "defectors reaching the South", "days without news", "interviews", "buses", "children", "강제북송 인원")
INSTRUMENTS = ("Convention against Torture", "1951 Refugee Convention", "1967 Protocol",
               "International Covenant on Civil and Political Rights", "Convention on the Rights of the Child",
               "customary principle of non-refoulement", "고문방지협약", "난민협약")
DUTY_BEARERS = ("China", "South Korea", "the DPRK", "all states", "UNHCR", "중국")
BENEFICIARIES = ("North Korean returnees", "escapees held in Jilin", "detained women and children",
                 "families in Seoul", "탈북민")
NOTES = ("Single source; check against the NGO's report.", "Figure disputed by the ministry.",
         "Second-hand account, relative of a detainee.", "Cross-checked with two other articles.",
         "Date approximate.", "번역 확인 필요", "인터뷰 원문 대조함", "Same incident as the Yanji raid?")
KINDS = ("html", "txt", "pdf", "docx", "paste")


@dataclass(frozen=True)
class Counts:
    """What the generator wrote; what `stats()` and `check` must find."""

    documents: int  # live (not removed)
    removed: int
    aliases: int
    annotations: int  # rows, deleted ones included
    live_annotations: int  # listed: not deleted (or deleted in a conflict), on a live document
    revisions: int
    conflicts: int  # live annotations with more than one head
    deleted: int
    chars: int  # characters of text, all documents


# -- text --------------------------------------------------------------------------------------
def _sentences() -> list[str]:
    """Sentences of the project's own articles, through the product's extractors."""
    from testimonia.core.importers import extract

    out: list[str] = []
    for rel in ARTICLE_FILES:
        text = extract(REPO / rel).text
        for line in text.split("\n"):
            line = line.strip()
            if len(line) < 25:
                continue  # bylines, "Advertisement", short boilerplate
            out += [s for s in re.split(r"(?<=[.!?”])\s+(?=[“A-Z0-9가-힣])", line) if len(s) >= 20]
    return [unicodedata.normalize("NFC", s) for s in out]


def _variants(sentences: list[str], rng: random.Random, per: int = 12) -> list[str]:
    """Each sentence in several versions: other numbers, places and names."""
    num = re.compile(r"\d+(?:,\d{3})*")
    place = re.compile("|".join(re.escape(p) for p in PLACES[:10]))
    name = re.compile("|".join(re.escape(n) for n in NAMES[:6]))
    out = []
    for s in sentences:
        out.append(s)
        for _ in range(per - 1):
            v = num.sub(lambda m: str(rng.randrange(2, 2000) if len(m.group()) < 4 else rng.randrange(1990, 2025)), s)
            v = place.sub(lambda _m: rng.choice(PLACES), v)
            out.append(name.sub(lambda _m: rng.choice(NAMES), v))
    return out


def _document(rng: random.Random, pool: list[str], i: int) -> tuple[str, str]:
    """(title, text) of 5–20k characters: a headline, a dateline, paragraphs of pooled sentences."""
    target = rng.randrange(5_000, 20_000)
    title = f"{rng.choice(pool)[:80].rstrip(' ,;:')} ({i + 1})"
    parts = [title, f"{rng.choice(PLACES)} — report {i + 1}, {2010 + i % 15}-{1 + i % 12:02d}-{1 + i % 28:02d}", ""]
    size = sum(len(p) + 1 for p in parts)
    while size < target:
        para = " ".join(rng.choices(pool, k=rng.randrange(2, 6)))
        parts.append(para)
        size += len(para) + 1
    return title, "\n".join(parts)[:target].rstrip()


# -- rows ----------------------------------------------------------------------------------------
class _Ids:
    """Random version-4 UUIDs from a seeded generator: the same project for the same seed."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def __call__(self) -> str:
        h = f"{self.rng.getrandbits(128):032x}"
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) & 3]}{h[17:20]}-{h[20:]}"


def _fields(rng: random.Random, kind: str) -> str:
    if kind == "statement":
        f: dict[str, object] = {"speaker": rng.choice(NAMES), "mode": rng.choice(("direct", "reported"))}
        if rng.random() < 0.6:
            f["speaker_role"] = rng.choice(ROLES)
    elif kind == "figure":
        if rng.random() < 0.5:
            lo = rng.randrange(2, 900)
            f = {"value_low": lo, "value_high": lo + rng.randrange(1, 600)}
        else:
            f = {"value": rng.randrange(1, 3000)}
            if rng.random() < 0.4:
                f["approximate"] = True
        f["unit"] = rng.choice(UNITS)
        if rng.random() < 0.5:
            f["place"] = rng.choice(PLACES)
        if rng.random() < 0.3:
            f["date"] = f"{rng.randrange(2015, 2025)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
    else:
        f = {"instrument": rng.choice(INSTRUMENTS), "duty_bearer": rng.choice(DUTY_BEARERS)}
        if rng.random() < 0.7:
            f["beneficiary"] = rng.choice(BENEFICIARIES)
    return json.dumps(f, ensure_ascii=False, sort_keys=True)


class _Writer:
    """Builds annotation and revision rows, one document (and its text) at a time."""

    def __init__(self, rng: random.Random, authors: list[str], hlc: int) -> None:
        from testimonia.core import labels

        self.rng, self.authors, self.hlc = rng, authors, hlc
        self.uuid = _Ids(rng)
        self.kinds = [(b.uuid, b.kind) for b in labels.BUILTINS]
        self.fields = {k: [_fields(rng, k) for _ in range(400)] for _, k in self.kinds}
        self.notes = ["", "", "", "", "", *NOTES]
        self.anns: list[tuple[object, ...]] = []
        self.revs: list[list[object]] = []

    def tick(self) -> int:
        self.hlc += self.rng.randrange(1 << 16, 1 << 26)  # up to ~17 minutes between edits
        return self.hlc

    def revision(self, ann: str, text: str, author: str, parent: list[object] | None,
                 label: tuple[str, str], deleted: bool = False) -> list[object]:
        """A head revision; its parent (if any) stops being one. Edits mostly keep the span."""
        rng = self.rng
        if parent is not None and (deleted or rng.random() < 0.8):
            start, end = int(parent[6]), int(parent[7])  # type: ignore[call-overload]
        else:
            start = rng.randrange(0, len(text) - 260)
            end = start + rng.randrange(8, 250)
        if parent is not None:
            parent[14] = 0
        row: list[object] = [
            # The JSON of a one-UUID list, written directly: json.dumps was a fifth of the generator's time.
            self.uuid(), ann, f'["{parent[0]}"]' if parent else "[]", author, self.tick(), label[0], start, end,
            text[start:end], text[max(0, start - 32):start], text[end:end + 32], rng.choice(self.fields[label[1]]),
            rng.choice(self.notes), int(deleted), 1, 0]
        self.revs.append(row)
        return row

    def annotation(self, doc: str, text: str, author: str, shape: str) -> None:
        """One annotation; `shape` is plain, edited (1–2 edits), deleted (a tombstone) or conflict."""
        rng = self.rng
        a = self.uuid()
        label = rng.choice(self.kinds)
        first = last = self.revision(a, text, author, None, label)
        if shape == "edited":
            for _ in range(rng.randrange(1, 3)):
                last = self.revision(a, text, rng.choice(self.authors), last, label)
        elif shape == "deleted":
            if rng.random() < 0.3:
                last = self.revision(a, text, rng.choice(self.authors), last, label)
            last = self.revision(a, text, rng.choice(self.authors), last, label, deleted=True)
        heads = [last]
        if shape == "conflict":  # two members edited the same version without seeing each other's change
            heads = [self.revision(a, text, who, first, label) for who in rng.sample(self.authors, 2)]
        winner = max(heads, key=lambda r: (r[4], r[0]))  # type: ignore[arg-type, return-value]
        self.anns.append((a, doc, first[4], author, winner[0], len(heads)))

    def flush(self, conn: sqlite3.Connection) -> None:
        conn.executemany("INSERT INTO annotation VALUES (?, ?, ?, ?, ?, ?)", self.anns)
        conn.executemany(REV_INSERT, self.revs)
        self.anns, self.revs = [], []


def _shape(rng: random.Random) -> str:
    x = rng.random()
    return "plain" if x < 0.77 else "edited" if x < 0.97 else "deleted" if x < 0.995 else "conflict"


def _fast(conn: sqlite3.Connection) -> None:
    """Bulk-load settings for the generator's own connection; the file's journal mode is put back."""
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-524288")  # 512 MiB: random UUID keys touch every index page
    conn.execute("PRAGMA temp_store=MEMORY")


def _finish(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA journal_mode=WAL")  # what Store.create made: the file keeps it in its header
    conn.close()


REV_INSERT = ("INSERT INTO revision(uuid, annotation_uuid, parents, author_uuid, hlc, label_uuid, span_start, "
              "span_end, exact, prefix, suffix, fields, note, deleted, is_head, orphaned) VALUES ("
              + ", ".join("?" * 16) + ")")
DOC_INSERT = ("INSERT INTO document(uuid, title, kind, source_name, source_sha256, text_sha256, text, page_starts, "
              "metadata_json, created_hlc, imported_by, hlc, removed) VALUES (" + ", ".join("?" * 13) + ")")
BATCH = 500  # documents per flush: the generator holds a few texts at a time, not the project


def build(path: Path, documents: int, annotations: int, seed: int = 1) -> Counts:
    """Write a new project file at `path` (which must not exist)."""
    from testimonia.core import fts
    from testimonia.core.store import Store
    from testimonia.core.views import AuthorRef

    rng = random.Random(seed)
    uid = _Ids(rng)
    authors = [(uid(), name) for name in AUTHORS]
    Store.create(path, f"Coalition evidence ({documents:,} documents)", AuthorRef(*authors[0])).close()
    pool = _variants(_sentences(), rng)
    # Annotations cluster: some reports are read closely, most get a handful.
    weights = [rng.paretovariate(1.5) for _ in range(documents)]
    per_doc = [0] * documents
    for d in rng.choices(range(documents), weights, k=annotations):
        per_doc[d] += 1
    w = _Writer(rng, [a for a, _ in authors], T0_MS << 16)
    conn = sqlite3.connect(path, isolation_level=None)
    _fast(conn)
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO author(uuid, name, hlc) VALUES (?, ?, ?)",
                     [(a, n, T0_MS << 16) for a, n in authors[1:]])
    removed = aliases = chars = live = conflicts = deleted = revisions = 0
    docs: list[tuple[object, ...]] = []
    for i in range(documents):
        title, text = _document(rng, pool, i)
        u = uid()
        kind = KINDS[i % len(KINDS)]
        pages = json.dumps(list(range(0, len(text), 2400))) if kind == "pdf" else None
        gone = rng.random() < 0.005
        removed += gone
        hlc = w.tick()
        docs.append((u, title, kind, f"report-{i + 1}.{'txt' if kind == 'paste' else kind}",
                     sha256(f"source {seed} {i}".encode()).hexdigest(), sha256(text.encode()).hexdigest(), text,
                     pages, "{}", hlc, rng.choice(authors)[0], hlc, int(gone)))
        chars += len(text)
        if rng.random() < 0.005:  # the same article imported twice, once under another UUID
            conn.execute("INSERT INTO document_alias(alias_uuid, document_uuid) VALUES (?, ?)", (uid(), u))
            aliases += 1
        for _ in range(per_doc[i]):
            shape = _shape(rng)
            w.annotation(u, text, rng.choice(w.authors), shape)
            deleted += shape == "deleted"
            if not gone and shape != "deleted":
                live += 1
                conflicts += shape == "conflict"
        if len(docs) >= BATCH or i == documents - 1:
            conn.executemany(DOC_INSERT, docs)
            for d in docs:
                fts.add(conn, d[0], d[1], d[6])
            revisions += len(w.revs)
            w.flush(conn)
            docs = []
    conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('hlc', ?)", (str(w.hlc),))
    conn.execute("COMMIT")
    _finish(conn)
    return Counts(documents=documents - removed, removed=removed, aliases=aliases, annotations=annotations,
                  live_annotations=live, revisions=revisions, conflicts=conflicts, deleted=deleted, chars=chars)


def add_teammate_work(path: Path, share: float = 0.10, seed: int = 2) -> int:
    """A colleague's copy: `share` of the file's revisions added by another author; returns how many.
    Two thirds are new annotations (a tenth of them edited), the rest edits of existing ones."""
    rng = random.Random(seed)
    conn = sqlite3.connect(path, isolation_level=None)
    _fast(conn)
    n_revs = conn.execute("SELECT count(*) FROM revision").fetchone()[0]
    hlc = int(conn.execute("SELECT value FROM meta WHERE key = 'hlc'").fetchone()[0])
    docs = [u for (u,) in conn.execute("SELECT uuid FROM document WHERE NOT removed ORDER BY uuid")]
    target = max(1, round(n_revs * share))
    w = _Writer(rng, [], hlc)
    me = w.uuid()
    w.authors = [me]
    per_doc: dict[str, int] = {}
    for d in rng.choices(docs, k=target * 2 // 3):
        per_doc[d] = per_doc.get(d, 0) + 1
    conn.execute("BEGIN")
    for d, n in sorted(per_doc.items()):
        text = conn.execute("SELECT text FROM document WHERE uuid = ?", (d,)).fetchone()[0]
        for _ in range(n):
            w.annotation(d, text, me, "plain" if rng.random() < 0.9 else "edited")
    kinds = {k[0]: k for k in w.kinds}
    edits = conn.execute(
        "SELECT a.uuid, a.document_uuid, r.* FROM annotation a JOIN revision r ON r.uuid = a.head_uuid "
        "JOIN document d ON d.uuid = a.document_uuid WHERE a.heads = 1 AND NOT r.deleted AND NOT d.removed "
        "ORDER BY a.uuid LIMIT ?", (max(0, target - len(w.revs)),)).fetchall()
    for ann, doc, *head in edits:
        text = conn.execute("SELECT text FROM document WHERE uuid = ?", (doc,)).fetchone()[0]
        rev = w.revision(ann, text, me, list(head), kinds[head[5]])
        conn.execute("UPDATE revision SET is_head = 0 WHERE uuid = ?", (head[0],))
        conn.execute("UPDATE annotation SET head_uuid = ? WHERE uuid = ?", (rev[0], ann))
    conn.execute("INSERT INTO author(uuid, name, hlc) VALUES (?, ?, ?)", (me, TEAMMATE, w.hlc))
    made = len(w.revs)
    w.flush(conn)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'hlc'", (str(w.hlc),))
    conn.execute("COMMIT")
    _finish(conn)
    return made


# -- cache ------------------------------------------------------------------------------------------
def cache_dir() -> Path:
    base = os.environ.get("TESTIMONIA_BENCH_CACHE")
    if base:
        return Path(base)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "testimonia-bench"


def _cached(name: str, make: callable) -> Path:  # type: ignore[valid-type]
    """`name` in the cache folder, made by `make(tmp_path)` if absent, then renamed into place."""
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if path.exists():
        return path
    tmp = folder / f".{name}.{os.getpid()}.tmp"
    for p in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm"), tmp.with_suffix(".json")):
        p.unlink(missing_ok=True)
    try:
        info = make(tmp)  # type: ignore[operator]
        if info is not None:
            (folder / f"{name}.json").write_text(json.dumps(info, indent=1) + "\n")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def project(documents: int, annotations: int, seed: int = 1) -> Path:
    """The cached project of this size (built on first use)."""
    return _cached(f"scale-v{GENERATOR_VERSION}-s{seed}-{documents}d-{annotations}a.testimonia",
                   lambda p: asdict(build(p, documents, annotations, seed)))


def counts(path: Path) -> Counts:
    """What the generator wrote into a cached base project."""
    return Counts(**json.loads(Path(f"{path}.json").read_text()))


def teammate(base: Path) -> Path:
    def make(p: Path) -> dict[str, int]:
        shutil.copyfile(base, p)
        return {"new_revisions": add_teammate_work(p)}

    return _cached(base.name.replace(".testimonia", "-teammate.testimonia"), make)


def twin(base: Path) -> Path:
    def make(p: Path) -> None:
        conn = sqlite3.connect(base)
        try:
            conn.execute("VACUUM INTO ?", (str(p),))  # every row, on other pages: other bytes, same content
        finally:
            conn.close()

    return _cached(base.name.replace(".testimonia", "-twin.testimonia"), make)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("documents", type=int)
    ap.add_argument("annotations", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--teammate", action="store_true", help="also the teammate's copy (10 %% new)")
    ap.add_argument("--twin", action="store_true", help="also a copy with other bytes and the same rows")
    ap.add_argument("--fresh", action="store_true", help="build again even if cached")
    args = ap.parse_args()
    t = time.perf_counter()
    name = f"scale-v{GENERATOR_VERSION}-s{args.seed}-{args.documents}d-{args.annotations}a.testimonia"
    if args.fresh:
        for p in cache_dir().glob(name.replace(".testimonia", "*")):
            p.unlink()
    base = project(args.documents, args.annotations, args.seed)
    print(f"{base}  ({base.stat().st_size / 1e6:,.0f} MB, {time.perf_counter() - t:.1f} s)  {counts(base)}")
    for wanted, make in ((args.teammate, teammate), (args.twin, twin)):
        if wanted:
            t = time.perf_counter()
            p = make(base)
            print(f"{p}  ({p.stat().st_size / 1e6:,.0f} MB, {time.perf_counter() - t:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
