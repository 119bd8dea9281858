"""Exchange subcommands: export to W3C/REFI-QDA/CSV/XLSX/brat/HTML, import REFI-QDA and W3C files.

Output is the contract in docs/CLI.md; the work itself is done by testimonia.core.interop, which
the desktop app calls too.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from testimonia.commands.common import (
    ProgressLine,
    add_author_option,
    author_from,
    command,
    open_store,
    print_json,
    print_lines,
    warn,
)
from testimonia.core import field_text
from testimonia.core.evidence.case import EvidenceFilter
from testimonia.core.interop import FORMATS, export, import_qdpx, import_w3c
from testimonia.core.interop.importing import ImportReport

REPORT_KEYS = ("documents_added", "documents_matched", "labels_added", "labels_matched", "annotations_added",
               "duplicates", "reanchored", "annotations_matched")


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "export", help="export annotations (w3c, refi, csv, xlsx, brat, report, package)",
        description="Write the project's live annotations to OUT, atomically: w3c (W3C Web Annotation "
        "JSON-LD), refi (REFI-QDA .qdpx), csv, xlsx (evidence table), brat (a folder of .txt/.ann), "
        "report (printable HTML), package (an evidence package: a zip a reviewer can verify). "
        "What people read (the report, yes/no cells, field lines) is in English, "
        f"or in Korean when {field_text.ENV_LANGUAGE}=ko.")
    p.add_argument("project")
    p.add_argument("--format", "-f", required=True, choices=FORMATS, metavar="FORMAT",
                   help="one of: " + ", ".join(FORMATS))
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="file to write (brat: a new or empty folder)")
    p.add_argument("--doc", metavar="UUID", help="only this document")
    p.add_argument("--kind", metavar="KIND", help="only this kind (statement, figure, obligation, custom) or label")
    p.add_argument("--curated", action="store_true",
                   help="only the curated reading (see `curate`), not the annotators' own codings")
    p.add_argument("--incident", metavar="INCIDENT", help="only evidence linked to this incident (UUID or title)")
    p.add_argument("--entity", metavar="ENTITY", help="only annotations linked to this entity (UUID or name)")
    p.add_argument("--source-type", dest="source_type", metavar="T", help="only documents of this source type")
    p.add_argument("--grade", type=int, metavar="N", help="only annotations graded 1..N (credibility)")
    p.add_argument("--since", metavar="DATE", help="only evidence dated from DATE (ISO prefix)")
    p.add_argument("--until", metavar="DATE", help="only evidence dated up to DATE (ISO prefix)")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(func=run_export)

    p = subparsers.add_parser(
        "import-qdpx", help="import a REFI-QDA project (.qdpx)",
        description="Import the text sources, codes and coded selections of a REFI-QDA project, all or "
        "nothing. Parts Testimonia cannot hold (pictures, audio, video, PDF areas) are listed and skipped.")
    p.add_argument("project")
    p.add_argument("file", metavar="FILE.qdpx")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    add_author_option(p)
    p.set_defaults(func=run_import_qdpx)

    p = subparsers.add_parser(
        "import-w3c", help="import W3C Web Annotations onto documents already in the project",
        description="Import W3C Web Annotations (a collection, a page, an annotation, an array or JSON "
        "Lines), placed by their quote and position selectors, all or nothing.")
    p.add_argument("project")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    add_author_option(p)
    p.set_defaults(func=run_import_w3c)


@command
def run_export(args: argparse.Namespace) -> int:
    progress = ProgressLine(f"export {args.format}")
    with open_store(args.project, readonly=True) as store:
        flt = EvidenceFilter(incident=args.incident, entity=args.entity, source_type=args.source_type,
                             min_grade=args.grade, date_from=args.since, date_to=args.until)
        allowed = store.evidence.filtered(flt)
        try:
            result = export(store, args.format, Path(args.output), document=args.doc, kind=args.kind,
                            language=field_text.env_language(), curated=args.curated, progress=progress,
                            allowed=allowed)
        finally:
            progress.finish()
    for note in result.skipped:
        warn(note)
    if args.json:
        print_json(result.to_json())
    else:
        print_lines([f"{result.path}\t{result.format}\t{result.annotations}\t{result.documents}"])
    return 0


def _print_report(report: ImportReport, as_json: bool) -> None:
    for note in report.skipped:
        warn(note)
    if report.annotations_matched:
        warn(f"{report.source.name}: {report.annotations_matched} annotation(s) are already in the project (same "
             "document, label, span and author) with other fields or notes; they were not added again and the "
             "project's versions were kept")
    if as_json:
        print_json(report.to_json())
    else:
        data = report.to_json()
        print_lines(f"{key}\t{data[key]}" for key in REPORT_KEYS)


@command
def run_import_qdpx(args: argparse.Namespace) -> int:
    author = author_from(args)
    with open_store(args.project) as store:
        report = import_qdpx(store, Path(args.file), author)
    _print_report(report, args.json)
    return 0


@command
def run_import_w3c(args: argparse.Namespace) -> int:
    author = author_from(args)
    with open_store(args.project) as store:
        report = import_w3c(store, Path(args.file), author)
    _print_report(report, args.json)
    return 0
