"""Reading the case: the evidence linked to an incident or an entity, the figures to compare, and
the filter (incident, entity, source type, grade, date) the evidence table and exports apply."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from .base import RegisterBase
from .links import fields_of
from .sources import read_source
from .views import EvidenceItem, SourceInfo
from .vocab import in_date_range

_ITEM_SQL = (
    "SELECT a.uuid, a.document_uuid, d.title, lb.kind, lb.name, h.span_start, h.span_end, h.exact, h.fields, "
    "coalesce(g.grade, 0), h.deleted FROM annotation AS a JOIN revision AS h ON h.uuid = a.head_uuid "
    "JOIN document AS d ON d.uuid = a.document_uuid JOIN label AS lb ON lb.uuid = h.label_uuid "
    "LEFT JOIN annotation_grade AS g ON g.annotation_uuid = a.uuid "
)


def items(conn: sqlite3.Connection, annotations: Iterable[str]) -> list[EvidenceItem]:
    """The current, undeleted annotations among `annotations` as evidence, in document order."""
    uuids = list(dict.fromkeys(annotations))
    rows: list[tuple] = []  # type: ignore[type-arg]
    for i in range(0, len(uuids), 500):
        chunk = uuids[i:i + 500]
        rows += conn.execute(_ITEM_SQL + f"WHERE a.uuid IN ({','.join('?' * len(chunk))}) AND NOT h.deleted "
                             "AND NOT d.removed", chunk).fetchall()
    sources: dict[str, SourceInfo] = {}
    out = []
    for r in rows:
        if r[1] not in sources:
            sources[r[1]] = read_source(conn, r[1])
        out.append(EvidenceItem(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], fields_of(r[8]), int(r[9]),
                                sources[r[1]], bool(r[10])))
    return sorted(out, key=lambda e: (e.document_title.casefold(), e.document_uuid, e.start, e.end, e.annotation_uuid))


@dataclass(frozen=True)
class EvidenceFilter:
    """What the evidence table and exports keep; every part is optional."""

    incident: str | None = None
    entity: str | None = None  # linked in any role (or, with its merged entries, as any of them)
    source_type: str | None = None
    min_grade: int | None = None  # 1 best ... 6; keeps grades 1..min_grade (ungraded ones are dropped)
    date_from: str | None = None  # ISO prefix compare on the evidence date
    date_to: str | None = None

    @property
    def empty(self) -> bool:
        return not any((self.incident, self.entity, self.source_type, self.min_grade, self.date_from, self.date_to))


class CaseOps(RegisterBase):
    def incident_evidence(self, incident: str) -> dict[str, list[EvidenceItem]]:
        """Everything linked to the incident, grouped by kind (statement, figure, obligation, custom
        labels), each group in document order."""
        inc = self.incident(incident)  # type: ignore[attr-defined]
        with self._read() as conn:
            linked = [r[0] for r in conn.execute(
                "SELECT annotation_uuid FROM annotation_link WHERE target_uuid = ? AND target_kind = 'incident' "
                "AND NOT deleted", (inc.uuid,))]
            found = items(conn, linked)
        groups: dict[str, list[EvidenceItem]] = {}
        for item in found:
            groups.setdefault(item.kind, []).append(item)
        order = ("statement", "figure", "obligation")
        return dict(sorted(groups.items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else 3, kv[0])))

    def entity_evidence(self, entity: str, role: str | None = None) -> list[EvidenceItem]:
        """The annotations linked to the entity (and to every entry merged into it), in `role` or any."""
        ent = self.entity(entity)  # type: ignore[attr-defined]
        head = ent.same_as or ent.uuid
        group = [u for u, h in self.canonical().items() if h == head] or [head]  # type: ignore[attr-defined]
        with self._read() as conn:
            marks = ",".join("?" * len(group))
            sql = (f"SELECT annotation_uuid, role FROM annotation_link WHERE target_uuid IN ({marks}) "
                   "AND target_kind = 'entity' AND NOT deleted")
            rows = conn.execute(sql + (" AND role = ?" if role else ""), (*group, *([role] if role else []))).fetchall()
            roles: dict[str, list[str]] = {}
            for ann, r in rows:
                roles.setdefault(ann, []).append(r)
            found = items(conn, roles)
        return [EvidenceItem(**{**e.__dict__, "roles": tuple(sorted(set(roles[e.annotation_uuid])))}) for e in found]

    def speakers(self) -> list[tuple[str, int]]:
        """(entity UUID, statements credited to it) for every entity linked as a speaker, most first."""
        canon = self.canonical()  # type: ignore[attr-defined]
        with self._read() as conn:
            rows = conn.execute(
                "SELECT l.target_uuid, count(DISTINCT l.annotation_uuid) FROM annotation_link AS l "
                "JOIN annotation AS a ON a.uuid = l.annotation_uuid JOIN revision AS h ON h.uuid = a.head_uuid "
                "WHERE l.role = 'speaker' AND l.target_kind = 'entity' AND NOT l.deleted AND NOT h.deleted "
                "GROUP BY l.target_uuid").fetchall()
        counts: dict[str, int] = {}
        for target, n in rows:
            head = canon.get(target, target)
            counts[head] = counts.get(head, 0) + n
        return sorted(counts.items(), key=lambda t: (-t[1], t[0]))

    def figures(self, *, incident: str | None = None, unit: str | None = None) -> list[EvidenceItem]:
        """The figures to compare: those linked to `incident`, or those whose unit is `unit` (any case)."""
        if incident:
            return list(self.incident_evidence(incident).get("figure", []))
        key = " ".join((unit or "").split()).casefold()
        with self._read() as conn:
            rows = conn.execute(
                "SELECT a.uuid, json_extract(h.fields, '$.unit') FROM annotation AS a JOIN revision AS h "
                "ON h.uuid = a.head_uuid JOIN label AS lb ON lb.uuid = h.label_uuid WHERE lb.kind = 'figure' "
                "AND NOT h.deleted AND json_valid(h.fields)").fetchall()
            wanted = [a for a, u in rows if not key or " ".join(str(u or "").split()).casefold() == key]
            return items(conn, wanted)

    def figure_charts(self, among: set[str] | None = None) -> list[tuple[str, str, object]]:
        """The charts the report draws: one per incident with figures linked to it, then one per
        unit that two or more figures count; (what: "incident" or "unit", its name, chart.Layout),
        only with the figures in `among` when given."""
        from .chart import layout

        def kept(found: list[EvidenceItem]) -> list[EvidenceItem]:
            return [f for f in found if among is None or f.annotation_uuid in among]

        out: list[tuple[str, str, object]] = []
        for inc in self.incidents():  # type: ignore[attr-defined]
            found = kept(self.figures(incident=inc.uuid))
            if found:
                out.append(("incident", inc.title, layout(found)))
        for unit, count in self.figure_units():
            if count >= 2:
                found = kept(self.figures(unit=unit))
                if len(found) >= 2:
                    out.append(("unit", unit, layout(found)))
        return out

    def figure_units(self) -> list[tuple[str, int]]:
        """Each figure unit as written and how many current figures count it, most first."""
        with self._read() as conn:
            # From the figure labels to their current revisions through the head-by-label index: only
            # figures' rows are read (scanning every annotation to its head took twice as long).
            rows = conn.execute(
                "SELECT json_extract(h.fields, '$.unit') AS u, count(*) FROM label AS lb "
                "JOIN revision AS h INDEXED BY ix_head_label ON h.label_uuid = lb.uuid AND h.is_head "
                "JOIN annotation AS a ON a.uuid = h.annotation_uuid AND a.head_uuid = h.uuid "
                "WHERE lb.kind = 'figure' AND NOT h.deleted AND json_valid(h.fields) "
                "AND json_type(h.fields, '$.unit') = 'text' GROUP BY u").fetchall()
        return sorted(((str(u), n) for u, n in rows if str(u).strip()), key=lambda t: (-t[1], t[0]))

    def filtered(self, flt: EvidenceFilter) -> set[str] | None:
        """The annotation UUIDs the filter keeps, or None when it keeps everything."""
        if flt.empty:
            return None
        with self._read() as conn:
            rows = conn.execute(
                "SELECT a.uuid, a.document_uuid, json_extract(h.fields, '$.date'), coalesce(g.grade, 0) "
                "FROM annotation AS a JOIN revision AS h ON h.uuid = a.head_uuid "
                "LEFT JOIN annotation_grade AS g ON g.annotation_uuid = a.uuid WHERE NOT h.deleted").fetchall()
            keep = {r[0] for r in rows}
            if flt.incident:
                inc = self.incident(flt.incident).uuid  # type: ignore[attr-defined]
                keep &= {r[0] for r in conn.execute(
                    "SELECT annotation_uuid FROM annotation_link WHERE target_uuid = ? AND NOT deleted", (inc,))}
            if flt.entity:
                ent = self.entity(flt.entity)  # type: ignore[attr-defined]
                head = ent.same_as or ent.uuid
                group = [u for u, h in self.canonical().items() if h == head] or [head]  # type: ignore[attr-defined]
                keep &= {r[0] for r in conn.execute(
                    f"SELECT annotation_uuid FROM annotation_link WHERE target_uuid IN ({','.join('?' * len(group))}) "
                    "AND NOT deleted", group)}
            sources: dict[str, SourceInfo] = {}

            def source(doc: str) -> SourceInfo:
                if doc not in sources:
                    sources[doc] = read_source(conn, doc)
                return sources[doc]

            out = set()
            for uuid, doc, date, grade in rows:
                if uuid not in keep:
                    continue
                if flt.source_type and source(doc).source_type != flt.source_type:
                    continue
                if flt.min_grade and not (1 <= grade <= flt.min_grade):
                    continue
                if (flt.date_from or flt.date_to) and not in_date_range(
                        str(date) if date else source(doc).published, flt.date_from, flt.date_to):
                    continue
                out.add(uuid)
            return out
