"""Per-user settings kept in the platform's config folder: who the author is, recent projects, language."""

from __future__ import annotations

import json
import os
from pathlib import Path

from .ids import is_uuid, name_uuid, new_uuid
from .views import AuthorRef

APP = "Testimonia"
ENV_AUTHOR = "TESTIMONIA_AUTHOR"
ENV_CONFIG_DIR = "TESTIMONIA_CONFIG_DIR"  # tests and portable installs point this elsewhere
MAX_RECENT = 10


def config_dir() -> Path:
    override = os.environ.get(ENV_CONFIG_DIR)
    if override:
        return Path(override)
    import platformdirs  # not needed when the folder is given (tests, portable installs)

    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def cache_dir() -> Path:
    """Derived data this machine can rebuild at any time (core/merge/source.py's schema)."""
    override = os.environ.get(ENV_CONFIG_DIR)
    if override:
        return Path(override) / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP, appauthor=False))


def log_dir() -> Path:
    override = os.environ.get(ENV_CONFIG_DIR)
    if override:
        return Path(override) / "logs"
    import platformdirs

    return Path(platformdirs.user_log_dir(APP, appauthor=False))


def _config_file() -> Path:
    return config_dir() / "config.json"


def load() -> dict[str, object]:
    try:
        data = json.loads(_config_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save(data: dict[str, object]) -> None:
    path = _config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(path)  # atomic: a crash never leaves half a config file


def configured_author() -> AuthorRef | None:
    data = load()
    name, uid = data.get("author_name"), data.get("author_uuid")
    if isinstance(name, str) and name.strip() and is_uuid(uid):
        return AuthorRef(str(uid), name.strip())
    return None


def set_author(name: str) -> AuthorRef:
    """Keep the author's UUID when only the display name changes."""
    name = name.strip()
    if not name:
        raise ValueError("the author name is empty")
    data = load()
    uid = data.get("author_uuid")
    if not is_uuid(uid):
        uid = new_uuid()
    data["author_name"], data["author_uuid"] = name, uid
    save(data)
    return AuthorRef(str(uid), name)


def resolve_author(explicit: str | None = None) -> AuthorRef | None:
    """--author NAME, else $TESTIMONIA_AUTHOR, else the configured author.

    A name given on the command line that is not the configured one maps to a UUID derived from
    the name, so the same person scripting on two machines is one author.
    """
    configured = configured_author()
    for name in (explicit, os.environ.get(ENV_AUTHOR)):
        if name and name.strip():
            name = name.strip()
            if configured and configured.name == name:
                return configured
            return AuthorRef(name_uuid("author", name), name)
    return configured


def recent_projects() -> list[str]:
    items = load().get("recent", [])
    return [str(p) for p in items if isinstance(p, str)] if isinstance(items, list) else []


def add_recent(path: Path) -> None:
    data = load()
    p = str(Path(path).resolve())
    items = [x for x in recent_projects() if x != p]
    data["recent"] = [p, *items][:MAX_RECENT]
    save(data)


# The interface language: "auto" follows the system locale; English is the fallback for anything
# without a translation. Codes, not display names, so renaming a language keeps the setting.
LANGUAGES = ("auto", "en", "ko")


def language() -> str:
    value = load().get("language")
    return value if isinstance(value, str) and value in LANGUAGES else "auto"


def set_language(code: str) -> None:
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}; expected one of {', '.join(LANGUAGES)}")
    data = load()
    data["language"] = code
    save(data)
