"""`testimonia copy`: a single-file snapshot of the project, ready to send to a teammate."""

from __future__ import annotations

import argparse
from pathlib import Path

from testimonia.commands.common import add_author_option, command, open_store, print_json, print_lines
from testimonia.core import config
from testimonia.core.sendcopy import send_copy


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "copy", help="write a copy of the project to send to a teammate",
        description="Write a consistent single-file copy of the project, safe to take while the app has it "
        "open. OUT is a file name, or a folder: the copy is then named after the project, the author and the "
        "time, e.g. “team (Kim Min-ji, 2026-12-02 14.30).testimonia”. Prints the copy's path.")
    p.add_argument("project")
    p.add_argument("out", help="file or folder to write the copy to (an existing file is not replaced)")
    add_author_option(p)
    p.add_argument("--json", action="store_true", help="print {\"copy\": PATH, \"bytes\": N}")
    p.set_defaults(func=run_copy)


@command
def run_copy(args: argparse.Namespace) -> int:
    author = config.resolve_author(args.author)
    with open_store(args.project, readonly=True) as store:
        target = send_copy(store, Path(args.out), author.name if author else None)
    if args.json:
        print_json({"copy": str(target), "bytes": target.stat().st_size})
    else:
        print_lines([str(target)])
    return 0
