import datetime
import re
from pathlib import Path

import pytest

from accord.facts import FactExtractor
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
