"""Shared by the interop tests: where the standards live, a W3C test-suite runner, and a project
with annotations on texts that exercise offsets (emoji, Hangul, CRLF originals, overlaps)."""

from __future__ import annotations

import json
import os
import re
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from testimonia.core.store import Store
from testimonia.core.views import AnnotationView

from .store_helpers import author, new_store, span


def standards_dir() -> Path:
    override = os.environ.get("TESTIMONIA_STANDARDS")
    return Path(override) if override else Path(__file__).parents[2].parent / "shared" / "standards"


def need_standards(*parts: str) -> Path:
    path = standards_dir().joinpath(*parts)
    if not path.exists():
        pytest.skip(f"the standards material is not here ({path}); set TESTIMONIA_STANDARDS to its folder")
    return path


# -- the W3C Web Annotation test suite's MUST assertions (JSON Schema draft-04) -----------------
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")
_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$")


class W3CMusts:
    """Every schema annotationMusts.test lists, with the "uri" and "date-time" formats really checked
    (jsonschema skips formats whose optional checker packages are missing, which would let an
    id such as "not a uri" pass)."""

    def __init__(self, root: Path) -> None:
        import jsonschema
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT4

        checker = jsonschema.FormatChecker(formats=())
        checker.checks("uri")(lambda v: not isinstance(v, str) or bool(_URI.match(v)))
        checker.checks("date-time")(_date_time_ok)
        resources = []
        for p in [*(root / "definitions").glob("*.json"), *(root / "annotations").rglob("*.json")]:
            schema = json.loads(p.read_text(encoding="utf-8"))
            resources.append((schema["id"], Resource.from_contents(schema, default_specification=DRAFT4)))
        registry = Registry().with_resources(resources)
        test = json.loads((root / "annotations" / "annotationMusts.test").read_text(encoding="utf-8"))
        self.names: list[str] = test["assertions"]
        self.validators = [
            (name, jsonschema.Draft4Validator(json.loads((root / name).read_text(encoding="utf-8")),
                                              registry=registry, format_checker=checker))
            for name in self.names
        ]

    def failures(self, annotation: Any) -> list[str]:
        return [name for name, v in self.validators if not v.is_valid(annotation)]


def _date_time(value: object) -> bool:
    if not isinstance(value, str) or not _DATE_TIME.match(value):
        return False
    try:
        datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _date_time_ok(value: object) -> bool:
    return not isinstance(value, str) or _date_time(value)


@cache
def w3c_musts() -> W3CMusts:
    pytest.importorskip("jsonschema")
    return W3CMusts(need_standards("w3c-web-annotation"))


# -- a project whose texts exercise offsets -----------------------------------------------------
# Written for these tests: curly quotes, a figure, a treaty, Hangul, emoji (one outside the BMP,
# one a ZWJ sequence), and CRLF line ends in the original file.
CRLF_ORIGINAL = (
    "Hunchun, 12 May — “They took 43 people across the bridge at dawn,” a relative told reporters.\r\n"
    "“가족과 연락이 끊겼다” — 탈북민 가족 🙏🏽 대표가 말했다.\r\n"
    "Rights groups counted 500 to 600 returns; 👨‍👩‍👧 families waited at the gate.\r\n"
    "China is party to the Convention against Torture and must not return people to danger.\r\n"
)


def crlf_file(folder: Path, name: str = "hunchun.txt") -> Path:
    path = folder / name
    path.write_bytes(CRLF_ORIGINAL.encode("utf-8"))
    return path


def annotated_project(folder: Path, name: str = "source") -> tuple[Store, str]:
    """A project holding the CRLF article with overlapping, multi-line, emoji-edged annotations."""
    store = new_store(folder, name)
    doc = store.import_file(crlf_file(folder, f"{name}-hunchun.txt"), author())
    text = store.document_text(doc.uuid)
    assert "\r" not in text
    add = store.add_annotation
    add(doc.uuid, "statement", *span(text, "“They took 43 people across the bridge at dawn,”"), author(),
        fields={"speaker": "a relative", "mode": "direct"}, note="Quoted by two outlets.\nSee also 12 May.")
    add(doc.uuid, "figure", *span(text, "43 people"), author("Joon"),
        fields={"value": 43, "unit": "people returned", "approximate": False})
    add(doc.uuid, "statement", *span(text, "“가족과 연락이 끊겼다”"), author("Joon"),
        fields={"speaker": "탈북민 가족 대표", "mode": "direct"})
    add(doc.uuid, "figure", *span(text, "🙏🏽 대표가 말했다.\nRights groups counted 500 to 600"), author(),
        fields={"value_low": 500, "value_high": 600, "vague": True}, note="spans a line break; starts on an emoji")
    add(doc.uuid, "obligation", *span(text, "Convention against Torture"), author(),
        fields={"instrument": "CAT", "duty_bearer": "China"})
    custom = store.add_label("Place", "#336699", author())
    add(doc.uuid, custom.uuid, *span(text, "👨‍👩‍👧 families"), author(), fields={"count": 3, "exact": 1.5, "ok": True},
        note="=not a formula")
    return store, doc.uuid


def comparable(annotations: list[AnnotationView]) -> list[tuple[Any, ...]]:
    """What a round trip must keep: kind, label, offsets, quote, fields, note and who made it."""
    return sorted((a.kind, a.label, a.start, a.end, a.exact, json.dumps(a.fields, sort_keys=True), a.note, a.creator)
                  for a in annotations)
