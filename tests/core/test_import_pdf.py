"""PDF import: page offsets, the parallel path, and every way a PDF can be unusable."""

from __future__ import annotations

import io
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from testimonia.core.errors import Cancelled, ImportFailed
from testimonia.core.importers import extract, extract_bytes, pdf, pdf_parallel
from testimonia.core.textnorm import normalise

KOREAN_FONT = "HYSMyeongJo-Medium"
pdfmetrics.registerFont(UnicodeCIDFont(KOREAN_FONT))

PAGES = [
    [
        "Returned to Danger: forced repatriation from China",
        "Witnesses said about 60 North Koreans were held in Dandong in March.",
        "“We heard the buses leave before dawn,” one woman told us.",
    ],
    [
        "Chapter 2. Figures reported by families",
        "Between 500 to 600 people were returned in a single night last October.",
    ],
    [
        "“탈북민 강제북송을 중단하라” 가족들의 호소",
        "중국은 1951년 난민협약의 당사국이다.",
    ],
    [
        "Chapter 3. Legal obligations",
        "China is a party to the 1951 Refugee Convention and the Convention against Torture,",
        "and its non-refoulement obligations admit no exception.",
    ],
]


def make_pdf(pages: list[list[str]], title: str | None = None) -> bytes:
    buffer = io.BytesIO()
    pdf_canvas = canvas.Canvas(buffer)
    if title is not None:
        pdf_canvas.setTitle(title)
    for lines in pages:
        y = 760
        for line in lines:
            korean = any("\uac00" <= ch <= "\ud7a3" for ch in line)
            pdf_canvas.setFont(KOREAN_FONT if korean else "Helvetica", 11)
            pdf_canvas.drawString(60, y, line)
            y -= 16
        pdf_canvas.showPage()
    pdf_canvas.save()
    return buffer.getvalue()


def report_pages(count: int) -> list[list[str]]:
    return [
        [
            f"Interview {n}: the witness described the detention centre in Tumen.",
            f"She said about {n + 20} people shared one room and were returned after {n % 9 + 2} weeks.",
            "The 1951 Refugee Convention was never mentioned by the officers.",
        ]
        for n in range(1, count + 1)
    ]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_multipage_text_and_page_starts(tmp_path: Path) -> None:
    data = make_pdf(PAGES, title="Returned to Danger")
    result = extract(write(tmp_path, "report.pdf", data))
    assert result.kind == "pdf"
    assert result.title == "Returned to Danger"
    assert result.metadata["pages"] == "4"
    assert result.page_starts is not None and len(result.page_starts) == 4
    assert result.page_starts[0] == 0
    for start, lines in zip(result.page_starts, PAGES, strict=True):
        assert result.text[start:].startswith(lines[0])
    assert "about 60 North Koreans" in result.text
    assert "“탈북민 강제북송을 중단하라”" in result.text
    assert normalise(result.text) == result.text


def test_page_of_an_offset_is_found_by_page_starts(tmp_path: Path) -> None:
    import bisect

    result = extract(write(tmp_path, "report.pdf", make_pdf(PAGES)))
    assert result.page_starts is not None
    offset = result.text.index("500 to 600")
    assert bisect.bisect_right(result.page_starts, offset) == 2  # 1-based page number
    offset = result.text.index("non-refoulement obligations")
    assert bisect.bisect_right(result.page_starts, offset) == 4


def test_placeholder_metadata_title_gives_the_first_heading(tmp_path: Path) -> None:
    result = extract(write(tmp_path, "hrw-report.pdf", make_pdf(PAGES)))  # reportlab writes "untitled"
    assert result.title == "Returned to Danger: forced repatriation from China"
    assert "author" not in result.metadata  # reportlab's "anonymous" is not an author
    # No line that reads like a heading: the file's name.
    annex = make_pdf([["Annexes", "Tables, figures"]])
    assert extract(write(tmp_path, "scan-03.pdf", annex)).title == "scan-03"


def test_large_pdf_goes_through_worker_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = make_pdf(report_pages(120))
    path = write(tmp_path, "long.pdf", data)
    used: list[int] = []
    real = pdf_parallel.extract_parallel

    def spy(*args: object, **kwargs: object) -> list[str]:
        used.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf_parallel, "extract_parallel", spy)
    monkeypatch.setattr(pdf_parallel, "usable_cpus", lambda: 2)  # parallel even on a one-CPU runner
    calls: list[tuple[int, int]] = []
    result = extract(path, progress=lambda done, total: calls.append((done, total)))

    assert used == [1]
    assert {total for _, total in calls} == {120}
    done = [d for d, _ in calls]
    assert done == sorted(done) and done[-1] == 120
    assert len(set(done)) == len(done) and len(done) >= 120 // pdf_parallel.CHUNK_PAGES

    # Worker processes must produce exactly what this process would.
    monkeypatch.setattr(pdf, "PARALLEL_MIN_PAGES", 10_000)
    serial = extract(path)
    assert result == serial
    assert result.page_starts is not None and len(result.page_starts) == 120
    for number, start in enumerate(result.page_starts, 1):
        assert result.text[start:].startswith(f"Interview {number}:")


@pytest.mark.timeout(120)
def test_workers_that_cannot_start_raise_instead_of_hanging(tmp_path: Path) -> None:
    with pytest.raises(BrokenProcessPool):
        pdf_parallel._run_pool(str(tmp_path / "missing.pdf"), 60, lambda d, t: None, lambda: False, 2)


def test_broken_pool_falls_back_to_this_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(data: bytes, total: int, progress: Callable[[int, int], None], cancelled: object,
               **options: object) -> list[str]:
        progress(25, total)
        raise BrokenProcessPool("worker died")

    monkeypatch.setattr(pdf_parallel, "extract_parallel", broken)
    monkeypatch.setattr(pdf_parallel, "usable_cpus", lambda: 2)
    path = write(tmp_path, "long.pdf", make_pdf(report_pages(60)))
    calls: list[tuple[int, int]] = []
    result = extract(path, progress=lambda d, t: calls.append((d, t)))
    assert result.page_starts is not None and len(result.page_starts) == 60
    done = [d for d, _ in calls]
    assert done == sorted(set(done)) and done[0] == 0 and done[-1] == 60


def test_cancel_during_parallel_extraction(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_parallel, "usable_cpus", lambda: 2)
    path = write(tmp_path, "long.pdf", make_pdf(report_pages(100)))
    calls: list[tuple[int, int]] = []
    with pytest.raises(Cancelled):
        extract(path, progress=lambda d, t: calls.append((d, t)), cancelled=lambda: bool(calls))
    assert calls and calls[-1][0] < 100


def test_cancel_during_serial_extraction(tmp_path: Path) -> None:
    path = write(tmp_path, "short.pdf", make_pdf(report_pages(10)))
    calls: list[tuple[int, int]] = []
    with pytest.raises(Cancelled):
        extract(path, progress=lambda d, t: calls.append((d, t)), cancelled=lambda: len(calls) >= 3)
    assert calls == [(1, 10), (2, 10), (3, 10)]


def test_serial_progress_counts_every_page(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    extract(write(tmp_path, "r.pdf", make_pdf(PAGES)), progress=lambda d, t: calls.append((d, t)))
    assert calls == [(1, 4), (2, 4), (3, 4), (4, 4)]


def _encrypt(data: bytes, user: str, owner: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user, owner_password=owner)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_password_protected_pdf_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "locked.pdf", _encrypt(make_pdf(PAGES), user="secret", owner="owner"))
    with pytest.raises(ImportFailed) as info:
        extract(path)
    assert info.value.reason == "the PDF is encrypted; remove the password and import again"


def test_owner_password_only_pdf_opens(tmp_path: Path) -> None:
    path = write(tmp_path, "restricted.pdf", _encrypt(make_pdf(PAGES), user="", owner="owner"))
    assert "about 60 North Koreans" in extract(path).text


def _image_only_pdf(pages: int, page_numbers: bool) -> bytes:
    buffer = io.BytesIO()
    pdf_canvas = canvas.Canvas(buffer)
    for number in range(1, pages + 1):
        pdf_canvas.setFillGray(0.6)
        pdf_canvas.rect(50, 80, 480, 680, fill=1)
        if page_numbers:
            pdf_canvas.setFont("Helvetica", 9)
            pdf_canvas.drawString(290, 40, f"- {number} -")
        pdf_canvas.showPage()
    pdf_canvas.save()
    return buffer.getvalue()


@pytest.mark.parametrize("page_numbers", [False, True])
def test_image_only_pdf_asks_for_ocr(tmp_path: Path, page_numbers: bool) -> None:
    path = write(tmp_path, "scan.pdf", _image_only_pdf(3, page_numbers))
    with pytest.raises(ImportFailed) as info:
        extract(path)
    assert info.value.reason == "no text layer: the PDF looks scanned; run OCR first"


def test_mixed_typed_and_scanned_pages_import(tmp_path: Path) -> None:
    writer = PdfWriter()
    for part in (make_pdf(PAGES[:1]), _image_only_pdf(2, False)):
        writer.append(PdfReader(io.BytesIO(part)))
    out = io.BytesIO()
    writer.write(out)
    result = extract(write(tmp_path, "mixed.pdf", out.getvalue()))
    assert result.page_starts is not None and len(result.page_starts) == 3
    assert result.text.startswith(PAGES[0][0])


def test_short_korean_statement_is_not_taken_for_a_scan(tmp_path: Path) -> None:
    result = extract(write(tmp_path, "slogan.pdf", make_pdf([["탈북민 강제북송을 중단하라"]])))
    assert result.text.strip() == "탈북민 강제북송을 중단하라"


def test_truncated_pdf(tmp_path: Path) -> None:
    data = make_pdf(PAGES)
    with pytest.raises(ImportFailed, match="damaged or incomplete"):
        extract(write(tmp_path, "cut.pdf", data[: len(data) // 2]))


def test_garbage_with_pdf_suffix(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="not a PDF"):
        extract(write(tmp_path, "fake.pdf", b"<html>Not found</html>" * 50))


def test_pdf_header_with_garbage_body(tmp_path: Path) -> None:
    data = b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF\n"
    with pytest.raises(ImportFailed, match="damaged"):
        extract(write(tmp_path, "broken.pdf", data))


def test_unreadable_page_names_the_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = pdf_parallel.page_text

    def fail_on_third(reader: PdfReader, index: int) -> str:
        if index == 2:
            raise pdf_parallel.PageFailed(index, "KeyError: '/Contents'")
        return real(reader, index)

    monkeypatch.setattr(pdf_parallel, "page_text", fail_on_third)
    with pytest.raises(ImportFailed, match="page 3 cannot be read"):
        extract(write(tmp_path, "r.pdf", make_pdf(PAGES)))


def test_page_failed_survives_pickling() -> None:
    import pickle

    error = pickle.loads(pickle.dumps(pdf_parallel.PageFailed(4, "boom")))
    assert (error.page_index, error.detail) == (4, "boom")


_VALID = make_pdf(PAGES[:2])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(_VALID) - 1), st.integers(0, 255)), min_size=1, max_size=20))
def test_corrupted_pdfs_fail_only_with_import_failed(flips: list[tuple[int, int]]) -> None:
    data = bytearray(_VALID)
    for position, value in flips:
        data[position] = value
    try:
        result = extract_bytes(bytes(data), "mangled.pdf")
    except ImportFailed:
        return
    assert result.page_starts is not None and result.page_starts[0] == 0


# -- malformed page trees: say what is wrong -----------------------------------------------------------
def _repeated_page_pdf(times: int) -> bytes:
    from tests.cli.test_cli_hostile import pdf_of

    stream = b"BT /F1 12 Tf 72 720 Td (About sixty people were sent back across the river.) Tj ET"
    return pdf_of([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + b" ".join([b"3 0 R"] * times) + b"] /Count %d >>" % times,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def test_one_page_listed_again_and_again_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="names 500 pages but only 1 different") as info:
        extract(write(tmp_path, "repeated.pdf", _repeated_page_pdf(500)))
    assert "could not be read" not in info.value.reason


def test_a_page_list_past_pypdfs_limits_says_so(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="list of pages passes a safety limit") as info:
        extract(write(tmp_path, "million.pdf", _repeated_page_pdf(100_001)))  # a million, in the field
    assert "LimitReachedError" not in info.value.reason


def test_a_pdf_past_the_text_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from testimonia.core.importers import pdf as pdf_importer

    monkeypatch.setattr(pdf_importer, "MAX_TEXT_CHARS", 1_000)
    with pytest.raises(ImportFailed, match="characters of text"):
        extract(write(tmp_path, "long.pdf", make_pdf(report_pages(12))))
