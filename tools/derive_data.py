"""Derive accord's compact data tables from the shared reference material.

Usage: python tools/derive_data.py [SHARED_DIR] [--only NAME ...]

SHARED_DIR defaults to ``../shared`` beside the repository. The outputs in ``src/accord/data/`` are
committed; this script exists so that they can be regenerated and audited. Every table is written
sorted, with a header row, tab-separated, multi-values joined with ``|``.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "src" / "accord" / "data"


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def read_jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def write_tsv(name: str, header: list[str], rows: Iterable[list[str]]) -> None:
    unique = {tuple(clean_cell(cell) for cell in row) for row in rows}
    with (DATA / name).open("w", encoding="utf-8", newline="") as handle:
        handle.write("\t".join(header) + "\n")
        for row in sorted(unique):
            handle.write("\t".join(row) + "\n")
    print(f"{name}: {len(unique)} rows")


def clean_cell(value: str | None) -> str:
    return " ".join((value or "").replace("\t", " ").split())


def joined(values: Iterable[str]) -> str:
    """Distinct values in first-seen order, joined with ``|``."""
    seen: dict[str, None] = {}
    for value in values:
        value = clean_cell(value)
        if value and value.lower() not in {key.lower() for key in seen}:
            seen[value] = None
    return "|".join(seen)


# ---------------------------------------------------------------------------------------------
# Event codes


def derive_cameo(shared: Path) -> None:
    rows = read_tsv(shared / "ontology" / "cameo_codes.tsv")
    write_tsv(
        "cameo.tsv",
        ["code", "name", "goldstein", "root", "quad_class"],
        ([row["code"], row["name"], row["goldstein"], row["root"], row["quad_class"]] for row in rows),
    )


# CAMEO2PLOVER-2021 predates the v0.8 manual: some of its modes were renamed, merged or dropped, and a
# few cells hold a context in the mode column. These are the manual's equivalents ("" = no mode).
LEGACY_MODES = {
    ("ASSAULT", "assassinate"): "targeted",
    ("ASSAULT", "massacre"): "targeted",
    ("ASSAULT", "seize"): "destroy",  # CAMEO 1712 "destroy property"; seize belongs to COERCE
    ("ASSAULT", "cleansing"): "",
    ("THREATEN", "ban"): "restrict",
    ("THREATEN", "political"): "restrict",
    ("COERCE", "ban"): "restrict",
    ("RETREAT", "return"): "release",
    ("RETREAT", "ease"): "",
}
LEGACY_CONTEXTS = {"democracy": "pro_democracy", "humanitarian": "human_security"}


def derive_cameo_plover(shared: Path) -> None:
    plover = shared / "ontology" / "plover"
    modes = {(row["event"], row["mode"]) for row in read_tsv(plover / "modes.tsv")}
    contexts = {row["context"] for row in read_tsv(plover / "contexts.tsv")}
    rows = []
    for row in read_tsv(plover / "cameo_to_plover.tsv"):
        event = row["plover_event"]
        mode = row["plover_mode"]
        context = [value for value in row["plover_context"].split(";") if value]
        if mode in contexts:
            context.append(mode)
            mode = ""
        if mode and (event, mode) not in modes:
            mode = LEGACY_MODES.get((event, mode), mode)
        context = [LEGACY_CONTEXTS.get(value, value) for value in context]
        unknown = [value for value in context if value not in contexts]
        if (mode and (event, mode) not in modes) or unknown:
            raise SystemExit(f"cameo_to_plover: no v0.8 equivalent for {row['cameo']} {mode} {unknown}")
        rows.append([row["cameo"], event, mode, joined(context)])
    write_tsv("cameo_plover.tsv", ["cameo", "plover", "mode", "context"], rows)


# ---------------------------------------------------------------------------------------------
# Countries

# Place names that are also ordinary English words: as a metonym they would fire on plain text.
COMMON_WORD_PLACES = {"male", "of", "nice", "reading", "split", "mobile", "bath", "sale", "colon", "mission",
                      "independence", "police", "kawasaki", "the valley", "west island", "university park", "state college"}
CONTINENT_ADJECTIVES = {"Africa": "African", "Asia": "Asian", "Europe": "European", "North America": "North American",
                        "South America": "South American", "Oceania": "Oceanian"}
# Minimum number of persons in the Phoenix actor list having a word as first name before a city of that
# name ("Salvador", "Douglas", "Milan") is considered too ambiguous to stand for its country.
FIRST_NAME_THRESHOLD = 2
METONYM_MIN_POPULATION = 1_000_000
VARIANT_CHARACTERS = set("abcdefghijklmnopqrstuvwxyz .'-")


def readable(variant: str) -> str | None:
    """An upper-case CountryInfo/Phoenix variant in display case, or None when it is noise."""
    variant = clean_cell(variant)
    if variant.upper().startswith("THE "):
        variant = variant[4:]
    if len(variant) < 3 or variant.startswith("'") or not set(variant.lower()) <= VARIANT_CHARACTERS:
        return None
    if variant.lower() in COMMON_WORD_PLACES:
        return None
    if " " not in variant and len(variant) <= 4 or "." in variant:
        return variant.upper()  # acronym: matched case-sensitively by the gazetteer
    return " ".join(word.capitalize() for word in variant.split())


def demonym_forms(demonyms: list[str]) -> list[str]:
    forms = []
    for demonym in demonyms:
        forms.append(demonym)
        if demonym.endswith(("an", "i", "er", "ot", "ite")):
            forms.append(demonym + "s")
    return forms


def person_first_names(shared: Path) -> set[str]:
    counts: dict[str, int] = {}
    for actor in read_jsonl(shared / "facts" / "actors.jsonl"):
        words = actor["name"].split()
        if 2 <= len(words) <= 4 and actor["source"] != MILITANT_GROUPS:  # "Red Hand Defenders"
            counts[words[0].lower()] = counts.get(words[0].lower(), 0) + 1
    return {name for name, count in counts.items() if count >= FIRST_NAME_THRESHOLD}


def city_countries(shared: Path) -> dict[str, dict[str, int]]:
    """lower-cased city name -> {iso3: largest population of a city of that name}."""
    places: dict[str, dict[str, int]] = {}
    for city in read_jsonl(shared / "facts" / "cities.jsonl"):
        for name in {city["name"], city["ascii_name"]}:
            by_country = places.setdefault(name.lower(), {})
            by_country[city["country_iso3"]] = max(by_country.get(city["country_iso3"], 0), city["population"])
    return places


def metonym_cities(country: dict, places: dict[str, dict[str, int]], first_names: set[str]) -> list[str]:
    """Capital and very large cities that unambiguously stand for the country in news text."""
    candidates = [country["capital"], *country["capital_aliases"]] if country["capital"] else []
    for city in country["major_cities"]:
        if city["population"] >= METONYM_MIN_POPULATION:
            candidates += [city["name"], city["ascii_name"]]
    kept = []
    for name in candidates:
        key = clean_cell(name).lower()
        if not key or key in COMMON_WORD_PLACES or key in first_names:
            continue
        others = places.get(key, {})
        own = others.get(country["iso3"], 0)
        if any(population >= own for iso3, population in others.items() if iso3 != country["iso3"]):
            continue
        kept.append(clean_cell(name))
    return kept


def accord_code(country: dict, iso3_codes: set[str]) -> str:
    """PLOVER's code (dependencies folded into their state), but ISO-style where PLOVER invents one
    (Kosovo: KOS -> XKX), as the event format asks for ISO 3166-1 alpha-3 codes."""
    return country["plover_code"] if country["plover_code"] in iso3_codes else country["iso3"]


def country_codes(shared: Path) -> dict[str, str]:
    """Phoenix/CAMEO country code (KSV, TMP, ROM ...) or ISO3 -> accord's country code."""
    countries = list(read_jsonl(shared / "facts" / "countries.jsonl"))
    iso3_codes = {country["iso3"] for country in countries}
    mapping = {}
    for country in countries:
        code = accord_code(country, iso3_codes)
        for phoenix in country["phoenix_codes"]:
            if len(phoenix["parts"]) == 1:
                mapping.setdefault(phoenix["code"], code)
        mapping[country["iso3"]] = code
    return mapping


SENSE_MARK = " (COUNTRY)"


def short_names(name: str) -> list[str]:
    """ "Bosnia" for "Bosnia and Herzegovina", "Trinidad" for "Trinidad and Tobago"."""
    return [name.split(" and ")[0]] if " and " in name else []


def derive_countries(shared: Path) -> None:
    places = city_countries(shared)
    first_names = person_first_names(shared)
    codes = country_codes(shared)
    rows = []
    for country in read_jsonl(shared / "facts" / "countries.jsonl"):
        sovereign = country["plover_code"] == country["iso3"]
        aliases = [country["official_name"] or "", *country["aliases"], *short_names(country["name"])]
        aliases += [readable(variant) or "" for variant in country["variants_countryinfo"]]
        # "AMERICA (COUNTRY)": CountryInfo's mark for the sense of an ambiguous word that is this country
        aliases += [readable(variant.removesuffix(SENSE_MARK)) or "" for variant in country["variants_countryinfo"]
                    if variant.endswith(SENSE_MARK)]
        aliases = [alias for alias in aliases if "," not in alias and "(" not in alias and "[" not in alias]
        continent = country["continent_name"] or ""
        cities = metonym_cities(country, places, first_names) if sovereign else []
        capitals = [name for name in [country["capital"], *country["capital_aliases"]] if clean_cell(name) in cities]
        rows.append([
            country["iso3"],
            codes[country["iso3"]],
            country["name"],
            joined(alias for alias in aliases if alias.lower() != country["name"].lower()),
            joined(demonym_forms(country["demonyms"])),
            joined(cities),
            joined(capitals),
            continent,
            CONTINENT_ADJECTIVES.get(continent, ""),
            str(country["population"] or 0),
        ])
    write_tsv(
        "countries.tsv",
        ["iso3", "code", "name", "aliases", "demonyms", "cities", "capital", "continent", "continent_adjective",
         "population"],
        rows,
    )


# ---------------------------------------------------------------------------------------------
# Places inside countries: cities, provinces, states

# A place shares its name with a bigger place elsewhere unless it is this many times more populous.
PLACE_DOMINANCE = 3
GENERIC_PLACE_WORDS = {"central", "eastern", "western", "northern", "southern", "north", "south", "east", "west",
                       "capital", "coast", "coastal", "lakes", "islands", "island", "centre", "center", "city",
                       "district", "region", "province", "state", "upper", "lower", "middle", "federal", "unity"}


def person_name_words(shared: Path) -> set[str]:
    """Lower-cased words of the persons' names in the actor list ("Jackson", "Victoria", "Lincoln")."""
    agent_words = single_agent_words(shared)
    words = set()
    for actor in read_jsonl(shared / "facts" / "actors.jsonl"):
        if actor["source"] != MILITANT_GROUPS and is_person_name(actor["name"], agent_words):
            words.update(word.lower() for word in actor["name"].split())
    return words


def usable_place_name(name: str, person_words: set[str], population: int = 0) -> bool:
    """A place name that is not a generic word, nor (unless the place is a metropolis) a person's name."""
    name = clean_cell(name)
    words = name.lower().split()
    return bool(words) and name[:1].isupper() and all(part.isalpha() for part in name.replace("-", " ").replace("'", "").split()) \
        and not (len(words) == 1 and (words[0] in person_words and population < METONYM_MIN_POPULATION
                                      or words[0] in COMMON_WORD_PLACES)) \
        and not set(words) <= GENERIC_PLACE_WORDS


def derive_places(shared: Path) -> None:
    """Cities of 100,000 people or more (GeoNames) and first-level divisions (ISO 3166-2, CountryInfo)
    that stand for their country: "Mariupol" -> UKR, "Rakhine" -> MMR. Names of countries, of places
    in several countries of similar size, and words of person names are left out."""
    codes = country_codes(shared)
    person_words = person_name_words(shared)
    country_words = set()
    for country in read_jsonl(shared / "facts" / "countries.jsonl"):
        for name in [country["name"], country["official_name"] or "", *country["aliases"], *country["demonyms"]]:
            country_words.add(clean_cell(name).lower())
    # name -> {country: (population, kind, display names)}
    found: dict[str, dict[str, list]] = {}

    def add(name: str, iso3: str, population: int, kind: str) -> None:
        name = clean_cell(name)
        if not usable_place_name(name, person_words, population) or name.lower() in country_words or iso3 not in codes:
            return
        known = found.setdefault(name.lower(), {}).setdefault(codes[iso3], [0, kind, name])
        known[0] = max(known[0], population)

    # GeoNames aliases are left out: besides spellings they hold language names and plain words.
    for city in read_jsonl(shared / "facts" / "cities.jsonl"):
        for name in {city["name"], city["ascii_name"]}:
            add(name, city["country_iso3"], city["population"], "city")
    for country in read_jsonl(shared / "facts" / "countries.jsonl"):
        regions = [name for region in country["admin_regions"] if not region["parent"]
                   for name in (region["name"], region["ascii_name"])]
        # CountryInfo/Phoenix list provinces, cities and old names PETRARCH codes as the country
        listed = [readable(name) or "" for name in [*country["regions_countryinfo"], *country["phoenix_patterns"]]]
        for name in [*regions, *listed]:
            add(name, country["iso3"], 0, "region")
    rows = []
    for by_country in found.values():
        ranked = sorted(by_country.items(), key=lambda item: -item[1][0])
        if len(ranked) > 1 and ranked[0][1][0] < PLACE_DOMINANCE * max(ranked[1][1][0], 1):
            continue  # "San Fernando", "Córdoba": no country dominates
        code, (population, kind, display) = ranked[0]
        rows.append([display, code, kind, str(population)])
    write_tsv("places.tsv", ["name", "country", "kind", "population"], rows)


# ---------------------------------------------------------------------------------------------
# Agent words

NOT_AN_ACTOR = {"NON", "JNK", "UNK"}  # NGEC markers: the phrase names no actor
PERSON_ENDINGS = ("er", "or", "ist", "ian", "man", "woman", "person", "ant", "ent", "at", "ee", "ier", "ic", "ess",
                  "king", "chief", "head", "envoy", "consul", "monk", "priest", "imam", "pope", "mullah", "judge",
                  "mayor", "general", "deputy", "official")
BODY_ENDINGS = ("ment", "ry", "ion", "ity", "ice", "ate", "ency", "ancy", "ence", "ance", "ship", "ittee", "ness")


# Person nouns that the endings above would take for bodies.
PERSON_WORDS = {"secretary", "emissary", "dignitary", "missionary", "notary", "mercenary", "adversary"}


def denotes_person(term: str) -> bool:
    head = re.split(r" (?:of|for|in|to)\b", term)[0].split()[-1]  # "minister for water": minister
    return head in PERSON_WORDS or head.endswith(PERSON_ENDINGS) and not head.endswith(BODY_ENDINGS)


# English plurals PETRARCH's +S rule gets wrong ("gunmans", "childrens"): singular head word -> plural.
IRREGULAR_PLURALS = {"man": "men", "woman": "women", "person": "people", "child": "children"}
MAN_WORDS = ("man", "woman")  # "militiaman", "statesman", "chairwoman" end with them
PREPOSITIONS = {"of", "for", "to", "in", "on", "at", "from", "with"}


def irregular_number(term: str, plural: str) -> tuple[str, str]:
    """(singular, plural) of an agent term whose head word has an irregular plural. A term given in
    the plural ("armed men", "displaced people") becomes the plural of its singular."""
    *rest, head = term.split(" ")
    if set(rest) & PREPOSITIONS:
        return term, plural  # "minister for women": the head word is "minister"
    for singular, irregular in IRREGULAR_PLURALS.items():
        if head == irregular or head.endswith(irregular) and singular in MAN_WORDS:
            return " ".join([*rest, head[: len(head) - len(irregular)] + singular]), term
        # "displaced persons" is a plural too: only +S forms that are not English are replaced
        if plural and plural.endswith(singular + "s") and singular != "person" \
                and (head == singular or head.endswith(singular) and singular in MAN_WORDS and head != "human"):
            return term, " ".join([*rest, head[: len(head) - len(singular)] + irregular])
    return term, plural


def plover_sectors(shared: Path) -> dict[str, str]:
    """CAMEO role code -> PLOVER sector (MED media -> JRN, HLH health -> MED ...), from the glossary."""
    mapping = {}
    for row in read_tsv(shared / "facts" / "actor_code_glossary.tsv"):
        if "cameo" in row["system"].split("+"):
            mapping[row["code"]] = row["plover_equivalent"] if " " not in row["plover_equivalent"] else ""
    return mapping


def derive_agents(shared: Path) -> None:
    cameo_to_plover = plover_sectors(shared)
    entries: dict[str, list[str]] = {}
    # PLOVER entries first: cameo ones only fill terms PLOVER lacks.
    records = sorted(read_jsonl(shared / "facts" / "agents.jsonl"), key=lambda agent: agent["code_system"] != "plover")
    for agent in records:
        codes = agent["codes"]
        if agent["code_system"] == "cameo":
            codes = [cameo_to_plover.get(code, "") for code in codes]
        codes = [code for code in codes if code]
        term = clean_cell(agent["term"]).lower()
        dangling = term.split()[-1] in ("of", "to", "in", "for", "from", "on", "with", "at")  # "ambassador to"
        if not codes or set(codes) & NOT_AN_ACTOR or term in entries or len(term) < 3 or dangling:
            continue
        plural = clean_cell(agent["plurals"][0]).lower() if agent["plurals"] else ""
        if plural.endswith("ss") and term.endswith("s") or plural == term + "s" and term.endswith(("ia", "ice")):
            plural = ""  # PETRARCH's generated plural of a word that is already plural or a mass noun
        singular, plural = irregular_number(term, plural)
        if singular != term:
            if singular in entries:
                entries[singular][1] = plural  # "gunmen" is the plural of the "gunman" entry
                continue
            term = singular
        person = "yes" if denotes_person(term) else "no"
        entries[term] = [term, plural, codes[0], joined(codes[1:]), agent["attach"], person, agent["code_system"]]
    for extra in read_tsv(DATA / "agents_extra.tsv"):
        entries[extra["term"]] = [extra["term"], extra["plural"], extra["sector"], extra["secondary"], "after_actor",
                                  extra["person"], "extra"]
    write_tsv("agents.tsv", ["term", "plural", "sector", "secondary", "attach", "person", "source"], entries.values())


# ---------------------------------------------------------------------------------------------
# Named persons and organisations (Phoenix dictionaries)

NONSTATE_TYPES = {"IGO": "igo", "NGO": "ngo", "MNC": "company", "IMG": "group", "INT": "igo"}
# Words that make a dictionary phrase an organisation rather than a person's name.
ORGANISATION_WORDS = {"party", "front", "army", "forces", "force", "movement", "council", "ministry", "brigade",
                      "brigades", "group", "organization", "organisation", "union", "committee", "association",
                      "league", "government", "police", "bank", "national", "liberation", "people's", "republic",
                      "court", "assembly", "agency", "office", "department", "commission", "company", "corporation",
                      "institute", "fund", "alliance", "coalition", "federation", "guard", "militia", "network",
                      "service", "services", "parliament", "senate", "congress", "embassy", "of", "the", "and", "for",
                      "nations", "world", "international", "house"}
# The dictionary of militant and non-state groups lists organisations only ("Boko Haram", "Abu Sayyaf").
MILITANT_GROUPS = "Phoenix.MilNonState.actors.txt"
# Names of armed groups that also mark a dictionary phrase as an organisation.
GROUP_NAMES = {"al-qaida", "al-qaeda", "taliban", "hamas", "hezbollah"}


SHORT_WORDS = {"OF", "IN", "AL", "DE", "LA", "EL", "LE", "DU", "DA", "DO", "MR", "DR", "ST", "TO", "ON", "AT", "BY",
               "HU", "LI", "MA", "XI", "HO", "NG", "MS", "AN", "EI", "YI", "WU", "LU", "OH"}


def is_person_name(name: str, agent_words: set[str]) -> bool:
    words = name.lower().split()
    return (2 <= len(words) <= 5 and not set(words) & (ORGANISATION_WORDS | GROUP_NAMES) and words[-1] not in agent_words
            and not any(c.isdigit() for c in name))


def is_person(actor: dict, agent_words: set[str], first_names: set[str]) -> bool:
    """Whether a dictionary entry names a person. The international dictionary mixes IGO officials with
    thousands of companies ("Tim Hortons") and NGOs ("Red Crescent") whose names look like persons' names:
    company entries are organisations, and an NGO entry is a person only when it starts with a known
    first name or initials ("A. G. Kishore")."""
    if actor["source"] == MILITANT_GROUPS or not is_person_name(actor["name"], agent_words):
        return False
    kinds = {code["parts"][0] for code in actor["codes"] if code.get("parts")}
    if "MNC" in kinds:
        return False
    if "NGO" in kinds:
        first = actor["name"].split()[0].lower()
        return first in first_names or re.fullmatch(r"(\w\.)+", first) is not None
    return True


def names_its_people(alias: str, agent_words: set[str]) -> bool:
    """ "White House official", "Pentagon spokesman": an organisation's alias that names one of its people
    (the actors stage composes those from the organisation and the title, and can then tell "former")."""
    words = alias.lower().split()
    return len(words) > 1 and words[-1] in agent_words and denotes_person(words[-1])


def single_agent_words(shared: Path) -> set[str]:
    words = set()
    for agent in read_jsonl(shared / "facts" / "agents.jsonl"):
        words.update(term.lower() for term in [agent["term"], *agent["plurals"]] if " " not in term)
    return words


def display_case(phrase: str) -> str:
    """Phoenix phrases are upper case: title-case them, keeping what looks like an acronym."""
    if not phrase.isupper():
        return phrase
    if " " not in phrase and len(phrase) <= 5:
        return phrase  # NATO, ASEAN, APEC
    words = []
    for word in phrase.split():
        letters = word.strip(".-'")
        acronym = "." in letters or len(letters) <= 2 and letters not in SHORT_WORDS or not set(letters) & set("AEIOUY")
        words.append(word if acronym else "-".join(part.capitalize() for part in word.lower().split("-")))
    return " ".join(words)


# Branches of government that PLOVER codes as sectors of their own although CAMEO writes them under GOV
# (the Knesset is ISRGOVLEG: PLOVER LEG).
GOVERNMENT_BRANCHES = ("LEG", "JUD")


def code_fields(parts: list[str], sectors: set[str], cameo_to_plover: dict[str, str],
                countries: dict[str, str]) -> tuple[str, str]:
    """(country field, PLOVER sector) of a Phoenix code split into 3-letter parts."""
    first = countries.get(parts[0], parts[0])
    roles = parts[1:]
    if first in NONSTATE_TYPES:
        country = "UNO" if "UNO" in parts else "EUR" if parts[1:3] == ["EUR", "EEC"] else first
        if country == "INT":
            country = "IGO"
    elif first in countries.values():
        country = first
    else:
        # a CAMEO region ("MEA" Middle East, "SAS" South Asia) or a bare role ("MED" media): no country
        country, roles = "", parts
    if roles[:1] == ["GOV"]:
        branch = next((part for part in roles[1:] if part in GOVERNMENT_BRANCHES), None)
        if branch:
            return country, branch
    for part in roles:
        # Phoenix codes are CAMEO codes: its MED is media (PLOVER JRN), its HLH health (PLOVER MED)
        sector = cameo_to_plover[part] if part in cameo_to_plover else part if part in sectors else ""
        if sector in sectors:
            return country, sector
    return country, ""


def country_name_words(shared: Path) -> dict[tuple[str, ...], str]:
    """Lower-cased word tuples of country names and demonyms -> accord country code."""
    codes = country_codes(shared)
    words: dict[tuple[str, ...], str] = {}
    for country in read_jsonl(shared / "facts" / "countries.jsonl"):
        for name in [country["name"], *country["aliases"], *demonym_forms(country["demonyms"])]:
            words.setdefault(tuple(clean_cell(name).lower().split()), codes[country["iso3"]])
    return words


def named_country(name: str, aliases: list[str], country_words: dict[tuple[str, ...], str]) -> str:
    """The country a group's own name gives ("Democratic Front for the Liberation of Rwanda", "Eritrean
    Liberation Front"), when its code has none."""
    for phrase in [name, *aliases]:
        words = phrase.lower().split()
        for length in (3, 2, 1):
            for start in range(len(words) - length + 1):
                code = country_words.get(tuple(words[start : start + length]))
                if code:
                    return code
    return ""


def derive_named_actors(shared: Path) -> None:
    sectors = {row["sector"] for row in read_tsv(shared / "ontology" / "plover" / "sectors.tsv")}
    country_words = country_name_words(shared)
    cameo_to_plover = plover_sectors(shared)
    countries = country_codes(shared)
    agent_words = single_agent_words(shared) | {"countries", "bodies", "mission", "secretariat", "project"} \
        | {row["term"] for row in read_tsv(DATA / "agents_extra.tsv") if " " not in row["term"]}
    # A one-word alias that is an ordinary word ("Organization" for Tanzim) would fire on any text.
    common_words = ORGANISATION_WORDS
    first_names = person_first_names(shared)
    people, organisations = [], []
    for filename in ("actors.jsonl", "igos.jsonl"):
        for actor in read_jsonl(shared / "facts" / filename):
            name = display_case(clean_cell(actor["name"]))
            # "THE ISLAMIC STATE" is written "Islamic State" after another determiner ("an Islamic State attack")
            bare = [actor["name"][4:]] if actor["name"].upper().startswith("THE ") else []
            person = is_person(actor, agent_words, first_names)
            aliases = joined(display_case(alias) for alias in [*bare, *actor["aliases"]]
                             if "," not in alias and alias.lower() not in common_words
                             and (person or not names_its_people(alias, agent_words)))
            for code in actor["codes"]:
                if not code["code"] or not code["parts"] or code.get("date_problem") == "unparseable":
                    continue
                country, sector = code_fields(code["parts"], sectors, cameo_to_plover, countries)
                country = country or named_country(actor["name"], actor["aliases"], country_words)
                dates = [code["from"] or "", code["to"] or ""]
                if person:
                    people.append([name, aliases, country, sector, code["code"], "", *dates])
                else:
                    kind = NONSTATE_TYPES.get(code["parts"][0], "group")
                    organisations.append([name, aliases, country, sector, code["code"], kind, "", *dates])
    header = ["name", "aliases", "country", "sector", "code"]
    write_tsv("people.tsv", [*header, "role", "from", "to"], people)
    write_tsv("organisations.tsv", [*header, "type", "parent", "from", "to"], organisations)


DERIVATIONS = {
    "cameo": derive_cameo,
    "cameo_plover": derive_cameo_plover,
    "countries": derive_countries,
    "places": derive_places,
    "agents": derive_agents,
    "named_actors": derive_named_actors,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", nargs="?", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--only", nargs="*", choices=sorted(DERIVATIONS), default=sorted(DERIVATIONS))
    args = parser.parse_args()
    DATA.mkdir(parents=True, exist_ok=True)
    for name in args.only:
        DERIVATIONS[name](args.shared)


if __name__ == "__main__":
    main()
