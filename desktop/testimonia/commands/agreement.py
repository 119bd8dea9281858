"""Agreement between annotators and the curated reading: `agreement` (reading) and `curate`.

Output is the contract in docs/CLI.md; the measures and the curation are in
testimonia.core.agreement, which the desktop app will call too.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from testimonia.commands.common import (
    add_author_option,
    author_from,
    command,
    open_store,
    parse_fields,
    parse_offset,
    print_json,
    print_lines,
    quoted,
    warn,
)
from testimonia.core.errors import InvalidInput


def _selection_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--authors", nargs="+", metavar="AUTHOR",
                   help="compare only these authors (names or UUIDs; default: everyone who annotated)")
    p.add_argument("--doc", action="append", metavar="UUID",
                   help="only this document (repeat for more); every selected author counts there, coded or not")
    p.add_argument("--label", action="append", metavar="KIND",
                   help="only this kind or label (repeat for more)")
    p.add_argument("--overlap", default="0.5", metavar="X",
                   help="spans match when shared length / union length reaches X (0 to 1; 1 = identical; default 0.5)")


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "agreement", help="agreement between annotators: unitizing alphas, F1, field alpha, kappa",
        description="Measure how far the annotators agree: Krippendorff's unitizing alphas (uα, |uα, cuα, "
        "(k)uα), span precision/recall/F1, Krippendorff's alpha on the fields of matched spans, and NVivo's "
        "and QualCoder's character figures, each with a bootstrap interval; then the disagreements. Reads "
        "the project without changing it.")
    p.add_argument("project")
    _selection_options(p)
    p.add_argument("--reference", metavar="AUTHOR",
                   help="pair everyone with this author (or `curated`, the curated reading): precision and "
                   "recall are theirs against it")
    p.add_argument("--samples", default="1000", metavar="N", help="bootstrap samples (0 for none; default 1000)")
    p.add_argument("--seed", default="0", metavar="N", help="bootstrap seed (default 0)")
    p.add_argument("-o", "--output", metavar="OUT",
                   help="write the report (measures, intervals, disagreements) to OUT instead of printing it")
    p.add_argument("--format", choices=("html", "csv", "xlsx"), metavar="FORMAT",
                   help="html, csv or xlsx (default: from OUT's suffix)")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(func=run_agreement)

    p = subparsers.add_parser(
        "curate", help="settle disagreements into the curated reading",
        description="Write the curated reading: curated annotations are the curator's own, marked with the "
        "annotations they settle; the annotators' own annotations are never changed.")
    p.add_argument("project")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    a = actions.add_parser("accept", help="take one annotator's version")
    a.add_argument("annotation", metavar="ANNOTATION", help="the annotation to take")
    a.add_argument("--also", nargs="+", default=[], metavar="ANNOTATION",
                   help="the other versions this settles (their annotators' spans of the same thing)")
    a.set_defaults(func=run_accept)

    a = actions.add_parser("merge", help="one curated annotation from several versions")
    a.add_argument("annotations", nargs="+", metavar="ANNOTATION")
    a.add_argument("--start", metavar="N", help="first code point (default: the earliest start)")
    a.add_argument("--end", metavar="N", help="code point after the last (default: the latest end)")
    a.add_argument("--take", metavar="ANNOTATION", help="whose label, fields and note (default: the first)")
    a.add_argument("--kind", metavar="KIND", help="the label instead")
    a.add_argument("--field", action="append", metavar="KEY=VALUE", help="set a field (repeatable)")
    a.set_defaults(func=run_merge)

    a = actions.add_parser("reject", help="record that none of these belongs in the curated reading")
    a.add_argument("annotations", nargs="+", metavar="ANNOTATION")
    a.set_defaults(func=run_reject)

    a = actions.add_parser("bulk-accept", help="accept every unit on which all annotators agree")
    _selection_options(a)
    a.add_argument("--min-share", default="1", metavar="X",
                   help="accept units held by at least this share of a document's annotators (default 1: all)")
    a.add_argument("--dry-run", action="store_true", help="list what would be accepted; write nothing")
    a.set_defaults(func=run_bulk)

    a = actions.add_parser("progress", help="disagreements settled and left, per document")
    _selection_options(a)
    a.set_defaults(func=run_progress)

    for sub in actions.choices.values():
        sub.add_argument("--json", action="store_true", help="print JSON instead of text")
        if sub.prog.split()[-1] != "progress":
            add_author_option(sub)


def _number(value: str, name: str, kind: type[float] | type[int]) -> float:
    try:
        return kind(value)
    except ValueError:
        raise InvalidInput(f"{name} must be a number, got {value!r}") from None


def _options(args: argparse.Namespace, **extra: object):  # -> report.Options
    from testimonia.core.agreement.report import Options

    return Options(authors=args.authors or (), documents=args.doc or (), labels=args.label or (),
                   overlap=_number(args.overlap, "--overlap", float), **extra)  # type: ignore[arg-type]


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.4f}"


@command
def run_agreement(args: argparse.Namespace) -> int:
    from testimonia.core.agreement.report import compute

    samples = int(_number(args.samples, "--samples", int))
    seed = int(_number(args.seed, "--seed", int))
    with open_store(args.project, readonly=True) as store:
        options = _options(args, reference=args.reference, samples=samples, seed=seed)
        report = compute(store, options)
    for w in report.warnings:
        warn(w)
    if args.output:
        from testimonia.core import field_text
        from testimonia.core.agreement.report_export import export_agreement

        fmt = args.format or Path(args.output).suffix.lower().lstrip(".")
        if fmt not in ("html", "csv", "xlsx"):
            raise InvalidInput(f"{args.output}: say --format html, csv or xlsx (the suffix does not tell)")
        export_agreement(report, fmt, Path(args.output), language=field_text.env_language())
        if args.json:
            print_json({"path": args.output, "format": fmt, "sets": len(report.sets),
                        "disagreements": len(report.disagreements)})
        else:
            print_lines(["\t".join((args.output, fmt, str(len(report.sets)), str(len(report.disagreements))))])
        return 0
    if args.json:
        print_json(report.to_json())
        return 0
    lines = []
    for s in report.sets:
        who = " & ".join(s.names)
        lines.append("\t".join(("set", who, str(len(s.documents)), str(s.units), s.resampled)))
        for name, est in s.measures.items():
            lines.append("\t".join(("measure", who, "-", name, _fmt(est.value), _fmt(est.low), _fmt(est.high))))
        for label, ms in s.per_label.items():
            for name, est in ms.items():
                lines.append("\t".join(("measure", who, label, name, _fmt(est.value), _fmt(est.low), _fmt(est.high))))
        for label, fs in s.fields.items():
            for key, f in fs.items():
                lines.append("\t".join(("field", who, label, key, str(f["metric"]), str(f["units"]),
                                        _fmt(f["value"]), _fmt(f["low"]), _fmt(f["high"]))))  # type: ignore[arg-type]
    for d in report.disagreements:
        spans = ";".join("-" if x is None else f"{x.start}-{x.end}" for x in (d.a, d.b))
        lines.append("\t".join(("disagreement", d.kind, d.document, d.label, spans, " & ".join(d.annotators),
                                ",".join(d.fields) or "-", quoted(d.text))))
    print_lines(lines)
    return 0


def _print_curated(view, as_json: bool) -> None:  # view: AnnotationView
    if as_json:
        print_json(view.to_json())
    else:
        print_lines([view.uuid])


@command
def run_accept(args: argparse.Namespace) -> int:
    from testimonia.core.agreement import curation

    curator = author_from(args)
    with open_store(args.project) as store:
        view = curation.accept(store, curator, args.annotation, args.also)
    _print_curated(view, args.json)
    return 0


@command
def run_merge(args: argparse.Namespace) -> int:
    from testimonia.core.agreement import curation

    curator = author_from(args)
    fields = parse_fields(args.field)
    with open_store(args.project) as store:
        label = store.label(args.kind).uuid if args.kind else None
        view = curation.merge(store, curator, args.annotations, start=parse_offset(args.start, "--start"),
                              end=parse_offset(args.end, "--end"), take=args.take, label=label, fields=fields or None)
    _print_curated(view, args.json)
    return 0


@command
def run_reject(args: argparse.Namespace) -> int:
    from testimonia.core.agreement import curation

    curator = author_from(args)
    with open_store(args.project) as store:
        view = curation.reject(store, curator, args.annotations)
    _print_curated(view, args.json)
    return 0


@command
def run_bulk(args: argparse.Namespace) -> int:
    from testimonia.core.agreement import curation

    share = _number(args.min_share, "--min-share", float)
    curator = None if args.dry_run else author_from(args)
    with open_store(args.project, readonly=args.dry_run) as store:
        if curator is None:
            items = curation.bulk_candidates(store, _options(args), share)
        else:
            items = curation.bulk_accept(store, curator, _options(args), share)
    if args.json:
        print_json([i.to_json() for i in items])
    else:
        print_lines("\t".join((i.curated or "-", i.document, i.label, f"{i.start}-{i.end}",
                                f"{i.share[0]}/{i.share[1]}", ",".join(i.sources))) for i in items)
    return 0


@command
def run_progress(args: argparse.Namespace) -> int:
    from testimonia.core.agreement import curation

    with open_store(args.project, readonly=True) as store:
        rows = curation.progress(store, _options(args))
    if args.json:
        print_json(rows)
    else:
        print_lines("\t".join((str(r["document"]), str(r["title"]), str(r["disagreements"]), str(r["settled"]),
                               str(r["left"]))) for r in rows)
    return 0
