"""The actor gazetteer: accord's country, agent, person and organisation tables as fast lookups.

Tables are read once per process (``load_gazetteer`` is cached). Every name is indexed as a tuple of
lower-cased word tokens so that the actors stage can find the longest known phrase starting at any
token of a sentence with a few dict look-ups. Acronyms (``US``, ``UN``, ``CAN``) are indexed by their
exact case so that ordinary words ("us", "can") never match them.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
USER_ACTORS_ENV = "ACCORD_ACTORS"

# Words are split the way spaCy splits them for the cases that matter in names: hyphens, slashes and
# a possessive are separate tokens; a dotted abbreviation ("U.S.", "St.") stays one token.
PHRASE_TOKEN = re.compile(r"'s\b|[\w.]*\w\.?|[^\w\s]", re.UNICODE)
IGO_TYPES = {"igo", "forum", "agreement"}
# Upper-case names this long are often words written in capitals by the source tables ("HAMAS", "PUTIN",
# "NATO"): news text also writes them "Hamas", "Putin", "Nato", so that form is indexed too, case-sensitively,
# for a person's surname or an organisation's own name (an alias such as "YOUTH" is too often a plain word).
WORD_ACRONYM_LENGTH = 4
# Compass words that narrow a continent without naming a country: "Southeast Asian", "West African".
COMPASS_WORDS = ("north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "central",
                 "northern", "southern", "eastern", "western")


# Words inside names that never end one: a name cut before its last word is no name if it ends with one
# ("Abdullah Al" of "Abdullah Al Taweel").
NAME_PARTICLES = {"al", "el", "bin", "ibn", "bint", "abu", "abd", "ul", "de", "da", "del", "della", "di", "do", "dos",
                  "das", "van", "von", "der", "den", "la", "le", "du", "st."}


def shortened_name(name: str) -> str | None:
    """A three-word or longer name without its last word ("Diego Molano" of "Diego Molano Vega")."""
    words = name.split()
    if len(words) < 3 or words[-2].lower() in NAME_PARTICLES:
        return None
    return " ".join(words[:-1])


# Title prefixes written with or without a hyphen: "Vice President" and "Vice-President".
HYPHENATED_PREFIXES = {"vice", "deputy", "co", "under", "sub", "lieutenant", "major", "chief", "acting"}


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing a phrase can name."""

    kind: str  # country | demonym | capital | city | place | region | agent | person | organisation | igo
    name: str
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    person: bool = False  # an agent word naming one human ("minister"), not a body ("ministry")
    plural: bool = False
    parent: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None

    def valid_on(self, day: date | None) -> bool:
        if day is None:
            return not self.valid_to
        iso = day.isoformat()
        return (not self.valid_from or self.valid_from <= iso) and (not self.valid_to or iso <= self.valid_to)


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    return tuple(PHRASE_TOKEN.findall(phrase))


def is_acronym(phrase: str) -> bool:
    letters = phrase.replace(".", "").replace("-", "")
    return letters.isupper() and len(letters) <= 5 and " " not in phrase


def read_table(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        sample = handle.readline()
        handle.seek(0)
        reader = csv.reader(handle, delimiter="\t" if "\t" in sample else ",")
        header = next(reader, [])
        columns = [(position, key.strip().lower()) for position, key in enumerate(header) if key]
        for values in reader:
            if values:  # a blank line
                yield {key: values[position].strip() if position < len(values) else "" for position, key in columns}


def split(value: str) -> list[str]:
    return [part for part in value.split("|") if part]


class Gazetteer:
    def __init__(self) -> None:
        self.phrases: dict[tuple[str, ...], list[Entry]] = {}
        self.exact: dict[tuple[str, ...], list[Entry]] = {}  # case-sensitive acronyms
        self.lengths: dict[str, set[int]] = {}  # first word (lower-cased) -> phrase lengths
        self.ordered_lengths: dict[str, list[int]] = {}  # the same, longest first (filled on use)
        self.countries: dict[str, Entry] = {}  # code -> country entry
        self.continents: dict[str, set[str]] = {}  # continent name (lower case) -> country codes
        self.first_names: set[str] = set()  # lower-cased first words of known persons' names
        self.first_name_counts: dict[str, set[str]] = {}
        self.shortened: dict[str, list[Entry]] = {}  # "Diego Molano" -> entries of "Diego Molano Vega"
        # words of organisation names -> (sector, condition): "Bank" BUS; "Liberation" REB for an armed name
        self.name_words: dict[str, tuple[str, str]] = {}

    def indexed(self, phrase: str) -> tuple[dict[tuple[str, ...], list[Entry]], tuple[str, ...]]:
        """The index a phrase goes into and its key there: acronyms as written, other phrases lower-cased."""
        words = phrase_tokens(phrase)
        return (self.exact, words) if is_acronym(phrase) else (self.phrases, tuple(map(str.lower, words)))

    def add(self, phrase: str, entry: Entry) -> None:
        index, key = self.indexed(phrase)
        if not key:
            return
        entries = index.setdefault(key, [])
        if entry not in entries:
            entries.append(entry)
        self.lengths.setdefault(key[0].lower(), set()).add(len(key))
        if index is self.exact and len(phrase) >= WORD_ACRONYM_LENGTH and phrase.isalpha() \
                and (entry.kind == "person" or entry.name == phrase) and (phrase.lower(),) not in self.phrases:
            self.add_exact(phrase.capitalize(), entry)

    def add_exact(self, phrase: str, entry: Entry) -> None:
        entries = self.exact.setdefault((phrase,), [])
        if entry not in entries:
            entries.append(entry)

    def longest(self, words: list[str], start: int, lowered: list[str] | None = None) -> tuple[int, list[Entry]]:
        """The longest known phrase starting at ``words[start]``: (length, entries), (0, []) if none.
        ``lowered`` (the words in lower case) saves lower-casing them again for every window."""
        if lowered is None:
            lowered = [word.lower() for word in words]
        lengths = self.lengths.get(lowered[start])
        if not lengths:
            return 0, []
        ordered = self.ordered_lengths.get(lowered[start])
        if ordered is None or len(ordered) != len(lengths):
            ordered = self.ordered_lengths[lowered[start]] = sorted(lengths, reverse=True)
        for length in ordered:
            if start + length > len(words):
                continue
            found = self.exact.get(tuple(words[start : start + length])) or \
                self.phrases.get(tuple(lowered[start : start + length]))
            if found:
                return length, found
        return 0, []

    def lookup(self, phrase: str) -> list[Entry]:
        words = phrase_tokens(phrase)
        return self.exact.get(words) or self.phrases.get(tuple(word.lower() for word in words), [])

    # -- loading -------------------------------------------------------------------------------

    def load_countries(self, rows: Iterable[dict[str, str]]) -> None:
        for row in rows:
            code = row["code"]
            country = Entry("country", row["name"], code=code, country=code)
            if row["iso3"] == code:
                self.countries[code] = country
            for name in [row["name"], *split(row["aliases"])]:
                self.add(name, country)
            for demonym in split(row["demonyms"]):
                self.add(demonym, Entry("demonym", row["name"], code=code, country=code,
                                        plural=demonym.endswith("s") and not demonym.endswith("ss")))
            capitals = set(split(row.get("capital", "")))
            for city in split(row["cities"]):
                kind = "capital" if city in capitals else "city"
                self.add(city, Entry(kind, row["name"], code=code, country=code))
            if row["continent"] and row["iso3"] == code:
                self.continents.setdefault(row["continent"].lower(), set()).add(code)
                self.add_region(row["continent"], row["continent_adjective"])

    def add_region(self, continent: str, adjective: str) -> None:
        """"South American", "Southeast Asia", "West African": words that place a country in a continent."""
        region = Entry("region", continent.lower())
        for word in filter(None, (continent, adjective)):
            self.add(word, region)
            if " " not in word:
                for compass in COMPASS_WORDS:
                    self.add(f"{compass} {word}", region)

    def load_places(self, rows: Iterable[dict[str, str]], override: bool = False) -> None:
        """Cities, provinces and breakaway regions of a country; with ``override`` (curated tables) a row
        replaces what earlier tables said about the same place name."""
        for row in rows:
            entry = Entry("place", row["name"], code=row["country"], country=row["country"],
                          sector=row.get("sector") or None)
            for name in [row["name"], *split(row.get("aliases", ""))]:
                if override:
                    self.forget(name, {"place"})
                self.add(name, entry)

    def load_agents(self, rows: Iterable[dict[str, str]]) -> None:
        for row in rows:
            person = row["person"] == "yes"
            sector = row["sector"] or None
            for term, plural in ((row["term"], False), (row["plural"], True)):
                if not term:
                    continue
                entry = Entry("agent", row["term"], sector=sector, role=row["term"], person=person, plural=plural)
                self.add(term, entry)
                if term.split(" ")[0] in HYPHENATED_PREFIXES:
                    self.add(term.replace(" ", "-", 1), entry)  # "vice-president", "co-founder"

    def load_name_words(self, rows: Iterable[dict[str, str]]) -> None:
        for row in rows:
            self.name_words[row["word"].lower()] = (row["sector"], row["condition"])

    def load_named(self, rows: Iterable[dict[str, str]], default_kind: str, override: bool = False) -> None:
        """Add named actors; with ``override`` (curated tables) their rows replace what earlier tables
        said about the same name, so that a corrected term of office wins over an outdated one."""
        replaced: set[tuple[str, ...]] = set()
        for row in rows:
            kind = row.get("kind") or default_kind
            if row.get("type"):
                kind = "igo" if row["type"] in IGO_TYPES else "organisation"
            entry = Entry(
                kind,
                row["name"],
                code=row.get("code") or None,
                country=row.get("country") or None,
                sector=row.get("sector") or None,
                role=row.get("role") or None,
                parent=row.get("parent") or None,
                valid_from=row.get("from") or None,
                valid_to=row.get("to") or None,
            )
            names = [row["name"], *split(row.get("aliases", ""))]
            if override:
                for name in names:
                    self.forget_named(name, replaced)
            for name in names:
                self.add(name, entry)
            words = row["name"].split()
            if kind == "person" and len(words) > 1 and entry.country in self.countries:
                self.first_name_counts.setdefault(words[0].lower(), set()).add(row["name"])
            if kind == "person" and (short := shortened_name(row["name"])):
                self.shortened.setdefault(short, []).append(entry)
        # A first name is one that at least two persons of a country carry ("Education" heads a few
        # organisations the source lists as persons, never two people).
        self.first_names = {word for word, names in self.first_name_counts.items() if len(names) >= 2}

    def add_shortened_names(self) -> None:
        """Spanish and Portuguese names drop the second surname in news ("Diego Molano" for Diego Molano
        Vega): the shortened form names the person when no other person or phrase has it."""
        for short, entries in self.shortened.items():
            if len({entry.name for entry in entries}) == 1 and not self.lookup(short):
                for entry in entries:
                    self.add(short, entry)

    def forget_named(self, name: str, replaced: set[tuple[str, ...]]) -> None:
        _, key = self.indexed(name)
        if key not in replaced:
            replaced.add(key)
            self.forget(name, {"person", "organisation", "igo"})

    def forget(self, name: str, kinds: set[str]) -> None:
        """Drop what the tables loaded so far say ``name`` is, for the given kinds of entry."""
        index, key = self.indexed(name)
        if key in index:
            index[key] = [entry for entry in index[key] if entry.kind not in kinds]


def user_table(path: str | Path | None = None) -> Path | None:
    chosen = path or os.environ.get(USER_ACTORS_ENV)
    return Path(chosen) if chosen else None


@lru_cache(maxsize=4)
def load_gazetteer(user_path: Path | None = None) -> Gazetteer:
    """The built-in tables plus the user's actor dictionary (``ACCORD_ACTORS`` or ``user_path``)."""
    gazetteer = Gazetteer()
    gazetteer.load_countries(read_table(DATA / "countries.tsv"))
    gazetteer.load_places(read_table(DATA / "places.tsv"))
    gazetteer.load_places(read_table(DATA / "places_extra.tsv"), override=True)
    gazetteer.load_agents(read_table(DATA / "agents.tsv"))
    gazetteer.load_name_words(read_table(DATA / "name_words.tsv"))
    gazetteer.load_named(read_table(DATA / "organisations.tsv"), "organisation")
    gazetteer.load_named(read_table(DATA / "people.tsv"), "person")
    gazetteer.load_named(read_table(DATA / "organisations_extra.tsv"), "organisation", override=True)
    gazetteer.load_named(read_table(DATA / "people_extra.tsv"), "person", override=True)
    if user_path is not None and user_path.exists():
        gazetteer.load_named(read_table(user_path), "person", override=True)
    gazetteer.add_shortened_names()
    return gazetteer


def gazetteer(path: str | Path | None = None) -> Gazetteer:
    return load_gazetteer(user_table(path))


def at_date(entries: Iterable[Entry], day: date | None) -> Entry | None:
    """The entry valid on ``day``; else the undated default; else the most recent one. Without a day
    the undated default comes first, as in PETRARCH (the dated codes are exceptions to it)."""
    entries = list(entries)
    if not entries:
        return None
    undated = [entry for entry in entries if not entry.valid_from and not entry.valid_to]
    if day is None and undated:
        return undated[-1]
    valid = [entry for entry in entries if entry.valid_on(day) and (entry.valid_from or entry.valid_to)]
    if valid:
        return max(valid, key=lambda entry: entry.valid_from or "")
    if undated:
        return undated[-1]
    if day is not None:  # a term that has not begun yet says nothing about the day
        entries = [entry for entry in entries if not entry.valid_from or entry.valid_from <= day.isoformat()] or entries
    return max(entries, key=lambda entry: entry.valid_to or "9999")
