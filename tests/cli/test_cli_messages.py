"""What `import` says about near-identical texts, and the language of the messages (TESTIMONIA_LANG)."""

from __future__ import annotations

from pathlib import Path

import pytest

from testimonia.core import messages
from testimonia.core.messages_ko import KO

from .conftest import ARTICLES, Project, Run


def test_a_near_identical_text_is_imported_with_a_note_on_stderr(tmp_path: Path, cli: Run, project: Project) -> None:
    text = (ARTICLES / "river_crossing.txt").read_text(encoding="utf-8")
    page = tmp_path / "river_crossing.html"
    page.write_text("<html><body>" + "".join(f"<p>{p}</p>" for p in text.split("\n") if p.strip())
                    + "<footer>Share this story</footer></body></html>", encoding="utf-8")
    res = cli("import", project.path, page)
    assert res.code == 0 and len(res.lines) == 1  # imported, stdout as always
    (note,) = res.err_lines
    assert note.startswith(f"testimonia: {page}: imported, but a near-identical text is already in the project: “")
    assert f"(txt, {project.txt})" in note and note.endswith("% the same")
    docs = cli("docs", project.path).lines
    assert len(docs) == 3


MISSING = "00000000-0000-4000-8000-000000000000"


@pytest.mark.parametrize(("lang", "expected"), [
    ("ko", KO["no annotation {uuid} in this project"].format(uuid=MISSING)),
    ("ko_KR.UTF-8", KO["no annotation {uuid} in this project"].format(uuid=MISSING)),
    (None, f"no annotation {MISSING} in this project"),  # English by default, whatever the locale
])
def test_messages_follow_testimonia_lang(cli: Run, project: Project, monkeypatch: pytest.MonkeyPatch,
                                         lang: str | None, expected: str) -> None:
    monkeypatch.setenv("LANG", "ko_KR.UTF-8")
    if lang is None:
        monkeypatch.delenv(messages.ENV_LANGUAGE, raising=False)
    else:
        monkeypatch.setenv(messages.ENV_LANGUAGE, lang)
    try:
        res = cli("show", project.path, MISSING)
    finally:
        messages.set_language("en")
    assert res.code == 1 and res.err_lines == ["testimonia: error: " + expected]
