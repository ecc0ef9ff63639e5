"""The model's named-entity recognizer, decoded in numpy for a whole batch at once.

spaCy's recognizer is a greedy transition system (BILUO moves over the tokens, one token per move).
Its compiled decoder in the spaCy 3.8 wheel checks every move's validity for every token through
C++ calls wrapped in GIL acquire/release pairs (PyGILState_Ensure/Release in ner.so), so the recognizer
cost half of all pipeline time, three times the dependency parser, and more than half of that was
those checks. The network here is the model's own (its tok2vec, precomputed feature layer and output
layer, run by thinc as spaCy runs them); only the loop differs. Outside an entity a state's features
are those of the next token alone, so the move there is computed for every token of the batch in one
product; only the tokens inside an entity take a step each, and the documents inside one step
together. The validity rules of the moves are masks. The entities are the original component's,
which tests/test_nlp.py and benchmarks/equivalents.py check.

The rules are those of a document without preset entities (nothing before the recognizer set
any); a document that has some, or a model this loop does not cover (beam search, another feature
set), is left to spaCy's component.
"""

from __future__ import annotations

import functools
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator

import numpy
from spacy.attrs import IS_SPACE, SENT_START
from spacy.language import Language
from spacy.pipeline import EntityRecognizer as SpacyRecognizer
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from .equivalents import UnsupportedModel, transition_network

ENTITY_FEATURES = 3  # the next word, the first word of the open entity, the word before the next
MOVES = "BILUO"  # begin, inside, last, unit, out (which has no label)


class EntityRecognizer:
    def __init__(self, original: SpacyRecognizer):
        self.original = original
        (self.tok2vec, self.lower, self.output_weights, self.output_bias, self.hidden_bias,
         self.pieces) = transition_network(original, ENTITY_FEATURES)
        strings = original.vocab.strings
        kinds, labels = [], []
        for index in range(original.moves.n_moves):
            kind, _, label = original.moves.get_class_name(index).partition("-")
            if kind not in MOVES:
                raise UnsupportedModel(f"move {kind!r}")
            kinds.append(kind)
            labels.append(strings.add(label) if label else 0)
        self.labels = numpy.array(labels, dtype="uint64")
        labelled = self.labels != 0  # "U-" (unit without label) only ever follows a preset entity
        kinds = numpy.array(kinds)
        self.moves = {kind: (kinds == kind) & (labelled | (kind == "O")) for kind in MOVES}

    def __call__(self, doc: Doc) -> Doc:
        self.set_entities([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for batch in minibatch(docs, batch_size):
            self.set_entities(batch)
            yield from batch

    def set_entities(self, docs: list[Doc]) -> None:
        preset, fresh = [], []
        for doc in docs:
            if doc.has_annotation("ENT_IOB"):
                preset.append(doc)
            elif len(doc):
                fresh.append(doc)
        if preset:
            self.original.set_annotations(preset, self.original.predict(preset))
        if fresh:
            for doc, entities in zip(fresh, self.decode(fresh)):
                doc.set_ents([Span(doc, start, end, label=label) for start, end, label in entities], default="outside")

    def decode(self, docs: list[Doc]) -> list[list[tuple[int, int, int]]]:
        """The (start, end, label) entities of each document, by greedy decoding as spaCy's (moves
        outside entities for every token at once, then a step per token inside an entity)."""
        lengths = [len(doc) for doc in docs]
        starts = numpy.concatenate([[0], numpy.cumsum(lengths)[:-1]]).tolist()
        # Row 0 of the precomputed features is the padding of a missing feature; token k is row k + 1.
        features = self.lower.predict(self.tok2vec.predict(docs))
        features = features.reshape(features.shape[0], ENTITY_FEATURES, -1)
        flags = numpy.concatenate([doc.to_array([IS_SPACE, SENT_START]).reshape(-1, 2) for doc in docs]).astype("int64")
        space = flags[:, 0] == 1
        may_continue = numpy.zeros(len(space), dtype=bool)  # a next token in the same sentence
        may_continue[:-1] = flags[1:, 1] != 1
        may_continue[numpy.array(starts[1:] + [len(space)], dtype="int64") - 1] = False
        outside = numpy.arange(1, len(space) + 1)
        outside_scores = self.scores(outside, numpy.zeros_like(outside), numpy.zeros_like(outside), features)
        valid = ((self.moves["B"] & (may_continue & ~space)[:, None]) | (self.moves["U"] & ~space[:, None])
                 | self.moves["O"])
        outside_moves = numpy.where(valid, outside_scores, -numpy.inf).argmax(axis=1)
        begins = self.moves["B"][outside_moves]
        units = self.moves["U"][outside_moves]
        opening = numpy.flatnonzero(begins | units).tolist()  # tokens where an entity starts, if outside one
        labels = self.labels[outside_moves].tolist()
        entities: list[list[tuple[int, int, int]]] = [[] for _ in docs]
        open_entities: dict[int, tuple[int, int, int]] = {}  # document -> (entity start, next token, label), global
        ends = [start + length for start, length in zip(starts, lengths)]
        position = list(starts)  # each document's next token while outside an entity
        pending = list(range(len(docs)))
        while True:
            for row in pending:
                # the first opening token at or after the document's position
                cursor = bisect_left(opening, position[row])
                while cursor < len(opening) and opening[cursor] < ends[row]:
                    token = opening[cursor]
                    if begins[token]:
                        open_entities[row] = (token, token + 1, labels[token])
                        break
                    entities[row].append((token - starts[row], token - starts[row] + 1, labels[token]))
                    cursor += 1
            pending = []
            if not open_entities:
                break
            rows = list(open_entities)
            first, token, label = (numpy.array(column) for column in zip(*(open_entities[row] for row in rows)))
            scores = self.scores(token + 1, first + 1, token, features)
            same_label = self.labels[None, :] == label[:, None].astype("uint64")
            valid = same_label & ((self.moves["I"] & may_continue[token][:, None]) | self.moves["L"])
            last = self.moves["L"][numpy.where(valid, scores, -numpy.inf).argmax(axis=1)].tolist()
            for row, ends_here, start, at, entity_label in zip(rows, last, first.tolist(), token.tolist(),
                                                               label.tolist()):
                if ends_here:
                    entities[row].append((start - starts[row], at + 1 - starts[row], entity_label))
                    del open_entities[row]
                    position[row] = at + 1
                    pending.append(row)
                else:
                    open_entities[row] = (start, at + 1, entity_label)
        return entities

    def scores(self, token, first, before, features) -> numpy.ndarray:
        """Move scores of states given by the feature rows of their three words (0: none)."""
        unmaxed = features[token, 0] + features[first, 1] + features[before, 2] + self.hidden_bias
        # maxout over each unit's pieces (adjacent columns); numpy's max over a short last axis is ~60x slower
        hidden = functools.reduce(numpy.maximum, (unmaxed[:, piece::self.pieces] for piece in range(self.pieces)))
        return self.lower.ops.gemm(hidden, self.output_weights, trans2=True) + self.output_bias


@Language.factory("accord_entity_recognizer")
def make_entity_recognizer(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Built from the pipeline's ``ner``, which the caller then removes."""
    return EntityRecognizer(nlp.get_pipe("ner"))
