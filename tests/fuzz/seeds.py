"""Starting inputs for each fuzz target, made here from text written for the project (none is
committed as a binary file): a few valid files of each kind, which the fuzzer then mutates."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

ARTICLE = (
    "Border guards returned about 60 people overnight, a relative said.\n"
    "“We were told 500 to 600 had been held in Tumen since March,” a former detainee recalled.\n"
    "탈북민 강제북송을 중단하라 — the statement cited China’s non-refoulement obligations under the "
    "1951 Refugee Convention.\n"
)


def txt() -> Iterator[bytes]:
    yield ARTICLE.encode("utf-8")
    yield b"\xef\xbb\xbf" + ARTICLE.replace("\n", "\r\n").encode("utf-8")
    yield ARTICLE.encode("utf-16")
    yield "북송 반대 성명: 약 60명이 송환되었다.\n".encode("cp949")


def html() -> Iterator[bytes]:
    body = "".join(f"<p>{line}</p>" for line in ARTICLE.splitlines())
    yield (f"<!doctype html><html><head><meta charset='utf-8'><title>Returns at the border</title></head>"
           f"<body><nav><a href='/'>Home</a></nav><article><h1>Returns at the border</h1>{body}</article>"
           "<footer>© News</footer></body></html>").encode()
    yield (f"<html><head><meta http-equiv='Content-Type' content='text/html; charset=euc-kr'></head>"
           f"<body><div>{body}</div></body></html>").encode("cp949", "replace")


def docx() -> Iterator[bytes]:
    import docx as python_docx

    document = python_docx.Document()
    document.core_properties.title = "Interview log"
    document.add_heading("Interview notes", level=1)
    for line in ARTICLE.splitlines():
        document.add_paragraph(line)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Place", "Estimate"
    table.cell(1, 0).text, table.cell(1, 1).text = "Dandong", "500 to 600"
    buffer = io.BytesIO()
    document.save(buffer)
    keep = ("[Content_Types].xml", "_rels/.rels", "word/document.xml", "docProps/core.xml",
            "word/_rels/document.xml.rels")
    yield _rezip(buffer.getvalue(), zipfile.ZIP_DEFLATED, keep)
    yield _rezip(buffer.getvalue(), zipfile.ZIP_STORED, keep)


def _rezip(data: bytes, method: int, keep: tuple[str, ...] | None = None) -> bytes:
    """The same archive with `method` (stored: mutations reach the XML instead of breaking the
    compressed stream), without the parts the importer never reads (python-docx's styles and
    theme are most of its 36 KB)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", method) as target:
        for name in source.namelist():
            if keep is None or name in keep:
                target.writestr(name, source.read(name))
    return out.getvalue()


def pdf() -> Iterator[bytes]:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pageCompression=0)
    for page in range(2):
        y = 760
        for line in ARTICLE.splitlines()[:2]:
            c.drawString(72, y, f"{page + 1}: {line}")
            y -= 16
        c.showPage()
    c.save()
    yield buffer.getvalue()


# The project the exchange-file targets import into: one document, with the text of ARTICLE.
def make_project(folder: Path) -> Path:
    from testimonia.core.store import Store
    from testimonia.core.views import AuthorRef

    path = folder / "target.testimonia"
    author = AuthorRef("5b8f1c2e-9a7d-4e3b-8c1a-2f6d0e9b7a41", "Fuzz target")
    with Store.create(path, "Fuzz target", author) as store:
        store.import_text("Returns at the border", ARTICLE, author)
    _vacuum(path)
    return path


def _vacuum(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("VACUUM")


def _annotated_project(folder: Path) -> Path:
    from testimonia.core.store import Store
    from testimonia.core.views import AuthorRef

    path = make_project(folder)
    source = folder / "source.testimonia"
    shutil.copyfile(path, source)
    author = AuthorRef("0c9e7d5b-3a1f-4b2e-9d8c-7e6f5a4b3c2d", "Field researcher")
    with Store.open(source) as store:
        doc = store.documents()[0]
        start = ARTICLE.index("about 60 people")
        store.add_annotation(doc.uuid, "figure", start, start + len("about 60 people"), author,
                             fields={"value": "60", "approximate": "yes"}, note="first count")
        start = ARTICLE.index("“We were told")
        store.add_annotation(doc.uuid, "statement", start, start + 40, author, fields={"speaker": "a detainee"})
        label = store.add_label("Border", "#80b1d3", author)
        start = ARTICLE.index("Tumen")
        store.add_annotation(doc.uuid, label.uuid, start, start + 5, author)
    _vacuum(source)
    return source


def w3c() -> Iterator[bytes]:
    with tempfile.TemporaryDirectory() as tmp:
        from testimonia.core.interop import export
        from testimonia.core.store import Store

        with Store.open(_annotated_project(Path(tmp))) as store:
            out = Path(tmp) / "out.jsonld"
            export(store, "w3c", out)
            data = out.read_bytes()
    yield data
    items = json.loads(data)["first"]["items"]
    yield "\n".join(json.dumps(item) for item in items).encode("utf-8")  # JSON Lines


def qdpx() -> Iterator[bytes]:
    with tempfile.TemporaryDirectory() as tmp:
        from testimonia.core.interop import export
        from testimonia.core.store import Store

        with Store.open(_annotated_project(Path(tmp))) as store:
            out = Path(tmp) / "out.qdpx"
            export(store, "refi", out)
            data = out.read_bytes()
    yield data
    yield _rezip(data, zipfile.ZIP_STORED)


def project() -> Iterator[bytes]:
    with tempfile.TemporaryDirectory() as tmp:
        yield _annotated_project(Path(tmp)).read_bytes()


SEEDS = {"txt": txt, "html": html, "docx": docx, "pdf": pdf, "w3c": w3c, "qdpx": qdpx, "project": project}


def write(target: str, corpus: Path) -> None:
    """Put the seeds of `target` into `corpus` unless it already holds inputs (a corpus kept from
    an earlier run goes on from where it was)."""
    corpus.mkdir(parents=True, exist_ok=True)
    if any(corpus.iterdir()):
        return
    for n, data in enumerate(SEEDS[target]()):
        (corpus / f"seed-{n}").write_bytes(data)
