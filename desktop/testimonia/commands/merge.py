"""Team subcommands: merge members' files, list conflicts, resolve them.

Output is the contract in docs/CLI.md; the work is done by testimonia.core.merge and the Store,
which the desktop app calls too.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from testimonia.commands.common import (
    KIND_HELP,
    add_author_option,
    annotation_line,
    author_from,
    command,
    compact_json,
    fail,
    open_store,
    parse_fields,
    parse_offset,
    print_json,
    print_lines,
    quoted,
    warn,
)
from testimonia.core import merge
from testimonia.core.errors import InvalidInput, MergeRefused
from testimonia.core.merge.report import MergeReport
from testimonia.core.store import Store
from testimonia.core.views import AnnotationView, Content, RevisionView


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "merge", help="merge team members' project files into this one",
        description="Merge each OTHER file into PROJECT, one transaction per file: every edit is kept and "
        "disagreeing edits become conflicts. A file that fails a check is refused and changes nothing.")
    p.add_argument("project")
    p.add_argument("others", nargs="+", metavar="OTHER", help="a team member's .testimonia file")
    p.add_argument("--dry-run", action="store_true", help="report what would change; write nothing")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    add_author_option(p)
    p.set_defaults(func=run_merge)

    p = subparsers.add_parser("conflicts", help="list annotations in conflict, with their versions",
                              description="Each annotation whose merged edits disagree, and its versions "
                              "(heads), the current winner first.")
    p.add_argument("project")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(func=run_conflicts)

    p = subparsers.add_parser(
        "resolve", help="settle a conflict (writes a revision replacing every version)",
        description="Settle a conflict: either take one version as it is (--take REVISION), or give values "
        "as for edit, applied to the current winner. Either way the new revision replaces every version, "
        "so the conflict is settled in every file it reaches by merge.")
    p.add_argument("project")
    p.add_argument("annotation", metavar="ANNOTATION")
    p.add_argument("--take", metavar="REVISION", help="the version to keep (a revision UUID from `conflicts`)")
    p.add_argument("--kind", metavar="KIND", help=KIND_HELP)
    p.add_argument("--start", metavar="N")
    p.add_argument("--end", metavar="N")
    p.add_argument("--field", action="append", default=[], metavar="KEY=VALUE", help="a field (repeatable)")
    p.add_argument("--note", metavar="TEXT", help="free note")
    p.add_argument("--delete", action="store_true", help="settle it by deleting the annotation")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    add_author_option(p)
    p.set_defaults(func=run_resolve)


# -- merge ---------------------------------------------------------------------------------------
@command
def run_merge(args: argparse.Namespace) -> int:
    author = None if args.dry_run else author_from(args)
    results: list[dict[str, object]] = []
    lines: list[str] = []
    failed = 0
    with open_store(args.project) as store:
        for other in args.others:
            try:
                if args.dry_run:
                    report = merge.preview(store, Path(other))
                else:
                    assert author is not None
                    report = merge.merge(store, Path(other), author)
            except MergeRefused as exc:
                failed += 1
                fail(str(exc))  # one line on stderr per refused file; the others still merge
                results.append({"source_file": Path(other).name, "error": str(exc)})
                continue
            for note in report.notes:
                warn(note)
            if args.json:  # its document list alone is 30,000 entries on a large project
                results.append(report.to_json())
            else:
                lines += _report_lines(report)
    if args.json:
        print_json(results)
    else:
        print_lines(lines)
    return 1 if failed else 0


def _report_lines(report: MergeReport) -> list[str]:
    state = "would merge" if report.dry_run else "merged"
    if report.already_merged_hlc is not None:
        state = "already merged"
    lines = [f"{report.source_file}\t{state}\t{compact_json(report.counts())}"]
    lines += [f"conflict\t{uuid}" for uuid in report.conflicts]
    lines += [f"orphan\t{o.annotation_uuid}\t{o.document_uuid}\t{quoted(o.exact)}" for o in report.orphans]
    return lines


# -- conflicts -----------------------------------------------------------------------------------
@command
def run_conflicts(args: argparse.Namespace) -> int:
    with open_store(args.project, readonly=True) as store:
        conflicts = store.conflicts()
    if args.json:
        print_json([{**a.to_json(), "versions": [r.to_json() for r in heads]} for a, heads in conflicts])
        return 0
    lines: list[str] = []
    for a, heads in conflicts:
        lines.append(annotation_line(a))
        lines += [_version_line(r, winner=(r.uuid == a.revision_uuid)) for r in heads]
    print_lines(lines)
    return 0


def _version_line(r: RevisionView, *, winner: bool) -> str:
    marks = ",".join(m for m, on in (("winner", winner), ("deleted", r.deleted)) if on) or "-"
    return "\t".join(("", r.uuid, r.time, r.author, r.kind, f"{r.start}-{r.end}", quoted(r.exact),
                      compact_json(r.fields), quoted(r.note), marks))


# -- resolve -------------------------------------------------------------------------------------
@command
def run_resolve(args: argparse.Namespace) -> int:
    author = author_from(args)
    edits = any(v is not None for v in (args.kind, args.start, args.end, args.note)) or bool(args.field)
    if args.take and (edits or args.delete):
        raise InvalidInput("give either --take REVISION or new values (--kind, --start, --end, --field, --note, "
                           "--delete), not both")
    if not args.take and not edits and not args.delete:
        raise InvalidInput("say how to settle it: --take REVISION (see `testimonia conflicts`), or new values")
    with open_store(args.project) as store:
        cur = store.annotation(args.annotation)
        if not cur.conflict:
            raise InvalidInput(f"annotation {cur.uuid} is not in conflict; use `testimonia edit` to change it")
        if args.take:
            ann = store.resolve(cur.uuid, author, take=args.take)
        else:
            ann = store.resolve(cur.uuid, author, content=_content(store, cur, args))
    if args.json:
        print_json(ann.to_json())
    else:
        print_lines([ann.uuid])
    return 0


def _content(store: Store, cur: AnnotationView, args: argparse.Namespace) -> Content:
    """The winner's values with the given ones applied, as `edit` applies them."""
    start = parse_offset(args.start, "--start")
    end = parse_offset(args.end, "--end")
    fields = {k: v for k, v in {**cur.fields, **parse_fields(args.field)}.items() if v != ""}
    label = store.label(args.kind).uuid if args.kind else cur.label_uuid
    return Content(label, cur.start if start is None else start, cur.end if end is None else end, fields,
                   cur.note if args.note is None else args.note, deleted=bool(args.delete))
