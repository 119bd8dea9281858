"""W3C Web Annotation export: one JSON-LD AnnotationCollection holding a single embedded page.

Every annotation carries its own @context, so each item stands alone (and validates alone against
the W3C test suite). Layout of one annotation (docs/INTEROP.md has the full description):

- id ``urn:uuid:<annotation>``; creator a Person ``urn:uuid:<author>``; created and modified.
- body: a tagging TextualBody with the kind (a custom label's name), a commenting TextualBody
  with the note, and a describing TextualBody of format application/json holding the fields.
- target: a SpecificResource whose source is the document ``urn:uuid:<document>`` (with the
  SHA-256 of its stored text), selected by a TextQuoteSelector and a TextPositionSelector in
  code points of the stored text, end exclusive.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from testimonia import __version__
from testimonia.core import pretty_json
from testimonia.core.views import AnnotationView, DocumentRef

from .atomic import write_file
from .selection import Progress, Scope, Ticker, kind_name

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
# Our few extension terms, defined inline as the model's section on extensions asks.
VOCAB = "urn:testimonia:vocab:"
CONTEXT: list[Any] = [ANNO_CONTEXT, {"tm": VOCAB, "textSha256": "tm:textSha256", "sourceName": "tm:sourceName"}]
FIELDS_FORMAT = "application/json"
GENERATOR = {"type": "Software", "name": f"Testimonia {__version__}"}


def urn(uuid: str) -> str:
    return f"urn:uuid:{uuid}"


def annotation_json(a: AnnotationView, doc: DocumentRef) -> dict[str, Any]:
    body: list[dict[str, Any]] = [
        {"type": "TextualBody", "purpose": "tagging", "format": "text/plain", "value": kind_name(a)},
    ]
    if a.note:
        body.append({"type": "TextualBody", "purpose": "commenting", "format": "text/plain", "value": a.note})
    if a.fields:
        body.append({"type": "TextualBody", "purpose": "describing", "format": FIELDS_FORMAT,
                     "value": json.dumps(a.fields, ensure_ascii=False, sort_keys=True)})
    return {
        "@context": CONTEXT,
        "id": urn(a.uuid),
        "type": "Annotation",
        "motivation": "tagging",
        "creator": {"id": urn(a.creator_uuid), "type": "Person", "name": a.creator},
        "created": a.created,
        "modified": a.modified,
        "generator": GENERATOR,
        "body": body,
        "target": {
            "type": "SpecificResource",
            "source": {"id": urn(doc.uuid), "type": "Text", "format": "text/plain",
                       "textSha256": doc.text_sha256, "sourceName": doc.source_name},
            "selector": [
                {"type": "TextQuoteSelector", "exact": a.exact, "prefix": a.prefix, "suffix": a.suffix},
                {"type": "TextPositionSelector", "start": a.start, "end": a.end},
            ],
        },
    }


def collection_shell(project_uuid: str, title: str, total: int) -> dict[str, Any]:
    """The collection around its items (None here: they are written one by one into its place)."""
    now = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    return {
        "@context": CONTEXT,
        "id": urn(project_uuid),
        "type": "AnnotationCollection",
        "label": title,
        "total": total,
        "generated": now,
        "generator": GENERATOR,
        "first": {"id": urn(project_uuid) + "#page-1", "type": "AnnotationPage", "startIndex": 0, "items": None},
        "last": urn(project_uuid) + "#page-1",
    }


def export_w3c(project_uuid: str, title: str, scope: Scope, out: Path, progress: Progress | None) -> None:
    tick = Ticker(progress, scope.total)

    def items() -> Iterator[dict[str, Any]]:
        for a in scope.annotations():
            yield annotation_json(a, scope.document(a.document_uuid))
            tick()

    def write(fh: BinaryIO) -> None:
        def put(text: str) -> None:
            fh.write(text.encode("utf-8"))

        pretty_json.write_document(put, collection_shell(project_uuid, title, scope.total), items(), indent=1,
                                   path=("first", "items"))
        fh.write(b"\n")

    write_file(out, write)
