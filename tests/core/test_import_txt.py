"""extract() on plain text files, and the errors every format shares."""

from __future__ import annotations

import codecs
import hashlib
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from testimonia.core import importers
from testimonia.core.errors import Cancelled, ImportFailed
from testimonia.core.importers import SUPPORTED_SUFFIXES, Extracted, extract, extract_bytes
from testimonia.core.textnorm import normalise

ARTICLES = Path(__file__).parents[1] / "fixtures" / "articles"
CORE = Path(__file__).parents[2] / "desktop" / "testimonia" / "core"
ARTICLE = (ARTICLES / "border_returns.txt").read_text(encoding="utf-8")
KO_ARTICLE = (ARTICLES / "border_returns_ko.txt").read_text(encoding="utf-8")
HEADLINE = "Families Plead as Border Returns Resume After Holiday Lull"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "data",
    [
        ARTICLE.encode("utf-8"),
        codecs.BOM_UTF8 + ARTICLE.encode("utf-8"),
        codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"),
        ARTICLE.replace("\n", "\r\n").encode("utf-8"),
        ARTICLE.replace("\n", "\r").encode("utf-8"),
        codecs.BOM_UTF16_LE + ARTICLE.replace("\n", "\r\n").encode("utf-16-le"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "crlf", "lone-cr", "utf16le-crlf"],
)
def test_every_encoding_and_line_ending_gives_the_same_text(tmp_path: Path, data: bytes) -> None:
    path = _write(tmp_path, "border_returns.txt", data)
    result = extract(path)
    assert result.text == ARTICLE
    assert result.kind == "txt"
    assert result.title == HEADLINE
    assert result.source_name == "border_returns.txt"
    assert result.source_sha256 == hashlib.sha256(data).hexdigest()
    assert result.text_sha256 == hashlib.sha256(ARTICLE.encode("utf-8")).hexdigest()
    assert result.page_starts is None
    # An offset found in the source text is an offset in the stored text.
    start = ARTICLE.index("about 60 North Koreans")
    assert result.text[start : start + len("about 60 North Koreans")] == "about 60 North Koreans"


def test_cp949_korean_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "ko.txt", KO_ARTICLE.replace("\n", "\r\n").encode("cp949"))
    result = extract(path)
    assert result.text == KO_ARTICLE
    assert "“탈북민 강제북송을 중단하라”" in result.text
    assert result.title.startswith("중국, 탈북민 약 60명 강제북송")


def test_nfd_input_is_stored_as_nfc(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", KO_ARTICLE)
    assert len(nfd) > len(KO_ARTICLE)  # Hangul syllables decompose into jamo
    result = extract(_write(tmp_path, "nfd.md", nfd.encode("utf-8")))
    assert result.text == KO_ARTICLE
    assert normalise(result.text) == result.text


def test_text_same_as_content_gives_same_text_hash_for_different_files(tmp_path: Path) -> None:
    a = extract(_write(tmp_path, "a.txt", ARTICLE.encode("utf-8")))
    b = extract(_write(tmp_path, "b.text", codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le")))
    assert a.text_sha256 == b.text_sha256
    assert a.source_sha256 != b.source_sha256


def test_title_is_first_non_empty_line_cut_to_120(tmp_path: Path) -> None:
    long_line = "A " + "very " * 40 + "long headline"
    result = extract(_write(tmp_path, "notes.txt", f"\n\n   \n{long_line}\nbody".encode()))
    assert result.title == long_line[:120]
    assert result.text.startswith("\n\n   \n")  # nothing stripped from the stored text


def test_extract_bytes_matches_extract(tmp_path: Path) -> None:
    path = _write(tmp_path, "border_returns.txt", ARTICLE.encode("utf-8"))
    assert extract_bytes(path.read_bytes(), "border_returns.txt") == extract(path)


def test_progress_reaches_done_for_text(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    extract(_write(tmp_path, "a.txt", b"One line of testimony."), progress=lambda d, t: calls.append((d, t)))
    assert calls[-1] == (1, 1)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="does not exist") as info:
        extract(tmp_path / "gone.txt")
    assert info.value.path == tmp_path / "gone.txt"


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(ImportFailed, match="folder"):
        extract(folder)


@pytest.mark.parametrize("name", ["report.doc", "scan.png", "README"])
def test_unsupported_type_names_the_supported_ones(tmp_path: Path, name: str) -> None:
    with pytest.raises(ImportFailed) as info:
        extract(_write(tmp_path, name, b"whatever"))
    for suffix in SUPPORTED_SUFFIXES:
        assert suffix in info.value.reason


def test_suffix_is_case_insensitive(tmp_path: Path) -> None:
    assert extract(_write(tmp_path, "SHOUT.TXT", b"Stop the returns now.")).kind == "txt"


@pytest.mark.parametrize("data", [b"", b"   \n\r\n\t  "], ids=["empty", "whitespace"])
def test_empty_or_blank_file(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(ImportFailed, match=r"empty|no text"):
        extract(_write(tmp_path, "blank.txt", data))


def test_binary_file_with_txt_suffix(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="binary"):
        extract(_write(tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)))


@pytest.mark.parametrize(("name", "size"), [("huge.txt", "64 MB"), ("huge.html", "32 MB"), ("huge.pdf", "200 MB")])
def test_file_over_the_size_cap_is_refused_without_reading_it(tmp_path: Path, name: str, size: str) -> None:
    path = tmp_path / name
    with path.open("wb") as handle:  # sparse: costs no disk and is never read
        handle.truncate(importers.MAX_FILE_BYTES[importers._kind_of(path)] + 1)
    with pytest.raises(ImportFailed, match=size):
        extract(path)


def test_cancelled_before_start(tmp_path: Path) -> None:
    with pytest.raises(Cancelled):
        extract(_write(tmp_path, "a.txt", ARTICLE.encode()), cancelled=lambda: True)


def test_unexpected_parser_errors_become_import_failed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from testimonia.core.importers import txt

    def broken(data: bytes, path: Path) -> Extracted:
        raise RuntimeError("parser blew up\nwith detail")

    monkeypatch.setattr(txt, "extract_txt", broken)
    with pytest.raises(ImportFailed) as info:
        extract(_write(tmp_path, "a.txt", b"text"))
    assert "RuntimeError" in info.value.reason and "parser blew up with detail" in info.value.reason


def test_core_never_imports_qt() -> None:
    qt_import = re.compile(r"^\s*(from|import)\s+(PySide\d|PyQt\d|shiboken\d)", re.MULTILINE)
    offenders = [str(path) for path in CORE.rglob("*.py") if qt_import.search(path.read_text(encoding="utf-8"))]
    assert offenders == []
    script = (
        "import sys\n"
        "from testimonia.core.importers import extract, txt, html, pdf, docx, pdf_parallel\n"
        "assert not [m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))]\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


def test_title_skips_web_page_furniture_before_the_headline(tmp_path: Path) -> None:
    p = tmp_path / "saved.txt"
    p.write_text("본문 바로가기\nbar_progress\n\nText Size\n\nClose\n\n"
                 "Seoul urges Beijing to halt forced returns of defectors\n\nBody text follows here.\n",
                 encoding="utf-8")
    assert extract(p).title == "Seoul urges Beijing to halt forced returns of defectors"
    q = tmp_path / "short.txt"
    q.write_text("Memo\nok\n", encoding="utf-8")
    assert extract(q).title == "Memo"  # nothing looks like a headline: the first line still serves
