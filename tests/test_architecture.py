"""Layering rules that keep the core usable without a display (napari-style enforcement)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "desktop" / "testimonia"
QT_MODULES = ("PySide6", "shiboken6", "qtawesome", "qtpy", "PyQt5", "PyQt6")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_core_never_imports_qt() -> None:
    core_files = list((PACKAGE / "core").rglob("*.py"))
    assert core_files, "core package not found"
    offenders = {str(p.relative_to(PACKAGE)): sorted(_imports(p) & set(QT_MODULES)) for p in core_files}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_commands_and_cli_never_import_qt_at_module_level() -> None:
    files = [PACKAGE / "cli.py", *(PACKAGE / "commands").glob("*.py")]
    offenders = {}
    for p in files:
        if not p.exists():
            continue
        tree = ast.parse(p.read_text(encoding="utf-8"))
        top = {
            (n.module or "").split(".")[0] if isinstance(n, ast.ImportFrom) else n.names[0].name.split(".")[0]
            for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)
        }
        if top & set(QT_MODULES):
            offenders[p.name] = sorted(top & set(QT_MODULES))
    assert offenders == {}


# The window's own parts: they build and arrange it, so they may know it.
WINDOW_PARTS = {"main_window.py", "window_actions.py", "window_layout.py", "shell.py"}


def _names_win(node: ast.AST) -> bool:
    """`win`, `window` or `self.win`: the shell a view was given."""
    if isinstance(node, ast.Name):
        return node.id in {"win", "window"}
    return isinstance(node, ast.Attribute) and node.attr in {"win", "_win"} and isinstance(node.value, ast.Name)


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def test_views_depend_on_the_shell_not_the_main_window() -> None:
    """Docks and dialogs take a Shell (ui/shell.py): no view imports MainWindow or reaches into the
    window's private members or layout, so the window can change without breaking them."""
    from testimonia.ui import shell

    allowed = {n for n in vars(shell.Shell) if not n.startswith("_")} | set(shell.Shell.__annotations__)
    offenders: dict[str, set[str]] = {}
    for path in sorted((PACKAGE / "ui").glob("*.py")):
        if path.name in WINDOW_PARTS:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("main_window"):
                found.add("imports main_window")
            elif isinstance(node, ast.Attribute) and _names_win(node.value) and node.attr not in allowed:
                found.add(node.attr if not _private(node.attr) else f"private {node.attr}")
        if found:
            offenders[path.name] = found
    assert offenders == {}
