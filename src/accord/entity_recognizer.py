"""The model's named-entity recognizer, decoded in numpy for a whole batch at once.

spaCy's recognizer is a greedy transition system (BILUO moves over the tokens, one token per move).
Its compiled decoder in the spaCy 3.8 wheel checks every move's validity for every token through
C++ calls wrapped in GIL acquire/release pairs (PyGILState_Ensure/Release in ner.so), so the recognizer
cost half of all pipeline time, three times the dependency parser, and more than half of that was
those checks. The network here is the model's own (its tok2vec, precomputed feature layer and output
layer, run by thinc as spaCy runs them); only the loop differs: every document of a batch is at the
same token at every step, so a step is a few array operations over all unfinished documents, and the
validity rules of the moves are masks. The entities are the original component's, which
tests/test_nlp.py and benchmarks/equivalents.py check.

The rules are those of a document without preset entities (nothing before the recognizer set
any); a document that has some, or a model this loop does not cover (beam search, another feature
set), is left to spaCy's component.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import numpy
from spacy.attrs import IS_SPACE, SENT_START
from spacy.language import Language
from spacy.pipeline import EntityRecognizer as SpacyRecognizer
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from .equivalents import UnsupportedModel

ENTITY_FEATURES = 3  # the next word, the first word of the open entity, the word before the next
MOVES = "BILUO"  # begin, inside, last, unit, out (which has no label)


class EntityRecognizer:
    def __init__(self, original: SpacyRecognizer):
        model = original.model
        lower = model.get_ref("lower")
        if original.cfg.get("beam_width", 1) != 1 or not model.attrs.get("has_upper"):
            raise UnsupportedModel("beam search or a model without output layer")
        if lower.get_dim("nF") != ENTITY_FEATURES or model.attrs.get("unseen_classes"):
            raise UnsupportedModel("other state features or classes never seen in training")
        self.original = original
        self.tok2vec = model.get_ref("tok2vec")
        self.lower = lower
        upper = model.get_ref("upper")
        self.output_weights, self.output_bias = upper.get_param("W"), upper.get_param("b")
        self.pieces = lower.get_dim("nP")
        self.hidden_bias = lower.get_param("b").reshape(-1)
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
        """The (start, end, label) entities of each document, by greedy decoding as spaCy's."""
        lengths = numpy.array([len(doc) for doc in docs])
        starts = numpy.concatenate([[0], numpy.cumsum(lengths)[:-1]])
        # Row 0 of the precomputed features is the padding of a missing feature; token k is row k + 1.
        features = self.lower.predict(self.tok2vec.predict(docs))
        features = features.reshape(features.shape[0], ENTITY_FEATURES, -1)
        longest = int(lengths.max())
        space = numpy.zeros((len(docs), longest), dtype=bool)
        next_opens_sentence = numpy.zeros((len(docs), longest), dtype=bool)  # token t + 1 starts a sentence
        for row, doc in enumerate(docs):
            flags = doc.to_array([IS_SPACE, SENT_START]).astype("int64")
            space[row, : len(doc)] = flags[:, 0] == 1
            next_opens_sentence[row, : len(doc) - 1] = flags[1:, 1] == 1
        entity_start = numpy.full(len(docs), -1)
        entity_label = numpy.zeros(len(docs), dtype="uint64")
        entities: list[list[tuple[int, int, int]]] = [[] for _ in docs]
        for t in range(longest):
            rows = numpy.flatnonzero(lengths > t)
            opened = entity_start[rows] >= 0
            token = starts[rows] + t + 1
            first = numpy.where(opened, starts[rows] + entity_start[rows] + 1, 0)
            before = numpy.where(opened, token - 1, 0)
            unmaxed = features[token, 0] + features[first, 1] + features[before, 2] + self.hidden_bias
            hidden = unmaxed.reshape(len(rows), -1, self.pieces).max(axis=2)
            scores = self.lower.ops.gemm(hidden, self.output_weights, trans2=True) + self.output_bias
            valid = self.valid_moves(opened, entity_label[rows], lengths[rows] > t + 1,
                                     next_opens_sentence[rows, t], space[rows, t])
            guesses = numpy.where(valid, scores, -numpy.inf).argmax(axis=1)
            kinds = {kind: mask[guesses] for kind, mask in self.moves.items()}
            for row, label in zip(rows[kinds["U"]], self.labels[guesses[kinds["U"]]]):
                entities[row].append((t, t + 1, int(label)))
            for row in rows[kinds["L"]]:
                entities[row].append((int(entity_start[row]), t + 1, int(entity_label[row])))
            entity_start[rows[kinds["L"]]] = -1
            entity_start[rows[kinds["B"]]] = t
            entity_label[rows[kinds["B"]]] = self.labels[guesses[kinds["B"]]]
        return entities

    def valid_moves(self, opened, label, has_next, next_opens_sentence, space) -> numpy.ndarray:
        """Which moves each state may take: an entity neither starts on a space nor runs into the
        next sentence, and I and L continue the open entity's label (spaCy's rules, no presets)."""
        closed = ~opened[:, None]
        same_label = self.labels[None, :] == label[:, None]
        may_continue = (has_next & ~next_opens_sentence)[:, None]
        return (
            (self.moves["B"] & closed & may_continue & ~space[:, None])
            | (self.moves["I"] & ~closed & same_label & may_continue)
            | (self.moves["L"] & ~closed & same_label)
            | (self.moves["U"] & closed & ~space[:, None])
            | (self.moves["O"] & closed)
        )


@Language.factory("accord_entity_recognizer")
def make_entity_recognizer(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Built from the pipeline's ``ner``, which the caller then removes."""
    return EntityRecognizer(nlp.get_pipe("ner"))
