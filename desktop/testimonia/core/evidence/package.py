"""The evidence package: one zip a reviewer can verify without Testimonia.

It holds the kept originals, the stored texts, the annotations (CSV and W3C JSON-LD), the register
and incidents (CSV and JSON-LD), the full revision history, a manifest of SHA-256 hashes (also as
SHA256SUMS for `sha256sum -c`), a README saying what each file is, and verify.py, which checks that
every file is the one listed, every text is the one its annotations were made on, every kept
original is the file imported, and every quoted span is in its text at its offsets.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from testimonia import __version__

from ..hlc import to_iso
from ..interop.atomic import write_file
from ..interop.file_names import safe_name
from ..interop.w3c_export import CONTEXT, annotation_json, urn
from .vocab import when_text

if TYPE_CHECKING:
    from pathlib import Path

    from ..interop.selection import Progress, Scope
    from ..store import Store

SCHEMA = "https://schema.org/"
_ENTITY_TYPES = {"person": "Person", "organisation": "Organization", "state": "Country", "place": "Place",
                 "group": "Audience"}


def export_package(store: Store, scope: Scope, out: Path, progress: Progress | None = None,
                   allowed: set[str] | None = None) -> tuple[int, int]:
    """Write the package to `out` atomically; returns (annotations, documents) written. `allowed`
    (an EvidenceFilter's result) keeps only those annotations."""
    reg = store.evidence
    annotations = [a for a in scope.annotations() if allowed is None or a.uuid in allowed]
    in_scope = {a.uuid for a in annotations}
    doc_ids = list(dict.fromkeys(a.document_uuid for a in annotations)) if allowed is not None else \
        [d.uuid for d in scope.documents()]
    docs = [scope.document(d) for d in doc_ids]
    sources = {d.uuid: reg.source(d.uuid) for d in docs}
    grades = {a.uuid: reg.grade(a.uuid) for a in annotations}
    links = [lk for lk in reg.links() if lk.annotation_uuid in in_scope]
    entities = reg.entities(include_merged=True)
    incidents = reg.incidents()
    names = {e.uuid: e.name for e in entities} | {i.uuid: i.title for i in incidents}
    kept = reg.originals()
    total = len(docs) + len(annotations)
    done = 0

    def tick(n: int = 1) -> None:
        nonlocal done
        done += n
        if progress:
            progress(min(done, total), total)

    def write(fh: Any) -> None:
        files: list[dict[str, object]] = []
        with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            def put(name: str, data: bytes) -> None:
                zf.writestr(name, data)
                files.append({"path": name, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)})

            manifest_docs = []
            for d in docs:
                text = store.document_text(d.uuid)
                text_path = f"texts/{d.uuid}.txt"
                put(text_path, text.encode("utf-8"))
                original_path = None
                if d.uuid in kept:
                    data = reg.original(d.uuid)
                    if data is not None:
                        name = safe_name(PurePosixPath(d.source_name).name, set(), "original")
                        original_path = f"originals/{d.uuid}/{name}"
                        put(original_path, data)
                manifest_docs.append({"uuid": d.uuid, "title": d.title, "source_name": d.source_name,
                                      "source_sha256": d.source_sha256, "text_sha256": d.text_sha256,
                                      "text": text_path, "original": original_path,
                                      "source": {k: v for k, v in sources[d.uuid].values().items() if v}})
                tick()
            put("documents.csv", _csv(
                ["uuid", "title", "kind", "source_name", "source_sha256", "text_sha256", "original", *_SRC],
                ([d.uuid, d.title, d.kind, d.source_name, d.source_sha256, d.text_sha256,
                  "yes" if d.uuid in kept else "no", *(getattr(sources[d.uuid], k) for k in _SRC)] for d in docs)))
            by_ann: dict[str, list[str]] = {}
            for lk in links:
                if not lk.deleted:
                    label = f"{lk.role or 'evidence'}: {names.get(lk.target_uuid, lk.target_uuid)} ({lk.target_uuid})"
                    by_ann.setdefault(lk.annotation_uuid, []).append(label)
            put("annotations.csv", _csv(
                ["uuid", "document", "document_title", "page", "kind", "label", "start", "end", "exact", "fields",
                 "note", "grade", "links", "creator", "created", "author", "modified"],
                ([a.uuid, a.document_uuid, a.document_title, a.page or "", a.kind, a.label, a.start, a.end, a.exact,
                  json.dumps(a.fields, ensure_ascii=False, sort_keys=True), a.note, grades[a.uuid] or "",
                  "; ".join(by_ann.get(a.uuid, [])), a.creator, a.created, a.author, a.modified]
                 for a in annotations)))
            refs = {d.uuid: d for d in docs}
            put("annotations.jsonld", _json({
                "@context": CONTEXT, "id": urn(store.uuid), "type": "AnnotationCollection", "label": store.title,
                "total": len(annotations),
                "first": {"type": "AnnotationPage", "items": [annotation_json(a, refs[a.document_uuid])
                                                              for a in annotations if a.document_uuid in refs]}}))
            tick(len(annotations))
            put("register/entities.csv", _csv(
                ["uuid", "type", "name", "aliases", "description", "same_as", "deleted", "modified"],
                ([e.uuid, e.type, e.name, "; ".join(e.aliases), e.description, e.same_as or "",
                  "yes" if e.deleted else "no", to_iso(e.hlc)] for e in entities)))
            put("register/same_as.csv", _csv(
                ["uuid", "keep", "other", "undone", "by", "when"],
                ([r.uuid, r.keep_uuid, r.other_uuid, "yes" if r.deleted else "no", r.author_uuid, to_iso(r.hlc)]
                 for r in reg.same_as_records(include_deleted=True))))
            put("register/incidents.csv", _csv(
                ["uuid", "title", "type", "date", "place", "description", "participants", "evidence", "modified"],
                ([i.uuid, i.title, i.type_name, i.when, i.place, i.description,
                  "; ".join(f"{p.role}: {p.entity_name}" for p in i.participants), i.evidence_count, to_iso(i.hlc)]
                 for i in incidents)))
            put("register/links.csv", _csv(
                ["uuid", "annotation", "target_kind", "target", "target_name", "role", "removed", "by", "when"],
                ([lk.uuid, lk.annotation_uuid, lk.target_kind, lk.target_uuid, names.get(lk.target_uuid, ""),
                  lk.role, "yes" if lk.deleted else "no", lk.author_uuid, to_iso(lk.hlc)] for lk in links)))
            put("register/memos.csv", _csv(
                ["target_kind", "target", "text", "conflict"],
                ([m.target_kind, m.target_uuid, m.text, "yes" if m.heads > 1 else "no"] for m in reg.memos())))
            put("register.jsonld", _json(_register_graph(store, entities, incidents, links, in_scope)))
            authors = store.authors()
            put("history/revisions.csv", _csv(
                ["revision", "annotation", "parents", "author", "author_uuid", "time", "kind", "label", "start", "end",
                 "exact", "fields", "note", "deleted", "current"],
                _revision_rows(store, in_scope, authors)))
            put("history/merges.csv", _csv(["when", "from_project", "from_file", "by"], _merge_rows(store, authors)))
            put("README.txt", README.encode("utf-8"))
            put("verify.py", VERIFY.encode("utf-8"))
            manifest = {"generator": f"Testimonia {__version__}", "project": store.uuid, "title": store.title,
                        "exported": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
                        "annotations": len(annotations), "documents": manifest_docs, "files": files}
            body = _json(manifest)
            zf.writestr("manifest.json", body)
            sums = "".join(f"{f['sha256']}  {f['path']}\n" for f in files)
            sums += f"{hashlib.sha256(body).hexdigest()}  manifest.json\n"
            zf.writestr("SHA256SUMS", sums.encode("utf-8"))

    write_file(out, write)
    return len(annotations), len(docs)


_SRC = ("outlet", "byline", "published", "url", "retrieved", "language", "source_type", "reliability")


def _csv(header: list[str], rows: Iterable[Iterable[object]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    for row in rows:
        w.writerow([_cell(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")  # BOM: spreadsheets then read UTF-8 (Hangul) right


def _cell(value: object) -> object:
    # A cell a spreadsheet would run as a formula is written as text.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _json(obj: object) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


def _register_graph(store: Store, entities: list, incidents: list, links: list,  # type: ignore[type-arg]
                    in_scope: set[str]) -> dict[str, object]:
    graph: list[dict[str, object]] = []
    for e in entities:
        node: dict[str, object] = {"@id": urn(e.uuid), "@type": _ENTITY_TYPES.get(e.type, "Thing"), "name": e.name,
                                   "alternateName": list(e.aliases), "tm:entityType": e.type}
        if e.description:
            node["description"] = e.description
        if e.same_as:
            node["sameAs"] = urn(e.same_as)
        graph.append(node)
    evidence: dict[str, list[str]] = {}
    for lk in links:
        if not lk.deleted and lk.target_kind == "incident" and lk.annotation_uuid in in_scope:
            evidence.setdefault(lk.target_uuid, []).append(urn(lk.annotation_uuid))
    for i in incidents:
        node = {"@id": urn(i.uuid), "@type": "Event", "name": i.title, "tm:incidentType": i.type_name,
                "tm:date": when_text(i.date_start, i.date_end, i.date_approx) or None,
                "startDate": i.date_start or None, "endDate": i.date_end or None, "location": i.place or None,
                "description": i.description or None,
                "tm:participant": [{"tm:role": p.role, "tm:entity": urn(p.entity_uuid)} for p in i.participants],
                "tm:evidence": evidence.get(i.uuid, [])}
        graph.append({k: v for k, v in node.items() if v is not None})
    for lk in links:
        if not lk.deleted and lk.target_kind == "entity" and lk.annotation_uuid in in_scope:
            graph.append({"@id": urn(lk.uuid), "@type": "tm:Link", "tm:annotation": urn(lk.annotation_uuid),
                          "tm:role": lk.role, "tm:entity": urn(lk.target_uuid)})
    return {"@context": {"@vocab": SCHEMA, "tm": "urn:testimonia:vocab:"}, "@id": urn(store.uuid), "@graph": graph}


def _revision_rows(store: Store, in_scope: set[str], authors: dict[str, str]) -> Iterable[list[object]]:
    with store._read() as conn:
        rows = conn.execute(
            "SELECT r.uuid, r.annotation_uuid, r.parents, r.author_uuid, r.hlc, l.kind, l.name, r.span_start, "
            "r.span_end, r.exact, r.fields, r.note, r.deleted, r.is_head FROM revision AS r "
            "LEFT JOIN label AS l ON l.uuid = r.label_uuid ORDER BY r.annotation_uuid, r.hlc, r.uuid").fetchall()
    for r in rows:
        if r[1] in in_scope:
            parents = "; ".join(json.loads(r[2])) if r[2] else ""
            yield [r[0], r[1], parents, authors.get(r[3], r[3]), r[3], to_iso(r[4]), r[5] or "", r[6] or "", r[7],
                   r[8], r[9], r[10], r[11], "yes" if r[12] else "no", "yes" if r[13] else "no"]


def _merge_rows(store: Store, authors: dict[str, str]) -> Iterable[list[object]]:
    with store._read() as conn:
        rows = conn.execute("SELECT at_hlc, source_project_uuid, source_file, author_uuid FROM merge_log "
                            "ORDER BY at_hlc").fetchall()
    for at, project, name, who in rows:
        yield [to_iso(at), project, name, authors.get(who, who)]


README = """\
Evidence package written by Testimonia
======================================

Every file in this package is listed with its SHA-256 in manifest.json and in SHA256SUMS
(check them with `sha256sum -c SHA256SUMS`, or run `python3 verify.py` in this folder, which
also checks every quoted span against its text).

manifest.json          the project, the export time, each document (its title, its file's SHA-256,
                       its text's SHA-256, where its text and original are in this package, its
                       source: outlet, byline, dates, URL, language, type, reliability A-F) and
                       every file with its SHA-256 and size.
SHA256SUMS             the same hashes in the format of sha256sum.
originals/UUID/NAME    the file each document was imported from, where the project kept it; its
                       SHA-256 is the document's source_sha256.
texts/UUID.txt         the text Testimonia extracted and stored (UTF-8), which never changes after
                       import; its SHA-256 is the document's text_sha256. Offsets count Unicode
                       code points of this text, end exclusive.
documents.csv          the documents and their sources.
annotations.csv        every annotation in the export: where it is (document, page, start, end), the
                       exact quoted text, its kind and fields, note, credibility grade 1-6
                       (Admiralty: 1 confirmed ... 5 improbable, 6 cannot be judged), its links to
                       people, organisations and incidents, who made it and when.
annotations.jsonld     the same annotations as W3C Web Annotations (JSON-LD): TextQuoteSelector and
                       TextPositionSelector on the stored text.
register/entities.csv  people, organisations, states, places and groups: names, aliases in any script,
                       and `same_as`, the entry an entry was merged into (the merge can be undone;
                       register/same_as.csv lists every merge and undo).
register/incidents.csv incidents: type, date (a leading ~ means approximate; a/b is a range), place,
                       participants with their roles, the number of annotations linked as evidence.
register/links.csv     every link from an annotation to an entity (speaker, duty bearer, beneficiary,
                       place) or an incident (evidence), with who made it and when; removed links
                       are listed too.
register/memos.csv     the project's, documents', entities' and incidents' memos.
register.jsonld        the register and incidents as JSON-LD (schema.org types) with their evidence.
history/revisions.csv  every version of every annotation in the export: who changed what and when
                       (parents name the versions each one replaced; more than one current version
                       of an annotation is a disagreement between team members that was kept).
history/merges.csv     the teammates' files merged into this project, and by whom.
verify.py              the check described above (Python 3, no other software).
"""

VERIFY = '''\
"""Check this evidence package: file hashes, texts, originals and every quoted span."""
import hashlib, json, pathlib, sys

here = pathlib.Path(__file__).resolve().parent
bad = 0
def sha(p): return hashlib.sha256(p.read_bytes()).hexdigest()
for line in (here / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
    digest, name = line.split("  ", 1)
    if sha(here / name) != digest:
        print("changed:", name); bad += 1
manifest = json.loads((here / "manifest.json").read_text(encoding="utf-8"))
texts = {}
for d in manifest["documents"]:
    text_file = here / d["text"]
    if sha(text_file) != d["text_sha256"]:
        print("text is not the one annotated:", d["text"]); bad += 1
    if d["original"] and sha(here / d["original"]) != d["source_sha256"]:
        print("original is not the file imported:", d["original"]); bad += 1
    texts[d["uuid"]] = text_file.read_text(encoding="utf-8")
collection = json.loads((here / "annotations.jsonld").read_text(encoding="utf-8"))
for item in collection["first"]["items"]:
    target = item["target"]
    quote = next(s for s in target["selector"] if s["type"] == "TextQuoteSelector")
    place = next(s for s in target["selector"] if s["type"] == "TextPositionSelector")
    text = texts.get(target["source"]["id"].rpartition(":")[2])
    if text is None or text[place["start"]:place["end"]] != quote["exact"]:
        print("quote not found at its place:", item["id"]); bad += 1
print("all checks passed" if not bad else f"{bad} problem(s)")
sys.exit(1 if bad else 0)
'''

