"""The store: coded articles in an embedded DuckDB file, for the CLI queries and the exports.

Event, actor and fact rows are flattened from the JSON shape of :mod:`accord.output`, so the store
and `accord code` never disagree; :func:`nest_event` turns an event row back into that shape.
One table declaration drives the SQL schema, the Arrow schema used to load rows in bulk and the
flattening, so a column cannot be added in one place and forgotten in another.

Dates are DATE columns (ISO strings in the JSON); ``ingested_at`` and ``rejections.at`` are UTC.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from .output import actor_json, event_json, fact_json
from .records import Article, Participant, Rejection

SCHEMA_VERSION = 1
DEFAULT_PATH = Path("accord.duckdb")

ARROW_TYPES = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int32(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
    "VARCHAR[]": pa.list_(pa.string()),
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

TABLES = (META, ARTICLES, SENTENCES, ACTORS, MENTIONS, EVENTS, FACTS, REJECTIONS)
ARTICLE_TABLES = (ARTICLES, SENTENCES, ACTORS, MENTIONS, EVENTS, FACTS)

# What events() adds to each event row from its article.
ARTICLE_FIELDS = ("record_id", "date", "title", "source", "url", "ingested_at")
EVENT_COLUMNS = tuple(c.name for c in EVENTS.columns) + tuple(f"article_{f}" for f in ARTICLE_FIELDS)
FACT_COLUMNS = tuple(c.name for c in FACTS.columns) + tuple(f"article_{f}" for f in ARTICLE_FIELDS)

# A term written like a CAMEO code (VNM, VNMGOV) matches codes only, so "PER" does not match
# every "emperor" or "superpower"; any other term matches names and mention texts.
CODE_SHAPE = re.compile(r"(?:[A-Z]{3})+")


@dataclass(slots=True)
class BatchSummary:
    stored: int
    duplicates: int
    rejected: int


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


def article_rows(article: Article, ingested_at: datetime) -> dict[str, list[dict]]:
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
    return {
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


# A record that breaks building or typing its rows: refused, the rest of the batch goes on.
BROKEN_RECORD = (KeyError, AttributeError, TypeError, ValueError, IndexError, pa.ArrowException)


def batch_tables(rows_per_article: Iterable[dict[str, list[dict]]]) -> dict[str, pa.Table]:
    """One Arrow table per article table, from the rows of several articles."""
    by_table: dict[str, list[dict]] = {t.name: [] for t in ARTICLE_TABLES}
    for rows in rows_per_article:
        for name, table_rows in rows.items():
            by_table[name].extend(table_rows)
    return {t.name: t.arrow(by_table[t.name]) for t in ARTICLE_TABLES}


def _refusal(article: Article, error: Exception) -> Rejection:
    return Rejection(article.origin or article.id, f"not stored: {_one_line(error)}")


def _printable(text: str) -> str:
    """Text DuckDB accepts: file names can carry undecodable bytes (surrogates)."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _one_line(error: Exception) -> str:
    return " ".join(f"{type(error).__name__}: {error}".split())


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

    def __init__(self, path: str | Path = DEFAULT_PATH):
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = duckdb.connect(str(path))
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

    def _stored_ids(self, ids: list[str]) -> set[str]:
        found = self._fetch("SELECT id FROM articles WHERE list_contains(?, id)", [ids])
        return {article_id for (article_id,) in found}

    def add_batch(self, articles: Iterable[Article], rejections: Iterable[Rejection] = ()) -> BatchSummary:
        """Store a batch in one transaction: all of it lands, or (on a database error) none of it.

        An article already stored (or earlier in the batch) is counted as a duplicate and skipped.
        An article whose rows cannot be built (a broken actor reference, a value of the wrong type)
        is not stored and becomes a rejection, so one bad article never sinks the batch. Articles are
        consumed before ``rejections``, so the rejections may be a list the ingest fills as it goes.
        """
        articles = list(articles)
        already_stored = self._stored_ids([a.id for a in articles])
        now = datetime.now(UTC).replace(tzinfo=None)
        built: dict[str, tuple[Article, dict[str, list[dict]]]] = {}
        duplicates = 0
        refused: list[Rejection] = []
        for article in articles:
            if article.id in already_stored or article.id in built:
                duplicates += 1
                continue
            try:
                built[article.id] = (article, article_rows(article, now))
            except BROKEN_RECORD as error:
                refused.append(_refusal(article, error))
        try:
            tables = batch_tables(rows for _, rows in built.values())
        except BROKEN_RECORD:
            # Rare: a value of the wrong type somewhere. Find its article, convert the rest.
            for article_id, (article, rows) in list(built.items()):
                try:
                    batch_tables([rows])
                except BROKEN_RECORD as error:
                    refused.append(_refusal(article, error))
                    del built[article_id]
            tables = batch_tables(rows for _, rows in built.values())
        rejected = refused + list(rejections)
        unique_rejections = dict.fromkeys((_printable(r.origin), _printable(r.reason)) for r in rejected)
        try:
            with self._transaction():
                for table in ARTICLE_TABLES:
                    if tables[table.name].num_rows:
                        self._insert(table, tables[table.name])
                if unique_rejections:
                    rows = [{"origin": o, "reason": r, "at": now} for o, r in unique_rejections]
                    self._insert(REJECTIONS, REJECTIONS.arrow(rows), "ON CONFLICT DO NOTHING")
        except duckdb.Error as error:
            raise StoreError(f"batch not stored, nothing was written: {_one_line(error)}") from error
        return BatchSummary(stored=len(built), duplicates=duplicates, rejected=len(rejected))

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
        }
