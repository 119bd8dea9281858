"""Moving by keyboard: to the next or previous annotation of the open document, and document.

Annotations go in the order the annotations table shows them (text order, its filters applied);
with none selected, the step starts from the reader's cursor. Focus stays where it is, so a
reader can go on selecting and a user in a field goes on typing into the next annotation's field.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from .i18n import translate

if TYPE_CHECKING:
    from .shell import Shell


def step_annotation(win: Shell, delta: int) -> str | None:
    """Select the annotation `delta` rows away (1 next, -1 previous); its UUID, or None at an end."""
    model = win.annotations.model
    rows = model.rows()
    if win.document is None or not rows:
        win.show_status(translate("Navigation", "This document has no annotations yet"))
        return None
    current = model.row_of(win.selected) if win.selected else -1
    if current >= 0:
        target = current + delta
    else:
        at = win.reader.offsets.to_codepoint(win.reader.textCursor().position())
        starts = [r.start for r in rows]
        target = bisect_left(starts, at) if delta > 0 else bisect_right(starts, at - 1) - 1
    if not 0 <= target < len(rows):
        win.show_status(translate("Navigation", "That was the last annotation") if delta > 0
                        else translate("Navigation", "That was the first annotation"))
        return None
    uuid = rows[target].uuid
    win.select_annotation(uuid, reveal=True)
    return uuid


def step_document(win: Shell, delta: int) -> str | None:
    """Open the document `delta` rows away in the documents list as it is shown (sorted, filtered)."""
    panel = win.documents
    count = panel.model.rowCount()
    if count == 0:
        return None
    current = -1
    if win.document is not None:
        current = panel.model.row_of(win.document.uuid)
    target = current + delta if current >= 0 else (0 if delta > 0 else count - 1)
    if not 0 <= target < count:
        win.show_status(translate("Navigation", "That was the last document") if delta > 0
                        else translate("Navigation", "That was the first document"))
        return None
    from .documents_panel import UUID_ROLE

    uuid = str(panel.model.index(target, 0).data(UUID_ROLE))
    win.open_document(uuid)
    return uuid
