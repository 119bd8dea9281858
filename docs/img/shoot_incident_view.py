"""Screenshot of View › Incidents and figures with the sample project, one incident holding its
figures and statement as evidence and two participants: docs/img/incident-view.png (1024x700).

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python docs/img/shoot_incident_view.py

Runs in a scratch config folder, so the real user's settings and recent projects are untouched.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    scratch = Path(tempfile.mkdtemp(prefix="testimonia-shot-"))
    os.environ.setdefault("TESTIMONIA_CONFIG_DIR", str(scratch))
    sys.path.insert(0, str(HERE.parents[1] / "desktop"))
    from PySide6.QtWidgets import QApplication

    from testimonia.app import make_application
    from testimonia.core import config
    from testimonia.ui import icons
    from testimonia.ui.main_window import MainWindow
    from testimonia.ui.workers import SynchronousRunner

    make_application([])
    icons.load_pending()
    win = MainWindow(config.set_author("Min-ji Lee"), runner=SynchronousRunner())
    win.resize(1024, 700)
    win.show()
    assert win.open_sample()
    store, me = win.session.store, win.author
    reg = store.evidence
    outlets = ("Border Watch", "Peninsula Rights Monitor", "UN News Desk")
    published = ("2024-04-28", "2024-03-15", "2024-03-20")
    for i, doc in enumerate(store.documents()):
        reg.set_source(doc.uuid, me, outlet=outlets[i % len(outlets)], published=published[i % 3], reliability="B")
    # The sample's figures carry no dates of their own: give them the dates the articles speak of.
    dates = iter(("2023-08", "2023-10", "2024-01", "2024-03", "2024-04", "2023-12", "2024-02"))
    for a in store.annotations():
        if a.kind == "figure" and not a.fields.get("date"):
            store.edit_annotation(a.uuid, me, fields={**a.fields, "date": next(dates)})
    china = reg.add_entity("China", "state", me).value
    escapees = reg.add_entity("North Korean escapees", "group", me, aliases=["탈북민"]).value
    inc = reg.add_incident("Mass forced return after the lockdown", "forced return", me, date_start="2023-08",
                           date_end="2024-04", approximate=True, place="Jilin and Liaoning, China",
                           description="Returns resumed once China reopened its border; outlets give very "
                                       "different counts.").value
    reg.add_participant(inc.uuid, china.uuid, "perpetrator", me)
    reg.add_participant(inc.uuid, escapees.uuid, "victim_group", me)
    for a in store.annotations():
        hangul = any("\uac00" <= c <= "\ud7a3" for c in a.exact)  # no Korean font under Xvfb here
        if a.kind in ("figure", "statement") and not hangul:
            reg.link_incident(a.uuid, inc.uuid, me)
            if a.kind == "figure":
                reg.set_grade(a.uuid, 2, me)
    view = win.evidence.open_incidents()
    view.refresh(keep=inc.uuid)
    for _ in range(10):
        QApplication.processEvents()
    view.participants.setFocus()
    for _ in range(5):
        QApplication.processEvents()
    win.grab().save(str(HERE / "incident-view.png"))
    win.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
