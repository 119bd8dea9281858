"""Helpers every subcommand module shares: opening the project, the author, output and errors.

A command module exposes ``register(subparsers) -> None``; each subcommand sets its handler with
``parser.set_defaults(func=run_something)`` where the handler is ``run_something(args) -> int``.
Wrap handlers in :func:`command` so a :class:`TestimoniaError` becomes one line on stderr::

    from testimonia.commands.common import add_author_option, author_from, command, open_store, print_json

    def register(subparsers: argparse._SubParsersAction) -> None:
        p = subparsers.add_parser("merge", help="merge another project file into this one")
        p.add_argument("project")
        add_author_option(p)
        p.set_defaults(func=run_merge)

    @command
    def run_merge(args: argparse.Namespace) -> int:
        author = author_from(args)             # raises with a clear message when nobody is known
        with open_store(args.project) as store:  # clear message for missing/foreign/newer/damaged files
            ...
        return 0

Exit codes: 0 success, 1 error (one line on stderr), 2 usage error (argparse), 130 interrupted.
Never let a traceback reach the user: raise TestimoniaError (or a subclass from core.errors) with
a message that names the file and the problem, and let :func:`command` print it.
"""

from __future__ import annotations

import argparse
import functools
import json
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from testimonia.core import config
from testimonia.core.errors import InvalidInput, ProjectFileError, TestimoniaError
from testimonia.core.labels import CUSTOM
from testimonia.core.store import Store
from testimonia.core.views import AnnotationView, AuthorRef, DocumentInfo

PROG = "testimonia"
KIND_HELP = "statement, figure, obligation, or the name of a custom label"
EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

Handler = Callable[[argparse.Namespace], int]

NO_AUTHOR = (
    "no author name is known: pass --author NAME, set the environment variable "
    f"{config.ENV_AUTHOR}, or run `{PROG} author NAME` once to remember it"
)


# -- output ------------------------------------------------------------------------------------
def error_line(message: str) -> str:
    # One line, always: a message carrying newlines (an exception from a library) would otherwise
    # break scripts that read stderr line by line.
    return f"{PROG}: error: " + " ".join(str(message).split())


def fail(message: str) -> int:
    """Print `testimonia: error: <message>` on stderr and return exit code 1."""
    print(error_line(message), file=sys.stderr, flush=True)
    return EXIT_ERROR


def warn(message: str) -> None:
    """A note for the user on stderr (stdout stays machine-readable)."""
    print(f"{PROG}: " + " ".join(str(message).split()), file=sys.stderr, flush=True)


def answer(args: argparse.Namespace, data: object, lines: Iterable[str]) -> int:
    """A command's result: `data` as JSON with --json, else `lines`; exit code 0."""
    if getattr(args, "json", False):
        print_json(data)
    else:
        print_lines(lines)
    return 0


def print_json(obj: Any) -> None:
    """Pretty JSON on stdout, UTF-8 as is (Hangul and curly quotes stay readable), sorted by caller;
    byte for byte json.dumps(indent=2), without its pure-Python encoder (core/pretty_json.py)."""
    from testimonia.core import pretty_json

    sys.stdout.write(pretty_json.dumps(obj, indent=2) + "\n")
    sys.stdout.flush()


def print_lines(lines: Iterable[str]) -> None:
    """One line each, written as the lines come: a long listing is never held whole."""
    write = sys.stdout.write
    for line in lines:
        write(line + "\n")
    sys.stdout.flush()


def print_json_list(items: Iterable[Any]) -> int:
    """What `print_json(list(items))` prints, written item by item (core/pretty_json.py); returns
    how many were written."""
    from testimonia.core import pretty_json

    n = pretty_json.write_document(sys.stdout.write, None, items, indent=2)
    sys.stdout.write("\n")
    sys.stdout.flush()
    return n


class ProgressLine:
    """`done of total` on one rewritten stderr line during a long run, for a person watching.

    Shown only when stderr is a terminal (scripts and tests read stderr), when the run has taken
    SHOW_AFTER seconds already (a short one stays silent), and, for commands whose results go to
    stdout as they come, only when stdout is not that terminal too (`--json > file`)."""

    SHOW_AFTER = 2.0
    EVERY = 0.1  # seconds between two redraws

    def __init__(self, what: str, unit: str = "", *, stdout_busy: bool = False) -> None:
        self.what, self.unit = what, unit
        self.enabled = sys.stderr.isatty() and not (stdout_busy and sys.stdout.isatty())
        self.started = time.monotonic()
        self.drawn = 0.0
        self.width = 0
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.started < self.SHOW_AFTER or (now - self.drawn < self.EVERY and done != total):
            return
        self.drawn = now
        unit = f" {self.unit}" if self.unit else ""
        if total:
            line = f"{PROG}: {self.what}: {100 * done // total} % ({done:,} of {total:,}{unit})"
        else:  # a step with nothing to count
            line = f"{PROG}: {self.what}: " + (f"{done:,}{unit}" if done else f"{self.unit}…")
        sys.stderr.write("\r" + line.ljust(self.width))  # spaces cover a longer line drawn before
        sys.stderr.flush()
        self.width = len(line)
        self.shown = True

    def finish(self) -> None:
        """End the line, so that what is printed next starts on a line of its own."""
        if self.shown:
            sys.stderr.write("\n")
            sys.stderr.flush()
            self.shown = False


def quoted(text: str) -> str:
    """Text as a JSON string literal: quotes added, newlines and tabs escaped, so it fits one column."""
    return json.dumps(text, ensure_ascii=False)


def compact_json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# -- errors ------------------------------------------------------------------------------------
def command(func: Handler) -> Handler:
    """Turn user-facing errors into one stderr line and an exit code; never a traceback."""

    @functools.wraps(func)
    def wrapper(args: argparse.Namespace) -> int:
        try:
            return func(args)
        except TestimoniaError as exc:
            return fail(str(exc))
        except _database_errors() as exc:
            return fail(_database_message(args, exc))
        except KeyboardInterrupt:
            print(f"\n{PROG}: interrupted", file=sys.stderr, flush=True)
            return EXIT_INTERRUPTED

    return wrapper


def _database_errors() -> tuple[type[Exception], ...]:
    # SQLAlchemy loads with the first write only (reading commands never need it); if it is not
    # loaded, none of its errors can have been raised.
    alchemy = sys.modules.get("sqlalchemy.exc")
    return (sqlite3.Error,) if alchemy is None else (sqlite3.Error, alchemy.DBAPIError)


def _database_message(args: argparse.Namespace, exc: Exception) -> str:
    # SQLAlchemy wraps the driver's error; the driver's is the one that says what happened.
    orig = getattr(exc, "orig", None)
    err = orig if isinstance(orig, sqlite3.Error) else exc
    where = getattr(args, "project", None) or "the project file"
    if isinstance(err, sqlite3.OperationalError) and ("locked" in str(err) or "busy" in str(err)):
        # the busy timeout ran out: another process (the app, a script) kept the file locked
        return f"{where}: the file is busy (another program is writing to it); the change was not written; try again"
    if isinstance(err, sqlite3.OperationalError):
        return f"{where}: database error ({err}); the change was not written"
    return f"{where}: the project file is damaged ({err}); run `{PROG} check` on it"


# -- arguments ---------------------------------------------------------------------------------
def add_author_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--author", metavar="NAME",
        help=f"who makes this change (default: ${config.ENV_AUTHOR}, then the configured author)",
    )


def author_from(args: argparse.Namespace) -> AuthorRef:
    """--author, else $TESTIMONIA_AUTHOR, else the user config; InvalidInput when none is set."""
    author = config.resolve_author(getattr(args, "author", None))
    if author is None:
        raise InvalidInput(NO_AUTHOR)
    return author


def parse_fields(items: list[str] | None) -> dict[str, str]:
    """`key=value` strings from repeated --field options; an empty value means "clear the field"."""
    fields: dict[str, str] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise InvalidInput(f"--field {item!r}: expected KEY=VALUE (an empty VALUE clears the field)")
        fields[key] = value
    return fields


def parse_offset(value: str | int | None, name: str) -> int | None:
    """An offset given on the command line: a whole number of code points, or None when absent.

    Offsets are taken as strings and checked here, not by argparse, so a bad one is an input
    error (exit 1, one line) rather than a usage error.
    """
    if value is None:
        return None
    if isinstance(value, int):
        return value
    text = value.strip()
    try:
        number = int(text, 10)
    except ValueError:
        raise InvalidInput(f"{name} must be a whole number of characters, got {value!r}") from None
    if number < 0:
        raise InvalidInput(f"{name} must not be negative, got {number}")
    return number


# -- the project file --------------------------------------------------------------------------
def open_store(path: str | Path, *, readonly: bool = False) -> Store:
    """Open an existing project file, upgrading an older one after a backup (noted on stderr).

    Reading commands pass `readonly`: the file (perhaps one a teammate sent) is then read without
    writing to it or beside it, and an older one is read through an upgraded private copy.
    Raises ProjectFileError (a TestimoniaError) naming the file when it is missing, not a project,
    from a newer Testimonia, or damaged. Use it as a context manager so the file is closed.
    """
    path = Path(path)
    try:
        store = Store.open(path, readonly=readonly)
    except TestimoniaError:
        raise
    except sqlite3.DatabaseError as exc:
        raise ProjectFileError(path, f"the project file cannot be read ({exc})") from exc
    except OSError as exc:
        raise ProjectFileError(path, f"cannot be opened ({exc.strerror or exc})") from exc
    if store.upgraded_from is not None:
        warn(f"{path}: upgraded from file format {store.upgraded_from}; the old file was kept as {store.backup}")
    for note in store.notes:
        warn(note)
    return store


# -- the text forms shared by several commands (docs/CLI.md defines them) ----------------------
def annotation_line(a: AnnotationView) -> str:
    """uuid, kind (a custom label's name), start-end, page or -, "exact" quoted, fields as JSON."""
    kind = a.label if a.kind == CUSTOM else a.kind
    page = "-" if a.page is None else str(a.page)
    return "\t".join((a.uuid, kind, f"{a.start}-{a.end}", page, quoted(a.exact), compact_json(a.fields)))


def document_line(d: DocumentInfo) -> str:
    """uuid, title, kind, characters, pages or -, number of live annotations."""
    pages = "-" if d.pages is None else str(d.pages)
    return "\t".join((d.uuid, d.title, d.kind, str(d.length), pages, str(sum(d.counts.values()))))
