"""`testimonia suggest`: the statements, figures and obligations the app proposes, and bulk review.

Listing reads the project without writing to it (a teammate's file too); `--accept-above` and
`--reject` write (one transaction each). The contract is in docs/CLI.md.
"""

from __future__ import annotations

import argparse
import sys

from testimonia.commands.common import (
    add_author_option,
    annotation_line,
    author_from,
    command,
    compact_json,
    open_store,
    parse_offset,
    print_json,
    print_lines,
    quoted,
    warn,
)
from testimonia.core.errors import InvalidInput
from testimonia.core.suggest.model import Suggestion


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "suggest", help="propose statements, figures and obligations (fields filled in); accept or reject them",
        description="Print suggested annotations for one document (--doc) or every document. Suggestions are "
        "not annotations: nothing is written unless --accept-above or --reject is given.")
    p.add_argument("project")
    p.add_argument("--doc", metavar="UUID", help="only this document")
    p.add_argument("--kind", metavar="KIND", help="only this kind (statement, figure, obligation, or a custom "
                   "label learnt from the project's annotations)")
    p.add_argument("--accept-above", metavar="SCORE", dest="accept_above",
                   help="accept every suggestion whose score is at least SCORE (0 to 1) as an annotation")
    p.add_argument("--reject", metavar="START-END",
                   help="reject the suggestions at this span of --doc: they are not suggested again")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    add_author_option(p)
    p.set_defaults(func=run_suggest)


def suggestion_line(s: Suggestion) -> str:
    """document, kind, start-end, score, rule, "exact" quoted, fields as JSON."""
    return "\t".join((s.document, s.kind, f"{s.start}-{s.end}", f"{s.score:.2f}", s.rule, quoted(s.exact),
                      compact_json(s.fields)))


def _threshold(raw: str) -> float:
    try:
        value = float(raw.strip())
    except ValueError:
        raise InvalidInput(f"--accept-above must be a score from 0 to 1, got {raw!r}") from None
    if not 0.0 <= value <= 1.0:
        raise InvalidInput(f"--accept-above must be a score from 0 to 1, got {raw!r}")
    return value


def _span(raw: str) -> tuple[int, int]:
    start, sep, end = raw.partition("-")
    a, b = parse_offset(start, "--reject start"), parse_offset(end, "--reject end")
    if not sep or a is None or b is None or a >= b:
        raise InvalidInput(f"--reject expects START-END with START < END (code points), got {raw!r}")
    return a, b


@command
def run_suggest(args: argparse.Namespace) -> int:
    from testimonia.core.suggest import project, review

    kinds = (args.kind,) if args.kind else None
    threshold = _threshold(args.accept_above) if args.accept_above is not None else None
    span = _span(args.reject) if args.reject is not None else None
    if span is not None and not args.doc:
        raise InvalidInput("--reject needs --doc: the span is in one document")
    if threshold is not None and span is not None:
        raise InvalidInput("give either --accept-above or --reject, not both")
    writing = threshold is not None or span is not None
    author = author_from(args) if writing else None
    with open_store(args.project, readonly=not writing) as store:
        found = project.project_suggestions(store, args.doc, kinds)
        if span is not None:
            assert author is not None
            chosen = [s for s in found if (s.start, s.end) == span]
            if not chosen:
                raise InvalidInput(f"no suggestion at {span[0]}-{span[1]} in document {args.doc}; nothing was changed")
            review.reject(store, chosen, author)
            warn(f"rejected {len(chosen)} suggestion{'s' * (len(chosen) != 1)}; they will not be suggested again")
            _print(args, chosen)
            return 0
        if threshold is not None:
            assert author is not None
            chosen = [s for s in found if s.score >= threshold]
            created = review.accept(store, chosen, author)
            warn(f"accepted {len(created)} of {len(found)} suggestions (score at least {threshold:g})")
            if args.json:
                print_json([a.to_json() for a in created])
            else:
                print_lines(annotation_line(a) for a in created)
            return 0
    _print(args, found)
    return 0


def _print(args: argparse.Namespace, found: list[Suggestion]) -> None:
    if args.json:
        print_json([s.to_json() for s in found])
    else:
        print_lines(suggestion_line(s) for s in found)
    sys.stdout.flush()
