"""brat standoff export: a folder with <name>.txt and <name>.ann per document, plus the
annotation.conf and visual.conf that let brat open the folder as a collection.

Offsets are code points of the stored text (what brat's Python server counts), end exclusive.
brat refuses a text-bound span that crosses a line break, so a span is split at newlines into
fragments ``start end;start end``, and the T line's text is the fragments joined by one space.
Fields and the note go into one AnnotatorNotes line per annotation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from testimonia.core import labels
from testimonia.core.messages import Message
from testimonia.core.store import Store
from testimonia.core.views import AnnotationView

from .atomic import write_folder
from .selection import Progress, Scope, Ticker, kind_name

_TYPE_BAD = re.compile(r"[^0-9A-Za-z_\-]+")
_FILE_BAD = re.compile(r"[^\w\-]+")
# Everything Python's str.splitlines() breaks at, plus tab: brat must see none of it inside a span.
_BREAKS = frozenset("\n\r\t\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def entity_type(a: AnnotationView) -> str:
    """brat type names are single tokens: built-ins by kind (Statement), custom labels sanitised."""
    name = kind_name(a)
    name = name.capitalize() if a.kind in labels.BY_KIND else name
    return _TYPE_BAD.sub("_", name).strip("_") or "Label"


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Runs of [start, end) that hold no line break (nor a tab, the .ann column separator); empty
    runs are dropped."""
    out: list[tuple[int, int]] = []
    s = start
    for i in range(start, end + 1):
        if i == end or text[i] in _BREAKS:
            if i > s:
                out.append((s, i))
            s = i + 1
    return out


def _one_line(s: str) -> str:
    return " ".join(s.split())


def _value(v: object) -> str:
    return ("yes" if v else "no") if isinstance(v, bool) else str(v)


def notes_line(a: AnnotationView) -> str:
    parts = [f"{k}: {_one_line(_value(v))}" for k, v in a.fields.items()]
    if a.note:
        parts.append("note: " + _one_line(a.note))
    return " | ".join(parts)


def ann_lines(text: str, anns: Iterable[AnnotationView], skipped: list[Message]) -> Iterator[str]:
    """The .ann file's lines (each ending in a newline) for one document's annotations."""
    t = n = 0
    for a in anns:
        frags = fragments(text, a.start, a.end)
        if not frags:
            skipped.append(Message("annotation {uuid}: its span holds only line breaks; left out of the brat export",
                                   uuid=a.uuid))
            continue
        t += 1
        spans = ";".join(f"{s} {e}" for s, e in frags)
        yield f"T{t}\t{entity_type(a)} {spans}\t{' '.join(text[s:e] for s, e in frags)}\n"
        note = notes_line(a)
        if note:
            n += 1
            yield f"#{n}\tAnnotatorNotes T{t}\t{note}\n"


def file_stem(title: str, uuid: str) -> str:
    # Titles keep letters of any script (Hangul included) but nothing a file system could trip on.
    slug = _FILE_BAD.sub("_", title).strip("_")[:40] or "document"
    return f"{slug}-{uuid[:8]}"


# brat forbids overlapping entities unless the configuration allows them, and its validator then
# flags every pair; spans in Testimonia overlap freely (nested, crossing or on the same words).
OVERLAP_RULE = "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>"


def _confs(types: dict[str, str]) -> tuple[str, str]:
    entities = "\n".join(sorted(types))
    annotation_conf = f"[entities]\n{entities}\n\n[relations]\n{OVERLAP_RULE}\n\n[events]\n\n[attributes]\n"
    visual = "\n".join(f"{t} | {t}" for t in sorted(types))
    drawing = "\n".join(f"{t}\tbgColor:{c}" for t, c in sorted(types.items()))
    return annotation_conf, f"[labels]\n{visual}\n\n[drawing]\n{drawing}\n"


def export_brat(store: Store, scope: Scope, out: Path, progress: Progress | None) -> list[Message]:
    """One document at a time: its text, then its annotations; the two .conf files, which list
    every entity type met, at the end."""
    skipped: list[Message] = []
    colours = {lb.uuid: lb.color for lb in store.labels(include_deleted=True)}
    # Each type takes the colour of its last annotation's label; built-ins no annotation uses keep theirs.
    types: dict[str, str] = {b.kind.capitalize(): b.color for b in labels.BUILTINS}
    tick = Ticker(progress, scope.total + len(scope.documents()))

    def noted(anns: Iterator[AnnotationView]) -> Iterator[AnnotationView]:
        for a in anns:
            types[entity_type(a)] = colours.get(a.label_uuid, "#cccccc")
            yield a
            tick()

    def fill(folder: Path) -> None:
        for d, anns in scope.by_document():
            text = scope.text(d.uuid)
            stem = file_stem(d.title, d.uuid)
            # newline="" keeps \n as is on Windows: the offsets count exactly these characters.
            with (folder / f"{stem}.txt").open("w", encoding="utf-8", newline="") as fh:
                fh.write(text)
            with (folder / f"{stem}.ann").open("w", encoding="utf-8", newline="") as fh:
                fh.writelines(ann_lines(text, noted(anns), skipped))
            tick()
        conf, visual = _confs(types)
        (folder / "annotation.conf").write_text(conf, encoding="utf-8")
        (folder / "visual.conf").write_text(visual, encoding="utf-8")

    write_folder(out, fill)
    return skipped
