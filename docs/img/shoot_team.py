"""Screenshots of the team features with the sample project and a teammate's file holding a conflict:
docs/img/merge-preview.png, docs/img/conflicts.png and docs/img/evidence-table.png.

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python docs/img/shoot_team.py

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
    from testimonia.core import config, merge
    from testimonia.core.store import Store
    from testimonia.core.views import AuthorRef
    from testimonia.ui import icons
    from testimonia.ui.main_window import MainWindow
    from testimonia.ui.workers import SynchronousRunner

    make_application([])
    icons.load_pending()
    win = MainWindow(config.set_author("Min-ji Lee"), runner=SynchronousRunner())
    win.resize(1360, 860)
    win.show()
    assert win.open_sample()
    store = win.session.store
    bob = AuthorRef("6f1d7e1c-0b1e-4a57-9d55-3f6b0a3e9b01", "Bob Kim")
    figure = next(a for a in store.annotations() if a.kind == "figure")
    teammate = scratch / "Bob's copy.testimonia"
    with Store.create(teammate, "Bob's copy", bob) as theirs:
        merge.merge(theirs, store.path, bob)
        theirs.edit_annotation(figure.uuid, bob, fields={**figure.fields, "approximate": True},
                               note="The interpreter's notes say ‘about’; marked approximate.")
        doc = figure.document_uuid
        text = theirs.document_text(doc)
        at = text.find("forced repatriation")
        if at >= 0:
            theirs.add_annotation(doc, "obligation", at, at + len("forced repatriation"), bob)
    store.edit_annotation(figure.uuid, win.author, note="Checked against the original report, p. 12.")
    win.refresh_all()

    def pump() -> None:
        for _ in range(5):
            QApplication.processEvents()

    win.team.merge_file(teammate)
    dialog = win.merge_dialog
    pump()
    dialog.adjustSize()
    pump()
    dialog.grab().save(str(HERE / "merge-preview.png"))
    dialog.apply()
    pump()
    if win.last_message is not None:
        win.last_message.close()
    view = win.team.open_conflicts(select=figure.uuid)
    win.select_annotation(figure.uuid)
    win.team._conflicts.setMinimumHeight(300)
    pump()
    win.grab().save(str(HERE / "conflicts.png"))
    view.keep_buttons[0].click()
    win.team._conflicts.hide()
    win.team.open_evidence()
    win.team._evidence.setMinimumHeight(300)
    pump()
    win.grab().save(str(HERE / "evidence-table.png"))
    win.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
