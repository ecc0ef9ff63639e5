"""facts stage: quantities in the text (trade, investment, aid, casualties, lengths...) as Fact records.

Numbers are read from the parse rather than through quantulum3: spaCy already tokenises
"$1.2 billion" / "30,000km" / "2.5%" into number, scale and unit tokens, and the dependency tree is
what tells which measure ("two-way trade" as the subject of "hit") and which time expression a number
belongs to. The measure vocabulary, units and scale words live in ``data/measures.tsv``.

Per number: skip it when it is part of a time expression ("2014", "the last 28 years", "April 4-9")
or of a compound ("two-way"); read value, scale, unit and approximation words ("some", "more than");
find the measure in the places that speak about the number, in order: its governing verb ("killed"),
the noun it counts ("protesters"), its own phrase ("30,000km in length"), the clause subject
("two-way trade"), the rest of the clause, the unit ("km" means a length). A percentage that is a
change ("a year-on-year rise of 2.5%") measures the growth of the fact it follows or of its own
subject, and shares that fact's subject and period. Numbers with no measure are not facts, and
neither are ages ("Ahmed Ali, 34,", "aged 19").

The last section compares stored facts across reports: which agree, which conflict (`accord facts`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from .data import read_table
from .records import Article, Evidence, Fact, Mention, Sentence, TimeExpression, Token
from .time import ancestors, attached_time, cardinal, clause_head, span_head

NUMBER = re.compile(r"(\d[\d,]*(?:\.\d+)?)(%|[^\W\d_]+)?")
APPROXIMATIONS = ("more than", "less than", "fewer than", "at least", "up to", "close to", "as many as",
                  "some", "about", "around", "nearly", "almost", "approximately", "roughly", "over")
CONCESSIVES = {"despite", "amid", "notwithstanding"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
LINKED_DEPS = {"conj", "advcl", "xcomp"}
LEVEL_PREPOSITIONS = {"to", "below", "above", "under"}  # "rose to 7%", "fell below 5%": a level, not a change
BOUND_PREPOSITIONS = {"below", "above", "under"}  # "fell below 5%": the level is a bound, kept as a qualifier
AGE_WORDS = {"aged", "age"}


@dataclass(frozen=True, slots=True)
class Vocabulary:
    measures: dict[tuple[str, ...], tuple[str, str]]  # words -> (measure, default unit)
    units: dict[tuple[str, ...], tuple[str, str]]  # words -> (unit, measure the unit implies)
    scales: dict[str, float]
    changes: dict[str, int]  # change word -> sign
    recipients: dict[str, set[str]]  # measure -> prepositions that name who it is for ("a loan to Kenya")


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    measures, units, scales, changes, recipients = {}, {}, {}, {}, {}
    for row in read_table("measures.tsv"):
        phrase, kind, measure, unit, factor = (row[k] for k in ("phrase", "kind", "measure", "unit", "factor"))
        words = phrase_words(phrase)
        if kind == "measure":
            measures[words] = (measure, unit)
        elif kind == "unit":
            units[words] = (unit, measure)
        elif kind == "scale":
            scales[phrase] = float(factor)
        elif kind == "change":
            changes[phrase] = int(factor)
        elif kind == "recipient":
            recipients.setdefault(measure, set()).add(phrase)
    return Vocabulary(measures, units, scales, changes, recipients)


def phrase_words(phrase: str) -> tuple[str, ...]:
    """Split a phrase the way spaCy splits text ("two-way trade" -> two, -, way, trade)."""
    return tuple(re.findall(r"\w+|[^\w\s]+", phrase.lower()))


# --- reading numbers ---------------------------------------------------------------------------


@dataclass(slots=True)
class Quantity:
    first: int  # article-level token indexes of the number phrase (currency symbol .. unit)
    last: int
    number: Token
    value: float
    unit: str | None
    implied_measure: str | None
    qualifiers: list[str] = field(default_factory=list)


def number_value(text: str) -> tuple[float, str] | None:
    """The number a token starts with and what is glued to it ("30,000km" -> 30000, "km")."""
    match = NUMBER.match(text)
    if match:
        return float(match.group(1).replace(",", "")), (match.group(2) or "").lower()
    count = cardinal(text.lower())
    return (float(count), "") if count is not None else None


def match_phrase(table: dict[tuple[str, ...], tuple[str, str]], tokens: list[Token], at: int) -> tuple[int, tuple[str, str]] | None:
    """The longest table phrase starting at ``tokens[at]`` (by text or lemma): (length, entry)."""
    for length in (4, 3, 2, 1):
        window = tokens[at : at + length]
        if len(window) < length:
            continue
        for words in (tuple(t.text.lower() for t in window), tuple(t.lemma.lower() for t in window)):
            if words in table:
                return length, table[words]
    return None


def approximation_before(sentence: Sentence, position: int) -> str | None:
    before = " ".join(t.text.lower() for t in sentence.tokens[max(0, position - 3) : position])
    for phrase in APPROXIMATIONS:
        if before == phrase or before.endswith(" " + phrase):
            return phrase
    return None


def in_spans(token: Token, spans: list[tuple[int, int]]) -> bool:
    return any(start <= token.start < end for start, end in spans)


def read_quantity(sentence: Sentence, position: int) -> Quantity | None:
    """The quantity whose number is ``sentence.tokens[position]``, or None for a non-quantity."""
    vocab = vocabulary()
    tokens = sentence.tokens
    number = tokens[position]
    parsed = number_value(number.text)
    if parsed is None or re.match(r"0\d", number.text):  # "000" of a split "$430 , 000"
        return None
    amount, glued = parsed
    unit, implied, last = None, None, position
    if glued in vocab.scales:
        amount *= vocab.scales[glued]
    elif glued:
        glued_unit = vocab.units.get(phrase_words(glued))
        if glued_unit is None:
            return None  # "2nd", "5G": not a quantity
        unit, implied = glued_unit
    while last + 1 < len(tokens) and tokens[last + 1].text.lower() in vocab.scales:
        last += 1
        amount *= vocab.scales[tokens[last].text.lower()]
    if unit is None:
        found = match_phrase(vocab.units, tokens, last + 1)
        if found:
            last += found[0]
            unit, implied = found[1]
    first = position
    if unit is None and position > 0:
        found = match_phrase(vocab.units, tokens, position - 1)
        if found and found[0] == 1:
            first = position - 1
            unit, implied = found[1]
    quantity = Quantity(sentence.token_start + first, sentence.token_start + last, number, amount, unit, implied or None)
    approximation = approximation_before(sentence, first)
    if approximation:
        quantity.qualifiers.append(approximation)
    return quantity


def is_year(quantity: Quantity) -> bool:
    return quantity.unit is None and re.fullmatch(r"1[89]\d\d|20\d\d", quantity.number.text) is not None


def is_age(sentence: Sentence, quantity: Quantity) -> bool:
    """"Ahmed Ali, 34,", "the couple, both 51,", "aged 19 and 23": a person's age, not a count."""
    if quantity.unit is not None:
        return False
    number = quantity.number
    while number.dep == "conj" and number.head != number.i and sentence.token(number.head).pos == "NUM":
        number = sentence.token(number.head)
    if number.dep == "appos":
        return True
    position = number.i - sentence.token_start
    before = [t.text.lower() for t in sentence.tokens[max(0, position - 2) : position]]
    return bool(before) and (before[-1] in AGE_WORDS or before == ["age", "of"])


def quantities(sentence: Sentence, time_spans: list[tuple[int, int]]) -> list[Quantity]:
    found = []
    position = 0
    while position < len(sentence.tokens):
        token = sentence.tokens[position]
        following = sentence.tokens[position + 1] if position + 1 < len(sentence.tokens) else None
        quantity = None
        if (token.tag == "CD" or token.text[:1].isdigit()) and not in_spans(token, time_spans):
            if not (following is not None and following.tag == "HYPH"):  # "two-way", "5-year"
                quantity = read_quantity(sentence, position)
        if quantity is not None and not is_year(quantity) and not is_age(sentence, quantity):
            found.append(quantity)
            position = quantity.last - sentence.token_start
        position += 1
    return found


# --- reading the parse -------------------------------------------------------------------------


def children_of(sentence: Sentence) -> dict[int, list[Token]]:
    children: dict[int, list[Token]] = {}
    for token in sentence.tokens:
        if token.head != token.i:
            children.setdefault(token.head, []).append(token)
    return children


def subtree(token: Token, children: dict[int, list[Token]]) -> list[Token]:
    found, stack = [], [token]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(children.get(current.i, []))
    return sorted(found, key=lambda t: t.i)


def clause_subject(sentence: Sentence, verb: Token, children: dict[int, list[Token]]) -> Token | None:
    """The verb's subject; a pronoun or a missing subject borrows the subject of the clause it hangs on."""
    for _ in range(len(sentence.tokens)):
        subject = next((c for c in children.get(verb.i, []) if c.dep in SUBJECT_DEPS), None)
        if subject is not None and subject.tag not in ("PRP", "WDT", "WP"):
            return subject
        if verb.dep not in LINKED_DEPS or verb.head == verb.i:
            return subject
        verb = clause_head(sentence, sentence.token(verb.head))
    return None


def quantity_head(sentence: Sentence, quantity: Quantity) -> Token:
    start = sentence.token(quantity.first).start
    return span_head(sentence, start, sentence.token(quantity.last).end) or quantity.number


def counted_noun(sentence: Sentence, head: Token) -> Token | None:
    """The noun a quantity counts or sizes ("3,000 protesters", "a $500 million loan")."""
    if head.dep in ("nummod", "quantmod", "compound") and head.head != head.i:
        noun = sentence.token(head.head)
        if noun.pos in ("NOUN", "PROPN"):
            return noun
    return None


def measure_in(tokens: list[Token], near: Token) -> tuple[str, str, Token] | None:
    """The measure phrase in ``tokens`` nearest to ``near``: (measure, default unit, phrase token)."""
    found = []
    for at, token in enumerate(tokens):
        match = match_phrase(vocabulary().measures, tokens, at)
        if match:
            found.append((-match[0], abs(token.i - near.i), match[1], token))
    if not found:
        return None
    best = min(found, key=lambda f: f[:2])
    return best[2][0], best[2][1], best[3]


def change_sign(sentence: Sentence, head: Token, verb: Token) -> tuple[int, Token] | None:
    """Whether the quantity is a change ("rose 12%", "a rise of 2.5%"): the sign and the change word.
    "rose to 7%", "fell below 5%" are levels, not changes."""
    chain = ancestors(sentence, head)
    if len(chain) > 1 and chain[1].text.lower() in LEVEL_PREPOSITIONS:
        return None
    for token in chain[1:]:
        for word in (token.text.lower(), token.lemma.lower()):
            if word in vocabulary().changes:
                return vocabulary().changes[word], token
        if token.i == verb.i:
            break
    return None


# --- subjects, qualifiers ----------------------------------------------------------------------


def actor_mentions(article: Article, sentence: Sentence) -> list[Mention]:
    return [m for actor in article.actors for m in actor.mentions if m.sentence == sentence.index]


def span_text(article: Article, tokens: list[Token]) -> tuple[str, int, int]:
    start, end = tokens[0].start, max(t.end for t in tokens)
    return article.text[start:end], start, end


def subject_of(article: Article, sentence: Sentence, phrases: list[list[Token]], number: Token) -> tuple[list[str], str]:
    """Actors inside the first phrase that has any; else the actor mentioned nearest the number."""
    mentions = actor_mentions(article, sentence)
    for phrase in phrases:
        if not phrase:
            continue
        text, start, end = span_text(article, phrase)
        inside = [m for m in mentions if start <= m.start and m.end <= end]
        if inside:
            return list(dict.fromkeys(m.actor for m in inside)), text
    if mentions:
        nearest = min(mentions, key=lambda m: abs(m.start - number.start))
        return [nearest.actor], nearest.text
    return [], ""


def recipient_phrases(
    measure: str, heads: list[Token | None], children: dict[int, list[Token]]
) -> list[list[Token]]:
    """"a $500 million loan to Kenya", "lent $2 billion to Sri Lanka": who receives aid or a loan is
    what the figure is about, rather than the giver in the clause subject."""
    prepositions = vocabulary().recipients.get(measure.removesuffix("_growth"), set())
    return [
        subtree(receiver, children)
        for head in heads
        if head is not None
        for child in children.get(head.i, [])
        if child.dep in ("prep", "dative") and child.text.lower() in prepositions
        for receiver in children.get(child.i, [])
        if receiver.dep == "pobj"
    ]


def concessive_qualifiers(article: Article, verb: Token, children: dict[int, list[Token]]) -> list[str]:
    """"despite severe impacts of the pandemic": said of the whole clause."""
    return [
        span_text(article, subtree(child, children))[0]
        for child in children.get(verb.i, [])
        if child.text.lower() in CONCESSIVES
    ]


def says_alone(sentence: Sentence, period: TimeExpression) -> bool:
    """"in the first quarter alone": the period is singled out (spaCy may leave "alone" outside the span)."""
    for token in sentence.tokens:
        if token.text.lower() == "alone":
            head = sentence.token(token.head)
            if period.start <= token.start < period.end or period.start <= head.start < period.end:
                return True
    return False


def change_qualifier(article: Article, change_word: Token, children: dict[int, list[Token]]) -> str | None:
    """"year-on-year rise": the change noun with its modifiers, when it has any."""
    modifiers = [c for c in children.get(change_word.i, []) if c.i < change_word.i and c.dep not in ("det", "punct")]
    if change_word.pos != "NOUN" or not modifiers:
        return None
    tokens = [t for m in modifiers for t in subtree(m, children)] + [change_word]
    return span_text(article, sorted(tokens, key=lambda t: t.i))[0]


# --- the stage ---------------------------------------------------------------------------------


def sentence_facts(article: Article, sentence: Sentence) -> list[Fact]:
    times = [t for t in article.times if t.sentence == sentence.index]
    # vague phrases and unanchored lengths ("a year after") place nothing in time
    periods = [
        t for t in times
        if t.value.granularity is not None and (t.value.start is not None or t.value.granularity != "duration")
    ]
    children = children_of(sentence)
    facts: list[Fact] = []
    for quantity in quantities(sentence, [(t.start, t.end) for t in times]):
        fact = quantity_fact(article, sentence, quantity, children, periods, facts[-1] if facts else None)
        if fact is not None:
            facts.append(fact)
    return facts


def find_measure(
    quantity: Quantity,
    head: Token,
    verb: Token,
    noun: Token | None,
    subject: Token | None,
    change_word: Token | None,
    children: dict[int, list[Token]],
) -> tuple[str, str, Token] | None:
    """The measure of a quantity, looked for where it is most likely said first (see module doc)."""
    sites = [[verb], [noun] if noun else []]
    if quantity.unit is not None:  # a bare count ("two sides", "15 agreements") needs its verb or noun
        sites += [subtree(head, children), subtree(subject, children) if subject else [], subtree(verb, children)]
    for site in sites:
        site = [t for t in site if change_word is None or t.i != change_word.i]
        found = measure_in(site, head) if site else None
        if found:
            return found
    return None


def quantity_fact(
    article: Article,
    sentence: Sentence,
    quantity: Quantity,
    children: dict[int, list[Token]],
    periods: list[TimeExpression],
    previous: Fact | None,
) -> Fact | None:
    head = quantity_head(sentence, quantity)
    verb = clause_head(sentence, head)
    noun = counted_noun(sentence, head)
    subject = clause_subject(sentence, verb, children)
    # only a measured amount changes ("rose 12%"); "fell to 45-7-2", "dropped six points" are not facts
    change = change_sign(sentence, head, verb) if quantity.unit is not None else None
    found = find_measure(quantity, head, verb, noun, subject, change[1] if change else None, children)
    measure, default_unit, measure_token = found if found else (quantity.implied_measure, "", None)
    linked = change is not None and found is None and previous is not None

    qualifiers = list(quantity.qualifiers)
    governing = ancestors(sentence, head)[1:2]
    if governing and governing[0].text.lower() in BOUND_PREPOSITIONS:
        qualifiers.append(governing[0].text.lower())
    if change is not None:
        described = change_qualifier(article, change[1], children)
        if described:
            qualifiers.append(described)
        base = previous.measure.removesuffix("_growth") if linked else measure
        measure = f"{base}_growth" if base else "growth"
    if measure is None:
        return None
    qualifiers += concessive_qualifiers(article, verb, children)

    if linked:
        subject_ids, subject_text, period = previous.subject, previous.subject_text, previous.period
    else:
        phrases = [subtree(measure_token, children) if measure_token is not None and measure_token.pos == "NOUN" else [],
                   subtree(noun, children) if noun else [],
                   *recipient_phrases(measure, [measure_token, noun, verb], children),
                   subtree(subject, children) if subject else []]
        subject_ids, subject_text = subject_of(article, sentence, phrases, quantity.number)
        attached = attached_time(sentence, head, periods)
        period = attached.value if attached else None
        if attached is not None and says_alone(sentence, attached):
            qualifiers.append("alone")
    value = quantity.value * (change[0] if change else 1)
    first, last = sentence.token(quantity.first), sentence.token(quantity.last)
    trigger = re.sub(r"[^\w%$€£]+$", "", article.text[first.start : last.end])  # "2.5%./." -> "2.5%"
    return Fact(
        measure=measure,
        value=value,
        unit=quantity.unit or default_unit or "count",
        subject=subject_ids,
        subject_text=subject_text,
        evidence=Evidence(
            sentence=sentence.index,
            start=sentence.start,
            end=sentence.end,
            text=sentence.text,
            trigger=trigger,
            trigger_start=first.start,
            trigger_end=first.start + len(trigger),
        ),
        period=period,
        qualifiers=qualifiers,
    )


class FactExtractor:
    """Fills ``article.facts``; runs after the time stage (periods come from ``article.times``)."""

    def __call__(self, article: Article) -> Article:
        article.facts = [fact for sentence in article.sentences for fact in sentence_facts(article, sentence)]
        return article


# --- across reports ----------------------------------------------------------------------------
#
# Works on stored fact rows (accord.store.Store.facts). Two facts are comparable when they give the
# same measure in the same unit for the same subject (the set of actor codes, else countries) over
# the same or overlapping period of the same granularity. Facts with no subject or no resolved
# period are compared with nothing: a length or a count that grows over time is no conflict.
#
# Two comparable values agree when they differ by at most 1 %, or when rounding to the precision
# each was written at explains the difference ("600 million" and "603.2 million" agree). Trailing
# zeros of a whole number are read as rounding, but to no fewer than two significant figures
# ("600 million" is 595-605 million) unless an approximation word says more ("about 600 million" is
# 550-650 million); "more than 600 million" is any value from 600 million up.

AGREEMENT = 0.01  # relative difference that is never a conflict
LOWER_BOUNDS = {"more than", "at least", "over", "above"}
UPPER_BOUNDS = {"less than", "fewer than", "up to", "below", "under"}


def written_precision(row: dict) -> float:
    """The step the figure was rounded to, in the fact's unit ("1.2 billion" -> 1e8)."""
    match = NUMBER.search(row.get("evidence_text") or "")
    if match is None:
        return 0.0
    digits = match.group(1).replace(",", "")
    number = float(digits)
    if "." in digits:
        step = 10.0 ** -len(digits.split(".")[1])
    else:
        zeros = len(digits) - len(digits.rstrip("0"))
        if not set(row.get("qualifiers") or []) & set(APPROXIMATIONS):
            zeros = min(zeros, max(0, len(digits) - 2))
        step = 10.0**zeros
    scale = abs(row["value"]) / number if number else 1.0
    return step * scale


def value_range(row: dict) -> tuple[float, float]:
    """The values a fact allows: its rounding interval, opened by "more than" / "up to"."""
    value = row["value"]
    qualifiers = set(row.get("qualifiers") or [])
    if qualifiers & LOWER_BOUNDS:
        return value, float("inf")
    if qualifiers & UPPER_BOUNDS:
        return float("-inf"), value
    half = written_precision(row) / 2
    return value - half, value + half


def values_agree(first: dict, second: dict) -> bool:
    a, b = first["value"], second["value"]
    largest = max(abs(a), abs(b))
    if largest == 0 or abs(a - b) / largest <= AGREEMENT:
        return True
    (low_a, high_a), (low_b, high_b) = value_range(first), value_range(second)
    return low_a <= high_b and low_b <= high_a


def subject_key(row: dict) -> tuple[str, ...] | None:
    """The subject as a comparable set: actor codes, else countries; None when any is unknown."""
    codes = row.get("subject") or []
    countries = row.get("subject_countries") or [None] * len(codes)
    names = [code or country for code, country in zip(codes, countries)]
    if not names or None in names:
        return None
    return tuple(sorted(set(names)))


def periods_overlap(first: dict, second: dict) -> bool:
    """Same granularity and intersecting spans; an open end ("since 1994") runs on forever."""
    if first["period_granularity"] != second["period_granularity"]:
        return False
    start_a, start_b = first["period_start"], second["period_start"]
    end_a, end_b = first["period_end"] or start_a.max, second["period_end"] or start_b.max
    return start_a <= end_b and start_b <= end_a


@dataclass(slots=True)
class Reading:
    """Facts of a group that agree with each other: one value, possibly from several reports."""

    facts: list[dict] = field(default_factory=list)

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(f["article"] for f in self.facts))

    @property
    def reports(self) -> int:
        return len(self.articles)

    @property
    def value(self) -> float:
        """The most precisely written value of the reading."""
        return min(self.facts, key=written_precision)["value"]


@dataclass(slots=True)
class FactGroup:
    """Comparable facts (same measure, unit, subject and period), split into agreeing readings."""

    measure: str
    unit: str
    subject: tuple[str, ...]
    facts: list[dict] = field(default_factory=list)
    readings: list[Reading] = field(default_factory=list)

    @property
    def period(self) -> dict:
        """The period of the fact that opened the group (the others overlap it)."""
        first = self.facts[0]
        return {k: first[f"period_{k}"] for k in ("text", "start", "end", "granularity")}

    @property
    def in_conflict(self) -> bool:
        """Two readings with a fact each from different articles: two reports disagree."""
        return any(
            a != b
            for i, reading in enumerate(self.readings)
            for other in self.readings[i + 1 :]
            for a in reading.articles
            for b in other.articles
        )


def comparable(row: dict) -> bool:
    return subject_key(row) is not None and row.get("period_start") is not None


def group_facts(rows: list[dict]) -> list[FactGroup]:
    """Comparable facts grouped (see the section comment); each fact is in one group, a fact that
    is comparable with nothing alone in its own. Readings are listed most reported first."""
    groups: list[FactGroup] = []
    by_key: dict[tuple, list[FactGroup]] = {}  # comparable groups by measure, unit and subject
    for row in sorted(rows, key=lambda r: (r["period_start"] or date.max, r["article"], r["fact_index"])):
        candidates = by_key.setdefault((row["measure"], row["unit"], subject_key(row)), []) if comparable(row) else []
        group = next((g for g in candidates if any(periods_overlap(row, f) for f in g.facts)), None)
        if group is None:
            subject = subject_key(row) or tuple(code for code in row.get("subject") or [] if code)
            group = FactGroup(row["measure"], row["unit"], subject)
            groups.append(group)
            candidates.append(group)
        group.facts.append(row)
        reading = next((r for r in group.readings if all(values_agree(row, f) for f in r.facts)), None)
        if reading is None:
            reading = Reading()
            group.readings.append(reading)
        reading.facts.append(row)
    for group in groups:
        group.readings.sort(key=lambda r: -r.reports)
    return groups


def with_report_counts(rows: list[dict]) -> list[dict]:
    """Each fact row with ``reports`` (articles that give an agreeing value, its own included) and
    ``disputed_by`` (articles that give a comparable value that disagrees)."""
    counts = {}
    for group in group_facts(rows):
        for reading in group.readings:
            others = {a for r in group.readings if r is not reading for a in r.articles} - set(reading.articles)
            for fact in reading.facts:
                counts[fact["article"], fact["fact_index"]] = {"reports": reading.reports, "disputed_by": len(others)}
    return [row | counts[row["article"], row["fact_index"]] for row in rows]


def source_json(fact: dict) -> dict:
    return {
        "article": fact["article"],
        "record_id": fact.get("article_record_id"),
        "title": fact.get("article_title"),
        "source": fact.get("article_source"),
        "date": fact["article_date"].isoformat() if fact.get("article_date") else None,
        "url": fact.get("article_url"),
        "value": fact["value"],
        "trigger": fact["evidence_text"],
        "evidence": fact["evidence_sentence"],
    }


def conflict_json(group: FactGroup) -> dict:
    """A disputed figure: what it measures, and each value given with the reports that give it."""
    period = group.period
    return {
        "measure": group.measure,
        "unit": group.unit,
        "subject": list(group.subject),
        "period": {k: v.isoformat() if isinstance(v, date) else v for k, v in period.items()},
        "readings": [
            {"value": reading.value, "reports": reading.reports, "sources": [source_json(f) for f in reading.facts]}
            for reading in group.readings
        ],
    }


def conflicts(rows: list[dict]) -> list[FactGroup]:
    """The groups of comparable facts on which two reports disagree."""
    return [group for group in group_facts(rows) if group.in_conflict]
