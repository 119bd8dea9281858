"""Checks for the Linux desktop-integration files in resources/linux and the app icons."""

from __future__ import annotations

import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINUX = ROOT / "resources" / "linux"
ICONS = ROOT / "resources" / "icons"
APP_ID = "org.testimonia.Testimonia"

MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
PROJECT_MIME_TYPE = "application/x-testimonia-project"
# PRAGMA application_id of a project database: "TMON", stored big-endian at header offset 68.
APPLICATION_ID = 0x544D4F4E
SQLITE_HEADER_OFFSET_APPLICATION_ID = 68

# Every PNG we ship, with its expected (width, height).
EXPECTED_PNGS: dict[Path, tuple[int, int]] = {
    ICONS / "hicolor" / f"{n}x{n}" / "apps" / f"{APP_ID}.png": (n, n) for n in (16, 32, 48, 64, 128, 256)
}
EXPECTED_PNGS[ICONS / "testimonia.png"] = (256, 256)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk, which must come first."""
    with path.open("rb") as fh:
        head = fh.read(24)
    assert head[:8] == PNG_SIGNATURE, f"{path} is not a PNG file"
    length, chunk_type = struct.unpack(">I4s", head[8:16])
    assert chunk_type == b"IHDR" and length == 13, f"{path}: first chunk is not IHDR"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def _project_mime_type() -> ET.Element:
    tree = ET.parse(LINUX / f"{APP_ID}.mime.xml")
    for mime_type in tree.getroot().iter(f"{MIME_NS}mime-type"):
        if mime_type.get("type") == PROJECT_MIME_TYPE:
            return mime_type
    raise AssertionError(f"{PROJECT_MIME_TYPE} is not defined in the MIME XML")


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None or shutil.which("appstreamcli") is None,
    reason="desktop-file-validate and/or appstreamcli not on PATH "
    "(apt-get install desktop-file-utils appstream libxml2-utils)",
)
def test_validate_script_passes() -> None:
    if shutil.which("xmllint") is None:
        pytest.skip("xmllint not on PATH (apt-get install libxml2-utils)")
    result = subprocess.run(
        ["sh", str(LINUX / "validate.sh")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"validate.sh failed:\n{result.stdout}\n{result.stderr}"


def test_mime_magic_matches_sqlite_header_and_application_id() -> None:
    mime_type = _project_mime_type()

    globs = [g.get("pattern") for g in mime_type.findall(f"{MIME_NS}glob")]
    assert "*.testimonia" in globs

    magics = mime_type.findall(f"{MIME_NS}magic")
    assert len(magics) == 1
    outer = magics[0].findall(f"{MIME_NS}match")
    assert len(outer) == 1, "expected a single top-level match (the SQLite header)"
    sqlite_match = outer[0]
    assert sqlite_match.get("type") == "string"
    assert int(sqlite_match.get("offset", "-1")) == 0
    assert sqlite_match.get("value") == r"SQLite format 3\000"

    # The application_id check must be nested, so both conditions have to hold.
    inner = sqlite_match.findall(f"{MIME_NS}match")
    assert len(inner) == 1
    app_id_match = inner[0]
    assert app_id_match.get("type") == "big32"
    assert int(app_id_match.get("offset", "-1")) == SQLITE_HEADER_OFFSET_APPLICATION_ID
    assert int(app_id_match.get("value", "0"), 0) == APPLICATION_ID
    assert APPLICATION_ID.to_bytes(4, "big") == b"TMON"


def test_desktop_file_declares_project_mime_type_and_icon() -> None:
    entries: dict[str, str] = {}
    for line in (LINUX / f"{APP_ID}.desktop").read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            entries[key.strip()] = value.strip()
    assert PROJECT_MIME_TYPE in entries["MimeType"].split(";")
    assert entries["Icon"] == APP_ID
    assert entries["Exec"] == "testimonia %F"


@pytest.mark.parametrize("path", sorted(EXPECTED_PNGS), ids=lambda p: str(p.relative_to(ICONS)))
def test_png_icon_exists_with_expected_size(path: Path) -> None:
    assert path.is_file(), f"missing icon {path}"
    assert _png_size(path) == EXPECTED_PNGS[path]


def test_svg_icon_exists() -> None:
    svg = ICONS / "testimonia.svg"
    assert svg.is_file()
    root = ET.parse(svg).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"


def test_mime_magic_agrees_with_schema_application_id() -> None:
    schema = pytest.importorskip("testimonia.core.schema")
    assert schema.APPLICATION_ID == APPLICATION_ID
