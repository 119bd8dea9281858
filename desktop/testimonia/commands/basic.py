"""Everyday subcommands: projects, documents, annotations, labels, the author, and the file check.

Every handler goes through the Store API; output formats are the contract in docs/CLI.md.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

from testimonia.commands.common import (
    KIND_HELP,
    NO_AUTHOR,
    ProgressLine,
    add_author_option,
    annotation_line,
    author_from,
    command,
    compact_json,
    document_line,
    fail,
    open_store,
    parse_fields,
    parse_offset,
    print_json,
    print_json_list,
    print_lines,
    quoted,
    warn,
)
from testimonia.core import check, config, labels, rawdb, similar
from testimonia.core.errors import ImportFailed, InvalidInput, ProjectFileError, TestimoniaError
from testimonia.core.received import ReceivedFile, open_received
from testimonia.core.store import Store
from testimonia.core.views import AnnotationView, LabelInfo


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("new", help="create a project file", description="Create a project file; "
                              "prints the project's UUID. Refuses a path that already exists.")
    p.add_argument("project", help="path of the new file, e.g. evidence.testimonia")
    p.add_argument("--title", default="", help="project title (default: the file name)")
    add_author_option(p)
    p.set_defaults(func=run_new)

    p = subparsers.add_parser("import", help="import documents (.txt .md .html .pdf .docx)",
                              description="Import documents; prints `UUID<TAB>title` per imported file.")
    p.add_argument("project")
    p.add_argument("files", nargs="+", metavar="FILE")
    _json_option(p)
    add_author_option(p)
    p.set_defaults(func=run_import)

    p = subparsers.add_parser("docs", help="list the documents")
    p.add_argument("project")
    p.add_argument("--removed", action="store_true", help="list the removed documents instead")
    _json_option(p)
    p.set_defaults(func=run_docs)

    for name, func, what in (("remove-doc", run_remove_doc, "remove a document from the project's lists, "
                                                            "search and exports (kept: restore-doc brings it back)"),
                             ("restore-doc", run_restore_doc, "bring back a removed document")):
        p = subparsers.add_parser(name, help=what)
        p.add_argument("project")
        p.add_argument("document", metavar="DOCUMENT", help="document UUID")
        add_author_option(p)
        _json_option(p)
        p.set_defaults(func=func)

    p = subparsers.add_parser("text", help="print a document's stored text, or a slice of it",
                              description="Print the stored text exactly (no newline added); offsets are "
                              "Unicode code points, end exclusive.")
    p.add_argument("project")
    p.add_argument("--doc", required=True, metavar="UUID")
    p.add_argument("--start", metavar="N", help="first code point (default 0)")
    p.add_argument("--end", metavar="N", help="code point after the last one (default: end of text)")
    _json_option(p)
    p.set_defaults(func=run_text)

    p = subparsers.add_parser("annotate", help="add an annotation",
                              description="Add an annotation; prints its UUID. Offsets are Unicode code "
                              "points into the stored text, end exclusive.")
    p.add_argument("project")
    p.add_argument("--doc", required=True, metavar="UUID")
    p.add_argument("--kind", required=True, metavar="KIND", help=KIND_HELP)
    p.add_argument("--start", required=True, metavar="N")
    p.add_argument("--end", required=True, metavar="N")
    _field_options(p)
    _json_option(p)
    add_author_option(p)
    p.set_defaults(func=run_annotate)

    p = subparsers.add_parser("list", help="list annotations")
    p.add_argument("project")
    p.add_argument("--doc", metavar="UUID", help="only this document")
    p.add_argument("--kind", metavar="KIND", help=f"only this kind ({KIND_HELP}, or custom)")
    p.add_argument("--author", metavar="NAME", help="only annotations created or last edited by NAME (or UUID)")
    p.add_argument("--conflicts", action="store_true", help="only annotations with unresolved conflicts")
    p.add_argument("--deleted", action="store_true", help="include deleted annotations")
    _json_option(p)
    p.set_defaults(func=run_list)

    p = subparsers.add_parser("show", help="one annotation with its revision history")
    p.add_argument("project")
    p.add_argument("annotation", metavar="ANNOTATION")
    _json_option(p)
    p.set_defaults(func=run_show)

    p = subparsers.add_parser("edit", help="change an annotation (writes a new revision)",
                              description="Change an annotation; only what is given changes. "
                              "`--field KEY=` clears that field. Prints the annotation's UUID.")
    p.add_argument("project")
    p.add_argument("annotation", metavar="ANNOTATION")
    p.add_argument("--kind", metavar="KIND", help=KIND_HELP)
    p.add_argument("--start", metavar="N")
    p.add_argument("--end", metavar="N")
    _field_options(p)
    _json_option(p)
    add_author_option(p)
    p.set_defaults(func=run_edit)

    p = subparsers.add_parser("delete", help="delete an annotation (writes a tombstone revision)")
    p.add_argument("project")
    p.add_argument("annotation", metavar="ANNOTATION")
    add_author_option(p)
    p.set_defaults(func=run_delete)

    p = subparsers.add_parser("check", help="check a project file's integrity (read-only)")
    p.add_argument("project")
    _json_option(p)
    p.set_defaults(func=run_check)

    p = subparsers.add_parser("labels", help="list the labels (the three kinds and custom labels)")
    p.add_argument("project")
    _json_option(p)
    p.set_defaults(func=run_labels)

    p = subparsers.add_parser("label-add", help="add a custom label")
    p.add_argument("project")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--color", required=True, metavar="#RRGGBB")
    p.add_argument("--shortcut", default="", metavar="KEY")
    _json_option(p)
    add_author_option(p)
    p.set_defaults(func=run_label_add)

    p = subparsers.add_parser("author", help="show or set the author name kept in the user config",
                              description="With NAME, remember it as the author for this user account; "
                              "without, print the author that commands would use.")
    p.add_argument("name", nargs="?", metavar="NAME")
    p.set_defaults(func=run_author)


def _json_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print JSON instead of text")


def _field_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--field", action="append", default=[], metavar="KEY=VALUE", help="a field (repeatable)")
    p.add_argument("--note", metavar="TEXT", help="free note")


# -- projects and documents ----------------------------------------------------------------------
@command
def run_new(args: argparse.Namespace) -> int:
    author = author_from(args)
    path = Path(args.project)
    try:
        store = Store.create(path, args.title, author)
    except (OSError, sqlite3.Error) as exc:
        raise ProjectFileError(path, f"cannot be created ({getattr(exc, 'strerror', None) or exc})") from exc
    with store:
        print_lines([store.uuid])
    return 0


class _Progress:
    """Pages done for a long PDF, on one rewritten stderr line; only a person at a terminal sees it."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if total > 1:
            sys.stderr.write(f"\r{self.name}: page {done} of {total}")
            sys.stderr.flush()
            self.shown = True

    def finish(self) -> None:
        if self.shown:
            sys.stderr.write("\n")
            sys.stderr.flush()


@command
def run_import(args: argparse.Namespace) -> int:
    author = author_from(args)
    failed = 0
    imported: list[dict[str, object]] = []
    with open_store(args.project) as store:
        for name in args.files:
            progress = _Progress(Path(name).name) if sys.stderr.isatty() else None
            error = None
            try:
                info = store.import_file(Path(name), author, progress=progress)
            except ImportFailed as exc:  # its message names the file already
                error = str(exc)
            except TestimoniaError as exc:
                error = f"{name}: {exc}"
            finally:
                if progress:
                    progress.finish()  # end the progress line before anything else is printed
            if error is not None:
                failed += 1
                fail(error)
                continue
            if args.json:
                imported.append(info.to_json())
            else:
                print_lines([f"{info.uuid}\t{info.title}"])
            for dup in store.near_duplicates(info.uuid):  # imported all the same: the user decides
                warn(str(similar.note(name, dup)))
    if args.json:
        print_json(imported)
    return 1 if failed else 0


@command
def run_docs(args: argparse.Namespace) -> int:
    with open_store(args.project, readonly=True) as store:
        docs = store.documents(removed=args.removed)
    if args.json:
        print_json([d.to_json() for d in docs])
    else:
        print_lines(document_line(d) for d in docs)
    return 0


@command
def run_text(args: argparse.Namespace) -> int:
    with open_store(args.project, readonly=True) as store:
        doc = store.document(args.doc)
        text = store.document_text(doc.uuid)
    start = parse_offset(args.start, "--start")
    end = parse_offset(args.end, "--end")
    start = 0 if start is None else start
    end = len(text) if end is None else end
    if end > len(text) or start > len(text):
        raise InvalidInput(f"offsets {start}..{end} are outside the text (0..{len(text)})")
    if start >= end:
        raise InvalidInput(f"--start ({start}) must be less than --end ({end})")
    if args.json:
        print_json({"document": doc.uuid, "start": start, "end": end, "text": text[start:end]})
    else:
        sys.stdout.write(text[start:end])
        sys.stdout.flush()
    return 0


# -- annotations ---------------------------------------------------------------------------------
def _print_annotation(a: AnnotationView, as_json: bool) -> None:
    if as_json:
        print_json(a.to_json())
    else:
        print_lines([a.uuid])


@command
def run_annotate(args: argparse.Namespace) -> int:
    author = author_from(args)
    start = parse_offset(args.start, "--start")
    end = parse_offset(args.end, "--end")
    # An empty value means "not set" here, as it means "clear" in edit (for yes/no fields too).
    fields = {k: v for k, v in parse_fields(args.field).items() if v != ""}
    assert start is not None and end is not None  # argparse requires both
    with open_store(args.project) as store:
        ann = store.add_annotation(args.doc, args.kind, start, end, author, fields=fields, note=args.note or "")
    _print_annotation(ann, args.json)
    return 0


@command
def run_list(args: argparse.Namespace) -> int:
    kind, label = None, None
    if args.kind:
        # The built-in kinds (and "custom", all custom labels) filter by kind; anything else names a label.
        kind, label = (args.kind, None) if args.kind in (*labels.KINDS, labels.CUSTOM) else (None, args.kind)
    with open_store(args.project, readonly=True) as store:
        flt = store.annotation_filter(document=args.doc, kind=kind, label=label, author=args.author,
                                      conflicts_only=args.conflicts, include_deleted=args.deleted)
        # Written as read, from one snapshot: a project of any size lists in flat memory.
        with store.snapshot() as snap:
            progress = ProgressLine("list", "annotations", stdout_busy=True)
            total = snap.count(flt).annotations if progress.enabled else 0
            try:
                items = _counted(snap.annotations(flt), progress, total)
                if args.json:
                    print_json_list(a.to_json() for a in items)
                else:
                    print_lines(annotation_line(a) for a in items)
            finally:
                progress.finish()
    return 0


def _counted(items: Iterator[AnnotationView], progress: ProgressLine, total: int) -> Iterator[AnnotationView]:
    if not progress.enabled:
        yield from items
        return
    for done, a in enumerate(items, 1):
        yield a
        if done % 500 == 0 or done == total:
            progress(done, total)


@command
def run_show(args: argparse.Namespace) -> int:
    with open_store(args.project, readonly=True) as store:
        ann = store.annotation(args.annotation)
        history = store.revisions(ann.uuid)
    if args.json:
        print_json({**ann.to_json(), "history": [r.to_json() for r in history]})
        return 0
    state = [s for s, on in (("conflict", ann.conflict), ("deleted", ann.deleted), ("orphaned", ann.orphaned)) if on]
    page = f" (page {ann.page})" if ann.page is not None else ""
    lines = [
        f"annotation\t{ann.uuid}",
        f"document\t{ann.document_uuid}\t{ann.document_title}",
        f"kind\t{ann.kind}\t{ann.label}",
        f"span\t{ann.start}-{ann.end}{page}",
        f"text\t{quoted(ann.exact)}",
        f"fields\t{compact_json(ann.fields)}",
        f"note\t{quoted(ann.note)}",
        f"created\t{ann.created}\t{ann.creator}",
        f"modified\t{ann.modified}\t{ann.author}",
        f"state\t{', '.join(state) or 'ok'}" + (f" ({ann.heads} heads)" if ann.conflict else ""),
        "history",
    ]
    for r in history:
        marks = ",".join(m for m, on in (("head", r.is_head), ("deleted", r.deleted)) if on) or "-"
        lines.append("\t".join(("", r.time, r.author, r.uuid, r.kind, f"{r.start}-{r.end}",
                                quoted(r.exact), compact_json(r.fields), marks)))
    print_lines(lines)
    return 0


@command
def run_edit(args: argparse.Namespace) -> int:
    author = author_from(args)
    start = parse_offset(args.start, "--start")
    end = parse_offset(args.end, "--end")
    changes = parse_fields(args.field)
    if args.kind is None and start is None and end is None and not args.field and args.note is None:
        raise InvalidInput("nothing to change: give --kind, --start, --end, --field or --note")
    with open_store(args.project) as store:
        cur = store.annotation(args.annotation)
        fields = None
        if args.field:
            # An empty value clears the field whatever its type (for yes/no fields "" would mean "no").
            fields = {k: v for k, v in {**cur.fields, **changes}.items() if v != ""}
        if args.kind is not None:
            _refuse_foreign_fields(store.label(args.kind), fields if fields is not None else cur.fields)
        ann = store.edit_annotation(cur.uuid, author, label=args.kind, start=start, end=end,
                                    fields=fields, replace_fields=fields is not None, note=args.note)
    _print_annotation(ann, args.json)
    return 0


def _refuse_foreign_fields(label: LabelInfo, fields: dict[str, object]) -> None:
    known = {s.key for s in labels.field_specs(label.kind)}
    if label.kind == labels.CUSTOM or not fields:
        return
    foreign = sorted(k for k in fields if k not in known)
    if foreign:
        clear = " ".join(f"--field {k}=" for k in foreign)
        raise InvalidInput(f"{label.kind} annotations have no field {', '.join(foreign)}; "
                           f"clear it to change the kind ({clear})")


@command
def run_delete(args: argparse.Namespace) -> int:
    author = author_from(args)
    with open_store(args.project) as store:
        ann = store.delete_annotation(args.annotation, author)
    print_lines([ann.uuid])
    return 0


@command
def run_remove_doc(args: argparse.Namespace) -> int:
    return _set_removed(args, removed=True)


@command
def run_restore_doc(args: argparse.Namespace) -> int:
    return _set_removed(args, removed=False)


def _set_removed(args: argparse.Namespace, *, removed: bool) -> int:
    author = author_from(args)
    with open_store(args.project) as store:
        doc = store.document(args.document)
        if doc.removed == removed:
            raise InvalidInput(f"document {doc.uuid} is {'already removed' if removed else 'not removed'}")
        doc = store.remove_document(doc.uuid, author) if removed else store.restore_document(doc.uuid, author)
    if args.json:
        print_json(doc.to_json())
    else:
        print_lines([doc.uuid])
    return 0


# -- check ---------------------------------------------------------------------------------------
_CHECK_STEPS = {"integrity": "SQLite's integrity check", "documents": "documents", "revisions": "revisions"}


@command
def run_check(args: argparse.Namespace) -> int:
    path = Path(args.project)
    counts: dict[str, int] = {}
    # Often a file someone sent: read without writing to it or beside it (core/received.py).
    with open_received(path) as received:
        for note in received.notes:
            warn(note)
        rawdb.inspect_file(path, received.uri)  # missing, foreign, newer or damaged: one line, exit 1
        try:
            conn = rawdb.connect_uri(received.uri)
        except sqlite3.Error as exc:
            raise ProjectFileError(path, f"cannot be opened read-only ({exc})") from exc
        line = ProgressLine("check")

        def progress(step: str, done: int, total: int) -> None:
            line.unit = _CHECK_STEPS.get(step, step)
            line(done, total)

        try:
            found = check.problems(conn, progress if line.enabled else None)
        except sqlite3.DatabaseError as exc:
            found = [f"SQLite: {exc}"]
        finally:
            line.finish()
            conn.close()
        if not found:
            with Store(path, received=ReceivedFile(path, received.uri)) as store:
                counts = store.stats()
    if args.json:
        print_json({"ok": not found, "problems": found, **counts})
    elif found:
        print_lines(found)
    else:
        print_lines(["ok", f"{counts['documents']} documents, {counts['annotations']} annotations, "
                           f"{counts['conflicts']} conflicts"])
    if found:
        return fail(f"{path}: {len(found)} problem{'s' if len(found) != 1 else ''} found")
    return 0


# -- labels and the author -----------------------------------------------------------------------
def _label_json(lb: LabelInfo) -> dict[str, object]:
    return {**asdict(lb), "fields": [asdict(s) for s in labels.field_specs(lb.kind)]}


@command
def run_labels(args: argparse.Namespace) -> int:
    with open_store(args.project, readonly=True) as store:
        found = store.labels()
    if args.json:
        print_json([_label_json(lb) for lb in found])
    else:
        print_lines("\t".join((lb.uuid, lb.name, lb.kind, lb.color, lb.shortcut or "-")) for lb in found)
    return 0


@command
def run_label_add(args: argparse.Namespace) -> int:
    author = author_from(args)
    with open_store(args.project) as store:
        lb = store.add_label(args.name, args.color, author, shortcut=args.shortcut)
    if args.json:
        print_json(_label_json(lb))
    else:
        print_lines([lb.uuid])
    return 0


@command
def run_author(args: argparse.Namespace) -> int:
    if args.name is not None:
        if not args.name.strip():
            raise InvalidInput("the author name is empty")
        try:
            author = config.set_author(args.name)
        except OSError as exc:
            raise TestimoniaError(f"{config.config_dir()}: cannot save the user config ({exc.strerror or exc})") \
                from exc
    else:
        found = config.resolve_author(None)
        if found is None:
            return fail(NO_AUTHOR)
        author = found
    print_lines([f"{author.name}\t{author.uuid}"])
    return 0
