"""Evidence register subcommands: entities, incidents, links, sources, grades and memos (issue 12).

Output shapes and exit codes are the contract in docs/CLI.md; the work is done by
testimonia.core.evidence (`store.evidence`), which the desktop app calls too.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from testimonia.commands.common import (
    add_author_option,
    answer,
    author_from,
    command,
    open_store,
    print_json,
    print_lines,
)
from testimonia.core.errors import InvalidInput
from testimonia.core.evidence.views import SOURCE_FIELDS, EntityView, IncidentView
from testimonia.core.evidence.vocab import (
    ENTITY_ROLES,
    ENTITY_TYPES,
    MEMO_TARGETS,
    PARTICIPANT_ROLES,
    RELIABILITY,
    ROLE_FIELDS,
    SOURCE_TYPES,
    parse_when,
)


def _json(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print JSON instead of text")


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("entities", help="list the register of people, organisations, states, places, groups")
    p.add_argument("project")
    p.add_argument("--type", choices=ENTITY_TYPES)
    p.add_argument("--all", action="store_true", help="also entries merged into others and removed ones")
    _json(p)
    p.set_defaults(func=run_entities)

    p = subparsers.add_parser("entity-add", help="add an entity to the register")
    p.add_argument("project")
    p.add_argument("name", help="the preferred name")
    p.add_argument("--type", required=True, choices=ENTITY_TYPES)
    p.add_argument("--alias", action="append", default=[], metavar="A", help="another spelling (repeatable)")
    p.add_argument("--description", default="")
    add_author_option(p)
    _json(p)
    p.set_defaults(func=run_entity_add)

    p = subparsers.add_parser(
        "entity-edit", help="change or remove an entity (a removal travels in merges; --restore undoes it)")
    p.add_argument("project")
    p.add_argument("entity", metavar="ENTITY")
    p.add_argument("--name")
    p.add_argument("--type", choices=ENTITY_TYPES)
    p.add_argument("--alias", action="append", metavar="A", help="the aliases (repeatable; replaces them all)")
    p.add_argument("--no-aliases", action="store_true", help="remove every alias")
    p.add_argument("--description")
    state = p.add_mutually_exclusive_group()
    state.add_argument("--remove", action="store_true")
    state.add_argument("--restore", action="store_true")
    add_author_option(p)
    _json(p)
    p.set_defaults(func=run_entity_edit)

    p = subparsers.add_parser(
        "entity-merge", help="record that OTHER is the same as KEEP (undo with --undo)",
        description="Record that two register entries are the same: both stay, links to either count for KEEP, "
        "and --undo (by anyone, after any team merge) separates them again. KEEP and OTHER are UUIDs or names.")
    p.add_argument("project")
    p.add_argument("keep")
    p.add_argument("other")
    p.add_argument("--undo", action="store_true", help="separate the two entries again")
    add_author_option(p)
    _json(p)
    p.set_defaults(func=run_entity_merge)

    p = subparsers.add_parser("incidents", help="list incidents (a timeline: by date, with evidence counts)")
    p.add_argument("project")
    p.add_argument("--types", action="store_true", help="list the incident types (the thesaurus) instead")
    _json(p)
    p.set_defaults(func=run_incidents)

    p = subparsers.add_parser("incident", help="one incident with all evidence linked to it, grouped by kind")
    p.add_argument("project")
    p.add_argument("incident", help="UUID or title")
    _json(p)
    p.set_defaults(func=run_incident)

    p = subparsers.add_parser("incident-add", help="add an incident")
    p.add_argument("project")
    p.add_argument("title")
    p.add_argument("--type", required=True, help="an incident type (see `incidents --types`), e.g. \"forced return\"")
    p.add_argument("--date", default="", metavar="D",
                   help="2024-04-26, 2023-10, 2024; a range 2020/2023; approximate with a leading ~")
    p.add_argument("--place", default="", metavar="P")
    p.add_argument("--description", default="")
    p.add_argument("--participant", action="append", default=[], metavar="ROLE=ENTITY",
                   help=f"an entity in a role ({', '.join(PARTICIPANT_ROLES)}); repeatable")
    add_author_option(p)
    _json(p)
    p.set_defaults(func=run_incident_add)

    p = subparsers.add_parser(
        "incident-edit", help="change or remove an incident, add or remove its participants")
    p.add_argument("project")
    p.add_argument("incident", metavar="INCIDENT")
    p.add_argument("--title")
    p.add_argument("--type")
    p.add_argument("--date", metavar="D", help="as for incident-add; an empty value clears it")
    p.add_argument("--place")
    p.add_argument("--description")
    p.add_argument("--participant", action="append", default=[], metavar="ROLE=ENTITY", help="add one (repeatable)")
    p.add_argument("--drop-participant", action="append", default=[], metavar="ROLE=ENTITY",
                   help="remove one (repeatable)")
    state = p.add_mutually_exclusive_group()
    state.add_argument("--remove", action="store_true")
    state.add_argument("--restore", action="store_true")
    add_author_option(p)
    _json(p)
    p.set_defaults(func=run_incident_edit)

    p = subparsers.add_parser(
        "link", help="link an annotation to an entity (in a role) or to an incident (as evidence)",
        description="Link ANNOTATION to an entity in a role, or to an incident as evidence; --remove unlinks.")
    p.add_argument("project")
    p.add_argument("annotation", metavar="ANNOTATION")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--entity", metavar="ENTITY", help="UUID or name")
    target.add_argument("--incident", metavar="INCIDENT", help="UUID or title")
    p.add_argument("--role", choices=ENTITY_ROLES, help="with --entity (required there)")
    p.add_argument("--remove", action="store_true", help="remove the link instead")
    add_author_option(p)
    _json(p)
    p.set_defaults(func=run_link)

    p = subparsers.add_parser(
        "link-all", help="link every annotation whose speaker (or another field) reads TEXT to an entity",
        description="Bulk linking: every current annotation whose FIELD reads TEXT (case and spacing aside) is "
        "linked to ENTITY in the matching role, in one transaction.")
    p.add_argument("project")
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--entity", required=True, metavar="ENTITY")
    p.add_argument("--field", default="speaker", choices=sorted(set(ROLE_FIELDS.values())))
    add_author_option(p)
    _json(p)
    p.set_defaults(func=run_link_all)

    p = subparsers.add_parser(
        "doc-meta", help="show or set a document's source (outlet, dates, URL, type, reliability A-F)",
        description="With no option, print the document's source (pre-filled from the imported file until edited); "
        "with options, change those fields. An empty value clears a field.")
    p.add_argument("project")
    p.add_argument("doc", metavar="DOC")
    p.add_argument("--outlet")
    p.add_argument("--byline", help="the article's author")
    p.add_argument("--published", metavar="DATE")
    p.add_argument("--url")
    p.add_argument("--retrieved", metavar="DATE")
    p.add_argument("--language", metavar="TAG", help="e.g. en, ko")
    p.add_argument("--source-type", dest="source_type", help=", ".join(SOURCE_TYPES))
    p.add_argument("--reliability", help="A-F (Admiralty source reliability); empty clears")
    add_author_option(p)
    _json(p)
    p.set_defaults(func=run_doc_meta)

    p = subparsers.add_parser("grade", help="set an annotation's credibility grade 1-6 (0 clears)")
    p.add_argument("project")
    p.add_argument("annotation", metavar="ANNOTATION")
    p.add_argument("grade", type=int, metavar="1-6")
    add_author_option(p)
    _json(p)
    p.set_defaults(func=run_grade)

    p = subparsers.add_parser(
        "memo", help="show or write a memo (project, document, entity or incident)",
        description="With no target, list every memo. --project, --doc, --entity or --incident picks one; --set "
        "TEXT or --file FILE (- for stdin) writes it (an empty text clears it).")
    p.add_argument("project")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--project-memo", dest="project_memo", action="store_true", help="the project's memo")
    which.add_argument("--doc", metavar="DOC")
    which.add_argument("--entity", metavar="ENTITY")
    which.add_argument("--incident", metavar="INCIDENT")
    text = p.add_mutually_exclusive_group()
    text.add_argument("--set", metavar="TEXT")
    text.add_argument("--file", metavar="FILE")
    add_author_option(p)
    _json(p)
    p.set_defaults(func=run_memo)


    p = subparsers.add_parser(
        "originals", help="show or set the size limit for imported files kept inside the project",
        description="Every new import keeps the imported file inside the project when it is at most the limit "
        "(20 MB unless changed; 0 keeps none). Files kept already stay.")
    p.add_argument("project")
    p.add_argument("--limit", type=float, metavar="MB", help="the new limit in megabytes (0: keep none)")
    add_author_option(p)
    _json(p)
    p.set_defaults(func=run_originals)


def _entity_line(e: EntityView) -> str:
    aliases = f" (also {', '.join(e.aliases)})" if e.aliases else ""
    merged = f" = {e.same_as}" if e.same_as else ""
    return f"{e.uuid}  {e.type:<12}  {e.name}{aliases}{merged}"


def _incident_line(i: IncidentView) -> str:
    return f"{i.uuid}  {i.when or '?':<22}  {i.type_name:<22}  {i.title}  [{i.evidence_count} evidence]"


@command
def run_entities(args: argparse.Namespace) -> int:
    with open_store(args.project, readonly=True) as store:
        found = store.evidence.entities(include_merged=args.all, include_deleted=args.all, type=args.type)
    return answer(args, [e.to_json() for e in found], (_entity_line(e) for e in found))


@command
def run_entity_add(args: argparse.Namespace) -> int:
    author = author_from(args)
    with open_store(args.project) as store:
        entity = store.evidence.add_entity(args.name, args.type, author, aliases=args.alias,
                                           description=args.description).value
    return answer(args, entity.to_json(), [entity.uuid])


@command
def run_entity_edit(args: argparse.Namespace) -> int:
    author = author_from(args)
    aliases = [] if args.no_aliases else (args.alias if args.alias else None)
    deleted = True if args.remove else False if args.restore else None
    with open_store(args.project) as store:
        entity = store.evidence.edit_entity(args.entity, author, name=args.name, type=args.type, aliases=aliases,
                                            description=args.description, deleted=deleted).value
    return answer(args, entity.to_json(), [entity.uuid])


@command
def run_entity_merge(args: argparse.Namespace) -> int:
    author = author_from(args)
    with open_store(args.project) as store:
        reg = store.evidence
        record = (reg.unmerge_entities(args.keep, author, other=args.other) if args.undo
                  else reg.merge_entities(args.keep, args.other, author)).value
    if args.json:
        print_json({"record": record.uuid, "keep": record.keep_uuid, "other": record.other_uuid,
                    "merged": not record.deleted})
    else:
        print_lines([record.uuid])
    return 0


@command
def run_incidents(args: argparse.Namespace) -> int:
    with open_store(args.project, readonly=True) as store:
        if args.types:
            types = store.evidence.incident_types()
            return answer(args, [{"uuid": t.uuid, "name": t.name, "seeded": t.seeded} for t in types],
                          (f"{t.uuid}  {t.name}" for t in types))
        found = store.evidence.incidents()
    return answer(args, [i.to_json() for i in found], (_incident_line(i) for i in found))


@command
def run_incident(args: argparse.Namespace) -> int:
    with open_store(args.project, readonly=True) as store:
        reg = store.evidence
        inc = reg.incident(args.incident)
        groups = reg.incident_evidence(inc.uuid)
    if args.json:
        print_json({**inc.to_json(), "evidence": {k: [e.to_json() for e in v] for k, v in groups.items()}})
        return 0
    lines = [_incident_line(inc)]
    if inc.description:
        lines.append(inc.description)
    for p in inc.participants:
        lines.append(f"  {p.role}: {p.entity_name}")
    for kind, items in groups.items():
        lines.append(f"{kind} ({len(items)})")
        for e in items:
            grade = f" [{e.grade}]" if e.grade else ""
            src = e.source.outlet or e.document_title
            lines.append(f"  {e.annotation_uuid}  {e.date or '?':<10}  {src}{grade}: {e.exact}")
    print_lines(lines)
    return 0


@command
def run_incident_add(args: argparse.Namespace) -> int:
    author = author_from(args)
    start, end, approx = parse_when(args.date)
    participants = _participants(args.participant)
    with open_store(args.project) as store:
        reg = store.evidence
        for _role, entity in participants:  # refused before anything is written
            reg.entity(entity)
        inc = reg.add_incident(args.title, args.type, author, date_start=start, date_end=end, approximate=approx,
                               place=args.place, description=args.description).value
        for role, entity in participants:
            inc = reg.add_participant(inc.uuid, entity, role, author).value
    return answer(args, inc.to_json(), [inc.uuid])


def _participants(items: list[str]) -> list[tuple[str, str]]:
    out = []
    for item in items:
        role, sep, entity = item.partition("=")
        if not sep or not entity.strip():
            raise InvalidInput("--participant takes ROLE=ENTITY, e.g. perpetrator=China; got {item!r}", item=item)
        if role.strip() not in PARTICIPANT_ROLES:
            raise InvalidInput("unknown participant role {role!r} (roles: {roles})", role=role,
                               roles=", ".join(PARTICIPANT_ROLES))
        out.append((role.strip(), entity.strip()))
    return out


@command
def run_incident_edit(args: argparse.Namespace) -> int:
    author = author_from(args)
    adding, dropping = _participants(args.participant), _participants(args.drop_participant)
    when = parse_when(args.date) if args.date is not None else None
    deleted = True if args.remove else False if args.restore else None
    with open_store(args.project) as store:
        reg = store.evidence
        inc = reg.incident(args.incident)
        for _role, entity in adding + dropping:  # refused before anything is written
            reg.entity(entity)
        inc = reg.edit_incident(inc.uuid, author, title=args.title, type=args.type,
                                date_start=when[0] if when else None, date_end=when[1] if when else None,
                                approximate=when[2] if when else None, place=args.place,
                                description=args.description, deleted=deleted).value
        for role, entity in adding:
            inc = reg.add_participant(inc.uuid, entity, role, author).value
        for role, entity in dropping:
            inc = reg.remove_participant(inc.uuid, entity, role, author).value
    return answer(args, inc.to_json(), [inc.uuid])


@command
def run_link(args: argparse.Namespace) -> int:
    author = author_from(args)
    with open_store(args.project) as store:
        reg = store.evidence
        if args.entity:
            if not args.role:
                raise InvalidInput("--entity needs --role ({roles})", roles=", ".join(ENTITY_ROLES))
            if args.remove:
                target = reg.entity(args.entity).uuid
                link = _find_link(reg, args.annotation, target, args.role)
                link = reg.unlink(link, author).value
            else:
                link = reg.link_entity(args.annotation, args.entity, args.role, author).value
        else:
            if args.role:
                raise InvalidInput("--role goes with --entity; an incident link has no role")
            if args.remove:
                target = reg.incident(args.incident).uuid
                link = reg.unlink(_find_link(reg, args.annotation, target, ""), author).value
            else:
                link = reg.link_incident(args.annotation, args.incident, author).value
    return answer(args, link.to_json(), [link.uuid])


def _find_link(reg, annotation: str, target: str, role: str) -> str:  # type: ignore[no-untyped-def]
    for lk in reg.links(annotation, target=target):
        if lk.role == role:
            return lk.uuid
    raise InvalidInput("annotation {annotation} has no such link", annotation=annotation)


@command
def run_link_all(args: argparse.Namespace) -> int:
    author = author_from(args)
    with open_store(args.project) as store:
        linked = store.evidence.link_by_field(args.field, args.text, args.entity, author).value
    return answer(args, {"linked": linked, "count": len(linked)}, linked)


@command
def run_doc_meta(args: argparse.Namespace) -> int:
    values = {k: getattr(args, k) for k in SOURCE_FIELDS if getattr(args, k, None) is not None}
    if values.get("reliability") and values["reliability"].upper() not in RELIABILITY:
        raise InvalidInput("the source reliability is one of A-F, not {value!r}", value=values["reliability"])
    if values:
        author = author_from(args)
        with open_store(args.project) as store:
            source = store.evidence.set_source(args.doc, author, **values).value
    else:
        with open_store(args.project, readonly=True) as store:
            source = store.evidence.source(args.doc)
    return answer(args, source.to_json(), (f"{k}: {v}" for k, v in source.values().items() if v))


@command
def run_grade(args: argparse.Namespace) -> int:
    author = author_from(args)
    with open_store(args.project) as store:
        grade = store.evidence.set_grade(args.annotation, args.grade, author).value
    if args.json:
        print_json({"annotation": args.annotation, "grade": grade or None})
    return 0


@command
def run_memo(args: argparse.Namespace) -> int:
    kind, target = ("project", "") if args.project_memo else \
        ("document", args.doc) if args.doc else ("entity", args.entity) if args.entity else \
        ("incident", args.incident) if args.incident else (None, "")
    text = args.set
    if args.file is not None:
        text = sys.stdin.read() if args.file == "-" else _read_text(Path(args.file))
    if kind is None:
        if text is not None:
            raise InvalidInput("say whose memo to write: --project-memo, --doc, --entity or --incident")
        with open_store(args.project, readonly=True) as store:
            memos = store.evidence.memos()
        if args.json:
            print_json([m.to_json() for m in memos])
        else:
            print_lines(f"{m.target_kind} {m.target_uuid}{' (conflict)' if m.heads > 1 else ''}: "
                        + " ".join(m.text.split())[:100] for m in memos)
        return 0
    assert kind in MEMO_TARGETS
    if text is not None:
        author = author_from(args)
        with open_store(args.project) as store:
            memo = store.evidence.set_memo(kind, target, text, author).value
    else:
        with open_store(args.project, readonly=True) as store:
            memo = store.evidence.memo(kind, target)
    if args.json:
        print_json(memo.to_json())
    else:
        sys.stdout.write(memo.text + ("\n" if memo.text and not memo.text.endswith("\n") else ""))
    return 0


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput("{path}: cannot read it as UTF-8 text ({detail})", path=path, detail=exc) from None


@command
def run_originals(args: argparse.Namespace) -> int:
    if args.limit is not None:
        author = author_from(args)
        with open_store(args.project) as store:
            store.evidence.set_originals_limit(int(args.limit * 1024 * 1024), author)
    with open_store(args.project, readonly=True) as store:
        limit, kept = store.evidence.originals_limit(), store.evidence.originals()
    data = {"limit_bytes": limit, "kept": len(kept), "kept_bytes": sum(size for _s, size in kept.values())}
    return answer(args, data, [f"limit\t{limit}", f"kept\t{len(kept)}"])
