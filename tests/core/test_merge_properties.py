"""Merge properties over random multi-member histories (hypothesis).

Three members each keep their own project file. A history is a random sequence of imports (the
same texts, imported separately, so documents meet under different UUIDs), creations, edits,
deletions, conflict resolutions, label and title changes, documents removed and restored, and
merges between members in any
order. Then: merge is commutative, associative and idempotent in the resulting current state;
after everyone has exchanged everything, all members hold the same state; no revision is ever lost.

TESTIMONIA_MERGE_EXAMPLES raises the number of histories (CI default keeps the module near 30 s).
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from testimonia.core import check, labels, merge
from testimonia.core.errors import AlreadyImported, InvalidInput
from testimonia.core.store import Store

from .merge_helpers import heads_consistent, revision_ids, state
from .store_helpers import ARTICLE, author

pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("TESTIMONIA_MERGE_EXAMPLES", "60"))
MEMBERS = [author("Alice"), author("Bob"), author("Carol")]
TEXTS = [
    ARTICLE,
    "Officials in Dandong said about 200 people were returned in April.\n"
    "The Committee against Torture urged China to respect non-refoulement.\n"
    "“They took my sister,” a woman from Hoeryong said. 탈북자 200여 명.\n",
]
KINDS = ["statement", "figure", "obligation"]
COLORS = ["#112233", "#445566", "#778899"]

# Kinds repeated to weight the draw: sharing (merges) and edits of shared annotations make conflicts.
KINDS_OF_STEP = ["create"] * 3 + ["edit"] * 4 + ["merge"] * 4 + ["delete", "resolve", "resolve", "import", "label",
                                                                   "title", "remove", "restore"]
op = st.tuples(st.sampled_from(KINDS_OF_STEP), st.integers(0, 2), st.integers(0, 10**6), st.integers(0, 10**6),
               st.text("abc“”한", max_size=4))


class Team:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.stores = [Store.create(folder / f"m{i}.testimonia", f"member {i}", MEMBERS[i]) for i in range(3)]
        # Alice and Bob start with an article each and a few annotations, and exchange once, so edits
        # in the history are often concurrent. Carol starts empty: what she imports herself meets
        # the others' copies under another UUID.
        for i in (0, 1):
            doc = self.stores[i].import_text("Report", TEXTS[i], MEMBERS[i])
            for k in range(2):
                self.stores[i].add_annotation(doc.uuid, KINDS[k], 10 * k, 10 * k + 7, MEMBERS[i])
        merge.merge(self.stores[0], self.stores[1].path, MEMBERS[0])
        merge.merge(self.stores[1], self.stores[0].path, MEMBERS[1])
        self.created: set[str] = set()
        self.created |= revision_ids(self.stores[0].path)  # every revision anyone wrote: none may be lost
        self.copies = 0
        self.conflicted = False  # some merge along the way made (or kept) a conflict

    def close(self) -> None:
        for s in self.stores:
            s.close()

    def apply(self, step: tuple) -> None:  # type: ignore[type-arg]
        kind, who = step[0], step[1]
        s, me = self.stores[who], MEMBERS[who]
        docs = s.documents()
        anns = s.annotations(include_deleted=True)
        # Small indexes for edits: after an exchange everyone lists annotations in the same order, so
        # members often edit the same one, concurrently.
        n, m, text = step[2], step[3], step[4]
        try:
            if kind == "import":
                s.import_text("Report", TEXTS[n % len(TEXTS)], me)
            elif kind == "create" and docs:
                doc = docs[n % len(docs)]
                start = m % (doc.length - 1)
                end = min(doc.length, start + 1 + m % 40)
                s.add_annotation(doc.uuid, KINDS[n % 3], start, end, me)
            elif kind == "edit" and anns:
                s.edit_annotation(anns[n % min(4, len(anns))].uuid, me, note=text)
            elif kind == "delete" and anns:
                s.delete_annotation(anns[n % min(4, len(anns))].uuid, me)
            elif kind == "resolve" and anns:
                conflicted = [a for a in anns if a.conflict]
                if conflicted:
                    a = conflicted[n % len(conflicted)]
                    heads = s.heads(a.uuid)
                    s.resolve(a.uuid, me, take=heads[m % len(heads)].uuid)
            elif kind == "merge" and who != n % 3:
                merge.merge(s, self.stores[n % 3].path, me)
            elif kind == "label":
                s.update_label(labels.FIGURE, me, color=COLORS[n % len(COLORS)])
            elif kind == "title" and docs:
                s.set_document_title(docs[n % len(docs)].uuid, text or "보고서", me)
            elif kind == "remove" and docs:
                s.remove_document(docs[n % len(docs)].uuid, me)
            elif kind == "restore" and (removed := s.documents(removed=True)):
                s.restore_document(removed[n % len(removed)].uuid, me)
        except (AlreadyImported, InvalidInput):
            pass  # e.g. editing an annotation this member has deleted: the API says no, nothing written
        self.created |= revision_ids(s.path)

    def exchange(self) -> None:
        """Everyone merges everyone once (so later edits of shared annotations are concurrent)."""
        for i in range(3):
            for j in range(3):
                if i != j:
                    merge.merge(self.stores[i], self.stores[j].path, MEMBERS[i])

    def run(self, history: list[tuple], syncs: list[int]) -> None:  # type: ignore[type-arg]
        for n, step in enumerate(history):
            if n in syncs:
                self.exchange()
            self.apply(step)
            if any(a.conflict for s in self.stores for a in s.annotations()):
                self.conflicted = True

    def copy(self, i: int) -> Store:
        """A fresh file with member i's rows (other bytes, so nothing is recognised as merged before)."""
        self.copies += 1
        path = self.folder / f"copy{self.copies}.testimonia"
        conn = sqlite3.connect(self.stores[i].path)
        conn.execute("VACUUM INTO ?", (str(path),))
        conn.close()
        return Store.open(path)


def sound(s: Store) -> None:
    conn = sqlite3.connect(s.path)
    try:
        assert check.problems(conn) == []
    finally:
        conn.close()
    assert heads_consistent(s.path)


def merged(into: Store, *others: Store) -> Store:
    for o in others:
        merge.merge(into, o.path, MEMBERS[0])
    return into


@pytest.mark.timeout(900)  # 60 random team histories: minutes on a loaded 2-core machine
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(history=st.lists(op, min_size=12, max_size=30), syncs=st.lists(st.integers(0, 20), max_size=2))
def test_merge_is_a_join_and_everyone_converges(history: list[tuple], syncs: list[int]) -> None:  # type: ignore[type-arg]
    with tempfile.TemporaryDirectory(prefix="testimonia-merge-prop-") as tmp:
        team = Team(Path(tmp))
        opened: list[Store] = []
        try:
            team.run(history, syncs)
            a, b, c = (team.copy(i) for i in range(3))
            a2, b2, c2 = (team.copy(i) for i in range(3))
            opened += [a, b, c, a2, b2, c2]

            # Commutative: A⊕B and B⊕A hold the same current state.
            ab = merged(team.copy(0), b)
            ba = merged(team.copy(1), a)
            opened += [ab, ba]
            assert state(ab) == state(ba)

            # Associative: (A⊕B)⊕C = A⊕(B⊕C).
            bc = merged(team.copy(1), c)
            opened.append(bc)
            left = merged(ab, c)
            right = merged(a2, bc)
            assert state(left) == state(right)

            # Idempotent: merging the same content again changes nothing (another copy of the same
            # rows, so the same-file shortcut does not hide the work).
            before = state(left)
            report = merge.merge(left, c2.path, MEMBERS[0])
            assert state(left) == before and not report.changes_anything
            sound(left)

            # Everyone exchanges everything, in a fixed but arbitrary order, twice over.
            for _ in range(2):
                for i in range(3):
                    for j in (1, 2, 0):
                        if i != j:
                            merge.merge(team.stores[i], team.stores[j].path, MEMBERS[i])
            states = [state(s) for s in team.stores]
            assert states[0] == states[1] == states[2]
            event(f"conflicts after exchange: {min(2, sum(a['conflict'] for a in states[0]['annotations']))}")
            event(f"documents: {len(states[0]['documents'])}")
            event(f"a conflict along the way: {team.conflicted}")
            assert states[0] == state(left)  # any route to everything ends in the same place
            for s in team.stores:
                assert revision_ids(s.path) == team.created  # no revision lost, none invented
                sound(s)
        finally:
            for s in opened:
                s.close()
            team.close()


@settings(max_examples=max(5, EXAMPLES // 4), deadline=None, suppress_health_check=list(HealthCheck))
@given(history=st.lists(op, min_size=4, max_size=24), syncs=st.lists(st.integers(0, 24), max_size=2),
       order=st.permutations([(0, 1), (1, 2), (2, 0), (1, 0), (2, 1), (0, 2)]))
def test_any_exchange_order_converges(history: list[tuple], syncs: list[int],  # type: ignore[type-arg]
                                      order: list[tuple[int, int]]) -> None:
    with tempfile.TemporaryDirectory(prefix="testimonia-merge-prop-") as tmp:
        team = Team(Path(tmp))
        try:
            team.run(history, syncs)
            # Two rounds of the pairs in a random order: after the first, someone may still lack an
            # edit that travelled past them; after the second everyone has everything.
            for _ in range(2):
                for i, j in order:
                    merge.merge(team.stores[i], team.stores[j].path, MEMBERS[i])
            states = [state(s) for s in team.stores]
            assert states[0] == states[1] == states[2]
            assert all(revision_ids(s.path) == team.created for s in team.stores)
        finally:
            team.close()
