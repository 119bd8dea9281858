"""Web pages: the article's sentences come through, the page furniture does not."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from testimonia.core.errors import ImportFailed
from testimonia.core.importers import extract
from testimonia.core.textnorm import normalise

ARTICLES = Path(__file__).parents[1] / "fixtures" / "articles"
PAGE = ARTICLES / "shelter_raid.html"

ARTICLE_SENTENCES = [
    "detained about 60 North Koreans, including at least nine children",
    "“They came with three buses and did not say where they were taking anyone,” said a volunteer",
    "Activists estimate that 500 to 600 escapees are currently held across Jilin province",
    "Under the 1951 Refugee Convention and the Convention against Torture, China has non-refoulement obligations",
    "“탈북민 강제북송을 중단하라”",
    "“to uphold the principle of non-refoulement without exception.”",
]
BOILERPLATE = [
    "We use cookies",
    "Accept all cookies",
    "Manage preferences",
    "Donate now",
    "Skip to main content",
    "Share this article",
    "Copy link",
    "Subscribe to our newsletter",
    "delivered to your inbox",
    "Sign up",
    "Leave a reply",
    "3 comments",
    "This is heartbreaking",  # reader comments
    "Fake news",
    "Related stories",
    "Dandong detainees moved overnight",
    "All rights reserved",
    "Privacy policy",
    "dataLayer",  # script
    "position:fixed",  # style
]


def test_article_text_without_boilerplate() -> None:
    result = extract(PAGE)
    assert result.kind == "html"
    for sentence in ARTICLE_SENTENCES:
        assert sentence in result.text
    for junk in BOILERPLATE:
        assert junk not in result.text, junk
    assert normalise(result.text) == result.text


def test_paragraphs_are_separate_lines() -> None:
    lines = extract(PAGE).text.split("\n")
    assert any(line.startswith("Activists estimate that 500 to 600") for line in lines)
    assert any(line.startswith("In Seoul, a small group of families") for line in lines)


def test_title_and_metadata() -> None:
    result = extract(PAGE)
    assert result.title == "Police Raid on Shelter Leaves Escapees Facing Return"
    assert result.metadata["author"] == "Lee Soo-jin"
    assert result.metadata["date"] == "2024-03-12"
    assert result.metadata["url"] == "https://rights-monitor.example.org/2024/03/shelter-raid"
    assert result.metadata["sitename"] == "Northeast Asia Rights Monitor"


def test_meta_charset_euc_kr_is_honoured(tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=euc-kr">'
        "<title>성명서</title></head><body><nav>홈 | 뉴스</nav>"
        "<p>“탈북민 강제북송을 중단하라” - 가족들은 약 60명의 생사를 알 수 없다고 말했다.</p></body></html>"
    )
    path = tmp_path / "statement.htm"
    path.write_bytes(page.encode("cp949"))
    result = extract(path)
    assert "“탈북민 강제북송을 중단하라”" in result.text
    assert "홈 | 뉴스" not in result.text
    assert result.title == "성명서"


def test_latin1_declaration_decodes_windows_1252_quotes(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="ISO-8859-1"><title>Statement</title></head><body>'
        "<p>The ministry called them “illegal migrants” and refused access.</p></body></html>"
    )
    path = tmp_path / "latin.html"
    path.write_bytes(page.encode("cp1252"))
    assert "“illegal migrants”" in extract(path).text


def test_utf16_bom_page(tmp_path: Path) -> None:
    path = tmp_path / "utf16.html"
    path.write_bytes(codecs.BOM_UTF16_LE + PAGE.read_text(encoding="utf-8").encode("utf-16-le"))
    assert ARTICLE_SENTENCES[0] in extract(path).text


def test_tiny_page_falls_back_to_body_without_menus(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Joint statement</title><script>track()</script></head><body>"
        "<header>Coalition logo</header><nav>Home | Campaigns</nav>"
        "<p>We call on all states to respect <b>non-refoulement</b>.</p>"
        "<footer>© Coalition</footer></body></html>"
    )
    path = tmp_path / "tiny.html"
    path.write_bytes(page.encode("utf-8"))
    result = extract(path)
    assert "We call on all states to respect non-refoulement." in result.text
    for junk in ("Coalition logo", "Home | Campaigns", "© Coalition", "track()"):
        assert junk not in result.text
    assert result.title == "Joint statement"


def test_fallback_extractor_directly() -> None:
    from testimonia.core.importers.html import _fallback_text

    text, title = _fallback_text(
        "<html><head><title>T</title></head><body><nav>Menu</nav><div>First   line<br>second line</div>"
        "<aside>Subscribe to our newsletter</aside><ul><li>item one</li><li>item two</li></ul>"
        "<!-- a comment --><form>Search</form><p>Last “quoted” words.</p></body></html>"
    )
    assert text == "First line\nsecond line\nitem one\nitem two\nLast “quoted” words."
    assert title == "T"


def test_page_with_no_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_bytes(b"<html><head><script>var a = 1;</script></head><body><nav>Home</nav></body></html>")
    with pytest.raises(ImportFailed, match="no text"):
        extract(path)
