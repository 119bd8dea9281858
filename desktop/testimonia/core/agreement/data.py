"""The codings the measures compare: each author's live annotations, per document.

An annotation belongs to the author who created it (`creator`): later edits by someone else do
not make it theirs, and a merge keeps the creator. Curated annotations (curation.py) are the
curator's reading, not a coding: they are left out, or stand in as the annotator CURATED when the
curated reading is the reference. Orphaned annotations (whose quote is no longer found at their
offsets) are left out with a warning; so are annotations of removed documents.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from testimonia.core import labels as core_labels
from testimonia.core.errors import InvalidInput
from testimonia.core.messages import Message
from testimonia.core.queries import Queries

from .curation_marks import CURATED, CURATION_FIELD, is_curated
from .matching import Span


@dataclass
class Codings:
    names: dict[str, str]  # annotator key → display name
    lengths: dict[str, int]  # document UUID → length of its text
    titles: dict[str, str]
    spans: dict[str, dict[str, list[Span]]]  # document → annotator → spans
    label_kinds: dict[str, str]  # label name → kind ("statement", …, "custom")
    warnings: list[Message] = field(default_factory=list)

    def annotators_of(self, doc: str) -> set[str]:
        return {a for a, spans in self.spans.get(doc, {}).items() if spans}


def read(store: Queries, *, documents: Sequence[str] = (), labels: Sequence[str] = (),
         with_curated: bool = False) -> Codings:
    """Every live, placed annotation of the project (or of `documents`), optionally only of
    `labels` (kinds or label names)."""
    warnings: list[Message] = []
    wanted_labels: set[str] | None = None
    if labels:
        wanted_labels = set()
        for ref in labels:
            lab = store.label(ref)
            wanted_labels.add(lab.name if lab.kind == core_labels.CUSTOM else lab.kind)
    docs = [store.document(d) for d in documents] if documents else store.documents()  # type: ignore[attr-defined]
    if not docs:
        raise InvalidInput("the project has no documents to compare")
    rows = store.coding_rows([d.uuid for d in docs] if documents else None)
    names = dict(store.authors())
    spans: dict[str, dict[str, list[Span]]] = {d.uuid: {} for d in docs}
    kinds: dict[str, str] = {}
    orphans = 0
    for uid, doc, creator, creator_name, kind, lname, start, end, fields_json, orphaned in rows:
        if doc not in spans:
            continue
        if orphaned:
            orphans += 1
            continue
        kind = kind or core_labels.CUSTOM
        name = (lname or "?") if kind == core_labels.CUSTOM else kind
        if wanted_labels is not None and name not in wanted_labels:
            continue
        fields = json.loads(fields_json) if fields_json != "{}" else {}
        curated = is_curated(fields)
        if curated and not with_curated:
            continue
        who = CURATED if curated else creator
        names.setdefault(creator, creator_name or creator)
        kinds[name] = kind
        if curated:
            fields = {k: v for k, v in fields.items() if k != CURATION_FIELD}
        spans[doc].setdefault(who, []).append(Span(uid, doc, who, name, start, end, fields))
    if orphans:
        warnings.append(Message("1 orphaned annotation left out: its quote is no longer at its offsets") if orphans == 1
                        else Message("{count} orphaned annotations left out: their quote is no longer at their "
                                     "offsets", count=orphans))
    names[CURATED] = "curated reading"
    return Codings(names, {d.uuid: d.length for d in docs}, {d.uuid: d.title for d in docs}, spans, kinds, warnings)


def resolve_authors(codings: Codings, refs: Sequence[str]) -> list[str]:
    """Author keys for names or UUIDs given by the user; a clear error for an unknown or
    ambiguous one."""
    out: list[str] = []
    for ref in refs:
        if ref in codings.names:
            key = ref
        elif ref.casefold() in ("curated", "curated reading"):
            key = CURATED
        else:
            hits = [k for k, n in codings.names.items() if n.casefold() == ref.casefold()]
            if not hits:
                known = ", ".join(sorted(n for k, n in codings.names.items() if k != CURATED)) or "none"
                raise InvalidInput("no author {ref!r} in this project (authors: {known})", ref=ref, known=known)
            if len(hits) > 1:
                raise InvalidInput("more than one author is named {ref!r}; give the UUID instead", ref=ref)
            key = hits[0]
        if key not in out:
            out.append(key)
    return out
