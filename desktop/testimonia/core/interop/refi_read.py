"""Reading a REFI-QDA project (.qdpx) into plain values, checking everything, writing nothing.

What Testimonia cannot hold (pictures, audio, video, PDF area selections, codes applied to a whole
source, sources stored outside the archive) is listed in `skipped` and left out; what is broken
(unsafe XML or zip entries, offsets outside the text, non-numeric positions) raises ImportFailed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from testimonia.core.errors import ImportFailed
from testimonia.core.messages import Message
from testimonia.core.textnorm import decode_bytes

from .importing import normal_guid
from .safe_xml import parse
from .safe_zip import SafeZip, unsafe_name

NS = "urn:QDA-XML:project:1.0"
MAX_SOURCES = 10_000
MAX_SELECTIONS = 1_000_000
_MEDIA = {"PictureSource": "picture", "AudioSource": "audio", "VideoSource": "video"}


def q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


@dataclass
class Coding:
    code: str
    user: str | None
    created: str | None
    notes: list[str]


@dataclass
class Selection:
    guid: str
    start: int
    end: int
    user: str | None
    created: str | None
    description: str
    notes: list[str]  # GUIDs of linked notes
    codings: list[Coding]


@dataclass
class TextSource:
    guid: str | None
    name: str
    raw: str  # decoded, not yet normalised: selection offsets count code points of this
    data: bytes
    selections: list[Selection]


@dataclass
class Code:
    guid: str
    name: str  # made unique within the file with its parents' names where leaves repeat
    color: str | None
    codable: bool


@dataclass
class Project:
    users: dict[str, str] = field(default_factory=dict)
    codes: dict[str, Code] = field(default_factory=dict)
    notes: dict[str, tuple[str, str]] = field(default_factory=dict)  # guid -> (name, text)
    texts: list[TextSource] = field(default_factory=list)
    skipped: list[Message] = field(default_factory=list)


def read_qdpx(path: Path) -> Project:
    with SafeZip(path) as zf:
        qde = [n for n in zf.names() if "/" not in n and n.casefold().endswith(".qde")]
        if len(qde) != 1:
            found = "none" if not qde else ", ".join(qde)
            raise ImportFailed(path, "not a REFI-QDA project: expected one .qde file at the top, found {found}",
                               found=found)
        where = f"{path} ({qde[0]})"
        root = parse(zf.read(qde[0]), where)
        if root.tag != q("Project"):
            raise ImportFailed(where, "not a REFI-QDA project: the root element is {tag!r}, expected Project in "
                                      "namespace {ns}", tag=root.tag, ns=NS)
        return _Reader(zf, path, where).project(root)


class _Reader:
    def __init__(self, zf: SafeZip, path: Path, where: str) -> None:
        self.zf, self.path, self.where = zf, path, where
        self.out = Project()
        self.selections = 0

    def fail(self, text: str | Message, /, **params: object) -> ImportFailed:
        return ImportFailed(self.where, text, **params)

    def project(self, root: etree._Element) -> Project:
        for user in root.iterfind(f"{q('Users')}/{q('User')}"):
            guid = self.guid(user, "User")
            self.out.users[guid] = user.get("name") or user.get("id") or ""
        codes = root.find(f"{q('CodeBook')}/{q('Codes')}")
        if codes is not None:
            self.codes(codes, [])
            self.unique_names()
        for note in root.iterfind(f"{q('Notes')}/{q('Note')}"):
            guid = self.guid(note, "Note")
            text = self.text_of(note, f"note {guid}")
            self.out.notes[guid] = (note.get("name") or "", text or "")
        sources = root.find(q("Sources"))
        if sources is not None:
            if len(sources) > MAX_SOURCES:
                raise self.fail("more than {limit:,} sources", limit=MAX_SOURCES)
            for src in sources:
                self.source(src)
        return self.out

    def guid(self, el: etree._Element, what: str, attr: str = "guid") -> str:
        guid = normal_guid(el.get(attr))
        if guid is None:
            raise self.fail("a {what} has a missing or malformed {attr} ({value!r}, line {line})", what=what, attr=attr,
                            value=el.get(attr), line=el.sourceline)
        return guid

    def codes(self, parent: etree._Element, path: list[str]) -> None:
        for code in parent.iterfind(q("Code")):
            guid = self.guid(code, "Code")
            name = " ".join((code.get("name") or "").split()) or "Unnamed code"
            codable = (code.get("isCodable") or "true").strip().lower() in ("true", "1")
            self.out.codes[guid] = Code(guid, " / ".join([*path, name]), code.get("color"), codable)
            self.codes(code, [*path, name])

    def unique_names(self) -> None:
        # Leaves keep their own name unless two codes share it; then their parents' names tell them apart.
        full = {g: c.name.split(" / ") for g, c in self.out.codes.items()}
        depth = dict.fromkeys(full, 1)
        while True:
            names: dict[str, list[str]] = {}
            for g, parts in full.items():
                names.setdefault(" / ".join(parts[-depth[g]:]).casefold(), []).append(g)
            clashes = [gs for gs in names.values() if len(gs) > 1]
            grown = False
            for gs in clashes:
                for g in gs:
                    if depth[g] < len(full[g]):
                        depth[g] += 1
                        grown = True
            if not grown:
                break
        for g, parts in full.items():
            self.out.codes[g].name = " / ".join(parts[-depth[g]:])

    def text_of(self, el: etree._Element, what: str) -> str | None:
        """Plain text of a TextSourceType element: inline content, or its file inside the archive."""
        inline = el.find(q("PlainTextContent"))
        if inline is not None:
            return inline.text or ""
        ref = el.get("plainTextPath")
        if not ref:
            return None
        data = self.read_internal(ref, what)
        return None if data is None else decode_bytes(data, Path(f"{self.path} ({ref})"))

    def read_internal(self, ref: str, what: str) -> bytes | None:
        scheme, sep, rest = ref.partition("://")
        if sep and scheme.lower() != "internal":
            self.out.skipped.append(Message("{what}: its text is a file outside the project ({ref}); skipped",
                                            what=what, ref=ref))
            return None
        rel = rest if sep else ref
        problem = unsafe_name(rel)
        if problem:
            raise self.fail("{what}: refused: the path {ref!r} {problem}", what=what, ref=ref, problem=problem)
        name = self.zf.find(f"sources/{rel}") or self.zf.find(rel)
        if name is None:
            raise self.fail("{what}: its text file {ref!r} is missing from the archive", what=what, ref=ref)
        return self.zf.read(name)

    def source(self, src: etree._Element) -> None:
        kind = etree.QName(src).localname
        guid = normal_guid(src.get("guid"))
        label = f"{kind} “{src.get('name') or guid}”"
        if kind in _MEDIA:
            self.out.skipped.append(
                Message("{label}: picture sources are not supported; skipped", label=label) if kind == "PictureSource"
                else Message("{label}: audio sources are not supported; skipped", label=label)
                if kind == "AudioSource" else Message("{label}: video sources are not supported; skipped", label=label))
            return
        if kind == "PDFSource":
            areas = len(src.findall(q("PDFSelection")))
            rep = src.find(q("Representation"))
            if areas:
                self.out.skipped.append(Message("{label}: {count} area selection(s) on PDF pages are not supported; "
                                                "skipped", label=label, count=areas))
            if rep is None:
                self.out.skipped.append(Message("{label}: no plain-text representation of the PDF; skipped",
                                                label=label))
                return
            self.text_source(rep, label, fallback_name=src.get("name"), guid=guid)
            return
        if kind != "TextSource":
            self.out.skipped.append(Message("{label}: unknown kind of source; skipped", label=label))
            return
        self.text_source(src, label, fallback_name=None, guid=guid)

    def text_source(self, src: etree._Element, label: str, fallback_name: str | None, guid: str | None) -> None:
        whole = len(src.findall(q("Coding")))
        if whole:
            self.out.skipped.append(Message("{label}: {count} code(s) applied to the whole source, not to a "
                                            "passage; skipped", label=label, count=whole))
        ref = src.get("plainTextPath")
        if src.find(q("PlainTextContent")) is not None:
            data = (src.find(q("PlainTextContent")).text or "").encode("utf-8")  # type: ignore[union-attr]
        elif ref:
            got = self.read_internal(ref, label)
            if got is None:
                return
            data = got
        else:
            self.out.skipped.append(Message("{label}: no plain text (only a rich-text file); skipped", label=label))
            return
        raw = decode_bytes(data, Path(f"{self.path} ({ref or label})")) if data else ""
        name = src.get("name") or fallback_name or (Path(ref).stem if ref else "") or "Untitled"
        sels = [self.selection(el, label, len(raw)) for el in src.iterfind(q("PlainTextSelection"))]
        self.out.texts.append(TextSource(guid, name, raw, data, sels))

    def selection(self, el: etree._Element, label: str, length: int) -> Selection:
        self.selections += 1
        if self.selections > MAX_SELECTIONS:
            raise self.fail("more than {limit:,} selections", limit=MAX_SELECTIONS)
        guid = self.guid(el, "PlainTextSelection")
        start, end = self.position(el, "startPosition", guid), self.position(el, "endPosition", guid)
        if not 0 <= start <= end <= length:
            raise self.fail("{label}: selection {guid} has offsets {start}..{end}, outside the text (0..{length} "
                            "characters)", label=label, guid=guid, start=start, end=end, length=length)
        codings = []
        for c in el.iterfind(q("Coding")):
            ref = c.find(q("CodeRef"))
            if ref is None:
                raise self.fail("{label}: a coding of selection {guid} has no CodeRef", label=label, guid=guid)
            codings.append(Coding(self.guid(ref, "CodeRef", "targetGUID"), normal_guid(c.get("creatingUser")),
                                  c.get("creationDateTime"), self.note_refs(c)))
        desc = el.find(q("Description"))
        return Selection(guid, start, end, normal_guid(el.get("creatingUser")), el.get("creationDateTime"),
                         (desc.text or "") if desc is not None else "", self.note_refs(el), codings)

    def note_refs(self, el: etree._Element) -> list[str]:
        return [self.guid(r, "NoteRef", "targetGUID") for r in el.iterfind(q("NoteRef"))]

    def position(self, el: etree._Element, attr: str, guid: str) -> int:
        raw = (el.get(attr) or "").strip()
        try:
            return int(raw, 10)
        except ValueError:
            raise self.fail("selection {guid}: {attr} {raw!r} is not a whole number", guid=guid, attr=attr,
                            raw=raw) from None
