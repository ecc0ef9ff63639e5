"""accord's equivalents of spaCy components: the same annotation as the model's own component, faster.

Each equivalent is built from the loaded original (its rules, tables or weights; nothing is copied)
and raises :class:`UnsupportedModel` for a configuration it does not reproduce, so that the model
keeps its own component. It takes the original's name and offers what other code reads of the
original (a lemmatizer's lookup tables, a ruler's patterns), so it is a drop-in. tests/test_nlp.py
checks each against its original.
"""

from __future__ import annotations

from spacy.language import Language


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
