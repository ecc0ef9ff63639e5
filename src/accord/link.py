"""Across reports: near-duplicate articles, stories, and one linked event per real-world happening.

Everything here is incremental: a batch of new articles is compared with what came before, and
nothing placed earlier moves (story ids and linked-event ids are those of their first article or
mention, so they never change when more reports arrive).

* Near-duplicates: MinHash (128 hashes of word 5-shingles) with LSH banding (16 bands of 8) finds
  candidates; a candidate is a copy when it contains most of the shingles of the shorter text.
* Stories: TF-IDF vectors (capitalised words and the lead weigh more, idf squared, only terms seen
  in at least three articles) clustered by average link: the batch's articles merge with each other
  and with existing stories, existing stories never merge with each other. Average link against a
  story is its summed vector, so a story is stored as one sparse vector.
* Events: an event joins a linked event with the same dyad (either direction for symmetric codes),
  a compatible code (``data/linked_codes.tsv``: 042 visit = 043 hosting the same trip), overlapping
  or near dates; undated events only within one story.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import numpy as np

from .data import read_table
from .output import event_id
from .records import Article, Event

WORD = re.compile(r"[^\W\d_][\w'’-]*|\d+(?:[.,]\d+)*")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“'‘(\[A-Z0-9])")

# Too common to tell stories apart, and in a small collection nothing else would weigh them down.
FUNCTION_WORDS = frozenset(
    "the a an and or but of to in on at by for with from as into over after before about than that this these"
    " those it its is are was were be been being has have had will would could should may might not no their"
    " his her he she they them we our you i said says also which who whom what when where while".split()
)

SHINGLE_SIZE = 5
HASHES = 128
BANDS = 16  # of HASHES // BANDS rows: candidates from a Jaccard similarity of about 0.7
COPY_CONTAINMENT = 0.8  # share of the shorter text's shingles found in the other

CAPITALISED_WEIGHT = 3.0  # names carry who the story is about
LEAD_SENTENCES = 3
LEAD_WEIGHT = 2.0
IDF_POWER = 2.0
MIN_DOCUMENT_FREQUENCY = 3  # a term seen once or twice cannot tie stories together
SMALL_COLLECTION = 100
STORY_THRESHOLD = 0.24  # average-link cosine; tuned on ECB+ train (benchmarks/ecb_eval.py)

# An event dated only by its article's publication date happened on it or within these days before.
REPORTING_LAG = timedelta(days=7)
DATE_TOLERANCE = timedelta(days=1)
EVIDENCE_OVERLAP = 0.25  # content-word overlap of two evidence sentences that says "the same"


# ---------------------------------------------------------------- text features


def sentences(text: str) -> list[str]:
    return [s for line in text.splitlines() for s in SENTENCE_END.split(line) if s.strip()]


def term_counts(text: str, title: str | None = None) -> Counter[str]:
    """Weighted term frequencies: a capitalised word inside a sentence (a name) and the words of
    the title and first sentences count more."""
    counts: Counter[str] = Counter()
    parts = ([title] if title else []) + sentences(text)
    for index, sentence in enumerate(parts):
        lead = LEAD_WEIGHT if index < LEAD_SENTENCES else 1.0
        for position, match in enumerate(WORD.finditer(sentence)):
            word = match.group()
            if len(word) < 2 or word.lower() in FUNCTION_WORDS:
                continue
            named = position > 0 and word[0].isupper()
            counts[word.lower()] += lead * (CAPITALISED_WEIGHT if named else 1.0)
    return counts


def shingles(text: str) -> set[int]:
    words = [w.lower() for w in WORD.findall(text)]
    if len(words) < SHINGLE_SIZE:
        return {zlib.crc32(" ".join(words).encode())} if words else set()
    return {zlib.crc32(" ".join(words[i : i + SHINGLE_SIZE]).encode()) for i in range(len(words) - SHINGLE_SIZE + 1)}


_PRIME = 4294967311  # > 2**32, so (a * x + b) of 32-bit shingles stays below 2**64
_rng = np.random.default_rng(20240601)
_A = _rng.integers(1, _PRIME, HASHES, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, HASHES, dtype=np.uint64)


def lsh_keys(shingle_set: set[int]) -> list[int]:
    """One bucket key per band of the MinHash signature (the band index is part of the key)."""
    if not shingle_set:
        return []
    values = np.fromiter(shingle_set, dtype=np.uint64)
    signature = ((np.outer(_A, values) + _B[:, None]) % _PRIME).min(axis=1)
    rows = HASHES // BANDS
    return [
        zlib.crc32(signature[band * rows : (band + 1) * rows].tobytes(), band) for band in range(BANDS)
    ]


def containment(first: set[int], second: set[int]) -> float:
    if not first or not second:
        return 0.0
    return len(first & second) / min(len(first), len(second))


# ---------------------------------------------------------------- stories


Vector = dict[str, float]


def weigh(counts: Counter[str], df: Counter[str], documents: int) -> Vector:
    """A unit TF-IDF vector: sublinear tf, idf squared, rare terms left out."""
    vector = {}
    # In a small collection every shared term counts; in a large one twice may be chance.
    least = MIN_DOCUMENT_FREQUENCY if documents >= SMALL_COLLECTION else 2
    for term, count in counts.items():
        seen = df.get(term, 0)
        if seen >= least:
            idf = math.log((1 + documents) / (1 + seen)) + 1  # smoothed: a term in every document still counts
            vector[term] = (1 + math.log(count)) * idf**IDF_POWER
    norm = math.sqrt(sum(x * x for x in vector.values()))
    return {t: x / norm for t, x in vector.items()} if norm else {}


@dataclass(slots=True)
class Story:
    id: str
    vector: Vector = field(default_factory=dict)  # sum of its articles' unit vectors
    size: int = 0

    def absorb(self, vector: Vector) -> None:
        for term, weight in vector.items():
            self.vector[term] = self.vector.get(term, 0.0) + weight
        self.size += 1


def average_link(new: list[tuple[str, Vector]], stories: list[Story], threshold: float) -> dict[str, str]:
    """Story id for each new document: agglomerate by average link, existing stories fixed."""
    vocabulary: dict[str, int] = {}
    for _, vector in new:
        for term in vector:
            vocabulary.setdefault(term, len(vocabulary))
    rows = len(stories) + len(new)
    matrix = np.zeros((rows, max(len(vocabulary), 1)))
    for row, story in enumerate(stories):
        for term, weight in story.vector.items():
            if term in vocabulary:
                matrix[row, vocabulary[term]] = weight
    for row, (_, vector) in enumerate(new, start=len(stories)):
        for term, weight in vector.items():
            matrix[row, vocabulary[term]] = weight
    sums = matrix @ matrix.T
    sizes = np.array([s.size for s in stories] + [1] * len(new), dtype=float)
    fixed = np.array([True] * len(stories) + [False] * len(new))
    alive = np.ones(rows, dtype=bool)
    members: dict[int, list[int]] = {row: [row] for row in range(rows)}
    while True:
        average = sums / np.outer(sizes, sizes)
        blocked = ~np.outer(alive, alive) | np.outer(fixed, fixed)
        np.fill_diagonal(blocked, True)
        average[blocked] = -1.0
        first, second = np.unravel_index(np.argmax(average), average.shape)
        if average[first, second] < threshold:
            break
        if fixed[second] or (not fixed[first] and min(members[second]) < min(members[first])):
            first, second = second, first  # keep the existing story (or the earlier document)
        sums[first, :] += sums[second, :]
        sums[:, first] += sums[:, second]
        sizes[first] += sizes[second]
        alive[second] = False
        members[first] += members.pop(second)
    placed = {}
    for row, group in members.items():
        story_id = stories[row].id if row < len(stories) else new[min(group) - len(stories)][0]
        for member in group:
            if member >= len(stories):
                placed[new[member - len(stories)][0]] = story_id
    return placed


# ---------------------------------------------------------------- event linking


@lru_cache(maxsize=1)
def code_groups() -> dict[str, tuple[str, str]]:
    """CAMEO code -> (link group, orientation: forward | reverse | either)."""
    return {row["code"]: (row["group"], row["orientation"]) for row in read_table("linked_codes.tsv")}


def side_key(article: Article, participant) -> str:
    if participant is None:
        return "-"
    actor = article.actor(participant.actor)
    return actor.country or actor.code or (actor.name or participant.text).lower()


def link_key(article: Article, event: Event) -> tuple[str, str]:
    """(link group, dyad) under which the same happening is filed whoever reports it."""
    group, orientation = code_groups().get(event.cameo, (event.cameo, "forward"))
    source, target = side_key(article, event.source), side_key(article, event.target)
    if orientation == "reverse" or (orientation == "either" and target < source):
        source, target = target, source
    return group, f"{source}>{target}"


def event_span(event: Event, published: date | None) -> tuple[date, date, bool] | None:
    """(first day, last day, exact): the event's own date, else the days before publication."""
    value = event.date
    if value is not None and value.start and not value.inferred:
        try:
            start = date.fromisoformat(value.start)
            end = date.fromisoformat(value.end) if value.end else start
            return start, end, True
        except ValueError:
            pass
    if published is not None:
        return published - REPORTING_LAG, published, False
    return None


def content_words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text) if len(w) > 3}


def overlap(first: set[str], second: set[str]) -> float:
    return len(first & second) / min(len(first), len(second)) if first and second else 0.0


@dataclass(slots=True)
class LinkedEvent:
    id: str  # the event id of its first mention
    group: str
    dyad: str
    story: str | None
    start: date | None
    end: date | None
    exact: bool
    evidence: list[set[str]]  # content words of each mention's sentence

    def accepts(self, span: tuple[date, date, bool] | None, story: str | None, evidence: set[str]) -> bool:
        similar = any(overlap(seen, evidence) >= EVIDENCE_OVERLAP for seen in self.evidence)
        if span is None or self.start is None:
            # No time to compare: the same story and similar wording must stand in for it.
            return story is not None and story == self.story and similar
        start, end, exact = span
        if start > self.end + DATE_TOLERANCE or self.start > end + DATE_TOLERANCE:
            return False
        return (exact and self.exact) or similar or story == self.story

    def widen(self, span: tuple[date, date, bool] | None) -> None:
        """An exact date narrows a publication-date guess; guesses widen each other."""
        if span is None:
            return
        start, end, exact = span
        if self.start is None or (exact and not self.exact):
            self.start, self.end, self.exact = start, end, exact
        elif exact == self.exact:
            self.start, self.end = min(self.start, start), max(self.end, end)


# ---------------------------------------------------------------- the linker


@dataclass(slots=True)
class Document:
    id: str
    text: str
    title: str | None = None


@dataclass(slots=True)
class Placement:
    document: str
    story: str
    duplicate_of: str | None = None


@dataclass
class Linker:
    """The cross-report state: what every new batch is compared with. The store loads the part
    a batch needs into one and writes back what changed; `accord stories --input` keeps one."""

    documents: int = 0
    df: Counter = field(default_factory=Counter)
    stories: dict[str, Story] = field(default_factory=dict)
    buckets: dict[int, str] = field(default_factory=dict)  # LSH key -> first document in it
    shingle_sets: dict[str, set[int]] = field(default_factory=dict)
    story_of: dict[str, str] = field(default_factory=dict)
    original_of: dict[str, str] = field(default_factory=dict)
    linked: dict[tuple[str, str], list[LinkedEvent]] = field(default_factory=dict)

    def find_original(self, document: Document, own: set[int], keys: list[int]) -> str | None:
        for key in keys:
            candidate = self.buckets.get(key)
            if candidate is not None and candidate != document.id:
                if containment(own, self.shingle_sets.get(candidate, set())) >= COPY_CONTAINMENT:
                    return self.original_of.get(candidate, candidate)
        return None

    def place(self, documents: Iterable[Document]) -> list[Placement]:
        """Story (and original, for a near-duplicate) of each new document, in order."""
        fresh: list[tuple[Document, Counter[str]]] = []
        copies: dict[str, str] = {}
        arrived = list(documents)
        for document in arrived:
            own = shingles(document.text)
            keys = lsh_keys(own)
            self.shingle_sets[document.id] = own
            original = self.find_original(document, own, keys)
            for key in keys:
                self.buckets.setdefault(key, document.id)
            if original is not None:
                copies[document.id] = original
                self.original_of[document.id] = original
                continue
            counts = term_counts(document.text, document.title)
            self.df.update(counts.keys())
            self.documents += 1
            fresh.append((document, counts))
        vectors = [(d.id, weigh(counts, self.df, self.documents)) for d, counts in fresh]
        touched = {t for _, v in vectors for t in v}
        nearby = [s for s in self.stories.values() if touched & s.vector.keys()]
        placed = average_link(vectors, nearby, STORY_THRESHOLD)
        for document_id, vector in vectors:
            story_id = placed[document_id]
            self.stories.setdefault(story_id, Story(story_id)).absorb(vector)
            self.story_of[document_id] = story_id
        for copy, original in copies.items():
            self.story_of[copy] = self.story_of.get(original, original)
        return [Placement(d.id, self.story_of[d.id], copies.get(d.id)) for d in arrived]

    def link_events(self, article: Article) -> dict[str, str]:
        """Linked-event id for each event id of an article placed before."""
        story = self.story_of.get(article.id)
        links: dict[str, str] = {}
        for event in article.events:
            own_id = event_id(article, event)
            if own_id in links:
                continue
            key = link_key(article, event)
            span = event_span(event, article.date)
            evidence = content_words(event.evidence.text)
            candidates = self.linked.setdefault(key, [])
            match = next((c for c in candidates if c.accepts(span, story, evidence)), None)
            if match is None:
                match = LinkedEvent(own_id, *key, story, None, None, False, [])
                candidates.append(match)
            match.widen(span)
            match.evidence.append(evidence)
            links[own_id] = match.id
        return links


def stories_of_records(records: Iterable[dict], chunk: int = 1000) -> Iterator[tuple[str, str]]:
    """(id, story) for `accord stories --input`: records {id, text, title?} in chunks of ``chunk``."""
    linker = Linker()
    batch: list[Document] = []

    def flush() -> Iterator[tuple[str, str]]:
        for placement in linker.place(batch):
            yield placement.document, placement.story
        batch.clear()

    for record in records:
        batch.append(Document(str(record["id"]), record.get("text") or "", record.get("title")))
        if len(batch) >= chunk:
            yield from flush()
    yield from flush()
