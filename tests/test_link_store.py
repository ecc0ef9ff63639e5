"""Linking in the store: incremental placement, near-copies, linked events and their counts,
crash safety, the CLI, and the seeds with a near-copy of one of them.

The articles are written here with their events placed by hand (no spaCy), so these tests follow
the linker and not the event lexicon; the seeds test runs the whole coder.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import duckdb
import pytest

import accord
from accord.cli import app
from accord.export import GDELT_COLUMNS, export
from accord.link import TextFeatures
from accord.records import Actor, Article, Event, Evidence, Participant, Sentence, TimeValue
from accord.store import LINK_TABLES, Store, StoreError

COUNTRIES = {"KEN": "Kenya", "ETH": "Ethiopia", "ARM": "Armenia", "AZE": "Azerbaijan", "IND": "India", "JPN": "Japan"}


def report(title: str, day: date, outlet: str, paragraphs: list[str], events: list[tuple]) -> Article:
    """An article whose events are (cameo, source, target, trigger word); each event is dated by the
    publication day and its evidence is the paragraph holding the trigger."""
    text = "\n".join(paragraphs)
    article = Article(
        id=hashlib.sha1(text.encode()).hexdigest()[:16], text=text, title=title, date=day, source=outlet, origin=title
    )
    start = 0
    for index, paragraph in enumerate(paragraphs):
        article.sentences.append(Sentence(index, start, start + len(paragraph), paragraph, token_start=0))
        start += len(paragraph) + 1
    article.actors = [Actor(code, "country", code=code, country=code) for code in COUNTRIES]
    for cameo, source, target, trigger in events:
        sentence = next(s for s in article.sentences if trigger in s.text)
        at = sentence.start + sentence.text.index(trigger)
        evidence = Evidence(sentence.index, sentence.start, sentence.end, sentence.text, trigger, at, at + len(trigger))
        sides = [Participant(code, COUNTRIES[code], at, at + len(trigger)) if code else None for code in (source, target)]
        article.events.append(
            Event(
                *sides, cameo=cameo, cameo_root=cameo[:2], quad_class=1, goldstein=1.0, plover="CONSULT",
                mode=None, context=[], evidence=evidence, rule="test", confidence=1.0,
                date=TimeValue(trigger, day.isoformat(), day.isoformat(), "day", inferred=True),
            )  # fmt: skip
        )
    return article


SUMMIT_NATION = report(
    "Kenya and Ethiopia sign electricity deal", date(2024, 5, 13), "Daily Nation",
    [
        "Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Addis Ababa on Monday.",
        "The two leaders signed an agreement on electricity exports from the Grand Ethiopian Renaissance Dam to Kenya.",
        "Ruto said the Moyale transmission line would cut energy costs for Kenyan factories and farms.",
        "Abiy praised Kenya for its support of regional integration in the Horn of Africa.",
    ],
    [("040", "KEN", "ETH", "met"), ("057", "KEN", "ETH", "signed")],
)  # fmt: skip
SUMMIT_STANDARD = report(
    "Abiy hosts Ruto as power export pact is signed", date(2024, 5, 13), "Addis Standard",
    [
        "Ethiopian Prime Minister Abiy Ahmed held talks with Kenyan President William Ruto in Addis Ababa on Monday.",
        "Ethiopia and Kenya signed an agreement under which the Grand Ethiopian Renaissance Dam will export electricity.",
        "Officials said the Moyale transmission line would carry power to Nairobi by next year.",
        "The leaders also discussed security along the common border and the fight against al-Shabaab.",
        "Ethiopia already sells electricity to Djibouti and Sudan, and plans further lines to South Sudan.",
    ],
    [("040", "ETH", "KEN", "held talks"), ("057", "ETH", "KEN", "signed")],
)  # fmt: skip
BORDER_CLASH = report(
    "Armenia and Azerbaijan trade fire on border", date(2024, 5, 14), "Reuters",
    [
        "Azerbaijani forces shelled Armenian positions near the village of Sotk on Tuesday, the Armenian defence ministry said.",
        "Azerbaijan accused Armenia of firing first. Two soldiers were wounded, according to the ministry in Yerevan.",
    ],
    [("190", "AZE", "ARM", "shelled"), ("112", "AZE", "ARM", "accused")],
)  # fmt: skip
SUMMIT_STAR = report(
    "Ruto back from Addis Ababa with power deal", date(2024, 5, 14), "The Star",
    [
        "President William Ruto returned from Addis Ababa on Tuesday after talks with Prime Minister Abiy Ahmed.",
        "Kenya and Ethiopia signed an agreement on Monday for electricity exports from the Grand Ethiopian Renaissance Dam.",
        "Ruto said Kenyan industry would benefit from cheaper power once the Moyale line is complete.",
    ],
    [("040", "KEN", "ETH", "talks"), ("057", "KEN", "ETH", "signed")],
)  # fmt: skip
# The Addis Standard report re-posted by another site: new headline, the last paragraph dropped.
SUMMIT_REPOST = report(
    "Ethiopia to power Kenya under new deal", date(2024, 5, 14), "Africa Wire",
    SUMMIT_STANDARD.text.split("\n")[:4],
    [("040", "ETH", "KEN", "held talks"), ("057", "ETH", "KEN", "signed")],
)  # fmt: skip
VISIT_2023 = report(
    "Jaishankar in Tokyo for defence talks", date(2023, 3, 7), "The Hindu",
    [
        "Indian External Affairs Minister Subrahmanyam Jaishankar visited Japan on Tuesday.",
        "He met Foreign Minister Yoshimasa Hayashi to prepare the annual summit and discuss the purchase of patrol aircraft.",
    ],
    [("042", "IND", "JPN", "visited")],
)  # fmt: skip
VISIT_2024 = report(
    "Jaishankar returns to Japan", date(2024, 3, 7), "The Hindu",
    [
        "A year after his last trip, External Affairs Minister Subrahmanyam Jaishankar visited Japan again on Thursday.",
        "Talks with Foreign Minister Yoko Kamikawa focused on semiconductors and a high-speed rail line.",
    ],
    [("042", "IND", "JPN", "visited")],
)  # fmt: skip


def event_id(article: Article, index: int = 0) -> str:
    return accord.output.event_id(article, article.events[index])


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "links.duckdb") as opened:
        yield opened


def placements(store: Store) -> dict[str, dict]:
    return {row["article"]: row for row in store._rows("SELECT article, story, duplicate_of, seq FROM placements")}


def linked(store: Store, event: str) -> dict:
    [row] = store._rows(
        "SELECT l.* FROM linked_events l JOIN linked_mentions m ON m.linked = l.id WHERE m.event = ?", [event]
    )
    return row


def link_state(store: Store) -> dict[str, list]:
    """Every row of the link tables, in a stable order (placement times left out)."""
    state = {}
    for table in LINK_TABLES:
        columns = ", ".join(f'"{c.name}"' for c in table.columns if c.name != "placed_at")
        state[table.name] = store._fetch(f"SELECT {columns} FROM {table.name} ORDER BY ALL")
    return state


def test_articles_are_placed_batch_after_batch_and_ids_never_change(store):
    store.add_batch([SUMMIT_NATION, BORDER_CLASH, SUMMIT_STANDARD])
    first = store.link_pending()
    assert (first.placed, first.stories, first.batches) == (3, 2, 1)
    meeting = linked(store, event_id(SUMMIT_NATION))
    store.add_batch([SUMMIT_STAR])
    second = store.link_pending()
    assert (second.placed, second.stories) == (1, 0)
    stories = {row["article"]: row["story"] for row in placements(store).values()}
    assert stories[SUMMIT_STANDARD.id] == stories[SUMMIT_STAR.id] == stories[SUMMIT_NATION.id] == SUMMIT_NATION.id
    assert stories[BORDER_CLASH.id] == BORDER_CLASH.id
    # The meeting keeps the id of its first mention and counts every report of it.
    later = linked(store, event_id(SUMMIT_STAR))
    assert later["id"] == meeting["id"] == event_id(SUMMIT_NATION)
    assert (later["mentions"], later["articles"], len(later["sources"])) == (3, 3, 3)
    assert store.link_pending().placed == 0  # nothing left: nothing moves


def test_a_near_copy_joins_its_original_and_adds_to_no_count(store):
    store.add_batch([SUMMIT_NATION, BORDER_CLASH, SUMMIT_STANDARD])
    store.link_pending()
    before = linked(store, event_id(SUMMIT_STANDARD, 1))
    store.add_batch([SUMMIT_REPOST])
    assert store.link_pending().duplicates == 1
    copy = placements(store)[SUMMIT_REPOST.id]
    assert copy["duplicate_of"] == SUMMIT_STANDARD.id and copy["story"] == SUMMIT_NATION.id
    agreement = linked(store, event_id(SUMMIT_REPOST, 1))
    assert agreement["id"] == before["id"]
    assert (agreement["mentions"], agreement["articles"], agreement["sources"]) == (
        before["mentions"], before["articles"], before["sources"],
    )  # fmt: skip
    assert agreement["copies"] == 1
    story = store.story(SUMMIT_NATION.id)
    assert (story["articles"], story["copies"]) == (2, 1)
    assert store.stats()["near_duplicates"] == 1


def test_two_visits_a_year_apart_stay_two_events(store):
    store.add_batch([VISIT_2023, VISIT_2024])
    store.link_pending()
    first, second = linked(store, event_id(VISIT_2023)), linked(store, event_id(VISIT_2024))
    assert first["id"] != second["id"]
    assert (first["start_date"].year, second["start_date"].year) == (2023, 2024)
    assert placements(store)[VISIT_2024.id]["duplicate_of"] is None


def test_an_empty_article_gets_a_story_of_its_own(store):
    empty = Article(id="empty-body", text="", title="(photo gallery)", origin="gallery.html")
    store.add_batch([SUMMIT_NATION, empty])
    assert store.link_pending().placed == 2
    assert placements(store)["empty-body"]["story"] == "empty-body"


def test_ingest_links_whole_batches_and_leaves_the_rest_for_later(store):
    store.add_batch([SUMMIT_NATION, BORDER_CLASH, SUMMIT_STANDARD])
    assert store.link_pending(batch=2, whole_batches=True).placed == 2
    assert store.link_pending(batch=2, whole_batches=True).placed == 0  # one waits: not a whole batch
    assert set(placements(store)) == {SUMMIT_NATION.id, BORDER_CLASH.id}
    assert store.link_pending(batch=2).placed == 1


def test_a_failed_batch_leaves_the_store_as_it_was_and_a_rerun_goes_on(tmp_path, monkeypatch):
    articles = [SUMMIT_NATION, BORDER_CLASH, SUMMIT_STANDARD, SUMMIT_STAR, SUMMIT_REPOST]
    with Store(tmp_path / "clean.duckdb") as clean:
        clean.add_batch(articles)
        clean.link_pending(batch=2)
        expected = link_state(clean)
    with Store(tmp_path / "crash.duckdb") as store:
        store.add_batch(articles)
        store.link_pending(batch=2)  # a first run is complete up to here ...
        store.add_batch([VISIT_2023])  # ... and the next batch fails while writing its events
        after_first_run = link_state(store)
        real = Store._link_batch_events
        monkeypatch.setattr(Store, "_link_batch_events", lambda *a: (_ for _ in ()).throw(duckdb.IOException("disk full")))
        with pytest.raises(StoreError, match="disk full"):
            store.link_pending(batch=2)
        assert link_state(store) == after_first_run
        monkeypatch.setattr(Store, "_link_batch_events", real)
        assert store.link_pending(batch=2).placed == 1
        finished = link_state(store)
    with Store(tmp_path / "clean.duckdb") as clean:
        clean.add_batch([VISIT_2023])
        clean.link_pending(batch=2)
        assert finished == link_state(clean)
    assert expected["placements"] != finished["placements"]


def test_the_features_coders_send_link_as_the_text_read_back_would(tmp_path, monkeypatch):
    articles = [SUMMIT_NATION, BORDER_CLASH, SUMMIT_STANDARD, SUMMIT_STAR, SUMMIT_REPOST]
    with Store(tmp_path / "read.duckdb") as store:
        store.add_batch(articles)
    with Store(tmp_path / "read.duckdb") as store:  # a later run: only the stored texts are left
        store.link_pending(batch=2)
        expected = link_state(store)
    with Store(tmp_path / "sent.duckdb") as store:
        store.add_batch(articles)
        monkeypatch.setattr(TextFeatures, "of", lambda *a: pytest.fail("the linking process read a text"))
        store.link_pending(batch=2)
        assert link_state(store) == expected


def test_a_crash_inside_a_batch_also_rolls_it_back(store, monkeypatch):
    store.add_batch([SUMMIT_NATION, SUMMIT_STANDARD])
    monkeypatch.setattr(Store, "_replace_rows", lambda *a: (_ for _ in ()).throw(RuntimeError("killed")))
    with pytest.raises(RuntimeError):
        store.link_pending()
    assert all(rows == [] for rows in link_state(store).values())


def test_gdelt_export_writes_one_row_per_linked_event_with_its_counts(store):
    store.add_batch([SUMMIT_NATION, SUMMIT_STANDARD, SUMMIT_STAR, SUMMIT_REPOST])
    store.link_pending()
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"))) for line in exported_gdelt(store).splitlines()]
    assert len(rows) == 2  # the meeting and the agreement, each reported three times
    counts = {row["EventCode"]: (row["NumMentions"], row["NumArticles"], row["NumSources"]) for row in rows}
    assert counts == {"040": ("3", "3", "3"), "057": ("3", "3", "3")}
    assert rows[0]["GlobalEventID"] == str(int(event_id(SUMMIT_NATION)[:15], 16))


def exported_gdelt(store: Store) -> str:
    import io

    out = io.StringIO()
    export(store, "gdelt", out)
    return out.getvalue()


# ---------------------------------------------------------------- the CLI


@pytest.fixture
def linked_db(tmp_path: Path, runner) -> Path:
    db = tmp_path / "cli.duckdb"
    with Store(db) as store:
        store.add_batch([SUMMIT_NATION, BORDER_CLASH, SUMMIT_STANDARD, SUMMIT_STAR, SUMMIT_REPOST])
    result = runner.invoke(app, ["link", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "linked 5 articles (1 near-duplicates)" in result.output
    return db


def test_stories_lists_the_largest_first_with_its_actors(runner, linked_db):
    result = runner.invoke(app, ["stories", "--db", str(linked_db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["id"], r["articles"], r["copies"]) for r in rows] == [(SUMMIT_NATION.id, 3, 1), (BORDER_CLASH.id, 1, 0)]
    assert set(rows[0]["actors"]) == {"KEN", "ETH"} and rows[0]["first_date"] == "2024-05-13"
    table = runner.invoke(app, ["stories", "--db", str(linked_db), "--limit", "1"])
    assert table.exit_code == 0 and "1 stories" in table.stdout and "KEN" in table.stdout


def test_story_shows_its_articles_with_the_copy_marked_and_its_events(runner, linked_db):
    result = runner.invoke(app, ["story", SUMMIT_NATION.id[:6], "--db", str(linked_db)], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "Africa Wire" in result.stdout and f"copy of {SUMMIT_STANDARD.id[:12]}" in result.stdout
    assert "2 linked events" in result.stdout
    missing = runner.invoke(app, ["story", "nothing-here", "--db", str(linked_db)])
    assert missing.exit_code == 1


def test_linked_events_have_one_row_per_happening_with_counts(runner, linked_db):
    result = runner.invoke(app, ["events", "--linked", "--dyad", "KEN-ETH", "--db", str(linked_db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["cameo"], r["mentions"], r["articles"], r["sources"], r["copies"]) for r in rows] == [
        ("040", 3, 3, 3, 1), ("057", 3, 3, 3, 1),
    ]  # fmt: skip
    stats = runner.invoke(app, ["stats", "--db", str(linked_db)])
    assert "near_duplicates" in stats.stdout and "linked_events" in stats.stdout


def test_stories_without_a_store_still_read_jsonl(runner, tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(json.dumps({"id": a.id, "text": a.text}) + "\n" for a in (SUMMIT_NATION, SUMMIT_STANDARD)))
    result = runner.invoke(app, ["stories", "--input", str(path)])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [SUMMIT_NATION.id, SUMMIT_STANDARD.id]


# ---------------------------------------------------------------- the seeds


def near_copy(text: str) -> str:
    """A re-post: its own headline, the date line kept, one body paragraph dropped."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    return "\n".join(["Peru sees Vietnam as key partner, officials tell envoy"] + paragraphs[:3] + paragraphs[4:])


def test_seeds_and_a_near_copy(seeds, tmp_path):
    texts = {path.name: path.read_text(encoding="utf-8") for path in sorted(seeds.glob("*.txt"))}
    earlier = next(name for name, text in texts.items() if "April 4-9" in text)
    later = next(name for name in texts if name != earlier)
    coder = accord.load()
    original = coder(texts[earlier])  # dated by its own date line
    other = coder(texts[later], date=date(2023, 4, 24))
    copy = coder(near_copy(texts[earlier]))
    with Store(tmp_path / "seeds.duckdb") as store:
        store.add_batch([original, other])
        store.link_pending()
        store.add_batch([copy])
        store.link_pending()
        placed = placements(store)
        assert placed[copy.id]["duplicate_of"] == original.id
        assert placed[copy.id]["story"] == placed[original.id]["story"]
        assert placed[other.id]["duplicate_of"] is None
        mentions = store._rows("SELECT * FROM linked_mentions")
        copy_mentions = [m for m in mentions if m["article"] == copy.id]
        assert copy_mentions and not any(m["counted"] for m in copy_mentions)
        counted = sum(row["mentions"] for row in store._rows("SELECT mentions FROM linked_events"))
        assert counted == len(store.events(article=original.id)) + len(store.events(article=other.id))
        visits = {
            article.id: {linked(store, e["id"])["id"] for e in store.events(article=article.id, code="04")
                         if e["cameo"] in ("042", "043")}
            for article in (original, other)
        }  # fmt: skip
        assert visits[original.id] and visits[other.id]
        assert not visits[original.id] & visits[other.id]  # April 2022 and April 2023: two visits
