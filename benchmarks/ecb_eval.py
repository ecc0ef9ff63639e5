"""Document clustering by seminal event on ECB+ (shared/eval/ecbplus_dev): B3, pairwise F1 and ARI.

Runs accord's story clustering (accord.link) on the train, train+dev and dev splits, either as
`accord stories --input` does (``--path memory``) or through the store (``--path store``: articles
stored in batches, :meth:`Store.link_pending` after each, as `accord ingest` does); ``--chunk`` sets
how many documents arrive per batch (incremental placement), ``--shuffle SEED`` the arrival order.
``ms_per_article`` is the linking time alone (not storing). Not part of the test suite.

    python benchmarks/ecb_eval.py [--path memory|store] [--chunk 1000] [--shuffle 0]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import time
from collections import Counter, defaultdict
from pathlib import Path

from accord.link import stories_of_records
from accord.records import Article
from accord.store import Store

DOCS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "ecbplus_dev" / "docs.jsonl"


def b_cubed(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    predicted_members, gold_members = defaultdict(set), defaultdict(set)
    for doc in gold:
        predicted_members[predicted[doc]].add(doc)
        gold_members[gold[doc]].add(doc)
    precision = recall = 0.0
    for doc in gold:
        shared = len(predicted_members[predicted[doc]] & gold_members[gold[doc]])
        precision += shared / len(predicted_members[predicted[doc]])
        recall += shared / len(gold_members[gold[doc]])
    return _prf(precision / len(gold), recall / len(gold))


def _prf(precision: float, recall: float) -> tuple[float, float, float]:
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _pairs(sizes: Counter) -> float:
    return sum(n * (n - 1) / 2 for n in sizes.values())


def pairwise_and_ari(predicted: dict[str, str], gold: dict[str, str]) -> tuple[tuple[float, float, float], float]:
    both = _pairs(Counter((predicted[d], gold[d]) for d in gold))
    predicted_pairs = _pairs(Counter(predicted[d] for d in gold))
    gold_pairs = _pairs(Counter(gold.values()))
    total = math.comb(len(gold), 2)
    expected = predicted_pairs * gold_pairs / total
    mean = (predicted_pairs + gold_pairs) / 2
    ari = (both - expected) / (mean - expected) if mean != expected else 1.0
    pairwise = _prf(both / predicted_pairs if predicted_pairs else 0.0, both / gold_pairs if gold_pairs else 0.0)
    return pairwise, ari


def stories_in_memory(docs: list[dict], chunk: int) -> tuple[dict[str, str], float]:
    started = time.perf_counter()
    records = ({"id": d["doc_id"], "text": d["text"], "title": d["title"]} for d in docs)
    return dict(stories_of_records(records, chunk=chunk)), time.perf_counter() - started


def stories_in_store(docs: list[dict], chunk: int) -> tuple[dict[str, str], float]:
    linking = 0.0
    with Store(":memory:") as store:
        for start in range(0, len(docs), chunk):
            store.add_batch(Article(id=d["doc_id"], text=d["text"], title=d["title"]) for d in docs[start : start + chunk])
            started = time.perf_counter()
            store.link_pending(batch=chunk)
            linking += time.perf_counter() - started
        return dict(store._fetch("SELECT article, story FROM placements")), linking


def evaluate(docs: list[dict], chunk: int, path: str) -> dict:
    place = stories_in_store if path == "store" else stories_in_memory
    predicted, elapsed = place(docs, chunk)
    gold = {d["doc_id"]: d["gold_doc_cluster"] for d in docs}
    b3 = b_cubed(predicted, gold)
    pairwise, ari = pairwise_and_ari(predicted, gold)
    return {
        "documents": len(docs),
        "stories": len(set(predicted.values())),
        "gold": len(set(gold.values())),
        "b3_p": round(b3[0], 4), "b3_r": round(b3[1], 4), "b3_f1": round(b3[2], 4),
        "pair_p": round(pairwise[0], 4), "pair_r": round(pairwise[1], 4), "pair_f1": round(pairwise[2], 4),
        "ari": round(ari, 4),
        "ms_per_article": round(1000 * elapsed / len(docs), 2),
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", choices=("memory", "store"), default="memory", help="store-less, or through the store")
    parser.add_argument("--chunk", type=int, default=1000, help="documents per incremental batch")
    parser.add_argument("--shuffle", type=int, default=None, help="seed for a random arrival order")
    options = parser.parse_args()
    docs = [json.loads(line) for line in DOCS.open(encoding="utf-8")]
    if options.shuffle is not None:
        random.Random(options.shuffle).shuffle(docs)
    for name, split in (("train", {"train"}), ("train+dev", {"train", "dev"}), ("dev", {"dev"})):
        result = evaluate([d for d in docs if d["split"] in split], options.chunk, options.path)
        print(json.dumps({"split": name, "path": options.path, "chunk": options.chunk, "shuffle": options.shuffle} | result))


if __name__ == "__main__":
    main()
