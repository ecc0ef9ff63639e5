"""Source and target span P/R/F1 of the actors in coded events, on ConfliBERT's cameo_ner sentences.

Usage: python benchmarks/actors_spans.py [NER_JSONL] [--limit N] [--errors FILE]
       (default: ../shared/eval/conflibert_cameo_ner_train.jsonl)

``--errors`` writes each unmatched span (JSON lines) and prints their counts by kind (missed gold,
extra prediction, boundary) role and side: ``event`` for an extra span, or when the actors stage
found a mention with exactly the gold offsets (the event coder did not use it in that role);
``actor`` when it did not (no mention, or other boundaries).

Every sentence goes through the full coder (``accord.load().pipe``); the predicted spans are the
actors of its main event in their roles (``accord.events.role_spans``: source, target, or
reciprocal for parties that meet, negotiate or act together). Two matchings are reported,
micro-averaged per role and overall:

* exact: same role, same start and end (how the held-out set is scored);
* head: same role, and the gold span contains the head word of our mention, or our span contains the
  head word of the gold span (the head of a span is its word whose syntactic head lies outside it).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

import accord
from accord.actors import span_head
from accord.events import role_spans
from accord.records import Article, Token

DEFAULT_SET = Path(__file__).resolve().parents[2] / "shared" / "eval" / "conflibert_cameo_ner_train.jsonl"
ROLES = ("source", "target", "reciprocal")


@dataclass(frozen=True, slots=True, order=True)
class Span:
    role: str
    start: int
    end: int
    head: int  # character offset of the head word's first character


@dataclass(slots=True)
class Tally:
    true_positive: int = 0
    predicted: int = 0
    gold: int = 0

    def scores(self) -> tuple[float, float, float]:
        precision = self.true_positive / self.predicted if self.predicted else 0.0
        recall = self.true_positive / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


@dataclass(slots=True)
class Scores:
    exact: dict[str, Tally] = field(default_factory=lambda: {role: Tally() for role in ROLES})
    head: dict[str, Tally] = field(default_factory=lambda: {role: Tally() for role in ROLES})


def raw_offsets(article_text: str, raw: str) -> list[int | None]:
    """For each character of the coder's clean text, its offset in the raw record text (ingest may
    normalise quotes and spaces)."""
    if article_text == raw:
        return list(range(len(raw) + 1))
    mapping: list[int | None] = [None] * (len(article_text) + 1)
    for block in SequenceMatcher(None, article_text, raw, autojunk=False).get_matching_blocks():
        for offset in range(block.size):
            mapping[block.a + offset] = block.b + offset
    mapping[len(article_text)] = len(raw)
    return mapping


def head_offset(tokens: list[Token], start: int, end: int) -> int:
    inside = [index for index, token in enumerate(tokens) if token.start < end and token.end > start]
    if not inside:
        return start
    return span_head(tokens, inside[0], inside[-1] + 1).start


def head_match(ours: Span, gold: Span) -> bool:
    return gold.start <= ours.head < gold.end or ours.start <= gold.head < ours.end


def predicted_spans(article: Article, raw: str) -> set[Span]:
    tokens = [token for token in article.tokens() if not token.text.isspace()]
    mapping = raw_offsets(article.text, raw)
    spans = set()
    for found in role_spans(article):
        start, end = mapping[found.start], mapping[found.end]
        if start is None or end is None:
            continue
        head = mapping[head_offset(tokens, found.start, found.end)] or start
        spans.add(Span(found.role, start, end, head))
    return spans


def gold_spans(record: dict, article: Article | None) -> set[Span]:
    tokens = [token for token in article.tokens() if not token.text.isspace()] if article else []
    mapping = raw_offsets(article.text, record["text"]) if article else []
    back = {raw: clean for clean, raw in enumerate(mapping) if raw is not None}
    spans = set()
    for gold in record["spans"]:
        head = gold["start"]
        if tokens and gold["start"] in back and gold["end"] in back:
            clean_head = head_offset(tokens, back[gold["start"]], back[gold["end"]])
            head = mapping[clean_head] if mapping[clean_head] is not None else head
        spans.add(Span(gold["role"], gold["start"], gold["end"], head))
    return spans


def mention_offsets(article: Article, raw: str) -> set[tuple[int, int]]:
    """The raw-text offsets of every actor mention the actors stage found."""
    mapping = raw_offsets(article.text, raw)
    return {(mapping[m.start], mapping[m.end]) for actor in article.actors for m in actor.mentions}


def score(scores: Scores, predicted: set[Span], gold: set[Span]) -> list[tuple[str, Span]]:
    """Add one sentence to the tallies; returns the unmatched spans (head matching) for error review."""
    for role in ROLES:
        ours = sorted(span for span in predicted if span.role == role)
        theirs = sorted(span for span in gold if span.role == role)
        for tally in (scores.exact[role], scores.head[role]):
            tally.predicted += len(ours)
            tally.gold += len(theirs)
        exact = {(span.start, span.end) for span in ours} & {(span.start, span.end) for span in theirs}
        scores.exact[role].true_positive += len(exact)
        left = list(theirs)
        for span in ours:
            match = next((gold for gold in left if head_match(span, gold)), None)
            if match is not None:
                left.remove(match)
                scores.head[role].true_positive += 1
    missed = [("missed", span) for span in gold if not any(
        ours.role == span.role and head_match(ours, span) for ours in predicted)]
    extra = [("extra", span) for span in predicted if not any(
        theirs.role == span.role and head_match(span, theirs) for theirs in gold)]
    inexact = [("boundary", span) for span in predicted if (span.start, span.end) not in {
        (theirs.start, theirs.end) for theirs in gold} and any(head_match(span, theirs) for theirs in gold)]
    return missed + extra + inexact


def report(scores: Scores) -> None:
    for name, tallies in (("exact", scores.exact), ("head", scores.head)):
        overall = Tally()
        for role in ROLES:
            tally = tallies[role]
            overall.true_positive += tally.true_positive
            overall.predicted += tally.predicted
            overall.gold += tally.gold
            precision, recall, f1 = tally.scores()
            print(f"{name:5} {role:10} P {precision:6.1%}  R {recall:6.1%}  F1 {f1:6.1%}  "
                  f"(tp {tally.true_positive}, predicted {tally.predicted}, gold {tally.gold})")
        precision, recall, f1 = overall.scores()
        print(f"{name:5} {'overall':10} P {precision:6.1%}  R {recall:6.1%}  F1 {f1:6.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_SET)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--errors", type=Path, default=None, help="write unmatched spans here (JSON lines)")
    args = parser.parse_args()
    records = [json.loads(line) for line in args.path.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = records[: args.limit]
    coder = accord.load()
    scores = Scores()
    mistakes = []
    outputs = coder.pipe({"id": record["id"], "text": record["text"]} for record in records)
    for record, output in zip(records, outputs):
        article = output if isinstance(output, Article) else None
        if article is None:
            print(f"rejected {record['id']}: {output.reason}", file=sys.stderr)
        gold = gold_spans(record, article)
        predicted = predicted_spans(article, record["text"]) if article else set()
        mentions = mention_offsets(article, record["text"]) if article else set()
        for kind, span in score(scores, predicted, gold):
            # A span no gold wants is the event coder's; a missed or overlapped gold span is its
            # too when the actors stage found a mention with exactly its offsets.
            found = (span.start, span.end) in mentions if kind == "missed" else any(
                head_match(span, g) and (g.start, g.end) in mentions for g in gold)
            side = "event" if kind == "extra" or found else "actor"
            mistakes.append({"id": record["id"], "kind": kind, "role": span.role, "side": side,
                             "text": record["text"][span.start:span.end],
                             "gold": [record["text"][g.start:g.end] for g in gold], "sentence": record["text"]})
    print(f"{len(records)} sentences")
    report(scores)
    if args.errors:
        counts = Counter((m["kind"], m["role"], m["side"]) for m in mistakes)
        for (kind, role, side), count in sorted(counts.items()):
            print(f"errors {kind:8} {role:10} {side:5} {count}")
        args.errors.write_text("".join(json.dumps(m, ensure_ascii=False) + "\n" for m in mistakes), encoding="utf-8")


if __name__ == "__main__":
    main()
