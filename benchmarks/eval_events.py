"""The label of each text's main event against a gold set in shared/eval format.

    python benchmarks/eval_events.py                       # pentaclass, ConfliBERT cameo_class train
    python benchmarks/eval_events.py --label plover ../shared/eval/synthetic_plover_train.jsonl
    python benchmarks/eval_events.py --start 0 --stop 400 --dump coded.jsonl   # a slice, each text's events

The main event is the first event accord lists for the text (FORMAT.md's scoring rule for the
five-way class). Prints accuracy, macro-F1, per-label F1, the share of texts with no event, and
accuracy on the texts that got one. For PLOVER it also prints how often the gold type is among
all the types accord gave the text.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from accord.output import pentaclass
from accord.pipeline import Coder
from accord.records import Article

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "conflibert_cameo_class_train.jsonl"


def gold_label(record: dict, label: str):
    events = record.get("events") or []
    return events[0].get(label) if events else None


def predicted_labels(item, label: str) -> list:
    if not isinstance(item, Article):
        return []
    if label == "pentaclass":
        return [pentaclass(e.cameo_root) for e in item.events]
    return [e.plover for e in item.events if e.plover]


def coded_events(item) -> list[dict]:
    """What was coded, compactly, for reading errors."""
    if not isinstance(item, Article):
        return []
    return [
        {"cameo": e.cameo, "plover": e.plover, "mode": e.mode, "trigger": e.evidence.trigger,
         "source": e.source and e.source.text, "target": e.target and e.target.text, "rule": e.rule}
        for e in item.events
    ]


def macro_f1(pairs: list[tuple]) -> tuple[float, dict]:
    scores = {}
    for c in sorted({g for g, _ in pairs}, key=str):
        tp = sum(1 for g, p in pairs if g == c and p == c)
        fp = sum(1 for g, p in pairs if g != c and p == c)
        fn = sum(1 for g, p in pairs if g == c and p != c)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores[c] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return sum(scores.values()) / len(scores), scores


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("file", nargs="?", type=Path, default=DEFAULT)
    options.add_argument("--label", choices=["pentaclass", "plover"], default="pentaclass")
    options.add_argument("--start", type=int, default=0, help="first record of the slice to score")
    options.add_argument("--stop", type=int, default=None, help="end of the slice (exclusive)")
    options.add_argument("--dump", type=Path, help="write each text's gold label and coded events here (JSON lines)")
    args = options.parse_args()
    records = [json.loads(line) for line in args.file.open(encoding="utf-8")][args.start : args.stop]
    records = [r for r in records if gold_label(r, args.label) is not None]
    coder = Coder()
    pairs, anywhere = [], 0
    dump = args.dump.open("w", encoding="utf-8") if args.dump else None
    for record, item in zip(records, coder.pipe({"id": r["id"], "text": r["text"]} for r in records)):
        predicted = predicted_labels(item, args.label)
        gold = gold_label(record, args.label)
        pairs.append((gold, predicted[0] if predicted else None))
        anywhere += gold in predicted
        if dump:
            dump.write(json.dumps({"id": record["id"], "text": record["text"], "gold": gold,
                                   "events": coded_events(item)}) + "\n")
    if dump:
        dump.close()
    coded = [(g, p) for g, p in pairs if p is not None]
    macro, per_label = macro_f1(pairs)
    print(json.dumps({
        "file": args.file.name,
        "label": args.label,
        "texts": len(pairs),
        "accuracy": round(sum(g == p for g, p in pairs) / len(pairs), 4),
        "macro_f1": round(macro, 4),
        "f1_by_label": {str(c): round(f, 3) for c, f in per_label.items()},
        "no_event_share": round(1 - len(coded) / len(pairs), 4),
        "accuracy_when_coded": round(sum(g == p for g, p in coded) / len(coded), 4) if coded else None,
        "gold_among_all_events": round(anywhere / len(pairs), 4),
        "gold_distribution": dict(Counter(str(g) for g, _ in pairs).most_common()),
        "predicted_distribution": dict(Counter(str(p) for _, p in coded).most_common()),
    }))


if __name__ == "__main__":
    main()
