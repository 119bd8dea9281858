"""HTML import in an installed copy, not only in the development venv.

Python 3.11 ships pip 23.2, which does not install lxml's "html_clean" extra that jusText (under
trafilatura) asks for ("lxml does not provide the extra 'html_clean'"): every .html import then
failed with "ImportError: lxml.html.clean". Testimonia depends on lxml_html_clean itself. The slow
test builds the wheel, lets that pip resolve it in a fresh venv, installs what it chose (all but the
Qt stack, which HTML import does not touch) and imports a web page with the installed package.
"""

from __future__ import annotations

import importlib.metadata
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Not needed to import HTML, and a quarter of a gigabyte to download.
QT_STACK = {"pyside6-essentials", "shiboken6", "qtawesome", "qtpy"}
PAGE = """<html><head><title>Families ask for news</title></head><body><nav>Home | World</nav>
<article><h1>Families ask for news</h1><p>{body}</p><p>가족들은 소식을 기다리고 있다.</p></article>
<footer>© Example</footer></body></html>"""
BODY = " ".join(["Families gathered outside the ministry to ask about relatives sent back across the border."] * 4)


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[(]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_the_package_itself_requires_lxml_html_clean() -> None:
    requires = importlib.metadata.requires("testimonia") or []
    direct = {_name(r) for r in requires if "extra ==" not in r}
    assert {"lxml-html-clean", "trafilatura", "lxml"} <= direct
    import lxml.html.clean  # noqa: F401  (what jusText imports)


def _run(args: list[str | Path], cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=timeout)


@pytest.mark.slow
def test_html_import_in_a_fresh_install_made_with_the_pip_python_311_ships(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    made = _run([sys.executable, "-m", "venv", venv], tmp_path)
    assert made.returncode == 0, made.stderr
    pip, python = venv / "bin" / "pip", venv / "bin" / "python"
    if not pip.exists():
        pytest.skip("no POSIX venv layout here")
    if _run([pip, "index", "versions", "lxml_html_clean"], tmp_path, timeout=120).returncode != 0:
        pytest.skip("no package index is reachable: an installation cannot be tried offline")
    version = _run([pip, "--version"], tmp_path).stdout
    # Build from a copy, so the checkout gets no build/ folder.
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(ROOT / "desktop", src / "desktop", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    built = _run([pip, "wheel", "--no-deps", "-q", "-w", tmp_path / "dist", src], tmp_path)
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = (tmp_path / "dist").glob("testimonia-*.whl")
    resolved = _run([pip, "install", "--dry-run", "--ignore-installed", "-q", "--report", tmp_path / "plan.json",
                     wheel], tmp_path)
    assert resolved.returncode == 0, resolved.stderr[-2000:]
    plan = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))["install"]
    chosen = {_name(p["metadata"]["name"]): p["download_info"]["url"] for p in plan}
    assert "lxml-html-clean" in chosen, f"{version.strip()} would not install lxml_html_clean: {sorted(chosen)}"
    urls = [url for name, url in chosen.items() if name not in QT_STACK | {"testimonia"}]
    installed = _run([pip, "install", "-q", "--no-deps", *urls, wheel], tmp_path)
    assert installed.returncode == 0, installed.stderr[-2000:]
    page = tmp_path / "article.html"
    page.write_text(PAGE.format(body=BODY), encoding="utf-8")
    code = ("import sys, testimonia; from pathlib import Path; from testimonia.core.importers import extract; "
            "ex = extract(Path(sys.argv[1])); print(testimonia.__file__); print(ex.title); print(ex.text)")
    run = _run([python, "-I", "-c", code, page], tmp_path)
    assert run.returncode == 0, run.stderr[-2000:]
    where, title, text = run.stdout.split("\n", 2)
    assert Path(where).is_relative_to(venv)  # the installed copy, not this checkout
    assert title == "Families ask for news"
    assert "relatives sent back across the border" in text and "가족들은 소식을 기다리고 있다." in text
    assert "Home | World" not in text and "© Example" not in text
