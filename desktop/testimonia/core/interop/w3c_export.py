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
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from testimonia import __version__
from testimonia.core.views import AnnotationView, DocumentInfo

from .atomic import write_file
from .selection import Progress, Selection, kind_name

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
# Our few extension terms, defined inline as the model's section on extensions asks.
VOCAB = "urn:testimonia:vocab:"
CONTEXT: list[Any] = [ANNO_CONTEXT, {"tm": VOCAB, "textSha256": "tm:textSha256", "sourceName": "tm:sourceName"}]
FIELDS_FORMAT = "application/json"
GENERATOR = {"type": "Software", "name": f"Testimonia {__version__}"}


def urn(uuid: str) -> str:
    return f"urn:uuid:{uuid}"


def annotation_json(a: AnnotationView, doc: DocumentInfo) -> dict[str, Any]:
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


def collection_json(project_uuid: str, title: str, sel: Selection, progress: Progress | None = None
                    ) -> dict[str, Any]:
    docs = {d.uuid: d for d in sel.documents}
    items = []
    total = len(sel.annotations)
    for i, a in enumerate(sel.annotations, 1):
        items.append(annotation_json(a, docs[a.document_uuid]))
        if progress and (i % 200 == 0 or i == total):
            progress(i, total)
    now = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    return {
        "@context": CONTEXT,
        "id": urn(project_uuid),
        "type": "AnnotationCollection",
        "label": title,
        "total": total,
        "generated": now,
        "generator": GENERATOR,
        "first": {"id": urn(project_uuid) + "#page-1", "type": "AnnotationPage", "startIndex": 0, "items": items},
        "last": urn(project_uuid) + "#page-1",
    }


def export_w3c(project_uuid: str, title: str, sel: Selection, out: Path, progress: Progress | None) -> None:
    data = collection_json(project_uuid, title, sel, progress)

    def write(fh: BinaryIO) -> None:
        fh.write(json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
        fh.write(b"\n")

    write_file(out, write)
