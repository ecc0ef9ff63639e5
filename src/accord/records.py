"""The typed record that flows through accord's stages.

ingest makes an :class:`Article`; nlp fills ``sentences``; actors fills ``actors``; events fills
``events``; time fills ``times`` and dates the events; facts fills ``facts``. Every stage takes an
Article and returns it, so a stage can be run, tested and replaced on its own. Character offsets
are always into ``Article.text`` (the clean body), end exclusive.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date


@dataclass(slots=True)
class Token:
    i: int  # index in the article
    text: str
    start: int  # character offset in Article.text
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int  # article-level index of the syntactic head (itself for the root)
    ent_type: str = ""
    ent_iob: str = "O"

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(slots=True)
class Entity:
    """A named-entity span from the NLP stage (spaCy labels: GPE, NORP, PERSON, ORG, DATE...)."""

    label: str
    text: str
    token_start: int
    token_end: int  # exclusive
    start: int
    end: int


@dataclass(slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    token_start: int  # article-level index of the first token
    tokens: list[Token] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    parsed: bool = True  # False when the cheap pre-filter skipped parsing

    def token(self, i: int) -> Token:
        """Token by article-level index."""
        return self.tokens[i - self.token_start]


@dataclass(slots=True)
class Mention:
    """One place in the text that refers to an actor."""

    text: str
    start: int
    end: int
    sentence: int
    head: int  # article-level token index of the mention's head word
    actor: str  # Actor.id


@dataclass(slots=True)
class Actor:
    """A real-world actor as resolved within one article (all its mentions share it)."""

    id: str
    kind: str  # country | agent (a sector of a country: "Peruvian officials") | person | organisation | igo | group | place (a city or region standing for its people)
    code: str | None = None  # CAMEO-style actor code, e.g. VNMGOV, IGO
    country: str | None = None  # ISO3 or a PLOVER non-state code (IGO, NGO, MNC...)
    sector: str | None = None  # PLOVER sector code (GOV, MIL, BUS, CVL...)
    name: str | None = None  # the named person or organisation, when known
    role: str | None = None  # e.g. "ambassador", "foreign minister"
    members: list[str] = field(default_factory=list)  # Actor.ids of a group ("the two sides")
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class TimeValue:
    """A resolved (or unresolvable) point or span in time."""

    text: str
    start: str | None = None  # ISO date, None when it cannot be resolved
    end: str | None = None
    granularity: str | None = None  # day | week | month | quarter | year | range | duration
    inferred: bool = False  # True when the publication date stands in for a date in the text


@dataclass(slots=True)
class TimeExpression:
    value: TimeValue
    sentence: int
    start: int
    end: int


@dataclass(slots=True)
class Participant:
    """An actor in the role of source or target of one event."""

    actor: str  # Actor.id
    text: str  # the mention text in the evidence sentence
    start: int
    end: int


@dataclass(slots=True)
class Evidence:
    sentence: int
    start: int  # of the sentence
    end: int
    text: str  # the sentence
    trigger: str  # the words that carry the action
    trigger_start: int
    trigger_end: int


@dataclass(slots=True)
class Event:
    source: Participant | None
    target: Participant | None
    cameo: str
    cameo_root: str
    quad_class: int
    goldstein: float
    plover: str | None
    mode: str | None
    context: list[str]
    evidence: Evidence
    rule: str  # the lexicon entry or model that produced the event
    confidence: float
    date: TimeValue | None = None
    place: str | None = None


@dataclass(slots=True)
class Fact:
    measure: str
    value: float
    unit: str
    subject: list[str]  # Actor.ids the quantity is about (a dyad for trade)
    subject_text: str
    evidence: Evidence
    period: TimeValue | None = None
    qualifiers: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Article:
    id: str  # stable hash of the normalised text: the same article ingested twice is stored once
    text: str  # clean body
    record_id: str | None = None  # the id the input record carried, echoed back by `accord code`
    title: str | None = None
    date: date | None = None  # publication date; None = unknown, never guessed
    date_origin: str | None = None  # record | html | date-line | dateline | option
    place: str | None = None  # dateline place
    source: str | None = None  # agency or outlet
    url: str | None = None
    language: str = "en"
    origin: str = ""  # file path or path:line the article came from
    sentences: list[Sentence] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)

    def actor(self, actor_id: str) -> Actor:
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        raise KeyError(actor_id)

    def tokens(self):
        for sentence in self.sentences:
            yield from sentence.tokens


@dataclass(slots=True)
class Rejection:
    """An input that could not be processed, with a one-line reason."""

    origin: str
    reason: str


@dataclass(frozen=True, slots=True)
class InputFile:
    """An input file read to its end: it follows the file's last article in a stream, so the
    store can mark the file finished once those articles are stored (``accord ingest --resume``)."""

    path: str
    size: int
    modified: float


def plain(value) -> dict:
    """A dataclass as JSON-ready dicts and lists."""
    return asdict(value)
