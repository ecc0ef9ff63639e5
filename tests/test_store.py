"""The DuckDB store: batches, duplicates, rollback, schema version, queries.

Articles are built by hand from records (no spaCy): a trade minister's visit with a refusal, a
statement and a trade fact; a maritime clash with an IGO reaction.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from accord.output import event_json
from accord.records import (
    Actor,
    Article,
    Event,
    Evidence,
    Fact,
    Mention,
    Participant,
    Rejection,
    Sentence,
    TimeValue,
)
from accord.store import (
    EVENT_COLUMNS,
    AmbiguousArticle,
    SchemaVersionError,
    Store,
    StoreError,
    nest_event,
)

VISIT_ID = "a7f3001c9e2b4d6f8a0b1c2d3e4f5a6b"
CLASH_ID = "a7f3002e5d4c3b2a1f0e9d8c7b6a5f4e"


class Draft:
    """Offsets, sentences, mentions and evidence for a hand-written article text."""

    def __init__(self, text: str):
        self.text = text
        self.sentences = []
        start = 0
        for index, line in enumerate(text.split("\n")):
            self.sentences.append(Sentence(index, start, start + len(line), line, token_start=0))
            start += len(line) + 1

    def at(self, phrase: str, context: str | None = None) -> tuple[int, int]:
        start = self.text.index(context or phrase) + (context or phrase).index(phrase)
        return start, start + len(phrase)

    def sentence(self, start: int) -> Sentence:
        return next(s for s in self.sentences if s.start <= start <= s.end)

    def mention(self, phrase: str, actor: str, context: str | None = None) -> Mention:
        start, end = self.at(phrase, context)
        return Mention(phrase, start, end, self.sentence(start).index, head=0, actor=actor)

    def participant(self, phrase: str, actor: str, context: str | None = None) -> Participant:
        start, end = self.at(phrase, context)
        return Participant(actor, phrase, start, end)

    def evidence(self, trigger: str, context: str | None = None) -> Evidence:
        start, end = self.at(trigger, context)
        sentence = self.sentence(start)
        return Evidence(sentence.index, sentence.start, sentence.end, sentence.text, trigger, start, end)


def country(draft: Draft, code: str, *mentions: tuple[str, str | None]) -> Actor:
    actor_id = code.lower()
    return Actor(
        actor_id, "country", code, code, mentions=[draft.mention(p, actor_id, c) for p, c in mentions]
    )


def agent(draft: Draft, country_code: str, sector: str, role: str | None, *phrases: str) -> Actor:
    actor_id = f"{country_code}-{sector}".lower()
    return Actor(
        actor_id,
        "agent",
        country_code + sector,
        country_code,
        sector,
        role=role,
        mentions=[draft.mention(p, actor_id) for p in phrases],
    )


def visit_article(article_id: str = VISIT_ID) -> Article:
    draft = Draft(
        "Vietnam's trade minister arrived in Lima on Tuesday for talks with the Peruvian government"
        " on rice and copper exports.\n"
        "Peru will not reopen its fishing grounds to Vietnamese trawlers this year, a ministry"
        " spokesman said.\n"
        "Bilateral trade between Vietnam and Peru rose to 1.1 billion USD in 2021."
    )
    actors = [
        agent(draft, "VNM", "GOV", "trade minister", "Vietnam's trade minister"),
        agent(draft, "PER", "GOV", None, "the Peruvian government", "a ministry spokesman"),
        agent(draft, "VNM", "BUS", None, "Vietnamese trawlers"),
        country(draft, "VNM", ("Vietnam", "Vietnam and Peru")),
        country(draft, "PER", ("Peru", "Peru will"), ("Peru", "and Peru")),
    ]
    visit = Event(
        source=draft.participant("Vietnam's trade minister", "vnm-gov"),
        target=draft.participant("the Peruvian government", "per-gov"),
        cameo="042",
        cameo_root="04",
        quad_class=1,
        goldstein=1.9,
        plover="CONSULT",
        mode="visit",
        context=["economic"],
        evidence=draft.evidence("arrived"),
        rule="visit:arrive in",
        confidence=0.9,
        date=TimeValue("on Tuesday", "2022-05-31", "2022-05-31", "day"),
        place="Lima",
    )
    refusal = Event(
        source=draft.participant("Peru", "per", "Peru will"),
        target=draft.participant("Vietnamese trawlers", "vnm-bus"),
        cameo="124",
        cameo_root="12",
        quad_class=3,
        goldstein=-4.0,
        plover="REJECT",
        mode=None,
        context=["economic", "natural_resource"],
        evidence=draft.evidence("reopen"),
        rule="negated:reopen",
        confidence=0.55,
        date=TimeValue("this year", "2022-01-01", "2022-12-31", "year"),
    )
    statement = Event(
        source=draft.participant("a ministry spokesman", "per-gov"),
        target=None,
        cameo="010",
        cameo_root="01",
        quad_class=1,
        goldstein=0.0,
        plover=None,
        mode=None,
        context=[],
        evidence=draft.evidence("said"),
        rule="say",
        confidence=0.6,
    )
    trade = Fact(
        measure="trade_volume",
        value=1.1e9,
        unit="USD",
        subject=["vnm", "per"],
        subject_text="Bilateral trade between Vietnam and Peru",
        evidence=draft.evidence("1.1 billion USD"),
        period=TimeValue("in 2021", "2021-01-01", "2021-12-31", "year"),
    )
    return Article(
        id=article_id,
        text=draft.text,
        record_id="wire-0412",
        title="Vietnam and Peru discuss rice and copper trade",
        date=date(2022, 6, 2),
        date_origin="record",
        place="Lima",
        source="Example News Agency",
        url="https://news.example.org/2022/06/vietnam-peru-trade",
        origin="feeds/june.jsonl:12",
        sentences=draft.sentences,
        actors=actors,
        events=[visit, refusal, statement],
        facts=[trade],
    )


def clash_article() -> Article:
    draft = Draft(
        "Chinese coast guard vessels fired water cannon at a Philippine supply boat near Second Thomas"
        " Shoal on Saturday.\n"
        "ASEAN foreign ministers voiced concern over the incident."
    )
    asean = Actor(
        "asean", "igo", "IGO", "IGO", "GOV", name="ASEAN",
        mentions=[draft.mention("ASEAN foreign ministers", "asean")],
    )  # fmt: skip
    actors = [
        agent(draft, "CHN", "COP", "coast guard", "Chinese coast guard vessels"),
        agent(draft, "PHL", "MIL", None, "a Philippine supply boat"),
        asean,
    ]
    water_cannon = Event(
        source=draft.participant("Chinese coast guard vessels", "chn-cop"),
        target=draft.participant("a Philippine supply boat", "phl-mil"),
        cameo="180",
        cameo_root="18",
        quad_class=4,
        goldstein=-9.0,
        plover="ASSAULT",
        mode="crowd-control",
        context=["territory", "military"],
        evidence=draft.evidence("fired"),
        rule="fire at",
        confidence=0.8,
        date=TimeValue("on Saturday", "2023-03-04", "2023-03-04", "day"),
        place="Second Thomas Shoal",
    )
    concern = Event(
        source=draft.participant("ASEAN foreign ministers", "asean"),
        target=None,
        cameo="012",
        cameo_root="01",
        quad_class=1,
        goldstein=-0.4,
        plover=None,
        mode=None,
        context=[],
        evidence=draft.evidence("voiced concern"),
        rule="voice concern",
        confidence=0.7,
        date=TimeValue("", "2023-03-08", "2023-03-08", "day", inferred=True),
    )
    return Article(
        id=CLASH_ID,
        text=draft.text,
        title="Water cannon used near disputed shoal",
        date=date(2023, 3, 8),
        source="Example Wire",
        origin="feeds/march.jsonl:3",
        sentences=draft.sentences,
        actors=actors,
        events=[water_cannon, concern],
    )


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    """The two articles, stored once for the tests that only read."""
    with Store(tmp_path_factory.mktemp("store") / "accord.duckdb") as opened:
        opened.add_batch([visit_article(), clash_article()], [])
        yield opened


@pytest.fixture
def empty_store(tmp_path: Path):
    with Store(tmp_path / "accord.duckdb") as opened:
        yield opened


def triggers(rows: list[dict]) -> list[str]:
    return [row["trigger_text"] for row in rows]


# ---------------------------------------------------------------- opening


def test_new_path_creates_an_empty_store(tmp_path: Path):
    path = tmp_path / "nested" / "new.duckdb"
    with Store(path) as store:
        stats = store.stats()
    assert path.exists()
    assert {stats[k] for k in ("articles", "events", "actors", "facts", "rejections")} == {0}


def test_reopened_store_answers(tmp_path: Path):
    path = tmp_path / "accord.duckdb"
    with Store(path) as store:
        store.add_batch([visit_article()], [])
    with Store(path) as store:
        assert store.has_article(VISIT_ID)
        assert len(store.events(dyad="VNM-PER")) == 2


def test_a_store_beside_busy_coders_runs_its_queries_on_one_thread(tmp_path: Path):
    with Store(tmp_path / "accord.duckdb", threads=1) as store:
        store.add_batch([visit_article()], [])
        assert store._fetch("SELECT current_setting('threads')") == [(1,)]
        assert len(store.events(dyad="VNM-PER")) == 2


def test_other_schema_version_is_refused(tmp_path: Path):
    path = tmp_path / "old.duckdb"
    Store(path).close()
    with duckdb.connect(str(path)) as db:
        db.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    with pytest.raises(SchemaVersionError, match="schema version 999"):
        Store(path)


def test_foreign_files_are_refused(tmp_path: Path):
    other = tmp_path / "other.duckdb"
    with duckdb.connect(str(other)) as db:
        db.execute("CREATE TABLE prices (item VARCHAR, value DOUBLE)")
    with pytest.raises(StoreError, match="not an accord store"):
        Store(other)
    notes = tmp_path / "notes.txt"
    notes.write_text("minutes of the trade talks\n")
    with pytest.raises(StoreError, match="cannot open"):
        Store(notes)


# ---------------------------------------------------------------- writing


def test_batch_is_stored_with_all_its_rows(store: Store):
    stats = store.stats()
    assert (stats["articles"], stats["events"], stats["actors"], stats["facts"]) == (2, 5, 8, 1)
    assert store.has_article(VISIT_ID) and not store.has_article("feedface")


def test_same_articles_again_store_nothing_new(store: Store):
    summary = store.add_batch([visit_article(), clash_article()], [])
    assert (summary.stored, summary.duplicates) == (0, 2)
    assert store.stats()["events"] == 5


def test_duplicate_within_one_batch_is_stored_once(empty_store: Store):
    summary = empty_store.add_batch([visit_article(), visit_article()], [])
    assert (summary.stored, summary.duplicates) == (1, 1)
    assert empty_store.stats()["events"] == 3


def test_event_coded_twice_is_stored_once(empty_store: Store):
    article = visit_article()
    article.events.append(article.events[0])
    empty_store.add_batch([article], [])
    assert len(empty_store.events(code="042")) == 1


def test_rejections_are_recorded_once(empty_store: Store):
    unreadable = Rejection("feeds/june.jsonl:40", "no text after boilerplate removal")
    summary = empty_store.add_batch([], [unreadable, unreadable])
    empty_store.add_batch([], [unreadable])
    assert summary.rejected == 2
    assert [(r["origin"], r["reason"]) for r in empty_store.rejections()] == [
        ("feeds/june.jsonl:40", "no text after boilerplate removal")
    ]


def test_broken_article_is_rejected_and_the_batch_stored(empty_store: Store):
    broken = visit_article("b0b0b0b0")
    broken.events[0].target.actor = "nobody"
    summary = empty_store.add_batch([broken, clash_article()], [])
    assert (summary.stored, summary.rejected) == (1, 1)
    assert not empty_store.has_article("b0b0b0b0")
    [rejection] = empty_store.rejections()
    assert rejection["origin"] == "feeds/june.jsonl:12"
    assert "nobody" in rejection["reason"]


def test_a_failing_row_rolls_back_the_whole_batch(empty_store: Store):
    clash = clash_article()
    stray_id = event_json(clash, clash.events[0])["id"]
    # A leftover row with the id of the clash event: its insert fails after the articles went in.
    empty_store._db.execute("INSERT INTO events (id, article) VALUES (?, 'leftover')", [stray_id])
    with pytest.raises(StoreError, match="nothing was written"):
        empty_store.add_batch([visit_article(), clash], [Rejection("feeds/x.jsonl:1", "empty")])
    assert not empty_store.has_article(VISIT_ID)
    assert empty_store.stats()["rejections"] == 0
    empty_store._db.execute("DELETE FROM events WHERE article = 'leftover'")
    assert empty_store.add_batch([visit_article(), clash], []).stored == 2


def test_undecodable_file_name_is_recorded(empty_store: Store):
    empty_store.add_batch([], [Rejection("feeds/caf\udce9.html", "not UTF-8")])
    assert empty_store.rejections()[0]["origin"] == "feeds/caf\\udce9.html"


# ---------------------------------------------------------------- reading


def test_rows_give_back_the_json_of_accord_code(store: Store):
    article = visit_article()
    rows = {row["id"]: row for row in store.events(article=VISIT_ID)}
    for event in article.events:
        data = event_json(article, event)
        assert nest_event(rows[data["id"]]) == data
    assert list(rows[data["id"]]) == list(EVENT_COLUMNS)


def test_actor_filter(store: Store):
    assert triggers(store.events(actor="VNM")) == ["arrived", "reopen"]
    assert triggers(store.events(actor="VNMGOV")) == ["arrived"]
    assert triggers(store.events(actor="peruvian")) == ["arrived"]
    assert triggers(store.events(actor="ASEAN")) == ["voiced concern"]
    assert triggers(store.events(actor="supply")) == ["fired"]
    assert store.events(actor="SUP") == []  # code-shaped: codes only, not "supply"


def test_dyad_filter(store: Store):
    assert triggers(store.events(dyad="VNM-PER")) == ["arrived", "reopen"]
    assert triggers(store.events(dyad="PER-VNM")) == ["arrived", "reopen"]
    assert triggers(store.events(dyad="VNM>PER")) == ["arrived"]
    assert triggers(store.events(dyad="PER>VNM")) == ["reopen"]
    assert triggers(store.events(dyad="CHN-Philippine")) == ["fired"]
    with pytest.raises(ValueError, match="A-B"):
        store.events(dyad="VNM")


def test_code_filter(store: Store):
    assert triggers(store.events(code="04")) == ["arrived"]
    assert triggers(store.events(code="1")) == ["reopen", "fired"]
    assert triggers(store.events(code="01")) == ["said", "voiced concern"]
    assert triggers(store.events(code="consult")) == ["arrived"]


def test_date_filters_use_the_event_span_then_the_article_date(store: Store):
    # The refusal covers all of 2022; the statement has no date and falls back to 2022-06-02.
    assert triggers(store.events(since="2022-06-01", until="2022-12-31")) == ["reopen", "said"]
    assert triggers(store.events(until=date(2022, 5, 31))) == ["arrived", "reopen"]
    assert triggers(store.events(since="2023-03-05")) == ["voiced concern"]
    with pytest.raises(ValueError, match="ISO date"):
        store.events(since="last spring")


def test_article_filter_and_limit(store: Store):
    assert triggers(store.events(article="a7f3002")) == ["fired", "voiced concern"]
    assert len(store.events(limit=2)) == 2
    assert triggers(store.events(actor="VNM", code="12")) == ["reopen"]


def test_article_lookup(store: Store):
    shown = store.article("a7f3001")
    assert shown["title"] == "Vietnam and Peru discuss rice and copper trade"
    assert shown["date"] == date(2022, 6, 2)
    assert triggers(shown["events"]) == ["arrived", "reopen", "said"]
    assert {a["actor"]: a["mention_count"] for a in shown["actors"]}["per"] == 2
    assert shown["facts"][0]["value"] == 1.1e9
    assert store.article(VISIT_ID)["id"] == VISIT_ID
    assert store.article("ffff") is None
    with pytest.raises(AmbiguousArticle):
        store.article("a7f3")


def test_facts(store: Store):
    [fact] = store.facts(dyad="PER-VNM")
    assert (fact["measure"], fact["value"], fact["unit"]) == ("trade_volume", 1.1e9, "USD")
    assert fact["subject"] == ["VNM", "PER"]
    assert (fact["period_start"], fact["period_granularity"]) == (date(2021, 1, 1), "year")
    assert fact["evidence_text"] == "1.1 billion USD"
    assert store.facts(dyad="Vietnam-Peru") == [fact]
    assert store.facts(measure="trade") == [fact]
    assert store.facts(dyad="VNM-CHN") == []


def test_stats(store: Store):
    stats = store.stats()
    assert stats["events_by_quad_class"] == {1: 3, 3: 1, 4: 1}
    assert stats["events_by_cameo_root"] == {"01": 2, "04": 1, "12": 1, "18": 1}
    assert stats["top_dyads"] == [{"dyad": "PER-VNM", "events": 2}, {"dyad": "CHN-PHL", "events": 1}]
    assert stats["publication_dates"] == {"first": date(2022, 6, 2), "last": date(2023, 3, 8)}
    assert stats["event_dates"] == {"first": date(2022, 1, 1), "last": date(2023, 3, 8)}
