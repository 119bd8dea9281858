"""Five members with random histories (create, edit, delete, resolve, remove and restore
documents, retitle; the evidence register: entities and their edits, incidents and participants,
links, memos), some syncing with the server, some exchanging files, some offline for a
while, in random orders: once everyone has synced, everyone holds the same state and no revision
anyone wrote is lost (hypothesis; bounded to stay near a minute)."""

from __future__ import annotations

import itertools
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from testimonia.core import labels, merge
from testimonia.core.errors import AlreadyImported, InvalidInput, NotFound
from testimonia.core.server import admin, sync
from testimonia.core.server.local_state import Remote
from testimonia.core.store import Store
from testimonia.core.views import AuthorRef

from ..core.merge_helpers import heads_consistent, revision_ids, state
from ..core.test_evidence_merge import register_state

pytestmark = pytest.mark.slow
EXAMPLES = int(os.environ.get("TESTIMONIA_SERVER_EXAMPLES", "12"))
MEMBERS = [AuthorRef(f"0000000{i}-0000-4000-8000-00000000000{i}", f"Member {i}") for i in range(5)]
NAMES = ["m0", "m1", "m2", "m3", "m4"]
TEXTS = ["About 60 North Koreans were returned, officials said. 강제북송. " * 6,
         "The Convention against Torture binds China to non-refoulement. " * 5]
KINDS = ["statement", "figure", "obligation"]
STEPS = ["create"] * 3 + ["edit"] * 3 + ["sync"] * 4 + ["file"] * 2 + ["delete", "resolve", "resolve", "import",
                                                                      "title", "remove", "restore", "offline",
                                                                      "entity", "entity", "rename", "incident",
                                                                      "participant", "link", "link", "memo"]
ENTITY_NAMES = ["Jung Park", "China", "정 박", "UNHCR"]
step = st.tuples(st.sampled_from(STEPS), st.integers(0, 4), st.integers(0, 10**6), st.integers(0, 10**6),
                 st.text("ab한", max_size=3))
_databases = itertools.count()


class Coalition:
    def __init__(self, pg, folder: Path) -> None:
        url = pg.create_database(f"conv{os.getpid()}_{next(_databases)}")
        admin.init(url)
        admin.add_project(url, "co")
        for name in NAMES:  # curators: an annotator's removals wait for a curator (test_roles)
            admin.add_member(url, "co", name, "curator")
        self.remotes = [Remote(pg.url(url.rsplit("/", 1)[1], name), "co") for name in NAMES]
        self.stores = [Store.create(folder / f"{n}.testimonia", "Coalition", MEMBERS[i]) for i, n in enumerate(NAMES)]
        self.offline = [False] * 5
        self.written: set[str] = set()

    def sync(self, i: int) -> None:
        sync.sync(self.stores[i], self.remotes[i], MEMBERS[i])

    def apply(self, s: tuple) -> None:  # type: ignore[type-arg]
        kind, who, n, m, text = s
        store, me = self.stores[who], MEMBERS[who]
        docs = store.documents()
        anns = store.annotations(include_deleted=True)
        try:
            if kind == "import" or (kind == "create" and not docs):
                store.import_text("Report", TEXTS[n % 2], me)
            elif kind == "create":
                d = docs[n % len(docs)]
                start = m % (d.length - 1)
                store.add_annotation(d.uuid, KINDS[n % 3], start, min(d.length, start + 1 + m % 30), me)
            elif kind == "edit" and anns:
                store.edit_annotation(anns[n % min(4, len(anns))].uuid, me, note=text)
            elif kind == "delete" and anns:
                store.delete_annotation(anns[n % min(4, len(anns))].uuid, me)
            elif kind == "resolve":
                conflicted = [a for a in anns if a.conflict]
                if conflicted:
                    a = conflicted[n % len(conflicted)]
                    heads = store.heads(a.uuid)
                    store.resolve(a.uuid, me, take=heads[m % len(heads)].uuid)
            elif kind == "title" and docs:
                store.set_document_title(docs[n % len(docs)].uuid, text or "보고서", me)
            elif kind == "remove" and docs:
                store.remove_document(docs[n % len(docs)].uuid, me)
            elif kind == "restore" and (removed := store.documents(removed=True)):
                store.restore_document(removed[n % len(removed)].uuid, me)
            elif kind == "entity":
                store.evidence.add_entity(ENTITY_NAMES[n % 4] + text, ("person", "state")[m % 2], me)
            elif kind == "rename" and (ents := store.evidence.entities()):
                store.evidence.edit_entity(ents[n % len(ents)].uuid, me, description=text or "설명")
            elif kind == "incident":
                types = store.evidence.incident_types()
                store.evidence.add_incident(f"Returns {n % 3}{text}", types[m % len(types)].uuid, me,
                                            date_start=f"2024-0{1 + n % 9}")
            elif kind == "participant" and (incs := store.evidence.incidents()) and (
                    ents := store.evidence.entities()):
                store.evidence.add_participant(incs[n % len(incs)].uuid, ents[m % len(ents)].uuid,
                                               ("victim_group", "perpetrator")[n % 2], me)
            elif kind == "link" and anns:
                a = anns[n % len(anns)]
                if m % 2 and (incs := store.evidence.incidents()):
                    store.evidence.link_incident(a.uuid, incs[m % len(incs)].uuid, me)
                elif ents := store.evidence.entities():
                    store.evidence.link_entity(a.uuid, ents[m % len(ents)].uuid, "speaker", me)
            elif kind == "memo":
                if m % 2 and (incs := store.evidence.incidents()):
                    store.evidence.set_memo("incident", incs[n % len(incs)].uuid, f"memo {text}", me)
                else:
                    store.evidence.set_memo("project", "", f"scope {n % 5}{text}", me)
            elif kind == "offline":
                self.offline[who] = not self.offline[who]
            elif kind == "sync" and not self.offline[who]:
                self.sync(who)
            elif kind == "file" and who != n % 5:
                merge.merge(store, self.stores[n % 5].path, me)  # a file by e-mail, server or not
        except (AlreadyImported, InvalidInput, NotFound):
            pass  # a step this member's state does not allow (a deleted annotation to link, ...)
        self.written |= revision_ids(store.path)

    def close(self) -> None:
        for s in self.stores:
            s.close()


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.too_slow])
@given(history=st.lists(step, min_size=5, max_size=30))
def test_everyone_converges(pg, history: list[tuple]) -> None:  # type: ignore[type-arg]
    with tempfile.TemporaryDirectory() as folder:
        team = Coalition(pg, Path(folder))
        try:
            for s in history:
                team.apply(s)
            for _round in range(2):  # back online: the first round pushes, the second pulls the rest
                for i in range(5):
                    team.sync(i)
            states = [state(s) for s in team.stores]
            assert all(x == states[0] for x in states[1:])
            registers = [register_state(s) for s in team.stores]
            assert all(x == registers[0] for x in registers[1:])
            for s in team.stores:
                assert revision_ids(s.path) == team.written
                assert heads_consistent(s.path)
            # Files still merge cleanly with synced projects, and change nothing any more.
            report = merge.merge(team.stores[0], team.stores[4].path, MEMBERS[0])
            assert report.revisions_new == 0 and state(team.stores[0]) == states[0]
            assert labels.FIGURE in {lb.uuid for lb in team.stores[0].labels()}
        finally:
            team.close()
