"""Five-way class of each sentence's main event against a gold set in shared/eval format.

    python benchmarks/eval_pentaclass.py [../shared/eval/conflibert_cameo_class_train.jsonl]

The main event is the first event accord lists for the sentence (FORMAT.md's scoring rule).
Prints accuracy, macro-F1, per-class F1, the share of sentences with no event, and accuracy on
the sentences that got one.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from accord.output import pentaclass
from accord.pipeline import Coder
from accord.records import Article

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "conflibert_cameo_class_train.jsonl"
CLASSES = range(5)


def gold_class(record: dict) -> int | None:
    events = record.get("events") or []
    return events[0].get("pentaclass") if events else None


def macro_f1(pairs: list[tuple[int, int | None]]) -> tuple[float, dict[int, float]]:
    scores = {}
    for c in CLASSES:
        tp = sum(1 for g, p in pairs if g == c and p == c)
        fp = sum(1 for g, p in pairs if g != c and p == c)
        fn = sum(1 for g, p in pairs if g == c and p != c)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores[c] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return sum(scores.values()) / len(scores), scores


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    records = [r for r in records if gold_class(r) is not None]
    coder = Coder()
    pairs = []
    for record, item in zip(records, coder.pipe({"id": r["id"], "text": r["text"]} for r in records)):
        predicted = pentaclass(item.events[0].cameo_root) if isinstance(item, Article) and item.events else None
        pairs.append((gold_class(record), predicted))
    coded = [(g, p) for g, p in pairs if p is not None]
    macro, per_class = macro_f1(pairs)
    print(json.dumps({
        "file": path.name,
        "sentences": len(pairs),
        "accuracy": round(sum(g == p for g, p in pairs) / len(pairs), 4),
        "macro_f1": round(macro, 4),
        "f1_by_class": {c: round(f, 3) for c, f in per_class.items()},
        "no_event_share": round(1 - len(coded) / len(pairs), 4),
        "accuracy_when_coded": round(sum(g == p for g, p in coded) / len(coded), 4) if coded else None,
        "gold_distribution": dict(sorted(Counter(g for g, _ in pairs).items())),
        "predicted_distribution": dict(sorted(Counter(p for _, p in coded).items())),
    }))


if __name__ == "__main__":
    main()
