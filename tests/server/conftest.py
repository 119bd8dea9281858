"""A real PostgreSQL for the team-server tests: one private cluster per session, a database per test.

Without PostgreSQL's server programs the tests skip, naming the package; with
TESTIMONIA_REQUIRE_POSTGRES=1 (CI sets it in .ci/run) a missing server fails them instead.
"""

from __future__ import annotations

import itertools
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from testimonia.core.server import admin, localpg
from testimonia.core.server.local_state import Remote
from testimonia.core.store import Store
from testimonia.core.views import AuthorRef

_counter = itertools.count()


@pytest.fixture(scope="session")
def pg() -> Iterator[localpg.LocalCluster]:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _missing("the Python package psycopg is not installed (pip install \"psycopg[binary]\")")
    try:
        cluster = localpg.start_cluster()
    except FileNotFoundError as exc:
        _missing(str(exc))
    try:
        yield cluster
    finally:
        cluster.stop()


def _missing(why: str) -> None:
    if os.environ.get("TESTIMONIA_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"TESTIMONIA_REQUIRE_POSTGRES=1 but {why}")
    pytest.skip(why)


@dataclass
class Team:
    """A server database initialised with one project, `co`, and members anna, ben (annotators)
    and rita (reader); `url(name)` connects as that member."""

    cluster: localpg.LocalCluster
    database: str
    admin_url: str

    def url(self, member: str) -> str:
        return self.cluster.url(self.database, member)

    def remote(self, member: str, project: str = "co") -> Remote:
        return Remote(self.url(member), project)


@pytest.fixture
def team(pg: localpg.LocalCluster) -> Team:
    name = f"t{os.getpid()}_{next(_counter)}"
    url = pg.create_database(name)
    admin.init(url)
    admin.add_project(url, "co")
    for member, role in (("anna", "annotator"), ("ben", "annotator"), ("rita", "reader")):
        admin.add_member(url, "co", member, role)
    return Team(pg, name, url)


ANNA = AuthorRef("a0000000-0000-4000-8000-00000000000a", "Anna")
BEN = AuthorRef("b0000000-0000-4000-8000-00000000000b", "Ben")
TEXT = ("About 60 North Koreans were forcibly returned, a spokesperson said, in breach of China’s "
        "non-refoulement obligations under the Refugee Convention. 강제북송을 멈춰라. ") * 8


def new_project(path: Path, author: AuthorRef = ANNA, text: str = TEXT, title: str = "Report") -> tuple[Store, str]:
    store = Store.create(path, "Team", author)
    doc = store.import_text(title, text, author)
    return store, doc.uuid


def random_uuid() -> str:
    return str(uuid.uuid4())
