"""Suggestion quality on the held-out gold set, and suggestion speed against a regex scan.

Run:  .venv/bin/python bench/bench_suggest.py [--split heldout|dev] [--chars 700000]

Quality: precision, recall and F1 per kind with exact-span matching and with overlap ≥ 50 %
(shared characters over the longer span, one-to-one, best overlap first); for matched figures the
share whose value, value_low and value_high are all right; for matched statements the share with
the right speaker. The held-out part (tests/fixtures/suggest/heldout) was written and annotated
before the rules and is never used to tune them (docs/SUGGESTIONS.md).

Speed: all three suggesters over the generated 340-page report (bench_api.make_text, ~700k code
points) and over a report of the same size made of the gold articles, and over one seed-sized
article (~5k code points); each printed against a baseline measured in the same run on the same
text (one regex pass finding every number and every quotation mark), as CPU seconds.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_api import make_text  # noqa: E402
from suggest_eval import KINDS, evaluate, load  # noqa: E402

from testimonia.core.suggest import suggest_text  # noqa: E402

TARGETS = {"figure": 0.85, "statement": 0.75, "obligation": 0.60}
VALUES_TARGET = 0.90
BUDGET_REPORT_S = 3.0
BUDGET_ARTICLE_MS = 50.0
_BASELINE = re.compile(r"\d[\d,.]*|[“”\"]")


def cpu(func, *args) -> float:
    t = time.process_time()
    func(*args)
    return time.process_time() - t


def quality(split: str) -> bool:
    ok = True
    counts = {k: 0 for k in KINDS}
    for _name, _text, gold in load(split):
        for a in gold:
            counts[a["kind"]] += 1
    print(f"gold set '{split}': {len(load(split))} articles, " + ", ".join(f"{counts[k]} {k}s" for k in KINDS))
    for exact in (True, False):
        scores = evaluate(split, exact)
        print(f"  matching: {'exact span' if exact else 'overlap >= 50%'}")
        for kind in KINDS:
            sc = scores[kind]
            extra = ""
            if kind == "figure" and sc.tp:
                extra = f"   values right {sc.values_ok / sc.tp:.2f} ({sc.values_ok}/{sc.tp})"
            if kind == "statement" and sc.tp:
                extra = f"   speaker right {sc.speaker_ok / sc.tp:.2f} ({sc.speaker_ok}/{sc.tp})"
            target = ""
            if not exact:
                met = sc.f1 >= TARGETS[kind]
                if kind == "figure" and sc.tp:
                    met = met and sc.values_ok / sc.tp >= VALUES_TARGET
                target = f"   target F1 >= {TARGETS[kind]:.2f}: {'met' if met else 'MISSED'}"
                ok = ok and met
            print(f"    {kind:10} P {sc.precision:.2f}  R {sc.recall:.2f}  F1 {sc.f1:.2f}   "
                  f"(tp {sc.tp}, fp {sc.fp}, fn {sc.fn}){extra}{target}")
    return ok


def speed(chars: int) -> bool:
    ok = True
    articles = [text for _n, text, _g in load("dev") + load("heldout")]
    joined = "\n\n".join(articles)
    gold_report = (joined * (chars // len(joined) + 1))[:chars]
    article = (joined * 3)[:5000]
    for name, text, budget in (("generated 340-page report", make_text(chars), BUDGET_REPORT_S),
                               ("report of the gold articles", gold_report, BUDGET_REPORT_S)):
        base = min(cpu(_BASELINE.findall, text) for _ in range(3))
        took = cpu(suggest_text, text)
        found = len(suggest_text(text))
        met = took <= budget
        ok = ok and met
        print(f"  {name}: {len(text):,} code points, {found:,} suggestions: {took:.2f} s "
              f"(budget {budget:.0f} s: {'met' if met else 'MISSED'}); regex baseline {base * 1000:.1f} ms, "
              f"ratio {took / base:.0f}x")
    suggest_text(article)  # warm: compiled patterns
    base = min(cpu(_BASELINE.findall, article) for _ in range(20))
    took = min(cpu(suggest_text, article) for _ in range(10))
    met = took * 1000 <= BUDGET_ARTICLE_MS
    ok = ok and met
    print(f"  seed-sized article: {len(article):,} code points: {took * 1000:.1f} ms "
          f"(budget {BUDGET_ARTICLE_MS:.0f} ms: {'met' if met else 'MISSED'}); regex baseline "
          f"{base * 1000:.2f} ms, ratio {took / base:.0f}x")
    return ok


def project_speed(chars: int) -> bool:
    """The project path: rules plus the learnt wordings, minus what is annotated or reviewed."""
    import tempfile

    from bench_api import AUTHOR

    from testimonia.core.store import Store
    from testimonia.core.suggest import project, review

    text = make_text(chars)
    with tempfile.TemporaryDirectory(prefix="testimonia-bench-") as tmp, \
            Store.create(Path(tmp) / "suggest.testimonia", "Suggest bench", AUTHOR) as store:
        doc = store.import_text("Report", text, AUTHOR).uuid
        found = project.document_suggestions(store, doc)
        review.accept(store, found[:300], AUTHOR)  # 300 annotations whose wordings are then learnt
        review.reject(store, found[300:400], AUTHOR)
        t = time.process_time()
        again = project.document_suggestions(store, doc)
        took = time.process_time() - t
    met = took <= BUDGET_REPORT_S
    print(f"  project path on the generated report (300 annotations learnt, 100 rejections): {len(again):,} "
          f"suggestions in {took:.2f} s (budget {BUDGET_REPORT_S:.0f} s: {'met' if met else 'MISSED'})")
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="heldout", choices=("heldout", "dev"))
    parser.add_argument("--chars", type=int, default=700_000)
    args = parser.parse_args()
    t = time.perf_counter()
    import testimonia.core.suggest.figures  # noqa: F401  (first import: the patterns compile)

    print(f"import of the suggesters: {(time.perf_counter() - t) * 1000:.0f} ms (wall)")
    good = quality(args.split)
    print("speed (CPU time; the machine may be shared):")
    fast = speed(args.chars) and project_speed(args.chars)
    return 0 if good and fast else 1


if __name__ == "__main__":
    sys.exit(main())
