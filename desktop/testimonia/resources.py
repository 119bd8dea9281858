"""Where the app's resources (icons, sample articles) are, however Testimonia was installed.

Three layouts exist: package data inside an installed wheel (testimonia/resources/), a source
checkout where they sit at the repository root (resources/), and a PyInstaller bundle that unpacks
them under sys._MEIPASS. The first one found that holds the asked-for file wins.
"""

from __future__ import annotations

import sys
from pathlib import Path


def _candidates() -> list[Path]:
    found: list[Path] = []
    # Package data beside this module (what importlib.resources.files("testimonia") gives for an
    # installed package, without importing it and zipfile: ~6 ms of the app's start). Inside a zip
    # import this path does not exist, and the files are looked for elsewhere, as before.
    found.append(Path(__file__).resolve().parent / "resources")
    # desktop/testimonia/resources.py -> repository root is two folders above the package.
    found.append(Path(__file__).resolve().parents[2] / "resources")
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        found.append(Path(frozen) / "resources")
    return found


def resource_dirs() -> list[Path]:
    return [p for p in _candidates() if p.is_dir()]


def resource_path(*parts: str) -> Path | None:
    """The first existing resources/<parts...>, or None when no layout has it."""
    for base in resource_dirs():
        candidate = base.joinpath(*parts)
        if candidate.exists():
            return candidate
    return None


def app_icon_path() -> Path | None:
    return resource_path("icons", "testimonia.svg") or resource_path("icons", "testimonia.png")


def sample_dir() -> Path | None:
    return resource_path("sample")
