import datetime
import re
from pathlib import Path

import pytest

from accord.facts import FactExtractor, conflict_json, conflicts, values_agree, with_report_counts, written_precision
from accord.nlp import parse_text
from accord.records import Actor, Article, Mention
from accord.time import TimeResolver

PUBLISHED = datetime.date(2023, 5, 1)
SEEDS = Path(__file__).parents[2] / "shared" / "seeds"


def add_actors(article: Article, names: dict[str, str]) -> None:
    """Hand-built actors (id -> surface text), one mention per occurrence of the text."""
    for actor_id, name in names.items():
        actor = Actor(id=actor_id, kind="country")
        for match in re.finditer(rf"\b{re.escape(name)}\b", article.text):
            start, end = match.span()
            sentence = next(s for s in article.sentences if s.start <= start < s.end)
            head = max(t.i for t in sentence.tokens if start <= t.start < end)
            actor.mentions.append(Mention(name, start, end, sentence.index, head, actor_id))
        article.actors.append(actor)


def facts_of(text: str, actors: dict[str, str] | None = None, published: datetime.date | None = PUBLISHED):
    article = parse_text(text)
    article.date = published
    add_actors(article, actors or {})
    return FactExtractor()(TimeResolver()(article)).facts


def test_trade_volume_between_two_countries():
    facts = facts_of(
        "Two-way trade between Chile and South Korea reached 4.3 billion USD in 2021.",
        {"CHL": "Chile", "KOR": "South Korea"},
    )
    assert len(facts) == 1
    fact = facts[0]
    assert (fact.measure, fact.value, fact.unit) == ("trade_volume", 4.3e9, "USD")
    assert fact.subject == ["CHL", "KOR"]
    assert fact.subject_text == "Two-way trade between Chile and South Korea"
    assert (fact.period.start, fact.period.end) == ("2021-01-01", "2021-12-31")
    assert fact.evidence.trigger == "4.3 billion USD"
    assert fact.evidence.sentence == 0


def test_dollar_sign_and_billion_in_a_quarter():
    [fact] = facts_of(
        "Indonesia's palm oil exports totalled $1.2 billion in the first quarter of this year.",
        {"IDN": "Indonesia"},
    )
    assert (fact.measure, fact.value, fact.unit) == ("exports", 1.2e9, "USD")
    assert fact.subject == ["IDN"]
    assert (fact.period.start, fact.period.end, fact.period.granularity) == ("2023-01-01", "2023-03-31", "quarter")
    assert fact.evidence.trigger == "$1.2 billion"


def test_growth_percentage_is_linked_to_the_fact_it_follows():
    facts = facts_of(
        "Trade turnover between Peru and Japan hit 2.1 billion USD last year, "
        "representing a year-on-year rise of 7.1%.",
        {"PER": "Peru", "JPN": "Japan"},
    )
    volume, growth = facts
    assert (growth.measure, growth.value, growth.unit) == ("trade_volume_growth", 7.1, "%")
    assert growth.subject == volume.subject == ["PER", "JPN"]
    assert growth.period == volume.period and growth.period.start == "2022-01-01"
    assert "year-on-year rise" in growth.qualifiers


def test_falling_exports_are_negative_growth():
    [fact] = facts_of("Thailand's rice exports fell 3.5% last year.", {"THA": "Thailand"})
    assert (fact.measure, fact.value, fact.unit) == ("exports_growth", -3.5, "%")


def test_length_in_kilometres_belongs_to_the_operator():
    [fact] = facts_of(
        "Telkom operates 30,000km of fiber optic cable across Indonesia.",
        {"TELKOM": "Telkom", "IDN": "Indonesia"},
    )
    assert (fact.measure, fact.value, fact.unit) == ("length", 30000, "km")
    assert fact.subject == ["TELKOM"]


def test_crowd_size_with_approximation():
    [fact] = facts_of("Some 3,000 protesters gathered outside the parliament in Tbilisi on Sunday.")
    assert (fact.measure, fact.value, fact.unit) == ("crowd_size", 3000, "persons")
    assert fact.qualifiers == ["some"]
    assert fact.period.start == "2023-04-30"


def test_casualties_killed_and_wounded():
    facts = facts_of("At least 12 people were killed and 40 wounded when a car bomb exploded in Mogadishu.")
    assert [(f.measure, f.value, f.unit) for f in facts] == [("deaths", 12, "persons"), ("injuries", 40, "persons")]
    assert facts[0].qualifiers == ["at least"]


def test_arrests():
    [fact] = facts_of("Riot police arrested 45 demonstrators near the presidential palace yesterday.")
    assert (fact.measure, fact.value) == ("arrests", 45)
    assert fact.period.start == "2023-04-30"


def test_loan_from_the_noun_it_sizes():
    [fact] = facts_of(
        "The World Bank approved a $500 million loan for Kenya's road network.",
        {"IGO": "The World Bank", "KEN": "Kenya"},
    )
    assert (fact.measure, fact.value, fact.unit) == ("loans", 5e8, "USD")
    assert fact.subject == ["KEN"]


def test_despite_is_a_qualifier():
    [fact] = facts_of("Vietnam's exports to the EU reached 46 billion USD in 2022 despite weak demand in Europe.")
    assert "despite weak demand in Europe" in fact.qualifiers


def test_alone_is_a_qualifier():
    facts = facts_of("Bilateral trade hit 900 million USD in the first quarter of this year alone.")
    assert facts[0].qualifiers == ["alone"]
    assert facts[0].period.granularity == "quarter"


@pytest.mark.parametrize(
    "sentence",
    [
        "The two countries agreed to hold talks twice a year, and the two sides signed 15 agreements.",
        "The embassy opened in 2014 and relations have grown over the last 28 years.",
        "The first round of two-way talks ended in the second quarter.",
        "The prime minister arrived on April 4 for a three-day visit.",
    ],
)
def test_counts_dates_and_durations_are_not_facts(sentence):
    assert facts_of(sentence) == []


def test_bad_sentence_does_not_break_the_batch():
    assert facts_of("$ % million 2.5 billion ,,, 3rd 5G 1,2,3") == []


def seed_article(name: str, published: datetime.date) -> Article:
    text = next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8").split("\n", 1)[1]
    article = parse_text(text)
    article.date = published
    add_actors(article, {"VNM": "Vietnam", "PER": "Peru", "VIETTEL": "Viettel"})
    return FactExtractor()(TimeResolver()(article))


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds not available")
def test_seed_facts():
    facts_2022 = seed_article("002", datetime.date(2022, 4, 13)).facts
    trade = [f for f in facts_2022 if f.measure == "trade_volume"]
    assert [(f.value, f.unit, f.period.start) for f in trade] == [(633e6, "USD", "2021-01-01")]
    assert set(trade[0].subject) == {"VNM", "PER"}

    facts_2023 = seed_article("000", datetime.date(2023, 5, 1)).facts
    found = {(f.measure, f.value, f.unit, f.period.start if f.period else None) for f in facts_2023}
    assert ("trade_volume", 600e6, "USD", "2022-01-01") in found
    assert ("trade_volume", 146.8e6, "USD", "2023-01-01") in found
    assert ("trade_volume_growth", 2.5, "%", "2023-01-01") in found
    assert ("length", 30000, "km", None) in found
    length = next(f for f in facts_2023 if f.measure == "length")
    assert length.subject == ["VIETTEL"]
    growth = next(f for f in facts_2023 if f.measure == "trade_volume_growth")
    assert "year-on-year rise" in growth.qualifiers and growth.period.granularity == "quarter"


@pytest.mark.parametrize(
    "sentence",
    [
        "A border guard, 34, was killed when smugglers opened fire near the crossing.",
        "The victims, aged 19 and 23, were shot dead at a checkpoint.",
    ],
)
def test_ages_are_not_counts(sentence):
    assert facts_of(sentence) == []


def test_count_beside_an_age_is_kept():
    facts = facts_of("Two journalists, both 51, died when their car hit a landmine near Kharkiv.")
    assert [(f.measure, f.value) for f in facts] == [("deaths", 2)]


@pytest.mark.parametrize(
    "sentence",
    ["The World Bank approved a $500 million loan to Kenya on Tuesday.", "China lent $2 billion to Kenya last year."],
)
def test_loan_is_about_its_recipient(sentence):
    [fact] = facts_of(sentence, {"IGO": "The World Bank", "CHN": "China", "KEN": "Kenya"})
    assert fact.measure == "loans" and fact.subject == ["KEN"] and fact.subject_text == "Kenya"


def test_falling_below_a_level_is_a_bound_not_a_change():
    [fact] = facts_of("Annual inflation in Ghana fell below 5% in March.", {"GHA": "Ghana"})
    assert (fact.measure, fact.value, fact.unit) == ("inflation", 5, "%")
    assert fact.qualifiers == ["below"]


# --- across reports: stored fact rows --------------------------------------------------------

YEAR_2022 = (datetime.date(2022, 1, 1), datetime.date(2022, 12, 31), "year")


def stored(article: str, value: float, trigger: str, *, period=YEAR_2022, subject=("CHL", "JPN"),
           qualifiers=(), measure="trade_volume", unit="USD", index=0) -> dict:
    """A fact row as Store.facts gives it (the columns the comparison reads)."""
    start, end, granularity = period if period else (None, None, None)
    return {
        "article": article, "fact_index": index, "measure": measure, "value": value, "unit": unit,
        "subject": list(subject), "subject_countries": list(subject), "period_text": "in 2022",
        "period_start": start, "period_end": end, "period_granularity": granularity,
        "qualifiers": list(qualifiers), "evidence_text": trigger, "evidence_sentence": f"... {trigger} ...",
        "article_date": datetime.date(2023, 3, 1), "article_title": f"report {article}",
    }


@pytest.mark.parametrize(
    ("trigger", "value", "precision"),
    [("600 million USD", 6e8, 1e7), ("603.2 million USD", 603.2e6, 1e5), ("$1.2 billion", 1.2e9, 1e8),
     ("30,000km", 30000, 1000), ("2.5%", 2.5, 0.1), ("45", 45, 1)],
)
def test_written_precision(trigger, value, precision):
    assert written_precision(stored("a", value, trigger)) == pytest.approx(precision)


@pytest.mark.parametrize(
    ("first", "second", "agree"),
    [
        (("600 million USD", 6e8, ()), ("603.2 million USD", 603.2e6, ()), True),  # rounding
        (("600 million USD", 6e8, ()), ("640 million USD", 640e6, ()), False),
        (("about 600 million USD", 6e8, ("about",)), ("640 million USD", 640e6, ()), True),
        (("more than 600 million USD", 6e8, ("more than",)), ("633 million USD", 633e6, ()), True),
        (("up to 600 million USD", 6e8, ("up to",)), ("633 million USD", 633e6, ()), False),
        (("1,234 million USD", 1234e6, ()), ("1,244 million USD", 1244e6, ()), True),  # within 1 %
    ],
)
def test_values_agree(first, second, agree):
    (trigger_a, value_a, qualifiers_a), (trigger_b, value_b, qualifiers_b) = first, second
    a = stored("a", value_a, trigger_a, qualifiers=qualifiers_a)
    b = stored("b", value_b, trigger_b, qualifiers=qualifiers_b)
    assert values_agree(a, b) is agree and values_agree(b, a) is agree


def test_agreeing_reports_are_counted_and_a_disagreeing_one_is_a_conflict():
    rows = [
        stored("a", 12.4e9, "12.4 billion USD"),
        stored("b", 12e9, "12 billion USD"),
        stored("c", 10.9e9, "10.9 billion USD"),
    ]
    counted = {r["article"]: (r["reports"], r["disputed_by"]) for r in with_report_counts(rows)}
    assert counted == {"a": (2, 1), "b": (2, 1), "c": (1, 2)}
    [group] = conflicts(rows)
    shown = conflict_json(group)
    assert shown["period"]["start"] == "2022-01-01" and shown["subject"] == ["CHL", "JPN"]
    assert [(r["value"], r["reports"]) for r in shown["readings"]] == [(12.4e9, 2), (10.9e9, 1)]
    assert [s["title"] for s in shown["readings"][1]["sources"]] == ["report c"]


def test_different_periods_subjects_or_granularities_are_not_compared():
    q1_2022 = (datetime.date(2022, 1, 1), datetime.date(2022, 3, 31), "quarter")
    rows = [
        stored("a", 12.4e9, "12.4 billion USD"),
        stored("b", 3.1e9, "3.1 billion USD", period=q1_2022),  # a quarter inside the year
        stored("c", 9.9e9, "9.9 billion USD", period=(datetime.date(2021, 1, 1), datetime.date(2021, 12, 31), "year")),
        stored("d", 5.5e9, "5.5 billion USD", subject=("CHL", "KOR")),
        stored("e", 8.0e9, "8.0 billion USD", period=None),
        stored("f", 7.0e9, "7.0 billion USD", subject=()),
        stored("g", 7.0e9, "7.0 billion EUR", unit="EUR"),
    ]
    assert conflicts(rows) == []
    assert all(r["reports"] == 1 and r["disputed_by"] == 0 for r in with_report_counts(rows))


def test_two_figures_in_one_report_are_no_conflict():
    rows = [stored("a", 12.4e9, "12.4 billion USD"), stored("a", 10.9e9, "10.9 billion USD", index=1)]
    assert conflicts(rows) == []
