"""accord's equivalents of spaCy components against the originals: same annotation? how much faster?

    python benchmarks/equivalents.py                     # 1,000 texts of each dev set + 200 corpus articles
    python benchmarks/equivalents.py --limit 0 --corpus corpus.jsonl.gz

Runs the model as shipped (with accord's paragraph breaks, the only component accord adds) and
accord's pipeline (`accord.nlp.load_pipeline`) over the same texts, then counts the texts whose
annotation differs in any token's lemma, POS, tag, morphology, head, dependency label, sentence
start or entity (IOB and label), and times each component of both pipelines. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from collections import defaultdict
from itertools import islice
from pathlib import Path

import spacy
from spacy.util import minibatch
from threadpoolctl import threadpool_limits

from accord.nlp import MODEL, load_pipeline

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
SETS = ["conflibert_cameo_class_train", "conflibert_cameo_ner_train", "synthetic_plover_train", "ngec_actor_cases"]
BATCH = 64


def texts_of(path: Path, limit: int) -> list[str]:
    with (gzip.open if path.suffix == ".gz" else open)(path, "rt", encoding="utf-8") as handle:
        records = (json.loads(line) for line in handle)
        texts = (r.get("text") or r.get("sentence") for r in records)
        return list(islice((t for t in texts if isinstance(t, str) and t.strip()), limit or None))


def annotation(doc) -> list[tuple]:
    return [(t.lemma, t.pos, t.tag, t.morph.key, t.head.i, t.dep, t.is_sent_start, t.ent_iob, t.ent_type) for t in doc]


def run(nlp, texts: list[str]) -> tuple[list[list[tuple]], dict[str, float]]:
    """Annotations and seconds per component (batches go through the components one by one)."""
    seconds: dict[str, float] = defaultdict(float)
    found = []
    for batch in minibatch(texts, BATCH):
        start = time.perf_counter()
        docs = [nlp.make_doc(text) for text in batch]
        seconds["tokenizer"] += time.perf_counter() - start
        for name, component in nlp.pipeline:
            start = time.perf_counter()
            docs = list(component.pipe(docs, batch_size=BATCH)) if hasattr(component, "pipe") else [component(d) for d in docs]
            seconds[name] += time.perf_counter() - start
        found += [annotation(doc) for doc in docs]
    return found, {name: round(value, 2) for name, value in seconds.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=1000, help="texts per set (0: all)")
    parser.add_argument("--corpus", type=Path, help="a make_corpus.py corpus (.jsonl or .jsonl.gz)")
    parser.add_argument("--corpus-limit", type=int, default=200)
    args = parser.parse_args()
    texts = [text for name in SETS if (EVAL / f"{name}.jsonl").exists() for text in texts_of(EVAL / f"{name}.jsonl", args.limit)]
    if args.corpus:
        texts += texts_of(args.corpus, args.corpus_limit)
    threadpool_limits(1, user_api="blas")  # one thread per process, as accord codes (accord.workers)
    original = spacy.load(MODEL)
    original.add_pipe("accord_paragraph_breaks", before="parser")
    theirs, their_seconds = run(original, texts)
    ours, our_seconds = run(load_pipeline(), texts)
    differing = sum(a != b for a, b in zip(theirs, ours))
    print(json.dumps({
        "texts": len(texts), "tokens": sum(map(len, theirs)), "texts_differing": differing,
        "seconds_original": their_seconds, "seconds_accord": our_seconds,
        "total_original": round(sum(their_seconds.values()), 2), "total_accord": round(sum(our_seconds.values()), 2),
    }))


if __name__ == "__main__":
    main()
