"""Changes-only exchange files over random team histories (hypothesis).

The team of test_merge_properties, except that every exchange in the history is a changes-only
file "since the last exchange with that teammate" (the first one to each teammate a recorded full
copy). At every exchange the receiver's copy from just before also merges the sender's full file:
the two must end in the same state. At the end everyone exchanges changes files in a random
order, and the team ends where exchanging full files ends.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from testimonia.core import merge
from testimonia.core.merge import exchange
from testimonia.core.sendcopy import send_copy
from testimonia.core.store import Store

from .merge_helpers import revision_ids, state
from .test_merge_properties import MEMBERS, Team, op

pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("TESTIMONIA_EXCHANGE_EXAMPLES", "12"))
NAMES = ["Alice", "Bob", "Carol"]


class ExchangingTeam(Team):
    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.files = 0
        self.changes_files = 0

    def _file(self) -> Path:
        self.files += 1
        return self.folder / f"x{self.files}.testimonia"

    def send(self, sender: int, receiver: int) -> None:
        """`receiver` merges what `sender` has, through a changes-only file; a copy of the receiver
        from just before merges a full file of the same moment instead, and must end the same."""
        s, r = self.stores[sender], self.stores[receiver]
        to = NAMES[receiver]
        if exchange.last_exchange(s, to) is None:
            reached = exchange.watermarks(s)
            path = send_copy(s, self._file())
            exchange.record_exchange(s, to, *reached, path.name)
            merge.merge(r, path, MEMBERS[receiver])
            return
        full = send_copy(s, self._file())
        changes = exchange.write_changes(s, self._file(), since=exchange.LAST, to=to, sender=NAMES[sender]).path
        self.changes_files += 1
        shadow_path = self._file()
        conn = sqlite3.connect(r.path)
        conn.execute("VACUUM INTO ?", (str(shadow_path),))
        conn.close()
        merge.merge(r, changes, MEMBERS[receiver])
        with Store.open(shadow_path) as shadow:
            merge.merge(shadow, full, MEMBERS[receiver])
            assert state(shadow) == state(r)
            assert revision_ids(shadow_path) == revision_ids(r.path)

    def apply(self, step: tuple) -> None:  # type: ignore[type-arg]
        kind, who, n = step[0], step[1], step[2]
        if kind == "merge":
            if who != n % 3:
                self.send(n % 3, who)
            self.created |= revision_ids(self.stores[who].path)
            return
        super().apply(step)

    def exchange(self) -> None:
        for i in range(3):
            for j in range(3):
                if i != j:
                    self.send(j, i)


@pytest.mark.timeout(900)
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(history=st.lists(op, min_size=8, max_size=24), syncs=st.lists(st.integers(0, 20), max_size=2),
       order=st.permutations([(0, 1), (1, 2), (2, 0), (1, 0), (2, 1), (0, 2)]))
def test_changes_files_in_any_order_converge_as_full_files_do(history: list[tuple],  # type: ignore[type-arg]
                                                               syncs: list[int], order: list[tuple[int, int]]) -> None:
    with tempfile.TemporaryDirectory(prefix="testimonia-exchange-prop-") as tmp:
        team = ExchangingTeam(Path(tmp))
        full_world: list[Store] = []
        try:
            team.run(history, syncs)
            full_world = [team.copy(i) for i in range(3)]
            for _ in range(2):
                for i, j in order:
                    team.send(j, i)
                    merge.merge(full_world[i], full_world[j].path, MEMBERS[i])
            states = [state(s) for s in team.stores]
            assert states[0] == states[1] == states[2]
            assert states == [state(s) for s in full_world]
            assert all(revision_ids(s.path) == team.created for s in team.stores)
            event(f"changes files merged: {min(team.changes_files // 5 * 5, 20)}+")
        finally:
            for s in full_world:
                s.close()
            team.close()
