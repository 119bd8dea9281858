"""Where the time goes in the scale bench's slow measures: sampling profiles on a generated project.

Run:  .venv/bin/python bench/profile_scale.py DOCS [--what start,edit,evidence,sort] [--out FOLDER]
      .venv/bin/python bench/profile_scale.py DOCS --cli "list {p} --json" --cli "export {p} -f w3c -o {out}/x"

Needs pyinstrument (app phases, profiled in-process one phase at a time) and py-spy (CLI commands,
sampled from outside, subprocesses included): `.venv/bin/pip install pyinstrument py-spy`; neither
is a dependency of Testimonia. The project comes from scale_project (DOCS documents, ten
annotations each, cached). Each profile is printed (the heaviest call paths) and saved under --out:
pyinstrument's HTML for the app, py-spy's speedscope JSON for commands (open at speedscope.app).
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import scale_project  # noqa: E402

APP = r"""
import os, sys, time
from pyinstrument import Profiler
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
project, out, what, annotation, document = sys.argv[1:6]
what = what.split(",")

def profiled(name, fn):
    p = Profiler(interval=0.002)
    p.start()
    t = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - t
    p.stop()
    print(f"\n===== {name}: {elapsed:.2f} s =====")
    print(p.output_text(unicode=True, color=False, show_all=False, timeline=False))
    with open(os.path.join(out, f"{name}.html"), "w") as fh:
        fh.write(p.output_html())
    return result

def settle(seconds):
    end = time.time() + seconds
    while time.time() < end:
        QApplication.processEvents()
        time.sleep(0.001)

import testimonia.app as app
if "start" in what:
    w = profiled("start", lambda: app.launch([project]))
else:
    w = app.launch([project])
settle(1.0)
w.open_document(document)
w.select_annotation(annotation)
settle(0.5)
if "edit" in what:
    from testimonia.core.views import Content
    before = w.session.store.annotation(annotation)
    after = Content(before.label_uuid, before.start, before.end, dict(before.fields), before.note + " (checked)")
    def edit():
        w.apply_edit(before, after, "Edit note")
        settle(0.4)  # the deferred recount runs 150 ms later
    profiled("edit", edit)
if "evidence" in what or "sort" in what:
    def evidence():
        table = w.team.open_evidence()
        QApplication.processEvents()
        table.view.viewport().repaint()
        return table
    table = profiled("evidence", evidence)
    if "sort" in what:
        profiled("sort", lambda: (table.view.sortByColumn(2, Qt.SortOrder.AscendingOrder),
                                  QApplication.processEvents()))
os._exit(0)
"""


def pick(base: Path) -> tuple[str, str]:
    import sqlite3

    conn = sqlite3.connect(f"{base.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(
            "SELECT a.uuid, a.document_uuid FROM annotation a JOIN revision r ON r.uuid = a.head_uuid "
            "JOIN document d ON d.uuid = a.document_uuid WHERE a.heads = 1 AND NOT r.deleted AND NOT d.removed "
            "ORDER BY a.uuid LIMIT 1").fetchone()
    finally:
        conn.close()


def summarise(collapsed: Path, top: int = 25) -> str:
    """Self and inclusive shares per function (line numbers dropped) from py-spy's collapsed stacks."""
    own: Counter[str] = Counter()
    incl: Counter[str] = Counter()
    total = 0
    for line in collapsed.read_text().splitlines():
        stack, _, n = line.rpartition(" ")
        count = int(n)
        total += count
        frames = [re.sub(r":\d+\)$", ")", f) for f in stack.split(";")[1:]]  # [0] is the process
        if not frames:
            continue
        own[frames[-1]] += count
        for f in set(frames):
            incl[f] += count
    out = [f"{total} samples", "inclusive:"]
    out += [f"  {100 * n / total:5.1f} %  {f}" for f, n in incl.most_common(top)]
    out += ["self:"] + [f"  {100 * n / total:5.1f} %  {f}" for f, n in own.most_common(top)]
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("documents", type=int)
    ap.add_argument("--annotations", type=int)
    ap.add_argument("--what", default="", help="app phases: start, edit, evidence, sort")
    ap.add_argument("--cli", action="append", default=[], help="a testimonia command line; {p} is the project, "
                    "{mate} the teammate's copy, {twin} the copy with other bytes, {out} the output folder")
    ap.add_argument("--out", default=str(HERE / ".results" / "profiles"))
    ap.add_argument("--summarise", metavar="RAW", help="summarise a saved py-spy raw profile and stop")
    args = ap.parse_args()
    if args.summarise:
        print(summarise(Path(args.summarise)))
        return 0
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    base = scale_project.project(args.documents, args.annotations or args.documents * 10)
    mate, twin = scale_project.teammate(base), scale_project.twin(base)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TESTIMONIA_AUTHOR="Profiler")
    with tempfile.TemporaryDirectory(dir=scale_project.cache_dir()) as tmp:
        env["TESTIMONIA_CONFIG_DIR"] = str(Path(tmp) / "config")
        work = Path(tmp) / "work.testimonia"
        if args.what:
            shutil.copyfile(base, work)
            ann, doc = pick(base)
            subprocess.run([sys.executable, "-c", APP, str(work), str(out), args.what, ann, doc], env=env, check=True)
        for i, line in enumerate(args.cli):
            shutil.copyfile(base, work)  # a merge writes into it
            argv = [a.format(p=work, mate=mate, twin=twin, out=tmp) for a in shlex.split(line)]
            collapsed = out / f"cli-{i}.txt"
            spy = shutil.which("py-spy", path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
            subprocess.run([spy or "py-spy", "record", "--subprocesses", "-r", "200", "-f", "raw", "-o", str(collapsed),
                            "--", sys.executable, "-m", "testimonia", *argv], env=env, check=True,
                           stdout=subprocess.DEVNULL)
            print(f"\n===== testimonia {line} =====\n{summarise(collapsed)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
