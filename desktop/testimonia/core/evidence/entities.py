"""Entities (people, organisations, states, places, groups) and their "same as" records."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from ..errors import InvalidInput, NotFound
from ..ids import is_uuid, new_uuid
from ..messages import Message
from ..views import AuthorRef
from . import same_as
from .base import RegisterBase, changed, same_as_uuid
from .views import Changes, EntityView, Op, SameAsView
from .vocab import ENTITY_TYPES, MAX_ALIASES, MAX_DESCRIPTION, MAX_NAME, check_choice, clean_text

_COLUMNS = "uuid, type, name, aliases, description, deleted, hlc, author_uuid"
# Which entries each annotation field can name.
FIELD_TYPES = {
    "speaker": ("person", "organisation", "state", "group"),
    "duty_bearer": ("state", "organisation"),
    "beneficiary": ("group", "person", "organisation"),
    "place": ("place", "state"),
}


def _aliases(values: Sequence[str], name: str) -> list[str]:
    seen = {name.casefold()}
    out: list[str] = []
    for v in values:
        v = clean_text(v, MAX_NAME, Message("an alias"))
        if v and v.casefold() not in seen:
            seen.add(v.casefold())
            out.append(v)
    if len(out) > MAX_ALIASES:
        raise InvalidInput("an entity can have at most {limit} aliases", limit=MAX_ALIASES)
    return out


def _parse_aliases(raw: str) -> tuple[str, ...]:
    try:
        value = json.loads(raw)
    except ValueError:
        return ()
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


class EntityOps(RegisterBase):
    # -- reading -------------------------------------------------------------------------------
    def _canonical(self, conn: sqlite3.Connection) -> dict[str, str]:
        rows = conn.execute("SELECT keep_uuid, other_uuid FROM entity_same WHERE NOT deleted").fetchall()
        return same_as.canonical_map(rows)

    def canonical(self) -> dict[str, str]:
        """{entity: the register entry it stands for}, for entities that were merged (only those)."""
        with self._read() as conn:
            return self._canonical(conn)

    def entities(self, *, include_merged: bool = False, include_deleted: bool = False,
                 type: str | None = None) -> list[EntityView]:
        """The register, by name. Merged-away entries are folded into the one they were merged into
        (their names become its aliases in `names()` through `members`) unless `include_merged`."""
        with self._read() as conn:
            canon = self._canonical(conn)
            rows = conn.execute(f"SELECT {_COLUMNS} FROM entity ORDER BY name COLLATE NOCASE, uuid").fetchall()
        members: dict[str, list[str]] = {}
        for m, head in canon.items():
            if m != head:
                members.setdefault(head, []).append(m)
        out = []
        for r in rows:
            view = self._entity_view(r, canon, members)
            if (view.deleted and not include_deleted) or (view.same_as and not include_merged):
                continue
            if type and view.type != type:
                continue
            out.append(view)
        return out

    @staticmethod
    def _entity_view(r: tuple, canon: dict[str, str], members: dict[str, list[str]]) -> EntityView:  # type: ignore[type-arg]
        head = canon.get(r[0], r[0])
        return EntityView(uuid=r[0], type=r[1], name=r[2], aliases=_parse_aliases(r[3]), description=r[4],
                          deleted=bool(r[5]), hlc=r[6], author_uuid=r[7],
                          same_as=head if head != r[0] else None, members=tuple(sorted(members.get(r[0], ()))))

    def entity(self, ref: str, *, as_named: bool = False) -> EntityView:
        """An entity by UUID, or by a name or alias that only one entry has (any case). A name of an
        entry merged into another stands for that other one, unless `as_named`."""
        with self._read() as conn:
            canon = self._canonical(conn)
            row = conn.execute(f"SELECT {_COLUMNS} FROM entity WHERE uuid = ?", (ref,)).fetchone()
            if row is None:
                uuid = self._by_name(conn, ref, {} if as_named else canon)
                row = conn.execute(f"SELECT {_COLUMNS} FROM entity WHERE uuid = ?", (uuid,)).fetchone()
        members: dict[str, list[str]] = {}
        for m, head in canon.items():
            if m != head:
                members.setdefault(head, []).append(m)
        return self._entity_view(row, canon, members)

    def _by_name(self, conn: sqlite3.Connection, ref: str, canon: dict[str, str]) -> str:
        key = " ".join(ref.split()).casefold()
        found = set()
        for uuid, name, aliases in conn.execute("SELECT uuid, name, aliases FROM entity WHERE NOT deleted"):
            if key in (n.casefold() for n in (name, *_parse_aliases(aliases))):
                found.add(canon.get(uuid, uuid))
        if not found:
            raise NotFound("no entity {ref} in this project", ref=ref)
        if len(found) > 1:
            raise InvalidInput("more than one entity is called {ref!r}; give its UUID (see `testimonia entities`)",
                               ref=ref)
        return found.pop()

    def complete(self, typed: str, limit: int = 20) -> list[tuple[str, EntityView]]:
        """Register entries whose name or an alias contains `typed` (any case), names that start
        with it first: (the matching name, its entry) for completion while typing."""
        key = " ".join(typed.split()).casefold()
        if not key:
            return []
        starts, inside = [], []
        seen: set[str] = set()
        for view in self.entities():
            for n in (*view.names(), *self._member_names(view)):
                folded = n.casefold()
                if key in folded and view.uuid not in seen:
                    seen.add(view.uuid)
                    (starts if folded.startswith(key) else inside).append((n, view))
                    break
        return (starts + inside)[:limit]

    def names_for_field(self, key: str) -> list[str]:
        """The register's names and aliases that suit an annotation field (speaker, duty_bearer,
        beneficiary, place), for completion while typing; [] for other fields."""
        types = FIELD_TYPES.get(key)
        if types is None:
            return []
        return [n for e in self.entities() if e.type in types for n in e.names()]

    def _member_names(self, view: EntityView) -> list[str]:
        if not view.members:
            return []
        with self._read() as conn:
            marks = ",".join("?" * len(view.members))
            rows = conn.execute(f"SELECT name, aliases FROM entity WHERE uuid IN ({marks})", view.members).fetchall()
        return [n for name, aliases in rows for n in (name, *_parse_aliases(aliases))]

    # -- writing -------------------------------------------------------------------------------
    def add_entity(self, name: str, type: str, author: AuthorRef, *, aliases: Sequence[str] = (),
                   description: str = "") -> Op[EntityView]:
        name = clean_text(name, MAX_NAME, Message("the entity's name"), required=True)
        check_choice(type, ENTITY_TYPES, Message("the entity type"))
        alias_list = _aliases(aliases, name)
        description = clean_text(description, MAX_DESCRIPTION, Message("the description"))
        uid = new_uuid()
        with self._write(author) as (conn, hlc):
            conn.execute(
                f"INSERT INTO entity({_COLUMNS}) VALUES (?, ?, ?, ?, ?, 0, ?, ?)",
                (uid, type, name, json.dumps(alias_list, ensure_ascii=False), description, hlc, author.uuid),
            )
        return Op(self.entity(uid), changed("entity", uid))

    def edit_entity(self, uuid: str, author: AuthorRef, *, name: str | None = None, type: str | None = None,
                    aliases: Sequence[str] | None = None, description: str | None = None,
                    deleted: bool | None = None) -> Op[EntityView]:
        """Last writer wins for the whole entry; `deleted` removes it (a record that travels) or
        brings it back."""
        current = self.entity(uuid)
        uuid = current.uuid
        new_name = clean_text(name, MAX_NAME, Message("the entity's name"), required=True) if name is not None \
            else current.name
        new_type = check_choice(type, ENTITY_TYPES, Message("the entity type")) if type is not None else current.type
        new_aliases = _aliases(aliases if aliases is not None else current.aliases, new_name)
        new_description = clean_text(description, MAX_DESCRIPTION, Message("the description")) \
            if description is not None else current.description
        new_deleted = current.deleted if deleted is None else deleted
        with self._write(author) as (conn, hlc):
            conn.execute(
                "UPDATE entity SET type = ?, name = ?, aliases = ?, description = ?, deleted = ?, hlc = ?, "
                "author_uuid = ? WHERE uuid = ?",
                (new_type, new_name, json.dumps(new_aliases, ensure_ascii=False), new_description, int(new_deleted),
                 hlc, author.uuid, uuid),
            )
        return Op(self.entity(uuid), changed("entity", uuid))

    def delete_entity(self, uuid: str, author: AuthorRef) -> Op[EntityView]:
        return self.edit_entity(uuid, author, deleted=True)

    def merge_entities(self, keep: str, other: str, author: AuthorRef) -> Op[SameAsView]:
        """Record that `other` is the same as `keep`. Nothing is deleted: both entries stay, links to
        either count for `keep`, and unmerge_entities (by any member, after any merge) undoes it."""
        k, o = self.entity(keep), self.entity(other)
        keep_head, other_head = k.same_as or k.uuid, o.same_as or o.uuid
        if keep_head == other_head:
            raise InvalidInput("{other} is already the same as {keep}", other=o.name, keep=k.name)
        # Between the two groups' entries, so a chain of merges keeps one entry standing for all.
        uid = same_as_uuid(keep_head, other_head)
        with self._write(author) as (conn, hlc):
            conn.execute(
                "INSERT INTO entity_same(uuid, keep_uuid, other_uuid, deleted, hlc, author_uuid) "
                "VALUES (?, ?, ?, 0, ?, ?) "
                "ON CONFLICT(uuid) DO UPDATE SET keep_uuid = excluded.keep_uuid, other_uuid = excluded.other_uuid, "
                "deleted = 0, hlc = excluded.hlc, author_uuid = excluded.author_uuid",
                (uid, keep_head, other_head, hlc, author.uuid),
            )
        return Op(self.same_as_record(uid), _merge_changes(uid, k.uuid, o.uuid))

    def unmerge_entities(self, ref: str, author: AuthorRef, other: str | None = None) -> Op[SameAsView]:
        """Undo a merge: `ref` is the record's UUID, or with `other` the two entities' UUIDs."""
        uid = self._record_between(ref, other) if other else ref
        record = self.same_as_record(uid)
        if record.deleted:
            raise InvalidInput("those two entities are not merged")
        with self._write(author) as (conn, hlc):
            conn.execute("UPDATE entity_same SET deleted = 1, hlc = ?, author_uuid = ? WHERE uuid = ?",
                         (hlc, author.uuid, uid))
        return Op(self.same_as_record(uid), _merge_changes(uid, record.keep_uuid, record.other_uuid))

    def _record_between(self, a_ref: str, b_ref: str) -> str:
        a, b = self.entity(a_ref, as_named=True), self.entity(b_ref, as_named=True)
        live = {r.uuid for r in self.same_as_records()}
        for pair in ((a.uuid, b.uuid), (a.same_as or a.uuid, b.same_as or b.uuid), (a.uuid, b.same_as or b.uuid),
                     (a.same_as or a.uuid, b.uuid)):
            if same_as_uuid(*pair) in live:
                return same_as_uuid(*pair)
        raise InvalidInput("{a} and {b} were not merged with each other", a=a.name, b=b.name)

    def same_as_record(self, uuid: str) -> SameAsView:
        with self._read() as conn:
            row = conn.execute("SELECT uuid, keep_uuid, other_uuid, deleted, hlc, author_uuid FROM entity_same "
                               "WHERE uuid = ?", (uuid,)).fetchone() if is_uuid(uuid) else None
        if row is None:
            raise NotFound("no merge record {ref} in this project", ref=uuid)
        return SameAsView(row[0], row[1], row[2], bool(row[3]), row[4], row[5])

    def same_as_records(self, include_deleted: bool = False) -> list[SameAsView]:
        with self._read() as conn:
            rows = conn.execute("SELECT uuid, keep_uuid, other_uuid, deleted, hlc, author_uuid FROM entity_same "
                                "ORDER BY hlc, uuid").fetchall()
        return [SameAsView(r[0], r[1], r[2], bool(r[3]), r[4], r[5]) for r in rows if include_deleted or not r[3]]


def _merge_changes(record: str, keep: str, other: str) -> Changes:
    return Changes(frozenset({"entity", "entity_same", "annotation_link"}), (record, keep, other))
