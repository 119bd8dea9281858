"""Refresh the translation catalogues from the source, then compile them.

    python resources/i18n/build.py           # lupdate (refresh .ts) + lrelease (.ts -> .qm)
    python resources/i18n/build.py --check   # exit 1 if a .ts is missing a source string or a translation

pyside6-lupdate reads self.tr(...) and translate("Context", ...) calls in desktop/testimonia/ui and
app.py and merges them into testimonia_<lang>.ts (translations already there are kept; strings no
longer in the code are dropped). pyside6-lrelease then writes testimonia_<lang>.qm, which the app
loads. Both files are committed, so a fresh clone runs without this step.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PACKAGE = ROOT / "desktop" / "testimonia"
LANGUAGES = ("ko", "en")
# English is the source language: its catalogue holds only the plural forms of the %n / %Ln
# messages ("%Ln document(s)" -> "1 document", "2 documents"), which the source text cannot.
PLURALS_ONLY = frozenset({"en"})


def tool(name: str) -> str:
    """The PySide6 tool beside this Python (a venv's bin/ or Scripts/), else the one on PATH."""
    for folder in (Path(sys.executable).parent, Path(sys.executable).parent / "Scripts"):
        for candidate in (folder / name, folder / f"{name}.exe"):
            if candidate.exists():
                return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found; install PySide6 (pip install -e .) first")
    return found


def ts_path(lang: str, folder: Path = HERE) -> Path:
    return folder / f"testimonia_{lang}.ts"


def sources() -> list[Path]:
    # Files, not the folder: lupdate's directory scan skips .py unless told every extension.
    return [*sorted((PACKAGE / "ui").glob("*.py")), PACKAGE / "app.py"]


def lupdate(ts: Path, lang: str | None = None) -> None:
    # Locations are left out: line numbers would change the catalogue on every unrelated edit.
    lang = lang or ts.stem.split("_", 1)[1]
    plurals = ["-pluralonly"] if lang in PLURALS_ONLY else []
    subprocess.run([tool("pyside6-lupdate"), *map(str, sources()), "-no-obsolete", "-locations", "none", *plurals,
                    "-target-language", lang, "-silent", "-ts", str(ts)], check=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def messages(ts: Path) -> dict[tuple[str, str], str | None]:
    """(context, source) -> translation; None when missing, empty or marked unfinished."""
    out: dict[tuple[str, str], str | None] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            tr = message.find("translation")
            forms = [f.text or "" for f in tr.iter("numerusform")] if tr is not None else []
            text = (tr.text or "") if tr is not None and not forms else "".join(forms)
            done = tr is not None and tr.get("type") not in ("unfinished", "vanished", "obsolete") and text.strip()
            done = done and all(f.strip() for f in forms)
            out[(name, source)] = text if done else None
    return out


def extracted(lang: str = "xx") -> set[tuple[str, str]]:
    """Every translatable string in the code now (for English: the plural ones), by running lupdate
    into a scratch catalogue."""
    with tempfile.TemporaryDirectory() as tmp:
        ts = Path(tmp) / "testimonia_xx.ts"
        lupdate(ts, lang)
        return set(messages(ts))


def problems(lang: str) -> list[str]:
    ts = ts_path(lang)
    if not ts.exists():
        return [f"{ts.name} does not exist"]
    have = messages(ts)
    out = [f"{ts.name}: not in the catalogue: [{c}] {s!r}" for c, s in sorted(extracted(lang) - set(have))]
    out += [f"{ts.name}: not translated: [{c}] {s!r}" for (c, s), t in sorted(have.items()) if t is None]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="report missing strings and translations only")
    args = parser.parse_args(argv)
    if args.check:
        found = [p for lang in LANGUAGES for p in problems(lang)]
        print("\n".join(found) or "translations complete")
        return 1 if found else 0
    for lang in LANGUAGES:
        ts = ts_path(lang)
        lupdate(ts)
        lrelease(ts, ts.with_suffix(".qm"))
        missing = [k for k, v in messages(ts).items() if v is None]
        print(f"{ts.name}: {len(messages(ts))} messages, {len(missing)} untranslated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
