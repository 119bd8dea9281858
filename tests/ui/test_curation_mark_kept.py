"""A curated annotation stays curated through the editor's label change."""

from __future__ import annotations

from testimonia.core.labels import CURATION_FIELD
from testimonia.ui.annotation_editor import fields_for

MARK = "accept 3f0c6a0e-0000-4000-8000-000000000001 3f0c6a0e-0000-4000-8000-000000000002"


def test_a_label_change_keeps_the_curation_mark_and_drops_foreign_fields():
    kept = fields_for("obligation", {CURATION_FIELD: MARK, "speaker": "the minister", "instrument": "CAT"})
    assert kept == {CURATION_FIELD: MARK, "instrument": "CAT"}
