"""Scoring suggestions against the gold set (tests/fixtures/suggest): matching and per-kind counts.

Shared by bench/bench_suggest.py and the gold-set test; `python bench/suggest_eval.py dev -v` lists
each miss and each false suggestion (for tuning on the development part only).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

GOLD = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "suggest"
KINDS = ("figure", "statement", "obligation")


def load(split: str) -> list[tuple[str, str, list[dict]]]:
    """(name, text, gold annotations) for every article of a split."""
    out = []
    for path in sorted((GOLD / split).glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        text = (path.parent / doc["text_file"]).read_text(encoding="utf-8")
        out.append((path.stem, text, doc["annotations"]))
    return out


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Shared characters over the longer span: 1.0 is the same span."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return max(0, inter) / max(a[1] - a[0], b[1] - b[0])


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    values_ok: int = 0
    speaker_ok: int = 0
    matched: list[tuple[dict, dict]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def match(gold: list[dict], predicted: list[dict],
          exact: bool) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """One-to-one matching, best overlap first; exact requires the same start and end."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if exact:
                if (g["start"], g["end"]) == (p["start"], p["end"]):
                    pairs.append((1.0, gi, pi))
            else:
                o = overlap((g["start"], g["end"]), (p["start"], p["end"]))
                if o >= 0.5:
                    pairs.append((o, gi, pi))
    pairs.sort(key=lambda x: -x[0])
    used_g: set[int] = set()
    used_p: set[int] = set()
    matched = []
    for _o, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        matched.append((gold[gi], predicted[pi]))
    return (matched, [g for i, g in enumerate(gold) if i not in used_g],
            [p for i, p in enumerate(predicted) if i not in used_p])


def values_correct(g: dict, p: dict) -> bool:
    return all(g["fields"].get(k) == p["fields"].get(k) for k in ("value", "value_low", "value_high"))


def evaluate(split: str, exact: bool, verbose: bool = False) -> dict[str, Score]:
    from testimonia.core.suggest import suggest_text

    scores = {k: Score() for k in KINDS}
    for name, text, gold in load(split):
        predicted = [{"kind": s.kind, "start": s.start, "end": s.end, "exact": s.exact, "fields": s.fields,
                      "rule": s.rule} for s in suggest_text(text)]
        for kind in KINDS:
            g = [a for a in gold if a["kind"] == kind]
            p = [a for a in predicted if a["kind"] == kind]
            matched, missed, false = match(g, p, exact)
            sc = scores[kind]
            sc.tp += len(matched)
            sc.fn += len(missed)
            sc.fp += len(false)
            for ga, pa in matched:
                sc.matched.append((ga, pa))
                if kind == "figure" and values_correct(ga, pa):
                    sc.values_ok += 1
                if kind == "statement" and ga["fields"].get("speaker") == pa["fields"].get("speaker"):
                    sc.speaker_ok += 1
            if verbose:
                for a in missed:
                    print(f"  MISS {name} {kind} {a['exact']!r} {a['fields']}")
                for a in false:
                    print(f"  FALSE {name} {kind} {a['exact']!r} {a['fields']} [{a['rule']}]")
                for ga, pa in matched:
                    if kind == "figure" and not values_correct(ga, pa):
                        print(f"  VALUE {name} {ga['exact']!r} gold {ga['fields']} got {pa['fields']}")
                    if kind == "statement" and ga["fields"].get("speaker") != pa["fields"].get("speaker"):
                        print(f"  SPEAKER {name} {ga['exact'][:50]!r} gold {ga['fields'].get('speaker')!r} "
                              f"got {pa['fields'].get('speaker')!r}")
    return scores


def report(split: str, verbose: bool = False) -> None:
    for exact in (True, False):
        scores = evaluate(split, exact, verbose and not exact)
        print(f"{split}, {'exact span' if exact else 'overlap >= 50%'}:")
        for kind, sc in scores.items():
            extra = ""
            if kind == "figure" and sc.tp:
                extra = f"  values right {sc.values_ok}/{sc.tp} = {sc.values_ok / sc.tp:.2f}"
            if kind == "statement" and sc.tp:
                extra = f"  speaker right {sc.speaker_ok}/{sc.tp} = {sc.speaker_ok / sc.tp:.2f}"
            print(f"  {kind:10} P {sc.precision:.2f}  R {sc.recall:.2f}  F1 {sc.f1:.2f}  "
                  f"(tp {sc.tp}, fp {sc.fp}, fn {sc.fn}){extra}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "desktop"))
    report(sys.argv[1] if len(sys.argv) > 1 else "dev", "-v" in sys.argv)
