"""The sentence pre-filter: which sentences skip the parser, and that coding comes out the same."""

from dataclasses import replace
from datetime import date

import pytest

import accord
from accord.lexicon import load_lexicon
from accord.output import article_json
from accord.prefilter import SentenceFilter
from accord.records import Article

REPORT = (
    "Kenya and Uganda agree to reopen border post\n\n"
    "NAIROBI, May 8 - Kenyan Foreign Minister Grace Wanjiru met her Ugandan counterpart in Nairobi on "
    "Tuesday and the two sides signed an agreement to reopen the Busia crossing.\n\n"
    "Morning fog hung over the lake and the fishing boats stayed close to the shore.\n\n"
    "Wanjiru arrived in the capital late on Monday after a tour of the coast. The streets around the "
    "old market were quiet. She later thanked Uganda for its help during the floods.\n\n"
    "Trade between the two neighbours reached 1.2 billion dollars last year.\n"
)


@pytest.fixture(scope="module")
def coder():
    return accord.load()


@pytest.fixture(scope="module")
def kept(coder):
    def kept(text: str, sentence_filter: SentenceFilter | None = None) -> list[bool]:
        """Per rule-split sentence, whether the filter sends it to the parser (it reads tokens only)."""
        doc = coder.parser.nlp.tokenizer(text)
        return [keep for _, _, keep in (sentence_filter or coder.prefilter).plan(doc)]

    return kept


@pytest.mark.parametrize("text", [
    "The Kenyan government condemned the shelling of the border town.",  # event word and country word
    "Exports of coffee reached 2.4 billion dollars in the first quarter.",  # a figure with a measure
    "Police detained dozens of protesters outside the parliament.",  # agent word, no capital
    "Officials held talks with the rebels on Friday.",  # irregular inflection of a framed trigger
])
def test_sentences_that_may_hold_an_event_or_a_fact_are_kept(kept, text):
    assert kept(text) == [True]


@pytest.mark.parametrize("text", [
    "Morning fog hung over the lake and the fishing boats stayed close to the shore.",
    "The streets around the old market were quiet as the shops opened.",  # "open" wants a border or crossing
    "A light rain fell through the afternoon.",  # a change word without a figure
])
def test_background_and_scene_description_are_skipped(kept, text):
    assert kept(text) == [False]


def test_a_sentence_a_later_pronoun_may_refer_to_is_kept(kept):
    text = ("Ambassador Lucia Ferraro arrived in Quito on Sunday. The hotel lobby was crowded. "
            "She met the Ecuadorian president on Monday.")
    assert kept(text) == [True, False, True]


def test_a_sentence_that_names_a_person_a_later_kept_sentence_calls_by_surname_is_kept(kept):
    text = ("Bolivian President Luis Arce has downgraded the mission. The weather was mild. "
            "Arce said the decision was final. The market was busy.")
    assert kept(text) == [True, False, True, False]


def test_a_surname_that_is_also_a_noun_opening_a_sentence_counts_when_the_text_names_the_person(kept):
    assert kept("Baker said the talks would resume.") == [False]  # "Baker" alone: maybe just a noun
    text = "The envoy, Thomas Baker, arrived in Accra on Monday. Baker said the talks would resume."
    assert kept(text) == [True, True]


def test_countries_named_before_the_two_sides_are_kept(kept):
    # which two countries "the two sides" are depends on how often each was named before
    text = ("Chilean officials said the delegation left Santiago on Sunday. The forum will take place in Lima, "
            "Peru. The weather was mild. The two sides signed a fisheries accord.")
    assert kept(text) == [True, True, False, True]


def test_an_ellipsis_before_a_lower_case_word_does_not_end_the_sentence(kept):
    assert kept('"Several soldiers... attacked the village before dawn," a witness told reporters.') == [True]


def test_a_trigger_from_a_user_lexicon_file_is_a_cue(coder, kept, tmp_path):
    extra = tmp_path / "extra.tsv"
    extra.write_text("cameo\tlemma\tpos\tobject\ttarget\texample\n"
                     "112\tscold\tVERB\t-\tdobj\tthe minister scolded the envoy\n", encoding="utf-8")
    text = "The minister scolded the envoy."
    with_user = SentenceFilter(coder.parser.nlp, load_lexicon([extra]), coder.stages[0].table)
    assert kept(text) == [False]
    assert kept(text, with_user) == [True]


def unfiltered(coder, article: Article) -> Article:
    return coder.analyse(coder.parser(replace(article, sentences=[])))


def filtered(coder, article: Article) -> Article:
    return coder.analyse(coder.parser(replace(article, sentences=[]), coder.prefilter))


@pytest.fixture(scope="module")
def report():
    return Article(id="report", text=REPORT, date=date(2024, 5, 8))


def test_skipped_sentences_stay_as_unparsed_records_in_place(coder, report):
    article = filtered(coder, report)
    skipped = [s for s in article.sentences if not s.parsed]
    assert [s.text for s in skipped] == [
        "Morning fog hung over the lake and the fishing boats stayed close to the shore.",
        "The streets around the old market were quiet.",
    ]
    assert all(not s.tokens and not s.entities for s in skipped)
    assert [s.index for s in article.sentences] == list(range(len(article.sentences)))
    for sentence in article.sentences:
        assert article.text[sentence.start:sentence.end] == sentence.text


def test_kept_sentences_have_the_offsets_and_tokens_of_the_unfiltered_parse(coder, report):
    whole = {s.start: s for s in unfiltered(coder, report).sentences}
    for sentence in filtered(coder, report).sentences:
        if not sentence.parsed:
            continue
        same = whole[sentence.start]
        assert (sentence.end, sentence.text, sentence.token_start) == (same.end, same.text, same.token_start)
        assert [(t.i, t.start, t.text, t.head) for t in sentence.tokens] == \
               [(t.i, t.start, t.text, t.head) for t in same.tokens]
        for token in sentence.tokens:
            assert report.text[token.start:token.end] == token.text


def test_events_and_facts_are_the_same_with_and_without_the_filter(coder, report):
    without, with_filter = article_json(unfiltered(coder, report)), article_json(filtered(coder, report))
    assert with_filter["events"] == without["events"]
    assert with_filter["facts"] == without["facts"]
    by_trigger = {e["evidence"]["text"]: e for e in with_filter["events"]}
    # "She" in the last paragraph is still the minister of the lead, across a skipped sentence
    assert by_trigger["thanked"]["source"]["code"] == by_trigger["met"]["source"]["code"] is not None
    assert any(f["measure"] == "trade_volume" for f in with_filter["facts"])


def test_coder_pipe_filters_and_can_be_told_not_to(coder, report):
    records = [{"id": "r1", "text": REPORT, "date": "2024-05-08"}]
    assert any(not s.parsed for s in next(coder.pipe(records)).sentences)
    assert coder.parser(replace(report, sentences=[])).sentences[0].parsed  # the bare parser parses all
    assert all(s.parsed for s in unfiltered(coder, report).sentences)


def test_a_filter_failure_parses_the_whole_article(coder, report, monkeypatch):
    def broken(doc):
        raise RuntimeError("unreadable")

    monkeypatch.setattr(coder.prefilter, "plan", broken)
    article = filtered(coder, report)
    assert all(s.parsed for s in article.sentences)
    assert article_json(article)["events"]
