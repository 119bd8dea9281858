"""Shared builders for the team-server tests."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import psycopg
import pytest

from testimonia.cli import main
from testimonia.core.server.tables import server_tables


def cli_json(capsys: pytest.CaptureFixture[str], *args: object) -> object:
    capsys.readouterr()
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def server_counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        return {st.name: conn.execute(f"SELECT count(*) FROM testimonia.{st.name}").fetchone()[0]
                for st in server_tables()}


def history(path: Path) -> list[tuple[object, ...]]:
    """Every revision with its content, and which are heads: the history both sides must share."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT uuid, annotation_uuid, parents, author_uuid, hlc, label_uuid, span_start, "
                            "span_end, exact, note, deleted, is_head FROM revision ORDER BY uuid").fetchall()
    finally:
        conn.close()


def copy_file(src: Path, dst: Path) -> Path:
    conn = sqlite3.connect(src)
    conn.execute("VACUUM INTO ?", (str(dst),))
    conn.close()
    return dst
