"""The evidence package (core/evidence/package.py) and kept originals (core/evidence/originals.py):
a reviewer can verify the zip without Testimonia; `check` reports an original that was altered."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

from testimonia.core import check
from testimonia.core.evidence import EvidenceFilter
from testimonia.core.interop import export

from .store_helpers import author, new_store

ME = author()
ARTICLE = ("Seoul — “We will not send them back,” the minister said.\n"
           "About 60 North Koreans were detained in Shenyang, a rights group said. 탈북민 🙏🏽\n")


def _project(tmp_path: Path):  # type: ignore[no-untyped-def]
    src = tmp_path / "shenyang.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    store = new_store(tmp_path)
    doc = store.import_file(src, ME)
    text = store.document_text(doc.uuid)
    i = text.index("About 60 North Koreans")
    fig = store.add_annotation(doc.uuid, "figure", i, i + len("About 60 North Koreans"), ME,
                               fields={"value": 60, "approximate": True, "unit": "people detained"})
    j = text.index("“We will not send them back,”")
    st = store.add_annotation(doc.uuid, "statement", j, j + len("“We will not send them back,”"), ME,
                              fields={"speaker": "the minister"})
    store.edit_annotation(st.uuid, ME, note="Which minister?")
    reg = store.evidence
    inc = reg.add_incident("Shenyang detentions", "arrest or detention", ME, date_start="2024-04").value
    reg.link_incident(fig.uuid, inc.uuid, ME)
    minister = reg.add_entity("South Korean foreign minister", "person", ME, aliases=["외교부 장관"]).value
    reg.link_entity(st.uuid, minister.uuid, "speaker", ME)
    reg.set_grade(fig.uuid, 2, ME)
    reg.set_source(doc.uuid, ME, outlet="Daily NK", reliability="B", source_type="news")
    return store, doc, fig, st, inc


def test_the_original_is_kept_and_verified(tmp_path: Path) -> None:
    store, doc, *_ = _project(tmp_path)
    with store:
        data = store.evidence.original(doc.uuid)
        assert data == (tmp_path / "shenyang.txt").read_bytes()
        assert store.evidence.originals()[doc.uuid] == (doc.source_sha256, len(data))
        store.evidence.set_originals_limit(10, ME)
        big = tmp_path / "big.txt"
        big.write_text("A longer article about returns.\n", encoding="utf-8")
        other = store.import_file(big, ME)
        assert store.evidence.original(other.uuid) is None  # over the project's limit
        with store._read() as conn:
            assert check.problems(conn) == []
        with store.write_connection() as conn:
            conn.execute("UPDATE document_original SET data = ? WHERE document_uuid = ?", (b"altered", doc.uuid))
        with store._read() as conn:
            found = check.problems(conn)
        assert found == [f"document {doc.uuid}: its kept original its bytes no longer match their SHA-256"]


def test_the_package_holds_everything_a_reviewer_needs_and_verifies(tmp_path: Path) -> None:
    store, doc, fig, st, _inc = _project(tmp_path)
    out = tmp_path / "package.zip"
    with store:
        result = export(store, "package", out)
    assert (result.annotations, result.documents) == (2, 1)
    with zipfile.ZipFile(out) as zf:
        names = set(zf.namelist())
        assert {"README.txt", "manifest.json", "SHA256SUMS", "verify.py", f"texts/{doc.uuid}.txt",
                f"originals/{doc.uuid}/shenyang.txt", "annotations.csv", "annotations.jsonld", "register.jsonld",
                "register/entities.csv", "register/incidents.csv", "register/links.csv", "history/revisions.csv",
                "documents.csv"} <= names
        manifest = json.loads(zf.read("manifest.json"))
        for f in manifest["files"]:
            assert hashlib.sha256(zf.read(f["path"])).hexdigest() == f["sha256"]
        assert manifest["documents"][0]["source"]["outlet"] == "Daily NK"
        rows = list(csv.DictReader(io.StringIO(zf.read("annotations.csv").decode("utf-8-sig"))))
        by_uuid = {r["uuid"]: r for r in rows}
        assert by_uuid[fig.uuid]["grade"] == "2" and "Shenyang detentions" in by_uuid[fig.uuid]["links"]
        history = list(csv.DictReader(io.StringIO(zf.read("history/revisions.csv").decode("utf-8-sig"))))
        assert len([h for h in history if h["annotation"] == st.uuid]) == 2  # created, then the note
        graph = json.loads(zf.read("register.jsonld"))["@graph"]
        event = next(n for n in graph if n["@type"] == "Event")
        assert event["tm:evidence"] == [f"urn:uuid:{fig.uuid}"]
        assert "외교부 장관" in zf.read("register/entities.csv").decode("utf-8-sig")
        zf.extractall(tmp_path / "unpacked")
    ok = subprocess.run([sys.executable, "verify.py"], cwd=tmp_path / "unpacked", capture_output=True, text=True)
    assert ok.returncode == 0 and "all checks passed" in ok.stdout
    text = tmp_path / "unpacked" / "texts" / f"{doc.uuid}.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("About 60", "About 90"), encoding="utf-8")
    bad = subprocess.run([sys.executable, "verify.py"], cwd=tmp_path / "unpacked", capture_output=True, text=True)
    assert bad.returncode == 1 and "changed: texts/" in bad.stdout and "quote not found" in bad.stdout


def test_exports_filter_by_incident_and_grade(tmp_path: Path) -> None:
    store, _doc, fig, _st, inc = _project(tmp_path)
    with store:
        allowed = store.evidence.filtered(EvidenceFilter(incident=inc.uuid))
        res = export(store, "csv", tmp_path / "only.csv", allowed=allowed)
        assert res.annotations == 1
        assert fig.uuid in (tmp_path / "only.csv").read_text(encoding="utf-8-sig")
        res = export(store, "package", tmp_path / "graded.zip", allowed=store.evidence.filtered(
            EvidenceFilter(min_grade=1)))
        assert res.annotations == 0
    conn = sqlite3.connect(tmp_path / "p.testimonia")
    assert conn.execute("SELECT count(*) FROM document_original").fetchone()[0] == 1
    conn.close()
