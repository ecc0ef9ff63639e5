"""ingest stage: files, folders, globs and stdin in; clean :class:`Article` records out.

Every input becomes either an Article (clean body, title, publication date, dateline place and
agency) or a :class:`Rejection` with a one-line reason: bad input is normal input, so nothing
here raises on one file and stops a batch. Reading streams: a corpus is never held in memory,
only one record (at most ``MAX_TEXT_BYTES`` of text) at a time.

Encoding policy: UTF-8, with or without a byte-order mark. HTML may also declare another charset
in a ``<meta>`` tag, which is then used. Anything else (Latin-1 without a declaration, UTF-16...)
is rejected rather than guessed, because a wrong guess silently garbles names.
"""

from __future__ import annotations

import calendar
import codecs
import datetime as dt
import glob
import gzip
import hashlib
import io
import itertools
import json
import os
import re
import sys
import unicodedata
import zlib
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from .data import read_table
from .records import Article, InputFile, Rejection

MAX_TEXT_BYTES = 5 * 1024 * 1024
# Markup, scripts and styles surround the text of a page; JSON escapes (\u00e9) inflate it.
MAX_HTML_BYTES = 4 * MAX_TEXT_BYTES
MAX_JSON_RECORD_BYTES = 2 * MAX_TEXT_BYTES
SNIFF_BYTES = 8192
READ_CHUNK_BYTES = 64 * 1024

# The English check: share of these words among all words. English news runs at 35-50%,
# other languages written in Latin script stay under 10%, other scripts at 0%.
ENGLISH_FUNCTION_WORDS = frozenset(
    """the of and to in a an is are was were be been being has have had will would shall should
    can could may might must that this these those which who whom whose what when where while
    with for on at by from into over under about after before between against during without
    within through than as it its he she his her they them their we our you your not but or
    if so also said says there here such other more most all any both each some very""".split()
)
MIN_ENGLISH_SHARE = 0.15
# Below this much text the share is too noisy to judge ("Japan's minister visited Indonesia on
# Tuesday" has 12%): a short text is rejected only when other languages' function words
# outnumber the English ones.
MIN_WORDS_FOR_LANGUAGE_CHECK = 25
MIN_LETTERS_FOR_LANGUAGE_CHECK = 150
# Frequent function words of French, Spanish, Portuguese, German, Dutch and Italian that are no
# English words. Name particles (de, la, van, von...) and "un" (UN) are left out: English news
# is full of them.
OTHER_LANGUAGE_FUNCTION_WORDS = frozenset(
    """le les des du une est dans pour sur avec à au aux cette qui ne pas sont el los las y con
    por para una es como pero más um uma não com são der das und ist mit zu nicht ein eine auf
    für dem het een niet zijn il che della gli""".split()
)
MIN_OTHER_LANGUAGE_WORDS = 2
LANGUAGE_SAMPLE_CHARS = 20_000  # thousands of words tell the language as well as all of them
ENGLISH_LANGUAGE_CODES = frozenset({"en", "eng", "english"})

# Python never sets LC_TIME by itself, so these are the English names.
MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
} | {"sept": 9}
MONTH = r"(?i:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
DAY = r"\d{1,2}(?:st|nd|rd|th)?"
NUMERIC_DATE = r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"
DATE_WITH_YEAR = rf"(?:{NUMERIC_DATE}|{MONTH}\s+{DAY},?\s+\d{{4}}|{DAY}\s+{MONTH},?\s+\d{{4}})"
WRITTEN_DATE = re.compile(rf"\b{DATE_WITH_YEAR}\b")
DATE_WITHOUT_YEAR = rf"(?:{MONTH}\s+{DAY}|{DAY}\s+{MONTH})"
CLOCK_TIME = (
    r"(?:[ ,T]+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*(?:gmt|utc|[+-]\d{1,2}(?::?\d{2})?))*)?"
)

# "date 2022-04-13", "Date: April 13, 2022", "Published: 13 April 2022 09:30" or a bare date;
# a keyword date may be glued to the caption line that follows it in scraped text.
DATE_LINE = re.compile(
    rf"(?:(?P<keyword>date|dated|published(?:\s+on)?|posted(?:\s+on)?)(?:\s*:\s*|\s+))?"
    rf"(?P<date>{DATE_WITH_YEAR}){CLOCK_TIME}(?:\s*[|,;–—-]\s*|\s+|$)(?P<rest>.*)",
    re.IGNORECASE,
)
HEADER_LINES = 5  # a date line is looked for this far down only

UPPER = "A-ZÀ-ÖØ-Þ"
PLACE_WORD = rf"[{UPPER}][\w'’.-]*"
PLACE_CONNECTOR = r"(?:de|da|do|del|la|el|of|al|am|an|sur|upon)"
PLACE = rf"{PLACE_WORD}(?:(?:\s+|,\s*)(?:{PLACE_WORD}|{PLACE_CONNECTOR}(?=\s+[{UPPER}]))){{0,4}}"
AGENCY = rf"[{UPPER}][\w&./' -]{{0,30}}"
DATELINE_DATE = rf"(?:{DATE_WITH_YEAR}|{DATE_WITHOUT_YEAR})"
# "Hanoi (VNA) –", "LIMA, April 5 (Reuters) -", "HANOI, April 13, 2022 (VNA) -"
AGENCY_DATELINE = re.compile(
    rf"(?P<place>{PLACE}?)(?:,\s*(?P<date>{DATELINE_DATE}))?\s*\((?P<source>{AGENCY})\)\s*[-–—:]+\s*"
)
# "GENEVA —", "WASHINGTON, March 3 —": without an agency only an upper-case place is trusted.
CAPS_DATELINE = re.compile(
    rf"(?P<place>[{UPPER}][{UPPER}'’. -]+[{UPPER}](?:,\s*{PLACE_WORD}(?:\s+{PLACE_WORD}){{0,2}})?)"
    rf"(?:,\s*(?P<date>{DATELINE_DATE}))?\s*(?:[–—]|\s--?\s)\s*"
)

# A line ending like this finishes its sentence; a line that doesn't was hard-wrapped.
SENTENCE_END = tuple(".!?…\"”’')]:;")
# Hard-wrapped lines are long; a short unpunctuated line followed by a capital is a subheading.
MIN_WRAPPED_LINE = 40
MAX_TITLE_WORDS = 30
MAX_TITLE_CHARS = 200
# A line ending in one of these goes on in the next line: it is no headline.
JOINING_WORDS = frozenset(
    """a an the of to in on at by for with from and or but nor his her its their our your that
    which who as than""".split()
)
END_MARK_WINDOW = 120

INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
CONTROL_OR_SURROGATE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
LINE_BREAK = re.compile(r"\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")
WHITESPACE = re.compile(r"\s+")
WORD = re.compile(r"[^\W\d_]+")
GLOB_MAGIC = re.compile(r"[*?[]")
DECLARED_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
JSON_SEPARATORS = re.compile(r"[\s,\[\]]*")  # between records of a JSON list or concatenated JSON

KIND_BY_SUFFIX = {
    ".txt": "text",
    ".text": "text",
    "": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".warc": "warc",
    ".arc": "warc",
}
# What a crawl holds besides pages: requests, metadata, images, scripts. Only pages are articles.
WARC_PAGE_TYPES = ("text/html", "application/xhtml+xml")


# --- boilerplate rules (data/boilerplate.tsv) ----------------------------------------------


@dataclass(frozen=True, slots=True)
class BoilerplateRules:
    line: re.Pattern  # a whole line that is not news text (the rules as one pattern: one match per line)
    inline: tuple[re.Pattern, ...]  # a span inside a paragraph
    ends: tuple[tuple[re.Pattern, str], ...]  # agency end marks and credits, with their replacement


def load_boilerplate_rows() -> list[dict[str, str]]:
    return read_table("boilerplate.tsv")


@lru_cache(maxsize=1)
def boilerplate_rules() -> BoilerplateRules:
    rows = load_boilerplate_rows()

    def patterns(kind: str, template: str) -> list[tuple[re.Pattern, str]]:
        return [
            (re.compile(template.format(row["pattern"]), re.IGNORECASE), row["replacement"])
            for row in rows
            if row["kind"] == kind
        ]

    return BoilerplateRules(
        line=re.compile("|".join(p.pattern for p, _ in patterns("line", "(?:{})")), re.IGNORECASE),
        inline=tuple(p for p, _ in patterns("inline", "(?:{})")),
        ends=tuple(patterns("end", r"(?:{})\s*$")),
    )


# --- dates ---------------------------------------------------------------------------------


def parse_date(value: Any) -> dt.date | None:
    """A date from record metadata: a date, an ISO date or timestamp, or "April 13, 2022"."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    value = value.strip()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        return date_in_text(value)


def date_in_text(text: str) -> dt.date | None:
    """The first calendar date written with a year ("2022-04-13", "April 13, 2022", "13 Apr 2022")."""
    written = WRITTEN_DATE.search(text)
    if not written:
        return None
    numbers = [int(n) for n in re.findall(r"\d+", written.group())]
    month_word = re.search(MONTH, written.group())
    try:
        if month_word and len(numbers) >= 2:
            day, year = numbers[0], numbers[-1]
            return dt.date(year, MONTHS[month_word.group().rstrip(".").lower()], day)
        if len(numbers) == 3 and numbers[0] > 31:
            return dt.date(*numbers)
    except ValueError:
        pass
    return None


# --- text cleaning -------------------------------------------------------------------------


@dataclass(slots=True)
class CleanText:
    body: str  # paragraphs separated by one blank line
    title: str | None = None
    date: dt.date | None = None
    date_origin: str | None = None  # date-line | dateline
    place: str | None = None
    source: str | None = None


def normalised_lines(text: str) -> list[str]:
    """Lines with invisible and control characters gone and inner whitespace single spaces."""
    text = unicodedata.normalize("NFC", text.translate(INVISIBLE))
    return [
        WHITESPACE.sub(" ", CONTROL_OR_SURROGATE.sub(" ", line)).strip()
        for line in LINE_BREAK.split(text)
    ]


def header_indexes(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if line][:HEADER_LINES]


def take_date_line(lines: list[str]) -> tuple[dt.date | None, list[str]]:
    """The date of a header line like "date 2022-04-13", with that line (or prefix) removed."""
    for i in header_indexes(lines):
        match = DATE_LINE.fullmatch(lines[i])
        # A bare date only counts alone on its line: "April 13, 2022 marks..." is a sentence.
        if match and (match["keyword"] or not match["rest"]):
            # The line goes even when its date is impossible (2022-02-30): it is no text either.
            return date_in_text(match["date"]), lines[:i] + [match["rest"].strip()] + lines[i + 1 :]
    return None, lines


def is_boilerplate(line: str) -> bool:
    return boilerplate_rules().line.fullmatch(line) is not None


def without_inline_credits(line: str) -> str:
    for rule in boilerplate_rules().inline:
        line = rule.sub("", line)
    return line.strip()


def drop_boilerplate(lines: list[str]) -> list[str]:
    # A dropped line becomes a blank one: whatever surrounded it were separate paragraphs.
    return ["" if is_boilerplate(line) else without_inline_credits(line) for line in lines]


def is_dateline_start(line: str) -> bool:
    return bool(AGENCY_DATELINE.match(line) or CAPS_DATELINE.match(line))


def looks_like_title(line: str) -> bool:
    """A short line without a final period, not cut off at a joining word."""
    words = line.split()
    if not words or len(words) > MAX_TITLE_WORDS or len(line) > MAX_TITLE_CHARS:
        return False
    if line.endswith((".", ",", ";", ":", "-", "–", "—")) or line[0].islower():
        return False
    if words[-1].lower() in JOINING_WORDS or not WORD.search(line):
        return False
    return not is_dateline_start(line)


def stands_alone(lines: list[str], i: int) -> bool:
    """Line i is followed by a blank line, a dateline or a whole sentence - not by the rest of
    a hard-wrapped sentence."""
    following = lines[i + 1] if i + 1 < len(lines) else ""
    if not following or is_dateline_start(following):
        return True
    return following.endswith(SENTENCE_END) and not following[0].islower()


def take_title(lines: list[str]) -> tuple[str | None, list[str]]:
    content = [i for i, line in enumerate(lines) if line]
    if len(content) < 2:
        return None, lines
    first = content[0]
    if looks_like_title(lines[first]) and (
        stands_alone(lines, first)
        # a standfirst under the headline: another title-like line standing alone
        or (looks_like_title(lines[first + 1]) and stands_alone(lines, first + 1))
    ):
        return lines[first], lines[first + 1 :]
    return None, lines


def drop_repeated_title(lines: list[str], title: str) -> list[str]:
    """Pages and feeds often repeat the headline as the first line of the body."""
    for i, line in enumerate(lines):
        if line:
            return lines[i + 1 :] if line.casefold() == title.casefold() else lines
    return lines


def paragraphs_of(lines: list[str]) -> list[str]:
    """Blank lines and finished lines end paragraphs; hard-wrapped lines are joined."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines + [""]:
        previous = current[-1] if current else ""
        continues = (
            line
            and previous
            and not previous.endswith(SENTENCE_END)
            and (line[0].islower() or len(previous) >= MIN_WRAPPED_LINE)
            and not is_dateline_start(line)
        )
        if continues:
            current.append(line)
            continue
        if current:
            paragraphs.append(" ".join(current))
        current = [line] if line else []
    return paragraphs


def place_name(place: str) -> str:
    """Upper-case words title-cased (HO CHI MINH CITY -> Ho Chi Minh City), others kept."""
    return " ".join(
        word.title() if word.isupper() and len(word) > 1 else word for word in place.split()
    )


@dataclass(slots=True)
class Dateline:
    place: str
    source: str | None
    date: dt.date | None


def take_dateline(paragraphs: list[str]) -> tuple[Dateline | None, list[str]]:
    """The dateline opening the first paragraph (or the second, under a standfirst)."""
    for i, paragraph in enumerate(paragraphs[:2]):
        match = AGENCY_DATELINE.match(paragraph) or CAPS_DATELINE.match(paragraph)
        if match and match["place"]:
            break
    else:
        return None, paragraphs
    dateline = Dateline(
        place=place_name(match["place"].strip(" ,")),
        source=match.groupdict().get("source"),
        date=date_in_text(match["date"]) if match["date"] else None,
    )
    rest = paragraphs[i][match.end() :].strip()
    return dateline, paragraphs[:i] + ([rest] if rest else []) + paragraphs[i + 1 :]


def strip_end_marks(paragraphs: list[str]) -> list[str]:
    """Agency end marks ("./.", "(END)") and trailing credits, possibly several in a row."""
    paragraphs = list(paragraphs)
    while paragraphs:
        # End marks are short: only the tail is searched, which keeps long paragraphs cheap.
        kept, tail = paragraphs[-1][:-END_MARK_WINDOW], paragraphs[-1][-END_MARK_WINDOW:]
        for rule, replacement in boilerplate_rules().ends:
            tail = rule.sub(replacement, tail, count=1)
        last = (kept + tail).strip()
        if last == paragraphs[-1]:
            break
        if last in ("", "."):
            paragraphs.pop()
        else:
            paragraphs[-1] = last
    return paragraphs


def clean_text(text: str, title: str | None = None) -> CleanText:
    """Body, title, date line and dateline of a raw news text. With ``title`` given, the text
    is not searched for one (a repeat of it on the first line is dropped)."""
    lines = normalised_lines(text)
    line_date, lines = take_date_line(lines)
    lines = drop_boilerplate(lines)
    if title is None:
        title, lines = take_title(lines)
    else:
        lines = drop_repeated_title(lines, title)
    dateline, paragraphs = take_dateline(paragraphs_of(lines))
    cleaned = CleanText(body="\n\n".join(strip_end_marks(paragraphs)), title=title)
    if dateline:
        cleaned.place, cleaned.source = dateline.place, dateline.source
    if line_date:
        cleaned.date, cleaned.date_origin = line_date, "date-line"
    elif dateline and dateline.date:
        cleaned.date, cleaned.date_origin = dateline.date, "dateline"
    return cleaned


def article_id(body: str) -> str:
    """Stable across whitespace and case changes, so a re-ingested article keeps its id."""
    normalised = " ".join(body.lower().split())
    return hashlib.sha1(normalised.encode("utf-8", "surrogatepass")).hexdigest()[:16]


# --- language ------------------------------------------------------------------------------


def not_english_reason(text: str) -> str | None:
    """Why a text is not English, by the share of English function words among its words."""
    words = WORD.findall(text[:LANGUAGE_SAMPLE_CHARS].lower())
    english = sum(word in ENGLISH_FUNCTION_WORDS for word in words)
    share = english / len(words) if words else 0.0
    long_enough = (
        len(words) >= MIN_WORDS_FOR_LANGUAGE_CHECK
        or sum(map(len, words)) >= MIN_LETTERS_FOR_LANGUAGE_CHECK
    )
    if long_enough:
        if share < MIN_ENGLISH_SHARE:
            return f"not English ({share:.0%} English function words)"
        return None
    other = sum(word in OTHER_LANGUAGE_FUNCTION_WORDS for word in words)
    if other >= MIN_OTHER_LANGUAGE_WORDS and other > english:
        return f"not English ({share:.0%} English function words, {other} of other languages)"
    return None


def is_english_code(language: str) -> bool:
    return re.split(r"[-_]", language.strip().lower())[0] in ENGLISH_LANGUAGE_CODES


# --- articles ------------------------------------------------------------------------------


def one_line(value: str | None) -> str | None:
    """A metadata string as clean as the body, None when nothing is left."""
    if not value:
        return None
    return " ".join(filter(None, normalised_lines(value))) or None


def article_from_text(
    text: str,
    *,
    record_id: str | None = None,
    title: str | None = None,
    date: dt.date | str | None = None,
    source: str | None = None,
    url: str | None = None,
    language: str | None = None,
    origin: str = "",
    default_date: dt.date | None = None,
) -> Article | Rejection:
    """An Article from raw text and whatever metadata came with it, or why there is none."""
    if language and not is_english_code(language):
        return Rejection(origin, f"not English (language {language.strip()!r})")
    if len(text) > MAX_TEXT_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_TEXT_BYTES:
        return Rejection(origin, "too large (over 5 MB of text)")
    cleaned = clean_text(text, title=one_line(title))
    if not WORD.search(cleaned.body):
        return Rejection(origin, "empty (no text left after cleaning)")
    if reason := not_english_reason(cleaned.body):
        return Rejection(origin, reason)

    known_date = parse_date(date)
    if known_date:
        published, date_origin = known_date, "record"
    elif cleaned.date:
        published, date_origin = cleaned.date, cleaned.date_origin
    elif default_date:
        published, date_origin = default_date, "option"
    else:
        published, date_origin = None, None
    return Article(
        id=article_id(cleaned.body),
        text=cleaned.body,
        record_id=record_id,
        title=cleaned.title,
        date=published,
        date_origin=date_origin,
        place=cleaned.place,
        source=one_line(source) or cleaned.source,
        url=one_line(url),
        language="en",
        origin=origin,
    )


def text_field(record: dict, name: str) -> str | None:
    value = record.get(name)
    return value if isinstance(value, str) and value.strip() else None


def article_from_record(
    record: Any, origin: str, default_date: dt.date | None = None
) -> Article | Rejection:
    """An Article from one JSON record (``text`` and optional ``id``, ``title``, ``url``,
    ``date``, ``source``, ``language``)."""
    if not isinstance(record, dict):
        return Rejection(origin, "record is not a JSON object")
    if not isinstance(record.get("text"), str):
        return Rejection(origin, "record has no text field")
    record_id = record.get("id")
    return article_from_text(
        record["text"],
        record_id=str(record_id) if isinstance(record_id, str | int) and record_id != "" else None,
        title=text_field(record, "title"),
        date=record.get("date"),
        source=text_field(record, "source"),
        url=text_field(record, "url"),
        language=text_field(record, "language"),
        origin=origin,
        default_date=default_date,
    )


def article_from_html(
    html: str, origin: str, default_date: dt.date | None = None
) -> Article | Rejection:
    """An Article from a web page: main text, title, date and URL through trafilatura."""
    import trafilatura  # slow to import, and only pages need it

    try:
        document = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            # Only dates the page states as its own: no scanning of the body for any date.
            date_extraction_params={"original_date": True, "extensive_search": False},
        )
    except Exception as error:  # a third-party parser meets any page on the web: one is no batch
        return Rejection(origin, f"HTML not parsed ({type(error).__name__}: {error})")
    if document is None or not (document.text or "").strip():
        return Rejection(origin, "no article text found in the HTML")
    article = article_from_text(
        document.text, title=document.title, url=document.url, origin=origin, default_date=default_date
    )
    if isinstance(article, Article):
        if published := parse_date(document.date):
            article.date, article.date_origin = published, "html"
        article.source = article.source or document.sitename or None
    return article


# --- reading -------------------------------------------------------------------------------


def binary_reason(sample: bytes) -> str | None:
    """Why the first bytes of an input show it is not text (None when they look like text)."""
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "undecodable text (UTF-16; save it as UTF-8)"
    if b"\x00" in sample:
        return "binary file (NUL bytes)"
    control = sum(byte < 32 and byte not in b"\t\n\r\f\v\x1b" for byte in sample)
    if sample and control / len(sample) > 0.05:
        return f"binary file ({control / len(sample):.0%} control bytes)"
    return None


def decode_text(raw: bytes, declared: str | None = None) -> str | None:
    for encoding in ("utf-8-sig", declared):
        if encoding:
            try:
                return raw.decode(encoding)
            except (UnicodeDecodeError, LookupError):
                continue
    return None


def declared_charset(html: bytes) -> str | None:
    match = DECLARED_CHARSET.search(html[:4096])
    return match.group(1).decode("ascii") if match else None


def sniff_kind(sample: bytes) -> str:
    first = sample.removeprefix(codecs.BOM_UTF8).lstrip()[:1]
    return {b"<": "html", b"{": "json", b"[": "json"}.get(first, "text")


def read_document(
    stream: BinaryIO, kind: str, origin: str, default_date: dt.date | None
) -> Article | Rejection:
    """A whole-file article: plain text or HTML."""
    limit = MAX_HTML_BYTES if kind == "html" else MAX_TEXT_BYTES
    raw = stream.read(limit + 1)
    if len(raw) > limit:
        return Rejection(origin, f"too large (over {limit // (1024 * 1024)} MB of {kind})")
    declared = declared_charset(raw) if kind == "html" else None
    text = decode_text(raw, declared)
    if text is None:
        tried = "UTF-8" + (f" or the declared {declared}" if declared else "")
        return Rejection(origin, f"undecodable text (not valid {tried})")
    if kind == "html":
        return article_from_html(text, origin, default_date)
    return article_from_text(text, origin=origin, default_date=default_date)


def read_json_lines(
    lines: Iterable[bytes], origin: str, default_date: dt.date | None
) -> Iterator[Article | Rejection]:
    """One record per line; a bad line is rejected and the next one read."""
    number = 0
    inside_long_line = False
    for raw in lines:
        if inside_long_line:  # the rest of a line already rejected as too long
            inside_long_line = not raw.endswith(b"\n")
            continue
        number += 1
        where = f"{origin}:{number}"
        if len(raw) >= MAX_JSON_RECORD_BYTES and not raw.endswith(b"\n"):
            inside_long_line = True
            yield Rejection(where, "too large (JSON record over 10 MB)")
            continue
        if not raw.strip():
            continue
        try:
            record = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
        except UnicodeDecodeError:
            yield Rejection(where, "undecodable text (not valid UTF-8)")
            continue
        except json.JSONDecodeError as error:
            yield Rejection(where, f"invalid JSON ({error.msg} at column {error.colno})")
            continue
        yield article_from_record(record, where, default_date)


def read_json_document(
    stream: BinaryIO, origin: str, default_date: dt.date | None, prefix: bytes = b""
) -> Iterator[Article | Rejection]:
    """Records of a JSON file: one object, a list of objects, or objects one after another.
    Read chunk by chunk, so a large list is never held whole."""
    decoder = json.JSONDecoder()
    text_decoder = codecs.getincrementaldecoder("utf-8-sig")()
    buffer, position, line = "", 0, 1
    pending, exhausted = prefix, False
    while True:
        gap_end = JSON_SEPARATORS.match(buffer, position).end()
        line += buffer.count("\n", position, gap_end)
        position = gap_end
        try:
            record, end = decoder.raw_decode(buffer, position)
        except json.JSONDecodeError as error:
            if exhausted:
                if position < len(buffer):
                    yield Rejection(f"{origin}:{line}", f"invalid JSON ({error.msg})")
                return
            if len(buffer) - position > MAX_JSON_RECORD_BYTES:
                yield Rejection(f"{origin}:{line}", "too large (JSON record over 10 MB)")
                return
            # The record may just be cut at the end of what was read: read as much again.
            chunk = pending or stream.read(max(READ_CHUNK_BYTES, len(buffer) - position))
            pending, exhausted = b"", not chunk
            try:
                buffer = buffer[position:] + text_decoder.decode(chunk, final=exhausted)
            except UnicodeDecodeError:
                yield Rejection(f"{origin}:{line}", "undecodable text (not valid UTF-8)")
                return
            position = 0
            continue
        yield article_from_record(record, f"{origin}:{line}", default_date)
        line += buffer.count("\n", position, end)
        position = end


def binary_lines(stream: BinaryIO) -> Iterator[bytes]:
    """Lines of at most MAX_JSON_RECORD_BYTES; a longer line comes in several pieces."""
    return iter(lambda: stream.readline(MAX_JSON_RECORD_BYTES), b"")


def read_json(
    stream: BinaryIO, origin: str, default_date: dt.date | None
) -> Iterator[Article | Rejection]:
    """JSON of either shape: JSON Lines when the first line is a whole record (so that one bad
    line later costs only that line), else a JSON document."""
    first_line = stream.readline(MAX_JSON_RECORD_BYTES)
    try:
        one_record_per_line = isinstance(json.loads(first_line.decode("utf-8-sig")), dict)
    except ValueError:  # JSONDecodeError and UnicodeDecodeError alike
        one_record_per_line = False
    if one_record_per_line:
        return read_json_lines(itertools.chain([first_line], binary_lines(stream)), origin, default_date)
    return read_json_document(stream, origin, default_date, prefix=first_line)


def read_stream(
    stream: BinaryIO, kind: str | None, origin: str, default_date: dt.date | None
) -> Iterator[Article | Rejection]:
    """Articles of one input of the given kind (None: tell from its first bytes)."""
    sample = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES]
    if not sample.strip():
        yield Rejection(origin, "empty file")
        return
    if reason := binary_reason(sample):
        yield Rejection(origin, reason)
        return
    kind = kind or sniff_kind(sample)
    if kind == "jsonl":
        yield from read_json_lines(binary_lines(stream), origin, default_date)
    elif kind == "json":
        yield from read_json(stream, origin, default_date)
    else:
        yield read_document(stream, kind, origin, default_date)


def input_kind(path: Path) -> tuple[str | None, bool]:
    """(kind by extension, None when unknown; whether gzip-compressed)."""
    suffixes = [s.lower() for s in path.suffixes]
    compressed = bool(suffixes) and suffixes[-1] == ".gz"
    suffix = (suffixes[:-1] if compressed else suffixes)[-1:] or [""]
    return KIND_BY_SUFFIX.get(suffix[0]), compressed


def read_warc(stream: BinaryIO, origin: str, default_date: dt.date | None) -> Iterator[Article | Rejection]:
    """The HTML pages of a WARC (or ARC) crawl, plain or gzip-compressed, one record at a time.

    A page's own date comes first, then ``default_date``, then the crawl date: news crawls fetch
    an article within hours of its publication, so the crawl date is a close guess, never a wrong year."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    pages = 0
    try:
        for record in ArchiveIterator(stream, arc2warc=True):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = (record.http_headers.get_header("Content-Type") or "").lower()
            if record.http_headers.get_statuscode() != "200" or not content_type.startswith(WARC_PAGE_TYPES):
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{origin}#{url or record.rec_headers.get_header('WARC-Record-ID')}"
            raw = record.content_stream().read(MAX_HTML_BYTES + 1)
            if len(raw) > MAX_HTML_BYTES:
                yield Rejection(where, f"too large (over {MAX_HTML_BYTES // (1024 * 1024)} MB of html)")
                continue
            charset = re.search(r"charset=([\w.:-]+)", content_type)
            text = decode_text(raw, charset.group(1) if charset else declared_charset(raw))
            if text is None:
                yield Rejection(where, "undecodable text (not valid UTF-8 or the declared charset)")
                continue
            article = article_from_html(text, where, default_date)
            if isinstance(article, Article):
                article.url = article.url or url
                if article.date is None and (crawled := parse_date(record.rec_headers.get_header("WARC-Date"))):
                    article.date, article.date_origin = crawled, "crawl"
            pages += 1
            yield article
    except ArchiveLoadFailed as error:
        yield Rejection(origin, f"corrupt WARC ({' '.join(str(error).split())[:200]})")
        return
    if not pages:
        yield Rejection(origin, "no HTML page found in this WARC")


def read_file(path: Path, default_date: dt.date | None) -> Iterator[Article | Rejection]:
    origin = str(path)
    kind, compressed = input_kind(path)
    try:
        if kind == "warc":  # warcio reads gzip members itself, record by record
            with open(path, "rb") as stream:
                yield from read_warc(stream, origin, default_date)
            return
        with gzip.open(path, "rb") if compressed else open(path, "rb") as stream:
            yield from read_stream(stream, kind, origin, default_date)
    except FileNotFoundError:
        yield Rejection(origin, "file not found")
    except PermissionError:
        yield Rejection(origin, "unreadable file (permission denied)")
    except IsADirectoryError:
        yield Rejection(origin, "unreadable file (is a directory)")
    except (gzip.BadGzipFile, EOFError, zlib.error) as error:
        yield Rejection(origin, f"corrupt gzip file ({error})")
    except OSError as error:
        yield Rejection(origin, f"unreadable file ({error.strerror or error})")


def files_under(folder: str) -> Iterator[str | Rejection]:
    """Files of a folder and its subfolders in name order, hidden ones skipped."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        yield Rejection(folder, f"unreadable folder ({error.strerror or error})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        # Symlinked folders are not followed: a link loop would never end.
        if entry.is_dir(follow_symlinks=False):
            yield from files_under(entry.path)
        else:
            yield entry.path


def input_files(path: str) -> Iterator[str | Rejection]:
    """The files a command-line argument stands for: itself, a folder's files or a glob's."""
    if os.path.isdir(path):
        yield from files_under(path)
    elif os.path.lexists(path) or not GLOB_MAGIC.search(path):
        yield path
    else:
        matches = sorted(glob.glob(path, recursive=True))
        if not matches:
            yield Rejection(path, "no file matches this pattern")
        for match in matches:
            yield from files_under(match) if os.path.isdir(match) else [match]


class EncodedText(io.RawIOBase):
    """A text stream read as UTF-8 bytes, so stdin given as text takes the same path as files."""

    def __init__(self, text: TextIO):
        self.text = text
        self.pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self.pending:
            chunk = self.text.read(READ_CHUNK_BYTES)
            if not chunk:
                return 0
            # Lone surrogates stay invalid UTF-8 here and are rejected like undecodable bytes.
            self.pending = chunk.encode("utf-8", "surrogatepass")
        size = min(len(buffer), len(self.pending))
        buffer[:size] = self.pending[:size]
        self.pending = self.pending[size:]
        return size


def read_stdin(stdin: TextIO, default_date: dt.date | None) -> Iterator[Article | Rejection]:
    binary = getattr(stdin, "buffer", None)
    stream = binary if hasattr(binary, "peek") else io.BufferedReader(EncodedText(stdin))
    try:
        yield from read_stream(stream, None, "<stdin>", default_date)
    except (OSError, UnicodeDecodeError) as error:
        yield Rejection("<stdin>", f"unreadable input ({error})")


def input_file(path: str) -> InputFile | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return InputFile(os.path.abspath(path), found.st_size, found.st_mtime)


def read_inputs(
    paths: Iterable[str],
    default_date: dt.date | None = None,
    stdin: TextIO | None = None,
    finished: Container[InputFile] | None = None,
) -> Iterator[Article | Rejection | InputFile]:
    """Articles (and rejections) from files, folders, globs and "-" for stdin, one at a time.
    ``default_date`` dates the articles whose input states no date.

    With ``finished`` (a resumable run), the InputFile of each file follows its last article, and
    files in ``finished`` (same path, size and modification time) are skipped unread."""
    for path in paths:
        if path == "-":
            yield from read_stdin(stdin or sys.stdin, default_date)
            continue
        for item in input_files(path):
            if isinstance(item, Rejection):
                yield item
                continue
            stamp = input_file(item) if finished is not None else None
            if stamp is not None and stamp in finished:
                continue
            yield from read_file(Path(item), default_date)
            if stamp is not None:
                yield stamp
