"""time stage: find date expressions, resolve them against the publication date, date the events.

Spans come from spaCy's DATE/TIME entities plus a few patterns spaCy misses (day ranges, vague
phrases such as "in the coming time", "since 1994"). Each span is resolved by a small hand-written
grammar over its words (nothing offline resolves news dates correctly): absolute dates and ranges,
calendar shifts ("last year", "next month"), quarters and halves, weekdays (the tense of the
governing verb picks the past or the coming one), "N units ago", durations and vague phrases.

Decisions:
* Durations ("over the last 28 years") get granularity "duration" and, when the publication date
  is known, the window they cover (start = pub date minus 28 years, end = pub date); a bare count
  ("28 years") keeps start/end None. A duration is never the date of an event.
* Vague phrases ("recently", "the recent talks", "in the coming time") are kept with granularity
  None and start None, so they show in ``article.times`` but never date an event (the publication
  date does instead).
* "since 1994" opens the end (start 1994-01-01, end None); "by 2030" / "until May" resolve to the
  named period itself; the qualifier stays in the expression text.
* A day or month without a year takes the year that puts it nearest the publication date.
* "the end of the year" / "the start of the month" resolve to the current year / month; a weekend
  is its Saturday and Sunday (granularity "range"), the tense picking the coming or the past one.
* "the second half" / "the fourth quarter" with no year named, in a sentence about a game
  ("scored", "match", "half-time"), is part of a match and not a time at all.
* Without a publication date, relative expressions keep their text and granularity with start and
  end None; absolute ones still resolve.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

from .data import read_table
from .ingest import MONTHS
from .records import Article, Event, Sentence, TimeExpression, TimeValue, Token

SPAN_LABELS = {"DATE", "TIME"}
UNITS = {"day", "week", "month", "quarter", "year", "decade", "fortnight"}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
                "hundred": 100, "dozen": 12}
RANGE_SEPARATORS = {"-", "to", "through", "till", "until", "and"}
CLAUSE_POS = {"VERB", "AUX"}
PART_UNITS = {"week", "month", "quarter", "year"}
FUTURE_AUX = {"will", "shall", "'ll"}


@dataclass(frozen=True, slots=True)
class TimeWords:
    day_offsets: dict[str, int]
    shifts: dict[str, int]
    trailing: dict[str, int]
    ordinals: dict[str, int]
    qualifiers: dict[str, str]
    fillers: frozenset[str]
    vague: frozenset[str]
    parts: frozenset[str]  # "the end of the year": a part of the current period
    game_words: frozenset[str]  # a sentence about a match, where "the second half" is not a half-year


@lru_cache(maxsize=1)
def time_words() -> TimeWords:
    rows: dict[str, dict[str, str]] = {}
    for row in read_table("time_words.tsv"):
        rows.setdefault(row["kind"], {})[row["phrase"]] = row["value"]
    return TimeWords(
        day_offsets={p: int(v) for p, v in rows.get("day", {}).items()},
        shifts={p: int(v) for p, v in rows.get("shift", {}).items()},
        trailing={p: int(v) for p, v in rows.get("trailing", {}).items()},
        ordinals={p: int(v) for p, v in rows.get("ordinal", {}).items()},
        qualifiers=rows.get("qualifier", {}),
        fillers=frozenset(rows.get("filler", {})),
        vague=frozenset(rows.get("vague", {})),
        parts=frozenset(rows.get("part", {})),
        game_words=frozenset(rows.get("game", {})),
    )


# English names and abbreviations, as accord.ingest.MONTHS (Python's calendar is English unless a program sets LC_TIME).
WEEKDAYS = {name.lower(): number for number in range(7) for name in (calendar.day_name[number], calendar.day_abbr[number])}


def month_number(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


def weekday_number(word: str) -> int | None:
    return WEEKDAYS.get(word)


def cardinal(word: str) -> int | None:
    """A small count written as digits or as a word ("28", "three")."""
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


# --- calendar arithmetic -----------------------------------------------------------------------


def add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def shift_date(day: datetime.date, unit: str, amount: int) -> datetime.date:
    match unit:
        case "day":
            return day + datetime.timedelta(days=amount)
        case "week":
            return day + datetime.timedelta(weeks=amount)
        case "fortnight":
            return day + datetime.timedelta(weeks=2 * amount)
        case "month":
            return add_months(day, amount)
        case "quarter":
            return add_months(day, 3 * amount)
        case "decade":
            return add_months(day, 120 * amount)
        case _:
            return add_months(day, 12 * amount)


def period_of(day: datetime.date, unit: str) -> tuple[datetime.date, datetime.date]:
    """The calendar week/month/quarter/year that contains ``day``."""
    match unit:
        case "day":
            return day, day
        case "week":
            monday = day - datetime.timedelta(days=day.weekday())
            return monday, monday + datetime.timedelta(days=6)
        case "month":
            return month_span(day.year, day.month)
        case "quarter":
            return quarter_span(day.year, (day.month - 1) // 3 + 1)
        case _:
            return datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31)


def month_span(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, month, 1), datetime.date(year, month, calendar.monthrange(year, month)[1])


def quarter_span(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 3 * quarter - 2, 1), month_span(year, 3 * quarter)[1]


def value(text: str, start: datetime.date | None, end: datetime.date | None, granularity: str | None) -> TimeValue:
    return TimeValue(
        text=text,
        start=start.isoformat() if start else None,
        end=end.isoformat() if end else None,
        granularity=granularity,
    )


# --- the grammar -------------------------------------------------------------------------------


@dataclass(slots=True)
class Partial:
    """A date written with some parts missing ("April 4", "9", "2021")."""

    year: int | None = None
    month: int | None = None
    day: int | None = None


def words_of(text: str) -> list[str]:
    words = re.findall(r"\d+(?:st|nd|rd|th)?|[a-z]+'?[a-z]*|[-–—]", text.lower())
    return ["-" if w in "–—" else re.sub(r"(?<=\d)(st|nd|rd|th)$", "", w) for w in words]


def partial_date(words: list[str]) -> Partial | None:
    if not words:
        return None
    partial = Partial()
    for word in words:
        month = month_number(word)
        if month is not None and partial.month is None:
            partial.month = month
        elif word.isdigit() and len(word) == 4 and partial.year is None:
            partial.year = int(word)
        elif word.isdigit() and 1 <= int(word) <= 31 and partial.day is None:
            partial.day = int(word)
        else:
            return None
    return partial


def nearest_year(month: int, day: int | None, anchor: datetime.date) -> int:
    """The year that puts a month (or month and day) nearest the publication date."""

    def distance(year: int) -> int:
        first, last = month_span(year, month)
        if day is not None:
            first = last = first.replace(day=min(day, last.day))
        if first <= anchor <= last:
            return 0
        return min(abs((first - anchor).days), abs((last - anchor).days))

    return min((anchor.year - 1, anchor.year, anchor.year + 1), key=distance)


def bounds(partial: Partial, anchor: datetime.date | None) -> tuple[datetime.date, datetime.date, str] | None:
    """First day, last day and granularity of a partial date; None when a year cannot be had."""
    if partial.day is not None and partial.month is None:
        return None
    year = partial.year
    if year is None:
        if partial.month is None or anchor is None:
            return None
        year = nearest_year(partial.month, partial.day, anchor)
    if partial.month is None:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31), "year"
    if partial.day is None:
        return *month_span(year, partial.month), "month"
    day = datetime.date(year, partial.month, partial.day)
    return day, day, "day"


def resolve_absolute(text: str, words: list[str], anchor: datetime.date | None) -> TimeValue | None:
    """A date, month, year or a range of them: "April 4-9", "17 – 21 April 2023", "2019 to 2021"."""
    separators = [i for i, w in enumerate(words) if w in RANGE_SEPARATORS]
    if len(separators) == 1 and 0 < separators[0] < len(words) - 1:
        left = partial_date(words[: separators[0]])
        right = partial_date(words[separators[0] + 1 :])
        if left is None or right is None:
            return None
        if right.month is None and right.day is not None:
            right.month = left.month
        left.year = left.year or right.year
        left_bounds = bounds(left, anchor)
        if left_bounds is None:
            return relative_unresolved(text, "range", words, anchor)
        if right.year is None:
            right.year = left_bounds[0].year + (1 if (right.month or 13) < (left.month or 0) else 0)
        right_bounds = bounds(right, anchor)
        if right_bounds is None or right_bounds[1] < left_bounds[0]:
            return None
        return value(text, left_bounds[0], right_bounds[1], "range")
    partial = partial_date(words)
    if partial is None:
        return None
    resolved = bounds(partial, anchor)
    if resolved is None:
        granularity = "day" if partial.day is not None else "month"
        return relative_unresolved(text, granularity, words, anchor)
    return value(text, *resolved)


def relative_unresolved(text: str, granularity: str, words: list[str], anchor: datetime.date | None) -> TimeValue | None:
    """A year-less date can only wait for a publication date; anything else is not a date."""
    if anchor is None and any(month_number(w) for w in words):
        return value(text, None, None, granularity)
    return None


def unit_of(word: str) -> str | None:
    singular = word.removesuffix("s")
    return singular if singular in UNITS else None


def names_a_year(words: list[str]) -> bool:
    """"2023", "this year", "last year" or nothing at all (the publication year)."""
    return (
        not words
        or (len(words) == 1 and words[0].isdigit() and len(words[0]) == 4)
        or (len(words) == 2 and words[1] == "year" and words[0] in time_words().shifts)
    )


def year_named(words: list[str], anchor: datetime.date | None) -> int | None:
    """The year ``names_a_year`` words name; None when it needs the missing publication date."""
    if len(words) == 1:
        return int(words[0])
    if anchor is None:
        return None
    return anchor.year + (time_words().shifts[words[0]] if words else 0)


def resolve_part_of_year(text: str, words: list[str], anchor: datetime.date | None) -> TimeValue | None:
    """"the first quarter of this year", "the second half of 2023", "Q1 2023", "H2"."""
    if len(words) >= 2 and words[0] in ("q", "h") and words[1].isdigit():
        part, number, rest = ("quarter" if words[0] == "q" else "half"), int(words[1]), words[2:]
    elif len(words) >= 2 and words[0] in time_words().ordinals and words[1] in ("quarter", "half"):
        part, number, rest = words[1], time_words().ordinals[words[0]], words[2:]
    else:
        return None
    if number > (4 if part == "quarter" else 2):
        return None
    rest = [w for w in rest if w not in time_words().fillers]
    if not names_a_year(rest):
        return None
    year = year_named(rest, anchor)
    if year is None:
        return value(text, None, None, part)
    if part == "quarter":
        return value(text, *quarter_span(year, number), "quarter")
    first, last = (1, 6) if number == 1 else (7, 12)
    return value(text, month_span(year, first)[0], month_span(year, last)[1], "half")


def resolve_relative(text: str, words: list[str], anchor: datetime.date | None) -> TimeValue | None:
    """"last year", "this week", "next month", "the past year", "28 years", "two weeks ago"."""
    tw = time_words()
    words = [w for w in words if w not in tw.fillers]
    if len(words) == 3 and words[2] == "ago" and cardinal(words[0]) and unit_of(words[1]):
        unit = unit_of(words[1])
        granularity = {"decade": "year", "fortnight": "week"}.get(unit, unit)
        if anchor is None:
            return value(text, None, None, granularity)
        return value(text, *period_of(shift_date(anchor, unit, -cardinal(words[0])), granularity), granularity)
    direction, count, rest = None, None, words
    if rest and (rest[0] in tw.shifts or rest[0] in tw.trailing):
        direction, rest = rest[0], rest[1:]
    if len(rest) == 2 and cardinal(rest[0]) is not None:
        count, rest = cardinal(rest[0]), rest[1:]
    if len(rest) != 1 or unit_of(rest[0]) is None:
        return None
    unit = unit_of(rest[0])
    if direction is None and count is None:
        return None  # a bare "year" (from "year-on-year") or "annual" is not a time
    if direction in tw.trailing or count is not None:
        sign = tw.trailing.get(direction, tw.shifts.get(direction, 0))
        return duration(text, unit, count or 1, sign, anchor)
    if anchor is None:
        return value(text, None, None, unit)
    if unit in ("decade", "fortnight"):
        return duration(text, unit, 1, tw.shifts[direction] or -1, anchor)
    return value(text, *period_of(shift_date(anchor, unit, tw.shifts[direction]), unit), unit)


def duration(text: str, unit: str, count: int, sign: int, anchor: datetime.date | None) -> TimeValue:
    if sign == 0 or anchor is None:
        return value(text, None, None, "duration")
    other_end = shift_date(anchor, unit, sign * count)
    return value(text, min(anchor, other_end), max(anchor, other_end), "duration")


def resolve_weekday(text: str, words: list[str], anchor: datetime.date | None, future: bool) -> TimeValue | None:
    """"on Thursday", "last Friday", "next Monday": the tense decides between past and coming."""
    words = [w for w in words if w not in time_words().fillers]
    if not words or weekday_number(words[-1]) is None or len(words) > 2:
        return None
    shift = time_words().shifts.get(words[0]) if len(words) == 2 else None
    if len(words) == 2 and shift is None:
        return None
    if anchor is None:
        return value(text, None, None, "day")
    gap = (weekday_number(words[-1]) - anchor.weekday()) % 7
    if shift == 1 or (shift is None and future):
        day = anchor + datetime.timedelta(days=gap or 7)
    elif shift == -1:
        day = anchor - datetime.timedelta(days=(7 - gap) % 7 or 7)
    else:
        day = anchor - datetime.timedelta(days=(7 - gap) % 7)
    return value(text, day, day, "day")


def resolve_weekend(text: str, words: list[str], anchor: datetime.date | None, future: bool) -> TimeValue | None:
    """"this weekend", "last weekend", "over the weekend": a Saturday and Sunday. Bare or with
    "this", the tense picks the coming weekend or the one just gone."""
    words = [w for w in words if w not in time_words().fillers]
    if not words or words[-1] != "weekend" or len(words) > 2:
        return None
    shift = time_words().shifts.get(words[0]) if len(words) == 2 else 0
    if shift is None:
        return None
    if anchor is None:
        return value(text, None, None, "range")
    saturday = anchor + datetime.timedelta(days=5 - anchor.weekday())  # of the publication week
    week = datetime.timedelta(weeks=1)
    if shift < 0 or (shift == 0 and not future and anchor < saturday):
        saturday -= week
    elif shift > 0 and anchor >= saturday:
        saturday += week
    return value(text, saturday, saturday + datetime.timedelta(days=1), "range")


def part_of_current_period(words: list[str], content: list[str]) -> list[str]:
    """"the end of the year", "the start of the month": a part of the current period, which the
    bare unit alone ("year" of "year-on-year") is not."""
    if len(content) == 1 and content[0] in PART_UNITS and any(w in time_words().parts for w in words):
        return ["this", content[0]]
    return content


def resolve_time(text: str, anchor: datetime.date | None, future: bool = False) -> TimeValue | None:
    """Resolve one time expression relative to the publication date ``anchor``.

    ``future`` says the governing verb points forward (for bare weekdays). None means the text
    is not a time expression at all ("year" from "year-on-year", "annual").
    """
    tw = time_words()
    phrase = " ".join(re.findall(r"[a-z0-9']+", text.lower()))
    words = words_of(text)
    qualifier = tw.qualifiers.get(words[0]) if words else None
    if qualifier:
        words = words[1:]
        phrase = phrase.split(" ", 1)[1] if " " in phrase else ""
    if phrase in tw.vague:
        return TimeValue(text=text)
    for offset_phrase in (phrase, re.sub(r"^(?:earlier|later) ", "", phrase)):
        if offset_phrase in tw.day_offsets:
            if anchor is None:
                return value(text, None, None, "day")
            day = anchor + datetime.timedelta(days=tw.day_offsets[offset_phrase])
            return value(text, day, day, "day")
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", phrase.replace(" ", "-"))
    try:
        if iso:
            day = datetime.date(*map(int, iso.groups()))
            resolved = value(text, day, day, "day")
        else:
            # "mid-April": a dash right after a filler word is not a range
            kept = [w for i, w in enumerate(words) if not (w == "-" and i and words[i - 1] in tw.fillers)]
            content = [w for w in kept if w not in tw.fillers or w in RANGE_SEPARATORS]
            content = part_of_current_period(kept, content)
            resolved = (
                resolve_part_of_year(text, content, anchor)
                or resolve_relative(text, content, anchor)
                or resolve_weekday(text, content, anchor, future)
                or resolve_weekend(text, content, anchor, future)
                or resolve_absolute(text, content, anchor)
            )
    except ValueError:  # "February 30", year 0: not a date
        return None
    if resolved is not None and qualifier == "open" and resolved.granularity != "range":
        resolved.end = None
    return resolved


# --- spans in the text -------------------------------------------------------------------------


@lru_cache(maxsize=1)
def span_pattern() -> re.Pattern:
    months = "|".join(
        sorted({calendar.month_name[m] for m in range(1, 13)} | {calendar.month_abbr[m] + r"\." for m in range(1, 13)}, key=len, reverse=True)
    )
    day = r"\d{1,2}(?:st|nd|rd|th)?"
    dash = r"\s*(?:-|–|—|to|and)\s*"
    vague = "|".join(re.escape(p) for p in sorted(time_words().vague, key=len, reverse=True))
    patterns = [
        rf"(?:{months})\s+{day}(?:{dash}(?:(?:{months})\s+)?{day})?(?:,?\s+\d{{4}})?",
        rf"{day}(?:{dash}{day})?\s+(?:{months})(?:,?\s+\d{{4}})?",
        r"(?:in|since|by|until|before|after|from)\s+(?:1[89]|20)\d\d",
        vague,
    ]
    return re.compile(r"\b(?:" + "|".join(patterns) + r")\b", re.IGNORECASE)


def merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def with_qualifier(text: str, start: int, line_start: int) -> int:
    """Move the span start back over "since"/"by"/"from"... so the qualifier stays in the text."""
    before = re.search(r"\b([A-Za-z]+)\s+$", text[line_start:start])
    if before and before.group(1).lower() in time_words().qualifiers:
        return line_start + before.start(1)
    return start


def expression_spans(text: str, sentence: Sentence) -> list[tuple[int, int]]:
    spans = [(e.start, e.end) for e in sentence.entities if e.label in SPAN_LABELS]
    spans += [(sentence.start + m.start(), sentence.start + m.end()) for m in span_pattern().finditer(sentence.text)]
    trimmed = []
    for start, end in merge(spans):
        while end > start and not text[end - 1].isalnum():
            end -= 1
        if end > start:
            trimmed.append((with_qualifier(text, start, sentence.start), end))
    return trimmed


# --- the parse ---------------------------------------------------------------------------------


def span_head(sentence: Sentence, start: int, end: int) -> Token | None:
    """The token of a character span whose syntactic head lies outside the span."""
    inside = [t for t in sentence.tokens if start <= t.start and t.end <= end]
    indexes = {t.i for t in inside}
    for token in inside:
        if token.head not in indexes or token.head == token.i:
            return token
    return inside[0] if inside else None


def ancestors(sentence: Sentence, token: Token) -> list[Token]:
    """The token and its heads up to the root (guarded against malformed parses)."""
    chain = [token]
    while chain[-1].head != chain[-1].i and len(chain) <= len(sentence.tokens):
        head = chain[-1].head
        if not sentence.token_start <= head < sentence.token_start + len(sentence.tokens):
            break
        chain.append(sentence.token(head))
    return chain


def clause_head(sentence: Sentence, token: Token) -> Token:
    """The verb whose clause holds ``token`` (a noun trigger climbs to its governing verb)."""
    for candidate in ancestors(sentence, token):
        if candidate.pos in CLAUSE_POS or candidate.head == candidate.i:
            return candidate
    return token


def points_to_future(sentence: Sentence, token: Token) -> bool:
    """Whether the clause around ``token`` speaks of the future ("will visit", "is to visit")."""
    verb = clause_head(sentence, token)
    for child in sentence.tokens:
        if child.head == verb.i and child.dep in ("aux", "auxpass"):
            if child.lemma.lower() in FUTURE_AUX or child.text.lower() in FUTURE_AUX or child.tag == "TO":
                return True
    return verb.lemma.lower() in FUTURE_AUX


def token_at(sentence: Sentence, char: int) -> Token | None:
    for token in sentence.tokens:
        if token.start <= char < token.end:
            return token
    return None


def attached_time(sentence: Sentence, token: Token, candidates: list[TimeExpression]) -> TimeExpression | None:
    """The time expression attached to the clause of ``token``, best first: inside the token's
    own phrase ("her visit from April 4-9"), then anywhere in its clause ("During her trip ... from
    April 4-9, she met..."), then in a clause it hangs on ("..., officials said on Monday").
    Expressions in a clause below it are left out: in "thanked Vietnam for backing Peru to host the
    forum in 2024", 2024 dates the hosting, not the thanks. Ties go to the nearest expression."""
    own_clause = clause_head(sentence, token)
    own_chain = {t.i for t in ancestors(sentence, own_clause)}
    ranked = []
    for expression in candidates:
        head = span_head(sentence, expression.start, expression.end) if expression.sentence == sentence.index else None
        if head is None:
            continue
        expression_clause = clause_head(sentence, head)
        if expression_clause.i == own_clause.i:
            rank = 0 if token.i in {t.i for t in ancestors(sentence, head)} else 1
        elif expression_clause.i in own_chain:
            rank = 2
        else:
            continue
        ranked.append((rank, abs(head.i - token.i), expression))
    return min(ranked, key=lambda r: r[:2])[2] if ranked else None


def is_event_date(time_value: TimeValue) -> bool:
    """Durations and vague phrases never date an event."""
    return time_value.granularity not in (None, "duration")


def publication_date(article: Article) -> TimeValue:
    day = article.date
    return TimeValue(
        text="",
        start=day.isoformat() if day else None,
        end=day.isoformat() if day else None,
        granularity="day" if day else None,
        inferred=True,
    )


def is_part_of_a_game(sentence: Sentence, time_value: TimeValue) -> bool:
    """"scored in the second half": a half or quarter of a match, not of the year. Said only when
    no year is named and the sentence speaks of a game."""
    if time_value.granularity not in ("half", "quarter"):
        return False
    words = [w for w in words_of(time_value.text) if w not in time_words().fillers and w not in time_words().qualifiers]
    if len(words) != 2 or words[1] not in ("half", "quarter"):
        return False
    said = {t.lemma.lower() for t in sentence.tokens} | {t.text.lower() for t in sentence.tokens}
    lowered = sentence.text.lower()
    return any(word in said or ("-" in word and word in lowered) for word in time_words().game_words)


def find_times(article: Article) -> list[TimeExpression]:
    times = []
    for sentence in article.sentences:
        for start, end in expression_spans(article.text, sentence):
            head = span_head(sentence, start, end)
            future = head is not None and points_to_future(sentence, head)
            resolved = resolve_time(article.text[start:end], article.date, future)
            if resolved is not None and not is_part_of_a_game(sentence, resolved):
                times.append(TimeExpression(resolved, sentence.index, start, end))
    return times


def event_date(article: Article, event: Event) -> TimeValue:
    sentences = [s for s in article.sentences if s.index == event.evidence.sentence]
    trigger = token_at(sentences[0], event.evidence.trigger_start) if sentences else None
    if trigger is not None:
        datable = [t for t in article.times if is_event_date(t.value)]
        attached = attached_time(sentences[0], trigger, datable)
        if attached is not None:
            return attached.value
    return publication_date(article)


class TimeResolver:
    """Fills ``article.times`` and dates every event (see the module docstring for the rules)."""

    def __call__(self, article: Article) -> Article:
        article.times = find_times(article)
        for event in article.events:
            event.date = event_date(article, event)
        return article
