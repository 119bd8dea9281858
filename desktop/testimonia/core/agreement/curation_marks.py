"""How a curated annotation is told apart from a coding (see curation.py and ARCHITECTURE.md).

A curated annotation is an ordinary annotation created by the curator whose fields carry the
reserved key CURATION_FIELD: a text value "ACTION SOURCE-UUID SOURCE-UUID …". Fields already
travel in every revision, merge as a revision union and are validated on merge; no table or
column is added. Keys starting with "_" are reserved: the editor does not show them and exports
leave them out unless asked.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from testimonia.core.errors import InvalidInput
from testimonia.core.ids import is_uuid
from testimonia.core.labels import CURATION_FIELD

__all__ = ["CURATION_FIELD"]
CURATED = "curated"  # the curated reading's key where an annotator's UUID would be
ACTIONS = ("accept", "merge", "edit", "reject", "add")
MAX_SOURCES = 200


def is_curated(fields: Mapping[str, object]) -> bool:
    return isinstance(fields.get(CURATION_FIELD), str)


def mark(action: str, sources: Sequence[str]) -> str:
    if action not in ACTIONS:
        raise InvalidInput("unknown curation action {action!r} (actions: {actions})", action=action,
                           actions=", ".join(ACTIONS))
    if len(sources) > MAX_SOURCES:
        raise InvalidInput("a curated annotation names at most {limit} sources", limit=MAX_SOURCES)
    return " ".join([action, *sorted(set(sources))])


def parse(value: object) -> tuple[str, list[str]] | None:
    """(action, source UUIDs) of a mark; None for anything that is not one."""
    if not isinstance(value, str):
        return None
    parts = value.split()
    if not parts or parts[0] not in ACTIONS or not all(is_uuid(p) for p in parts[1:]):
        return None
    return parts[0], parts[1:]


def check_value(value: object) -> str:
    """The field's value as validate_fields stores it; InvalidInput for anything else."""
    parsed = parse(value)
    if parsed is None:
        raise InvalidInput("field {field} is reserved for curation marks (ACTION UUID …)", field=CURATION_FIELD)
    if len(parsed[1]) > MAX_SOURCES:
        raise InvalidInput("a curated annotation names at most {limit} sources", limit=MAX_SOURCES)
    return str(value)
