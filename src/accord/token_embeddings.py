"""The token encoders' first layer computed once per distinct token, not once per occurrence.

A tok2vec encoder starts with a layer that sees each token alone: it hashes a few of the token's
attributes (norm, prefix, suffix, shape, and for some encoders the space after it), sums the rows
of the hash tables, and mixes them (maxout, layer norm). Only the convolutions after it look at the
neighbours. In news most tokens are words seen a moment ago, so that first layer's output is kept
per distinct value of the attributes it reads and only new ones go through it. The layer's output
for a token is the layer's own, computed by its own sublayers; only when it is computed changes.

An encoder whose first layer holds anything else (static vectors, say, or a layer this module
does not know to be per token) is left as it is.
"""

from __future__ import annotations

import numpy
from spacy.language import Language
from thinc.api import Model

from .equivalents import model_nodes

# Layers (by the module of their forward function) whose output for a token depends on that token's
# input alone. Not in it: expand_window, residual, static vectors and every other layer.
PER_TOKEN = {"spacy.ml.featureextractor", "accord.fused_layers", *(f"thinc.layers.{name}" for name in (
    "chain", "concatenate", "with_array", "list2ragged", "ragged2list", "array_getitem", "hashembed", "maxout",
    "layernorm", "dropout"))}
CACHED = 50_000  # distinct tokens remembered per encoder (19 MB for 96 floats each) before the cache starts over


def cache_token_embeddings(nlp: Language) -> None:
    """Wrap the per-token first layer of every encoder of the pipeline's components."""
    for node in model_nodes(nlp):
        for index, layer in enumerate(node.layers):
            if is_per_token(layer):
                node.layers[index] = cached(layer)


def is_per_token(layer: Model) -> bool:
    """An extract_features >> ... >> ragged2list chain whose every part works per token."""
    parts = layer.layers
    return (len(parts) >= 3 and parts[0].name == "extract_features" and parts[-1].name == "ragged2list"
            and all(node._func.__module__ in PER_TOKEN for node in layer.walk()))


def cached(layer: Model) -> Model:
    model = Model(f"cached({layer.name})", forward_cached, layers=[layer], ops=layer.ops)
    model.attrs["table"] = TokenTable(layer)
    return model


def forward_cached(model: Model, docs, is_train: bool):
    if is_train:  # accord never trains: the wrapped layer as it is
        return model.layers[0](docs, is_train)
    return model.attrs["table"](docs), lambda gradients: []


class TokenTable:
    """The first layer's output rows, one per distinct row of extracted attributes."""

    def __init__(self, layer: Model):
        self.extract, self.rest = layer.layers[0], layer.layers[1:]
        self.rows: dict[bytes, int] = {}
        self.table: numpy.ndarray | None = None

    def __call__(self, docs) -> list[numpy.ndarray]:
        features = self.extract.predict(docs)
        lengths = [len(doc_features) for doc_features in features]
        if not sum(lengths):
            return self.compute(features)
        attributes = numpy.ascontiguousarray(numpy.concatenate(features))
        keys = attributes.view(numpy.dtype((numpy.void, attributes.dtype.itemsize * attributes.shape[1]))).ravel()
        distinct, first, inverse = numpy.unique(keys, return_index=True, return_inverse=True)
        if len(self.rows) + len(distinct) > CACHED:
            self.rows.clear()
        names = [key.tobytes() for key in distinct]
        found = [self.rows.get(name, -1) for name in names]
        new = [index for index, row in enumerate(found) if row < 0]
        if new:
            for index, row in zip(new, self.add(attributes[first[new]], [names[index] for index in new])):
                found[index] = row
        vectors = self.table[numpy.asarray(found)[inverse.ravel()]]
        return numpy.split(vectors, numpy.cumsum(lengths)[:-1])

    def add(self, attributes: numpy.ndarray, keys: list[bytes]) -> range:
        """Compute and keep the rows of new attribute rows; returns where they are kept."""
        (vectors,) = self.compute([attributes])
        start = len(self.rows)
        if self.table is None or start + len(keys) > len(self.table):
            size = max(min(2 * start, CACHED), start + len(keys), 1024)
            grown = numpy.empty((size, vectors.shape[1]), dtype=vectors.dtype)
            if start:
                grown[:start] = self.table[:start]
            self.table = grown
        self.table[start:start + len(keys)] = vectors
        kept = range(start, start + len(keys))
        self.rows.update(zip(keys, kept))
        return kept

    def compute(self, features: list[numpy.ndarray]) -> list[numpy.ndarray]:
        for layer in self.rest:
            features = layer.predict(features)
        return features
