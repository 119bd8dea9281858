"""Hostile files in bounded time and memory: the checks of a large received file, the refusal of
one past the row limits, and imports at and past the size and text limits.

Run:  .venv/bin/python bench/bench_hostile.py [--docs 20000] [--aliases 100000] [--big-aliases 2000000]

Each case runs in a process of its own, which reports its time and peak memory (RSS). Printed as
ratios to a baseline measured in the same run on the same file:
- merge preview and `check` of a file with 20,000 documents and 100,000 aliases, against a bare
  read of its rows (every column of every row, as SQLite returns them); the merge's alias check
  rebuilt a set per alias row and took more than 4 minutes on this file;
- the refusal of a file with 2,000,000 alias rows (past the limit of 1,000,000), against reading
  its bytes once (it merged in 17-21 s and 552 MB before);
- a .txt just under the text limit (20 MB) imported, full-text index and all, and a 64 MB and a
  200 MB one refused (the text and the size limit), against reading and decoding the first
  (a 200 MB .txt took 70 s and 1.86 GB before);
- a 3 MB .docx that unpacks to 900 MB of paragraphs, refused at the text limit (27 s and 6.1 GB
  before), and one of 1 MB, imported, against only unpacking the 900 MB part.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import zipfile
from pathlib import Path

SENTENCE = "About sixty people were returned across the river overnight, a relative said. "


def measure(code: str, **values: object) -> dict[str, float]:
    """Run `code` in a fresh process; it sets `result` (any JSON value). Returns seconds, MB, result."""
    program = textwrap.dedent("""
        import json, resource, sys, time
        values = json.loads(sys.argv[1])
        globals().update(values)
        t0 = time.perf_counter()
        result = None
    """) + textwrap.dedent(code) + textwrap.dedent("""
        seconds = time.perf_counter() - t0
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps({"seconds": seconds, "rss_mb": rss, "result": result}))
    """)
    env = {**os.environ, "TESTIMONIA_AUTHOR": "Bench"}
    run = subprocess.run([sys.executable, "-c", program, json.dumps(values)], capture_output=True, text=True,
                         env=env, timeout=1800)
    if run.returncode:
        raise SystemExit(f"benchmark step failed:\n{run.stderr[-3000:]}")
    return json.loads(run.stdout.strip().splitlines()[-1])


def project_file(path: Path, docs: int, aliases: int) -> None:
    """A project with `docs` short documents and `aliases` aliases, written with SQL directly."""
    measure("""
        import hashlib, sqlite3, uuid
        from pathlib import Path
        from testimonia.core import fts
        from testimonia.core.store import Store
        from testimonia.core.views import AuthorRef
        who = AuthorRef("7c9e6679-7425-40de-944b-e07fc1f90ae7", "Bench")
        Store.create(Path(path), "Bench", who).close()
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("PRAGMA synchronous=OFF")
        uuids = [str(uuid.UUID(int=n + 1, version=4)) for n in range(docs)]
        rows = []
        for n, u in enumerate(uuids):
            text = f"Document {n}: about {n} people were returned across the river."
            sha = hashlib.sha256(text.encode()).hexdigest()
            rows.append((u, f"Report {n}", "txt", f"r{n}.txt", sha, sha, text, "{}", 1 << 16, who.uuid, 1 << 16))
        conn.executemany("INSERT INTO document(uuid, title, kind, source_name, source_sha256, text_sha256, text, "
                         "metadata_json, created_hlc, imported_by, hlc) VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
        fts.build(conn)
        conn.executemany("INSERT INTO document_alias VALUES (?, ?)",
                         ((str(uuid.UUID(int=(1 << 64) + n, version=4)), uuids[n % docs]) for n in range(aliases)))
        conn.commit()
        conn.close()
    """, path=str(path), docs=docs, aliases=aliases)


def ratio(label: str, case: dict[str, float], base: dict[str, float], note: str = "") -> None:
    print(f"{label}: {case['seconds']:.2f} s, peak {case['rss_mb']:.0f} MB; "
          f"{case['seconds'] / max(base['seconds'], 1e-6):.1f}x the baseline ({base['seconds']:.2f} s){note}")


def bench_checks(folder: Path, docs: int, aliases: int) -> None:
    received = folder / "received.testimonia"
    project_file(received, docs, aliases)
    ours = folder / "ours.testimonia"
    measure("""
        from pathlib import Path
        from testimonia.core.store import Store
        from testimonia.core.views import AuthorRef
        Store.create(Path(path), "Ours", AuthorRef("9b2f4c1e-0d3a-4e5b-8c7d-6a1b2c3d4e5f", "Ours")).close()
    """, path=str(ours))
    base = measure("""
        import sqlite3
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        n = 0
        for table in ("project", "author", "label", "document", "document_alias", "annotation", "revision"):
            for row in conn.execute(f"SELECT * FROM {table}"):
                n += 1
        result = n
    """, path=str(received))
    preview = measure("""
        from pathlib import Path
        from testimonia.core import merge
        from testimonia.core.store import Store
        with Store.open(Path(ours)) as store:
            result = merge.preview(store, Path(path)).counts()["documents_new"]
    """, path=str(received), ours=str(ours))
    checked = measure("""
        from pathlib import Path
        from testimonia.core import check, rawdb
        conn = rawdb.connect_raw(Path(path), readonly=True)
        result = len(check.problems(conn))
    """, path=str(received))
    print(f"received file: {docs:,} documents, {aliases:,} aliases, {received.stat().st_size / 2**20:.0f} MB")
    ratio("merge preview (all its checks)", preview, base, f"; {preview['result']:,} new documents")
    ratio("testimonia check", checked, base, f"; {checked['result']} problems")


def bench_row_limit(folder: Path, aliases: int) -> None:
    received = folder / "aliases.testimonia"
    project_file(received, 1_000, aliases)
    ours = folder / "ours2.testimonia"
    measure("""
        from pathlib import Path
        from testimonia.core.store import Store
        from testimonia.core.views import AuthorRef
        Store.create(Path(path), "Ours", AuthorRef("9b2f4c1e-0d3a-4e5b-8c7d-6a1b2c3d4e5f", "Ours")).close()
    """, path=str(ours))
    base = measure("""
        import hashlib
        with open(path, "rb") as fh:
            result = hashlib.file_digest(fh, "sha256").hexdigest()[:8]
    """, path=str(received))
    refused = measure("""
        from pathlib import Path
        from testimonia.core import merge
        from testimonia.core.errors import MergeRefused
        from testimonia.core.store import Store
        from testimonia.core.views import AuthorRef
        with Store.open(Path(ours)) as store:
            try:
                merge.merge(store, Path(path), AuthorRef("9b2f4c1e-0d3a-4e5b-8c7d-6a1b2c3d4e5f", "Ours"))
                result = "merged"
            except MergeRefused as exc:
                result = exc.problem
    """, path=str(received), ours=str(ours))
    print(f"file with {aliases:,} alias rows, {received.stat().st_size / 2**20:.0f} MB: {refused['result']}")
    ratio("merge refused", refused, base, " (reading its bytes once)")


def bench_imports(folder: Path) -> None:
    at_limit, past_limit, huge = folder / "limit.txt", folder / "past.txt", folder / "huge.txt"
    _text_file(at_limit, 19_900_000)  # characters: just under the text limit (20,000,000)
    _text_file(past_limit, 64 * 1024 * 1024 - 1024)  # bytes: within the size limit, past the text limit
    with huge.open("wb") as fh:
        fh.truncate(200 * 1024 * 1024)
    base = measure("""
        result = len(open(path, "rb").read().decode("utf-8"))
    """, path=str(at_limit))
    imported = measure("""
        from pathlib import Path
        from testimonia.core.store import Store
        from testimonia.core.views import AuthorRef
        who = AuthorRef("7c9e6679-7425-40de-944b-e07fc1f90ae7", "Bench")
        with Store.create(Path(project), "Bench", who) as store:
            result = store.import_file(Path(path), who).length
    """, path=str(at_limit), project=str(folder / "import.testimonia"))
    ratio(f"{at_limit.stat().st_size / 2**20:.0f} MB .txt ({imported['result']:,} characters) imported, full-text "
          "index and all", imported, base, " (reading and decoding its bytes)")
    for label, path in (("64 MB .txt", past_limit), ("200 MB .txt", huge)):
        refused = measure("""
            from pathlib import Path
            from testimonia.core.errors import ImportFailed
            from testimonia.core.importers import extract
            try:
                extract(Path(path))
                result = "imported"
            except ImportFailed as exc:
                result = exc.reason
        """, path=str(path))
        ratio(f"{label} refused", refused, base, f": {refused['result']}")

    bomb = folder / "bomb.docx"
    _docx_bomb(bomb, 900 * 1024 * 1024)
    plain = folder / "plain.docx"
    _docx_bomb(plain, 1024 * 1024)
    base = measure("""
        import zipfile
        with zipfile.ZipFile(path) as archive, archive.open("word/document.xml") as fh:
            result = 0
            while chunk := fh.read(1 << 20):
                result += len(chunk)
    """, path=str(bomb))
    for label, path in (("900 MB-of-paragraphs .docx", bomb), ("1 MB-of-paragraphs .docx", plain)):
        case = measure("""
            from pathlib import Path
            from testimonia.core.errors import ImportFailed
            from testimonia.core.importers import extract
            try:
                result = f"imported, {len(extract(Path(path)).text):,} characters"
            except ImportFailed as exc:
                result = exc.reason
        """, path=str(path))
        print(f"{label} ({path.stat().st_size / 2**20:.1f} MB zipped): {case['result']}")
        ratio(f"{label}", case, base, f" (unpacking the 900 MB part, {base['result'] / 2**20:.0f} MB)")


def _text_file(path: Path, size: int) -> None:
    line = SENTENCE * 12 + "\n"
    with path.open("w", encoding="utf-8") as fh:
        for _ in range(size // len(line)):
            fh.write(line)


def _docx_bomb(path: Path, unpacked: int) -> None:
    """A .docx whose document part is `unpacked` bytes of paragraphs, written as a stream."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
    paragraph = f"<w:p><w:r><w:t>{SENTENCE}</w:t></w:r></w:p>".encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("_rels/.rels", f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats'
                         f'.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}" '
                         'Target="word/document.xml"/></Relationships>')
        with archive.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(f'<?xml version="1.0"?><w:document xmlns:w="{w}"><w:body>'.encode())
            chunk = paragraph * (1024 * 1024 // len(paragraph))
            for _ in range(max(1, unpacked // len(chunk))):
                fh.write(chunk)
            fh.write(b"</w:body></w:document>")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--aliases", type=int, default=100_000)
    parser.add_argument("--big-aliases", type=int, default=2_000_000)
    args = parser.parse_args()
    os.environ.setdefault("TESTIMONIA_CONFIG_DIR", tempfile.mkdtemp(prefix="testimonia-bench-config-"))
    with tempfile.TemporaryDirectory(prefix="testimonia-bench-hostile-") as tmp:
        folder = Path(tmp)
        bench_checks(folder, args.docs, args.aliases)
        bench_row_limit(folder, args.big_aliases)
        bench_imports(folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
