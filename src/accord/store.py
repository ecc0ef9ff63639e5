"""The store: coded articles in an embedded DuckDB file, for the CLI queries and the exports.

Event, actor and fact rows are flattened from the JSON shape of :mod:`accord.output`, so the store
and `accord code` never disagree; :func:`nest_event` turns an event row back into that shape.
One table declaration drives the SQL schema, the Arrow schema used to load rows in bulk and the
flattening, so a column cannot be added in one place and forgotten in another.

Dates are DATE columns (ISO strings in the JSON); ``ingested_at`` and ``rejections.at`` are UTC.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from .link import (
    CANDIDATES,
    DATE_TOLERANCE,
    STORY_THRESHOLD,
    Admission,
    Arrival,
    Document,
    LinkedEvent,
    Linker,
    Placement,
    Report,
    Signature,
    Story,
    TextFeatures,
    average_link,
    event_span,
    link_key,
    query_terms,
    strongest,
)
from .output import actor_json, event_json, fact_json
from .records import Article, InputFile, Participant, Rejection

SCHEMA_VERSION = 2
# Link features kept for stored articles not linked yet (~30 KB each): ingest links 200 at a time once
# that many wait, so fewer than 200 + --batch-size do.
LINK_FEATURES_KEPT = 1_000
# Articles placed together by `accord link`: average link agglomerates a batch's own articles before they
# join stories, and on ECB+ (benchmarks/ecb_eval.py, five arrival orders) 500 at a time beat 200 by
# 0.02-0.06 B3 F1; a batch also has a fixed cost (a few dozen queries).
LINK_BATCH = 500
DEFAULT_PATH = Path("accord.duckdb")

ARROW_TYPES = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int32(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
    "VARCHAR[]": pa.list_(pa.string()),
    "BIGINT": pa.int64(),
    "BLOB": pa.binary(),
    "DOUBLE[]": pa.list_(pa.float64()),
}


class StoreError(Exception):
    """The store cannot be opened or written; the message says why and what to do."""


class SchemaVersionError(StoreError):
    pass


class AmbiguousArticle(StoreError):
    pass


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str
    path: tuple[str, ...] = ()  # where the value sits in the JSON shape; () = the store adds it


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()

    def ddl(self) -> str:
        parts = [f'"{c.name}" {c.type}' for c in self.columns]
        if self.key:
            parts.append("PRIMARY KEY (" + ", ".join(f'"{k}"' for k in self.key) + ")")
        return f"CREATE TABLE {self.name} ({', '.join(parts)})"

    def arrow_schema(self) -> pa.Schema:
        return pa.schema([(c.name, ARROW_TYPES[c.type]) for c in self.columns])

    def arrow(self, rows: list[dict]) -> pa.Table:
        """Rows as Arrow: also the type check of a row, before anything is written."""
        return pa.Table.from_pylist(rows, schema=self.arrow_schema())


def _columns(spec: str, path: tuple[str, ...] = (), prefix: str = "") -> tuple[Column, ...]:
    """Columns from "name TYPE, name TYPE"; with a path, each name is a key of that JSON object."""
    columns = []
    for item in spec.split(","):
        name, type_ = item.split()
        columns.append(Column(prefix + name, type_, path + (name,) if path else ()))
    return tuple(columns)


def _json_columns(spec: str) -> tuple[Column, ...]:
    """Top-level JSON keys stored under their own name."""
    return tuple(Column(c.name, c.type, (c.name,)) for c in _columns(spec))


def _participant_columns(side: str) -> tuple[Column, ...]:
    return (Column(f"{side}_actor", "VARCHAR"),) + _columns(
        "text VARCHAR, code VARCHAR, country VARCHAR, sector VARCHAR, name VARCHAR,"
        " start INTEGER, end INTEGER",
        (side,),
        f"{side}_",
    )


def _time_columns(key: str) -> tuple[Column, ...]:
    return _columns(
        "text VARCHAR, start DATE, end DATE, granularity VARCHAR, inferred BOOLEAN", (key,), f"{key}_"
    )


def _limited(query: str, params: list, limit: int | None) -> tuple[str, list]:
    if limit is None:
        return query, params
    return query + " LIMIT ?", [*params, limit]


def _evidence_columns() -> tuple[Column, ...]:
    return (
        Column("evidence_sentence", "VARCHAR", ("evidence", "sentence")),
        Column("sentence_index", "INTEGER", ("evidence", "sentence_index")),
        Column("evidence_start", "INTEGER", ("evidence", "start")),
        Column("evidence_end", "INTEGER", ("evidence", "end")),
    )


META = Table("meta", _columns("key VARCHAR, value VARCHAR"), key=("key",))
ARTICLES = Table(
    "articles",
    _columns(
        "id VARCHAR, record_id VARCHAR, title VARCHAR, date DATE, date_origin VARCHAR, place VARCHAR,"
        " source VARCHAR, url VARCHAR, language VARCHAR, origin VARCHAR, text VARCHAR,"
        " ingested_at TIMESTAMP"
    ),
    key=("id",),
)
SENTENCES = Table(
    "sentences", _columns("article VARCHAR, index INTEGER, start INTEGER, end INTEGER, text VARCHAR")
)
ACTORS = Table(
    "actors",
    (Column("article", "VARCHAR"), Column("actor", "VARCHAR", ("id",)))
    + _json_columns(
        "kind VARCHAR, code VARCHAR, country VARCHAR, sector VARCHAR, name VARCHAR, role VARCHAR,"
        " members VARCHAR[]"
    )
    + (Column("mention_count", "INTEGER"),),
)
MENTIONS = Table(
    "mentions",
    (Column("article", "VARCHAR"), Column("actor", "VARCHAR"))
    + _json_columns("text VARCHAR, start INTEGER, end INTEGER, sentence INTEGER"),
)
EVENTS = Table(
    "events",
    (Column("id", "VARCHAR", ("id",)), Column("article", "VARCHAR"))
    + _participant_columns("source")
    + _participant_columns("target")
    + _json_columns(
        "cameo VARCHAR, cameo_root VARCHAR, quad_class INTEGER, goldstein DOUBLE, pentaclass INTEGER,"
        " plover VARCHAR, mode VARCHAR, context VARCHAR[]"
    )
    + _time_columns("date")
    + (
        Column("place", "VARCHAR", ("place",)),
    )
    + _evidence_columns()
    + (
        Column("trigger_text", "VARCHAR", ("evidence", "text")),
        Column("trigger_start", "INTEGER", ("evidence", "trigger_start")),
        Column("trigger_end", "INTEGER", ("evidence", "trigger_end")),
        Column("confidence", "DOUBLE", ("confidence",)),
        Column("rule", "VARCHAR", ("rule",)),
    ),
    key=("id",),
)
FACTS = Table(
    "facts",
    (Column("article", "VARCHAR"), Column("fact_index", "INTEGER"))
    + _json_columns("measure VARCHAR, value DOUBLE, unit VARCHAR, subject VARCHAR[]")
    + (
        Column("subject_actors", "VARCHAR[]"),
        Column("subject_countries", "VARCHAR[]"),
        Column("subject_text", "VARCHAR", ("subject_text",)),
    )
    + _time_columns("period")
    + (
        Column("qualifiers", "VARCHAR[]", ("qualifiers",)),
    )
    + _evidence_columns()
    + (Column("evidence_text", "VARCHAR", ("evidence", "text")),),
)
REJECTIONS = Table("rejections", _columns("origin VARCHAR, reason VARCHAR, at TIMESTAMP"), key=("origin", "reason"))

# Input files read to the end and stored, so that `accord ingest --resume` need not read them again.
INPUTS = Table("inputs", _columns("path VARCHAR, size BIGINT, modified DOUBLE, finished_at TIMESTAMP"), key=("path", "size", "modified"))

# Across reports (accord.link): where each article was placed, and the linker state a batch loads
# part of. No keys: a key would hold an index of every row in memory; one transaction per batch and
# the placements table (an article is placed once) keep them consistent.
PLACEMENTS = Table(
    "placements",
    _columns(
        "article VARCHAR, seq BIGINT, story VARCHAR, duplicate_of VARCHAR, signature BLOB, shingles INTEGER,"
        " placed_at TIMESTAMP"
    ),
)
LINK_TERMS = Table("link_terms", _columns("term VARCHAR, df INTEGER"))  # articles (not copies) with the term
LINK_BUCKETS = Table("link_buckets", _columns("key BIGINT, article VARCHAR"))  # LSH band key -> first article
STORIES = Table(
    "stories",
    _columns(
        "id VARCHAR, seq BIGINT, title VARCHAR, first_date DATE, last_date DATE, articles INTEGER, copies INTEGER,"
        " terms VARCHAR[], weights DOUBLE[]"
    ),
)  # terms/weights: the summed vector of its articles, strongest first
STORY_INDEX = Table("story_index", _columns("term VARCHAR, story VARCHAR, weight DOUBLE"))
LINKED_EVENTS = Table(
    "linked_events",
    _columns(
        "id VARCHAR, seq BIGINT, key VARCHAR, story VARCHAR, start_date DATE, end_date DATE, exact BOOLEAN,"
        " mentions INTEGER, articles INTEGER, copies INTEGER, sources VARCHAR[], evidence VARCHAR[]"
    ),
)
LINKED_MENTIONS = Table("linked_mentions", _columns("event VARCHAR, linked VARCHAR, article VARCHAR, counted BOOLEAN"))
LINK_TABLES = (PLACEMENTS, LINK_TERMS, LINK_BUCKETS, STORIES, STORY_INDEX, LINKED_EVENTS, LINKED_MENTIONS)

TABLES = (META, ARTICLES, SENTENCES, ACTORS, MENTIONS, EVENTS, FACTS, REJECTIONS, INPUTS, *LINK_TABLES)
ARTICLE_TABLES = (ARTICLES, SENTENCES, ACTORS, MENTIONS, EVENTS, FACTS)
# DuckDB would cache up to 80 % of RAM as the store grows; bounded, an ingest's memory stays flat
# whatever the store's size (larger queries spill to a temporary folder beside the store).
MEMORY_LIMIT = "256MB"
# A list of Parquet files of one table; the store reads them as they are, without the folder's date.
PARQUET = "read_parquet(?, hive_partitioning = false)"

# What events() adds to each event row from its article.
ARTICLE_FIELDS = ("record_id", "date", "title", "source", "url", "ingested_at")
EVENT_COLUMNS = tuple(c.name for c in EVENTS.columns) + tuple(f"article_{f}" for f in ARTICLE_FIELDS)
FACT_COLUMNS = tuple(c.name for c in FACTS.columns) + tuple(f"article_{f}" for f in ARTICLE_FIELDS)

# A term written like a CAMEO code (VNM, VNMGOV) matches codes only, so "PER" does not match
# every "emperor" or "superpower"; any other term matches names and mention texts.
CODE_SHAPE = re.compile(r"(?:[A-Z]{3})+")


@dataclass(slots=True)
class BatchSummary:
    stored: int = 0
    duplicates: int = 0
    rejected: int = 0

    def add(self, other: BatchSummary) -> None:
        self.stored += other.stored
        self.duplicates += other.duplicates
        self.rejected += other.rejected

    def __str__(self) -> str:
        return f"stored {self.stored}, duplicates {self.duplicates}, rejected {self.rejected}"


@dataclass(slots=True)
class LinkSummary:
    """What :meth:`Store.link_pending` did: articles placed (near-duplicates among them), new stories,
    new linked events, event mentions linked, batches committed."""

    placed: int = 0
    duplicates: int = 0
    stories: int = 0
    linked_events: int = 0
    mentions: int = 0
    batches: int = 0

    def add(self, other: LinkSummary) -> None:
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


# ---------------------------------------------------------------- rows from records


def _storable(value: Any, type_: str) -> Any:
    """A JSON value as its column wants it: ISO date strings become dates (an unreadable one, NULL)."""
    if type_ == "DATE" and isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return value


def _dig(data: dict | None, path: tuple[str, ...]) -> Any:
    for key in path:
        if data is None:
            return None
        data = data[key]
    return data


def flatten(data: dict, table: Table) -> dict:
    """One row of ``table`` from a JSON object of accord.output (store-only columns left out)."""
    return {c.name: _storable(_dig(data, c.path), c.type) for c in table.columns if c.path}


def nest(row: dict, table: Table) -> dict:
    """The JSON object a row was flattened from; a nested object stored as all NULLs was null."""
    data: dict = {}
    for column in table.columns:
        if not column.path:
            continue
        value = row[column.name]
        if isinstance(value, date):
            value = value.isoformat()
        *parents, key = column.path
        target = data
        for parent in parents:
            target = target.setdefault(parent, {})
        target[key] = value
    for key, value in data.items():
        if isinstance(value, dict) and all(v is None for v in value.values()):
            data[key] = None
    return data


def nest_event(row: dict) -> dict:
    """An event row (from :meth:`Store.events`) as accord.output.event_json made it."""
    return nest(row, EVENTS)


def nest_fact(row: dict) -> dict:
    """A fact row (from :meth:`Store.facts`) as accord.output.fact_json made it."""
    return nest(row, FACTS)


def _actor_id(participant: Participant | None) -> str | None:
    return participant.actor if participant else None


@dataclass(slots=True)
class ArticleRows:
    """One article as the store takes it, built where it was coded (possibly in another process): the
    rows of every article table (table name -> rows), and the features linking reads from its text,
    computed there too, so that the one process that links does not have to."""

    tables: dict[str, list[dict]]
    link_features: TextFeatures

    @property
    def id(self) -> str:
        return self.tables["articles"][0]["id"]


def article_rows(article: Article, ingested_at: datetime) -> ArticleRows:
    """The rows of every article table for one article."""
    events: dict[str, dict] = {}
    for event in article.events:
        row = flatten(event_json(article, event), EVENTS)
        row |= {
            "article": article.id,
            "source_actor": _actor_id(event.source),
            "target_actor": _actor_id(event.target),
        }
        # Same id = same trigger, code and actors: one event coded twice, stored once.
        events.setdefault(row["id"], row)
    actors, mentions = [], []
    for actor in article.actors:
        data = actor_json(actor)
        actors.append(flatten(data, ACTORS) | {"article": article.id, "mention_count": len(actor.mentions)})
        mentions.extend(
            flatten(m, MENTIONS) | {"article": article.id, "actor": actor.id} for m in data["mentions"]
        )
    facts = [
        flatten(fact_json(article, fact), FACTS)
        | {
            "article": article.id,
            "fact_index": index,
            "subject_actors": list(fact.subject),
            "subject_countries": [article.actor(a).country for a in fact.subject],
        }
        for index, fact in enumerate(article.facts)
    ]
    tables = {
        "articles": [
            {
                "id": article.id,
                "record_id": article.record_id,
                "title": article.title,
                "date": article.date,
                "date_origin": article.date_origin,
                "place": article.place,
                "source": article.source,
                "url": article.url,
                "language": article.language,
                "origin": article.origin,
                "text": article.text,
                "ingested_at": ingested_at,
            }
        ],
        "sentences": [
            {"article": article.id, "index": s.index, "start": s.start, "end": s.end, "text": s.text}
            for s in article.sentences
        ],
        "actors": actors,
        "mentions": mentions,
        "events": list(events.values()),
        "facts": facts,
    }
    # The text and title as the store keeps them, from which linking would read the features otherwise.
    return ArticleRows(tables, TextFeatures.of(article.text or "", article.title))


# A record that breaks building or typing its rows: refused, the rest of the batch goes on.
BROKEN_RECORD = (KeyError, AttributeError, TypeError, ValueError, IndexError, pa.ArrowException)


def batch_tables(rows_per_article: Iterable[ArticleRows]) -> dict[str, pa.Table]:
    """One Arrow table per article table, from the rows of several articles."""
    by_table: dict[str, list[dict]] = {t.name: [] for t in ARTICLE_TABLES}
    for rows in rows_per_article:
        for name, table_rows in rows.tables.items():
            by_table[name].extend(table_rows)
    return {t.name: t.arrow(by_table[t.name]) for t in ARTICLE_TABLES}


def _refusal(origin: str, error: Exception) -> Rejection:
    return Rejection(origin, f"not stored: {_one_line(error)}")


def rows_or_refusal(article: Article, ingested_at: datetime) -> ArticleRows | Rejection:
    """An article's rows, or why they cannot be built (a broken actor reference, a wrong type)."""
    try:
        return article_rows(article, ingested_at)
    except BROKEN_RECORD as error:
        return _refusal(article.origin or article.id, error)


def _printable(text: str) -> str:
    """Text DuckDB accepts: file names can carry undecodable bytes (surrogates)."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _one_line(error: Exception) -> str:
    message = str(error).split("\nLINE ")[0]  # DuckDB appends the failing query
    return " ".join(f"{type(error).__name__}: {message}".split())


# ---------------------------------------------------------------- queries


@dataclass(slots=True)
class _Where:
    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return " WHERE " + " AND ".join(self.clauses) if self.clauses else ""


def _side_matches(side: str, term: str) -> tuple[str, list[str]]:
    """SQL (and its parameters) for: the event's source or target side matches an actor term."""
    if CODE_SHAPE.fullmatch(term):
        return f"({side}_country = ? OR starts_with({side}_code, ?))", [term, term]
    needle = term.lower()
    return f"(contains(lower({side}_name), ?) OR contains(lower({side}_text), ?))", [needle, needle]


def _dyad_matches(source_term: str, target_term: str) -> tuple[str, list[str]]:
    source, source_params = _side_matches("source", source_term)
    target, target_params = _side_matches("target", target_term)
    return f"({source} AND {target})", source_params + target_params


def _subject_matches(term: str) -> tuple[str, list[str]]:
    """SQL for: one of a fact's subjects matches an actor term."""
    if CODE_SHAPE.fullmatch(term):
        return (
            "(list_contains(subject_countries, ?)"
            " OR len(list_filter(subject, lambda code: starts_with(code, ?))) > 0)",
            [term, term],
        )
    return "contains(lower(subject_text), ?)", [term.lower()]


def parse_dyad(dyad: str) -> tuple[str, str, bool]:
    """ "VNM-PER" → (VNM, PER, undirected); "VNM>PER" → (VNM, PER, directed: VNM is the source)."""
    directed = ">" in dyad
    first, separator, second = dyad.partition(">" if directed else "-")
    first, second = first.strip(), second.strip()
    if not separator or not first or not second:
        raise ValueError(f"dyad {dyad!r}: write it as A-B (either direction) or A>B (A acts on B)")
    return first, second, directed


def _as_date_filter(value: date | str | None, name: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{name} {value!r}: expected an ISO date such as 2022-04-13") from None


def _event_filter(
    actor: str | None = None,
    dyad: str | None = None,
    code: str | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    article: str | None = None,
) -> _Where:
    """The WHERE clause of an event query over ``events e JOIN articles a``."""
    where = _Where()
    if actor:
        source, source_params = _side_matches("source", actor)
        target, target_params = _side_matches("target", actor)
        where.add(f"({source} OR {target})", *source_params, *target_params)
    if dyad:
        first, second, directed = parse_dyad(dyad)
        forward, forward_params = _dyad_matches(first, second)
        if directed:
            where.add(forward, *forward_params)
        else:
            backward, backward_params = _dyad_matches(second, first)
            where.add(f"({forward} OR {backward})", *forward_params, *backward_params)
    if code:
        if code.isdigit():
            where.add("starts_with(e.cameo, ?)", code)
        else:
            where.add("e.plover = ?", code.upper())
    # An event spanning days matches when its span overlaps [since, until].
    if since is not None:
        where.add("coalesce(e.date_end, e.date_start, a.date) >= ?", _as_date_filter(since, "since"))
    if until is not None:
        where.add("coalesce(e.date_start, a.date) <= ?", _as_date_filter(until, "until"))
    if article:
        where.add("starts_with(e.article, ?)", article)
    return where


class Store:
    """Coded articles in a DuckDB file. One writer at a time; use as a context manager."""

    def __init__(self, path: str | Path = DEFAULT_PATH, memory_limit: str = MEMORY_LIMIT, threads: int | None = None):
        """``threads``: DuckDB's worker threads (default: one per core)."""
        self.path = Path(path)
        # The link features of articles stored and not linked yet, as their coders sent them.
        self._link_features: dict[str, TextFeatures] = {}
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            config = {"memory_limit": memory_limit} | ({"threads": threads} if threads else {})
            self._db = duckdb.connect(str(path), config=config)
        except duckdb.Error as error:
            raise StoreError(f"cannot open {path} as a DuckDB database: {error}") from error
        # A library must not draw on the caller's terminal.
        self._db.execute("SET enable_progress_bar = false")
        try:
            self._check_or_create_schema()
        except BaseException:
            self._db.close()
            raise

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    # ---------------------------------------------------------------- schema

    def _check_or_create_schema(self) -> None:
        tables = {name for (name,) in self._fetch("SELECT table_name FROM duckdb_tables()")}
        if not tables:
            with self._transaction():
                for table in TABLES:
                    self._db.execute(table.ddl())
                self._db.execute(
                    "INSERT INTO meta VALUES ('schema_version', ?), ('created_at', ?)",
                    [str(SCHEMA_VERSION), datetime.now(UTC).isoformat(timespec="seconds")],
                )
            return
        if "meta" not in tables:
            raise StoreError(f"{self.path} is a DuckDB database but not an accord store; use another --db path")
        found = self._fetch("SELECT value FROM meta WHERE key = 'schema_version'")
        version = found[0][0] if found else "unknown"
        if version != str(SCHEMA_VERSION):
            raise SchemaVersionError(
                f"{self.path} has store schema version {version}, this accord reads version {SCHEMA_VERSION}:"
                " use the accord release that wrote it, or a new --db path"
            )

    # ---------------------------------------------------------------- writing

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.begin()
        try:
            yield
        except BaseException:
            self._db.rollback()
            raise
        self._db.commit()

    def _insert(self, table: Table, rows: pa.Table, on_conflict: str = "") -> None:
        self._db.register("incoming_rows", rows)
        try:
            self._db.execute(f"INSERT INTO {table.name} BY NAME SELECT * FROM incoming_rows {on_conflict}")
        finally:
            self._db.unregister("incoming_rows")

    def stored_ids(self, ids: list[str]) -> set[str]:
        """Which of these article ids the store holds."""
        found = self._fetch("SELECT id FROM articles WHERE list_contains(?, id)", [ids])
        return {article_id for (article_id,) in found}

    def add_batch(self, articles: Iterable[Article], rejections: Iterable[Rejection] = ()) -> BatchSummary:
        """Store a batch of coded articles in one transaction (see :meth:`add_rows`)."""
        now = datetime.now(UTC).replace(tzinfo=None)
        return self.add_rows((rows_or_refusal(article, now) for article in articles), rejections)

    def add_rows(
        self,
        coded: Iterable[ArticleRows | Rejection],
        rejections: Iterable[Rejection] = (),
        finished_inputs: Iterable[InputFile] = (),
    ) -> BatchSummary:
        """Store a batch in one transaction: all of it lands, or (on a database error) none of it.

        ``coded`` holds each article's rows (:func:`article_rows`, possibly built in another
        process) or the rejection its rows could not be built from. An article already stored (or
        earlier in the batch) is counted as a duplicate and skipped; one whose rows do not type
        becomes a rejection, so one bad article never sinks the batch. ``finished_inputs`` are
        recorded in the same transaction: a file is marked read only once all its articles landed.
        ``coded`` is consumed before ``rejections``, so the rejections may be a list filled as it goes.
        """
        built: dict[str, ArticleRows] = {}
        refused: list[Rejection] = []
        duplicates = 0
        for item in coded:
            if isinstance(item, Rejection):
                refused.append(item)
            elif item.id in built:
                duplicates += 1
            else:
                built[item.id] = item
        for article_id in self.stored_ids(list(built)):
            duplicates += 1
            del built[article_id]
        try:
            tables = batch_tables(built.values())
        except BROKEN_RECORD:
            # Rare: a value of the wrong type somewhere. Find its article, convert the rest.
            for article_id, rows in list(built.items()):
                try:
                    batch_tables([rows])
                except BROKEN_RECORD as error:
                    refused.append(_refusal(rows.tables["articles"][0].get("origin") or article_id, error))
                    del built[article_id]
            tables = batch_tables(built.values())

        def insert() -> None:
            for table in ARTICLE_TABLES:
                if tables[table.name].num_rows:
                    self._insert(table, tables[table.name])

        rejected = refused + list(rejections)
        self._commit(insert, rejected, finished_inputs)
        self._keep_link_features(built.values())
        return BatchSummary(stored=len(built), duplicates=duplicates, rejected=len(rejected))

    def _keep_link_features(self, stored: Iterable[ArticleRows]) -> None:
        """Keep the features of just stored articles for linking them, the oldest forgotten first beyond
        :data:`LINK_FEATURES_KEPT`: linking reads what it lacks from the stored text."""
        for rows in stored:
            self._link_features[rows.id] = rows.link_features
        for _ in range(len(self._link_features) - LINK_FEATURES_KEPT):
            del self._link_features[next(iter(self._link_features))]

    def add_partition(
        self, files: Iterable[str | Path], rejections: Iterable[Rejection] = (), finished_inputs: Iterable[InputFile] = ()
    ) -> BatchSummary:
        """Store a partition coded elsewhere — its Parquet files in the dataset layout
        (:mod:`accord.dataset`), read by DuckDB itself — in one transaction, as :meth:`add_rows`
        does: articles already stored are skipped and counted as duplicates."""
        by_table: dict[str, list[str]] = {}
        for file in files:
            by_table.setdefault(Path(file).parent.parent.name, []).append(str(file))
        unknown = set(by_table) - {table.name for table in ARTICLE_TABLES}
        if unknown or (by_table and "articles" not in by_table):  # no files: every article was rejected
            raise StoreError(f"not a partition of the dataset layout: tables {sorted(by_table)}")
        rejections = list(rejections)
        try:
            ids = [row[0] for row in self._fetch(f"SELECT id FROM {PARQUET}", [by_table["articles"]])] if by_table else []
        except duckdb.Error as error:
            raise StoreError(f"partition not stored, nothing was written: {_one_line(error)}") from error
        stored = list(self.stored_ids(ids))

        def insert() -> None:
            for table in ARTICLE_TABLES:
                if table.name in by_table:
                    key = "id" if table is ARTICLES else "article"
                    self._db.execute(f"INSERT INTO {table.name} BY NAME SELECT * FROM {PARQUET} "
                                     f"WHERE NOT list_contains(?, {key})", [by_table[table.name], stored])

        self._commit(insert, rejections, finished_inputs)
        return BatchSummary(stored=len(ids) - len(stored), duplicates=len(stored), rejected=len(rejections))

    def _commit(self, insert: Callable[[], None], rejected: list[Rejection], finished_inputs: Iterable[InputFile]):
        """Run ``insert`` and record the rejections and finished input files, in one transaction."""
        unique_rejections = dict.fromkeys((_printable(r.origin), _printable(r.reason)) for r in rejected)
        now = datetime.now(UTC).replace(tzinfo=None)
        try:
            with self._transaction():
                insert()
                if unique_rejections:
                    rows = [{"origin": o, "reason": r, "at": now} for o, r in unique_rejections]
                    self._insert(REJECTIONS, REJECTIONS.arrow(rows), "ON CONFLICT DO NOTHING")
                finished = [
                    {"path": f.path, "size": f.size, "modified": f.modified, "finished_at": now} for f in finished_inputs
                ]
                if finished:
                    self._insert(INPUTS, INPUTS.arrow(finished), "ON CONFLICT DO NOTHING")
        except duckdb.Error as error:
            raise StoreError(f"batch not stored, nothing was written: {_one_line(error)}") from error

    # ---------------------------------------------------------------- reading

    def _fetch(self, query: str, params: list[Any] | None = None) -> list[tuple]:
        # Always to the end: DuckDB refuses other work while a result is partly read.
        return self._db.execute(query, params or []).fetchall()

    def _rows(self, query: str, params: list[Any] | None = None) -> list[dict]:
        return self._table(query, params).to_pylist()

    def _table(self, query: str, params: list[Any] | None = None) -> pa.Table:
        return self._db.sql(query, params=params or None).to_arrow_table()

    def _count(self, table: str) -> int:
        return self._fetch(f"SELECT count(*) FROM {table}")[0][0]

    def has_article(self, article_id: str) -> bool:
        return bool(self._fetch("SELECT 1 FROM articles WHERE id = ?", [article_id]))

    def events_table(self, limit: int | None = None, **filters) -> pa.Table:
        """Events as Arrow, columns :data:`EVENT_COLUMNS`; filters as in :meth:`events`."""
        where = _event_filter(**filters)
        article_columns = ", ".join(f"a.{f} AS article_{f}" for f in ARTICLE_FIELDS)
        query = (
            f"SELECT e.*, {article_columns} FROM events e JOIN articles a ON a.id = e.article{where.sql()}"
            " ORDER BY a.date NULLS LAST, e.article, e.sentence_index, e.trigger_start, e.id"
        )
        return self._table(*_limited(query, where.params, limit))

    def events(self, **filters) -> list[dict]:
        """Event rows, oldest article first. All filters combine (AND):

        actor: a code-shaped term (``VNM``, ``VNMGOV``) matches the country or a code prefix of the
          source or the target; any other term (``Peru``, ``Viettel``) a case-insensitive substring
          of their name or mention text.
        dyad: ``VNM-PER`` one side matches VNM and the other PER, in either direction;
          ``VNM>PER`` the source matches VNM and the target PER. Each side is matched like ``actor``.
        code: a CAMEO code prefix (``04`` = every consult code) or a PLOVER type (``CONSULT``).
        since/until: ISO dates, inclusive; compared with the event's date span, or the article's
          publication date when the event has no date.
        article: an article id or id prefix.
        limit: at most this many rows.
        """
        return self.events_table(**filters).to_pylist()

    def article(self, id_or_prefix: str) -> dict | None:
        """The article row with its events, actors and facts; None when nothing matches.

        Raises AmbiguousArticle when a prefix matches several articles."""
        found = self._rows(
            "SELECT * FROM articles WHERE starts_with(id, ?) ORDER BY id != ?, id LIMIT 2",
            [id_or_prefix, id_or_prefix],
        )
        if not found:
            return None
        if len(found) > 1 and found[0]["id"] != id_or_prefix:
            raise AmbiguousArticle(f"{id_or_prefix!r} matches several articles; give more of the id")
        row = found[0]
        article_id = row["id"]
        row["events"] = [e for e in self.events(article=article_id) if e["article"] == article_id]
        row["actors"] = self._rows('SELECT * EXCLUDE (article) FROM actors WHERE article = ?', [article_id])
        row["facts"] = self._rows(
            "SELECT * EXCLUDE (article) FROM facts WHERE article = ? ORDER BY fact_index", [article_id]
        )
        return row

    def facts(self, **filters) -> list[dict]:
        """Fact rows, columns :data:`FACT_COLUMNS`; filters as in :meth:`facts_table`."""
        return self.facts_table(**filters).to_pylist()

    def facts_table(
        self,
        dyad: str | None = None,
        measure: str | None = None,
        article: str | None = None,
        limit: int | None = None,
    ) -> pa.Table:
        """Facts as Arrow with their article's date, title, source...; oldest article first.
        ``dyad`` (A-B, direction ignored): the fact's subjects include both sides, matched like the
        ``actor`` filter of :meth:`events`; ``measure``: a measure name prefix (``trade`` =
        trade_volume, trade_volume_growth...); ``article``: an article id or id prefix."""
        where = _Where()
        if dyad:
            first, second, _ = parse_dyad(dyad)
            for term in (first, second):
                clause, params = _subject_matches(term)
                where.add(clause, *params)
        if measure:
            where.add("starts_with(f.measure, ?)", measure)
        if article:
            where.add("starts_with(f.article, ?)", article)
        article_columns = ", ".join(f"a.{f} AS article_{f}" for f in ARTICLE_FIELDS)
        query = (
            f"SELECT f.*, {article_columns} FROM facts f JOIN articles a ON a.id = f.article"
            f"{where.sql()} ORDER BY a.date NULLS LAST, f.article, f.fact_index"
        )
        return self._table(*_limited(query, where.params, limit))

    def actors(
        self,
        kind: str | None = None,
        country: str | None = None,
        limit: int | None = None,
    ) -> list[dict]:
        """Resolved actors across articles, one row per (kind, code, country, sector, name), with
        their counts: ``mentions``, ``articles`` they appear in, and ``events`` they are the source or
        target of; most mentioned first. ``kind``: country, agent, person, organisation, igo, group;
        ``country``: an ISO3 or non-state code (VNM, IGO)."""
        where = _Where()
        if kind:
            where.add("a.kind = ?", kind)
        if country:
            where.add("a.country = ?", country.upper())
        query = (
            "WITH roles AS (SELECT article, source_actor AS actor FROM events WHERE source_actor IS NOT NULL"
            " UNION ALL SELECT article, target_actor FROM events WHERE target_actor IS NOT NULL),"
            " per_actor AS (SELECT article, actor, count(*) AS n FROM roles GROUP BY ALL)"
            " SELECT a.kind, a.code, a.country, a.sector, a.name, any_value(a.role) AS role,"
            " sum(a.mention_count)::INTEGER AS mentions, count(DISTINCT a.article)::INTEGER AS articles,"
            " coalesce(sum(p.n), 0)::INTEGER AS events"
            " FROM actors a LEFT JOIN per_actor p ON p.article = a.article AND p.actor = a.actor"
            f"{where.sql()} GROUP BY a.kind, a.code, a.country, a.sector, a.name"
            " ORDER BY mentions DESC, articles DESC, a.code NULLS LAST, a.name NULLS LAST"
        )
        return self._rows(*_limited(query, where.params, limit))

    def rejections(self) -> list[dict]:
        return self._rows('SELECT * FROM rejections ORDER BY "at", origin, reason')

    def stats(self, top: int = 10) -> dict:
        """Counts, events by quad class and CAMEO root, the ``top`` country dyads, date ranges."""

        def grouped(column: str) -> dict:
            return dict(self._fetch(f"SELECT {column}, count(*) FROM events GROUP BY ALL ORDER BY {column}"))

        dyads = self._fetch(
            "SELECT least(source_country, target_country) || '-' || greatest(source_country, target_country)"
            " AS dyad, count(*) AS n FROM events"
            " WHERE source_country IS NOT NULL AND target_country IS NOT NULL"
            " GROUP BY dyad ORDER BY n DESC, dyad LIMIT ?",
            [top],
        )
        [publication] = self._fetch("SELECT min(date), max(date) FROM articles")
        [events] = self._fetch("SELECT min(date_start), max(coalesce(date_end, date_start)) FROM events")
        return {
            **{table: self._count(table) for table in ("articles", "events", "actors", "facts", "rejections")},
            "events_by_quad_class": grouped("quad_class"),
            "events_by_cameo_root": grouped("cameo_root"),
            "top_dyads": [{"dyad": dyad, "events": n} for dyad, n in dyads],
            "publication_dates": {"first": publication[0], "last": publication[1]},
            "event_dates": {"first": events[0], "last": events[1]},
            **self.link_stats(),
        }

    # ---------------------------------------------------------------- across reports

    def link_pending(self, batch: int = LINK_BATCH, whole_batches: bool = False) -> LinkSummary:
        """Place every stored article not placed yet, in arrival order, ``batch`` at a time: find
        near-duplicates, put articles into stories and their events into linked events
        (:mod:`accord.link`). Each batch is one transaction holding its placements, stories, linked
        events and the linker state it changed, so an interrupted run loses or repeats nothing and
        the next call goes on where it stopped. Only what a batch touches is loaded. With
        ``whole_batches``, fewer than ``batch`` articles left wait for a later call."""
        summary = LinkSummary()
        # The articles picked first, then their columns: DuckDB would otherwise read every stored text.
        while (rows := self._rows(
            "SELECT id, title, text, date, source, url FROM articles WHERE rowid IN (SELECT a.rowid FROM articles a"
            " ANTI JOIN placements p ON p.article = a.id ORDER BY a.rowid LIMIT ?) ORDER BY rowid",
            [batch],
        )) and (len(rows) == batch or not whole_batches):
            try:
                with self._transaction():
                    summary.add(self._link_batch(rows))
            except duckdb.Error as error:
                raise StoreError(f"linking stopped, this batch was not written: {_one_line(error)}") from error
        return summary

    def _among(self, query: str, values: Iterable, *params: Any) -> list[dict]:
        """Rows of a query whose first parameter is a list (``x IN (SELECT unnest(?))``); none for no values."""
        values = sorted(set(values))
        return self._rows(query, [values, *params]) if values else []

    def _with_rows(self, name: str, rows: list[dict], query: str, params: list | None = None) -> list[dict]:
        """Rows of a query that reads ``rows`` as the table ``name``."""
        if not rows:
            return []
        self._db.register(name, pa.Table.from_pylist(rows))
        try:
            return self._rows(query, params)
        finally:
            self._db.unregister(name)

    def _replace_rows(self, table: Table, key: str, rows: list[dict]) -> None:
        if rows:
            keys = sorted({r[key] for r in rows})
            self._db.execute(f"DELETE FROM {table.name} WHERE {key} IN (SELECT unnest(?))", [keys])
            self._insert(table, table.arrow(rows))

    def _link_batch(self, rows: list[dict]) -> LinkSummary:
        [(placed_before, originals_before)] = self._fetch(
            "SELECT count(*), count(*) FILTER (duplicate_of IS NULL) FROM placements"
        )
        arrivals = [
            Arrival.of(Document(r["id"], r["text"] or "", r["title"]), self._link_features.pop(r["id"], None))
            for r in rows
        ]
        linker = Linker(documents=originals_before)
        stored_buckets = self._load_copy_state(linker, arrivals)
        for row in self._among(
            "SELECT term, df FROM link_terms WHERE term IN (SELECT unnest(?))", (t for a in arrivals for t in a.features.counts)
        ):
            linker.df[row["term"]] = row["df"]
        admission = linker.admit(arrivals)
        placed = average_link(admission.vectors, self._nearby_stories(admission.vectors), STORY_THRESHOLD)
        stories = self._load_stories(linker, admission, placed)
        placements = linker.settle(admission, placed)
        new_stories = self._update_stories(stories, placements, rows, linker, placed_before)
        now = datetime.now(UTC).replace(tzinfo=None)
        self._insert(
            PLACEMENTS,
            PLACEMENTS.arrow(
                [
                    {
                        "article": p.document, "seq": placed_before + number, "story": p.story,
                        "duplicate_of": p.duplicate_of, "signature": arrival.features.signature.to_bytes(),
                        "shingles": arrival.features.signature.size, "placed_at": now,
                    }  # fmt: skip
                    for number, (p, arrival) in enumerate(zip(placements, arrivals))
                ]
            ),
        )
        counted = {t for a in arrivals if a.document.id not in admission.copies for t in a.features.counts}
        self._write_document_frequencies({t: linker.df[t] for t in counted})
        new_buckets = [{"key": k, "article": a} for k, a in linker.buckets.items() if k not in stored_buckets]
        if new_buckets:
            self._insert(LINK_BUCKETS, LINK_BUCKETS.arrow(new_buckets))
        self._replace_rows(STORIES, "id", list(stories.values()))
        index = [
            {"term": term, "story": story, "weight": weight}
            for story in stories
            for term, weight in linker.stories[story].index_terms()
        ]
        self._replace_rows(STORY_INDEX, "story", index)
        linked_events, mentions = self._link_batch_events(linker, rows)
        return LinkSummary(len(placements), len(admission.copies), new_stories, linked_events, mentions, batches=1)

    def _load_copy_state(self, linker: Linker, arrivals: list[Arrival]) -> set[int]:
        """Load the LSH buckets of the batch's keys and the signatures behind them; returns the stored keys."""
        keys = (key for arrival in arrivals for key in arrival.features.keys)
        for row in self._among("SELECT key, article FROM link_buckets WHERE key IN (SELECT unnest(?))", keys):
            linker.buckets[row["key"]] = row["article"]
        for row in self._among(
            "SELECT article, signature, shingles, duplicate_of FROM placements WHERE article IN (SELECT unnest(?))",
            linker.buckets.values(),
        ):
            linker.signatures[row["article"]] = Signature.from_bytes(row["signature"], row["shingles"])
            if row["duplicate_of"]:
                linker.original_of[row["article"]] = row["duplicate_of"]
        return set(linker.buckets)

    def _nearby_stories(self, vectors: list[tuple[str, dict[str, float]]]) -> list[Story]:
        """The stored stories a batch is compared with (picked as :meth:`Linker.nearby` picks them),
        their vectors cut to the batch's terms: average link reads no other."""
        queries = [{"document": d, "term": t, "weight": w} for d, vector in vectors for t, w in query_terms(vector)]
        found = self._with_rows(
            "link_queries",
            queries,
            "SELECT DISTINCT story FROM ("
            " SELECT q.document, i.story, sum(q.weight * i.weight) AS score"
            " FROM link_queries q JOIN story_index i ON i.term = q.term GROUP BY q.document, i.story"
            " QUALIFY row_number() OVER (PARTITION BY q.document ORDER BY score DESC, i.story) <= ?)"
            " ORDER BY story",
            [CANDIDATES],
        )
        candidates = [row["story"] for row in found]
        stories = {
            row["id"]: Story(row["id"], {}, row["articles"])
            for row in self._among("SELECT id, articles FROM stories WHERE id IN (SELECT unnest(?))", candidates)
        }
        # One row per story, its terms in their own order: hundreds of thousands of (story, term) rows
        # would cost more to turn into Python objects than everything else linking does.
        for row in self._among(
            "SELECT id, list(term ORDER BY position) AS terms, list(weight ORDER BY position) AS weights FROM ("
            " SELECT id, unnest(terms) AS term, unnest(weights) AS weight, unnest(range(len(terms))) AS position"
            " FROM stories WHERE id IN (SELECT unnest(?))) WHERE term IN (SELECT unnest(?)) GROUP BY id",
            candidates,
            sorted({t for _, vector in vectors for t in vector}),
        ):
            stories[row["id"]].vector = dict(zip(row["terms"], row["weights"]))
        return [stories[story] for story in candidates]

    def _load_stories(self, linker: Linker, admission: Admission, placed: dict[str, str]) -> dict[str, dict]:
        """The stored stories the batch adds to (its own articles or copies), whole, into the linker."""
        earlier = set(admission.copies.values()) - set(placed) - set(admission.copies)
        for row in self._among("SELECT article, story FROM placements WHERE article IN (SELECT unnest(?))", earlier):
            linker.story_of[row["article"]] = row["story"]
        touched = set(placed.values()) | {linker.story_of[o] for o in earlier}
        stories = {row["id"]: row for row in self._among("SELECT * FROM stories WHERE id IN (SELECT unnest(?))", touched)}
        for row in stories.values():
            linker.stories[row["id"]] = Story(row["id"], dict(zip(row["terms"], row["weights"])), row["articles"])
        return stories

    @staticmethod
    def _update_stories(
        stories: dict[str, dict], placements: list[Placement], rows: list[dict], linker: Linker, placed_before: int
    ) -> int:
        """Fold the batch into the story rows (new stories added); returns how many are new."""
        articles = {row["id"]: row for row in rows}
        new = 0
        for number, placement in enumerate(placements):
            article = articles[placement.document]
            story = stories.get(placement.story)
            if story is None:
                new += 1
                story = stories[placement.story] = {
                    "id": placement.story, "seq": placed_before + number, "title": article["title"],
                    "first_date": None, "last_date": None, "copies": 0,
                }  # fmt: skip
            story["copies"] += placement.duplicate_of is not None
            if article["date"] is not None:
                story["first_date"] = min(filter(None, (story["first_date"], article["date"])))
                story["last_date"] = max(filter(None, (story["last_date"], article["date"])))
        for story in stories.values():
            vector = linker.stories[story["id"]]
            ranked = strongest(vector.vector, len(vector.vector))
            story |= {"articles": vector.size, "terms": [t for t, _ in ranked], "weights": [w for _, w in ranked]}
        return new

    def _write_document_frequencies(self, df: dict[str, int]) -> None:
        if not df:
            return
        self._db.register("incoming_rows", LINK_TERMS.arrow([{"term": t, "df": n} for t, n in df.items()]))
        try:
            self._db.execute("UPDATE link_terms SET df = n.df FROM incoming_rows n WHERE link_terms.term = n.term")
            self._db.execute(
                "INSERT INTO link_terms SELECT n.term, n.df FROM incoming_rows n ANTI JOIN link_terms t ON t.term = n.term"
            )
        finally:
            self._db.unregister("incoming_rows")

    def _link_batch_events(self, linker: Linker, rows: list[dict]) -> tuple[int, int]:
        """Link the events of a placed batch; returns (new linked events, mentions)."""
        reports = self._reports(rows)
        seq_of = self._load_linked_events(linker, reports)
        [(linked_before,)] = self._fetch("SELECT count(*) FROM linked_events")
        mentions, new = [], 0
        for report in reports:
            for mention in linker.link_events(report):
                mentions.append({"event": mention.event, "linked": mention.linked, "article": report.id, "counted": mention.counted})
                if mention.linked not in seq_of:
                    seq_of[mention.linked] = linked_before + new
                    new += 1
        touched = {m["linked"] for m in mentions}
        linked_rows = [
            {
                "id": event.id, "seq": seq_of[event.id], "key": event.key, "story": event.story,
                "start_date": event.start, "end_date": event.end, "exact": event.exact,
                "mentions": event.mentions, "articles": event.articles, "copies": event.copies,
                "sources": sorted(event.sources), "evidence": [" ".join(sorted(words)) for words in event.evidence],
            }  # fmt: skip
            for candidates in linker.linked.values()
            for event in candidates
            if event.id in touched
        ]
        self._replace_rows(LINKED_EVENTS, "id", linked_rows)
        if mentions:
            self._insert(LINKED_MENTIONS, LINKED_MENTIONS.arrow(mentions))
        return new, len(mentions)

    def _reports(self, rows: list[dict]) -> list[Report]:
        """The batch's articles with their event rows, as the event linker reads them."""
        sides = ", ".join(f"{side}_{part}" for side in ("source", "target") for part in ("country", "code", "name", "text"))
        events: dict[str, list[dict]] = {}
        for event in self._among(
            f"SELECT id, article, cameo, {sides}, date_start, date_end, date_inferred, evidence_sentence FROM events"
            " WHERE article IN (SELECT unnest(?)) ORDER BY article, sentence_index, trigger_start, id",
            (row["id"] for row in rows),
        ):
            events.setdefault(event["article"], []).append(event)
        return [Report(r["id"], events.get(r["id"], []), r["date"], r["source"], r["url"]) for r in rows]

    def _load_linked_events(self, linker: Linker, reports: list[Report]) -> dict[str, int]:
        """Load the linked events the batch's events may join (same key, and near in time or, when one
        side has no date, in the same story) and those of earlier originals of its copies; returns
        their seq numbers."""
        batch = {report.id for report in reports}
        originals = {linker.original_of[r.id] for r in reports if r.id in linker.original_of} - batch
        for row in self._among("SELECT article, linked FROM linked_mentions WHERE article IN (SELECT unnest(?))", originals):
            linker.linked_by_article.setdefault(row["article"], set()).add(row["linked"])
        wants = []
        for report in reports:
            for event in report.events:
                span = event_span(event, report.published)
                low, high = (span[0] - DATE_TOLERANCE, span[1] + DATE_TOLERANCE) if span else (None, None)
                wants.append({"key": link_key(event), "story": linker.story_of.get(report.id), "low": low, "high": high})
        near = self._with_rows(
            "link_wants",
            wants,
            "SELECT l.id FROM linked_events l SEMI JOIN link_wants w ON l.key = w.key"
            " AND (l.end_date >= w.low AND l.start_date <= w.high"
            " OR (w.low IS NULL OR l.start_date IS NULL) AND l.story = w.story)",
        )
        wanted = {row["id"] for row in near} | {i for ids in linker.linked_by_article.values() for i in ids}
        seq_of = {}
        for row in self._among("SELECT * FROM linked_events WHERE id IN (SELECT unnest(?)) ORDER BY seq", wanted):
            seq_of[row["id"]] = row["seq"]
            linker.linked[row["key"]].append(
                LinkedEvent(
                    row["id"], row["key"], row["story"], row["start_date"], row["end_date"], row["exact"],
                    [frozenset(words.split()) for words in row["evidence"]],
                    row["mentions"], row["articles"], row["copies"], set(row["sources"]),
                )  # fmt: skip
            )
        return seq_of

    def _story_extras(self, story_ids: list[str], top: int = 3) -> dict[str, dict]:
        """For each story: its ``top`` main actors (the sides most often named in its events: country,
        else code, else name) and how many linked events its articles report."""
        extras = {story: {"actors": [], "linked_events": 0} for story in story_ids}
        for row in self._among(
            "WITH sides AS (SELECT p.story, unnest([coalesce(e.source_country, e.source_code, e.source_name),"
            " coalesce(e.target_country, e.target_code, e.target_name)]) AS actor"
            " FROM placements p JOIN events e ON e.article = p.article"
            " WHERE p.story IN (SELECT unnest(?)) AND p.duplicate_of IS NULL)"
            " SELECT story, actor, count(*) AS n FROM sides WHERE actor IS NOT NULL GROUP BY story, actor"
            " QUALIFY row_number() OVER (PARTITION BY story ORDER BY n DESC, actor) <= ? ORDER BY story, n DESC, actor",
            story_ids,
            top,
        ):
            extras[row["story"]]["actors"].append(row["actor"])
        for row in self._among(
            "SELECT p.story, count(DISTINCT m.linked) AS n FROM placements p JOIN linked_mentions m ON m.article = p.article"
            " WHERE p.story IN (SELECT unnest(?)) GROUP BY p.story",
            story_ids,
        ):
            extras[row["story"]]["linked_events"] = row["n"]
        return extras

    def stories(self, limit: int | None = None) -> list[dict]:
        """Stories, largest first: id, label (its strongest terms), title (of its first article),
        first_date/last_date (publication dates), articles (originals), copies (near-duplicates),
        actors (the main ones) and linked_events (reported in its articles)."""
        query = (
            "SELECT id, array_to_string(terms[1:5], ' ') AS label, title, first_date, last_date, articles, copies"
            " FROM stories ORDER BY articles + copies DESC, last_date DESC NULLS LAST, seq"
        )
        rows = self._rows(*_limited(query, [], limit))
        extras = self._story_extras([row["id"] for row in rows])
        return [row | extras[row["id"]] for row in rows]

    def story(self, id_or_prefix: str, events: int = 10) -> dict | None:
        """A story with its articles (oldest first; ``duplicate_of`` marks near-duplicates) and its
        ``events`` main linked events (most reported first); None when no story matches.

        Raises AmbiguousArticle when a prefix matches several stories."""
        found = self._rows(
            "SELECT id FROM stories WHERE starts_with(id, ?) ORDER BY id != ?, id LIMIT 2", [id_or_prefix, id_or_prefix]
        )
        if not found:
            return None
        if len(found) > 1 and found[0]["id"] != id_or_prefix:
            raise AmbiguousArticle(f"{id_or_prefix!r} matches several stories; give more of the id")
        story_id = found[0]["id"]
        [row] = self._rows(
            "SELECT id, array_to_string(terms[1:5], ' ') AS label, title, first_date, last_date, articles, copies"
            " FROM stories WHERE id = ?",
            [story_id],
        )
        row |= self._story_extras([story_id])[story_id]
        row["reports"] = self._rows(
            "SELECT p.article AS id, a.title, a.date, a.source, a.url, p.duplicate_of FROM placements p"
            " JOIN articles a ON a.id = p.article WHERE p.story = ? ORDER BY a.date NULLS LAST, p.seq",
            [story_id],
        )
        row["linked_events"] = self.linked_events(story=story_id, limit=events, most_reported=True)
        return row

    def linked_events(
        self,
        story: str | None = None,
        limit: int | None = None,
        most_reported: bool = False,
        actor: str | None = None,
        dyad: str | None = None,
        code: str | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
    ) -> list[dict]:
        """One row per real-world event: its first mention's coding (code, sides, evidence) with the
        linked span (start_date, end_date) and counts — ``mentions``, ``articles`` and ``sources``
        (distinct outlets) over original reports, ``copies`` repeated by near-duplicates. Filters
        as in :meth:`events` (on the first mention; since/until on the linked span); ``story``: the
        events reported in that story's articles. Oldest first, or most reported first."""
        where = _event_filter(actor=actor, dyad=dyad, code=code)
        if since is not None:
            where.add("l.end_date >= ?", _as_date_filter(since, "since"))
        if until is not None:
            where.add("l.start_date <= ?", _as_date_filter(until, "until"))
        if story is not None:
            where.add(
                "l.id IN (SELECT m.linked FROM linked_mentions m JOIN placements p ON p.article = m.article"
                " WHERE p.story = ?)",
                story,
            )
        order = "l.articles DESC, l.mentions DESC, l.seq" if most_reported else "l.start_date NULLS LAST, l.seq"
        query = (
            "SELECT l.id, l.start_date, l.end_date, l.exact, l.mentions, l.articles, len(l.sources) AS sources,"
            " l.copies, l.story, l.sources AS outlets, e.cameo, e.plover,"
            " e.source_code, e.source_country, e.source_name, e.source_text,"
            " e.target_code, e.target_country, e.target_name, e.target_text,"
            " e.evidence_sentence, e.article, a.title AS article_title, a.date AS article_date"
            f" FROM linked_events l JOIN events e ON e.id = l.id JOIN articles a ON a.id = e.article{where.sql()}"
            f" ORDER BY {order}"
        )
        return self._rows(*_limited(query, where.params, limit))

    def event_links(self, event_ids: Iterable[str]) -> dict[str, dict]:
        """For each linked event id given: its linked event and counts ({linked, counted, mentions,
        articles, sources}); events not linked yet are left out."""
        return {
            row.pop("event"): row
            for row in self._among(
                "SELECT m.event, m.linked, m.counted, l.mentions, l.articles, len(l.sources) AS sources"
                " FROM linked_mentions m JOIN linked_events l ON l.id = m.linked WHERE m.event IN (SELECT unnest(?))",
                event_ids,
            )
        }

    def link_stats(self) -> dict:
        """Counts of the cross-report links: stories, linked events, near-duplicate articles, articles
        not linked yet."""
        [(stories, linked, copies, unplaced)] = self._fetch(
            "SELECT (SELECT count(*) FROM stories), (SELECT count(*) FROM linked_events),"
            " (SELECT count(*) FROM placements WHERE duplicate_of IS NOT NULL),"
            " (SELECT count(*) FROM articles) - (SELECT count(*) FROM placements)"
        )
        return {"stories": stories, "linked_events": linked, "near_duplicates": copies, "unlinked_articles": unplaced}

    # ---------------------------------------------------------------- runs and bulk files

    def finished_inputs(self) -> set[InputFile]:
        """The input files an earlier ingest read to the end and stored."""
        return {InputFile(*row) for row in self._fetch("SELECT path, size, modified FROM inputs")}

    def export_parquet(self, directory: str | Path) -> dict[str, int]:
        """Every article table as Parquet partitioned by publication date (the layout of
        :mod:`accord.dataset`); returns the rows written per table."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        written = {}
        for table in ARTICLE_TABLES:
            key = "id" if table is ARTICLES else "article"
            query = (
                f"SELECT t.*, coalesce(strftime(a.date, '%Y-%m-%d'), 'unknown') AS published"
                f" FROM {table.name} t JOIN articles a ON a.id = t.{key}"
            )
            target = str(directory / table.name).replace("'", "''")
            [(count,)] = self._fetch(
                f"COPY ({query}) TO '{target}' (FORMAT PARQUET, PARTITION_BY (published), OVERWRITE_OR_IGNORE)"
            )
            written[table.name] = count
        return written
