"""Cheap sentence pre-filter: which sentences of an article are worth parsing at all.

Parsing (tagger, parser, NER) is most of accord's cost, and a good part of a news report is
background no stage codes. From the tokenizer output alone a sentence is parsed when

* it has a **fact cue**: a number and a word that can name a measure, a unit that implies one, or a
  change (``data/measures.tsv``, as the facts stage reads it); or
* it has an **event cue** and an **actor cue**: a word one of whose possible lemmas is a trigger of
  the event lexicon (for a trigger whose every frame needs an object, "paid a visit", one of those
  object words too), and a word that can start an actor mention: a capitalised word, a gazetteer
  phrase (agent words in any case: "officials", "police"), a pronoun or "the two sides"; or
* it has an actor cue and a kept sentence refers back to it: one at most ``PRONOUN_WINDOW``
  sentences later has a pronoun or description ("she", "they", "the two sides", "the host", "the
  diplomat"), or any later one repeats one of its possible names ("Morales said" after "President
  Evo Morales ..."), or names a country before a kept "the two sides" (the two countries named most
  so far). Its mentions are what the actors stage resolves those references with.

A skipped sentence without an actor cue holds no mention, so it never was anyone's antecedent.
A capitalised first word is no cue by itself: it counts when the gazetteer knows it, when the
lemmatizer's tables do not know it at all ("Boluarte"), or, if they know it as a noun only
("Smith", but also "Morning"), when the text capitalises it inside a sentence too.

Every word list is derived from the data the later stages use (event lexicon with user files,
gazetteer, measures) and from the pipeline's own lemmatizer tables: a word's possible lemmas are
all the lemmas the rule lemmatizer could give it under any part of speech, exceptions included
("held" -> hold), so every inflection the tagged pipeline can lemmatise to a trigger is caught
without an inflection list of our own.

Sentences are split by rule: at line breaks, as the pipeline's paragraph-break component does, and
after sentence-final punctuation unless a lower-case word follows ("troops... attacked"). A split
the parser would not make only makes two sentences out of one. How the kept runs are parsed and put
back in place is :meth:`accord.nlp.Parser.pipe_filtered`'s business.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import IDX, LENGTH, LIKE_NUM, SPACY
from spacy.language import Language
from spacy.parts_of_speech import IDS
from spacy.tokens import Doc

from .actors import COUNTRY_KINDS, PAIR_NOUNS, PAIR_WORDS, PLURAL_PRONOUNS, PRONOUN_WINDOW, SINGULAR_PRONOUNS
from .facts import number_value, phrase_words, vocabulary
from .gazetteer import Gazetteer, gazetteer
from .lexicon import Lexicon
from .time import cardinal, month_number, weekday_number

PRONOUNS = SINGULAR_PRONOUNS | PLURAL_PRONOUNS
DEFINITE = {"the", "this", "that"}  # before an agent word, a description of someone named earlier
HOST = "host"  # "the host" stands for the country or person receiving a visit
AGENT_KINDS = frozenset({"agent"})
COUNTRY_WORD_KINDS = frozenset(COUNTRY_KINDS)  # countries, their people, capitals, cities and provinces
NOT_NAMES = COUNTRY_WORD_KINDS | {"region", "agent"}  # gazetteer kinds of words that name no person
# WordNet lists many names as nouns ("smith", "putin"), hardly any as verbs, adjectives or adverbs.
ORDINARY_POS = ("verb", "adj", "adv")
CACHE_LIMIT = 200_000  # distinct words remembered before the word cache starts over


def is_sentence_end(word: str) -> bool:
    return bool(word) and not word.strip(".!?…")


@dataclass(frozen=True, slots=True)
class WordCue:
    """What one (lower-cased) word can be, whatever its part of speech turns out to be."""

    trigger: bool  # a lexicon trigger with a frame that needs no object
    framed: frozenset[str]  # triggers whose every frame needs an object ("pay" + visit)
    objects: frozenset[str]  # object words of such frames ("visit")
    measure: bool  # names a measure, a unit implying one, or a change
    number: bool  # a figure: digits or a number word
    agent: bool  # starts an agent phrase of the gazetteer ("officials", "foreign minister")
    place: bool  # starts a country, demonym or city name of the gazetteer
    common: bool  # a function word or a month or weekday name: capitalised, still not a name
    ordinary: bool  # the lemmatizer knows it as a verb, adjective or adverb
    noun: bool  # the lemmatizer knows it as a noun (WordNet's nouns include many names: "smith")
    proper: bool  # capitalised, may be (part of) a person's or organisation's name ("Morales")


@dataclass(frozen=True, slots=True)
class SentenceCues:
    event: bool
    actor: bool
    fact: bool
    refers: bool  # a pronoun or description that looks back for its actor
    pair: bool  # "the two sides", "both countries": the two countries the text names most so far
    place: bool  # names a country, its people or a city
    names: frozenset[str]  # words that may be names: a later "Morales" is the "Evo Morales" of here
    opener: str | None  # a first word that is a name only if the text capitalises it elsewhere ("Smith")


class PossibleLemmas:
    """The lemmas the pipeline's rule lemmatizer could give a word, per part of speech or under any."""

    def __init__(self, nlp: Language):
        self.rules: dict[str, list[tuple[str, str]]] = {}
        self.exceptions: dict[str, dict[str, list[str]]] = {}
        self.index: dict[str, set[str]] = {}  # lemmas the tables know, per part of speech
        self.ruled: dict[str, set[str]] = {}  # lemmas the attribute ruler sets ("'ve" -> have)
        if "lemmatizer" in nlp.pipe_names:
            lookups = nlp.get_pipe("lemmatizer").lookups
            tables = [lookups.get_table(name, {}) for name in ("lemma_rules", "lemma_exc", "lemma_index")]
            for pos in (name.lower() for name in IDS if name):
                rules, exceptions, index = (table.get(pos) for table in tables)
                if rules or exceptions or index:
                    self.rules[pos] = [(old, new) for old, new in rules or ()]
                    self.exceptions[pos] = dict(exceptions or {})
                    self.index[pos] = set(index or ())
        if "attribute_ruler" in nlp.pipe_names:
            for word, lemma in ruler_lemmas(nlp.get_pipe("attribute_ruler").patterns):
                self.ruled.setdefault(word, set()).add(lemma.lower())

    def of(self, word: str, pos: str) -> set[str]:
        found = {word, *self.exceptions.get(pos, {}).get(word, ())}
        for old, new in self.rules.get(pos, ()):
            if word.endswith(old) and len(word) > len(old):
                found.add(word[: len(word) - len(old)] + new)
        return found

    def __call__(self, word: str) -> set[str]:
        return self.ruled.get(word, set()).union(*(self.of(word, pos) for pos in self.rules))

    def known_as(self, word: str, parts_of_speech: Iterable[str]) -> bool:
        """Whether the tables list the word (or a lemma of it) under one of these parts of speech."""
        return any(not self.of(word, pos).isdisjoint(self.index.get(pos, ())) for pos in parts_of_speech)


def ruler_lemmas(patterns: Iterable[dict]) -> Iterable[tuple[str, str]]:
    """(word, lemma) for the attribute ruler's one-token patterns that set a lemma ("'ve" -> have)."""
    for pattern in patterns:
        lemma = pattern.get("attrs", {}).get("LEMMA")
        if not lemma:
            continue
        for tokens in pattern.get("patterns", []):
            if len(tokens) != 1 or not isinstance(tokens[0], dict):
                continue
            for key in ("LOWER", "ORTH"):
                value = tokens[0].get(key)
                words = value.get("IN", []) if isinstance(value, dict) else [value] if value else []
                for word in words:
                    yield word.lower(), lemma


class SentenceFilter:
    """Decides, per rule-split sentence of a tokenized text, whether it goes through the parser."""

    def __init__(self, nlp: Language, lexicon: Lexicon, table: Gazetteer | None = None):
        self.stop_words = {word.lower() for word in nlp.Defaults.stop_words}
        # the language's own test, called on the text: looking the lexeme up would grow the vocab
        self.like_num = nlp.Defaults.lex_attr_getters.get(LIKE_NUM, str.isdigit)
        self.lemmas = PossibleLemmas(nlp)
        self.table = table or gazetteer()
        self.triggers, self.frames = trigger_words(lexicon)
        self.object_words = {word for options in self.frames.values() for option in options for part in option
                             for form in part for word in form}
        self.measure_words = measure_words()
        self.agent_starts = phrase_starts(self.table, AGENT_KINDS)
        self.place_starts = phrase_starts(self.table, COUNTRY_WORD_KINDS)
        self.cache: dict[str, WordCue] = {}

    # -- words ---------------------------------------------------------------------------------

    def word(self, lower: str) -> WordCue:
        cue = self.cache.get(lower)
        if cue is None:
            if len(self.cache) >= CACHE_LIMIT:
                self.cache.clear()
            cue = self.cache[lower] = self.describe(lower)
        return cue

    def describe(self, lower: str) -> WordCue:
        lemmas = self.lemmas(lower)
        number = lower[:1].isdigit() or self.like_num(lower) or (cardinal(lower) is not None and lower not in self.stop_words)
        measure = bool(lemmas & self.measure_words)
        if lower[:1].isdigit():
            glued = (number_value(lower) or (0, ""))[1]  # "30,000km", "2.5bn"
            measure = measure or glued in self.measure_words
        common = lower in self.stop_words or month_number(lower) is not None or weekday_number(lower) is not None
        ordinary = self.lemmas.known_as(lower, ORDINARY_POS)
        known = self.table.phrases.get((lower,), ())
        return WordCue(
            trigger=bool(lemmas & self.triggers),
            framed=frozenset(lemma for lemma in lemmas if lemma in self.frames),
            objects=frozenset(lemmas & self.object_words),
            measure=measure,
            number=number,
            agent=lower in self.agent_starts,
            place=lower in self.place_starts,
            common=common,
            ordinary=ordinary,
            noun=self.lemmas.known_as(lower, ("noun",)),
            proper=lower.isalpha() and not common and not ordinary and not any(e.kind in NOT_NAMES for e in known),
        )

    # -- sentences -----------------------------------------------------------------------------

    def cues(self, words: list[str]) -> SentenceCues:
        """The cues of one sentence (its words without whitespace tokens)."""
        lowered = [word.lower() for word in words]
        described = [self.word(lower) for lower in lowered]
        first = next((position for position, word in enumerate(words) if word[:1].isalnum()), 0)
        trigger = number = measure = actor = refers = pair = place = False
        framed: set[str] = set()
        objects: set[str] = set()
        names: set[str] = set()
        opener = None
        for position, (word, lower, cue) in enumerate(zip(words, lowered, described)):
            trigger = trigger or cue.trigger
            number = number or cue.number
            measure = measure or cue.measure
            framed.update(cue.framed)
            objects.update(cue.objects)
            before = lowered[position - 1] if position else ""
            place = place or cue.place and word[:1].isupper()
            pair = pair or lower in PAIR_NOUNS and before in PAIR_WORDS
            if lower in PRONOUNS or lower in PAIR_NOUNS and before in PAIR_WORDS or lower == HOST and before in DEFINITE:
                actor = refers = True
            elif cue.agent and (not actor or before in DEFINITE) and self.agent_at(words, lowered, position):
                actor = True
                refers = refers or before in DEFINITE
            elif word[:1].isupper():
                if cue.proper:
                    names.add(lower)
                if actor:
                    continue
                if self.table.longest(words, position, lowered)[1]:
                    actor = True  # a known name or title ("US", "Foreign Minister")
                elif cue.common:
                    continue
                elif position != first:
                    actor = True  # a capitalised word NER may take for a name
                elif cue.proper and cue.noun:
                    opener = lower
                else:
                    actor = not cue.ordinary  # at the start of a sentence a capital says little
        event = trigger or any(
            all(any(all(word in objects for word in form) for form in part) for part in option)
            for lemma in framed for option in self.frames[lemma]
        )
        return SentenceCues(event=event, actor=actor, fact=number and measure, refers=refers, pair=pair, place=place,
                            names=frozenset(names), opener=opener)

    def agent_at(self, words: list[str], lowered: list[str], position: int) -> bool:
        _, entries = self.table.longest(words, position, lowered)
        if any(entry.kind == "agent" for entry in entries):
            return True
        # a longer name may hide a shorter agent phrase ("police" in "police station Road")
        return any(entry.kind == "agent" for entry in self.table.phrases.get((lowered[position],), ()))

    # -- articles ------------------------------------------------------------------------------

    def plan(self, doc: Doc, text: str | None = None) -> list[tuple[int, int, bool]]:
        """Token ranges of the rule-split sentences of ``doc`` and whether each is to be parsed
        (``text``: the doc's text, if the caller has it; spaCy rebuilds it from the tokens)."""
        text = doc.text if text is None else text
        starts, lengths, spaced = doc.to_array([IDX, LENGTH, SPACY]).T.tolist()
        words = [text[start:start + length] for start, length in zip(starts, lengths)]
        bounds = split_sentences(words, spaced)
        cues = [self.cues([word for word in words[start:end] if not word.isspace()]) for start, end in bounds]
        # "Morning" and "Smith" opening a sentence: a name when the text capitalises it inside a sentence too
        inside = set().union(*(c.names - {c.opener} for c in cues))
        actor = [c.actor or c.opener in inside for c in cues]
        keep = [c.fact or c.event and has_actor for c, has_actor in zip(cues, actor)]
        # Antecedents: from the end backwards, so that a sentence kept for a later one brings its own.
        wanted: set[str] = set()  # names in kept sentences further on
        pair_later = False  # a kept sentence further on says "the two sides": every country named counts
        for index in range(len(cues) - 1, -1, -1):
            cue = cues[index]
            keep[index] = keep[index] or actor[index] and (not cue.names.isdisjoint(wanted) or pair_later and cue.place)
            if not keep[index]:
                continue
            wanted.update(cue.names)
            pair_later = pair_later or cue.pair
            if cue.refers:
                for earlier in range(max(0, index - PRONOUN_WINDOW), index):
                    keep[earlier] = keep[earlier] or actor[earlier]
        return [(start, end, kept) for (start, end), kept in zip(bounds, keep)]


Option = tuple[tuple[tuple[str, ...], ...], ...]  # parts ("off+talks"), each as words in any of its written forms


def trigger_words(lexicon: Lexicon) -> tuple[set[str], dict[str, list[Option]]]:
    """Lemmas that are a trigger on their own, and for the others the object options one of which
    must be present. An option whose part is not a word ("-ing": a gerund) cannot be seen in the
    words, so its lemma counts as a trigger on its own."""
    triggers: set[str] = set()
    frames: dict[str, list[Option]] = {}
    for (lemma, _), entries in lexicon.by_trigger.items():
        for entry in entries:
            options = [tuple(part_forms(part) for part in option.split("+")) for option in entry.objects]
            if not options or any(() in part for option in options for part in option):
                triggers.add(lemma)
            else:
                frames.setdefault(lemma, []).extend(options)
    return triggers, {lemma: options for lemma, options in frames.items() if lemma not in triggers}


def part_forms(part: str) -> tuple[tuple[str, ...], ...]:
    """A word of an object option as one token or as the tokens a hyphen splits it into ("sit-in");
    () for a marker that is no word ("-ing")."""
    if not part[:1].isalnum():
        return ((),)
    pieces = tuple(piece for piece in phrase_words(part) if piece[:1].isalnum())
    return ((part,), pieces) if pieces != (part,) else ((part,),)


@lru_cache(maxsize=8)
def phrase_starts(table: Gazetteer, kinds: frozenset[str]) -> frozenset[str]:
    """First words of the gazetteer's phrases of these kinds (the gazetteer is loaded once per process)."""
    return frozenset(words[0] for words, entries in table.phrases.items() if any(e.kind in kinds for e in entries))


def measure_words() -> set[str]:
    """The head (last) word of every measure, change and measure-implying unit phrase: a phrase
    cannot match without it."""
    vocab = vocabulary()
    phrases = list(vocab.measures) + [words for words, (_, implied) in vocab.units.items() if implied]
    phrases += [phrase_words(change) for change in vocab.changes]
    return {words[-1] for words in phrases if words}


def split_sentences(words: list[str], spaced: list[int]) -> list[tuple[int, int]]:
    """Token ranges of sentences ended by a line break or by sentence-final punctuation before a
    word that is not lower-case ("troops... attacked" goes on), from the tokens' texts and whether a
    space follows each. Whitespace and closing punctuation glued to the end ("said.\"") stay with
    the sentence they end."""
    bounds: list[tuple[int, int]] = []
    start, line_ended, mark_ended = 0, False, False
    for i, word in enumerate(words):
        if word.isspace():
            line_ended = line_ended or "\n" in word
            continue
        glued = i > 0 and not spaced[i - 1] and not words[i - 1].isspace()
        ended = line_ended or mark_ended and not word[:1].islower()
        if ended and i > start and not (glued and not word[:1].isalnum()):
            bounds.append((start, i))
            start, line_ended, mark_ended = i, False, False
        if is_sentence_end(word):
            mark_ended = True
        elif word[:1].isalnum():
            mark_ended = False  # "p.m. and": the mark was not the end
    if start < len(words):
        bounds.append((start, len(words)))
    return bounds
