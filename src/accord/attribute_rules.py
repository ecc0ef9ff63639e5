"""The model's attribute rules (tag → POS and morphology, exceptions by word and dependency),
applied with array writes instead of one Python call per rule match.

spaCy's AttributeRuler runs a Matcher and then sets attributes match by match; every token matches
at least its tag's rule, so on the small English model it costs more than the dependency parser.
Single-token rules only depend on a token's own tag, lower-case form, dependency and whether it is
a space, so their combined effect is computed once per distinct combination and cached; the few
rules that span tokens still go through a Matcher. The result is the same annotation, rule for rule
(later rules win, as in spaCy), which tests/test_nlp.py checks against the original component.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from .equivalents import UnsupportedModel

# The token attributes single-token rules may test, and the ones rules may set.
TESTED = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
WRITTEN = [POS, TAG, DEP, LEMMA, MORPH]
COLUMN = {attr: column for column, attr in enumerate(WRITTEN)}
# Distinct (tag, word, dependency, space) combinations remembered; past this the cache starts over, so a
# long run over an open vocabulary keeps its memory bounded.
CACHED = 200_000


def predicate(name: str, wanted) -> Callable[[object], bool]:
    """A test of one token attribute as the Matcher reads a pattern value."""
    if isinstance(wanted, (str, bool)):
        return lambda value: value == wanted
    if isinstance(wanted, dict) and len(wanted) == 1:
        (operator, argument), = wanted.items()
        if operator == "IN":
            return lambda value: value in argument
        if operator == "NOT_IN":
            return lambda value: value not in argument
        if operator == "REGEX":
            pattern = re.compile(argument)
            return lambda value: bool(pattern.search(value))
    raise UnsupportedModel(f"{name}: {wanted!r}")


class AttributeRules:
    """Applies the rules of a loaded AttributeRuler (rule ``n`` = its ``n``-th attribute set)."""

    def __init__(self, ruler: AttributeRuler):
        self.vocab = ruler.vocab
        self.attrs: list[dict[int, int]] = ruler.attrs
        self.indices: list[int] = ruler.indices
        self.patterns: list[dict] = ruler.patterns  # the rules, as the original offers them
        self.single: list[tuple[int, list[tuple[int, Callable]]]] = []
        self.spanning = Matcher(self.vocab)
        for rule, entry in enumerate(ruler.patterns):  # one entry per rule, in rule order
            if any(attr not in WRITTEN for attr in self.attrs[rule]):
                raise UnsupportedModel(f"rule {rule} sets {entry['attrs']}")
            for pattern in entry["patterns"]:
                if len(pattern) > 1:
                    self.spanning.add(str(rule), [pattern])
                    continue
                if any(name not in TESTED for name in pattern[0]):
                    raise UnsupportedModel(f"rule {rule} tests {sorted(pattern[0])}")
                self.single.append((rule, [(TESTED[name], predicate(name, wanted))
                                           for name, wanted in pattern[0].items()]))
        self.cache: dict[tuple[int, ...], list[int]] = {}

    def single_rules(self, key: tuple[int, ...]) -> list[int]:
        """The single-token rules matching a token with these (TAG, LOWER, DEP, IS_SPACE) values."""
        rules = self.cache.get(key)
        if rules is None:
            strings = self.vocab.strings
            values = {TAG: strings[key[0]], LOWER: strings[key[1]], DEP: strings[key[2]], IS_SPACE: bool(key[3])}
            rules = [rule for rule, tests in self.single if all(test(values[attr]) for attr, test in tests)]
            if len(self.cache) >= CACHED:
                self.cache.clear()
            self.cache[key] = rules
        return rules

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        spanning: dict[int, list[int]] = {}
        for match_id, start, end in self.spanning(doc, allow_missing=True):
            rule = int(self.vocab.strings[match_id])
            spanning.setdefault(doc[start:end][self.indices[rule]].i, []).append(rule)
        written = doc.to_array(WRITTEN)
        for i, key in enumerate(doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()):
            rules = self.single_rules(tuple(key))
            if i in spanning:
                rules = sorted(rules + spanning[i])
            for rule in rules:  # in rule order: a later rule overrides an earlier one
                for attr, value in self.attrs[rule].items():
                    written[i, COLUMN[attr]] = value
        doc.from_array(WRITTEN, written)
        return doc


@Language.factory("accord_attribute_rules")
def make_attribute_rules(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Built from the pipeline's ``attribute_ruler``, which the caller then removes."""
    return AttributeRules(nlp.get_pipe("attribute_ruler"))
