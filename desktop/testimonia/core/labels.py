"""The three built-in kinds, their fixed UUIDs, and the fields each kind carries."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .errors import InvalidInput

# Fixed, well-known UUIDs: every project file ever made shares them, so they match on merge.
STATEMENT = "5e7a7e11-0000-4000-8000-000000000001"
FIGURE = "5e7a7e11-0000-4000-8000-000000000002"
OBLIGATION = "5e7a7e11-0000-4000-8000-000000000003"


# What these titles, names and choices read like in English and Korean: core/field_text.py.
@dataclass(frozen=True)
class FieldSpec:
    key: str
    title: str
    type: str  # "text" | "choice" | "number" | "bool" | "date"
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class BuiltinLabel:
    uuid: str
    kind: str
    name: str
    color: str
    shortcut: str
    fields: tuple[FieldSpec, ...]


BUILTINS: tuple[BuiltinLabel, ...] = (
    BuiltinLabel(
        STATEMENT, "statement", "Statement", "#f4c542", "1",
        (
            FieldSpec("speaker", "Speaker", "text"),
            FieldSpec("speaker_role", "Speaker's role", "text"),
            FieldSpec("mode", "Mode", "choice", ("direct", "reported")),
        ),
    ),
    BuiltinLabel(
        FIGURE, "figure", "Figure", "#5fb3e8", "2",
        (
            FieldSpec("value", "Value", "number"),
            FieldSpec("value_low", "Low", "number"),
            FieldSpec("value_high", "High", "number"),
            FieldSpec("approximate", "Approximate", "bool"),
            FieldSpec("vague", "Vague", "bool"),
            FieldSpec("unit", "What is counted", "text"),
            FieldSpec("date", "Date", "date"),
            FieldSpec("place", "Place", "text"),
        ),
    ),
    BuiltinLabel(
        OBLIGATION, "obligation", "Obligation", "#e8766a", "3",
        (
            FieldSpec("instrument", "Instrument", "text"),
            FieldSpec("duty_bearer", "Duty bearer", "text"),
            FieldSpec("beneficiary", "Beneficiary", "text"),
        ),
    ),
)
BY_KIND = {b.kind: b for b in BUILTINS}
BY_UUID = {b.uuid: b for b in BUILTINS}
KINDS = tuple(BY_KIND)
CUSTOM = "custom"
MAX_FIELD_CHARS = 10_000
MAX_FIELDS = 64
# Reserved for curated annotations (core/agreement/curation_marks.py), allowed on every kind.
CURATION_FIELD = "_curation"

_TRUE = {"true", "yes", "1", "y", "on"}
_FALSE = {"false", "no", "0", "n", "off", ""}


def field_specs(kind: str) -> tuple[FieldSpec, ...]:
    b = BY_KIND.get(kind)
    return b.fields if b else ()


def _coerce(spec: FieldSpec, raw: object) -> object:
    if spec.type == "bool":
        if isinstance(raw, bool):
            return raw
        s = str(raw).strip().lower()
        if s in _TRUE:
            return True
        if s in _FALSE:
            return False
        raise InvalidInput("field {key}: expected yes/no, got {raw!r}", key=spec.key, raw=raw)
    if spec.type == "number":
        if isinstance(raw, bool):
            raise InvalidInput("field {key}: expected a number, got {raw!r}", key=spec.key, raw=raw)
        if isinstance(raw, int | float):
            num = float(raw)
        else:
            try:
                num = float(str(raw).strip().replace(",", ""))
            except ValueError:
                raise InvalidInput("field {key}: expected a number, got {raw!r}", key=spec.key, raw=raw) from None
        if not math.isfinite(num):
            raise InvalidInput("field {key}: expected a finite number, got {raw!r}", key=spec.key, raw=raw)
        return int(num) if num.is_integer() and abs(num) < 2**53 else num
    s = str(raw)
    if spec.type == "choice" and s not in spec.choices:
        raise InvalidInput("field {key}: expected one of {choices}, got {raw!r}", key=spec.key,
                           choices=", ".join(spec.choices), raw=raw)
    return s


def validate_fields(kind: str, fields: dict[str, object]) -> dict[str, object]:
    """Coerce field values to their types; unknown keys are refused for built-in kinds.

    Empty strings remove a field, so `--field speaker=` clears it.
    """
    specs = {s.key: s for s in field_specs(kind)}
    if len(fields) > MAX_FIELDS:
        raise InvalidInput("too many fields ({count}; at most {limit})", count=len(fields), limit=MAX_FIELDS)
    out: dict[str, object] = {}
    for key, raw in fields.items():
        if not isinstance(key, str) or not key or len(key) > 64 or "\x00" in key:
            raise InvalidInput("bad field name {key!r}", key=key)
        if raw is None or (isinstance(raw, str) and raw == "" and specs.get(key) is not None
                           and specs[key].type != "bool"):
            continue
        if isinstance(raw, str) and len(raw) > MAX_FIELD_CHARS:
            raise InvalidInput("field {key}: longer than {limit} characters", key=key, limit=MAX_FIELD_CHARS)
        if "\x00" in str(raw):
            # SQLite's text functions stop at NUL, so the design never stores one.
            raise InvalidInput("field {key}: holds a NUL character", key=key)
        if key == CURATION_FIELD:
            from .agreement.curation_marks import check_value

            out[key] = check_value(raw)
        elif specs:
            spec = specs.get(key)
            if spec is None:
                known = ", ".join(specs)
                raise InvalidInput("unknown field {key!r} for {kind}; known fields: {known}", key=key, kind=kind,
                                   known=known)
            out[key] = _coerce(spec, raw)
        else:
            if raw == "":
                continue
            out[key] = raw if isinstance(raw, bool | int | float) else str(raw)
    return dict(sorted(out.items()))
