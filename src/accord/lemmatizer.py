"""The model's rule lemmatizer, asked once per distinct word, part of speech and morphology.

spaCy's Lemmatizer sets lemmas token by token through Python attribute access, and recomputes the
base forms it does not cache. A rule lemma is a function of the word, its part of speech and its
morphology only, so each distinct combination is lemmatised once, by the original component (with
its index of known lemmas as sets rather than lists), and the lemmas of a document are written as
one array.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import Lemmatizer as SpacyLemmatizer
from spacy.lookups import Lookups, Table
from spacy.tokens import Doc

from .equivalents import UnsupportedModel

# Distinct combinations remembered; past this the cache starts over, so an open vocabulary keeps memory bounded.
CACHED = 200_000


class Lemmatizer:
    def __init__(self, original: SpacyLemmatizer):
        if original.mode != "rule":  # other modes may read more of a token than these three attributes
            raise UnsupportedModel(f"lemmatizer mode {original.mode!r}")
        original.lookups = indexed_as_sets(original.lookups)
        self.original = original
        self.lookups = original.lookups  # the tables, as the original offers them
        self.lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not self.original.overwrite:  # set by the attribute rules
                lemmas.append(lemma)
                continue
            key = (orth, pos, morph)
            found = self.lemmas.get(key)
            if found is None:
                if len(self.lemmas) >= CACHED:
                    self.lemmas.clear()
                found = self.lemmas[key] = doc.vocab.strings.add(self.original.lemmatize(doc[i])[0])
            lemmas.append(found)
        doc.from_array([LEMMA], numpy.array(lemmas, dtype="uint64").reshape(-1, 1))
        return doc


def indexed_as_sets(lookups: Lookups) -> Lookups:
    """The same tables, with the lemma index's lists as sets: spaCy's rule lemmatizer asks whether a
    candidate lemma is in the index, and a list of 57,000 nouns answers that one by one."""
    copied = Lookups()
    for name in lookups.tables:
        copied.set_table(name, lookups.get_table(name))
    if lookups.has_table("lemma_index"):
        index = Table(name="lemma_index")
        for key, lemmas in lookups.get_table("lemma_index").items():
            index[key] = set(lemmas)
        copied.set_table("lemma_index", index)
    return copied


@Language.factory("accord_lemmatizer")
def make_lemmatizer(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Built from the pipeline's ``lemmatizer``, which the caller then removes."""
    return Lemmatizer(nlp.get_pipe("lemmatizer"))
