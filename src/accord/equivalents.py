"""accord's equivalents of spaCy components: the same annotation as the model's own component, faster.

Each equivalent is built from the loaded original (its rules, tables or weights; nothing is copied)
and raises :class:`UnsupportedModel` for a configuration it does not reproduce, so that the model
keeps its own component. It takes the original's name and offers what other code reads of the
original (a lemmatizer's lookup tables, a ruler's patterns), so it is a drop-in. tests/test_nlp.py
checks each against its original.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy
from spacy.language import Language
from spacy.pipeline import TrainablePipe
from thinc.api import Model


class UnsupportedModel(ValueError):
    """The original component does something its equivalent does not reproduce."""


def replace_component(nlp: Language, original: str, equivalent: str) -> None:
    """Put the equivalent (a registered factory) in the original component's place and name, if it can."""
    if original not in nlp.pipe_names:
        return
    try:
        nlp.add_pipe(equivalent, before=original)
    except UnsupportedModel:
        return
    nlp.remove_pipe(original)
    nlp.rename_pipe(equivalent, original)


def model_nodes(nlp: Language) -> list[Model]:
    """Every layer of every component's network, each once (listed first: callers may replace layers)."""
    nodes: dict[int, Model] = {}
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if isinstance(model, Model):
            nodes.update((id(node), node) for node in model.walk())
    return list(nodes.values())


class TransitionNetwork(NamedTuple):
    """What a greedy decoder reads of a transition-based component's network (parser or recognizer)."""

    tok2vec: Model
    lower: Model  # the precomputed feature layer: token rows (after a padding row), per feature
    output_weights: numpy.ndarray  # moves x hidden units
    output_bias: numpy.ndarray
    hidden_bias: numpy.ndarray  # hidden units x pieces, flat
    pieces: int


def transition_network(original: TrainablePipe, features: int) -> TransitionNetwork:
    """The network of a greedy component with an output layer and ``features`` state features,
    whose every move was seen in training; anything else is left to the original component."""
    model = original.model
    if original.cfg.get("beam_width", 1) != 1 or not model.attrs.get("has_upper"):
        raise UnsupportedModel("beam search or a model without output layer")
    lower = model.get_ref("lower")
    if lower.get_dim("nF") != features or model.attrs.get("unseen_classes"):
        raise UnsupportedModel("other state features or classes never seen in training")
    upper = model.get_ref("upper")
    return TransitionNetwork(model.get_ref("tok2vec"), lower, upper.get_param("W"), upper.get_param("b"),
                             lower.get_param("b").reshape(-1), lower.get_dim("nP"))
