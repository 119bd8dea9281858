"""`testimonia`: the desktop app with no arguments (or a project path), else a headless subcommand.

The subcommands are a stable contract for scripts, documented in docs/CLI.md. Each group lives in
its own module under testimonia.commands and registers itself; a module not written yet is skipped.
"""

from __future__ import annotations

import argparse
import importlib
import io
import os
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path

from testimonia import __version__
from testimonia.commands.common import EXIT_ERROR, EXIT_INTERRUPTED, PROG, fail
from testimonia.core import config

# Which module registers each subcommand, known without importing any: opening the app (no
# arguments, or a project path) must not wait for every command's imports, and a subcommand loads
# only its own module (a script calling `list` in a loop saves ~0.1 s a call). A test keeps this
# equal to what the modules register.
_BY_MODULE = {
    "basic": ("annotate", "author", "check", "delete", "docs", "edit", "import", "label-add", "labels", "list", "new",
              "remove-doc", "restore-doc", "show", "text"),
    "merge": ("conflicts", "merge", "resolve"),
    "interop": ("export", "import-qdpx", "import-w3c"),
    "exchange": ("copy",),
    "suggest": ("suggest",),
    "agreement": ("agreement", "curate"),
    "evidence": ("doc-meta", "entities", "entity-add", "entity-edit", "entity-merge", "grade", "incident",
                 "incident-add", "incident-edit", "incidents", "link", "link-all", "memo", "originals"),
    "server": ("server", "sync"),
}
COMMAND_MODULES = tuple(f"testimonia.commands.{module}" for module in _BY_MODULE)
COMMAND_OWNERS = {name: f"testimonia.commands.{module}" for module, names in _BY_MODULE.items() for name in names}
COMMANDS = frozenset(COMMAND_OWNERS)


def _load_command_modules(only: str | None = None) -> list[object]:
    modules = []
    for name in COMMAND_MODULES if only is None else (only,):
        try:
            modules.append(importlib.import_module(name))
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise  # the module exists but one of its own imports is broken: that is a bug to see
    return modules


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """Every subcommand's parser; with `command`, only those of the module that registers it."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Offline annotation of human-rights evidence. With no arguments, or with a project "
        "file, opens the desktop app; the subcommands below work headless (see docs/CLI.md).",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("--self-test", action="store_true",
                        help="check that this installation works (headless) and exit")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _load_command_modules(COMMAND_OWNERS.get(command or "")):
        module.register(subparsers)  # type: ignore[attr-defined]
    return parser


def subcommand_names(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


GUI_FLAGS = {"--sample"}


def _wants_gui(argv: list[str], commands: set[str]) -> bool:
    if not argv or set(argv) <= GUI_FLAGS:
        return True
    return len(argv) == 1 and argv[0] not in commands and not argv[0].startswith("-") and Path(argv[0]).exists()


def _no_display_message() -> str | None:
    """Qt aborts the process when it finds no display; say what to do instead."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "no display found (neither DISPLAY nor WAYLAND_DISPLAY is set). Run the app on a desktop "
        "session, or under a virtual screen: xvfb-run -a testimonia (or: xvfb-run -a make run). "
        "The command-line tools work without a display: testimonia --help"
    )


def _launch_gui(argv: list[str]) -> int:
    message = _no_display_message()
    if message:
        return fail(message)
    try:
        from testimonia.app import main as gui_main
    except ModuleNotFoundError as exc:
        if exc.name == "testimonia.app":
            return fail(f"the desktop app is not part of this installation; see `{PROG} --help` for the commands")
        if exc.name and exc.name.split(".")[0] in ("PySide6", "shiboken6", "qtawesome"):
            return fail(f"the desktop app needs {exc.name.split('.')[0]}, which is not installed")
        raise
    return int(gui_main(argv) or 0)


def _utf8_streams() -> None:
    # Windows consoles and pipes default to a legacy code page that cannot print Hangul; and the
    # text a script reads back must have the same characters (and line ends) as the stored text.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            try:
                stream.reconfigure(encoding="utf-8", errors="replace" if stream is sys.stderr else "strict")
                if os.name == "nt":
                    stream.reconfigure(newline="\n")
            except (ValueError, OSError):
                pass


def _log_unexpected(exc: BaseException) -> Path | None:
    """Keep the traceback for a bug report without showing it to the user."""
    try:
        folder = config.log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "cli-errors.log"
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {datetime.now(UTC).isoformat()} {PROG} {__version__}\n")
            fh.write("".join(traceback.format_exception(exc)))
        return path
    except OSError:
        return None


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return the exit code (0 ok, 1 error, 2 usage, 130 interrupted)."""
    if getattr(sys, "frozen", False):  # a frozen bundle re-enters here in its worker processes
        import multiprocessing  # (11 ms: imported only where needed)

        multiprocessing.freeze_support()
    args_list = list(sys.argv[1:] if argv is None else argv)
    _utf8_streams()
    from testimonia.core import logs

    logs.setup()  # library warnings (pypdf prints thousands on a malformed PDF) go to the log file
    if args_list == ["--self-test"]:  # before the GUI dispatch: it needs no display and no project
        from testimonia.selftest import run as self_test

        return self_test()
    try:
        if _wants_gui(args_list, COMMANDS):
            return _launch_gui(args_list)
        from testimonia.core.messages import language_from_environment

        language_from_environment()  # core messages in TESTIMONIA_LANG's language; English by default
        parser = build_parser(args_list[0] if args_list and args_list[0] in COMMANDS else None)
        try:
            args = parser.parse_args(args_list)
        except SystemExit as exc:  # --help, --version and usage errors (exit 2) come this way
            return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        func = getattr(args, "func", None)
        if func is None:
            parser.print_usage(sys.stderr)
            print(f"{PROG}: error: choose a command", file=sys.stderr)
            return 2
        return int(func(args))
    except KeyboardInterrupt:
        print(f"\n{PROG}: interrupted", file=sys.stderr, flush=True)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`testimonia list … | head`); say nothing more and stop quietly.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return EXIT_ERROR
    except Exception as exc:
        # A bug, not a problem of the input (those raise TestimoniaError): still one line naming
        # what the command was given, and the traceback kept for a bug report.
        log = _log_unexpected(exc)
        where = f"; please report it with the details written to {log}" if log else "; please report it"
        return fail(f"{_subjects(args_list)}internal error in Testimonia ({type(exc).__name__}: {exc}){where}")


def _subjects(args: list[str]) -> str:
    """The files a command line names, as the start of an error message."""
    named = [a for a in args[1:] if not a.startswith("-") and Path(a).exists()]
    return ", ".join(named) + ": " if named else ""
