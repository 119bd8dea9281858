"""PDF import speed: Testimonia's importer (parallel), plain single-process pypdf, and pdftotext.

Run:  .venv/bin/python bench/bench_import.py [--pages 340]
The report is generated with reportlab into a temporary folder: dense pages of prose in the style of
an NGO report, with figures, treaty names, footnotes and a Korean line now and then.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from testimonia.core.importers import extract
from testimonia.core.importers.pdf_parallel import usable_cpus

KOREAN_FONT = "HYSMyeongJo-Medium"

_SENTENCES = [
    "Witnesses told investigators that about {n} North Koreans were held at the detention centre in {place}.",
    "Between {lo} to {hi} people were transferred across the border in {month}, according to two sources.",
    "“We were told nothing about where we were going,” said a woman who was returned in {year}.",
    "China is a party to the 1951 Refugee Convention and its 1967 Protocol.",
    "The principle of non-refoulement, codified in Article 3 of the Convention against Torture, admits no exception.",
    "Officials described the detainees as “illegal economic migrants” rather than refugees.",
    "Returnees are routinely interrogated by the Ministry of State Security and sent to labour camps.",
    "The Special Rapporteur urged all states to refrain from returning anyone at risk of torture.",
    "Family members in Seoul said they had lost contact with their relatives {n} days ago.",
    "Local police in {place} reportedly offered rewards of up to {n},000 yuan for information on escapees.",
    "The Committee against Torture has repeatedly asked for access to the detention facilities.",
    "Some {n} women interviewed for this report said they had been trafficked before their arrest.",
]
_PLACES = ["Dandong", "Yanji", "Tumen", "Shenyang", "Changbai", "Hunchun", "Longjing"]
_MONTHS = ["January", "March", "April", "June", "August", "October", "November"]


def make_report(path: Path, pages: int, seed: int = 7) -> None:
    pdfmetrics.registerFont(UnicodeCIDFont(KOREAN_FONT))
    rng = random.Random(seed)
    width, height = A4
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setTitle("Returned to Danger: Forced Repatriation of North Korean Escapees")
    for number in range(1, pages + 1):
        y = height - 60
        pdf.setFont("Helvetica-Bold", 12)
        pdf.drawString(60, y, f"Chapter {1 + number // 20}. Findings from interviews, part {number}")
        y -= 26
        while y > 110:
            paragraph = " ".join(_sentence(rng) for _ in range(rng.randint(3, 6)))
            pdf.setFont("Helvetica", 10)
            for line in simpleSplit(paragraph, "Helvetica", 10, width - 120):
                if y < 100:
                    break
                pdf.drawString(60, y, line)
                y -= 13
            y -= 8
        if number % 9 == 0:
            pdf.setFont(KOREAN_FONT, 10)
            pdf.drawString(60, 85, "“탈북민 강제북송을 중단하라” — 서울 집회 구호")
        pdf.setFont("Helvetica", 8)
        pdf.drawString(60, 60, f"{rng.randint(1, 99)} Interview conducted in Seoul; name withheld for safety.")
        pdf.drawString(width - 90, 40, f"Page {number}")
        pdf.showPage()
    pdf.save()


def _sentence(rng: random.Random) -> str:
    lo = rng.randrange(100, 600, 50)
    return rng.choice(_SENTENCES).format(
        n=rng.randint(9, 90),
        lo=lo,
        hi=lo + 100,
        place=rng.choice(_PLACES),
        month=rng.choice(_MONTHS),
        year=rng.randint(2012, 2024),
    )


def time_ours(path: Path) -> float:
    start = time.perf_counter()
    extract(path)
    return time.perf_counter() - start


def time_pypdf(path: Path) -> float:
    start = time.perf_counter()
    reader = PdfReader(str(path))
    for page in reader.pages:
        page.extract_text()
    return time.perf_counter() - start


def time_pdftotext(path: Path) -> float | None:
    exe = shutil.which("pdftotext")
    if exe is None:
        return None
    start = time.perf_counter()
    subprocess.run([exe, "-enc", "UTF-8", str(path), str(path.with_suffix(".txt"))], check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=340)
    parser.add_argument("--repeat", type=int, default=3, help="runs; the median is reported")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        make_report(path, args.pages)
        print(f"report: {args.pages} pages, {path.stat().st_size / 1e6:.1f} MB; usable CPUs: {usable_cpus()}")
        if hasattr(os, "getloadavg"):  # other work on the machine skews the parallel figure most
            print(f"load average before: {os.getloadavg()[0]:.2f}")
        rates: dict[str, float] = {}
        for name, timer in (
            ("testimonia (parallel)", time_ours),
            ("pypdf single process", time_pypdf),
            ("pdftotext", time_pdftotext),
        ):
            times = [timer(path) for _ in range(args.repeat)]
            if None in times:
                print(f"{name:24s} not on PATH, skipped")
                continue
            runs = sorted(t for t in times if t is not None)
            median = runs[len(runs) // 2]
            rates[name] = args.pages / median
            print(
                f"{name:24s} {rates[name]:8.1f} pages/s  (median of {args.repeat}: {median:.2f} s,"
                f" best {runs[0]:.2f} s)"
            )
        ours = rates["testimonia (parallel)"]
        for name, rate in rates.items():
            if name != "testimonia (parallel)":
                print(f"testimonia / {name}: {ours / rate:.2f}x")


if __name__ == "__main__":
    main()
