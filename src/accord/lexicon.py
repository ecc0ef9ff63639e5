"""The event lexicon: which words, in which grammatical frame, express which CAMEO event.

The lexicon is data: one TSV file per CAMEO root in accord/data/lexicon/ (format in
accord/data/README.md). Users add entries in files of the same format, given with
``ACCORD_LEXICON`` (paths separated by ``:``) or passed to :func:`load_lexicon`.

Beyond the basic columns: ``pos`` may also be ``ADJ`` ("is skeptical of", "is willing to").
In ``object``, ``to`` is an infinitive complement ("agreed to help") as well as the preposition,
``-ing`` a gerund complement ("is considering sending"), and ``a+b`` asks for both words, the
last of which may sit in a prepositional phrase ("called off+strike", "went on+strike", "held
as+shields"); the words inside the object (its compound or adjective, or what a quantity counts:
"curfew hours", "chemical weapons", "some of its troops") count as the object too. A ``target``
ending in ``!`` ("dobj!") means the frame is no event without a target ("received the envoy",
not "received food").
"""

from __future__ import annotations

import csv
import os
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .ontology import ontology

POS = {"VERB", "NOUN", "ADJ"}


@dataclass(frozen=True, slots=True)
class Entry:
    cameo: str
    lemma: str
    pos: str  # VERB, NOUN or ADJ
    objects: frozenset[str]  # lemmas one of which must be the trigger's object ("to": an infinitive); empty = none needed
    targets: tuple[str, ...]  # where the target is found, in order: dobj, dative, prep:to...
    rule: str  # file:line, shown by `accord explain`
    needs_target: bool = False  # "dobj!": no event without a target ("received the envoy", not "received food")

    @property
    def label(self) -> str:
        frame = self.lemma + (f" +{'|'.join(sorted(self.objects))}" if self.objects else "")
        return f"{self.cameo} {frame} ({self.rule})"


class LexiconError(ValueError):
    pass


def read_entries(handle, origin: str) -> list[Entry]:
    entries = []
    codes = ontology()
    for line, row in enumerate(csv.DictReader(handle, delimiter="\t"), start=2):
        where = f"{origin}:{line}"
        cameo, pos = row.get("cameo", "").strip(), row.get("pos", "").strip().upper()
        if cameo not in codes:
            raise LexiconError(f"{where}: unknown CAMEO code {cameo!r}")
        if pos not in POS:
            raise LexiconError(f"{where}: pos must be VERB, NOUN or ADJ, not {pos!r}")
        objects = row.get("object", "-").strip()
        targets = row.get("target", "-").strip()
        needs_target = targets.endswith("!")
        targets = targets.rstrip("!")
        entries.append(
            Entry(
                cameo=cameo,
                lemma=row["lemma"].strip().lower(),
                pos=pos,
                objects=frozenset() if objects in ("", "-") else frozenset(objects.lower().split("|")),
                targets=() if targets in ("", "-") else tuple(targets.split("|")),
                rule=where,
                needs_target=needs_target,
            )
        )
    return entries


class Lexicon:
    def __init__(self, entries: list[Entry]):
        self.by_trigger: dict[tuple[str, str], list[Entry]] = defaultdict(list)
        for entry in entries:
            self.by_trigger[(entry.lemma, entry.pos)].append(entry)
        # Entries that ask for a specific object are tried before the bare word.
        for candidates in self.by_trigger.values():
            candidates.sort(key=lambda e: not e.objects)

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_trigger.values())

    def lookup(self, lemma: str, pos: str) -> list[Entry]:
        return self.by_trigger.get((lemma, pos), [])


def builtin_entries() -> list[Entry]:
    entries = []
    folder = resources.files("accord.data").joinpath("lexicon")
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".tsv"):
            with item.open(encoding="utf-8") as handle:
                entries += read_entries(handle, f"lexicon/{item.name}")
    return entries


def load_lexicon(extra: list[str | Path] = ()) -> Lexicon:
    entries = builtin_entries()
    for path in extra:
        with open(path, encoding="utf-8") as handle:
            entries += read_entries(handle, str(path))
    return Lexicon(entries)


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    extra = [p for p in os.environ.get("ACCORD_LEXICON", "").split(os.pathsep) if p]
    return load_lexicon(extra)
