"""The Python API: accord.load() gives a coder for one text or a stream of records."""

from datetime import date

import pytest

import accord
from accord.output import article_json
from accord.pipeline import RejectedInput
from accord.records import Article, Rejection

REPORT = (
    "Chile and Argentina sign fisheries accord\n\n"
    "Santiago (Prensa Sur) – Chilean Foreign Minister Ana Robles paid an official visit to Argentina "
    "on Monday and held talks with Argentine officials on fisheries and border trade.\n\n"
    "The two countries signed an agreement on joint patrols in the southern fishing grounds.\n"
)


@pytest.fixture(scope="module")
def coder():
    return accord.load()


def test_one_text_gives_an_article_with_actors_events_and_dates(coder):
    article = coder(REPORT, date=date(2024, 3, 6))
    assert article.title == "Chile and Argentina sign fisheries accord"
    assert article.date == date(2024, 3, 6)
    codes = {(e.cameo, coder_side(article, e.source), coder_side(article, e.target)) for e in article.events}
    assert ("042", "CHL", "ARG") in codes
    visit = next(e for e in article.events if e.cameo == "042")
    assert visit.date.start == "2024-03-04"  # "on Monday" before a Wednesday publication date


def coder_side(article, participant):
    return article.actor(participant.actor).country if participant else None


def test_rejected_text_raises_with_the_reason(coder):
    with pytest.raises(RejectedInput):
        coder("   \n  ")


def test_pipe_streams_one_result_per_record_in_order(coder):
    records = [
        {"id": "r1", "text": "Japan's foreign minister visited Indonesia on Tuesday.", "date": "2023-05-10"},
        {"id": "r2", "text": ""},
        "Kenya's president welcomed the Ugandan delegation in Nairobi.",
        {"id": "r4", "text": "Le ministre a rencontré son homologue à Paris pour discuter du commerce."},
    ]
    results = list(coder.pipe(records))
    assert [type(r) for r in results] == [Article, Rejection, Article, Rejection]
    assert results[0].record_id == "r1" and results[1].origin == "r2"


def test_article_json_matches_the_documented_event_object(coder):
    out = article_json(coder("Japan's foreign minister visited Indonesia on Tuesday.", date=date(2023, 5, 10)))
    assert set(out) >= {"id", "date", "events", "actors", "facts"}
    event = out["events"][0]
    assert set(event) >= {
        "source", "target", "cameo", "cameo_root", "quad_class", "goldstein", "plover", "mode",
        "context", "date", "evidence", "confidence", "rule",
    }
    assert set(event["source"]) >= {"text", "code", "country", "sector", "name"}
    assert set(event["date"]) >= {"start", "end", "granularity", "text"}
    assert set(event["evidence"]) >= {"sentence", "start", "end", "text"}
    assert event["source"]["country"] == "JPN" and event["target"]["country"] == "IDN"


def test_a_stage_failure_rejects_that_article_and_the_stream_goes_on(coder):
    events_stage = coder.stages[1]

    def failing(article):
        if "Indonesia" in article.text:
            raise ValueError("unexpected parse")
        return events_stage(article)

    coder.stages[1] = failing
    try:
        results = list(coder.pipe([
            "Japan's foreign minister visited Indonesia on Tuesday.",
            "Kenya's president welcomed the Ugandan delegation in Nairobi.",
        ]))
    finally:
        coder.stages[1] = events_stage
    assert isinstance(results[0], Rejection) and "ValueError" in results[0].reason
    assert isinstance(results[1], Article)


def test_the_prefilter_can_be_turned_off(coder):
    text = REPORT + "\nA cold wind blew across the harbour all afternoon.\n"
    assert not all(s.parsed for s in coder(text).sentences)  # the scene line skips the parser
    every = accord.load(prefilter=False)
    assert every.prefilter is None
    article = every(text)
    assert all(s.parsed for s in article.sentences)
    assert [e.cameo for e in article.events] == [e.cameo for e in coder(text).events]
