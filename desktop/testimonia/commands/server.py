"""Team server subcommands: `server init|upgrade|add-project|add-member|remove-member|members` and `sync`.

Output is the contract in docs/CLI.md; the work is done by testimonia.core.server. Passwords are
never taken from the command line: libpq reads ~/.pgpass (PGPASSFILE) and service files itself,
and when the server still asks for one it is prompted for on the terminal.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable

from testimonia.commands.common import (
    add_author_option,
    author_from,
    command,
    compact_json,
    fail,
    open_store,
    print_json,
    print_lines,
    warn,
)
from testimonia.core.errors import InvalidInput

EXIT_OFFLINE = 3  # the server could not be reached; nothing was changed on either side


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "server", help="set up and administer a team server (PostgreSQL)",
        description="Administer a team server: a PostgreSQL database holding Testimonia's schema. Run these as "
        "the database's owner. URL is a libpq address (postgresql://user@host/db?sslmode=verify-full); "
        "passwords come from ~/.pgpass, a service file or a prompt, never from the command line.")
    sub = p.add_subparsers(dest="server_command", metavar="ACTION", required=True)

    def common(q: argparse.ArgumentParser) -> None:
        q.add_argument("url", metavar="URL", help="the PostgreSQL database (libpq URL or key=value string)")
        q.add_argument("--schema", metavar="S", help="the schema holding Testimonia's tables (default testimonia)")
        q.add_argument("--json", action="store_true", help="print JSON instead of text")

    q = sub.add_parser("init", help="create the server schema (idempotent)",
                       description="Create the team server schema in an empty database. A database holding other "
                       "tables is refused unless --schema names a schema of Testimonia's own.")
    common(q)
    q.set_defaults(func=run_init)
    q = sub.add_parser("upgrade", help="migrate the server schema to this version")
    common(q)
    q.set_defaults(func=run_upgrade)
    q = sub.add_parser("add-project", help="create a project on the server")
    common(q)
    q.add_argument("name", metavar="PROJECT", help="the server project's name")
    q.set_defaults(func=run_add_project)
    q = sub.add_parser("add-member", help="give a login role access to a project (creating the role)",
                       description="Give NAME access to PROJECT. A new login role is created; its password is "
                       "asked for on the terminal (or read from stdin with --password-stdin; leave it empty "
                       "for roles that log in by certificate or peer authentication).")
    common(q)
    q.add_argument("name", metavar="PROJECT")
    q.add_argument("member", metavar="NAME", help="the member's PostgreSQL role name")
    q.add_argument("--role", choices=("reader", "annotator", "curator", "admin"), default="annotator",
                   help="reader: pull only; annotator: pull and push; curator: also push document removals and "
                        "label deletions; admin: also manage this project's members (default annotator)")
    q.add_argument("--password-stdin", action="store_true", help="read a new role's password from stdin")
    q.set_defaults(func=run_add_member)
    q = sub.add_parser("remove-member", help="take a member out of a project")
    common(q)
    q.add_argument("name", metavar="PROJECT")
    q.add_argument("member", metavar="NAME")
    q.set_defaults(func=run_remove_member)
    q = sub.add_parser("members", help="list a project's members and roles")
    common(q)
    q.add_argument("name", metavar="PROJECT")
    q.set_defaults(func=run_members)

    p = subparsers.add_parser(
        "sync", help="sync a project with its team server",
        description="Push every local change the server lacks, pull every change the project lacks and merge "
        "it as a file merge would (same checks, conflicts kept). The URL (and --server-project) is "
        "remembered in the project file after the first sync. Exit code 3: the server could not be "
        "reached, nothing changed.")
    p.add_argument("project")
    p.add_argument("url", nargs="?", metavar="URL", help="the team server (default: the one this project synced with)")
    p.add_argument("--server-project", metavar="NAME",
                   help="the project's name on the server (default: the remembered one, or the only one you are "
                   "a member of)")
    p.add_argument("--schema", metavar="S", help="the server schema (default testimonia)")
    p.add_argument("--dry-run", action="store_true", help="report what would be pushed and pulled; change nothing")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    add_author_option(p)
    p.set_defaults(func=run_sync)


def _prompt(server: str) -> str | None:
    if not sys.stdin.isatty():
        return None
    return getpass.getpass(f"Password for {server}: ")  # not a message: the terminal prompt of a CLI


def _server_errors(func: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Offline is its own exit code, so scripts can retry later."""
    def wrapper(args: argparse.Namespace) -> int:
        from testimonia.core.server.connection import ServerOffline

        try:
            return func(args)
        except ServerOffline as exc:
            fail(str(exc))
            return EXIT_OFFLINE
    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    return command(wrapper)


@_server_errors
def run_init(args: argparse.Namespace) -> int:
    from testimonia.core.server import admin

    result = admin.init(args.url, args.schema, prompt=_prompt)
    if args.json:
        print_json({"schema": result.schema, "version": result.version, "created": result.created})
    else:
        state = "created" if result.created else "already initialised"
        print_lines([f"{result.schema}\t{state}\tversion {result.version}"])
    return 0


@_server_errors
def run_upgrade(args: argparse.Namespace) -> int:
    from testimonia.core.server import admin

    before, after = admin.upgrade(args.url, args.schema, prompt=_prompt)
    if args.json:
        print_json({"from": before, "to": after})
    else:
        print_lines([f"upgraded\t{before}\t{after}" if before != after else f"up to date\tversion {after}"])
    return 0


@_server_errors
def run_add_project(args: argparse.Namespace) -> int:
    from testimonia.core.server import admin

    created = admin.add_project(args.url, args.name, args.schema, prompt=_prompt)
    if args.json:
        print_json({"project": args.name, "created": created})
    else:
        print_lines([f"{args.name}\t{'created' if created else 'exists'}"])
    return 0


def _new_password(args: argparse.Namespace) -> str | None:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n") or None
    if sys.stdin.isatty():
        first = getpass.getpass(f"Password for the new role {args.member} (empty: none): ")  # not a message
        if first and getpass.getpass("Again: ") != first:  # not a message: the CLI's terminal prompt
            raise InvalidInput("the two passwords differ; nothing was changed")
        return first or None
    return None


@_server_errors
def run_add_member(args: argparse.Namespace) -> int:
    from testimonia.core.server import admin

    password = _new_password(args)
    created = admin.add_member(args.url, args.name, args.member, args.role, args.schema, password=password,
                               prompt=_prompt)
    if args.json:
        print_json({"project": args.name, "member": args.member, "role": args.role, "role_created": created})
    else:
        print_lines([f"{args.member}\t{args.role}\t{'created' if created else 'existing role'}"])
    return 0


@_server_errors
def run_remove_member(args: argparse.Namespace) -> int:
    from testimonia.core.server import admin

    removed = admin.remove_member(args.url, args.name, args.member, args.schema, prompt=_prompt)
    if args.json:
        print_json({"project": args.name, "member": args.member, "removed": removed})
    else:
        print_lines([f"{args.member}\t{'removed' if removed else 'not a member'}"])
    return 0


@_server_errors
def run_members(args: argparse.Namespace) -> int:
    from testimonia.core.server import admin

    found = admin.members(args.url, args.name, args.schema, prompt=_prompt)
    if args.json:
        print_json([{"name": m.name, "role": m.role} for m in found])
    else:
        print_lines([f"{m.name}\t{m.role}" for m in found])
    return 0


@_server_errors
def run_sync(args: argparse.Namespace) -> int:
    from testimonia.core.server import sync
    from testimonia.core.server.remote import resolve_remote

    author = None if args.dry_run else author_from(args)
    with open_store(args.project) as store:
        remote = resolve_remote(store, args.url, args.server_project, args.schema, prompt=_prompt)
        result = sync.sync(store, remote, author, dry_run=args.dry_run, prompt=_prompt)
    if result.merge is not None:
        for note in result.merge.notes:
            warn(note)
    if args.json:
        print_json(result.to_json())
        return 0
    verb = ("would push", "would pull") if args.dry_run else ("pushed", "pulled")
    lines = [f"{verb[0]}\t{result.pushed_total}\t{compact_json(result.pushed)}",
             f"{verb[1]}\t{result.pulled_total}\t{compact_json(result.pulled)}"]
    if result.reader and result.pushed_total:
        lines[0] = f"not pushed (reader)\t{result.pushed_total}\t{compact_json(result.pushed)}"
    if result.held:
        lines.append(f"held for a curator\t{sum(result.held.values())}\t{compact_json(result.held)}")
    if result.merge is not None:
        lines.append(f"merged\t{compact_json(result.merge.counts())}")
        lines += [f"conflict\t{u}" for u in result.merge.conflicts]
    print_lines(lines)
    return 0
