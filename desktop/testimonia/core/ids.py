"""Identifiers. Every row that travels between team members carries a UUID."""

from __future__ import annotations

import re
import uuid

_UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

# Namespace for names that must map to the same UUID on every machine (authors given by name only).
NAMESPACE = uuid.UUID("6f1c2a7e-3d4b-5e6f-8a9b-0c1d2e3f4a5b")


def new_uuid() -> str:
    return str(uuid.uuid4())


def is_uuid(value: object) -> bool:
    """True for the canonical lower-case hyphenated form only, which is all we ever write."""
    return isinstance(value, str) and bool(_UUID_RE.match(value))


def name_uuid(kind: str, name: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{name}"))
