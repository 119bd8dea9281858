"""A teammate's file with a new annotation and an edit concurrent with ours: one conflict after merging."""

from __future__ import annotations

from pathlib import Path

from testimonia.core import merge
from testimonia.core.store import Store
from testimonia.core.views import AuthorRef

BOB = AuthorRef("6f1d7e1c-0b1e-4a57-9d55-3f6b0a3e9b01", "Bob Kim")


def teammate_with_conflict(window, tmp_path: Path) -> tuple[Path, str]:  # type: ignore[no-untyped-def]
    """Returns the teammate's file and the UUID of the annotation both of us edited."""
    store = window.session.store
    text = store.document_text(window.document.uuid)
    at = text.index("about 60 people")
    shared = store.add_annotation(window.document.uuid, "figure", at, at + len("about 60 people"), window.author,
                                  fields={"value": 60})
    path = tmp_path / "bob.testimonia"
    with Store.create(path, "Bob's copy", BOB) as bob:
        merge.merge(bob, store.path, BOB)
        bob.edit_annotation(shared.uuid, BOB, fields={"value": 65, "approximate": True}, note="Bob counted again")
        at2 = text.index("1951 Refugee Convention")
        bob.add_annotation(window.document.uuid, "obligation", at2, at2 + len("1951 Refugee Convention"), BOB)
    view = store.edit_annotation(shared.uuid, window.author, note="Min-ji: checked the source")
    window.session.annotation_changed.emit(view)
    return path, shared.uuid
