"""Annotations linked to entities (in a role) and to incidents (as evidence), and credibility grades."""

from __future__ import annotations

import json
import sqlite3

from ..errors import InvalidInput, NotFound
from ..messages import Message
from ..views import AuthorRef
from .base import RegisterBase, changed, link_uuid
from .views import Changes, LinkView, Op
from .vocab import ENTITY_ROLES, GRADES, ROLE_FIELDS, check_choice

_COLUMNS = "uuid, annotation_uuid, target_kind, target_uuid, role, deleted, hlc, author_uuid"
_UPSERT = (
    f"INSERT INTO annotation_link({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(uuid) DO UPDATE SET "
    "deleted = excluded.deleted, hlc = excluded.hlc, author_uuid = excluded.author_uuid"
)


def _link(r: tuple) -> LinkView:  # type: ignore[type-arg]
    return LinkView(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6], r[7])


class LinkOps(RegisterBase):
    def links(self, annotation: str | None = None, *, target: str | None = None,
              include_deleted: bool = False) -> list[LinkView]:
        where, params = ["1"], []
        if annotation:
            where.append("annotation_uuid = ?")
            params.append(annotation)
        if target:
            where.append("target_uuid = ?")
            params.append(target)
        if not include_deleted:
            where.append("NOT deleted")
        with self._read() as conn:
            rows = conn.execute(f"SELECT {_COLUMNS} FROM annotation_link WHERE {' AND '.join(where)} "
                                "ORDER BY hlc, uuid", params).fetchall()
        return [_link(r) for r in rows]

    def link_entity(self, annotation: str, entity: str, role: str, author: AuthorRef) -> Op[LinkView]:
        check_choice(role, ENTITY_ROLES, Message("the role"))
        target = self.entity(entity).uuid  # type: ignore[attr-defined]
        return self._set_link(annotation, "entity", target, role, False, author)

    def link_incident(self, annotation: str, incident: str, author: AuthorRef) -> Op[LinkView]:
        target = self.incident(incident).uuid  # type: ignore[attr-defined]
        return self._set_link(annotation, "incident", target, "", False, author)

    def unlink(self, link: str, author: AuthorRef) -> Op[LinkView]:
        """Remove a link (a record that travels); linking again brings the same record back."""
        found = [lk for lk in self.links(include_deleted=True) if lk.uuid == link]
        if not found or found[0].deleted:
            raise NotFound("no link {ref} in this project", ref=link)
        lk = found[0]
        return self._set_link(lk.annotation_uuid, lk.target_kind, lk.target_uuid, lk.role, True, author)

    def _set_link(self, annotation: str, kind: str, target: str, role: str, deleted: bool,
                  author: AuthorRef) -> Op[LinkView]:
        uid = link_uuid(annotation, kind, target, role)
        with self._write(author) as (conn, hlc):
            self._annotation_in(conn, annotation)
            conn.execute(_UPSERT, (uid, annotation, kind, target, role, int(deleted), hlc, author.uuid))
            row = conn.execute(f"SELECT {_COLUMNS} FROM annotation_link WHERE uuid = ?", (uid,)).fetchone()
        return Op(_link(row), Changes(frozenset({"annotation_link"}), (uid, annotation, target)))

    def link_by_field(self, field: str, text: str, entity: str, author: AuthorRef,
                      role: str | None = None) -> Op[list[str]]:
        """Link every current annotation whose `field` (speaker, duty_bearer, beneficiary, place)
        reads `text` (spaces and case aside) to `entity`, in one transaction. Returns the
        annotations newly linked; ones already linked are left as they are."""
        if field not in ROLE_FIELDS.values():
            raise InvalidInput("{field!r} is not a field that names an entity ({fields})", field=field,
                               fields=", ".join(ROLE_FIELDS.values()))
        role = role or next(r for r, f in ROLE_FIELDS.items() if f == field)
        check_choice(role, ENTITY_ROLES, Message("the role"))
        target = self.entity(entity).uuid  # type: ignore[attr-defined]
        key = " ".join(text.split()).casefold()
        if not key:
            raise InvalidInput("give the text to match")
        path = f"$.{field}"
        linked: list[str] = []
        with self._write(author) as (conn, hlc):
            # The JSON field is read by SQLite (no row leaves it that does not match); case and
            # spacing are compared here because SQLite's lower() leaves non-ASCII letters alone.
            rows = conn.execute(
                "SELECT a.uuid, json_extract(h.fields, ?) FROM revision AS h "
                "JOIN annotation AS a ON a.head_uuid = h.uuid WHERE h.is_head AND NOT h.deleted "
                "AND json_valid(h.fields) AND json_type(h.fields, ?) = 'text'", (path, path)).fetchall()
            wanted = [a for a, v in rows if " ".join(str(v).split()).casefold() == key]
            existing = _live_links(conn, "entity", target, role)
            batch = []
            for ann in wanted:
                uid = link_uuid(ann, "entity", target, role)
                if uid not in existing:
                    batch.append((uid, ann, "entity", target, role, 0, hlc, author.uuid))
                    linked.append(ann)
            conn.executemany(_UPSERT, batch)
        return Op(linked, Changes(frozenset({"annotation_link"}), tuple(linked)))

    def field_texts(self, field: str) -> list[tuple[str, int]]:
        """Each distinct text of an entity field (e.g. every speaker as written) and how many current
        annotations carry it, most used first: what the speakers view and bulk linking offer."""
        if field not in ROLE_FIELDS.values():
            raise InvalidInput("{field!r} is not a field that names an entity ({fields})", field=field,
                               fields=", ".join(ROLE_FIELDS.values()))
        path = f"$.{field}"
        with self._read() as conn:
            rows = conn.execute(
                "SELECT json_extract(h.fields, ?) AS v, count(*) FROM revision AS h "
                "JOIN annotation AS a ON a.head_uuid = h.uuid WHERE h.is_head AND NOT h.deleted "
                "AND json_valid(h.fields) AND json_type(h.fields, ?) = 'text' GROUP BY v", (path, path)).fetchall()
        return sorted(((str(v), n) for v, n in rows if str(v).strip()), key=lambda t: (-t[1], t[0]))

    # -- grades --------------------------------------------------------------------------------
    def grade(self, annotation: str) -> int:
        with self._read() as conn:
            row = conn.execute("SELECT grade FROM annotation_grade WHERE annotation_uuid = ?", (annotation,)).fetchone()
        return int(row[0]) if row else 0

    def set_grade(self, annotation: str, grade: int, author: AuthorRef) -> Op[int]:
        """The Admiralty credibility of what the annotation says: 1 (confirmed) to 6 (cannot be
        judged); 0 clears it."""
        if grade not in GRADES:
            raise InvalidInput("a credibility grade is 1 to 6 (or 0 to clear it), not {grade}", grade=grade)
        with self._write(author) as (conn, hlc):
            self._annotation_in(conn, annotation)
            conn.execute(
                "INSERT INTO annotation_grade(annotation_uuid, grade, hlc, author_uuid) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(annotation_uuid) DO UPDATE SET grade = excluded.grade, hlc = excluded.hlc, "
                "author_uuid = excluded.author_uuid", (annotation, grade, hlc, author.uuid))
        return Op(grade, changed("annotation_grade", annotation))


def _live_links(conn: sqlite3.Connection, kind: str, target: str, role: str) -> set[str]:
    return {r[0] for r in conn.execute(
        "SELECT uuid FROM annotation_link WHERE target_uuid = ? AND target_kind = ? AND role = ? AND NOT deleted",
        (target, kind, role))}


def fields_of(raw: str) -> dict[str, object]:
    try:
        value = json.loads(raw)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
