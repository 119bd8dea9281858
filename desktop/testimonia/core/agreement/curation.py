"""Adjudication: settling the codings into one curated reading, recorded as ordinary revisions.

The data model (reasoning in docs/ARCHITECTURE.md, "The curated reading"): a curated annotation
is an ordinary annotation that the curator creates, whose fields carry the reserved key
`_curation` = "ACTION SOURCE-UUID …" naming the annotations it settles. The codings are never
touched, so the record of who coded what stays as it was. Because the mark lives in revision
fields, a curated annotation merges, syncs, conflicts and undoes like any edit, needs no new
table, and an export can be limited to the curated reading (exports' `curated` option).

Actions:

* accept: a curated copy of one annotator's annotation (label, span, fields, note);
* merge: one curated annotation from several, with the boundaries given or, by default, from the
  first to the last character any of them covers, label and fields from the one taken;
* reject: a curated tombstone (created deleted) naming the sources: "none of these";
* fixing fields or boundaries afterwards is an ordinary edit of the curated annotation;
* bulk accept: every unit where all annotators agree (same label, every pair overlapping at
  least the threshold, same fields) becomes a curated copy, with its vote share.

A source counts as settled when a live curated annotation names it, or a deleted one whose
action is reject (a withdrawn accept, its tombstone, settles nothing).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from testimonia.core.errors import InvalidInput
from testimonia.core.store import NewAnnotation, Store
from testimonia.core.views import AnnotationView, AuthorRef

from . import matching
from .curation_marks import CURATION_FIELD, is_curated, mark, parse
from .data import read
from .report import Options, _clusters, _documents, _Pairs, _sets, compute


@dataclass(frozen=True)
class BulkItem:
    document: str
    label: str
    start: int
    end: int
    sources: tuple[str, ...]
    share: tuple[int, int]  # annotators with this unit, annotators of the document
    curated: str | None = None  # the new curated annotation, once written

    def to_json(self) -> dict[str, object]:
        return {"document": self.document, "label": self.label, "start": self.start, "end": self.end,
                "sources": list(self.sources), "votes": self.share[0], "annotators": self.share[1],
                "curated": self.curated}


def _sources(store: Store, refs: Sequence[str]) -> list[AnnotationView]:
    if not refs:
        raise InvalidInput("name at least one annotation to settle")
    views = [store.annotation(r) for r in refs]
    docs = {v.document_uuid for v in views}
    if len(docs) > 1:
        raise InvalidInput("the annotations to settle must be in one document")
    for v in views:
        if is_curated(v.fields):
            raise InvalidInput("annotation {uuid} is itself curated; edit it instead", uuid=v.uuid)
        if v.deleted and not v.conflict:
            raise InvalidInput("annotation {uuid} is deleted", uuid=v.uuid)
    return views


def _coding_fields(v: AnnotationView) -> dict[str, object]:
    return {k: val for k, val in v.fields.items() if k != CURATION_FIELD}


def accept(store: Store, curator: AuthorRef, chosen: str, also: Sequence[str] = ()) -> AnnotationView:
    """A curated copy of `chosen`, settling it and the annotations in `also`."""
    views = _sources(store, [chosen, *[a for a in also if a != chosen]])
    v = views[0]
    fields = {**_coding_fields(v), CURATION_FIELD: mark("accept", [x.uuid for x in views])}
    return store.add_annotation(v.document_uuid, v.label_uuid, v.start, v.end, curator, fields=fields, note=v.note)


def merge(store: Store, curator: AuthorRef, sources: Sequence[str], *, start: int | None = None,
          end: int | None = None, take: str | None = None, label: str | None = None,
          fields: dict[str, object] | None = None, note: str | None = None) -> AnnotationView:
    """One curated annotation settling `sources`: boundaries given or their outer bounds; label,
    fields and note from `take` (default: the first source), `label`/`fields` replacing them."""
    views = _sources(store, sources)
    base = next((v for v in views if v.uuid == take), None) if take else views[0]
    if base is None:
        raise InvalidInput("--take {take}: not one of the annotations being merged", take=take)
    lo = min(v.start for v in views) if start is None else start
    hi = max(v.end for v in views) if end is None else end
    new_fields = {**_coding_fields(base), **(fields or {})}
    new_fields[CURATION_FIELD] = mark("merge", [v.uuid for v in views])
    return store.add_annotation(base.document_uuid, label or base.label_uuid, lo, hi, curator, fields=new_fields,
                                note=base.note if note is None else note)


def reject(store: Store, curator: AuthorRef, sources: Sequence[str]) -> AnnotationView:
    """Record that none of `sources` belongs in the curated reading."""
    views = _sources(store, sources)
    base = views[0]
    fields = {CURATION_FIELD: mark("reject", [v.uuid for v in views])}
    return store.add_annotation(base.document_uuid, base.label_uuid, min(v.start for v in views),
                                max(v.end for v in views), curator, fields=fields, deleted=True)


def curated(store: Store, *, include_deleted: bool = False) -> list[AnnotationView]:
    return [a for a in store.annotations(include_deleted=include_deleted) if is_curated(a.fields)]


def settled(store: Store) -> set[str]:
    """Annotation UUIDs some curated annotation settles (see the module docstring)."""
    out: set[str] = set()
    for a in curated(store, include_deleted=True):
        parsed = parse(a.fields.get(CURATION_FIELD))
        if parsed is None:
            continue
        action, sources = parsed
        if not a.deleted or action == "reject":
            out.update(sources)
    return out


def bulk_candidates(store: Store, options: Options, min_share: float = 1.0) -> list[BulkItem]:
    """Units where every annotator who has one agrees (same label, every pair overlapping at least
    the threshold, same fields), held by at least `min_share` of the document's annotators, and
    not settled yet. The boundaries taken are the most common among them (ties: the earliest)."""
    if not 0.0 < min_share <= 1.0:
        raise InvalidInput("the vote share must be above 0 and at most 1, got {share}", share=min_share)
    codings = read(store, documents=options.documents, labels=options.labels)
    annotators, _ = _sets(codings, Options(authors=options.authors))
    pairs = _Pairs(codings, options.overlap)
    done = settled(store)
    out: list[BulkItem] = []
    for doc, coders in _documents(codings, tuple(annotators), bool(options.documents)):
        for group in _clusters(pairs, doc, coders):
            spans = list(group.values())
            if len(spans) < 2 or len(spans) / len(coders) < min_share - 1e-9:
                continue
            if any(s.uuid in done for s in spans):
                continue
            if len({s.label for s in spans}) != 1 or len({_frozen(s.fields) for s in spans}) != 1:
                continue
            if any(matching.jaccard(x, y) < options.overlap or matching.jaccard(x, y) == 0
                   for x, y in combinations(spans, 2)):
                continue
            votes = Counter((s.start, s.end) for s in spans)
            (lo, hi), _ = min(votes.items(), key=lambda kv: (-kv[1], kv[0]))
            ordered = sorted(spans, key=lambda s: ((s.start, s.end) != (lo, hi), codings.names.get(s.annotator, ""),
                                                   s.uuid))
            out.append(BulkItem(doc, spans[0].label, lo, hi, tuple(s.uuid for s in ordered), (len(spans), len(coders))))
    return out


def _frozen(fields: dict[str, object]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, repr(v)) for k, v in fields.items()))


def bulk_accept(store: Store, curator: AuthorRef, options: Options, min_share: float = 1.0,
                dry_run: bool = False) -> list[BulkItem]:
    """Write a curated copy of every bulk candidate, all in one transaction."""
    items = bulk_candidates(store, options, min_share)
    if dry_run or not items:
        return items
    views = {a.uuid: a for a in store.annotations()}
    batch = []
    for it in items:
        v = views[it.sources[0]]
        fields = {**_coding_fields(v), CURATION_FIELD: mark("accept", list(it.sources))}
        batch.append(NewAnnotation(v.document_uuid, v.label_uuid, it.start, it.end, curator, fields, v.note))
    _, ids = store.add_batch(curator, annotations=batch)
    return [BulkItem(it.document, it.label, it.start, it.end, it.sources, it.share, uid)
            for it, uid in zip(items, ids, strict=True)]


def progress(store: Store, options: Options) -> list[dict[str, object]]:
    """Per document: the disagreements between the annotators, how many are settled, how many left."""
    report = compute(store, Options(authors=options.authors, documents=options.documents, labels=options.labels,
                                    overlap=options.overlap, samples=0))
    done = settled(store)
    rows: dict[str, dict[str, object]] = {}
    for s in report.sets:
        if not s.is_pair:
            continue
        for doc in s.documents:
            rows.setdefault(doc, {"document": doc, "title": "", "disagreements": 0, "settled": 0, "left": 0})
    titles = {d.uuid: d.title for d in store.documents()}
    for d in report.disagreements:
        row = rows.setdefault(d.document, {"document": d.document, "title": "", "disagreements": 0, "settled": 0,
                                           "left": 0})
        row["disagreements"] = int(row["disagreements"]) + 1  # type: ignore[call-overload]
        if any(x is not None and x.uuid in done for x in (d.a, d.b)):
            row["settled"] = int(row["settled"]) + 1  # type: ignore[call-overload]
        else:
            row["left"] = int(row["left"]) + 1  # type: ignore[call-overload]
    for doc, row in rows.items():
        row["title"] = titles.get(doc, doc)
    return sorted(rows.values(), key=lambda r: (str(r["title"]).casefold(), str(r["document"])))
