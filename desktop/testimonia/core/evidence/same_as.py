"""Which register entry each entity stands for, from the live "same as" records.

Entities joined by live records form a group; the group is shown as one entry, the one no record
names as `other` (the one every merge kept). Records arrive from teammates in any order and may
form a chain or even a ring (three members each merging two of the same three entries): the
answer depends only on the set of live records, never on their order, so every copy agrees. A
ring has no entry that was always kept; the smallest UUID then stands for the group.
"""

from __future__ import annotations

from collections.abc import Iterable


def canonical_map(links: Iterable[tuple[str, str]]) -> dict[str, str]:
    """{entity: the entry it stands for} for every entity named in a live (keep, other) link."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    others: set[str] = set()
    for keep, other in links:
        others.add(other)
        a, b = find(keep), find(other)
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[str, list[str]] = {}
    for x in list(parent):
        groups.setdefault(find(x), []).append(x)
    out: dict[str, str] = {}
    for members in groups.values():
        kept = sorted(m for m in members if m not in others)
        head = kept[0] if kept else min(members)
        for m in members:
            out[m] = head
    return out
