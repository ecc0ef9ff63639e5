"""A synthetic corpus of English news reports for the scale benchmarks.

    python benchmarks/make_corpus.py [--articles 10000] [--seed 7] [--out corpus.jsonl.gz]
    python benchmarks/make_corpus.py --articles 200 --format txt --out corpus_txt/

Each article is assembled from the sentence templates in corpus_templates/sentences.tsv (a lead, body
sentences, quotes, background and context sentences without events) filled with actors from accord's
own data tables: countries with their capitals, cities and demonyms, office holders in office on the
article's date (people_extra.tsv), companies, armed groups and NGOs (organisations*.tsv), agent words
checked against agents.tsv. Articles run 350-700 words (mean about 510), are dated 2020-2026 in
roughly chronological order like a news feed, and about 5 % are near-duplicate re-posts of a recent
article by another outlet. The same seed gives the same corpus; records are written as they are made.
"""

from __future__ import annotations

import argparse
import calendar
import csv
import gzip
import json
import random
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from itertools import chain, repeat
from pathlib import Path
from typing import TextIO

from accord.data import read_table

TEMPLATES = Path(__file__).resolve().parent / "corpus_templates"

FIRST_DAY = date(2020, 1, 1)
LAST_DAY = date(2026, 10, 31)
MIN_WORDS, MODE_WORDS, MAX_WORDS = 350, 400, 700  # drawn targets average 483; the last sentence overshoots
REPOST_SHARE = 0.05
RECENT_ARTICLES = 50  # re-posts copy one of these; keeps the generator's memory bounded
MIN_POPULATION = 500_000  # micro-states rarely make the news
NOT_STATES = frozenset({"HKG", "MAC", "REU"})  # territories the table lists with a capital

# Topics whose events happen inside country A; the others are between A and B.
DOMESTIC_TOPICS = frozenset({"protest", "clash", "attack"})
HEAD_ROLES = ("president", "prime minister", "premier", "chancellor")
FOREIGN_MINISTER_ROLES = ("foreign minister", "secretary of state", "foreign secretary")
DEFENCE_MINISTER_ROLES = ("defence minister", "secretary of defense", "defence secretary")
# Where English news puts the family name first, the short form of a name is its first word.
FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "KOR", "PRK"})
MINOR_WORDS = frozenset({"of", "and", "the", "for", "in", "on", "to", "at", "de", "la", "del"})
NUMBER_WORDS = "zero one two three four five six seven eight nine ten eleven twelve".split()

RELIEF_NAMES = r"relief|\baid\b|red cross|red crescent|refugee|humanitarian|rescue|medic|\bcare\b"
RIGHTS_NAMES = r"human rights|amnesty|watch$"
LENDER_NAMES = r"development bank|monetary fund|^world bank$"
SLOT = re.compile(r"\{([^{}]+)\}")
# "a {A.dem} leader" before a vowel: "an Angolan leader" (U is left alone: "a Ugandan", "a Uruguayan").
A_BEFORE_VOWEL = re.compile(r"\b([Aa]) (?=[AEIO])")


class Unavailable(LookupError):
    """A slot this article's cast cannot fill (a country without a known armed group...)."""


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    name: str
    demonym: str
    capital: str
    cities: tuple[str, ...]
    population: int


@dataclass(frozen=True, slots=True)
class Office:
    name: str
    role: str
    start: date | None
    end: date | None

    def held_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(slots=True)
class Vocabulary:
    """Everything articles are made of, loaded once."""

    countries: list[Country]
    country_weights: list[float]
    offices: dict[str, list[Office]]
    companies: dict[str, list[str]]
    groups: dict[str, list[str]]
    igos: list[str]
    lenders: list[str]
    relief_groups: list[str]
    rights_groups: list[str]
    words: dict[str, list[str]]
    sentences: dict[tuple[str, str], list[str]]
    headlines: dict[str, str]  # lead template -> the headline written for it
    outlets: list[tuple[str, str]]
    related_topics: dict[str, list[str]]  # a report on a visit may also mention trade, not a bombing


# --- loading --------------------------------------------------------------------------------


def read_templates(name: str) -> list[dict[str, str]]:
    with open(TEMPLATES / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE, restval=""))


def iso_day(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def tidy_name(name: str) -> str:
    """'Aluminum Corporation Of China' -> 'Aluminum Corporation of China'."""
    words = name.split()
    return " ".join(w.lower() if i and w.lower() in MINOR_WORDS else w for i, w in enumerate(words))


def country_of(row: dict[str, str]) -> Country | None:
    demonyms = [d for d in row["demonyms"].split("|") if d]
    cities = tuple(c for c in row["cities"].split("|") if c)
    capital = row["capital"].split("|")[0]
    if (row["iso3"] != row["code"] or row["iso3"] in NOT_STATES or not demonyms or not capital
            or int(row["population"] or 0) < MIN_POPULATION):
        return None
    return Country(row["iso3"], row["name"], demonyms[0], capital, cities or (capital,), int(row["population"]))


def load_offices() -> dict[str, list[Office]]:
    offices: dict[str, list[Office]] = defaultdict(list)
    for row in read_table("people_extra.tsv"):
        offices[row["country"]].append(Office(row["name"], row["role"], iso_day(row["from"]), iso_day(row["to"])))
    return offices


@dataclass(slots=True)
class Organisations:
    companies: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # by home country
    groups: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # armed groups by country
    igos: list[str] = field(default_factory=list)
    ngos: list[str] = field(default_factory=list)


def load_organisations(countries: set[str]) -> Organisations:
    """Companies, armed groups, IGOs and NGOs from both organisation tables."""
    found = Organisations()
    for row in read_table("organisations_extra.tsv") + read_table("organisations.tsv"):
        name, kind, code = tidy_name(row["name"]), row["type"], row["code"]
        if len(name.split()) > 6:
            continue  # long legal names read like no news report
        if kind == "company":
            home = row["country"] if row["country"] in countries else code[3:6]
            if home in countries:
                found.companies[home].append(name)
        elif kind == "group" and row["sector"] == "REB" and row["country"] in countries:
            found.groups[row["country"]].append(name)
        elif kind in ("igo", "forum") and code.startswith("IGO") and name not in found.igos:
            found.igos.append(name)
        elif kind == "ngo" and name not in found.ngos:
            found.ngos.append(name)
    return found


def named_like(names: list[str], pattern: str) -> list[str]:
    return [n for n in names if re.search(pattern, n, re.IGNORECASE)]


def checked_agent_words(words: dict[str, list[str]]) -> dict[str, list[str]]:
    """Agent words are used only when agents.tsv has them with that sector, so that accord can
    resolve every actor the corpus writes."""
    known = {(row["sector"], row["plural"]) for row in read_table("agents.tsv")}
    return {
        slot: [w for w in values if not slot.startswith("agent:") or (slot.split(":", 1)[1], w) in known]
        for slot, values in words.items()
    }


@cache
def load_vocabulary() -> Vocabulary:
    countries = [c for c in map(country_of, read_table("countries.tsv")) if c is not None]
    organisations = load_organisations({c.iso3 for c in countries})
    words: dict[str, list[str]] = defaultdict(list)
    for row in read_templates("words.tsv"):
        words[row["slot"]].append(row["value"])
    sentences: dict[tuple[str, str], list[str]] = defaultdict(list)
    headlines: dict[str, str] = {}
    for row in read_templates("sentences.tsv"):
        sentences[row["topic"], row["part"]].append(row["text"])
        if row["headline"]:
            headlines[row["text"]] = row["headline"]
    return Vocabulary(
        countries=countries,
        # Big countries are in the news more often, but not in proportion to their size.
        country_weights=[c.population**0.35 for c in countries],
        offices=load_offices(),
        companies=organisations.companies,
        groups=organisations.groups,
        igos=organisations.igos,
        lenders=named_like(organisations.igos, LENDER_NAMES),
        relief_groups=named_like(organisations.ngos, RELIEF_NAMES),
        rights_groups=named_like(organisations.ngos, RIGHTS_NAMES),
        words=checked_agent_words(words),
        sentences=dict(sentences),
        headlines=headlines,
        outlets=[(row["name"], row["short"]) for row in read_templates("outlets.tsv")],
        related_topics={row["topic"]: row["related"].split("|") for row in read_templates("topics.tsv")},
    )


# --- filling slots --------------------------------------------------------------------------


def with_article(name: str) -> str:
    """'United States' -> 'the United States'; names that carry 'The' keep it, in lower case."""
    if name.startswith("The "):
        return "the " + name[4:]
    if re.search(r"\b(?:Republic|Kingdom|States|Emirates|Islands|Territory)\b|(?:lands|ines|oros)$", name):
        return "the " + name
    return name


def role_title(role: str) -> str:
    return " ".join(w if w in MINOR_WORDS else w.capitalize() for w in role.split())


def short_name(name: str, country: str) -> str:
    parts = name.split()
    return parts[0] if country in FAMILY_NAME_FIRST else parts[-1]


def spelled(number: int) -> str:
    return NUMBER_WORDS[number] if number < len(NUMBER_WORDS) else str(number)


def population_phrase(population: int) -> str:
    if population >= 1_000_000_000:
        return f"{population / 1e9:.1f} billion"
    return f"{round(population / 1e6)} million" if population >= 10_000_000 else f"{population / 1e6:.1f} million"


@dataclass(slots=True)
class Filler:
    """Fills the slots of one article's sentences: the same cast, date and organisation throughout."""

    rng: random.Random
    vocabulary: Vocabulary
    day: date  # publication date
    event_day: date
    cast: dict[str, Country]
    organisations: dict[str, str]  # ORG, LENDER, NGO, RIGHTS: one of each per article
    city: dict[str, str] = field(default_factory=dict)
    introduced: set[str] = field(default_factory=set)

    def sentence(self, template: str) -> str:
        """The filled template with a capital first letter; raises Unavailable."""
        used: set[str] = set()
        text = A_BEFORE_VOWEL.sub(r"\1n ", SLOT.sub(lambda match: self.slot(match.group(1), used), template))
        return text[0].upper() + text[1:]

    def slot(self, name: str, used: set[str]) -> str:
        kind, _, detail = name.partition(":")
        if kind == "w":
            # Several {w:product} in one sentence are different products.
            choices = [w for w in self.vocabulary.words[detail] if w not in used] or self.vocabulary.words[detail]
            value = self.rng.choice(choices)
            used.add(value)
            return value
        if kind == "n":
            return self.number(detail)
        if name in self.organisations:
            return self.organisations[name]
        if name in self.cast:
            return with_article(self.cast[name].name)
        if "." in name:
            role, _, what = name.partition(".")
            return self.actor(self.cast[role], what)
        return self.date_phrase(name)

    def actor(self, country: Country, what: str) -> str:
        if what == "dem":
            return country.demonym
        if what == "cap":
            return country.capital
        if what == "city":
            return self.city.setdefault(country.iso3, self.rng.choice(country.cities))
        if what == "population":
            return population_phrase(country.population)
        if what.startswith("agent:"):
            return f"{country.demonym} {self.rng.choice(self.vocabulary.words[what])}"
        if what in ("company", "group"):
            names = (self.vocabulary.companies if what == "company" else self.vocabulary.groups).get(country.iso3)
            if not names:
                raise Unavailable(f"{country.iso3}.{what}")
            return self.rng.choice(names)
        roles, fallback = {
            "head": (HEAD_ROLES, "leader"),
            "fm": (FOREIGN_MINISTER_ROLES, "foreign minister"),
            "dm": (DEFENCE_MINISTER_ROLES, "defence minister"),
        }[what]
        return self.office_holder(country, roles, fallback)

    def office_holder(self, country: Country, roles: tuple[str, ...], fallback: str) -> str:
        """'Peruvian President Dina Boluarte' first, then 'Boluarte'; 'the Kenyan president' when
        the tables know no holder on the article's date."""
        offices = self.vocabulary.offices.get(country.iso3, ())
        holders = [o for o in offices if o.role in roles and o.held_on(self.event_day)]
        if not holders:
            return f"the {country.demonym} {fallback}"
        office = holders[0]
        if office.name in self.introduced:
            return short_name(office.name, country.iso3)
        self.introduced.add(office.name)
        title = role_title(office.role)
        return f"{country.demonym} {title} {office.name}" if self.rng.random() < 0.5 else f"{title} {office.name}"

    def number(self, kind: str) -> str:
        rng = self.rng
        match kind:
            case "money":
                if rng.random() < 0.5:
                    return f"${rng.uniform(0.2, 25):.1f} billion"
                return f"{rng.choice(['$', 'US$'])}{rng.randrange(5, 950)} million"
            case "pct":
                return f"{rng.uniform(0.5, 35):.1f} percent" if rng.random() < 0.6 else f"{rng.randrange(2, 40)}%"
            case "small_pct":
                return f"{rng.uniform(1.5, 9.5):.1f} percent"
            case "share":
                return f"{rng.randrange(10, 81)} percent"
            case "count":
                return spelled(rng.randrange(2, 10))
            case "dayspan":
                return spelled(rng.randrange(2, 6))
            case "months":
                return spelled(rng.randrange(3, 12))
            case "killed":
                number = rng.randrange(2, 46)
                return spelled(number) if number < 10 else str(number)
            case "arrested":
                return str(rng.randrange(5, 150))
            case "hundreds":
                return str(rng.randrange(12, 90) * 10)
            case "people":
                return f"{rng.randrange(12, 2500) * 100:,}"
            case "tonnes":
                return f"{rng.randrange(2, 400) * 50:,} tonnes"
            case "crowd":
                about = f"about {rng.randrange(5, 60) * 100:,}"
                return rng.choice(["hundreds of", "thousands of", "several hundred", about])
            case "age":
                return str(rng.randrange(19, 69))
            case "seats":
                return str(rng.randrange(60, 600))
            case "drive":
                return spelled(rng.randrange(2, 10))
            case "temp":
                return str(rng.randrange(28, 42))
            case "rate":
                return f"{rng.randrange(10, 1200) / 100:.2f}"
            case "distance":
                return f"{rng.randrange(8, 180) * 100:,}"
            case "yearsago":
                return str(rng.randrange(5, 31))
            case "pastyear":
                return str(self.day.year - rng.randrange(1, 9))
            case "oldyear":
                return str(rng.randrange(1950, 1999))
            case "futureyear":
                return str(self.day.year + rng.randrange(1, 6))
            case "decade":
                return f"{rng.randrange(197, 202)}0s"
        raise KeyError(f"unknown number slot {kind!r}")

    def date_phrase(self, name: str) -> str:
        rng, day = self.rng, self.event_day
        weekday = calendar.day_name[day.weekday()]
        match name:
            case "day":
                return rng.choices(
                    [f"on {weekday}", f"on {calendar.month_name[day.month]} {day.day}",
                     f"on {weekday} {rng.choice(self.vocabulary.words['time_of_day'])}"],
                    weights=[7, 2, 1],
                )[0]
            case "next":
                ahead = calendar.month_name[(self.day.month + rng.randrange(1, 5) - 1) % 12 + 1]
                return rng.choice(["next month", "later this year", f"in {ahead}", "early next year"])
            case "recent":
                return rng.choice(["last year", f"in {self.day.year - rng.randrange(2, 6)}", "two years ago"])
            case "month":
                return calendar.month_name[rng.randrange(1, 13)]
            case "year":
                return str(self.day.year)
        raise KeyError(f"unknown slot {name!r}")


# --- articles -------------------------------------------------------------------------------


@dataclass(slots=True)
class Draft:
    paragraphs: list[list[str]] = field(default_factory=list)
    words: int = 0

    def add_paragraph(self, sentences: list[str]) -> bool:
        """Add the sentences that fit within MAX_WORDS as a paragraph; False when one did not fit."""
        fitting: list[str] = []
        words = self.words
        for sentence in sentences:
            words += len(sentence.split())
            if words > MAX_WORDS:
                break
            fitting.append(sentence)
        if fitting:
            self.paragraphs.append(fitting)
            self.words += sum(len(sentence.split()) for sentence in fitting)
        return len(fitting) == len(sentences)


# Paragraph after paragraph: (pool, sentences). Real reports alternate news with quotes and
# background; once the plan is used up, background and context fill up to the target length.
PARAGRAPH_PLAN = [
    ("body", 2), ("quote", 1), ("body", 1), ("background", 1), ("body", 2), ("context", 2),
    ("secondary", 2), ("quote", 1), ("context", 2), ("body", 1), ("context quote", 1), ("background", 1),
]


def shuffled(rng: random.Random, items: list[str]) -> list[str]:
    items = list(items)
    rng.shuffle(items)
    return items


def pick_cast(rng: random.Random, vocabulary: Vocabulary) -> dict[str, Country]:
    cast: dict[str, Country] = {}
    while len(cast) < 3:
        country = rng.choices(vocabulary.countries, vocabulary.country_weights)[0]
        if country not in cast.values():
            cast["ABC"[len(cast)]] = country
    return cast


def first_fit(filler: Filler, templates: list[str]) -> tuple[str, str] | None:
    """(template, sentence) of the first template in the pool whose slots this cast can fill;
    the template leaves the pool, so that no article says the same thing twice."""
    for i, template in enumerate(templates):
        try:
            sentence = filler.sentence(template)
        except Unavailable:
            continue
        del templates[i]
        return template, sentence
    return None


def fill(filler: Filler, templates: list[str]) -> str | None:
    fitted = first_fit(filler, templates)
    return fitted[1] if fitted else None


def write_article(rng: random.Random, vocabulary: Vocabulary, number: int, day: date, seed: int) -> dict:
    """One article record {id, title, date, source, text}."""
    topic = rng.choice(sorted(vocabulary.related_topics))
    secondary = rng.choice(vocabulary.related_topics[topic])
    organisations = {
        "ORG": rng.choice(vocabulary.igos),
        "LENDER": rng.choice(vocabulary.lenders),
        "NGO": rng.choice(vocabulary.relief_groups),
        "RIGHTS": rng.choice(vocabulary.rights_groups),
    }
    event_day = day - timedelta(days=rng.choice([0, 0, 1, 1, 2]))
    filler = Filler(rng, vocabulary, day, event_day, pick_cast(rng, vocabulary), organisations)

    def pool(topic_name: str, part: str) -> list[str]:
        return shuffled(rng, vocabulary.sentences.get((topic_name, part), []))

    pools = {
        "body": pool(topic, "body"),
        "quote": pool(topic, "quote"),
        "background": pool(topic, "background"),
        "secondary": pool(secondary, "body"),
        "context": pool("any", "background"),
        "context quote": pool("any", "quote"),
    }
    # Every topic has leads that any cast can fill; the headline, written for its lead, is filled
    # after it, so that a person the lead introduces is named by surname, as headlines do.
    lead_template, lead = first_fit(filler, pool(topic, "lead"))
    title = filler.sentence(vocabulary.headlines[lead_template])
    target = round(rng.triangular(MIN_WORDS, MAX_WORDS, MODE_WORDS))
    draft = Draft()
    draft.add_paragraph([lead])
    for kind, count in chain(PARAGRAPH_PLAN, repeat(("context", 2))):
        if draft.words >= target:
            break
        filled = (fill(filler, pools[kind]) or fill(filler, pools["context"]) for _ in range(count))
        sentences = [sentence for sentence in filled if sentence]
        # Every pool used up, or the article is full: it ends rather than repeating itself.
        if not sentences or not draft.add_paragraph(sentences):
            break
    if rng.random() < 0.5:
        closing = fill(filler, pool("any", "closing"))
        if closing:
            draft.add_paragraph([closing])

    outlet, agency = rng.choice(vocabulary.outlets)
    if topic in DOMESTIC_TOPICS:
        place = filler.actor(filler.cast["A"], "city")
    else:
        place = filler.cast[rng.choice("AB")].capital
    paragraphs = [" ".join(p) for p in draft.paragraphs]
    paragraphs[0] = dateline(rng, place, day, agency) + paragraphs[0]
    return {
        "id": f"synthetic-{seed}-{number:06d}",
        "title": title,
        "date": day.isoformat(),
        "source": outlet,
        "text": "\n\n".join(paragraphs),
    }


def dateline(rng: random.Random, place: str, day: date, agency: str) -> str:
    """'LIMA, March 3 (Atlas) - ', 'LIMA (Atlas) - ', 'LIMA — ' or none at all."""
    style = rng.randrange(4)
    if style == 0:
        return f"{place.upper()}, {calendar.month_name[day.month]} {day.day} ({agency}) - "
    if style == 1:
        return f"{place.upper()} ({agency}) - "
    return f"{place.upper()} — " if style == 2 else ""


def repost(rng: random.Random, original: dict, vocabulary: Vocabulary, number: int, seed: int) -> dict:
    """Another outlet's copy of a report: new dateline agency, sometimes a new headline, the last
    paragraph cut or a line added, a day later at most."""
    outlet, agency = rng.choice([o for o in vocabulary.outlets if o[0] != original["source"]])
    text = re.sub(r"\(([^()]{1,30})\) - ", f"({agency}) - ", original["text"], count=1)
    paragraphs = text.split("\n\n")
    if len(paragraphs) > 3 and rng.random() < 0.5:
        paragraphs.pop()
    else:
        paragraphs.append("This story has been updated with additional details.")
    title = original["title"]
    if rng.random() < 0.4:
        title = f"UPDATE {rng.randrange(1, 4)}-{title}"
    day = date.fromisoformat(original["date"]) + timedelta(days=rng.choice([0, 0, 1]))
    return {
        "id": f"synthetic-{seed}-{number:06d}",
        "title": title,
        "date": day.isoformat(),
        "source": outlet,
        "text": "\n\n".join(paragraphs),
    }


def generate(count: int, seed: int = 7) -> Iterator[dict]:
    """``count`` article records in date order, deterministic for ``seed``."""
    rng = random.Random(seed)
    vocabulary = load_vocabulary()
    span = (LAST_DAY - FIRST_DAY).days
    recent: list[dict] = []
    for number in range(count):
        day = FIRST_DAY + timedelta(days=int(span * (number + rng.random()) / max(count, 1)))
        if recent and rng.random() < REPOST_SHARE:
            record = repost(rng, rng.choice(recent), vocabulary, number, seed)
        else:
            record = write_article(rng, vocabulary, number, day, seed)
            recent = (recent + [record])[-RECENT_ARTICLES:]
        yield record


# --- writing --------------------------------------------------------------------------------


def open_output(path: Path) -> TextIO:
    if path.suffix == ".gz":
        return gzip.open(path, "wt", encoding="utf-8")
    return open(path, "w", encoding="utf-8")


def write_jsonl(records: Iterable[dict], path: Path) -> Iterator[dict]:
    """Write records as JSON lines (gzip-compressed for a .gz path), yielding each once written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open_output(path) as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            yield record


def write_txt(records: Iterable[dict], folder: Path) -> Iterator[dict]:
    """One ``<id>.txt`` per record: headline, date line, then the body with its dateline."""
    folder.mkdir(parents=True, exist_ok=True)
    for record in records:
        text = f"{record['title']}\nDate: {record['date']}\n\n{record['text']}\n"
        (folder / f"{record['id']}.txt").write_text(text, encoding="utf-8")
        yield record


def main(argv: list[str] | None = None) -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--articles", type=int, default=10_000, help="number of articles (default 10000)")
    options.add_argument("--seed", type=int, default=7)
    options.add_argument("--format", choices=["jsonl", "txt"], default="jsonl",
                         help="jsonl: one file (.jsonl or .jsonl.gz); txt: a folder of .txt files")
    options.add_argument("--out", type=Path, default=Path("corpus.jsonl.gz"), help="file (jsonl) or folder (txt)")
    args = options.parse_args(argv)

    write = write_txt if args.format == "txt" else write_jsonl
    lengths = [len(record["text"].split()) for record in write(generate(args.articles, args.seed), args.out)]
    if lengths:
        print(
            f"{len(lengths)} articles -> {args.out}: {sum(lengths):,} words, "
            f"{min(lengths)}-{max(lengths)} per article (mean {sum(lengths) / len(lengths):.0f})",
            file=sys.stderr,
        )


if __name__ == "__main__":
    main()
