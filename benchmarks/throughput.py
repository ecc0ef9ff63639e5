"""Words per second of full accord coding against bare spaCy parsing of the same text, same run.

    python benchmarks/throughput.py [--articles 400] [--repeats 3] [FILES...]

Without FILES it codes the example articles (and the seeds when ../shared/seeds is there), cycled
to the requested number of articles. Both sides run on one process. The reference is spaCy's
full pipeline (tagger, parser, NER...) over the cleaned bodies; accord's side is what `accord
code` does per JSONL record: ingest cleaning, every stage, and the output JSON line. Prints one JSON line with both rates and their ratio.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from itertools import cycle, islice
from pathlib import Path

from accord.ingest import read_inputs
from accord.nlp import load_pipeline
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
    nlp = load_pipeline()
    coder = Coder()

    def bare_spacy():
        for _ in nlp.pipe(texts, batch_size=32):
            pass

    records = [{"id": a.id, "text": a.text, "date": a.date.isoformat() if a.date else None} for a in articles]

    def full_coding():
        # What `accord code` does per record: ingest cleaning, all stages, the JSON line.
        for item in coder.pipe(records):
            json.dumps(article_json(item) if isinstance(item, Article) else {})

    bare_spacy()  # warm-up: first batches pay for lazy initialisation
    seconds = best_times({"spacy": bare_spacy, "accord": full_coding}, args.repeats)
    spacy_seconds, accord_seconds = seconds["spacy"], seconds["accord"]
    spacy_rate = total_words / spacy_seconds
    accord_rate = total_words / accord_seconds
    print(json.dumps({
        "machine": f"{platform.processor() or platform.machine()}, {platform.python_version()}",
        "articles": len(articles),
        "words": total_words,
        "spacy_words_per_s": round(spacy_rate),
        "accord_words_per_s": round(accord_rate),
        "accord_articles_per_s": round(len(articles) / accord_seconds, 1),
        "ratio": round(accord_rate / spacy_rate, 3),
    }))


if __name__ == "__main__":
    main()
