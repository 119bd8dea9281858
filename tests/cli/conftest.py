"""Fixtures for the command-line tests: an isolated user config, an in-process runner, a project."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from testimonia.cli import main

ARTICLES = Path(__file__).parent / "articles"
AUTHOR = "Seo-yeon Kang"


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


Run = Callable[..., Result]


@pytest.fixture(autouse=True)
def isolated_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never read or write the real user config; start with no author known."""
    folder = tmp_path / "user-config"
    monkeypatch.setenv("TESTIMONIA_CONFIG_DIR", str(folder))
    monkeypatch.delenv("TESTIMONIA_AUTHOR", raising=False)
    monkeypatch.delenv("TESTIMONIA_LANG", raising=False)
    return folder


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Run:
    """Run `testimonia ARGS...` in this process and capture what it printed."""

    def run(*args: object) -> Result:
        capsys.readouterr()
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run


@pytest.fixture
def author_env(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("TESTIMONIA_AUTHOR", AUTHOR)
    return AUTHOR


@dataclass(frozen=True)
class Project:
    path: Path
    txt: str  # document UUIDs
    html: str


@pytest.fixture
def project(tmp_path: Path, cli: Run, author_env: str) -> Project:
    path = tmp_path / "evidence.testimonia"
    assert cli("new", path, "--title", "Border returns 2024").code == 0
    res = cli("import", path, ARTICLES / "river_crossing.txt", ARTICLES / "shelter_notice.html")
    assert res.code == 0, res.err
    txt, html = (line.split("\t")[0] for line in res.lines)
    return Project(path, txt, html)


def fingerprint(path: Path) -> tuple[str, list[tuple[str, list[tuple[object, ...]]]]]:
    """The file's bytes (hashed) and every row of every table: what "unchanged" means."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'document_fts%' ORDER BY name")]
        rows = [(t, sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr)) for t in tables]
    finally:
        conn.close()
    return digest, rows
