"""One agreement report: which annotators and documents, every measure with its interval, the
figures per document, and the list of disagreements. The CLI prints it, exports write it.

Default selection: every pair of annotators, each over the documents both of them annotated,
and, with three or more annotators, all of them together over every document at least two of
them annotated (alpha takes a document's missing coders as missing data). Given documents are
compared as given, for every selected annotator, coded or not (with a warning for one who
coded nothing there). With a reference (an author, or the curated reading), each other
annotator is paired with it and precision and recall are theirs against it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from testimonia.core import labels as core_labels
from testimonia.core.errors import InvalidInput
from testimonia.core.messages import Message
from testimonia.core.queries import Queries

from . import bootstrap, charlevel, coding_alpha, intervals, matching, unitizing, unitizing2004
from .bootstrap import Estimate, Resampler
from .curation_marks import CURATED
from .data import Codings, read, resolve_authors
from .matching import Matching, Span
from .tally import Sums, Tally, summed

MIN_UNITS = 10
MAX_SAMPLES = 100_000
TEXT_PREVIEW = 200
NUMBER_TYPES = ("number",)


@dataclass(frozen=True)
class Options:
    authors: Sequence[str] = ()
    documents: Sequence[str] = ()
    labels: Sequence[str] = ()
    overlap: float = 0.5
    reference: str | None = None
    samples: int = 1000
    seed: int = 0


@dataclass
class Disagreement:
    kind: str  # matching.MISSING | LABEL | BOUNDARY | FIELDS
    document: str
    title: str
    a: Span | None
    b: Span | None
    annotators: tuple[str, str]  # names of the pair, in the set's order
    fields: list[str] = field(default_factory=list)
    text: str = ""

    @property
    def label(self) -> str:
        return (self.a or self.b).label  # type: ignore[union-attr]

    @property
    def start(self) -> int:
        return min(s.start for s in (self.a, self.b) if s is not None)

    def to_json(self) -> dict[str, object]:
        def side(s: Span | None) -> dict[str, object] | None:
            if s is None:
                return None
            return {"annotation": s.uuid, "label": s.label, "start": s.start, "end": s.end, "fields": s.fields}

        return {"kind": self.kind, "document": self.document, "document_title": self.title,
                "label": self.label, "annotators": list(self.annotators), "a": side(self.a), "b": side(self.b),
                "fields": self.fields, "text": self.text}


@dataclass
class SetResult:
    keys: tuple[str, ...]
    names: tuple[str, ...]
    documents: list[str]
    resampled: str  # "documents" | "stretches" | "none"
    units: int
    measures: dict[str, Estimate]
    per_label: dict[str, dict[str, Estimate]]
    fields: dict[str, dict[str, dict[str, object]]]
    per_document: list[dict[str, object]]
    warnings: list[Message]

    @property
    def is_pair(self) -> bool:
        return len(self.keys) == 2

    def to_json(self) -> dict[str, object]:
        return {
            "annotators": list(self.names), "annotator_uuids": list(self.keys), "documents": len(self.documents),
            "units": self.units, "resampled": self.resampled,
            "measures": {k: v.to_json() for k, v in self.measures.items()},
            "labels": {lab: {k: v.to_json() for k, v in m.items()} for lab, m in self.per_label.items()},
            "fields": self.fields, "per_document": self.per_document,
            "warnings": [str(w) for w in self.warnings],
        }


@dataclass
class AgreementReport:
    project: str
    options: Options
    annotators: list[tuple[str, str]]  # (key, name)
    labels: list[str]
    sets: list[SetResult]
    disagreements: list[Disagreement]
    warnings: list[Message]

    def to_json(self) -> dict[str, object]:
        o = self.options
        return {
            "project": self.project,
            "overlap": o.overlap,
            "reference": o.reference,
            "bootstrap": {"samples": o.samples, "seed": o.seed, "level": bootstrap.LEVEL},
            "annotators": [{"uuid": k, "name": n} for k, n in self.annotators],
            "labels": self.labels,
            "sets": [s.to_json() for s in self.sets],
            "disagreements": [d.to_json() for d in self.disagreements],
            "warnings": [str(w) for w in self.warnings],
        }


# -- selection ---------------------------------------------------------------------------------
def _sets(codings: Codings, options: Options) -> tuple[list[str], list[tuple[str, ...]]]:
    present = sorted({a for d in codings.spans.values() for a, s in d.items() if s and a != CURATED},
                     key=lambda k: (codings.names.get(k, k).casefold(), k))
    annotators = resolve_authors(codings, options.authors) if options.authors else present
    reference = resolve_authors(codings, [options.reference])[0] if options.reference else None
    if reference is not None:
        others = [a for a in annotators if a != reference]
        if not others:
            raise InvalidInput("compare whom with the reference? name at least one other author (--authors)")
        return [reference, *others], [(a, reference) for a in others]
    if len(annotators) < 2:
        found = ", ".join(codings.names.get(a, a) for a in annotators) or "none"
        raise InvalidInput("agreement needs at least two annotators who coded the selection (found: {found})",
                           found=found)
    sets: list[tuple[str, ...]] = list(combinations(annotators, 2))
    if len(annotators) >= 3:
        sets.append(tuple(annotators))
    return annotators, sets


def _documents(codings: Codings, keys: tuple[str, ...], explicit: bool) -> list[tuple[str, list[str]]]:
    out = []
    for doc in codings.spans:
        coded = codings.annotators_of(doc)
        coders = list(keys) if explicit else [k for k in keys if k in coded]
        if len(coders) >= 2 and (explicit or len(keys) > 2 or len(coders) == len(keys)):
            out.append((doc, coders))
    return out


# -- the work ----------------------------------------------------------------------------------
class _Pairs:
    """Pairwise matchings per document, computed once and shared by every set."""

    def __init__(self, codings: Codings, threshold: float) -> None:
        self.codings = codings
        self.threshold = threshold
        self._cache: dict[tuple[str, str, str], Matching] = {}

    def get(self, doc: str, a: str, b: str) -> Matching:
        key = (doc, a, b)
        if key not in self._cache:
            spans = self.codings.spans.get(doc, {})
            self._cache[key] = matching.match(spans.get(a, []), spans.get(b, []), self.threshold)
        return self._cache[key]


def _builtin_specs(kind: str) -> dict[str, str] | None:
    specs = core_labels.field_specs(kind)
    if not specs:
        return None
    return {s.key: coding_alpha.INTERVAL if s.type in NUMBER_TYPES else coding_alpha.NOMINAL for s in specs}


_BUILTIN_SPECS = {kind: _builtin_specs(kind) for kind in core_labels.KINDS}


def _field_specs(codings: Codings, label: str, spans: Sequence[Span]) -> dict[str, str]:
    """Field key → metric for one label: a built-in kind's own fields, a custom label's keys."""
    specs = _BUILTIN_SPECS.get(codings.label_kinds.get(label, core_labels.CUSTOM))
    if specs:
        return specs
    out: dict[str, str] = {}
    for s in spans:
        for k, v in s.fields.items():
            numeric = isinstance(v, int | float) and not isinstance(v, bool)
            if not numeric or out.get(k) == coding_alpha.NOMINAL:
                out[k] = coding_alpha.NOMINAL
            else:
                out.setdefault(k, coding_alpha.INTERVAL)
    return out


def _clusters(pairs: _Pairs, doc: str, coders: Sequence[str]) -> list[dict[str, Span]]:
    """Spans of different coders that match, joined across pairs: the units of field agreement."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    if len(coders) == 2:  # the matched pairs are the units
        return [{p.a.annotator: p.a, p.b.annotator: p.b} for p in pairs.get(doc, coders[0], coders[1]).pairs]
    spans: dict[str, Span] = {}
    for a, b in combinations(coders, 2):
        for p in pairs.get(doc, a, b).pairs:
            spans[p.a.uuid], spans[p.b.uuid] = p.a, p.b
            ra, rb = find(p.a.uuid), find(p.b.uuid)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, dict[str, Span]] = {}
    for uid, s in sorted(spans.items(), key=lambda kv: (kv[1].start, kv[0])):
        groups.setdefault(find(uid), {}).setdefault(s.annotator, s)
    return list(groups.values())


def _field_rows(codings: Codings, pairs: _Pairs, doc: str, coders: Sequence[str],
                row_of: Callable[[int], Tally]) -> None:
    """Add each matched unit's field values to the row of the stretch holding it."""
    for group in _clusters(pairs, doc, coders):
        if len(group) < 2:
            continue
        votes: dict[str, int] = {}
        for s in group.values():
            votes[s.label] = votes.get(s.label, 0) + 1
        label = min(votes, key=lambda lab: (-votes[lab], lab))
        same = [group.get(c) if group.get(c) and group[c].label == label else None for c in coders]
        specs = _field_specs(codings, label, [s for s in same if s is not None])
        t = row_of(min(s.start for s in group.values()))
        for key, metric in specs.items():
            values = [None if s is None else _value(s.fields.get(key), metric) for s in same]
            coding_alpha.unit_tally(values, metric, ("f", label, key), into=t)


def _value(v: object, metric: str) -> object:
    if v is None:
        return None
    if metric == coding_alpha.INTERVAL:
        return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None
    return v if isinstance(v, str | bool | int | float) else str(v)


def _stretches(coders_units: Sequence[Sequence[unitizing.Unit]], length: int, per_block: int = 1
               ) -> list[tuple[int, int]]:
    """Cut the text where no coder's unit crosses: each stretch is a run of `per_block` groups of
    overlapping units with the uncoded text before them (the last one also takes the text after)."""
    merged = intervals.union((s, e) for units in coders_units for s, e, _ in units)
    if not merged:
        return [(0, length)]
    out = []
    lo = 0
    for i in range(per_block - 1, len(merged) + per_block - 1, per_block):
        e = merged[min(i, len(merged) - 1)][1]
        out.append((lo, e))
        lo = e
    out[-1] = (out[-1][0], length)
    return out


def compute(store: Queries, options: Options = Options()) -> AgreementReport:
    if not 0.0 <= options.overlap <= 1.0:
        raise InvalidInput("--overlap must be between 0 and 1, got {overlap}", overlap=options.overlap)
    if not 0 <= options.samples <= MAX_SAMPLES:
        raise InvalidInput("the number of bootstrap samples must be between 0 and {limit}", limit=MAX_SAMPLES)
    if not 0 <= options.seed < 2**63:
        raise InvalidInput("the bootstrap seed must be a whole number from 0")
    with_curated = options.reference is not None and options.reference.casefold() in ("curated", CURATED)
    codings = read(store, documents=options.documents, labels=options.labels, with_curated=with_curated)
    annotators, sets = _sets(codings, options)
    labels = sorted({s.label for d in codings.spans.values() for a, spans in d.items() if a in annotators
                     for s in spans})
    pairs = _Pairs(codings, options.overlap)
    texts: dict[str, str] = {}
    warnings = list(codings.warnings)
    results = [_compute_set(codings, pairs, keys, labels, options) for keys in sets]
    disagreements: list[Disagreement] = []
    for res in results:
        if not res.is_pair:
            continue
        a, b = res.keys
        for doc in res.documents:
            if doc not in texts:
                texts[doc] = store.document_text(doc)
            disagreements += _disagreements(codings, pairs.get(doc, a, b), doc, res.names, texts[doc])
    disagreements.sort(key=lambda d: (codings.titles.get(d.document, "").casefold(), d.document, d.start,
                                      d.annotators, d.kind))
    for res in results:
        warnings += [Message("{names}: {warning}", names=" & ".join(res.names), warning=w) for w in res.warnings]
    return AgreementReport(
        project=getattr(store, "title", ""), options=options,
        annotators=[(k, codings.names.get(k, k)) for k in annotators], labels=labels, sets=results,
        disagreements=disagreements, warnings=warnings,
    )


def _compute_set(codings: Codings, pairs: _Pairs, keys: tuple[str, ...], labels: list[str],
                 options: Options) -> SetResult:
    names = tuple(codings.names.get(k, k) for k in keys)
    docs = _documents(codings, keys, bool(options.documents))
    if not options.labels:
        # the labels these annotators used here: another pair's labels would only add empty rows
        labels = sorted({s.label for d, coders in docs for c in coders for s in codings.spans[d].get(c, [])})
    warnings: list[Message] = []
    if not docs:
        warnings.append(Message("no document was annotated by at least two of them: nothing to compare"))
    doc_rows: list[Tally] = []
    stretch_rows: list[Tally] = []
    per_document: list[dict[str, object]] = []
    docs_2004: dict[str, list[unitizing2004.Doc2004]] = {lab: [] for lab in labels}
    units_total = 0
    # Few documents: the bootstrap resamples stretches; grouped so a set has at most MAX_BLOCKS.
    runs = sum(len(intervals.union((s.start, s.end) for c in coders for s in codings.spans[d].get(c, [])))
               for d, coders in docs) if len(docs) < bootstrap.MIN_DOCUMENTS else 0
    per_block = max(1, -(-runs // bootstrap.MAX_BLOCKS)) if runs else 1 << 30
    for doc, coders in docs:
        length = codings.lengths[doc]
        prepared = []
        for c in coders:
            raw = [(s.start, s.end, s.label) for s in codings.spans[doc].get(c, [])]
            units, _ = unitizing.prepare(raw)
            if not units and options.documents:
                warnings.append(Message("{name} coded nothing in “{title}”", name=codings.names.get(c, c),
                                                title=codings.titles[doc]))
            prepared.append(units)
            units_total += len(units)
        cuts = _stretches(prepared, length, per_block)
        starts = [lo for lo, _ in cuts]
        rows = [Tally() for _ in cuts]
        buckets: list[list[list[unitizing.Unit]]] = [[[] for _ in coders] for _ in cuts]
        for ci, units in enumerate(prepared):
            for u in units:
                buckets[bisect_right(starts, u[0]) - 1][ci].append(u)
        for (lo, hi), row, bucket in zip(cuts, rows, buckets, strict=True):
            unitizing.tally(bucket, hi - lo, into=row)
            if len(coders) == 2:
                charlevel.tally(bucket[0], bucket[1], hi - lo, labels, into=row)
        def row_of(pos: int, rows: list[Tally] = rows, starts: list[int] = starts) -> Tally:
            return rows[bisect_right(starts, pos) - 1]

        if len(coders) == 2:
            m = pairs.get(doc, coders[0], coders[1])
            for p in m.pairs:
                matching.count_pair(row_of(min(p.a.start, p.b.start)), p)
            for s in m.only_a:
                matching.count_alone(row_of(s.start), s, "n_a")
            for s in m.only_b:
                matching.count_alone(row_of(s.start), s, "n_b")
        _field_rows(codings, pairs, doc, coders, row_of)
        doc_total = summed(rows)
        doc_rows.append(doc_total)
        stretch_rows += rows
        s = Sums(doc_total)
        per_document.append({
            "document": doc, "title": codings.titles[doc], "annotators": [codings.names.get(c, c) for c in coders],
            "u_alpha": _r(unitizing.u_alpha(s, labels)), "binary_u_alpha": _r(unitizing.binary_u_alpha(s, labels)),
            "cu_alpha": _r(unitizing.cu_alpha(s, labels)),
            "labels": {lab: _r(unitizing.k_u_alpha(s, lab)) for lab in labels},
        })
        if len(coders) == len(keys):
            for lab in labels:
                docs_2004[lab].append(unitizing2004.Doc2004(length, [
                    [(a, b) for a, b, lb in units if lb == lab] for units in prepared]))
    if len(doc_rows) >= bootstrap.MIN_DOCUMENTS:
        rows_used, resampled = doc_rows, "documents"
    else:
        rows_used, resampled = stretch_rows, "stretches"
    sampler = Resampler(rows_used, options.samples, options.seed)
    if sampler.samples == 0:
        resampled = "none"
    total = sampler.total
    measures: dict[str, Estimate] = {
        "u_alpha": sampler.estimate(lambda s: unitizing.u_alpha(s, labels)),
        "binary_u_alpha": sampler.estimate(lambda s: unitizing.binary_u_alpha(s, labels)),
        "cu_alpha": sampler.estimate(lambda s: unitizing.cu_alpha(s, labels)),
    }
    r2004 = {lab: unitizing2004.alpha_2004(docs_2004[lab]) for lab in labels}
    measures["alpha_u_2004"] = Estimate(_r(unitizing2004.overall(list(r2004.values()))))
    per_label: dict[str, dict[str, Estimate]] = {}
    for lab in labels:
        m: dict[str, Estimate] = {
            "k_u_alpha": sampler.estimate(_bind(unitizing.k_u_alpha, lab)),
            "alpha_u_2004": Estimate(_r(r2004[lab].alpha)),
        }
        if len(keys) == 2:
            m.update(_pair_measures(sampler, lab))
        per_label[lab] = m
    if len(keys) == 2:
        measures.update(_pair_measures(sampler, None))
    fields = _field_results(sampler, total)
    warnings += _suitability(codings, keys, names, labels, units_total, docs)
    return SetResult(keys, names, [d for d, _ in docs], resampled, units_total, measures, per_label, fields,
                     per_document, warnings)


def _bind(f: Callable[[Sums, str], Any], label: str | None) -> Callable[[Sums], Any]:
    return lambda s: f(s, label)  # type: ignore[arg-type]


def _div(x: Any, y: Any) -> Any:
    return charlevel._div(x, y)


def _pair_measures(sampler: Resampler, label: str | None) -> dict[str, Estimate]:
    out = {
        "precision": sampler.estimate(lambda s: _div(s["tp", label], s["n_a", label])),
        "recall": sampler.estimate(lambda s: _div(s["tp", label], s["n_b", label])),
        "f1": sampler.estimate(lambda s: _div(2 * s["tp", label], s["n_a", label] + s["n_b", label])),
        "exact_f1": sampler.estimate(lambda s: _div(2 * s["tp_exact", label], s["n_a", label] + s["n_b", label])),
    }
    if label is not None:
        out["nvivo_agreement"] = sampler.estimate(_bind(charlevel.nvivo_agreement, label))
        out["nvivo_kappa"] = sampler.estimate(_bind(charlevel.nvivo_kappa, label))
        out["qualcoder_kappa"] = sampler.estimate(_bind(charlevel.qualcoder_kappa, label))
    return out


def _field_results(sampler: Resampler, total: Tally) -> dict[str, dict[str, dict[str, object]]]:
    out: dict[str, dict[str, dict[str, object]]] = {}
    metrics: dict[tuple[str, str], str] = {}
    values: dict[tuple[str, str], list[object]] = {}
    for key in total:
        if isinstance(key, tuple) and key[0] == "f":
            _, label, fkey, *rest = key
            if rest[:1] == ["s1"]:
                metrics[(label, fkey)] = coding_alpha.INTERVAL
            elif rest[:1] == ["v"]:
                metrics.setdefault((label, fkey), coding_alpha.NOMINAL)
                values.setdefault((label, fkey), []).append(rest[1])
            else:
                metrics.setdefault((label, fkey), coding_alpha.NOMINAL)
    for (label, fkey), metric in sorted(metrics.items()):
        prefix = ("f", label, fkey)
        vals = values.get((label, fkey), [])
        units = int(total.get((*prefix, "units"), 0))
        if not units:
            continue
        est = sampler.estimate(lambda s, p=prefix, m=metric, v=vals: coding_alpha.alpha_from(s, m, p, v))
        out.setdefault(label, {})[fkey] = {"metric": metric, "units": units, **est.to_json()}
    return out


def _suitability(codings: Codings, keys: Sequence[str], names: Sequence[str], labels: Sequence[str],
                 units: int, docs: Sequence[tuple[str, list[str]]]) -> list[Message]:
    out: list[Message] = []
    if docs and units < MIN_UNITS:
        out.append(Message("only 1 unit in all: too few for a reliable figure; intervals are wide or missing")
                   if units == 1 else
                   Message("only {count} units in all: too few for a reliable figure; intervals are wide or missing",
                           count=units))
    for k, name in zip(keys, names, strict=True):
        if docs and not any(codings.spans[d].get(k) for d, coders in docs if k in coders):
            out.append(Message("{name} coded nothing in the documents compared", name=name))
    for lab in labels:
        users = [name for k, name in zip(keys, names, strict=True)
                 if any(s.label == lab for d, _ in docs for s in codings.spans[d].get(k, []))]
        if docs and len(users) == 1:
            out.append(Message("label {label}: only {name} used it; its agreement is at or below chance by "
                               "construction", label=lab, name=users[0]))
        elif docs and not users:
            out.append(Message("label {label}: none of them used it in these documents; its measures are undefined",
                               label=lab))
    return out


def _disagreements(codings: Codings, m: Matching, doc: str, names: tuple[str, ...], text: str) -> list[Disagreement]:
    out = []
    title = codings.titles.get(doc, "")
    pair = (names[0], names[1])

    def preview(*spans: Span | None) -> str:
        lo = min(s.start for s in spans if s is not None)
        hi = max(s.end for s in spans if s is not None)
        return text[lo:min(hi, lo + TEXT_PREVIEW)]

    for p in m.pairs:
        kind = matching.kind_of(p)
        if kind is not None:
            out.append(Disagreement(kind, doc, title, p.a, p.b, pair, matching.field_differences(p.a, p.b),
                                    preview(p.a, p.b)))
    for s in m.only_a:
        out.append(Disagreement(matching.MISSING, doc, title, s, None, pair, [], preview(s)))
    for s in m.only_b:
        out.append(Disagreement(matching.MISSING, doc, title, None, s, pair, [], preview(s)))
    return out


def _r(x: Any) -> float | None:
    return bootstrap._clean(x)
