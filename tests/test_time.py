import datetime
from pathlib import Path

import pytest

from accord.nlp import parse_text
from accord.records import Article, Event, Evidence
from accord.time import TimeResolver, resolve_time

PUBLISHED = datetime.date(2022, 4, 13)  # a Wednesday
SEEDS = Path(__file__).parents[2] / "shared" / "seeds"


def resolved(text: str, published: datetime.date | None = PUBLISHED) -> Article:
    article = parse_text(text)
    article.date = published
    return TimeResolver()(article)


def only_time(text: str, published: datetime.date | None = PUBLISHED):
    times = resolved(text, published).times
    assert len(times) == 1, [t.value for t in times]
    return times[0]


def add_event(article: Article, trigger: str) -> Event:
    """An event whose evidence points at the first occurrence of ``trigger``."""
    start = article.text.index(trigger)
    sentence = next(s for s in article.sentences if s.start <= start < s.end)
    event = Event(
        source=None,
        target=None,
        cameo="040",
        cameo_root="04",
        quad_class=1,
        goldstein=1.0,
        plover=None,
        mode=None,
        context=[],
        evidence=Evidence(sentence.index, sentence.start, sentence.end, sentence.text, trigger, start, start + len(trigger)),
        rule="test",
        confidence=1.0,
    )
    article.events.append(event)
    return event


@pytest.mark.parametrize(
    ("sentence", "expression", "start", "end", "granularity"),
    [
        ("The trade minister toured Chilean ports on April 4-9 with a business delegation.",
         "April 4-9", "2022-04-04", "2022-04-09", "range"),
        ("The envoy held talks in Santiago from April 17 – 21 on a free trade deal.",
         "from April 17 – 21", "2022-04-17", "2022-04-21", "range"),
        ("The two leaders spoke by phone on April 5 about the border dispute.",
         "April 5", "2022-04-05", "2022-04-05", "day"),
        ("The ceasefire agreement was signed on April 5, 2021 in Geneva.",
         "April 5, 2021", "2021-04-05", "2021-04-05", "day"),
        ("The delegation arrived in Jakarta on 5 April for a three-day visit.",
         "5 April", "2022-04-05", "2022-04-05", "day"),
        ("Rice exports to the Philippines fell sharply last year.",
         "last year", "2021-01-01", "2021-12-31", "year"),
        ("The government has approved two new mining licences this year.",
         "this year", "2022-01-01", "2022-12-31", "year"),
        ("The parliament will vote on the budget bill next month.",
         "next month", "2022-05-01", "2022-05-31", "month"),
        ("Opposition supporters rallied in the capital last month.",
         "last month", "2022-03-01", "2022-03-31", "month"),
        ("Coffee shipments doubled in the first quarter of this year.",
         "the first quarter of this year", "2022-01-01", "2022-03-31", "quarter"),
        ("The central bank expects inflation to ease in the first half of 2023.",
         "the first half of 2023", "2023-01-01", "2023-06-30", "half"),
        ("Police detained dozens of protesters yesterday in the port city.",
         "yesterday", "2022-04-12", "2022-04-12", "day"),
        ("The foreign ministry summoned the ambassador today.",
         "today", "2022-04-13", "2022-04-13", "day"),
        ("The prime minister flies to Tokyo tomorrow for a regional summit.",
         "tomorrow", "2022-04-14", "2022-04-14", "day"),
        ("The company opened its first office in Hanoi in 2014.",
         "in 2014", "2014-01-01", "2014-12-31", "year"),
        ("Thailand aims to double its solar capacity by 2030.",
         "by 2030", "2030-01-01", "2030-12-31", "year"),
        ("Earlier this week, the ambassador presented his credentials to the king.",
         "Earlier this week", "2022-04-11", "2022-04-17", "week"),
    ],
)
def test_expression_resolves(sentence, expression, start, end, granularity):
    time = only_time(sentence)
    assert time.value.text.endswith(expression)
    assert sentence[time.start : time.end].endswith(expression)
    assert (time.value.start, time.value.end, time.value.granularity) == (start, end, granularity)
    assert time.sentence == 0


def test_since_opens_the_end():
    time = only_time("The two countries have held annual security talks since 1994.")
    assert time.value.text == "since 1994"
    assert (time.value.start, time.value.end, time.value.granularity) == ("1994-01-01", None, "year")


def test_duration_covers_the_window_before_publication():
    time = only_time("Bilateral ties have developed steadily over the last 28 years.")
    assert time.value.text == "over the last 28 years"
    assert (time.value.start, time.value.end, time.value.granularity) == ("1994-04-13", "2022-04-13", "duration")


def test_past_tense_weekday_is_the_most_recent_one():
    time = only_time("The foreign minister met his Japanese counterpart on Thursday.")
    assert time.value.start == "2022-04-07"


def test_future_weekday_is_the_coming_one():
    time = only_time("The president will travel to Brussels on Thursday.")
    assert time.value.start == "2022-04-14"


@pytest.mark.parametrize(
    "sentence",
    [
        "Both sides agreed to expand cooperation in renewable energy in the coming time.",
        "The envoy recently met business leaders in Jakarta.",
    ],
)
def test_vague_expressions_are_kept_unresolved(sentence):
    time = only_time(sentence)
    assert time.value.start is None and time.value.granularity is None


def test_year_on_year_is_not_a_time():
    article = resolved("Garment exports posted a year-on-year rise of 4% in March.")
    assert [t.value.text for t in article.times] == ["March"]


def test_without_publication_date_relative_stays_open_and_absolute_resolves():
    article = resolved(
        "The minister visited Lima on April 4-9, 2022. Trade grew last year. A railway opened in 2014.",
        published=None,
    )
    values = {t.value.text: t.value for t in article.times}
    assert (values["April 4-9, 2022"].start, values["April 4-9, 2022"].end) == ("2022-04-04", "2022-04-09")
    assert values["last year"].start is None and values["last year"].granularity == "year"
    assert values["in 2014"].start == "2014-01-01"


def test_resolver_rejects_impossible_dates():
    assert resolve_time("February 30, 2022", PUBLISHED) is None


def test_day_without_year_takes_the_nearest_year():
    value = resolve_time("December 28", datetime.date(2023, 1, 4))
    assert value.start == "2022-12-28"


def test_event_takes_the_time_of_its_own_clause():
    article = parse_text("Police arrested 45 demonstrators yesterday, and the trial opens tomorrow.")
    article.date = PUBLISHED
    arrest, trial = add_event(article, "arrested"), add_event(article, "opens")
    TimeResolver()(article)
    assert arrest.date.start == "2022-04-12" and not arrest.date.inferred
    assert trial.date.start == "2022-04-14"


def test_event_dated_by_prepositional_phrase_on_main_verb():
    article = parse_text(
        "During his visit to Seoul from May 2 - 6, the Chilean minister signed a tax treaty "
        "and held talks with business leaders."
    )
    article.date = datetime.date(2022, 5, 9)
    signed, talks = add_event(article, "signed"), add_event(article, "held")
    TimeResolver()(article)
    assert (signed.date.start, signed.date.end) == ("2022-05-02", "2022-05-06")
    assert talks.date.granularity == "range"


def test_event_without_time_falls_back_to_publication_date():
    article = parse_text("The European Union imposed new sanctions on the regime.")
    article.date = PUBLISHED
    event = add_event(article, "imposed")
    TimeResolver()(article)
    assert event.date.start == "2022-04-13" and event.date.inferred and event.date.granularity == "day"


def test_duration_is_never_an_event_date():
    article = parse_text("The ambassador praised the growth of bilateral ties over the last 28 years.")
    article.date = PUBLISHED
    event = add_event(article, "praised")
    TimeResolver()(article)
    assert event.date.inferred and event.date.start == "2022-04-13"


def test_event_without_any_date_is_unresolved():
    article = parse_text("The rebels shelled the town.")
    event = add_event(article, "shelled")
    TimeResolver()(article)
    assert event.date.start is None and event.date.inferred


def seed_body(name: str) -> str:
    text = next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")
    return text.split("\n", 1)[1]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds not available")
def test_seed_date_ranges():
    report_2022 = resolved(seed_body("002"), datetime.date(2022, 4, 13))
    ranges = [(t.value.start, t.value.end) for t in report_2022.times if t.value.granularity == "range"]
    assert ranges == [("2022-04-04", "2022-04-09")]
    report_2023 = resolved(seed_body("000"), datetime.date(2023, 5, 1))
    ranges = [(t.value.start, t.value.end) for t in report_2023.times if t.value.granularity == "range"]
    assert ranges == [("2023-04-17", "2023-04-21")]
    years = {t.value.text: t.value.start for t in report_2023.times}
    assert years["in 2014"] == "2014-01-01"
    assert years["last year"] == "2022-01-01"


def test_event_with_broken_evidence_falls_back_and_empty_article_is_fine():
    article = parse_text("The navy seized a fishing boat near the disputed islands.")
    article.date = PUBLISHED
    event = add_event(article, "seized")
    event.evidence.sentence = 42
    TimeResolver()(article)
    assert event.date.inferred and event.date.start == "2022-04-13"
    assert TimeResolver()(parse_text("")).times == []


def test_time_of_a_lower_clause_does_not_date_the_main_event():
    article = parse_text("The president thanked Japan for supporting Chile's bid to host the summit in 2026.")
    article.date = PUBLISHED
    thanked, host = add_event(article, "thanked"), add_event(article, "host")
    TimeResolver()(article)
    assert thanked.date.inferred
    assert host.date.start == "2026-01-01"


@pytest.mark.parametrize(
    ("sentence", "start", "end", "granularity"),
    [
        ("The central bank expects inflation to ease by the end of the year.", "2022-01-01", "2022-12-31", "year"),
        ("The ministry will publish the tender at the start of the month.", "2022-04-01", "2022-04-30", "month"),
    ],
)
def test_part_of_the_current_period(sentence, start, end, granularity):
    time = only_time(sentence)
    assert (time.value.start, time.value.end, time.value.granularity) == (start, end, granularity)


@pytest.mark.parametrize(
    ("sentence", "saturday"),
    [
        ("Farmers will block the main highways this weekend.", "2022-04-16"),
        ("Farmers blocked the main highways over the weekend.", "2022-04-09"),
        ("Farmers blocked the main highways last weekend.", "2022-04-09"),
        ("Farmers plan to block the main highways next weekend.", "2022-04-16"),
    ],
)
def test_weekend_is_a_saturday_and_sunday_the_tense_points_to(sentence, saturday):
    time = only_time(sentence)
    sunday = (datetime.date.fromisoformat(saturday) + datetime.timedelta(days=1)).isoformat()
    assert (time.value.start, time.value.end, time.value.granularity) == (saturday, sunday, "range")


def test_weekend_said_on_the_weekend_is_that_weekend():
    assert resolve_time("this weekend", datetime.date(2022, 4, 17)).start == "2022-04-16"


def test_adjective_recent_is_a_vague_time_that_dates_nothing():
    article = parse_text("The recent talks between the two governments ended without agreement.")
    article.date = PUBLISHED
    event = add_event(article, "talks")
    TimeResolver()(article)
    assert [(t.value.text, t.value.granularity) for t in article.times] == [("recent", None)]
    assert event.date.inferred


def test_second_half_of_a_match_is_not_a_half_year():
    assert resolved("Argentina scored twice in the second half to beat Mexico in Doha.").times == []


def test_second_half_in_economic_news_is_a_half_year():
    time = only_time("Economists expect garment exports to recover in the second half.")
    assert (time.value.start, time.value.end, time.value.granularity) == ("2022-07-01", "2022-12-31", "half")
