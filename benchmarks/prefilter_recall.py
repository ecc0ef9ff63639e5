"""What the sentence pre-filter skips, and what it loses: accord with and without it, same texts.

    python benchmarks/prefilter_recall.py                    # every set, 400 records each
    python benchmarks/prefilter_recall.py --limit 0          # every record of every set
    python benchmarks/prefilter_recall.py --sets examples --lost   # print each lost event/fact
    python benchmarks/prefilter_recall.py --sets --corpus corpus.jsonl.gz   # a make_corpus.py corpus

Sets: ``conflibert`` (ConfliBERT cameo_class train: one sentence per record, every one with an
event), ``synthetic`` (synthetic PLOVER stories), ``examples`` (examples/ and the seeds), and any
``--corpus`` file. For each:
the share of sentences and words the filter skipped, and the recall of the filter: the share of the
events (and facts) coded without it that the filtered run still codes, matched on the same
trigger position and code (``events_same_actors`` also asks for the same source and target codes).
Prints one JSON line per set.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from collections.abc import Callable
from dataclasses import replace
from itertools import islice
from pathlib import Path

from accord.ingest import read_inputs
from accord.output import article_json
from accord.pipeline import Coder
from accord.records import Article

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"


def jsonl_records(path: Path) -> Callable[[int], list[dict]]:
    def read(limit: int) -> list[dict]:
        with (gzip.open if path.suffix == ".gz" else open)(path, "rt", encoding="utf-8") as handle:
            lines = islice(handle, limit or None)
            return [{key: r.get(key) for key in ("id", "text", "title", "date")} for r in map(json.loads, lines)]
    return read


def example_articles(limit: int) -> list[Article]:
    paths = [str(ROOT / "examples")] + [str(p) for p in [ROOT.parent / "shared" / "seeds"] if p.is_dir()]
    return [a for a in read_inputs(paths) if isinstance(a, Article)][: limit or None]


SETS = {
    "conflibert": jsonl_records(EVAL / "conflibert_cameo_class_train.jsonl"),
    "synthetic": jsonl_records(EVAL / "synthetic_plover_train.jsonl"),
    "examples": example_articles,
}


def event_keys(coded: dict, same_actors: bool) -> set[tuple]:
    keys = set()
    for event in coded["events"]:
        key = (coded["id"], event["evidence"]["trigger_start"], event["evidence"]["trigger_end"], event["cameo"])
        if same_actors:
            key += tuple((side or {}).get("code") for side in (event["source"], event["target"]))
        keys.add(key)
    return keys


def fact_keys(coded: dict) -> set[tuple]:
    return {(coded["id"], f["evidence"]["start"], f["evidence"]["text"], f["measure"], f["value"], f["unit"])
            for f in coded["facts"]}


def code(coder: Coder, records: list[dict | Article]) -> tuple[list[Article], float]:
    records = [replace(r) if isinstance(r, Article) else r for r in records]  # each run fills its own copy
    started = time.perf_counter()
    articles = [a for a in coder.pipe(records) if isinstance(a, Article)]
    return articles, time.perf_counter() - started


def recall(full: set, kept: set) -> float | None:
    return round(len(full & kept) / len(full), 4) if full else None


def skipped_share(articles: list[Article]) -> dict:
    sentences = [s for a in articles for s in a.sentences]
    skipped = [s for s in sentences if not s.parsed]
    words = sum(len(s.text.split()) for s in sentences)
    return {
        "sentences": len(sentences),
        "sentences_skipped": round(len(skipped) / len(sentences), 4) if sentences else None,
        "words": words,
        "words_skipped": round(sum(len(s.text.split()) for s in skipped) / words, 4) if words else None,
    }


def measure(name: str, records: list[dict | Article], filtered: Coder, unfiltered: Coder, show_lost: bool) -> dict:
    full_articles, full_seconds = code(unfiltered, records)
    kept_articles, kept_seconds = code(filtered, records)
    full = [article_json(a) for a in full_articles]
    kept = [article_json(a) for a in kept_articles]
    result = {"set": name, "records": len(records), **skipped_share(kept_articles)}
    for label, keys in (("events", lambda c: event_keys(c, False)), ("events_same_actors", lambda c: event_keys(c, True)),
                        ("facts", fact_keys)):
        full_keys = set().union(*map(keys, full)) if full else set()
        kept_keys = set().union(*map(keys, kept)) if kept else set()
        result[label] = len(full_keys)
        result[f"{label}_recall"] = recall(full_keys, kept_keys)
        result[f"{label}_added"] = len(kept_keys - full_keys)
        if show_lost and label != "events_same_actors":
            print_lost(label, full_keys - kept_keys, full_articles)
    result["seconds_unfiltered"] = round(full_seconds, 1)
    result["seconds_filtered"] = round(kept_seconds, 1)
    return result


def print_lost(label: str, lost: set[tuple], articles: list[Article]) -> None:
    by_origin = {a.record_id or a.id: a for a in articles}
    for key in sorted(lost, key=str):
        article = by_origin.get(key[0])
        start = key[1]
        sentence = next((s for s in article.sentences if s.start <= start < s.end), None) if article else None
        print(f"lost {label} {key}: {sentence.text if sentence else ''}")


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--sets", nargs="*", choices=list(SETS), default=list(SETS))
    options.add_argument("--limit", type=int, default=400, help="records per set (0 = all)")
    options.add_argument("--lost", action="store_true", help="print every lost event and fact with its sentence")
    options.add_argument("--corpus", type=Path, action="append", default=[],
                         help="a JSONL(.gz) corpus of {id, text, title?, date?} to measure too (make_corpus.py)")
    args = options.parse_args()
    sets = {name: SETS[name] for name in args.sets} | {str(path): jsonl_records(path) for path in args.corpus}
    filtered, unfiltered = Coder(prefilter=True), Coder(prefilter=False)
    for name, read in sets.items():
        print(json.dumps(measure(name, read(args.limit), filtered, unfiltered, args.lost)), flush=True)


if __name__ == "__main__":
    main()
