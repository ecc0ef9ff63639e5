"""Tests of the ingest stage: cleaning, metadata, reading every input shape, and rejections."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord import ingest
from accord.ingest import (
    MAX_TEXT_BYTES,
    READ_CHUNK_BYTES,
    article_from_record,
    article_from_text,
    article_id,
    clean_text,
    load_boilerplate_rows,
    read_inputs,
    read_json_document,
)
from accord.records import Article, Rejection

SEEDS = Path(__file__).parents[2] / "shared" / "seeds"

VISIT = (
    "Thai Foreign Minister Somchai Rattanakul held talks with his Cambodian counterpart in "
    "Bangkok on Monday, and the two sides agreed to reopen three border checkpoints.\n\n"
    "The ministers also discussed a visit to Phnom Penh by the Thai prime minister later this year."
)
TRADE = (
    "Trade between Malaysia and Turkey rose 11% to 2.4 billion USD in the first half of this "
    "year, and the two governments said they aimed to sign a free trade agreement by the end of 2025."
)
FRENCH = (
    "Le ministre des Affaires étrangères du Sénégal a reçu mardi à Dakar son homologue malien. "
    "Les deux parties ont convenu de renforcer la coopération en matière de sécurité et de "
    "commerce, et ont signé un accord sur le transport des marchandises entre les deux pays."
)


def articles(items) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def rejections(items) -> list[Rejection]:
    return [item for item in items if isinstance(item, Rejection)]


def only_article(result) -> Article:
    assert isinstance(result, Article), result
    return result


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- title -----------------------------------------------------------------------------------


def test_headline_line_is_the_title_and_not_part_of_the_first_sentence():
    article = only_article(
        article_from_text("Thailand, Cambodia agree to reopen border checkpoints\n" + VISIT)
    )
    assert article.title == "Thailand, Cambodia agree to reopen border checkpoints"
    assert article.text.startswith("Thai Foreign Minister Somchai Rattanakul held talks")


def test_a_first_sentence_is_no_title():
    article = only_article(article_from_text(VISIT))
    assert article.title is None
    assert article.text.startswith("Thai Foreign Minister")


def test_a_line_cut_at_a_joining_word_is_no_title():
    text = "Thai Foreign Minister Somchai Rattanakul held talks with his\nCambodian counterpart on Monday."
    article = only_article(article_from_text(text))
    assert article.title is None
    assert article.text == text.replace("\n", " ")


def test_a_hard_wrapped_first_line_is_no_title_and_wrapped_lines_are_joined():
    wrapped = (
        "Thai Foreign Minister Somchai Rattanakul held talks with his\n"
        "Cambodian counterpart in Bangkok on Monday, and the two sides agreed to\n"
        "reopen three border checkpoints.\n"
    )
    article = only_article(article_from_text(wrapped))
    assert article.title is None
    assert article.text == (
        "Thai Foreign Minister Somchai Rattanakul held talks with his Cambodian counterpart in "
        "Bangkok on Monday, and the two sides agreed to reopen three border checkpoints."
    )


def test_given_title_is_kept_and_its_repeat_in_the_body_dropped():
    text = "Malaysia and Turkey aim for free trade deal\n\n" + TRADE
    article = only_article(article_from_text(text, title="Malaysia and Turkey aim for free trade deal"))
    assert article.title == "Malaysia and Turkey aim for free trade deal"
    assert article.text == TRADE


# --- dates -----------------------------------------------------------------------------------


def test_date_line_gives_the_date_and_leaves_the_body():
    article = only_article(article_from_text("Date: 2023-11-07\n\n" + VISIT))
    assert (article.date, article.date_origin) == (dt.date(2023, 11, 7), "date-line")
    assert "2023" not in article.text


def test_date_line_glued_to_a_photo_caption_removes_both():
    text = " date 2023-11-07 The two ministers at the talks in Bangkok (Photo: TNA)\n\n" + VISIT
    article = only_article(article_from_text(text))
    assert article.date == dt.date(2023, 11, 7)
    assert article.title is None
    assert article.text.startswith("Thai Foreign Minister")
    assert "Photo" not in article.text


def test_dated_dateline_gives_the_date():
    article = only_article(article_from_text("BANGKOK, November 6, 2023 (TNA) – " + VISIT))
    assert (article.date, article.date_origin) == (dt.date(2023, 11, 6), "dateline")


def test_record_date_wins_over_the_text_and_a_timestamp_is_accepted():
    text = "date 2023-11-07\n" + VISIT
    article = only_article(article_from_text(text, date="2023-11-08T06:45:00Z"))
    assert (article.date, article.date_origin) == (dt.date(2023, 11, 8), "record")


def test_unparseable_record_date_is_ignored_not_rejected():
    article = only_article(article_from_text(VISIT, date="sometime last week"))
    assert article.date is None and article.date_origin is None


def test_default_date_only_when_the_input_states_none():
    default = dt.date(2024, 1, 31)
    undated = only_article(article_from_text(VISIT, default_date=default))
    assert (undated.date, undated.date_origin) == (default, "option")
    dated = only_article(article_from_text("date 2023-11-07\n" + VISIT, default_date=default))
    assert dated.date_origin == "date-line"


def test_no_date_is_never_invented():
    assert only_article(article_from_text(VISIT)).date is None


def test_html_metadata_date(tmp_path):
    page = write(
        tmp_path / "page.html",
        "<html><head><title>Malaysia and Turkey aim for free trade deal</title>"
        '<meta property="article:published_time" content="2024-08-02T10:00:00+08:00"></head>'
        f"<body><article><p>{TRADE}</p></article></body></html>",
    )
    [article] = read_inputs([str(page)])
    assert (article.date, article.date_origin) == (dt.date(2024, 8, 2), "html")
    assert article.title == "Malaysia and Turkey aim for free trade deal"
    assert article.text == TRADE


# --- dateline --------------------------------------------------------------------------------


def test_dateline_place_and_agency_are_taken_out_of_the_body():
    article = only_article(article_from_text("Bangkok (TNA) – " + VISIT))
    assert (article.place, article.source) == ("Bangkok", "TNA")
    assert article.text.startswith("Thai Foreign Minister")


def test_upper_case_dateline_place_is_title_cased_and_a_yearless_date_is_not_guessed():
    article = only_article(article_from_text("KUALA LUMPUR, Aug 1 (Reuters) - " + TRADE))
    assert (article.place, article.source) == ("Kuala Lumpur", "Reuters")
    assert article.date is None
    assert article.text == TRADE


def test_upper_case_dateline_without_agency():
    article = only_article(article_from_text("ANKARA — " + TRADE))
    assert (article.place, article.source) == ("Ankara", None)


def test_record_source_fills_source():
    result = article_from_record({"text": "Bangkok (TNA) – " + VISIT, "source": "Bangkok Desk"}, "x:1")
    article = only_article(result)
    assert (article.place, article.source) == ("Bangkok", "Bangkok Desk")


# --- cleaning --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ending",
    [
        "./.",
        " ./.",
        ". (END)",
        ".\n(END)",
        ". -- Reuters",
        ".\n\n(Reporting by Ayse Demir in Ankara; Editing by Paul Grant)",
    ],
)
def test_agency_end_marks_and_credits_are_removed(ending):
    without_final_period = TRADE.removesuffix(".")
    assert only_article(article_from_text(without_final_period + ending)).text == TRADE


@pytest.mark.parametrize(
    "caption",
    [
        "Officials at the signing ceremony in Kuala Lumpur (Photo: Bernama)",
        "Photo: Bernama",
        "Source: Bernama",
    ],
)
def test_caption_and_credit_lines_are_removed(caption):
    article = only_article(article_from_text(f"{TRADE}\n{caption}\n\n{VISIT}"))
    assert article.text == f"{TRADE}\n\n{VISIT}"


def test_inline_photo_credit_is_removed():
    text = "The Malaysian trade minister (Photo: Bernama) said the talks had gone well."
    assert only_article(article_from_text(text)).text == (
        "The Malaysian trade minister said the talks had gone well."
    )


@pytest.mark.parametrize(
    "row", load_boilerplate_rows(), ids=lambda row: f"{row['kind']}:{row['example'][:30]}"
)
def test_every_boilerplate_rule_cleans_its_example(row):
    body = clean_text(f"{TRADE}\n{row['example']}").body
    if row["kind"] == "line":
        assert re.fullmatch(row["pattern"], row["example"], re.IGNORECASE)
        assert body == TRADE
    elif row["kind"] == "end":
        assert body.endswith("The talks ended on Friday.")
    else:
        assert body.endswith("The minister spoke first.")


def test_blank_line_runs_collapse_and_inner_whitespace_is_single_spaces():
    messy = f"\n\n  Trade between  Malaysia\tand Turkey rose 11%.  \n\n\n\n\n{VISIT}\r\n\r\n"
    article = only_article(article_from_text(messy))
    assert article.text.startswith("Trade between Malaysia and Turkey rose 11%.\n\nThai Foreign")
    assert "\n\n\n" not in article.text


def test_standfirst_under_the_headline_stays_apart_from_the_dateline():
    text = (
        "Malaysia and Turkey aim for free trade deal\n"
        "The two governments want a deal signed before the end of next year\n"
        "KUALA LUMPUR (Bernama) - " + TRADE
    )
    article = only_article(article_from_text(text))
    assert article.title == "Malaysia and Turkey aim for free trade deal"
    assert (article.place, article.source) == ("Kuala Lumpur", "Bernama")
    assert article.text == (
        "The two governments want a deal signed before the end of next year\n\n" + TRADE
    )


def test_single_line_paragraphs_become_blank_line_separated():
    text = TRADE + "\n" + VISIT.replace("\n\n", "\n")
    assert only_article(article_from_text(text)).text == TRADE + "\n\n" + VISIT


# --- ids -------------------------------------------------------------------------------------


def test_id_is_stable_across_whitespace_and_input_format(tmp_path):
    plain = write(tmp_path / "a.txt", VISIT)
    spaced = write(tmp_path / "b.txt", "\n\n" + VISIT.replace(" ", "  ").replace("\n\n", "\n\n\n\n"))
    lines = write(tmp_path / "c.jsonl", json.dumps({"id": "rec-17", "text": VISIT}) + "\n")
    found = articles(read_inputs([str(plain), str(spaced), str(lines)]))
    assert len({article.id for article in found}) == 1
    assert len(found[0].id) == 16
    assert found[2].record_id == "rec-17"
    assert found[0].record_id is None


def test_numeric_record_id_is_kept_as_text():
    assert only_article(article_from_record({"id": 42, "text": TRADE}, "x:1")).record_id == "42"


# --- reading ---------------------------------------------------------------------------------


def test_json_lines_records_carry_their_metadata_and_line_origin(tmp_path):
    record = {
        "id": "wire-9",
        "title": "Malaysia and Turkey aim for free trade deal",
        "date": "2024-08-02",
        "source": "Example Wire",
        "url": "https://wire.example.org/9",
        "language": "en-GB",
        "text": TRADE,
    }
    path = write(tmp_path / "wire.jsonl", "\n" + json.dumps(record) + "\n")
    [article] = read_inputs([str(path)])
    assert article.origin == f"{path}:2"
    assert (article.record_id, article.title, article.source) == (
        "wire-9",
        "Malaysia and Turkey aim for free trade deal",
        "Example Wire",
    )
    assert (article.date, article.date_origin, article.url) == (
        dt.date(2024, 8, 2),
        "record",
        "https://wire.example.org/9",
    )


def test_json_list_and_single_object(tmp_path):
    listing = write(tmp_path / "list.json", json.dumps([{"text": VISIT}, {"text": TRADE}], indent=2))
    single = write(tmp_path / "one.json", json.dumps({"text": TRADE}, indent=2))
    found = list(read_inputs([str(listing), str(single)]))
    assert [a.text for a in articles(found)] == [VISIT, TRADE, TRADE]


def test_json_list_spanning_many_read_chunks_is_streamed_whole():
    records = [{"id": str(n), "text": f"{TRADE} Record {n}."} for n in range(1000)]
    data = json.dumps(records).encode()
    assert len(data) > 2 * READ_CHUNK_BYTES
    found = list(read_json_document(io.BytesIO(data), "big.json", None))
    assert [a.record_id for a in articles(found)] == [str(n) for n in range(1000)]


def test_gzip_inputs(tmp_path):
    with gzip.open(tmp_path / "wire.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"text": VISIT}) + "\n" + json.dumps({"text": TRADE}) + "\n")
    with gzip.open(tmp_path / "story.txt.gz", "wt", encoding="utf-8") as handle:
        handle.write("Bangkok (TNA) – " + VISIT)
    found = list(read_inputs([str(tmp_path / "story.txt.gz"), str(tmp_path / "wire.jsonl.gz")]))
    assert [a.text for a in articles(found)] == [VISIT, VISIT, TRADE]
    assert found[0].place == "Bangkok"


def test_folder_is_read_recursively_in_order_skipping_hidden_files(tmp_path):
    write(tmp_path / "b.txt", TRADE)
    write(tmp_path / "a" / "z.txt", VISIT)
    write(tmp_path / ".hidden.txt", FRENCH)
    write(tmp_path / ".cache" / "x.txt", FRENCH)
    found = list(read_inputs([str(tmp_path)]))
    assert [a.origin for a in found] == [str(tmp_path / "a" / "z.txt"), str(tmp_path / "b.txt")]


def test_glob_is_expanded(tmp_path):
    write(tmp_path / "one.txt", TRADE)
    write(tmp_path / "deep" / "two.txt", VISIT)
    write(tmp_path / "three.html", "<html><body><p>ignored</p></body></html>")
    found = list(read_inputs([str(tmp_path / "**" / "*.txt")]))
    assert sorted(a.origin for a in found) == sorted(
        [str(tmp_path / "one.txt"), str(tmp_path / "deep" / "two.txt")]
    )


def test_unknown_extension_is_sniffed(tmp_path):
    write(tmp_path / "feed.dat", json.dumps({"text": TRADE}) + "\n" + json.dumps({"text": VISIT}))
    write(tmp_path / "page.data", f"<html><body><article><p>{TRADE}</p></article></body></html>")
    found = articles(read_inputs([str(tmp_path / "feed.dat"), str(tmp_path / "page.data")]))
    assert [a.text for a in found] == [TRADE, VISIT, TRADE]


def test_stdin_plain_text_and_json_lines():
    [article] = read_inputs(["-"], stdin=io.StringIO("Bangkok (TNA) – " + VISIT))
    assert (article.origin, article.place) == ("<stdin>", "Bangkok")
    lines = json.dumps({"text": TRADE}) + "\nnot json\n" + json.dumps({"text": VISIT}) + "\n"
    found = list(read_inputs(["-"], stdin=io.StringIO(lines)))
    assert [type(item).__name__ for item in found] == ["Article", "Rejection", "Article"]
    assert found[1].origin == "<stdin>:2"


def test_reading_is_lazy(tmp_path):
    write(tmp_path / "a.txt", TRADE)
    stream = read_inputs([str(tmp_path / "a.txt"), str(tmp_path / "missing.txt")])
    assert next(stream).text == TRADE  # the missing file is not touched yet


# --- rejections ------------------------------------------------------------------------------


def test_every_kind_of_bad_input_is_rejected_and_the_batch_goes_on(tmp_path):
    (tmp_path / "01_binary.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (tmp_path / "02_empty.txt").write_bytes(b"")
    (tmp_path / "03_huge.txt").write_bytes(b"The talks went on. " * (6 * 1024 * 1024 // 19 + 1))
    (tmp_path / "04_latin1.txt").write_bytes(FRENCH.encode("latin-1"))
    write(tmp_path / "05_french.txt", FRENCH)
    write(
        tmp_path / "06_records.jsonl",
        "{bad json\n"
        + json.dumps({"title": "no text here"})
        + "\n"
        + json.dumps(["a", "list"])
        + "\n"
        + json.dumps({"text": TRADE, "language": "fr"})
        + "\n"
        + json.dumps({"text": VISIT})
        + "\n",
    )
    (tmp_path / "07_broken.json.gz").write_bytes(b"this is not gzip data at all")
    write(tmp_path / "08_boilerplate_only.txt", "Share this article\nAdvertisement\n© 2024 Example News")
    write(tmp_path / "09_good.txt", TRADE)
    (tmp_path / "10_controls.dat").write_bytes(bytes(range(1, 32)) * 40)

    found = list(read_inputs([str(tmp_path), str(tmp_path / "missing.txt"), str(tmp_path / "*.none")]))
    reasons = {Path(r.origin).name: r.reason for r in rejections(found)}
    assert reasons == {
        "01_binary.bin": "binary file (NUL bytes)",
        "02_empty.txt": "empty file",
        "03_huge.txt": "too large (over 5 MB of text)",
        "04_latin1.txt": "undecodable text (not valid UTF-8)",
        "05_french.txt": "not English (2% English function words)",
        "06_records.jsonl:1": "invalid JSON (Expecting property name enclosed in double quotes at column 2)",
        "06_records.jsonl:2": "record has no text field",
        "06_records.jsonl:3": "record is not a JSON object",
        "06_records.jsonl:4": "not English (language 'fr')",
        "07_broken.json.gz": reasons["07_broken.json.gz"],
        "08_boilerplate_only.txt": "empty (no text left after cleaning)",
        "10_controls.dat": "binary file (81% control bytes)",
        "missing.txt": "file not found",
        "*.none": "no file matches this pattern",
    }
    assert reasons["07_broken.json.gz"].startswith("corrupt gzip file")
    assert [a.text for a in articles(found)] == [VISIT, TRADE]


def test_html_with_a_declared_charset_is_decoded(tmp_path):
    page = (
        '<html><head><meta charset="iso-8859-1"><title>Senegal and Mali sign transport deal</title>'
        f"</head><body><article><p>Dakar (APS) - {TRADE} The Senegalese minister, Aïssatou Diop, "
        "welcomed the deal.</p></article></body></html>"
    )
    (tmp_path / "page.html").write_bytes(page.encode("latin-1"))
    [article] = read_inputs([str(tmp_path / "page.html")])
    assert "Aïssatou Diop" in article.text
    assert article.place == "Dakar"


def test_unreadable_file_is_rejected(tmp_path, monkeypatch):
    path = write(tmp_path / "locked.txt", TRADE)

    def refuse(*args, **kwargs):  # chmod 0 would not stop root, who may run the tests
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(ingest, "open", refuse, raising=False)
    [rejection] = read_inputs([str(path)])
    assert rejection == Rejection(str(path), "unreadable file (permission denied)")


def test_short_texts_are_judged_by_which_function_words_outnumber():
    assert isinstance(article_from_text("Japan's trade minister visited Indonesia on Tuesday."), Article)
    assert isinstance(article_from_text("Marine Le Pen met Hungarian officials in Budapest."), Article)
    french = article_from_text("Le ministre sénégalais a reçu son homologue malien à Dakar.")
    assert french.reason == "not English (10% English function words, 2 of other languages)"


def test_text_over_the_limit_is_rejected_in_records_too():
    text = "Trade rose. " * (MAX_TEXT_BYTES // 12 + 1)
    assert article_from_text(text).reason == "too large (over 5 MB of text)"


# --- the seed reports ------------------------------------------------------------------------


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds not present")
def test_seed_reports():
    [dated] = read_inputs([str(next(SEEDS.glob("002_*.txt")))])
    assert (dated.date, dated.date_origin) == (dt.date(2022, 4, 13), "date-line")
    assert (dated.place, dated.source, dated.title) == ("Hanoi", "VNA", None)
    assert dated.text.startswith("Peru considers Vietnam")
    assert "Photo" not in dated.text and not dated.text.endswith("/.")
    assert "\n\n\n" not in dated.text

    headline = next(SEEDS.glob("000_*.txt"))
    [undated] = read_inputs([str(headline)])
    assert undated.title.startswith("Peruvian President hails")
    assert undated.date is None
    assert undated.text.endswith("%.")
    [defaulted] = read_inputs([str(headline)], default_date=dt.date(2023, 4, 22))
    assert (defaulted.date, defaulted.date_origin) == (dt.date(2023, 4, 22), "option")


# --- properties ------------------------------------------------------------------------------

whitespace = st.text(alphabet=" \t\n\r\u00a0", min_size=1, max_size=4)
word = st.text(alphabet=st.characters(blacklist_categories=["Z", "C"]), min_size=1)


@given(st.lists(word, min_size=1), st.data())
def test_article_id_ignores_whitespace_changes(words, data):
    spaced = "".join(word + data.draw(whitespace) for word in words)
    assert article_id(spaced) == article_id(" ".join(words))


@settings(max_examples=300)
@given(st.text())
def test_cleaning_never_raises_and_always_gives_tidy_paragraphs(text):
    result = article_from_text(text)
    assert isinstance(result, Article | Rejection)
    if isinstance(result, Article):
        assert result.text
        for paragraph in result.text.split("\n\n"):
            assert paragraph and paragraph == paragraph.strip() and "\n" not in paragraph
            assert "  " not in paragraph
