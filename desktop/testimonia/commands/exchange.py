"""`testimonia copy`: a single-file snapshot of the project, or only the changes a teammate lacks."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from testimonia.commands.common import add_author_option, command, open_store, print_json, print_lines
from testimonia.core import config
from testimonia.core.merge import exchange
from testimonia.core.sendcopy import copy_name, send_copy


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "copy", help="write a copy of the project (or only its changes) to send to a teammate",
        description="Write a consistent single-file copy of the project, safe to take while the app has it "
        "open. OUT is a file name, or a folder: the copy is then named after the project, the author and the "
        "time, e.g. “team (Kim Min-ji, 2026-12-02 14.30).testimonia”. Prints the copy's path. With --since, "
        "the file holds only the changes since the last exchange with the teammate named by --to, or since a "
        "date; it merges like a full copy.")
    p.add_argument("project")
    p.add_argument("out", help="file or folder to write the copy to (an existing file is not replaced)")
    add_author_option(p)
    p.add_argument("--since", metavar="last|DATE",
                   help="only the changes since the last exchange recorded with --to NAME ('last'), or since a "
                   "date (2026-12-01) or date and time (2026-12-01T14:30)")
    p.add_argument("--to", metavar="NAME", default="",
                   help="the teammate the file is for: the exchange is recorded under this name, and "
                   "'--since last' starts where the last file to them ended")
    p.add_argument("--json", action="store_true", help="print {\"copy\": PATH, \"bytes\": N, …}")
    p.set_defaults(func=run_copy)


@command
def run_copy(args: argparse.Namespace) -> int:
    author = config.resolve_author(args.author)
    who = author.name if author else None
    to = args.to.strip()
    since = None if args.since is None else (exchange.LAST if args.since == exchange.LAST
                                             else exchange.since_date(args.since))
    # Recording the exchange writes to the project; a plain copy only reads it.
    with open_store(args.project, readonly=since is None and not to) as store:
        if since is None:
            reached = exchange.watermarks(store)  # taken first: the copy holds at least this much
            target = send_copy(store, Path(args.out), who)
            if to:
                exchange.record_exchange(store, to, *reached, target.name)
            out: dict[str, object] = {"copy": str(target), "bytes": target.stat().st_size}
        else:
            target = Path(args.out)
            if target.is_dir():
                label = f"changes for {to}" if to else "changes"
                target = target / copy_name(store.path, f"{label}, {who}" if who else label, datetime.now())
            written = exchange.write_changes(store, target, since=since, to=to, sender=who or "")
            out = written.to_json()
    if args.json:
        print_json(out)
    else:
        print_lines([str(out["copy"])])
    return 0
