"""Team merge speed: a member's file merged into a project, against a bare INSERT OR IGNORE … SELECT.

Run:  .venv/bin/python bench/bench_merge.py [--revisions 200000] [--shared 0.5]

Both files are generated with SQL directly (not through the API): a common history (the share of
revisions both members already exchanged), then each member's own work since: new annotations
and edits of shared ones, some of them concurrent, so the merge creates real conflicts.
Printed: the merge time as a ratio to a bare `INSERT OR IGNORE INTO revision/annotation SELECT …`
of the same rows over the same ATTACHed file in the same run (target ≤ 1.5×), rows/s, and a no-op
re-merge of the same file as a share of the first merge (target under 10 %).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import tempfile
import time
import uuid
from pathlib import Path

from testimonia.core import check, fts, heads, labels, merge, rawdb
from testimonia.core.anchoring import quote_context
from testimonia.core.merge import concurrent
from testimonia.core.store import Store
from testimonia.core.textnorm import sha256_hex
from testimonia.core.views import AuthorRef

DOCS = 100
DOC_CHARS = 20_000
WORDS = [
    "about", "60", "North", "Koreans", "were", "detained", "in", "Dandong,", "officials", "said;", "the",
    "Convention", "against", "Torture", "and", "the", "principle", "of", "non-refoulement", "admit", "no",
    "exception", "“we", "were", "told", "nothing,”", "탈북자", "강제송환", "Between", "500", "to", "600",
    "people", "were", "returned", "last", "month", "according", "to", "two", "sources",
]
LABELS = [b.uuid for b in labels.BUILTINS]
T0 = (1_750_000_000_000 << 16)


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _text(rng: random.Random) -> str:
    out: list[str] = []
    size = 0
    while size < DOC_CHARS:
        w = rng.choice(WORDS)
        out.append(w)
        size += len(w) + 1
        if rng.random() < 0.05:
            out.append("\n")
    return " ".join(out)[:DOC_CHARS]


class Gen:
    """Writes annotations and revisions straight into a project file."""

    def __init__(self, path: Path, author: AuthorRef, rng: random.Random, docs: list[tuple[str, str]]) -> None:
        self.conn = rawdb.connect_raw(path)
        self.conn.execute("PRAGMA synchronous=OFF")
        self.author = author
        self.rng = rng
        self.docs = docs
        latest = self.conn.execute("SELECT max(hlc) FROM revision").fetchone()[0]
        self.hlc = (latest or T0) + rng.randrange(1 << 20)

    def tick(self) -> int:
        self.hlc += self.rng.randrange(1, 1 << 12)
        return self.hlc

    def revision(self, ann: str, doc: int, parents: list[str], deleted: bool = False) -> tuple[object, ...]:
        text = self.docs[doc][1]
        start = self.rng.randrange(0, len(text) - 80)
        end = start + self.rng.randrange(5, 80)
        exact, prefix, suffix = quote_context(text, start, end)
        label = self.rng.choice(LABELS)
        fields = {"value": self.rng.randrange(1000)} if label == labels.FIGURE else {}
        return (_uuid(self.rng), ann, json.dumps(sorted(parents)), self.author.uuid, self.tick(), label, start, end,
                exact, prefix, suffix, json.dumps(fields), self.rng.choice(["", "", "checked against the report"]),
                int(deleted))

    def add(self, annotations: int, edits_of: list[tuple[str, int, str]], edit_share: float) -> list:
        """`annotations` new ones (some edited once), plus one edit of each of `edits_of`."""
        anns, revs = [], []
        made: list[tuple[str, int, str]] = []
        for _ in range(annotations):
            a, d = _uuid(self.rng), self.rng.randrange(len(self.docs))
            r = self.revision(a, d, [])
            anns.append((a, self.docs[d][0], r[4], self.author.uuid, r[0], 1))
            revs.append(r)
            if self.rng.random() < edit_share:
                r = self.revision(a, d, [r[0]])
                revs.append(r)
            made.append((a, d, r[0]))
        for a, d, head in edits_of:
            revs.append(self.revision(a, d, [head], deleted=self.rng.random() < 0.05))
        with self.conn:
            self.conn.executemany("INSERT INTO annotation VALUES (?, ?, ?, ?, ?, ?)", anns)
            self.conn.executemany(
                "INSERT INTO revision(uuid, annotation_uuid, parents, author_uuid, hlc, label_uuid, span_start, "
                "span_end, exact, prefix, suffix, fields, note, deleted, is_head, orphaned) VALUES ("
                + ", ".join("?" * 14) + ", 1, 0)",
                revs)
        return made

    def finish(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")
        heads.refresh(self.conn, "SELECT uuid FROM annotation")
        self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('hlc', ?)", (str(self.hlc),))
        self.conn.execute("COMMIT")
        self.conn.close()


def generate(folder: Path, revisions: int, shared: float, seed: int = 1) -> tuple[Path, Path]:
    rng = random.Random(seed)
    alice, bob = AuthorRef(_uuid(rng), "Alice"), AuthorRef(_uuid(rng), "Bob")
    project = folder / "project.testimonia"
    Store.create(project, "Bench", alice).close()
    docs = [(_uuid(rng), _text(rng)) for _ in range(DOCS)]
    conn = rawdb.connect_raw(project)
    with conn:
        for i, (u, text) in enumerate(docs):
            conn.execute(
                "INSERT INTO document(uuid, title, kind, source_name, source_sha256, text_sha256, text, metadata_json, "
                "created_hlc, imported_by, hlc) VALUES (?, ?, 'txt', ?, ?, ?, ?, '{}', ?, ?, ?)",
                (u, f"Report {i}", f"report-{i}.txt", sha256_hex(text + "src"), sha256_hex(text), text, T0, alice.uuid,
                 T0))
            fts.add(conn, u, f"Report {i}", text)
        conn.execute("INSERT INTO author(uuid, name, hlc) VALUES (?, ?, ?)", (bob.uuid, bob.name, T0))
    conn.close()
    # Common history: about `shared` of each file's revisions (creations, half of them edited once).
    base = Gen(project, alice, rng, docs)
    common = base.add(int(revisions * shared / 1.5), [], edit_share=0.5)
    base.finish()
    member = folder / "member.testimonia"
    shutil.copyfile(project, member)
    # Each side's own work: new annotations, and edits of shared ones (an edit of the same one on
    # both sides is a conflict after the merge).
    own = revisions - _count(project)
    for path, who in ((project, alice), (member, bob)):
        g = Gen(path, who, random.Random(rng.random()), docs)
        edits = g.rng.sample(common, min(len(common), own // 5))
        g.add(int((own - len(edits)) / 1.5), edits, edit_share=0.5)
        g.finish()
    return project, member


def _count(path: Path) -> int:
    conn = rawdb.connect_raw(path, readonly=True)
    try:
        return conn.execute("SELECT count(*) FROM revision").fetchone()[0]
    finally:
        conn.close()


def bare_insert(project: Path, member: Path, tuned: bool) -> float:
    """The floor: copy the same rows with nothing checked, matched or recomputed."""
    conn = rawdb.connect_raw(project)
    try:
        start = time.perf_counter()
        conn.execute("ATTACH DATABASE ? AS incoming", (f"{member.resolve().as_uri()}?mode=ro",))
        if tuned:  # the merge's page cache and temp store, so only the work differs
            concurrent.tune(conn)
            concurrent.tune(conn, "incoming")
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT OR IGNORE INTO main.annotation SELECT * FROM incoming.annotation")
        conn.execute("INSERT OR IGNORE INTO main.revision SELECT * FROM incoming.revision")
        conn.execute("COMMIT")
        return time.perf_counter() - start
    finally:
        conn.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--revisions", type=int, default=200_000, help="revisions in each file")
    ap.add_argument("--shared", type=float, default=0.5, help="share of history both files already hold")
    ap.add_argument("--keep", action="store_true", help="keep the generated files and print where")
    ap.add_argument("--runs", type=int, default=3, help="repetitions; the run with the median ratio is printed")
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="testimonia-bench-merge-"))
    try:
        t = time.perf_counter()
        project, member = generate(folder, args.revisions, args.shared)
        n_p, n_m = _count(project), _count(member)
        print(f"generated project ({n_p} revisions) and member ({n_m} revisions) in {time.perf_counter() - t:.1f} s")
        runs = []
        for _ in range(args.runs):
            copies = [folder / f"{name}.testimonia" for name in ("floor", "floor-default", "merge")]
            for dst in copies:
                for suffix in ("", "-wal", "-shm"):
                    Path(str(dst) + suffix).unlink(missing_ok=True)
                shutil.copyfile(project, dst)
            floor_copy, default_copy, merge_copy = copies
            floor = bare_insert(floor_copy, member, True)
            floor_default = bare_insert(default_copy, member, False)
            # The same content under other bytes: the full checks run, but nothing is new.
            twin = folder / "member-twin.testimonia"
            twin.unlink(missing_ok=True)
            conn = sqlite3.connect(member)
            conn.execute("VACUUM INTO ?", (str(twin),))  # same rows, other page layout
            conn.close()
            who = AuthorRef(str(uuid.uuid4()), "Bench")
            with Store.open(merge_copy) as store:
                t = time.perf_counter()
                report = merge.merge(store, member, who)
                first = time.perf_counter() - t
                t = time.perf_counter()
                again = merge.merge(store, member, who)
                noop = time.perf_counter() - t
                t = time.perf_counter()
                twin_report = merge.merge(store, twin, who)
                noop_twin = time.perf_counter() - t
            runs.append((floor, floor_default, first, noop, noop_twin, report, again, twin_report))
        # The median run, not the best: what a user waits for (issue 15).
        ranked = sorted(runs, key=lambda r: r[2] / r[0])
        floor, floor_default, first, noop, noop_twin, report, again, twin_report = ranked[len(ranked) // 2]
        print("merge / bare insert, every run: " + ", ".join(f"{r[2] / r[0]:.2f}×" for r in runs))
        conn = sqlite3.connect(merge_copy)
        problems = check.problems(conn)
        conn.close()
        c = report.counts()
        print(f"merge: {c['revisions_new']} new revisions ({c['revisions_known']} already held), "
              f"{c['annotations_new']} new annotations, {c['annotations_changed']} changed, "
              f"{c['conflicts_created']} conflicts created")
        print(f"bare INSERT OR IGNORE … SELECT: {floor:.3f} s with the merge's cache settings, "
              f"{floor_default:.3f} s with SQLite's default cache")
        print(f"merge:                          {first:.3f} s  = {first / floor:.2f}× the bare insert "
              f"(target ≤ 1.5×); {first / floor_default:.2f}× the default-cache one")
        print(f"rows/s:                         {c['revisions_new'] / first:,.0f} new revisions/s, "
              f"{n_m / first:,.0f} incoming revisions/s")
        print(f"no-op re-merge, same file:      {noop:.3f} s  = {100 * noop / first:.1f} % of the first merge "
              f"(target < 10 %; recognised by its SHA-256: {again.already_merged_hlc is not None})")
        print(f"no-op merge, same rows in a file with other bytes (all checks run): {noop_twin:.3f} s  = "
              f"{100 * noop_twin / first:.1f} % of the first merge; "
              f"{twin_report.counts()['revisions_new']} new revisions")
        print(f"merged file check:              {'sound' if not problems else problems[:3]}")
        if args.keep:
            print(f"files kept in {folder}")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
