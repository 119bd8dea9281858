"""Hostile input on the command line: one line on stderr naming the file and the problem, never an
"unexpected …" line, and in bounded time."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from .conftest import Project, Run

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")


def _one_clear_line(err: str, path: Path, *words: str) -> None:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "unexpected" not in err and "Traceback" not in err, err
    assert str(path) in err, err
    for word in words:
        assert word in err, err


@needs_fifo
@pytest.mark.timeout(60)
@pytest.mark.parametrize(("command", "name"), [
    ("import", "pipe.txt"), ("import-w3c", "pipe.jsonld"), ("import-qdpx", "pipe.qdpx"), ("merge", "pipe.testimonia"),
    ("check", "pipe.testimonia"), ("list", "pipe.testimonia"),
])
def test_a_pipe_given_as_a_file(cli: Run, project: Project, tmp_path: Path, command: str, name: str) -> None:
    pipe = tmp_path / name
    os.mkfifo(pipe)
    args = (pipe,) if command in ("check", "list") else (project.path, pipe)
    res = cli(command, *args)
    assert res.code == 1
    _one_clear_line(res.err, pipe)


def _damaged(project: Project, sql: str) -> None:
    with closing(sqlite3.connect(project.path)) as conn:
        conn.execute(sql)
        conn.commit()


@pytest.mark.parametrize("sql", [
    "UPDATE document SET title = CAST(x'52c3' AS TEXT)",
    "UPDATE revision SET hlc = 7.5",
    "UPDATE revision SET span_start = 1.5",
])
def test_reading_commands_on_a_file_holding_wrong_types(cli: Run, project: Project, sql: str) -> None:
    assert cli("annotate", project.path, "--doc", project.txt, "--kind", "figure", "--start", "0", "--end", "5"
               ).code == 0
    _damaged(project, sql)
    for command in ("list", "docs", "conflicts"):
        res = cli(command, project.path, "--json")
        if res.code:
            _one_clear_line(res.err, project.path)
    res = cli("check", project.path)
    assert res.code == 1 and res.out  # the problems, one a line
    assert "unexpected" not in res.err and "Traceback" not in res.err


def test_a_pdf_full_of_warnings_prints_only_its_result(tmp_path: Path, project: Project) -> None:
    """pypdf printed thousands of warning lines for this; they go to the log file now."""
    pdf = tmp_path / "deep.pdf"
    pdf.write_bytes(_deep_pdf(3000))
    env = {**os.environ, "TESTIMONIA_AUTHOR": "Seo-yeon Kang"}
    run = subprocess.run([sys.executable, "-m", "testimonia", "import", str(project.path), str(pdf)],
                         capture_output=True, text=True, env=env, timeout=120)
    assert len(run.stderr.splitlines()) <= 1, run.stderr[:2000]
    log = Path(os.environ["TESTIMONIA_CONFIG_DIR"]) / "logs" / "testimonia.log"
    assert log.exists() and "pypdf" in log.read_text(encoding="utf-8")


def _deep_pdf(depth: int) -> bytes:
    deep = b"<< /K " * depth + b"1" + b" >>" * depth
    stream = b"BT /F1 12 Tf 72 720 Td (About sixty people were sent back across the river.) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Deep " + deep + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return pdf_of(objects)


def pdf_of(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
