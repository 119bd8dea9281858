"""Suite-wide isolation: no test reads or writes the real user config."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_config(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    cfg = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("TESTIMONIA_CONFIG_DIR", str(cfg))
    monkeypatch.delenv("TESTIMONIA_AUTHOR", raising=False)
    monkeypatch.delenv("TESTIMONIA_LANG", raising=False)  # exports are English unless a test asks
    return cfg


def standards_dir() -> Path | None:
    """shared/standards beside the repository (CI has it), or $TESTIMONIA_STANDARDS."""
    override = os.environ.get("TESTIMONIA_STANDARDS")
    candidate = Path(override) if override else Path(__file__).resolve().parents[2] / "shared" / "standards"
    return candidate if candidate.is_dir() else None
