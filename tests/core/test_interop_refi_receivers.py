"""REFI-QDA as the receiving tools read it: QualCoder keeps only a selection's Description as its
memo (a NoteRef inside a selection is ignored), copies each source to `documents/<name>.txt`, and
gives everything new GUIDs when it exports the project again."""

from __future__ import annotations

import re
import uuid
import zipfile
from pathlib import Path

from lxml import etree

from testimonia.core.interop import export, import_qdpx
from testimonia.core.store import Store

from .interop_helpers import annotated_project, comparable, need_standards
from .store_helpers import author, new_store, span

Q = "{urn:QDA-XML:project:1.0}"


def _qde(qdpx: Path) -> etree._Element:
    with zipfile.ZipFile(qdpx) as zf:
        return etree.fromstring(zf.read("project.qde"))


def _descriptions(root: etree._Element) -> dict[str, str | None]:
    return {sel.get("guid"): sel.findtext(f"{Q}Description") for sel in root.iter(f"{Q}PlainTextSelection")}


def _by_quote(store: Store, quote: str) -> str:
    return next(a.uuid for a in store.annotations() if a.exact == quote)


def test_each_selection_description_holds_the_note_then_the_fields_as_lines(tmp_path: Path) -> None:
    store, _doc = annotated_project(tmp_path)
    export(store, "refi", tmp_path / "en.qdpx")
    desc = _descriptions(_qde(tmp_path / "en.qdpx"))
    assert desc[_by_quote(store, "“They took 43 people across the bridge at dawn,”")] == (
        "Quoted by two outlets.\nSee also 12 May.\n\nSpeaker: a relative\nMode: direct")
    assert desc[_by_quote(store, "43 people")] == "Value: 43\nApproximate: no\nWhat is counted: people returned"
    low_high = next(v for v in desc.values() if v and "Low" in v)
    assert low_high == "spans a line break; starts on an emoji\n\nLow: 500\nHigh: 600\nVague: yes"
    # A custom label's fields are shown by the names its user gave them.
    assert desc[_by_quote(store, "👨‍👩‍👧 families")] == "=not a formula\n\ncount: 3\nexact: 1.5\nok: yes"
    assert not any("speaker_role" in (v or "") or "value_low" in (v or "") for v in desc.values())


def test_korean_export_is_valid_and_our_own_import_takes_the_lines_out_again(tmp_path: Path) -> None:
    from .test_interop_refi import _xsd

    store, _doc = annotated_project(tmp_path)
    export(store, "refi", tmp_path / "ko.qdpx", language="ko")
    root = _qde(tmp_path / "ko.qdpx")
    assert _xsd().validate(root), _xsd().error_log
    desc = _descriptions(root)
    assert desc[_by_quote(store, "“가족과 연락이 끊겼다”")] == "발언자: 탈북민 가족 대표\n인용 방식: 직접 인용"
    assert desc[_by_quote(store, "43 people")] == "값: 43\n어림값: 아니요\n세는 대상: people returned"
    # The fields note still carries the keys and typed values for a program.
    assert any('"approximate": false' in (n.findtext(f"{Q}PlainTextContent") or "") for n in root.iter(f"{Q}Note"))
    target = new_store(tmp_path, "target", who="Other")
    import_qdpx(target, tmp_path / "ko.qdpx", author("Other"))
    assert comparable(target.annotations()) == comparable(store.annotations())  # notes without the lines


def test_every_source_has_a_creator_and_a_name_safe_as_a_file_name(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    titles = ["Report 2023/24: returns", "Report 2023-24 returns", 'Who said "no"? <draft> a\\b|c*', "CON", "...",
              "탈북민 " * 60]
    importer = {}
    for i, title in enumerate(titles):
        who = "Joon" if i % 2 else "Min-ji"
        importer[store.import_text(title, f"Text number {i} about 60 people.\n", author(who)).uuid] = who
    export(store, "refi", tmp_path / "names.qdpx")
    root = _qde(tmp_path / "names.qdpx")
    users = {u.get("guid"): u.get("name") for u in root.iter(f"{Q}User")}
    sources = list(root.iter(f"{Q}TextSource"))
    assert len(sources) == len(titles)
    names = [s.get("name") for s in sources]
    for src, name in zip(sources, names, strict=True):
        title = store.document(src.get("guid")).title
        assert users[src.get("creatingUser")] == importer[src.get("guid")]
        assert not re.search(r'[/\\:*?"<>|\x00-\x1f]', name) and name == name.strip(" .") and name
        assert len(name.encode("utf-8")) <= 120 and name.upper() != "CON"
        assert src.findtext(f"{Q}Description").startswith(f"Title: {title}\n")  # the full title stays readable
    assert len({n.casefold() for n in names}) == len(names)
    assert {"Report 2023-24 returns", "Report 2023-24 returns (2)", "_CON", "document"} <= set(names)
    assert "Who said 'no' draft a-b-c" in names


def _through_another_tool(qdpx: Path, out: Path, extra_coder: str | None = None) -> None:
    """What a QDA tool's export of our file gives back (QualCoder's does exactly this): every GUID
    new, coders and codes known by name only, the fields note gone, each Description kept as the
    memo, and the texts written with a byte-order mark."""
    with zipfile.ZipFile(qdpx) as zf:
        root = etree.fromstring(zf.read("project.qde"))
        texts = {n: zf.read(n) for n in zf.namelist() if n.startswith("sources/")}
    fresh: dict[str, str] = {}
    for el in root.iter():
        for attr in ("guid", "targetGUID", "creatingUser", "modifyingUser"):
            if el.get(attr):
                el.set(attr, fresh.setdefault(el.get(attr), str(uuid.uuid4()).upper()))
    for ref in list(root.iter(f"{Q}NoteRef")):
        ref.getparent().remove(ref)
    root.remove(root.find(f"{Q}Notes"))
    if extra_coder:  # a colleague coded one span the same way in the other tool
        users = root.find(f"{Q}Users")
        etree.SubElement(users, f"{Q}User", guid=str(uuid.uuid4()), name=extra_coder)
        sel = next(root.iter(f"{Q}PlainTextSelection"))
        copy = etree.fromstring(etree.tostring(sel))
        copy.set("guid", str(uuid.uuid4()))
        for el in copy.iter():
            if el.get("creatingUser"):
                el.set("creatingUser", users[-1].get("guid"))
        sel.addnext(copy)
    files = {}
    for src in root.iter(f"{Q}TextSource"):
        old = "sources/" + src.get("plainTextPath").removeprefix("internal://")
        name = f"{uuid.uuid4()}.txt"
        src.set("plainTextPath", f"internal://{name}")
        files[f"sources/{name}"] = b"\xef\xbb\xbf" + texts[old]
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("project.qde", etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
        for name, data in files.items():
            zf.writestr(name, data)


def test_our_export_back_from_another_tool_matches_what_the_project_holds(tmp_path: Path) -> None:
    store, doc = annotated_project(tmp_path)
    text = store.document_text(doc)
    store.add_annotation(doc, "figure", *span(text, "500 to 600"), author())  # no fields, no note
    export(store, "refi", tmp_path / "ours.qdpx")
    _through_another_tool(tmp_path / "ours.qdpx", tmp_path / "back.qdpx", extra_coder="Ha-eun")
    before = comparable(store.annotations())
    report = import_qdpx(store, tmp_path / "back.qdpx", author())
    # Six came back without their fields: the same annotations, not new ones. The one with nothing
    # to lose is identical. Only the colleague's coding of the same span is new.
    assert (report.annotations_matched, report.duplicates, report.annotations_added) == (6, 1, 1)
    assert report.to_json()["annotations_matched"] == 6
    after = store.annotations()
    assert len(after) == len(before) + 1
    assert [c for c in comparable(after) if c[7] != "Ha-eun"] == before  # fields and notes kept as they were
    assert import_qdpx(store, tmp_path / "back.qdpx", author()).annotations_added == 0


def test_a_project_without_them_gets_the_notes_with_the_fields_readable(tmp_path: Path) -> None:
    store, _doc = annotated_project(tmp_path)
    export(store, "refi", tmp_path / "ours.qdpx")
    _through_another_tool(tmp_path / "ours.qdpx", tmp_path / "back.qdpx")
    other = new_store(tmp_path, "other", who="Other")
    report = import_qdpx(other, tmp_path / "back.qdpx", author("Other"))
    assert (report.annotations_added, report.annotations_matched) == (6, 0)
    quote = next(a for a in other.annotations() if a.exact == "“They took 43 people across the bridge at dawn,”")
    assert quote.note == "Quoted by two outlets.\nSee also 12 May.\n\nSpeaker: a relative\nMode: direct"
    assert quote.creator == "Min-ji" and quote.fields == {}


def test_the_example_projects_still_validate_after_the_change(tmp_path: Path) -> None:
    from .test_interop_refi import _xsd

    qdpx = need_standards("refi-qda", "examples", "demo.qdpx")
    store = new_store(tmp_path)
    import_qdpx(store, qdpx, author())
    export(store, "refi", tmp_path / "demo-again.qdpx", language="ko")
    root = _qde(tmp_path / "demo-again.qdpx")
    assert _xsd().validate(root), _xsd().error_log
    assert all(s.get("creatingUser") for s in root.iter(f"{Q}TextSource"))
