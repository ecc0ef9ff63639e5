"""The model's attribute rules (tag → POS and morphology, exceptions by word and dependency),
applied with array writes instead of one Python call per rule match.

spaCy's AttributeRuler runs a Matcher and then sets attributes match by match; every token matches
at least its tag's rule, so on the small English model it costs more than the dependency parser.
Single-token rules only depend on a token's own tag, lower-case form, dependency and whether it is
a space, so their combined effect is computed once per distinct combination and cached. The few
rules that span tokens ("gon na", "let 's") are fixed sequences, looked for only where a word or
label they need occurs. The result is the same annotation, rule for rule (later rules win, as in
spaCy), which tests/test_nlp.py checks against the original component.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from .equivalents import UnsupportedModel

# The token attributes rules may test (the columns of a token's key), and the ones rules may set.
TESTED = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
KEYS = list(TESTED.values())
LISTED = ("LOWER", "TAG")  # what single rules are indexed by, in this order of preference
WRITTEN = [POS, TAG, DEP, LEMMA, MORPH]
COLUMN = {attr: column for column, attr in enumerate(WRITTEN)}
# Distinct (tag, word, dependency, space) combinations remembered; past this the cache starts over, so a
# long run over an open vocabulary keeps its memory bounded.
CACHED = 200_000

Tests = list[tuple[int, Callable[[object], bool]]]  # (column of the key, test of its value)


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


def listed(wanted) -> list[str] | None:
    """The values a pattern value accepts, if it lists them."""
    if isinstance(wanted, str):
        return [wanted]
    if isinstance(wanted, dict) and list(wanted) == ["IN"]:
        return list(wanted["IN"])
    return None


class AttributeRules:
    """Applies the rules of a loaded AttributeRuler (rule ``n`` = its ``n``-th attribute set)."""

    def __init__(self, ruler: AttributeRuler):
        self.vocab = ruler.vocab
        self.attrs: list[dict[int, int]] = ruler.attrs
        self.indices: list[int] = ruler.indices
        self.patterns: list[dict] = ruler.patterns  # the rules, as the original offers them
        self.single: list[tuple[int, Tests]] = []
        # Single rules are found through the word or else the tag they list (a miss of the cache tests only
        # those): (key column, value) -> the single rules listing it (indexes); the others are unlisted.
        self.listing: dict[tuple[int, str], list[int]] = {}
        self.unlisted: list[int] = []
        # Spanning rules: (rule, tests per token); each is looked for where its anchor is found: a value of a
        # key column that one of its tokens needs (column -> value -> (spanning rule index, token position)).
        self.spanning: list[tuple[int, list[Tests]]] = []
        self.anchors: dict[int, dict[int, list[tuple[int, int]]]] = {}
        for rule, entry in enumerate(ruler.patterns):  # one entry per rule, in rule order
            if any(attr not in WRITTEN for attr in self.attrs[rule]):
                raise UnsupportedModel(f"rule {rule} sets {entry['attrs']}")
            for pattern in entry["patterns"]:
                tests = [self.tests(rule, token) for token in pattern]
                if len(pattern) > 1:
                    self.add_anchor(pattern, len(self.spanning))
                    self.spanning.append((rule, tests))
                    continue
                for column in LISTED:
                    if (values := listed(pattern[0].get(column))) is not None:
                        for value in values:
                            self.listing.setdefault((KEYS.index(TESTED[column]), value), []).append(len(self.single))
                        break
                else:
                    self.unlisted.append(len(self.single))
                self.single.append((rule, tests[0]))
        # The combined effect of the single-token rules per distinct key: the rules, and a row of
        # `setting` (which WRITTEN attributes they set) and of `values` (to what).
        self.effects: dict[tuple[int, ...], tuple[int, list[int]]] = {}
        self.setting = numpy.zeros((1024, len(WRITTEN)), dtype=bool)
        self.values = numpy.zeros((1024, len(WRITTEN)), dtype="uint64")

    @staticmethod
    def tests(rule: int, token: dict) -> Tests:
        if any(name not in TESTED for name in token):  # operators ("OP") included
            raise UnsupportedModel(f"rule {rule} tests {sorted(token)}")
        return [(KEYS.index(TESTED[name]), predicate(name, wanted)) for name, wanted in token.items()]

    def add_anchor(self, pattern: list[dict], index: int) -> None:
        """Anchors the pattern on the token that lists the fewest values it accepts."""
        listing = [(len(values), position, name, values) for position, token in enumerate(pattern)
                   for name, wanted in token.items() if (values := listed(wanted)) is not None]
        if not listing:
            raise UnsupportedModel(f"a spanning rule that names no word, tag or label: {pattern}")
        _, position, name, values = min(listing)
        for value in values:
            column = self.anchors.setdefault(KEYS.index(TESTED[name]), {})
            column.setdefault(self.vocab.strings.add(value), []).append((index, position))

    def key_values(self, key) -> list:
        """A key's values as patterns test them."""
        return [bool(value) if attr == IS_SPACE else self.vocab.strings[value] for attr, value in zip(KEYS, key)]

    def effect(self, key: tuple[int, ...]) -> tuple[int, list[int]]:
        """The row of the combined effect of the single-token rules matching a token with this key,
        and those rules."""
        found = self.effects.get(key)
        if found is None:
            values = self.key_values(key)
            listing = [index for column, value in enumerate(values) for index in self.listing.get((column, value), ())]
            candidates = sorted(listing + self.unlisted)
            rules = [self.single[index][0] for index in candidates
                     if all(test(values[column]) for column, test in self.single[index][1])]
            row = len(self.effects)
            if row == len(self.setting):
                self.setting = numpy.concatenate([self.setting, numpy.zeros_like(self.setting)])
                self.values = numpy.concatenate([self.values, numpy.zeros_like(self.values)])
            self.setting[row] = False
            self.apply(rules, self.values[row], self.setting[row])
            found = self.effects[key] = (row, rules)
        return found

    def apply(self, rules: list[int], written, setting=None) -> None:
        for rule in rules:  # in rule order: a later rule overrides an earlier one
            for attr, value in self.attrs[rule].items():
                written[COLUMN[attr]] = value
                if setting is not None:
                    setting[COLUMN[attr]] = True

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        if len(self.effects) >= CACHED:  # between documents: a document's rows stay what they were
            self.effects.clear()
        keys = doc.to_array(KEYS)
        effects = [self.effect(tuple(key)) for key in keys.tolist()]
        rows = numpy.array([row for row, _ in effects])
        before = doc.to_array(WRITTEN)
        written = numpy.where(self.setting[rows], self.values[rows], before)
        for i, rules in self.spanning_rules(keys).items():  # rare: the token's rules again, all in order
            written[i] = before[i]
            self.apply(sorted(effects[i][1] + rules), written[i])
        doc.from_array(WRITTEN, written)
        return doc

    def spanning_rules(self, keys: numpy.ndarray) -> dict[int, list[int]]:
        """Token -> the spanning rules that set its attributes."""
        found: dict[int, list[int]] = {}
        for anchor_column, anchored in self.anchors.items():
            for token in numpy.flatnonzero(numpy.isin(keys[:, anchor_column], list(anchored))).tolist():
                for index, position in anchored[int(keys[token, anchor_column])]:
                    rule, tests = self.spanning[index]
                    start = token - position
                    if 0 <= start <= len(keys) - len(tests) and all(
                        all(test(values[column]) for column, test in token_tests)
                        for token_tests, values in zip(tests, map(self.key_values, keys[start:start + len(tests)].tolist()))
                    ):
                        found.setdefault(start + self.indices[rule], []).append(rule)
        return found


@Language.factory("accord_attribute_rules")
def make_attribute_rules(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Built from the pipeline's ``attribute_ruler``, which the caller then removes."""
    return AttributeRules(nlp.get_pipe("attribute_ruler"))
