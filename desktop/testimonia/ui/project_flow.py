"""Creating, opening and choosing projects, and asking who the author is."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMenu, QWidget

from testimonia.core import config
from testimonia.core.errors import TestimoniaError
from testimonia.core.store import Store
from testimonia.core.views import AuthorRef

from .i18n import arg, translate
from .sample_project import ensure_sample, sample_target

if TYPE_CHECKING:
    from .shell import Shell

SUFFIX = ".testimonia"


def _project_filter() -> str:
    return arg(translate("ProjectFlow", "Testimonia projects (%1);;All files (*)"), f"*{SUFFIX}")


def ask_author(parent: QWidget | None, current: str = "") -> AuthorRef | None:
    """Ask for the author's display name (first run, or File > Your name); None if cancelled."""
    while True:
        name, ok = QInputDialog.getText(
            parent, translate("ProjectFlow", "Your name"),
            translate("ProjectFlow",
                      "Your name is recorded with every annotation you make, so your team can see who wrote what:"),
            QLineEdit.EchoMode.Normal, current,
        )
        if not ok:
            return None
        if name.strip():
            return config.set_author(name)


def _start_dir() -> str:
    """Where the project dialogs open: the folder of the latest project the user keeps in a folder
    of their own, else Documents. Never the app's data folder, where the sample lives (hidden on
    Linux and macOS): a project saved there is lost to its owner."""
    for recent in config.recent_projects():
        folder = Path(recent).parent
        if folder.is_dir() and not _app_folder(folder):
            return str(folder)
    return documents_dir()


def documents_dir() -> str:
    import platformdirs

    docs = Path(platformdirs.user_documents_dir())
    return str(docs if docs.is_dir() else Path.home())


def _app_folder(folder: Path) -> bool:
    import platformdirs

    folder = folder.resolve()
    ours = [sample_target().parent, config.config_dir(),
            Path(platformdirs.user_data_dir(config.APP, appauthor=False))]
    if any(folder == p.resolve() or p.resolve() in folder.parents for p in ours):
        return True
    try:
        inside_home = folder.relative_to(Path.home().resolve()).parts
    except ValueError:
        inside_home = ()
    return any(part.startswith(".") for part in inside_home)  # ~/.local/share/…, ~/.config/…


def default_new_project_path() -> Path:
    return Path(_start_dir()) / f"Project{SUFFIX}"


def new_project(win: Shell, path: Path | None = None) -> bool:
    if path is None:
        name, _ = QFileDialog.getSaveFileName(win, translate("ProjectFlow", "New project"),
                                              str(default_new_project_path()), _project_filter())
        if not name:
            return False
        path = Path(name)
    if path.suffix.lower() != SUFFIX:
        path = path.with_name(path.name + SUFFIX)
    if path.exists():
        # The save dialog already asked to overwrite; a project file is never replaced silently
        # from code, so ask for a different name instead.
        win.show_message(translate("ProjectFlow", "New project"),
                         arg(translate("ProjectFlow", "%1 already exists; choose another name."), path))
        return False
    try:
        Store.create(path, path.stem, win.author).close()
    except (TestimoniaError, OSError) as exc:
        win.show_message(translate("ProjectFlow", "New project"), f"{path}: {exc}")
        return False
    return win.open_project(path)


def open_project_dialog(win: Shell) -> bool:
    name, _ = QFileDialog.getOpenFileName(win, translate("ProjectFlow", "Open project"), _start_dir(),
                                          _project_filter())
    return bool(name) and win.open_project(Path(name))


def fill_recent_menu(win: Shell, menu: QMenu) -> None:
    menu.clear()
    recent = [p for p in config.recent_projects() if Path(p).exists()]
    for p in recent:
        act = menu.addAction(Path(p).name)
        act.setToolTip(p)
        act.setStatusTip(p)
        act.triggered.connect(lambda *_, p=p: win.open_project(Path(p)))
    if not recent:
        menu.addAction(translate("ProjectFlow", "No recent projects")).setEnabled(False)


def open_sample(win: Shell) -> bool:
    try:
        path = ensure_sample()
    except (TestimoniaError, OSError) as exc:
        win.show_message(translate("ProjectFlow", "Sample project"),
                         arg(translate("ProjectFlow", "The sample project could not be built: %1"), exc))
        return False
    return win.open_project(path)


def startup_project(explicit: str | None, sample: bool) -> Path | None:
    """The project to open at start: the one named, else the most recent, else the sample."""
    if explicit:
        return Path(explicit)
    if not sample:
        for p in config.recent_projects():
            if Path(p).exists():
                return Path(p)
    return None  # the caller opens the sample
