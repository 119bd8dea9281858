"""The sample project (Help > Open sample project, `make run`): three short articles written for
Testimonia with example annotations of each kind, built into the user's data folder on first use.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from testimonia import resources
from testimonia.core import config
from testimonia.core.errors import TestimoniaError
from testimonia.core.ids import name_uuid
from testimonia.core.store import Store
from testimonia.core.views import AuthorRef

SAMPLE_FILE = "Sample project.testimonia"
SPEC_FILE = "annotations.json"


def sample_target() -> Path:
    override = os.environ.get(config.ENV_CONFIG_DIR)  # tests and portable installs keep it beside the config
    if override:
        return Path(override) / "data" / SAMPLE_FILE
    import platformdirs

    base = Path(platformdirs.user_data_dir(config.APP, appauthor=False))
    return base / SAMPLE_FILE


def _occurrence(text: str, exact: str, n: int) -> int:
    at = -1
    for _ in range(max(1, n)):
        at = text.find(exact, at + 1)
        if at < 0:
            break
    return at


def build_sample(dest: Path, source: Path | None = None) -> Path:
    """Write the sample project to `dest` (replacing it); returns dest."""
    source = source or resources.sample_dir()
    if source is None or not (source / SPEC_FILE).exists():
        raise TestimoniaError("the sample articles are missing from this installation")
    spec = json.loads((source / SPEC_FILE).read_text(encoding="utf-8"))
    author = AuthorRef(name_uuid("author", spec["author"]), spec["author"])
    dest.parent.mkdir(parents=True, exist_ok=True)
    building = dest.with_name(dest.name + ".building")
    for leftover in (building, Path(f"{building}-wal"), Path(f"{building}-shm")):
        leftover.unlink(missing_ok=True)
    with Store.create(building, spec["title"], author) as store:
        docs = {p.name: store.import_file(p, author).uuid for p in sorted(source.glob("*.txt"))}
        for a in spec["annotations"]:
            doc = docs[a["document"]]
            start = _occurrence(store.document_text(doc), a["exact"], int(a.get("occurrence", 1)))
            if start < 0:
                raise TestimoniaError(f"sample annotation not found in {a['document']}: {a['exact'][:40]}")
            store.add_annotation(doc, a["kind"], start, start + len(a["exact"]), author,
                                 fields=a.get("fields"), note=a.get("note", ""))
    for suffix in ("-wal", "-shm"):
        Path(f"{dest}{suffix}").unlink(missing_ok=True)
    building.replace(dest)
    return dest


def ensure_sample() -> Path:
    """The sample project, built if missing or unreadable; a temporary copy if the data folder is not writable."""
    target = sample_target()
    if target.exists():
        try:
            Store.open(target).close()
            return target
        except TestimoniaError:
            pass  # damaged or from a newer version: build a fresh one
    try:
        return build_sample(target)
    except OSError:
        return build_sample(Path(tempfile.mkdtemp(prefix="testimonia-sample-")) / SAMPLE_FILE)
