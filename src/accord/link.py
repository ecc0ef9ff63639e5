"""Across reports: near-duplicate articles, stories, and one linked event per real-world happening.

Everything here is incremental: a batch of new articles is compared with what came before, and
nothing placed earlier moves (story ids and linked-event ids are those of their first article or
mention, so they never change when more reports arrive).

* Near-duplicates: MinHash (128 hashes of word 5-shingles) with LSH banding (32 bands of 4) finds
  candidates; a candidate is a copy when it holds most of the shingles of the shorter text, which
  is estimated from the two signatures and the two shingle counts (no shingle set is kept).
* Stories: TF-IDF vectors (capitalised words and the lead weigh more, idf squared, only terms seen
  in at least three articles) clustered by average link: the batch's articles merge with each other
  and with existing stories, existing stories never merge with each other. Average link against a
  story is its summed vector, so a story is kept as one sparse vector. The stories a batch is
  compared with are found through an index of each story's strongest terms, so the work per batch
  does not grow with the number of stories.
* Events: an event joins a linked event with the same dyad (either direction for symmetric codes),
  a compatible code (``data/linked_codes.tsv``: 042 visit = 043 hosting the same trip), overlapping
  or near dates; undated events only within one story.

:class:`Linker` holds the state. `accord stories --input` keeps the whole of it in memory; the store
(:meth:`accord.store.Store.link_pending`) loads into one only what a batch touches and writes back
what changed, so both run the same code.
"""

from __future__ import annotations

import heapq
import math
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from itertools import repeat
from operator import itemgetter
from urllib.parse import urlsplit

import numpy as np

from .data import read_table
from .output import event_json
from .records import Article

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
BANDS = 32  # of HASHES // BANDS = 4 rows: a pair with Jaccard 0.7 shares a band 99.9 % of the time, 0.5 87 %
COPY_CONTAINMENT = 0.8  # share of the shorter text's shingles found in the other

CAPITALISED_WEIGHT = 3.0  # names carry who the story is about
LEAD_SENTENCES = 3
LEAD_WEIGHT = 2.0
IDF_POWER = 2.0
MIN_DOCUMENT_FREQUENCY = 3  # a term seen once or twice cannot tie stories together
SMALL_COLLECTION = 100
STORY_THRESHOLD = 0.24  # average-link cosine; tuned on ECB+ train (benchmarks/ecb_eval.py)
STORY_TERMS = 1000  # a story's vector keeps its strongest terms: the tail adds nothing to a cosine
INDEX_TERMS = 20  # a story is found through its strongest terms ...
QUERY_TERMS = 20  # ... shared with a new article's strongest terms,
CANDIDATES = 3  # and each new article is compared with the best-scoring few (on ECB+ 3 do as well as 50)

# An event dated only by its article's publication date happened on it or within these days before.
REPORTING_LAG = timedelta(days=7)
DATE_TOLERANCE = timedelta(days=1)
EVIDENCE_OVERLAP = 0.25  # content-word overlap of two evidence sentences that says "the same"
EVIDENCE_KEPT = 16  # evidence sentences a linked event compares newcomers with


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
        named = lead * CAPITALISED_WEIGHT
        for position, word in enumerate(WORD.findall(sentence)):
            lowered = word.lower()
            if len(word) > 1 and lowered not in FUNCTION_WORDS:
                counts[lowered] += named if position and word[0].isupper() else lead
    return counts


def shingles(text: str) -> np.ndarray:
    """Distinct 32-bit hashes of the text's word 5-grams (of its words when it has fewer)."""
    words = np.fromiter((zlib.crc32(w.lower().encode()) for w in WORD.findall(text)), dtype=np.uint64)
    if len(words) == 0:
        return words
    width = min(SHINGLE_SIZE, len(words))
    combined = np.zeros(len(words) - width + 1, dtype=np.uint64)
    for offset in range(width):  # a polynomial hash of each window (uint64 arithmetic wraps)
        combined = combined * np.uint64(1_000_003) + words[offset : offset + len(combined)]
    return np.unique(combined & np.uint64(0xFFFFFFFF))


_PRIME = 4294967311  # > 2**32, so (a * x + b) of 32-bit shingles stays below 2**64
_rng = np.random.default_rng(20240601)
_A = _rng.integers(1, _PRIME, HASHES, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, HASHES, dtype=np.uint64)


@dataclass(slots=True)
class Signature:
    """The MinHash signature of a text's shingles and how many shingles there were."""

    values: np.ndarray  # HASHES uint32
    size: int

    @classmethod
    def of(cls, hashes: np.ndarray) -> Signature:
        """The signature of distinct 32-bit shingle hashes (:func:`shingles`)."""
        if not len(hashes):
            return cls(np.zeros(HASHES, dtype=np.uint32), 0)
        minima = ((np.outer(_A, hashes) + _B[:, None]) % _PRIME).min(axis=1)
        return cls(minima.astype(np.uint32), len(hashes))

    @classmethod
    def from_bytes(cls, data: bytes, size: int) -> Signature:
        return cls(np.frombuffer(data, dtype=np.uint32), size)

    def to_bytes(self) -> bytes:
        return self.values.tobytes()

    def lsh_keys(self) -> list[int]:
        """One bucket key per band (the band index is the high part of the key)."""
        if not self.size:
            return []
        rows = HASHES // BANDS
        return [(band << 32) | zlib.crc32(self.values[band * rows : (band + 1) * rows].tobytes()) for band in range(BANDS)]

    def containment(self, other: Signature) -> float:
        """Estimated share of the smaller shingle set found in the other: the signatures estimate
        the Jaccard similarity J, and |A ∩ B| = J (|A| + |B|) / (1 + J)."""
        if not self.size or not other.size:
            return 0.0
        jaccard = float(np.mean(self.values == other.values))
        shared = jaccard * (self.size + other.size) / (1 + jaccard)
        return min(1.0, shared / min(self.size, other.size))


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


def strongest(vector: Vector, n: int) -> list[tuple[str, float]]:
    """The n heaviest terms, heaviest first (ties by term, so every run picks the same)."""
    items = vector.items()
    if n < len(vector):  # only terms at least as heavy as the n-th heaviest weight can be among them
        lightest = heapq.nlargest(n, vector.values())[-1]
        items = [item for item in items if item[1] >= lightest]
    return sorted(sorted(items), key=itemgetter(1), reverse=True)[:n]


@dataclass(slots=True)
class Story:
    id: str
    vector: Vector = field(default_factory=dict)  # sum of its articles' unit vectors
    size: int = 0  # articles summed into the vector (near-duplicates are not)

    def absorb(self, vector: Vector) -> None:
        for term, weight in vector.items():
            self.vector[term] = self.vector.get(term, 0.0) + weight
        if len(self.vector) > 2 * STORY_TERMS:  # cut now and then, not at every article
            self.vector = dict(strongest(self.vector, STORY_TERMS))
        self.size += 1

    def index_terms(self) -> list[tuple[str, float]]:
        """The terms the story is found by, each with its average weight over the story's articles."""
        return [(term, weight / self.size) for term, weight in strongest(self.vector, INDEX_TERMS)]


def query_terms(vector: Vector) -> list[tuple[str, float]]:
    return strongest(vector, QUERY_TERMS)


def best_candidates(scores: dict[str, float]) -> list[str]:
    """The CANDIDATES best-scoring stories of one article (ties by id, as the store's query does)."""
    return [story for story, _ in strongest(scores, CANDIDATES)]


def column_weights(vector: Vector, columns: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """The columns of a vector's terms that have one, and their weights, in the vector's order."""
    where = np.fromiter(map(columns.get, vector, repeat(-1)), dtype=np.intp, count=len(vector))
    weights = np.fromiter(vector.values(), dtype=float, count=len(vector))
    kept = where >= 0
    return where[kept], weights[kept]


def average_link(new: list[tuple[str, Vector]], stories: list[Story], threshold: float) -> dict[str, str]:
    """Story id for each new document: agglomerate by average link, existing stories fixed.

    Clusters of new documents merge with each other or join a story, best average first, while the
    best average is at least ``threshold``; existing stories never merge with each other, so only
    the sums between new clusters (``inner``) and between new clusters and stories (``cross``) are
    kept, never a story-by-story matrix."""
    if not new:
        return {}
    seen_in = Counter(term for _, vector in new for term in vector)
    in_stories = seen_in.keys() & set().union(*(story.vector for story in stories))
    # A term in one new document and in no story adds to no sum between two different clusters.
    columns = {term: n for n, term in enumerate(t for t in seen_in if seen_in[t] > 1 or t in in_stories)}
    documents = np.zeros((len(new), max(len(columns), 1)))
    for row, (_, vector) in enumerate(new):
        where, weights = column_weights(vector, columns)
        documents[row, where] = weights
    repeated = [n for term, n in columns.items() if seen_in[term] > 1]
    inner = documents[:, repeated] @ documents[:, repeated].T  # other terms add only to a document's own sum
    by_term = np.ascontiguousarray(documents.T)  # a story's terms gather whole rows
    cross = np.zeros((len(new), len(stories)))
    for column, story in enumerate(stories):
        where, weights = column_weights(story.vector, columns)
        if len(where):
            cross[:, column] = weights @ by_term[where]
    sizes = np.ones(len(new))
    story_sizes = np.array([max(s.size, 1) for s in stories], dtype=float)
    alive = np.ones(len(new), dtype=bool)
    members: dict[int, list[int]] = {row: [row] for row in range(len(new))}
    joined: dict[int, int] = {}  # new document -> story column
    inner_average = inner.copy()
    np.fill_diagonal(inner_average, -1.0)
    cross_average = cross / story_sizes if len(stories) else np.full((len(new), 1), -1.0)
    while True:
        pair = divmod(int(np.argmax(inner_average)), len(new))
        to_story = divmod(int(np.argmax(cross_average)), cross_average.shape[1])
        if cross_average[to_story] >= inner_average[pair] and cross_average[to_story] >= threshold:
            cluster, column = to_story
            cross[:, column] += inner[:, cluster]
            story_sizes[column] += sizes[cluster]
            joined.update(dict.fromkeys(members.pop(cluster), column))
            alive[cluster] = False
            inner_average[cluster, :] = inner_average[:, cluster] = cross_average[cluster, :] = -1.0
            cross_average[:, column] = np.where(alive, cross[:, column] / (sizes * story_sizes[column]), -1.0)
            continue
        if inner_average[pair] < threshold:
            break
        first, second = sorted(pair, key=lambda row: min(members[row]))  # the earlier document's cluster stays
        inner[first, :] += inner[second, :]
        inner[:, first] += inner[:, second]
        cross[first, :] += cross[second, :]
        sizes[first] += sizes[second]
        alive[second] = False
        members[first] += members.pop(second)
        # Only the merged cluster's averages change.
        row = np.where(alive, inner[first] / (sizes[first] * sizes), -1.0)
        row[first] = -1.0
        inner_average[first, :] = inner_average[:, first] = row
        inner_average[second, :] = inner_average[:, second] = -1.0
        if len(stories):
            cross_average[first, :] = cross[first] / (sizes[first] * story_sizes)
        cross_average[second, :] = -1.0
    placed = {new[row][0]: stories[column].id for row, column in joined.items()}
    for group in members.values():
        story_id = new[min(group)][0]
        placed.update(dict.fromkeys((new[row][0] for row in group), story_id))
    return placed


# ---------------------------------------------------------------- event linking


@lru_cache(maxsize=1)
def code_groups() -> dict[str, tuple[str, str]]:
    """CAMEO code -> (link group, orientation: forward | reverse | either)."""
    return {row["code"]: (row["group"], row["orientation"]) for row in read_table("linked_codes.tsv")}


def side_key(row: dict, side: str) -> str:
    """Who one side of an event is, in words every report of it shares: country, else code, else name."""
    code = row.get(f"{side}_country") or row.get(f"{side}_code")
    if code:
        return code
    name = row.get(f"{side}_name") or row.get(f"{side}_text")
    return name.lower() if name else "-"


def link_key(row: dict) -> str:
    """'group dyad' under which the same happening is filed whoever reports it (a flat event row)."""
    cameo = row.get("cameo") or ""
    group, orientation = code_groups().get(cameo, (cameo, "forward"))
    source, target = side_key(row, "source"), side_key(row, "target")
    if orientation == "reverse" or (orientation == "either" and target < source):
        source, target = target, source
    return f"{group} {source}>{target}"


def _day(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


Span = tuple[date, date, bool]  # first day, last day, exact (False: guessed from the publication date)


def event_span(row: dict, published: date | None) -> Span | None:
    """The event's own dates, else the days before publication, else None."""
    start = _day(row.get("date_start"))
    if start is not None and not row.get("date_inferred"):
        end = _day(row.get("date_end")) or start
        return start, max(start, end), True
    if published is not None:
        return published - REPORTING_LAG, published, False
    return None


def content_words(text: str | None) -> frozenset[str]:
    return frozenset(w.lower() for w in WORD.findall(text or "") if len(w) > 3)


def overlap(first: frozenset[str], second: frozenset[str]) -> float:
    return len(first & second) / min(len(first), len(second)) if first and second else 0.0


def event_rows(article: Article) -> list[dict]:
    """An article's events as the flat rows the store keeps (the fields linking reads)."""
    rows = []
    for event in article.events:
        data = event_json(article, event)
        row = {"id": data["id"], "cameo": data["cameo"], "evidence_sentence": data["evidence"]["sentence"]}
        for side in ("source", "target"):
            for key, value in (data[side] or {}).items():
                row[f"{side}_{key}"] = value
        for key, value in (data["date"] or {}).items():
            row[f"date_{key}"] = value
        rows.append(row)
    return rows


def outlet(source: str | None, url: str | None, article: str) -> str:
    """Who published an article: its source, else its web host; unknown, it counts as an outlet of its own."""
    if source:
        return source
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else f"article {article}"


@dataclass(slots=True)
class LinkedEvent:
    """One real-world event and the counts of the reports behind it.

    Counted: every mention in an original article (twice in one article = two mentions, one
    article), and the distinct outlets of those articles. A near-duplicate's mention of an event
    its original already reports is kept but counted only in ``copies``."""

    id: str  # the event id of its first mention
    key: str
    story: str | None
    start: date | None = None
    end: date | None = None
    exact: bool = False
    evidence: list[frozenset[str]] = field(default_factory=list)  # content words of the first mentions
    mentions: int = 0
    articles: int = 0
    copies: int = 0
    sources: set[str] = field(default_factory=set)

    def similar(self, evidence: frozenset[str]) -> bool:
        return any(overlap(seen, evidence) >= EVIDENCE_OVERLAP for seen in self.evidence)

    def accepts(self, span: Span | None, story: str | None, evidence: frozenset[str]) -> bool:
        similar = self.similar(evidence)
        if span is None or self.start is None:
            # No time to compare: the same story and similar wording must stand in for it.
            return story is not None and story == self.story and similar
        start, end, exact = span
        if start > self.end + DATE_TOLERANCE or self.start > end + DATE_TOLERANCE:
            return False
        return (exact and self.exact) or similar or story == self.story

    def widen(self, span: Span | None) -> None:
        """An exact date narrows a publication-date guess; guesses widen each other."""
        if span is None:
            return
        start, end, exact = span
        if self.start is None or (exact and not self.exact):
            self.start, self.end, self.exact = start, end, exact
        elif exact == self.exact:
            self.start, self.end = min(self.start, start), max(self.end, end)

    def add(self, evidence: frozenset[str], span: Span | None) -> None:
        self.widen(span)
        if len(self.evidence) < EVIDENCE_KEPT and evidence not in self.evidence:
            self.evidence.append(evidence)


@dataclass(slots=True)
class LinkedMention:
    event: str
    linked: str
    counted: bool  # False: a near-duplicate repeating what its original reports


@dataclass(slots=True)
class Report:
    """One article as the event linker sees it."""

    id: str
    events: list[dict]  # flat event rows
    published: date | None = None
    source: str | None = None
    url: str | None = None

    @classmethod
    def of(cls, article: Article) -> Report:
        return cls(article.id, event_rows(article), article.date, article.source, article.url)


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


@dataclass(slots=True)
class TextFeatures:
    """What linking reads from a text: its MinHash signature with the LSH keys, and its weighted terms.
    They depend on the text alone, so the processes that code articles compute them for the one that
    links (:class:`accord.store.ArticleRows`)."""

    signature: Signature
    keys: list[int]
    counts: Counter[str]

    @classmethod
    def of(cls, text: str, title: str | None = None) -> TextFeatures:
        signature = Signature.of(shingles(text))
        return cls(signature, signature.lsh_keys(), term_counts(text, title))


@dataclass(slots=True)
class Arrival:
    """A new document with the features linking needs."""

    document: Document
    features: TextFeatures

    @classmethod
    def of(cls, document: Document, features: TextFeatures | None = None) -> Arrival:
        return cls(document, features or TextFeatures.of(document.text, document.title))


@dataclass(slots=True)
class Admission:
    """A batch after the near-duplicate check: originals with their vectors, and copies."""

    arrivals: list[Arrival]
    vectors: list[tuple[str, Vector]]
    copies: dict[str, str]  # copy -> original


@dataclass
class Linker:
    """The cross-report state: what every new batch is compared with.

    `accord stories --input` keeps all of it; the store loads the part a batch needs (the buckets
    of its LSH keys, the signatures behind them, the document frequencies of its terms, the stories
    it may join, the linked events it may join) and writes back what changed."""

    documents: int = 0  # originals placed so far (the N of idf)
    df: Counter = field(default_factory=Counter)
    stories: dict[str, Story] = field(default_factory=dict)
    # For placing in memory only (the store keeps its own index): term -> story -> weight, and each
    # story's terms in it.
    index: dict[str, dict[str, float]] = field(default_factory=lambda: defaultdict(dict))
    indexed: dict[str, list[str]] = field(default_factory=dict)
    buckets: dict[int, str] = field(default_factory=dict)  # LSH key -> first document in it
    signatures: dict[str, Signature] = field(default_factory=dict)
    story_of: dict[str, str] = field(default_factory=dict)
    original_of: dict[str, str] = field(default_factory=dict)
    linked: dict[str, list[LinkedEvent]] = field(default_factory=lambda: defaultdict(list))  # by link key
    linked_by_article: dict[str, set[str]] = field(default_factory=dict)

    # -------------------------------------------------------- placing documents

    def find_original(self, arrival: Arrival) -> str | None:
        for key in arrival.features.keys:
            candidate = self.buckets.get(key)
            if candidate is None or candidate == arrival.document.id or candidate not in self.signatures:
                continue
            if arrival.features.signature.containment(self.signatures[candidate]) >= COPY_CONTAINMENT:
                return self.original_of.get(candidate, candidate)
        return None

    def admit(self, arrivals: list[Arrival]) -> Admission:
        """Find the copies; count the originals' terms and weigh them."""
        fresh: list[Arrival] = []
        copies: dict[str, str] = {}
        for arrival in arrivals:
            document_id = arrival.document.id
            original = self.find_original(arrival)
            self.signatures[document_id] = arrival.features.signature
            for key in arrival.features.keys:
                self.buckets.setdefault(key, document_id)
            if original is not None:
                copies[document_id] = self.original_of[document_id] = original
                continue
            self.df.update(arrival.features.counts.keys())
            self.documents += 1
            fresh.append(arrival)
        vectors = [(a.document.id, weigh(a.features.counts, self.df, self.documents)) for a in fresh]
        return Admission(arrivals, vectors, copies)

    def nearby(self, vectors: list[tuple[str, Vector]]) -> list[Story]:
        """The stories the batch is compared with: each article's best few by shared strong terms."""
        wanted: set[str] = set()
        for _, vector in vectors:
            scores: dict[str, float] = defaultdict(float)
            for term, weight in query_terms(vector):
                for story, story_weight in self.index.get(term, {}).items():
                    scores[story] += weight * story_weight
            wanted.update(best_candidates(scores))
        return [self.stories[story] for story in sorted(wanted)]

    def settle(self, admission: Admission, placed: dict[str, str]) -> list[Placement]:
        """Add the originals to their stories (which must be in ``stories`` with their whole vector)."""
        for document_id, vector in admission.vectors:
            story = self.stories.setdefault(placed[document_id], Story(placed[document_id]))
            story.absorb(vector)
            self.story_of[document_id] = story.id
        for copy, original in admission.copies.items():
            self.story_of[copy] = self.story_of.get(original, original)
        return [
            Placement(a.document.id, self.story_of[a.document.id], admission.copies.get(a.document.id))
            for a in admission.arrivals
        ]

    def place(self, documents: Iterable[Document]) -> list[Placement]:
        """Story (and original, for a near-duplicate) of each new document, in order."""
        admission = self.admit([Arrival.of(d) for d in documents])
        placed = average_link(admission.vectors, self.nearby(admission.vectors), STORY_THRESHOLD)
        placements = self.settle(admission, placed)
        self.reindex(dict.fromkeys(placed.values()))
        return placements

    def reindex(self, grown: Iterable[str]) -> None:
        """Index these stories again under their strongest terms now."""
        for story in grown:
            for term in self.indexed.pop(story, ()):
                self.index[term].pop(story, None)
            terms = self.stories[story].index_terms()
            for term, weight in terms:
                self.index[term][story] = weight
            self.indexed[story] = [term for term, _ in terms]

    # -------------------------------------------------------- linking events

    def link_events(self, report: Report) -> list[LinkedMention]:
        """The linked event of each event of a report placed before (each event id once)."""
        story = self.story_of.get(report.id)
        original = self.original_of.get(report.id)
        original_links = self.linked_by_article.get(original, set()) if original else set()
        source = outlet(report.source, report.url, report.id)
        mentions: dict[str, LinkedMention] = {}
        counted_here: set[str] = set()
        for row in report.events:
            if row["id"] in mentions:
                continue
            key = link_key(row)
            span = event_span(row, report.published)
            evidence = content_words(row.get("evidence_sentence"))
            candidates = self.linked[key]
            # A copy's event is first of all its original's event, whatever dates the copy lost.
            match = next((c for c in candidates if c.id in original_links and c.similar(evidence)), None)
            match = match or next((c for c in candidates if c.accepts(span, story, evidence)), None)
            if match is None:
                match = LinkedEvent(row["id"], key, story)
                candidates.append(match)
            match.add(evidence, span)
            counted = match.id not in original_links
            if not counted:
                match.copies += 1
            else:
                match.mentions += 1
                match.sources.add(source)
                if match.id not in counted_here:
                    counted_here.add(match.id)
                    match.articles += 1
            mentions[row["id"]] = LinkedMention(row["id"], match.id, counted)
        self.linked_by_article[report.id] = {m.linked for m in mentions.values()}
        return list(mentions.values())


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
