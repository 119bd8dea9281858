"""REFI-QDA: export valid against Project.xsd, round trip, the example projects, hostile archives."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from testimonia.core.errors import ImportFailed
from testimonia.core.interop import export, import_qdpx
from testimonia.core.store import Store
from testimonia.core.textnorm import normalise

from .interop_helpers import annotated_project, comparable, need_standards
from .store_helpers import ARTICLE, author, new_store, span

NS = "urn:QDA-XML:project:1.0"
Q = f"{{{NS}}}"
USER = "5b0c7a52-8f2e-4d1a-9c3b-2a1d0e9f8c7b"
CODE = "c0de0000-1111-4222-8333-444455556666"


def _xsd() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(need_standards("refi-qda", "Project.xsd"))))


def _state(store: Store) -> tuple[object, ...]:
    return (store.stats(), sorted(lb.name for lb in store.labels()), comparable(store.annotations()),
            sorted(d.title for d in store.documents()))


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if "-wal" not in p.name and "-shm" not in p.name}


def test_export_validates_against_project_xsd(tmp_path: Path) -> None:
    store, doc = annotated_project(tmp_path)
    result = export(store, "refi", tmp_path / "out.qdpx")
    with zipfile.ZipFile(tmp_path / "out.qdpx") as zf:
        assert sorted(zf.namelist()) == ["project.qde", f"sources/{doc}.txt"]
        root = etree.fromstring(zf.read("project.qde"))
        text = zf.read(f"sources/{doc}.txt").decode("utf-8")
    schema = _xsd()
    assert schema.validate(root), schema.error_log
    assert text == store.document_text(doc)
    selections = root.findall(f".//{Q}PlainTextSelection")
    assert len(selections) == result.annotations == 6
    for sel in selections:
        a = store.annotation(sel.get("guid"))
        assert (int(sel.get("startPosition")), int(sel.get("endPosition"))) == (a.start, a.end)
        assert text[a.start:a.end] == a.exact
        assert sel.find(f"{Q}Coding/{Q}CodeRef").get("targetGUID") == a.label_uuid
    codes = {c.get("name"): c.get("color") for c in root.iter(f"{Q}Code")}
    assert codes["Statement"] == "#f4c542" and codes["Place"] == "#336699"
    assert {u.get("name") for u in root.iter(f"{Q}User")} >= {"Min-ji", "Joon"}


def test_round_trip_reproduces_every_annotation(tmp_path: Path) -> None:
    source, doc = annotated_project(tmp_path)
    export(source, "refi", tmp_path / "out.qdpx")
    target = new_store(tmp_path, "target", who="Other")
    report = import_qdpx(target, tmp_path / "out.qdpx", author("Other"))
    assert (report.documents_added, report.annotations_added, report.labels_added) == (1, 6, 1)
    assert report.skipped == []
    assert comparable(target.annotations()) == comparable(source.annotations())
    assert target.document(doc).text_sha256 == source.document(doc).text_sha256  # the same UUID, the same text
    again = import_qdpx(target, tmp_path / "out.qdpx", author("Other"))
    assert (again.annotations_added, again.duplicates, again.documents_matched) == (0, 6, 1)


def test_import_into_a_project_holding_the_document_reuses_it(tmp_path: Path) -> None:
    source, _doc = annotated_project(tmp_path)
    export(source, "refi", tmp_path / "out.qdpx")
    target = new_store(tmp_path, "target")
    copy = target.import_text("Same words", source.document_text(_doc), author())
    report = import_qdpx(target, tmp_path / "out.qdpx", author())
    assert (report.documents_added, report.documents_matched) == (0, 1)
    assert {a.document_uuid for a in target.annotations()} == {copy.uuid}


def _demo_codings(qdpx: Path) -> list[tuple[str, int, int, str, str]]:
    """(source file, start, end, code GUID, user GUID) for every coding, read straight from the XML."""
    with zipfile.ZipFile(qdpx) as zf:
        root = etree.fromstring(zf.read("project.qde"))
    out = []
    for src in root.iter(f"{Q}TextSource"):
        for sel in src.iterfind(f"{Q}PlainTextSelection"):
            for coding in sel.iterfind(f"{Q}Coding"):
                out.append((src.get("plainTextPath"), int(sel.get("startPosition")), int(sel.get("endPosition")),
                            coding.find(f"{Q}CodeRef").get("targetGUID"), coding.get("creatingUser")))
    return out


def test_demo_project_imports_with_its_quotes_intact(tmp_path: Path) -> None:
    qdpx = need_standards("refi-qda", "examples", "demo.qdpx")
    store = new_store(tmp_path)
    report = import_qdpx(store, qdpx, author())
    codings = _demo_codings(qdpx)
    assert report.annotations_added == len(codings) == 205
    assert report.documents_added == 2 and report.skipped == []
    with zipfile.ZipFile(qdpx) as zf:
        raw = {name: zf.read(f"sources/{name}").decode("utf-8") for name in {c[0] for c in codings}}
    docs = {d.title: d.uuid for d in store.documents()}
    labels_by_uuid = {lb.uuid: lb.name for lb in store.labels()}
    found = {(a.document_uuid, a.start, a.end, a.label_uuid): a for a in store.annotations()}
    for name, start, end, code, _user in codings:
        doc = docs[Path(name).stem]  # no name attribute: the title is the file name
        a = found[(doc, start, end, code)]  # no CRLF, no BOM: offsets carry over unchanged
        assert a.exact == raw[name][start:end]
        assert a.creator == "cp"
        assert labels_by_uuid[code].split(" / ")[-1]  # a code name, never empty
    first = next(a for a in store.annotations() if a.start == 320 and a.end == 400)
    assert first.exact.startswith("This district goal is engage every student")


def test_nvivo_project_imports_its_codebook_and_reports_empty_sources(tmp_path: Path) -> None:
    qdpx = need_standards("refi-qda", "examples", "nvivo_project.qdpx")
    store = new_store(tmp_path)
    report = import_qdpx(store, qdpx, author())
    with zipfile.ZipFile(qdpx) as zf:
        root = etree.fromstring(zf.read("project.qde"))
    codes = [c for c in root.iter(f"{Q}Code") if c.get("isCodable") == "true"]
    assert report.labels_added == len(codes) == 262
    assert report.documents_added == 0 and report.annotations_added == 0
    assert len(report.skipped) == 2 and all("has no text" in str(s) for s in report.skipped)
    names = {lb.name for lb in store.labels()}
    # Leaves whose names repeat under different parents are told apart by their parents' names.
    assert {"competencies / programming", "cs_as_programming / programming"} <= names


# -- projects written by hand, as other tools might ------------------------------------------------
def _qde(sources: str, notes: str = "", codes: str = "") -> bytes:
    codes = codes or (f'<Code guid="{CODE}" name="statement" isCodable="true" color="#A0B"/>'
                      '<Code guid="c0de0000-1111-4222-8333-444455556667" name="Places" isCodable="false">'
                      '<Code guid="c0de0000-1111-4222-8333-444455556668" name="Shenyang" isCodable="true"/></Code>')
    return (f'<?xml version="1.0" encoding="utf-8"?><Project xmlns="{NS}" name="hand made">'
            f'<Users><User guid="{{{USER.upper()}}}" name="Ji-woo"/></Users>'
            f"<CodeBook><Codes>{codes}</Codes></CodeBook>"
            f"<Sources>{sources}</Sources>{notes}</Project>").encode()


def _sel(guid_tail: str, start: int, end: int, code: str = CODE, desc: str = "") -> str:
    d = f"<Description>{desc}</Description>" if desc else ""
    return (f'<PlainTextSelection guid="aaaaaaaa-0000-4000-8000-{guid_tail:0>12}" startPosition="{start}" '
            f'endPosition="{end}" creatingUser="{USER}">{d}<Coding guid="bbbbbbbb-0000-4000-8000-{guid_tail:0>12}" '
            f'creatingUser="{USER}"><CodeRef targetGUID="{code}"/></Coding></PlainTextSelection>')


def _qdpx(folder: Path, qde: bytes, files: dict[str, bytes] | None = None, name: str = "made.qdpx",
          qde_name: str = "project.qde") -> Path:
    path = folder / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(qde_name, qde)
        for n, data in (files or {}).items():
            zf.writestr(n, data)
    return path


def test_offsets_of_crlf_bom_and_decomposed_text_land_on_the_same_words(tmp_path: Path) -> None:
    hangul = unicodedata.normalize("NFD", "탈북민 강제북송을 중단하라")
    raw = "\ufeffLine one.\r\n" + hangul + " — café 🙏🏽\r\nShenyang."
    quotes = [unicodedata.normalize("NFD", "강제북송을"), "café 🙏🏽\r\nShenyang", "Shenyang"]
    sels = []
    for i, q in enumerate(quotes):
        s = raw.index(q)
        # The BOM is not text: tools count offsets after it, as they would after decoding.
        sels.append(_sel(str(i), s - 1, s - 1 + len(q)))
    src = f'<TextSource guid="dddddddd-0000-4000-8000-000000000001" name="Mixed" plainTextPath="internal://m.txt">' \
          f'{"".join(sels)}</TextSource>'
    path = _qdpx(tmp_path, _qde(src), {"sources/m.txt": raw.encode("utf-8")})
    store = new_store(tmp_path)
    report = import_qdpx(store, path, author())
    assert report.annotations_added == 3
    got = sorted(a.exact for a in store.annotations())
    assert got == sorted(normalise(q) for q in quotes)
    assert all(a.creator == "Ji-woo" for a in store.annotations())
    assert {a.kind for a in store.annotations()} == {"statement"}  # "statement" matched the built-in


def test_unsupported_sources_are_reported_and_skipped(tmp_path: Path) -> None:
    text = "A representation of the PDF: about 60 people were returned."
    sources = (
        '<PictureSource guid="eeeeeeee-0000-4000-8000-000000000001" name="Photo" path="internal://p.jpg"/>'
        '<AudioSource guid="eeeeeeee-0000-4000-8000-000000000002" name="Interview" path="relative:///i.m4a"/>'
        '<PDFSource guid="eeeeeeee-0000-4000-8000-000000000003" name="Areas only" path="internal://a.pdf">'
        '<PDFSelection guid="eeeeeeee-0000-4000-8000-000000000004" page="1" firstX="1" firstY="1" secondX="5" '
        'secondY="5"/></PDFSource>'
        '<PDFSource guid="eeeeeeee-0000-4000-8000-000000000005" name="Report" path="internal://r.pdf">'
        '<Representation guid="eeeeeeee-0000-4000-8000-000000000006" plainTextPath="internal://r.txt">'
        f'{_sel("1", text.index("about 60 people"), text.index("about 60 people") + 15)}'
        "</Representation></PDFSource>"
        '<TextSource guid="eeeeeeee-0000-4000-8000-000000000007" name="External" '
        'plainTextPath="absolute:///C:/Users/x/secret.txt"/>'
    )
    path = _qdpx(tmp_path, _qde(sources), {"sources/r.txt": text.encode("utf-8"), "sources/p.jpg": b"\xff\xd8",
                                           "sources/a.pdf": b"%PDF-1.4"})
    store = new_store(tmp_path)
    report = import_qdpx(store, path, author())
    assert report.annotations_added == 1 and report.documents_added == 1
    assert [a.exact for a in store.annotations()] == ["about 60 people"]
    joined = "\n".join(map(str, report.skipped))
    for expected in ("picture sources are not supported", "audio sources are not supported",
                     "1 area selection(s)", "no plain-text representation", "outside the project"):
        assert expected in joined


@pytest.mark.parametrize(
    ("qde", "message"),
    [
        (b"<Project xmlns='urn:QDA-XML:project:1.0' name='x'><Sources>", "not well-formed"),
        (b"<?xml version='1.0'?><!DOCTYPE Project [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>"
         b"<Project xmlns='urn:QDA-XML:project:1.0' name='&xxe;'/>", "refused for safety"),
        (b"<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>"
         b"<!ENTITY lol1 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>"
         b"<!ENTITY lol2 '&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;'>"
         b"<!ENTITY lol3 '&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;'>]>"
         b"<Project xmlns='urn:QDA-XML:project:1.0' name='&lol3;'/>", "refused for safety"),
        (b"<Project name='no namespace'/>", "not a REFI-QDA project"),
        (_qde(f'<TextSource guid="dddddddd-0000-4000-8000-000000000001" name="T" plainTextPath="internal://t.txt">'
              f'{_sel("1", 10, 5000)}</TextSource>'), "outside the text"),
        (_qde(f'<TextSource guid="dddddddd-0000-4000-8000-000000000001" name="T" plainTextPath="internal://t.txt">'
              f'{_sel("1", 10, 20).replace(chr(34) + "20" + chr(34), chr(34) + "twenty" + chr(34))}</TextSource>'),
         "not a whole number"),
        (_qde('<TextSource guid="dddddddd-0000-4000-8000-000000000001" name="T" '
              'plainTextPath="internal://../../etc/passwd"/>'), "points outside the archive"),
        (_qde('<TextSource guid="dddddddd-0000-4000-8000-000000000001" name="T" plainTextPath="internal://gone.txt"/>'),
         "missing from the archive"),
    ],
)
def test_hostile_or_broken_projects_are_refused_and_nothing_is_written(tmp_path: Path, qde: bytes,
                                                                        message: str) -> None:
    store = new_store(tmp_path)
    doc = store.import_text("Article", ARTICLE, author())
    store.add_annotation(doc.uuid, "figure", *span(ARTICLE, "About 60 North Koreans"), author())
    path = _qdpx(tmp_path, qde, {"sources/t.txt": ARTICLE.encode("utf-8")})
    before, files = _state(store), _files(tmp_path)
    with pytest.raises(ImportFailed) as err:
        import_qdpx(store, path, author())
    assert message in str(err.value) and str(path) in str(err.value)
    assert "\n" not in str(err.value).strip() or message == "not well-formed"
    assert _state(store) == before
    assert _files(tmp_path) == files


def test_a_coder_without_a_usable_guid_is_credited_to_the_importer(tmp_path: Path) -> None:
    src = (f'<TextSource guid="dddddddd-0000-4000-8000-000000000001" name="T" plainTextPath="internal://t.txt">'
           f'{_sel("1", 0, 5).replace(USER, "not-a-guid")}</TextSource>')
    path = _qdpx(tmp_path, _qde(src), {"sources/t.txt": ARTICLE.encode("utf-8")})
    store = new_store(tmp_path)
    assert import_qdpx(store, path, author("Importer")).annotations_added == 1
    assert store.annotations()[0].creator == "Importer"


def _zip_with_names(path: Path, names: list[str]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("project.qde", _qde(""))
        for n in names:
            zf.writestr(zipfile.ZipInfo(n), b"owned")
    return path


@pytest.mark.parametrize(("entry", "message"), [
    ("../evil.txt", "points outside the archive"),
    ("sources/../../evil.txt", "points outside the archive"),
    ("/tmp/evil.txt", "absolute path"),
    ("C:/evil.txt", "absolute path"),
    ("sources\\..\\evil.txt", "backslashes"),
])
def test_zip_entries_escaping_the_archive_are_refused(tmp_path: Path, entry: str, message: str) -> None:
    store = new_store(tmp_path)
    path = _zip_with_names(tmp_path / "slip.qdpx", [entry])
    before, files = _state(store), _files(tmp_path)
    with pytest.raises(ImportFailed, match=message):
        import_qdpx(store, path, author())
    assert _state(store) == before and _files(tmp_path) == files
    assert not (tmp_path.parent / "evil.txt").exists()


def test_zip_bomb_is_refused_by_its_compression_ratio(tmp_path: Path) -> None:
    src = '<TextSource guid="dddddddd-0000-4000-8000-000000000001" name="T" plainTextPath="internal://bomb.txt"/>'
    path = _qdpx(tmp_path, _qde(src), {"sources/bomb.txt": b"a" * (40 * 1024 * 1024)})
    assert path.stat().st_size < 1024 * 1024
    store = new_store(tmp_path)
    with pytest.raises(ImportFailed, match="zip bombs"):
        import_qdpx(store, path, author())
    assert store.stats()["documents"] == 0


def test_zip_entry_lying_about_its_size_is_refused(tmp_path: Path) -> None:
    src = '<TextSource guid="dddddddd-0000-4000-8000-000000000001" name="T" plainTextPath="internal://big.txt"/>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("project.qde", _qde(src))
        zf.writestr("sources/big.txt", ("The real text is much longer than declared. " * 5000).encode())
    data = bytearray(buf.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("sources/big.txt")
    declared = (1000).to_bytes(4, "little")
    data[info.header_offset + 22: info.header_offset + 26] = declared  # local header
    central = data.index(b"PK\x01\x02")
    while data[central + 46: central + 46 + int.from_bytes(data[central + 28: central + 30], "little")] \
            != b"sources/big.txt":
        central = data.index(b"PK\x01\x02", central + 1)
    data[central + 24: central + 28] = declared  # central directory
    path = tmp_path / "liar.qdpx"
    path.write_bytes(bytes(data))
    store = new_store(tmp_path)
    with pytest.raises(ImportFailed, match=r"big\.txt"):
        import_qdpx(store, path, author())
    assert store.stats()["documents"] == 0


@pytest.mark.parametrize(("content", "message"), [
    (b"not a zip at all", "not a readable zip archive"),
    (None, "expected one .qde file"),
])
def test_files_that_are_not_projects_are_refused(tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "x.qdpx"
    if content is None:
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("readme.txt", "hello")
    else:
        path.write_bytes(content)
    with pytest.raises(ImportFailed, match=message):
        import_qdpx(new_store(tmp_path), path, author())


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="does not exist"):
        import_qdpx(new_store(tmp_path), tmp_path / "nowhere.qdpx", author())


def test_demo_project_survives_export_and_reimport(tmp_path: Path) -> None:
    qdpx = need_standards("refi-qda", "examples", "demo.qdpx")
    first = new_store(tmp_path, "first")
    import_qdpx(first, qdpx, author())
    export(first, "refi", tmp_path / "again.qdpx")
    with zipfile.ZipFile(tmp_path / "again.qdpx") as zf:
        schema = _xsd()
        assert schema.validate(etree.fromstring(zf.read("project.qde"))), schema.error_log
    second = new_store(tmp_path, "second")
    report = import_qdpx(second, tmp_path / "again.qdpx", author())
    assert (report.annotations_added, report.labels_added) == (205, 262)
    assert comparable(second.annotations()) == comparable(first.annotations())
