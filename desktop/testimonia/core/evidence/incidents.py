"""Incidents (what happened, when, where, to and by whom) and their editable thesaurus of types."""

from __future__ import annotations

import sqlite3

from ..errors import InvalidInput, NotFound
from ..ids import is_uuid, new_uuid
from ..messages import Message
from ..schema_v5 import SEEDED_INCIDENT_TYPES, incident_type_uuid
from ..views import AuthorRef
from .base import RegisterBase, changed, participant_uuid
from .views import IncidentTypeView, IncidentView, Op, ParticipantView
from .vocab import MAX_DESCRIPTION, MAX_NAME, MAX_TITLE, PARTICIPANT_ROLES, check_choice, check_date, clean_text

_COLUMNS = ("uuid, title, type_uuid, date_start, date_end, date_approx, place, place_entity, description, deleted, "
            "hlc, author_uuid")
_SEEDED = {incident_type_uuid(n) for n in SEEDED_INCIDENT_TYPES}
# A link counts as evidence unless its annotation's winning head is deleted. Joining each link to its
# annotation and head read one revision row per link (90 ms for the bench's 11,000 links); the few
# deleted winning heads are found instead in the covering head index (deleted is in its key) and the
# links counted from their own index: 10 ms.
_LIVE_LINK = (
    "l.target_kind = 'incident' AND NOT l.deleted AND l.annotation_uuid NOT IN ("
    "SELECT h.annotation_uuid FROM revision AS h INDEXED BY ix_head_state WHERE h.is_head AND h.deleted "
    "AND EXISTS (SELECT 1 FROM annotation AS a WHERE a.uuid = h.annotation_uuid AND a.head_uuid = h.uuid))")


class IncidentOps(RegisterBase):
    # -- the thesaurus -------------------------------------------------------------------------
    def incident_types(self, include_deleted: bool = False) -> list[IncidentTypeView]:
        with self._read() as conn:
            rows = conn.execute("SELECT uuid, name, deleted FROM incident_type ORDER BY name COLLATE NOCASE").fetchall()
        return [IncidentTypeView(u, n, bool(d), u in _SEEDED) for u, n, d in rows if include_deleted or not d]

    def incident_type(self, ref: str) -> IncidentTypeView:
        key = " ".join(ref.split()).casefold().replace("_", " ")
        for t in self.incident_types(include_deleted=True):
            if t.uuid == ref or (not t.deleted and t.name.casefold() == key):
                return t
        names = ", ".join(t.name for t in self.incident_types())
        raise NotFound("no incident type {ref!r} (types: {names})", ref=ref, names=names)

    def add_incident_type(self, name: str, author: AuthorRef) -> Op[IncidentTypeView]:
        name = clean_text(name, MAX_NAME, Message("the type's name"), required=True)
        if any(t.name.casefold() == name.casefold() for t in self.incident_types()):
            raise InvalidInput("an incident type named “{name}” already exists", name=name)
        uid = new_uuid()
        with self._write(author) as (conn, hlc):
            conn.execute("INSERT INTO incident_type(uuid, name, deleted, hlc) VALUES (?, ?, 0, ?)", (uid, name, hlc))
        return Op(self.incident_type(uid), changed("incident_type", uid))

    def edit_incident_type(self, ref: str, author: AuthorRef, *, name: str | None = None,
                           deleted: bool | None = None) -> Op[IncidentTypeView]:
        current = self.incident_type(ref)
        new_name = clean_text(name, MAX_NAME, Message("the type's name"), required=True) if name else current.name
        with self._write(author) as (conn, hlc):
            conn.execute("UPDATE incident_type SET name = ?, deleted = ?, hlc = ? WHERE uuid = ?",
                         (new_name, int(current.deleted if deleted is None else deleted), hlc, current.uuid))
        return Op(self.incident_type(current.uuid), changed("incident_type", current.uuid))

    # -- incidents -----------------------------------------------------------------------------
    def incidents(self, include_deleted: bool = False) -> list[IncidentView]:
        """Every incident by date (undated last), with participants and evidence counts (four
        queries for all of them: the timeline of 500 incidents read one by one took 270 ms)."""
        with self._read() as conn:
            rows = conn.execute(f"SELECT {_COLUMNS} FROM incident").fetchall()
            types = dict(conn.execute("SELECT uuid, name FROM incident_type").fetchall())
            parts: dict[str, list[ParticipantView]] = {}
            for p in conn.execute(
                    "SELECT p.uuid, p.incident_uuid, p.entity_uuid, coalesce(e.name, p.entity_uuid), p.role "
                    "FROM incident_participant AS p LEFT JOIN entity AS e ON e.uuid = p.entity_uuid "
                    "WHERE NOT p.deleted ORDER BY p.role, 4"):
                parts.setdefault(p[1], []).append(ParticipantView(p[0], p[1], p[2], p[3], p[4]))
            counts = dict(conn.execute(
                f"SELECT l.target_uuid, count(*) FROM annotation_link AS l WHERE {_LIVE_LINK} "
                "GROUP BY l.target_uuid").fetchall())
        out = [IncidentView(
            uuid=r[0], title=r[1], type_uuid=r[2], type_name=types.get(r[2], r[2]), date_start=r[3], date_end=r[4],
            date_approx=bool(r[5]), place=r[6], place_entity=r[7], description=r[8], deleted=bool(r[9]), hlc=r[10],
            author_uuid=r[11], participants=tuple(parts.get(r[0], ())), evidence_count=counts.get(r[0], 0))
            for r in rows if include_deleted or not r[9]]
        return sorted(out, key=lambda i: (i.date_start == "", i.date_start, i.title.casefold(), i.uuid))

    def incident(self, ref: str) -> IncidentView:
        """An incident by UUID or by a title only one incident has."""
        with self._read() as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM incident WHERE uuid = ?", (ref,)).fetchone()
            if row is None:
                found = conn.execute(f"SELECT {_COLUMNS} FROM incident WHERE NOT deleted AND title = ? "
                                     "COLLATE NOCASE", (" ".join(ref.split()),)).fetchall()
                if len(found) > 1:
                    raise InvalidInput("more than one incident is called {ref!r}; give its UUID", ref=ref)
                row = found[0] if found else None
            if row is None:
                raise NotFound("no incident {ref} in this project", ref=ref)
            return self._incident_view(conn, row)

    def _incident_view(self, conn: sqlite3.Connection, r: tuple) -> IncidentView:  # type: ignore[type-arg]
        type_row = conn.execute("SELECT name FROM incident_type WHERE uuid = ?", (r[2],)).fetchone()
        parts = conn.execute(
            "SELECT p.uuid, p.entity_uuid, coalesce(e.name, p.entity_uuid), p.role FROM incident_participant AS p "
            "LEFT JOIN entity AS e ON e.uuid = p.entity_uuid WHERE p.incident_uuid = ? AND NOT p.deleted "
            "ORDER BY p.role, 3", (r[0],)).fetchall()
        count = conn.execute(f"SELECT count(*) FROM annotation_link AS l WHERE l.target_uuid = ? AND {_LIVE_LINK}",
                             (r[0],)).fetchone()[0]
        return IncidentView(
            uuid=r[0], title=r[1], type_uuid=r[2], type_name=type_row[0] if type_row else r[2], date_start=r[3],
            date_end=r[4], date_approx=bool(r[5]), place=r[6], place_entity=r[7], description=r[8],
            deleted=bool(r[9]), hlc=r[10], author_uuid=r[11],
            participants=tuple(ParticipantView(p[0], r[0], p[1], p[2], p[3]) for p in parts), evidence_count=count)

    def add_incident(self, title: str, type: str, author: AuthorRef, *, date_start: str = "", date_end: str = "",
                     approximate: bool = False, place: str = "", place_entity: str = "",
                     description: str = "") -> Op[IncidentView]:
        values = self._checked(title, self.incident_type(type).uuid, date_start, date_end, place, place_entity,
                               description)
        uid = new_uuid()
        with self._write(author) as (conn, hlc):
            conn.execute(f"INSERT INTO incident({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
                         (uid, values[0], values[1], values[2], values[3], int(approximate), values[4], values[5],
                          values[6], hlc, author.uuid))
        return Op(self.incident(uid), changed("incident", uid))

    def edit_incident(self, ref: str, author: AuthorRef, *, title: str | None = None, type: str | None = None,
                      date_start: str | None = None, date_end: str | None = None, approximate: bool | None = None,
                      place: str | None = None, place_entity: str | None = None, description: str | None = None,
                      deleted: bool | None = None) -> Op[IncidentView]:
        cur = self.incident(ref)
        values = self._checked(
            cur.title if title is None else title, cur.type_uuid if type is None else self.incident_type(type).uuid,
            cur.date_start if date_start is None else date_start, cur.date_end if date_end is None else date_end,
            cur.place if place is None else place, cur.place_entity if place_entity is None else place_entity,
            cur.description if description is None else description)
        with self._write(author) as (conn, hlc):
            conn.execute(
                "UPDATE incident SET title = ?, type_uuid = ?, date_start = ?, date_end = ?, date_approx = ?, "
                "place = ?, place_entity = ?, description = ?, deleted = ?, hlc = ?, author_uuid = ? WHERE uuid = ?",
                (*values[:4], int(cur.date_approx if approximate is None else approximate), *values[4:],
                 int(cur.deleted if deleted is None else deleted), hlc, author.uuid, cur.uuid))
        return Op(self.incident(cur.uuid), changed("incident", cur.uuid))

    def delete_incident(self, ref: str, author: AuthorRef) -> Op[IncidentView]:
        return self.edit_incident(ref, author, deleted=True)

    def _checked(self, title: str, type_uuid: str, start: str, end: str, place: str, place_entity: str,
                 description: str) -> tuple[str, str, str, str, str, str, str]:
        title = clean_text(title, MAX_TITLE, Message("the incident's title"), required=True)
        start, end = check_date(start, Message("the date")), check_date(end, Message("the end date"))
        if start and end and end < start:
            raise InvalidInput("the date range {start}/{end} ends before it starts", start=start, end=end)
        if place_entity:
            place_entity = self.entity(place_entity).uuid  # type: ignore[attr-defined]
        return (title, type_uuid, start, end, clean_text(place, MAX_NAME, Message("the place")), place_entity,
                clean_text(description, MAX_DESCRIPTION, Message("the description")))

    # -- participants --------------------------------------------------------------------------
    def add_participant(self, incident: str, entity: str, role: str, author: AuthorRef) -> Op[IncidentView]:
        inc = self.incident(incident)
        ent = self.entity(entity)  # type: ignore[attr-defined]
        check_choice(role, PARTICIPANT_ROLES, Message("the role"))
        uid = participant_uuid(inc.uuid, ent.uuid, role)
        self._set_participant(uid, inc.uuid, ent.uuid, role, False, author)
        return Op(self.incident(inc.uuid), changed("incident_participant", uid, inc.uuid))

    def remove_participant(self, incident: str, entity: str, role: str, author: AuthorRef) -> Op[IncidentView]:
        inc = self.incident(incident)
        ent = self.entity(entity)  # type: ignore[attr-defined]
        uid = participant_uuid(inc.uuid, ent.uuid, role)
        with self._read() as conn:
            if conn.execute("SELECT 1 FROM incident_participant WHERE uuid = ? AND NOT deleted", (uid,)).fetchone() \
                    is None:
                raise NotFound("{entity} is not a participant of {incident} in that role", entity=ent.name,
                               incident=inc.title)
        self._set_participant(uid, inc.uuid, ent.uuid, role, True, author)
        return Op(self.incident(inc.uuid), changed("incident_participant", uid, inc.uuid))

    def _set_participant(self, uid: str, incident: str, entity: str, role: str, deleted: bool,
                         author: AuthorRef) -> None:
        assert is_uuid(uid)
        with self._write(author) as (conn, hlc):
            conn.execute(
                "INSERT INTO incident_participant(uuid, incident_uuid, entity_uuid, role, deleted, hlc, author_uuid) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(uuid) DO UPDATE SET deleted = excluded.deleted, "
                "hlc = excluded.hlc, author_uuid = excluded.author_uuid",
                (uid, incident, entity, role, int(deleted), hlc, author.uuid))
