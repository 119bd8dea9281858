"""What every part of the register shares: the project's store, its transactions and clock, and
record UUIDs derived from what a record joins (so the same link made twice is one record)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from ..errors import NotFound
from ..ids import name_uuid
from ..views import AuthorRef
from .views import Changes

if TYPE_CHECKING:
    from ..store import Store


def derived_uuid(kind: str, *parts: str) -> str:
    return name_uuid(kind, "|".join(parts))


def link_uuid(annotation: str, target_kind: str, target: str, role: str) -> str:
    return derived_uuid("annotation_link", annotation, target_kind, target, role)


def participant_uuid(incident: str, entity: str, role: str) -> str:
    return derived_uuid("incident_participant", incident, entity, role)


def same_as_uuid(a: str, b: str) -> str:
    return derived_uuid("entity_same", *sorted((a, b)))


def changed(kind: str, *uuids: str) -> Changes:
    return Changes(frozenset({kind}), tuple(uuids))


class RegisterBase:
    def __init__(self, store: Store) -> None:
        self.store = store

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self.store._read() as conn:
            yield conn

    @contextmanager
    def _write(self, author: AuthorRef) -> Iterator[tuple[sqlite3.Connection, int]]:
        """One transaction and its timestamp, the author recorded."""
        with self.store._write() as (_s, conn):
            hlc = self.store._tick(conn)
            self.store._ensure_author(conn, author, hlc)
            yield conn, hlc

    @staticmethod
    def _annotation_in(conn: sqlite3.Connection, uuid: str) -> str:
        row = conn.execute("SELECT uuid FROM annotation WHERE uuid = ?", (uuid,)).fetchone()
        if row is None:
            raise NotFound("no annotation {uuid} in this project", uuid=uuid)
        return row[0]
