"""Words per second of full accord coding against bare spaCy parsing of the same text, same run.

    python benchmarks/throughput.py [--articles 400] [--repeats 3] [FILES...]
    python benchmarks/throughput.py --articles 200 corpus.jsonl      # a make_corpus.py corpus

Without FILES it codes the example articles (and the seeds when ../shared/seeds is there), cycled
to the requested number of articles. Every side runs on one process. The reference is spaCy's
full pipeline (tagger, parser, NER...) over every sentence of the cleaned bodies; accord's side is
what `accord code` does per JSONL record: ingest cleaning, every stage, and the output JSON line,
once with the sentence pre-filter (the default) and once parsing every sentence (`--all-sentences`).
Prints one JSON line with the three rates, accord's ratio to bare spaCy with and without the
pre-filter, and the share of words the pre-filter kept from the parser. The example reports are
dense diplomatic news in which nearly every sentence holds an event: the pre-filter shows its
gain on a mixed corpus (make_corpus.py) and only its cost on them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from collections.abc import Callable
from itertools import cycle, islice
from pathlib import Path

import spacy
from threadpoolctl import threadpool_limits

from accord.ingest import read_inputs
from accord.nlp import MODEL
from accord.output import article_json
from accord.pipeline import Coder
from accord.records import Article

ROOT = Path(__file__).resolve().parents[1]


def corpus(paths: list[str], size: int) -> list[Article]:
    if not paths:
        paths = [str(ROOT / "examples")]
        seeds = ROOT.parent / "shared" / "seeds"
        if seeds.is_dir():
            paths.append(str(seeds))
    articles = [a for a in read_inputs(paths) if isinstance(a, Article)]
    return list(islice(cycle(articles), size))


def words(articles: list[Article]) -> int:
    return sum(len(a.text.split()) for a in articles)


def best_times(runs: dict, repeats: int) -> dict[str, float]:
    """Best wall time of each run, alternating them so that load from elsewhere hits both alike."""
    best = {name: float("inf") for name in runs}
    for _ in range(repeats):
        for name, run in runs.items():
            started = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - started)
    return best


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("files", nargs="*")
    options.add_argument("--articles", type=int, default=400)
    options.add_argument("--repeats", type=int, default=3)
    args = options.parse_args()

    articles = corpus(args.files, args.articles)
    texts = [a.text for a in articles]
    total_words = words(articles)
    threadpool_limits(1, user_api="blas")  # one thread per process, as accord codes (accord.workers)
    nlp = spacy.load(MODEL)  # the reference: the model as shipped
    filtered, unfiltered = Coder(), Coder(prefilter=False)

    def bare_spacy():
        for _ in nlp.pipe(texts, batch_size=32):
            pass

    records = [{"id": a.id, "text": a.text, "date": a.date.isoformat() if a.date else None} for a in articles]

    def full_coding(coder: Coder) -> Callable[[], None]:
        def run():
            # What `accord code` does per record: ingest cleaning, all stages, the JSON line.
            for item in coder.pipe(records):
                json.dumps(article_json(item) if isinstance(item, Article) else {})
        return run

    bare_spacy()  # warm-up: first batches pay for lazy initialisation
    seconds = best_times({"spacy": bare_spacy, "accord": full_coding(filtered),
                          "accord_all_sentences": full_coding(unfiltered)}, args.repeats)
    rates = {name: total_words / spent for name, spent in seconds.items()}
    print(json.dumps({
        "machine": f"{platform.processor() or platform.machine()}, {platform.python_version()}",
        "load_average": [round(load, 2) for load in os.getloadavg()],
        "articles": len(articles),
        "words": total_words,
        "words_parsed": round(parsed_share(filtered, records), 3),
        "spacy_words_per_s": round(rates["spacy"]),
        "accord_words_per_s": round(rates["accord"]),
        "accord_all_sentences_words_per_s": round(rates["accord_all_sentences"]),
        "accord_articles_per_s": round(len(articles) / seconds["accord"], 1),
        "ratio": round(rates["accord"] / rates["spacy"], 3),
        "ratio_all_sentences": round(rates["accord_all_sentences"] / rates["spacy"], 3),
    }))


def parsed_share(coder: Coder, records: list[dict]) -> float:
    """Share of the words the pre-filter sends to the parser."""
    parsed = total = 0
    for item in coder.pipe(records):
        for sentence in item.sentences if isinstance(item, Article) else []:
            words = len(sentence.text.split())
            total += words
            parsed += words if sentence.parsed else 0
    return parsed / total if total else 1.0


if __name__ == "__main__":
    main()
