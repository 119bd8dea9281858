"""The entry point: `python -m testimonia`, --version, GUI dispatch, and no tracebacks ever."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from testimonia import __version__
from testimonia import cli as cli_module
from testimonia.core.store import Store
from tests.cli.conftest import ARTICLES, Project, Run


def _run_module(*args: object, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "testimonia", *map(str, args)], env=env, cwd=cwd,
                          capture_output=True, timeout=120)


@pytest.fixture
def child_env(isolated_config: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["TESTIMONIA_AUTHOR"] = "Ji-ho Baek"
    env["PYTHONIOENCODING"] = "ascii"  # the CLI must still print Hangul as UTF-8
    return env


def test_version(cli: Run) -> None:
    res = cli("--version")
    assert res.code == 0 and res.out == f"testimonia {__version__}\n"


def test_python_dash_m_workflow(tmp_path: Path, child_env: dict[str, str]) -> None:
    path = tmp_path / "sub process.testimonia"
    assert _run_module("--version", env=child_env, cwd=tmp_path).stdout.decode() == f"testimonia {__version__}\n"
    made = _run_module("new", path, env=child_env, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    imported = _run_module("import", path, ARTICLES / "river_crossing.txt", env=child_env, cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    doc = imported.stdout.decode("utf-8").split("\t")[0]
    text = _run_module("text", path, "--doc", doc, env=child_env, cwd=tmp_path).stdout.decode("utf-8")
    korean = "강제노동"
    start = text.index(korean)
    ann = _run_module("annotate", path, "--doc", doc, "--kind", "statement", "--start", start,
                      "--end", start + len(korean), env=child_env, cwd=tmp_path)
    assert ann.returncode == 0, ann.stderr
    listed = json.loads(_run_module("list", path, "--json", env=child_env, cwd=tmp_path).stdout.decode("utf-8"))
    assert [a["exact"] for a in listed] == [korean]


def test_errors_from_a_real_process_are_one_line(tmp_path: Path, child_env: dict[str, str]) -> None:
    res = _run_module("list", tmp_path / "missing.testimonia", env=child_env, cwd=tmp_path)
    assert res.returncode == 1 and res.stdout == b""
    assert res.stderr.decode().splitlines() == [f"testimonia: error: {tmp_path / 'missing.testimonia'}: no such file"]
    usage = _run_module("annotate", env=child_env, cwd=tmp_path)
    assert usage.returncode == 2 and b"Traceback" not in usage.stderr


def _fake_app(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    calls: list[list[str]] = []
    fake = types.ModuleType("testimonia.app")

    def main(argv: list[str]) -> int:
        calls.append(list(argv))
        return 0

    fake.main = main  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "testimonia.app", fake)
    return calls


def test_no_arguments_or_a_project_path_opens_the_app(cli: Run, project: Project,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _fake_app(monkeypatch)
    assert cli().code == 0
    assert cli(project.path).code == 0
    assert calls == [[], [str(project.path)]]
    assert cli("docs", project.path).code == 0 and len(calls) == 2  # a subcommand never opens the app


def test_the_app_dispatch_knows_every_subcommand() -> None:
    # The GUI is chosen before the parser is built; a new subcommand must not be mistaken for a path.
    assert cli_module.subcommand_names(cli_module.build_parser()) == cli_module.COMMANDS


@pytest.mark.parametrize("module", cli_module.COMMAND_MODULES)
def test_each_subcommand_is_owned_by_the_module_that_registers_it(module: str) -> None:
    # A subcommand builds a parser from its owner alone: a wrong owner would make it "invalid choice".
    parser = argparse.ArgumentParser()
    importlib.import_module(module).register(parser.add_subparsers())
    owned = {name for name, owner in cli_module.COMMAND_OWNERS.items() if owner == module}
    assert cli_module.subcommand_names(parser) == owned


def test_a_subcommand_imports_only_its_own_module(project: Project, child_env: dict[str, str]) -> None:
    code = ("import sys; from testimonia import cli\n"
            f"assert cli.main(['docs', {str(project.path)!r}]) == 0\n"
            "print(sorted(m for m in sys.modules if m.startswith('testimonia.commands.')), file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], env=child_env, capture_output=True, text=True, check=True)
    assert out.stderr.strip() == "['testimonia.commands.basic', 'testimonia.commands.common']"


def test_opening_the_app_imports_no_command_module(tmp_path: Path, child_env: dict[str, str]) -> None:
    code = ("import sys; from testimonia import cli; from unittest import mock\n"
            "with mock.patch.object(cli, '_launch_gui', return_value=0): cli.main(['--sample'])\n"
            "print(sorted(m for m in sys.modules if m.startswith(('testimonia.commands.', 'sqlalchemy'))))")
    out = subprocess.run([sys.executable, "-c", code], env=child_env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['testimonia.commands.common']"


def test_reading_commands_do_not_load_the_write_path(project: Project, child_env: dict[str, str]) -> None:
    # SQLAlchemy takes ~0.3 s to import: a script calling `list` or `show` in a loop must not pay it.
    code = ("import sys; from testimonia import cli\n"
            f"for argv in (['docs', {str(project.path)!r}], ['list', {str(project.path)!r}, '--json'],\n"
            f"             ['suggest', {str(project.path)!r}, '--json']):\n"
            "    assert cli.main(argv) == 0\n"
            "print('sqlalchemy' in sys.modules, file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], env=child_env, capture_output=True, text=True, check=True)
    assert out.stderr.strip() == "False"


def test_a_missing_app_is_a_clear_message(cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "testimonia.app", None)  # makes the import fail
    res = cli()
    assert res.code == 1 and res.err.startswith("testimonia: error: the desktop app is not part")


def test_modules_not_written_yet_are_skipped(cli: Run, project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_module, "COMMAND_MODULES", (*cli_module.COMMAND_MODULES, "testimonia.commands.later"))
    assert cli("docs", project.path).code == 0


def test_internal_errors_are_one_line_naming_the_files_and_logged(cli: Run, project: Project, isolated_config: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(self: Store, removed: bool = False) -> None:
        raise RuntimeError("disk on fire\nsecond line")

    monkeypatch.setattr(Store, "documents", boom)
    res = cli("docs", project.path)
    assert res.code == 1 and len(res.err_lines) == 1 and "Traceback" not in res.err
    assert "internal error in Testimonia (RuntimeError: disk on fire second line)" in res.err
    assert str(project.path) in res.err and "unexpected" not in res.err
    log = isolated_config / "logs" / "cli-errors.log"
    assert "Traceback" in log.read_text(encoding="utf-8")


def test_interrupt_exits_130(cli: Run, project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(self: Store, removed: bool = False) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Store, "documents", interrupted)
    res = cli("docs", project.path)
    assert res.code == 130 and "Traceback" not in res.err


def test_a_busy_file_is_a_clear_message(cli: Run, project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    from testimonia.core import db

    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(project.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    try:
        res = cli("annotate", project.path, "--doc", project.txt, "--kind", "figure", "--start", 0, "--end", 3)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert res.code == 1 and len(res.err_lines) == 1 and "busy" in res.err and str(project.path) in res.err
    assert json.loads(cli("list", project.path, "--json").out) == []
