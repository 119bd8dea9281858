"""View › Agreement on a long report: 3 annotators × 3,000 annotations on a generated 340-page
report (the project bench_agreement.py builds). Target: the view opens in ≤ 300 ms.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_agreement_view.py [--n 3000] [--chars 700000]

"Opens" is from View › Agreement to the dock shown and painted with its choices filled (the
action returns then), the figures being computed in a worker (ThreadedRunner, as in the app); the time until the figures
with their 1,000-sample intervals are on screen is printed beside it, and so is the time to show
one disagreement side by side. The baseline, measured in the same run, is showing and painting
an empty dock of the same size: what Qt itself costs for any view that opens there.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_agreement import CODERS, _codings
from bench_api import make_text

from testimonia.core.store import NewAnnotation, Store

TARGET_MS = 300.0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=3000)
    ap.add_argument("--chars", type=int, default=700_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QDockWidget, QTableWidget

    app = QApplication.instance() or QApplication(sys.argv)
    from testimonia.ui.main_window import MainWindow

    text = make_text(args.chars)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["TESTIMONIA_CONFIG_DIR"] = tmp
        path = Path(tmp) / "agreement.testimonia"
        with Store.create(path, "Agreement bench", CODERS[0]) as store:
            doc = store.import_text("Long report", text, CODERS[0]).uuid
            labels = {lb.kind: lb.uuid for lb in store.labels()}
            store.add_batch(CODERS[0], annotations=[
                NewAnnotation(doc, labels[lab], s, e, who, fields)
                for who, spans in zip(CODERS, _codings(text, args.n), strict=True) for s, e, lab, fields in spans])
        base, opened, filled, shown = [], [], [], []
        for _ in range(args.runs):
            win = MainWindow(CODERS[0])
            win.resize(1024, 700)
            win.show()
            win.open_project(path)
            app.processEvents()
            t0 = time.perf_counter()
            dock = QDockWidget("Baseline", win)
            dock.setWidget(QTableWidget(10, 10))
            win.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
            dock.show()
            dock.repaint()
            app.processEvents()
            base.append(time.perf_counter() - t0)
            dock.close()
            t0 = time.perf_counter()
            win.agreement.action.trigger()  # returns with the dock painted and the worker started
            opened.append(time.perf_counter() - t0)
            view = win.agreement.view
            while view.computing:
                app.processEvents()
                time.sleep(0.002)
            view.repaint()
            filled.append(time.perf_counter() - t0)
            t1 = time.perf_counter()
            view.go_to_disagreements()
            view.list.setCurrentIndex(view.model.index(min(5, view.model.rowCount() - 1), 0))
            view.repaint()
            app.processEvents()
            shown.append(time.perf_counter() - t1)
            rows, sets = view.model.rowCount(), view.grid.rowCount()
            win.close()
            win.deleteLater()
            app.processEvents()
    b, o = statistics.median(base) * 1000, statistics.median(opened) * 1000
    f, s = statistics.median(filled) * 1000, statistics.median(shown) * 1000
    print(f"{len(CODERS)} annotators × {args.n} annotations, {args.chars:,} characters; {sets} sets, "
          f"{rows} disagreements behind the first cell")
    print(f"baseline (an empty dock shown and painted): {b:8.1f} ms")
    print(f"agreement view opens:                       {o:8.1f} ms   ({o / b:.1f}× baseline)")
    print(f"figures with intervals on screen (worker):  {f:8.1f} ms")
    print(f"one disagreement side by side:              {s:8.1f} ms")
    print(f"target {TARGET_MS:.0f} ms to open: {'met' if o <= TARGET_MS else 'MISSED'} ({o / TARGET_MS:.2f} of it)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
