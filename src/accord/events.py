"""events stage: code who did what to whom in each sentence, with CAMEO and PLOVER.

A word of the lexicon (see accord.lexicon) is a candidate trigger. Its frame (required object,
where the target sits) is checked on the dependency parse; source and target are the actor
mentions found at the subject and target positions, following coordination, passive voice,
control verbs and relative clauses. Negated, hypothetical and future acts keep a PLOVER
auxiliary mode instead of being coded as done; intended cooperation becomes an intent code (03x),
intended force a threat (13x). Every candidate leaves a :class:`Decision`, which is what
`accord explain` prints.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import product

from .data import read_table
from .lexicon import Entry, Lexicon, default_lexicon
from .ontology import Ontology, ontology
from .records import Article, Event, Evidence, Mention, Participant, Sentence, Token

# Dependents through which a noun phrase may name the actor it stands for:
# "representatives of the Peruvian ministries", "efforts made by Bitel", "Vietnam's firms".
ACTOR_PATHS = {"poss", "compound", "amod", "nmod", "appos", "prep", "pobj", "acl", "agent"}
ACTOR_PREPS = {"of", "from", "by"}
CLIMB = {"xcomp", "advcl", "conj", "pcomp", "acl", "prep", "pobj", "dobj", "ccomp", "acomp"}
# How the content of an intent, appeal or demand hangs from it.
COMPLEMENT = {"xcomp", "ccomp", "acl", "pcomp", "prep", "pobj", "dobj", "advcl"}
# What a statement says: its clause or object ("said it will...", "announced a ceasefire"),
# not its circumstances ("told X during meetings with Y").
STATEMENT_CONTENT = {"ccomp", "xcomp", "dobj"}


@dataclass(frozen=True, slots=True)
class Modality:
    cues: dict[str, str]  # word -> future | hypothetical | negation | wish | report | demand | done (modality.tsv)
    # (frame, CAMEO root of the act) -> code of the intended act, and its PLOVER type where the
    # manual departs from the code's ("promised to withdraw" stays CONCEDE, not AGREE)
    intended: dict[tuple[str, str], tuple[str, str | None]]


# Events that carry another act as their content: an intent (03), an appeal (02), a demand (10),
# a threat (13), or a policy option under consideration (014: "is considering sending aid").
FRAMING_ROOTS = {"02", "03", "10", "13"}
FRAMING_CODES = {"014"}
# Statements that give way to the speaker's own act they announce: "warned it would retaliate".
SAYING = {"010", "012"}
# Events whose gerund complement is only alleged or denied: "accused Russia of attacking", "denied hiding".
ALLEGING_ROOTS = {"11"}
ALLEGING_CODES = {"016"}
# Verbs whose "in" phrase is an event the subject takes part in ("take part" is handled with them).
PARTICIPATE = {"participate", "engage"}
# Heads of an object that only measure it: "withdrew some of its troops", "hundreds of soldiers".
QUANTITY_WORDS = {"some", "most", "part", "all", "many", "rest", "half", "majority", "number", "bulk", "hundred",
                  "thousand", "dozen", "million", "billion", "package", "batch", "shipment", "contingent"}


@lru_cache(maxsize=1)
def modality() -> Modality:
    return Modality(
        cues={row["word"]: row["cue"] for row in read_table("modality.tsv")},
        intended={(row["frame"], row["root"]): (row["code"], row["plover"] or None)
                  for row in read_table("intended_codes.tsv")},
    )


# Dependents only a verb has: a noun with them was mistagged ("EU and UN hand over supplies").
VERB_DEPENDENTS = {"dobj", "prt", "aux", "auxpass", "nsubjpass"}
# Entity types of a modifier that names who acts ("Russian strikes"), unlike "military operation".
NAMED = {"GPE", "NORP", "ORG", "PERSON"}
TRIGGER_POS = {"VERB": "VERB", "NOUN": "NOUN", "PROPN": "NOUN", "ADJ": "ADJ"}


@dataclass(slots=True)
class Decision:
    """One candidate trigger and what became of it."""

    trigger: Token
    entry: Entry | None
    events: list[Event] = field(default_factory=list)
    reason: str = ""
    # The target was not at a place the frame names but found where an act's object or
    # content names whom it concerns (see implied_target_tokens).
    implied_target: bool = False


class SentenceView:
    """Parse navigation for one sentence: children by head, actor mentions by token."""

    def __init__(self, sentence: Sentence, mentions: dict[int, Mention]):
        self.sentence = sentence
        self.mentions = mentions
        self.children: dict[int, list[Token]] = defaultdict(list)
        for token in sentence.tokens:
            if token.head != token.i:
                self.children[token.head].append(token)

    def token(self, i: int) -> Token:
        return self.sentence.token(i)

    def head(self, token: Token) -> Token | None:
        return None if token.head == token.i else self.token(token.head)

    def child(self, token: Token, *deps: str) -> Token | None:
        for c in self.children[token.i]:
            if c.dep in deps:
                return c
        return None

    def pobjs(self, token: Token, prep: str) -> list[Token]:
        found = []
        for c in self.children[token.i]:
            if c.dep in ("prep", "agent", "dative") and c.lemma.lower() == prep:
                found += [g for g in self.children[c.i] if g.dep == "pobj"]
        return found

    def conjuncts(self, token: Token) -> list[Token]:
        found, stack = [token], [token]
        while stack:
            for c in self.children[stack.pop().i]:
                if c.dep == "conj" and c.pos in ("NOUN", "PROPN", "PRON", "ADJ"):
                    found.append(c)
                    stack.append(c)
        return found

    def depth(self, token: Token) -> int:
        depth = 0
        while token.head != token.i and depth < 50:
            token = self.token(token.head)
            depth += 1
        return depth

    def mention(self, token: Token, depth: int = 0) -> Mention | None:
        """The actor mention a noun phrase stands for, looking through its modifiers."""
        if token.i in self.mentions:
            return self.mentions[token.i]
        if depth >= 3:
            return None
        for c in self.children[token.i]:
            if c.dep not in ACTOR_PATHS:
                continue
            if c.dep in ("prep", "agent") and c.lemma.lower() not in ACTOR_PREPS:
                continue
            # A preposition is only the link to its object: it does not count as a step.
            found = self.mention(c, depth if c.dep in ("prep", "agent") else depth + 1)
            if found is not None:
                return found
        return None

    def actors(self, token: Token | None, direct: bool = False) -> list[Mention]:
        """The actors a noun phrase names, with its conjuncts; ``direct``: only those it names
        itself, not through its modifiers."""
        if token is None:
            return []
        found: dict[str, Mention] = {}
        for conjunct in self.conjuncts(token):
            # Later conjuncts count when they name an actor themselves ("Vietnam and Peru"),
            # not through their modifiers ("facilitation of X and support of Y's projects"),
            # unless nothing was found before them.
            m = self.mention(conjunct) if not (found or direct) else self.mentions.get(conjunct.i)
            if m is not None:
                found.setdefault(m.actor, m)
        return list(found.values())


def index_mentions(article: Article) -> dict[int, Mention]:
    """Token index -> mention, for every token inside a mention (heads win over other tokens)."""
    by_token: dict[int, Mention] = {}
    heads: dict[int, Mention] = {}
    for actor in article.actors:
        for m in actor.mentions:
            heads[m.head] = m
            for token in article.sentences[m.sentence].tokens:
                if m.start <= token.start < m.end:
                    by_token.setdefault(token.i, m)
    by_token.update(heads)
    return by_token


class EventCoder:
    def __init__(self, lexicon: Lexicon | None = None, codes: Ontology | None = None):
        self.lexicon = lexicon or default_lexicon()
        self.words = {lemma for lemma, _ in self.lexicon.by_trigger}
        self.codes = codes or ontology()
        self.modality = modality()

    def __call__(self, article: Article) -> Article:
        article.events = [e for d in self.decide(article) for e in d.events]
        return article

    def decide(self, article: Article) -> list[Decision]:
        mentions = index_mentions(article)
        decisions = []
        for sentence in article.sentences:
            if sentence.parsed:
                decisions += self.decide_sentence(article, SentenceView(sentence, mentions))
        return decisions

    def decide_sentence(self, article: Article, view: SentenceView) -> list[Decision]:
        decisions: list[Decision] = []
        consumed: set[int] = set()  # object nouns already part of a verb frame ("paid a visit")
        # "the internationally recognised government", "a confident minister", "aid workers":
        # a description, not an act reported by the sentence.
        candidates = [as_verb(view, t) for t in view.sentence.tokens if t.pos in TRIGGER_POS
                      and t.dep not in ("amod", "compound") and not self.words.isdisjoint(lemmas(t))]
        # Verbs first so that their object nouns are consumed before nouns are tried.
        for token in sorted(candidates, key=lambda t: t.pos != "VERB"):
            pos = TRIGGER_POS[token.pos]
            entries = next((found for lemma in lemmas(token) if (found := self.lexicon.lookup(lemma, pos))), [])
            if not entries:
                continue
            if token.i in consumed:
                decisions.append(Decision(token, None, reason="part of a verb frame already coded"))
                continue
            decisions.append(self.decide_trigger(article, view, token, entries, consumed))
        fold_complements(view, decisions, self.modality, self.codes)
        borrow_targets(view, decisions)
        events = [e for d in decisions for e in d.events]
        order = {id(e): rank for rank, e in enumerate(sorted(events, key=lambda e: centrality(view, e)))}
        for d in decisions:
            d.events.sort(key=lambda e: order[id(e)])
        decisions.sort(key=lambda d: min((order[id(e)] for e in d.events), default=len(order)))
        return decisions

    def decide_trigger(self, article, view, token, entries, consumed) -> Decision:
        frames = matching_frames(view, token, entries)
        if not frames:
            needs = " or ".join(sorted({o for e in entries for o in e.objects}))
            return Decision(token, None, reason=f"frame not matched: needs object {needs}")
        # A frame with its object present ("paid a visit") wins. Frames differ by where their
        # target sits ("protest to" the embassy is a complaint, "protest against" a plan is
        # dissent): the first whose target is found wins, else the first with a source.
        # Parties that act on each other ("the US and Jordan held exercises") count as a target.
        found = [(entry, obj, *self.participants(article, view, token, entry, obj)) for entry, obj in frames]
        chosen = None
        for candidates in ([f for f in found if f[1] is not None], [f for f in found if f[1] is None]):
            chosen = chosen or next((f for f in candidates if f[3] or reciprocal(article, f[0], f[2])), None) \
                or next((f for f in candidates if f[2]), None)
        if chosen is None:
            return Decision(token, frames[0][0], reason="no actor found for source or target")
        entry, obj, sources, targets = chosen
        if obj is not None and obj.pos != "VERB":
            # An infinitive or gerund object is an act of its own, folded later if it is content.
            consumed.add(obj.i)
        obliged = obligee(view, token, self.modality) if entry.cameo in SAYING else None
        if obliged is not None:
            # "Russia says Israel must end attacks": a demand on Israel.
            targets = view.actors(obliged) or targets
        implied = not targets and not reciprocal(article, entry, sources)
        if implied:
            targets = implied_targets(article, view, token, obj, sources)
        pairs = [p for p in pair_up(article, sources, targets, entry) if identified(article, p)]
        if not pairs:
            return Decision(token, entry, reason="no identified actor (country, organisation or known code) on either side")
        # "will launch an attack": the verb that carries an event noun carries its mode.
        mode = auxiliary_mode(view, self.carrier(view, token) or token, self.modality)
        events = [self.make_event(view, token, obj, entry, s, t, mode) for s, t in pairs]
        if obliged is not None:
            for event in events:
                retarget(event, self.codes["100"])
                event.rule += " +must"
        if entry.cameo.startswith("03") and hoped_of_others(article, view, token, obj, sources):
            for event in events:
                retarget(event, self.codes["010"])
                event.rule += " +another's act"
        return Decision(token, entry, events, reason="coded", implied_target=implied and bool(targets))

    def participants(self, article: Article, view: SentenceView, trigger: Token, entry: Entry, obj: Token | None):
        own_subject = True
        carrier = self.carrier(view, trigger)
        if trigger.pos not in ("NOUN", "PROPN"):
            subject, passive_target = verb_subject(view, trigger)
        else:
            subject, own_subject = noun_subject(view, trigger)
            passive_target = None
            # "announced a ceasefire", "launched an attack on", "announced $30 million in
            # assistance": the subject acts.
            own_subject = own_subject or carrier is not None
        sources = view.actors(subject)
        # An actor named at a target position beats one found inside another noun phrase there:
        # "returned a sculpture of Marcus Aurelius to the Algerian ambassador".
        places = [token for spec in entry.targets
                  for token in target_tokens(view, trigger, obj, spec, passive_target, carrier)]
        targets = next((found for token in places if (found := view.actors(token, direct=True))), None) \
            or next((found for token in places if (found := view.actors(token))), [])
        if entry.needs_target and not targets:
            return [], []
        if not own_subject and not targets and not reciprocal(article, entry, sources):
            # "Poland snubbed Hungary at the summit": the summit is not Poland's meeting; but in
            # "Peru and Chile took part in the talks" the parties are the talks' own.
            return [], []
        return sources, targets

    def carrier(self, view: SentenceView, trigger: Token) -> Token | None:
        """The light verb an event noun is the object of ("launched an attack")."""
        if trigger.pos not in ("NOUN", "PROPN"):
            return None
        verb = object_of_verb(view, trigger)
        return verb if verb is not None and self.light_verb(verb) else None

    def light_verb(self, verb: Token) -> bool:
        """A verb that carries no event of its own, or only a statement, for its object noun:
        unlike "condemned the attack", "launched an attack" and "announced a ceasefire" are the
        subject's own acts."""
        entries = self.lexicon.lookup(verb.lemma.lower(), "VERB")
        # A verb with a meaning only for certain objects ("launch" an offensive) is light for others.
        return all(e.cameo.startswith("01") or e.objects for e in entries)

    def make_event(self, view, trigger, obj, entry, source, target, mode) -> Event:
        code = self.codes[entry.cameo]
        start = min(trigger.start, obj.start) if obj else trigger.start
        end = max(trigger.end, obj.end) if obj else trigger.end
        sentence = view.sentence
        confidence = 0.9 if source and target else 0.6
        if mode in ("negation", "hypothetical"):
            confidence /= 2
        return Event(
            source=participant(source),
            target=participant(target),
            cameo=code.code,
            cameo_root=code.root,
            quad_class=code.quad_class,
            goldstein=code.goldstein,
            plover=code.plover,
            mode=mode or code.plover_mode,
            context=list(code.plover_context),
            evidence=Evidence(
                sentence=sentence.index,
                start=sentence.start,
                end=sentence.end,
                text=sentence.text,
                trigger=sentence.text[start - sentence.start : end - sentence.start],
                trigger_start=start,
                trigger_end=end,
            ),
            rule=f"lexicon:{entry.rule}",
            confidence=round(confidence, 2),
            place=place_of(view, trigger),
        )


def matching_frames(view: SentenceView, token: Token, entries: list[Entry]) -> list[tuple[Entry, Token | None]]:
    """Entries whose required object is present (with that object token), specific ones first."""
    dependents = view.children[token.i]
    if token.pos not in ("NOUN", "PROPN"):
        # The object, an infinitive, a particle or a preposition ("called on", "agree with"), but
        # not a preposition of time ("called on Monday").
        dependents = [c for c in dependents if c.dep in ("dobj", "xcomp", "ccomp", "attr", "nsubjpass", "prt", "prep")
                      and not (c.dep == "prep" and of_time(view, c))]
        # "went on strike", "held civilians as human shields": words of a prepositional phrase,
        # which only a two-word object ("on+strike") may use.
        phrase = [g for c in dependents if c.dep == "prep" for g in view.children[c.i] if g.dep == "pobj"]
        phrase += [c for g in phrase for c in view.children[g.i] if c.dep in ("compound", "amod")]
        dependents += object_words(view, dependents) + infinitive_markers(view, token)
    else:
        # "a phone call", "a suspension of aid".
        dependents = [c for c in dependents if c.dep in ("compound", "amod")] + view.pobjs(token, "of")
        phrase = []
    frames = []
    for entry in entries:
        if not entry.objects:
            frames.append((entry, None))
            continue
        obj = present_object(entry, dependents, phrase)
        if obj is not None:
            frames.append((entry, obj))
    return frames


def of_time(view: SentenceView, prep: Token) -> bool:
    """A preposition of time ("on Monday"), which is no part of a frame."""
    objects = [g for g in view.children[prep.i] if g.dep == "pobj"]
    return bool(objects) and all(g.ent_type in ("DATE", "TIME") for g in objects)


def present_object(entry: Entry, dependents: list[Token], phrase: list[Token]) -> Token | None:
    """The dependent that is one of the entry's objects; "off+strike" needs both words ("called off
    the strike") and stands for the last, which may also be a word of a prepositional phrase."""
    words: dict[str, Token] = {}
    for c in dependents:
        for word in (c.lemma.lower(), c.text.lower()):
            if word in entry.objects:
                return c
            words.setdefault(word, c)
    for c in phrase:
        for word in (c.lemma.lower(), c.text.lower()):
            words.setdefault(word, c)
    for option in entry.objects:
        parts = option.split("+")
        if len(parts) > 1 and all(part in words for part in parts):
            return words[parts[-1]]
    return None


def lemmas(token: Token) -> list[str]:
    """The token's lemma, and the forms a lexicon entry may be written in where the lemmatizer
    differs: "hoped" lemmatised as "hop", "sanctions" (a plural with its own sense) as "sanction"."""
    found = [token.lemma.lower()]
    word = token.text.lower()
    if token.pos == "VERB" and (token.tag in ("VBD", "VBN") and word.endswith("ed") or token.tag == "VBZ" and word.endswith("es")):
        found.append(word[:-1])
    elif token.pos in ("NOUN", "PROPN") and word != found[0]:
        found.append(word)
    return found


def obligee(view: SentenceView, statement: Token, modality: Modality) -> Token | None:
    """Who the statement says must act, when that is someone other than the speaker: the subject
    of "Israel must end the attacks" in what was said."""
    for clause in view.children[statement.i]:
        if clause.dep != "ccomp" or not any(
                c.dep == "aux" and modality.cues.get(c.lemma.lower()) == "demand" for c in view.children[clause.i]):
            continue
        subject = view.child(clause, "nsubj", "nsubjpass")
        if subject is not None and not speakers_own(view, subject):
            return subject
    return None


def as_verb(view: SentenceView, token: Token) -> Token:
    """The token, tagged VERB when the parse gives a noun a verb's dependents."""
    if token.pos in ("NOUN", "PROPN") and any(c.dep in VERB_DEPENDENTS for c in view.children[token.i]):
        return replace(token, pos="VERB")
    return token


def hoped_of_others(article: Article, view: SentenceView, trigger: Token, obj: Token | None,
                    sources: list[Mention]) -> bool:
    """ "expressed hope that the king would help": a wish about someone else's act is a statement,
    not the speaker's intent ("hope that the two countries will sign" includes the speaker's own)."""
    own = {m.actor for m in sources}
    countries = {article.actor(m.actor).country for m in sources} - {None}
    for holder in (trigger, obj):
        for clause in view.children[holder.i] if holder is not None else []:
            subject = view.child(clause, "nsubj", "nsubjpass") if clause.dep in ("ccomp", "acl") else None
            if subject is None or subject.pos == "PRON":
                continue
            mention = view.mention(subject)
            if mention is None:
                return True
            members = [article.actor(member) for member in article.actor(mention.actor).members]
            if mention.actor not in own and not any(m.id in own or m.country in countries for m in members):
                return True
    return False


def object_words(view: SentenceView, dependents: list[Token]) -> list[Token]:
    """Words inside the object that say what it is: "eased curfew hours", "used chemical weapons",
    "withdrew some of its troops"."""
    found = []
    for obj in dependents:
        if obj.dep not in ("dobj", "nsubjpass"):
            continue
        found += [c for c in view.children[obj.i] if c.dep in ("compound", "amod")]
        if obj.pos == "NUM" or obj.lemma.lower() in QUANTITY_WORDS or any(c.dep == "nummod" for c in view.children[obj.i]):
            found += view.pobjs(obj, "of")
    return found


def infinitive_markers(view: SentenceView, verb: Token) -> list[Token]:
    """The "to" of an infinitive complement, which the lexicon writes as the object "to" ("agreed to
    help"), a gerund complement, written "-ing" ("is considering sending aid"), and the "for" of
    "called for Britain to stay"."""
    found = []
    for c in view.children[verb.i]:
        if c.dep == "xcomp" and c.tag == "VBG":
            found.append(replace(c, lemma="-ing"))
        elif c.dep == "xcomp":
            found += [m for m in view.children[c.i] if m.dep == "aux" and m.lemma == "to"]
        elif c.dep == "advcl":
            found += [m for m in view.children[c.i] if m.dep == "mark" and m.lemma.lower() == "for"]
    return found


def measure_of(view: SentenceView, noun: Token) -> Token | None:
    """The amount a noun is counted in: "$30 million" in "$30 million in aid", "a shipment of vaccines"."""
    head = view.head(noun)
    if head is None or noun.dep != "pobj" or head.lemma.lower() not in ("in", "of"):
        return None
    measure = view.head(head)
    if measure is not None and (measure.pos == "NUM" or measure.lemma.lower() in QUANTITY_WORDS
                                or any(c.pos == "NUM" for c in view.children[measure.i])):
        return measure
    return None


def object_of_verb(view: SentenceView, noun: Token) -> Token | None:
    """The verb whose object the noun is or measures: "launched an attack", "a ceasefire was
    declared", "announced $30 million in aid", "sent a shipment of vaccines"."""
    noun = measure_of(view, noun) or noun
    head = view.head(noun)
    if head is not None and head.pos == "VERB" and noun.dep in ("dobj", "nsubjpass"):
        return head
    # "protesters participating in a hunger strike", "took part in the talks"
    verb = view.head(head) if head is not None and noun.dep == "pobj" and head.lemma.lower() == "in" else None
    if verb is not None and verb.lemma.lower() == "part" and verb.dep == "dobj":
        verb = view.head(verb)
        return verb if verb is not None and verb.lemma.lower() == "take" else None
    if verb is not None and verb.pos == "VERB" and verb.lemma.lower() in PARTICIPATE:
        return verb
    return None


def speakers_own(view: SentenceView, subject: Token) -> bool:
    """An unresolved "they" or "his country", which in reported speech means the speaker."""
    if view.mention(subject) is not None:
        return False
    owner = view.child(subject, "poss")
    return subject.pos == "PRON" or (owner is not None and owner.pos == "PRON")


def verb_subject(view: SentenceView, verb: Token) -> tuple[Token | None, Token | None]:
    """(source token, target of a passive) for a verb, climbing through control and coordination."""
    passive_target = view.child(verb, "nsubjpass")
    token = verb
    for _ in range(4):
        # The parser sometimes hangs the subject on the auxiliary ("the UK and France have opposed").
        subject = view.child(token, "nsubj", "csubj") or next(
            (found for aux in view.children[token.i] if aux.dep == "aux" and (found := view.child(aux, "nsubj"))), None)
        if subject is not None:
            if subject.lemma.lower() in ("who", "that", "which") and token.dep == "relcl":
                return view.head(token), passive_target
            # "The rebels said they will release...", "Putin said his country will not lift...":
            # an unresolved pronoun in reported speech stands for the speaker.
            if not (speakers_own(view, subject) and token.dep == "ccomp"):
                return subject, passive_target
        agent = view.pobjs(token, "by")
        if view.child(token, "nsubjpass", "auxpass") is not None:
            return (agent[0] if agent else None), passive_target
        head = view.head(token)
        if head is None or token.dep not in CLIMB | {"relcl"}:
            return None, passive_target
        if token.dep == "relcl":
            return head, passive_target
        if token.dep == "acl" and head.pos in ("NOUN", "PROPN", "PRON"):
            if token.tag == "VBN":
                # "the efforts made by Bitel": the noun is what was done, the agent did it.
                agent = view.pobjs(token, "by")
                return (agent[0] if agent else None), passive_target or (head if token is verb else None)
            # "officials attending the talks", or a finite verb the parser hung on its subject;
            # a noun that names no one is the document or plan of whoever issued it ("issued a
            # statement urging Peru to...").
            if head.pos == "PRON" or view.mention(head) is not None:
                return head, passive_target
            token = head
            continue
        if token.dep == "xcomp":
            # Object control: in "urged Peru to act" and "called on Peru to act" Peru acts.
            controller = view.child(head, "dobj") or next(
                iter(view.pobjs(head, "on") + view.pobjs(head, "upon")), None
            )
            if controller is not None:
                return controller, passive_target
        token = head
    return None, passive_target


def noun_subject(view: SentenceView, noun: Token) -> tuple[Token | None, bool]:
    """Who performs a nominal event, and whether the noun phrase itself says so.

    "her visit" and "a visit by the minister" name the visitor; otherwise the subject of the
    clause the noun sits in is only a guess, which the caller accepts when a target is found.
    """
    owner = view.child(noun, "poss")
    if owner is not None and (owner.pos != "PRON" or view.mention(owner) is not None):
        return owner, True
    agents = view.pobjs(noun, "by")
    if agents:
        return agents[0], True
    for modifier in view.children[noun.i]:
        # "Russian strikes", "Australian aid"; a name in compound may also be the target
        # ("the Iran sanctions"), so it only stands as source when a target is found elsewhere.
        if modifier.dep in ("amod", "compound") and modifier.i in view.mentions and modifier.ent_type in NAMED:
            return modifier, modifier.dep == "amod"
    token, responsible = noun, False
    for _ in range(4):
        head = view.head(token)
        if head is None:
            return None, False
        if head.pos in ("VERB", "AUX"):
            # "The US completed its withdrawal": an unresolved "its" is the clause's subject; in
            # "Germany is the largest donor" and "the cartel is responsible for killings" too.
            return verb_subject(view, head)[0], owner is not None or token.dep == "attr" or responsible
        responsible = responsible or (head.pos == "ADJ" and head.lemma.lower() == "responsible")
        token = head
    return None, False


def target_tokens(view, trigger, obj, spec, passive_target, carrier=None) -> list[Token]:
    if spec == "dobj":
        if passive_target is not None:
            return [passive_target]
        # The object noun of the frame may carry the target itself: "welcomed NATO's decision".
        found = view.child(trigger, "dobj")
        return [found] if found is not None else []
    if spec == "dative":
        found = view.child(trigger, "dative")
        if found is not None and found.pos == "ADP":
            return [g for g in view.children[found.i] if g.dep == "pobj"]
        return [found] if found is not None else []
    if spec.startswith("prep:"):
        prep = spec[5:]
        # "$40 million in aid to Malawi", "announced aid to Malawi": the target may hang from the
        # amount or from the verb that carries the noun.
        holders = [t for t in (trigger, obj, measure_of(view, trigger), carrier) if t is not None]
        if obj is not None and obj.pos == "ADP":
            # "hoped for support from Finland": the object of the frame's preposition.
            holders += [c for c in view.children[obj.i] if c.dep == "pobj"]
        objects = [c for c in view.children[trigger.i] if c.dep in ("dobj", "xcomp")]
        # "returned dozens of artifacts to the embassy"
        holders += objects + [g for c in objects for g in view.pobjs(c, "of")]
        found = []
        for holder in holders:
            found += view.pobjs(holder, prep)
        return found
    return []


# Prepositions through which an act's object names whom it concerns: "a ban on", "sanctions
# against", "a ceasefire with", "concern for", "demands from", "charges by", "pessimism about".
OBJECT_PREPS = {"on", "against", "with", "for", "to", "toward", "towards", "over", "about", "from", "by"}
# ... and those through which a verb does: "conceded to", "turned against".
VERB_PREPS = {"to", "against", "toward", "towards"}
# ... and an adjective: "skeptical of", "pessimistic about", "angry at".
ADJECTIVE_PREPS = {"about", "of", "over", "with", "at", "toward", "towards", "on"}
# What was done to someone: "a travel ban imposed on Chadian citizens".
IMPOSED_PREPS = {"on", "against", "to"}


def implied_targets(article: Article, view: SentenceView, trigger: Token, obj: Token | None,
                    sources: list[Mention]) -> list[Mention]:
    """The target of an act whose frame names no target, or whose named place is empty: whom its
    object concerns ("lifted restrictions on X", "denied charges by X", "accepted the
    protesters' demands"), whom the verb or adjective is turned to ("conceded to X", "skeptical
    of X"), who acts in what was said or hoped ("said the embassy had conveyed concerns",
    "expressed hope the government will change"), or the people the act is done to when the
    frame's object names them ("expelled the American diplomat", "accepted Syrian refugees")."""
    own = {m.actor for m in sources}
    for token in implied_target_tokens(view, trigger, obj):
        found = [m for m in view.actors(token) if m.actor not in own]
        if found:
            return found
    # Only people of another, named country: "deployed troops", "declared a state of siege" and
    # "suspended military aid" name no one the act is done to.
    countries = {article.actor(m.actor).country for m in sources}
    mention = view.mentions.get(obj.i) if obj is not None else None
    if mention is not None and mention.head == obj.i and mention.actor not in own \
            and article.actor(mention.actor).country not in countries | {None}:
        return [mention]
    # Last, the country or place where the act happens: "declared a ceasefire in South Sudan",
    # "suspended aid deliveries in Nigeria", "declared a state of siege in Pando".
    holders = [t for t in (trigger, *frame_nouns(view, obj), view.child(trigger, "dobj")) if t is not None]
    holders += [g for t in list(holders) for g in view.pobjs(t, "of")]
    for holder in holders:
        for token in view.pobjs(holder, "in"):
            found = [m for m in view.actors(token, direct=True)
                     if m.actor not in own and article.actor(m.actor).kind in ("country", "place")]
            if found:
                return found
    return []


def implied_target_tokens(view: SentenceView, trigger: Token, obj: Token | None) -> list[Token]:
    nouns = list({t.i: t for t in (*frame_nouns(view, obj), view.child(trigger, "dobj"), trigger)
                  if t is not None and t.pos in ("NOUN", "PROPN")}.values())
    found: list[Token] = []
    for noun in nouns:
        for c in view.children[noun.i]:
            if c.dep == "prep" and c.lemma.lower() in OBJECT_PREPS:
                found += [g for g in view.children[c.i] if g.dep == "pobj"]
            elif c.dep == "acl" and c.tag == "VBN":
                found += [g for prep in IMPOSED_PREPS for g in view.pobjs(c, prep)]
        # Whose demand, offer or charges the act answers ("its troops" is no one else's).
        owner = view.child(noun, "poss")
        if owner is not None and owner.pos != "PRON":
            found.append(owner)
    holders = [trigger]
    if trigger.pos == "ADJ":
        found += [g for prep in ADJECTIVE_PREPS for g in view.pobjs(trigger, prep)]
        # "says he is pessimistic that the Games will go ahead": the clause may hang on "is".
        copula = view.head(trigger)
        if copula is not None and trigger.dep == "acomp":
            holders.append(copula)
    elif trigger.pos not in ("NOUN", "PROPN"):
        found += [g for prep in VERB_PREPS for g in view.pobjs(trigger, prep)]
        if view.child(trigger, "auxpass") is None:
            # In an active clause a "by" phrase can only be the object's, misattached: "denied
            # charges by the clergymen".
            found += view.pobjs(trigger, "by")
        # "provided the army with equipment": the object is who receives.
        dobj = view.child(trigger, "dobj")
        if dobj is not None and dobj.i in view.mentions and view.pobjs(trigger, "with"):
            found.append(dobj)
    for holder in holders + nouns:
        found += content_subjects(view, holder)
    return found


def frame_nouns(view: SentenceView, obj: Token | None) -> list[Token]:
    """The frame's object, or the nouns its preposition introduces ("agreed to a ceasefire")."""
    if obj is None:
        return []
    return [g for g in view.children[obj.i] if g.dep == "pobj"] if obj.pos == "ADP" else [obj]


def content_subjects(view: SentenceView, holder: Token) -> list[Token]:
    """The subject of what a statement, hope or view is about, past the speaker's own clauses:
    "said it expects that most pupils will..." is about the pupils. A report put after the news it
    attributes is not about the news' actors."""
    found = []
    for clause in view.children[holder.i]:
        # "Rebels stormed the base, officials said": the news itself, only attributed.
        if clause.dep not in ("ccomp", "acl") or clause.pos not in ("VERB", "AUX") or clause.i < holder.i:
            continue
        subject = view.child(clause, "nsubj", "nsubjpass")
        if subject is None:
            continue
        if speakers_own(view, subject):
            found += [view.child(inner, "nsubj", "nsubjpass") for inner in view.children[clause.i] if inner.dep == "ccomp"]
        else:
            found.append(subject)
    return [t for t in found if t is not None]


def pair_up(article: Article, sources: list[Mention], targets: list[Mention], entry: Entry):
    """Ordered (source, target) pairs.

    A frame whose target can be introduced by "with" or "between" is symmetric (meet, discuss,
    sign, cooperate): parties coordinated in the subject, or a group such as "the two sides",
    act on each other when no target is named. "Lithuania and Poland welcomed the move" is not.
    """
    if symmetric(entry) and not (sources and targets):
        # "trade between Vietnam and Peru", with no one else named, is the parties' own.
        members = reciprocal_members(article, sources or targets)
        if len(members) >= 2:
            return [(a, b) for a, b in product(members, members) if a.actor != b.actor]
    pairs = [
        (s, t)
        for s, t in product(sources or [None], targets or [None])
        if not (s and t and s.actor == t.actor)
    ]
    return pairs


def symmetric(entry: Entry) -> bool:
    return any(spec in ("prep:with", "prep:between") for spec in entry.targets)


def reciprocal(article: Article, entry: Entry, sources: list[Mention]) -> bool:
    """Whether the sources of a symmetric frame act on each other."""
    return symmetric(entry) and len(reciprocal_members(article, sources)) >= 2


def identified(article: Article, pair: tuple[Mention | None, Mention | None]) -> bool:
    """At least one side is an actor we can tell: a country, a sector ("insurgents", "police"), or a
    named person or organisation. An unresolved "they" or "the group" is not enough."""
    return any(m is not None and known(article.actor(m.actor)) for m in pair)


def known(actor) -> bool:
    return bool(actor.country or actor.code or actor.sector or actor.name)


def reciprocal_members(article: Article, mentions: list[Mention]) -> list[Mention]:
    """The parties of "Vietnam and Peru" or of "the two sides" (a group actor)."""
    if len(mentions) >= 2:
        return mentions
    if len(mentions) == 1:
        actor = article.actor(mentions[0].actor)
        if actor.kind == "group" and len(actor.members) >= 2:
            m = mentions[0]
            return [replace(m, actor=member) for member in actor.members]
    return []


def auxiliary_mode(view: SentenceView, trigger: Token, modality: Modality) -> str | None:
    """negation, hypothetical or future: PLOVER's auxiliary modes for acts not (yet) done.

    Looks at the trigger's own clause, then up through the verbs that govern it, so that
    "did not agree to meet" is negated and "plan to visit" is future.
    """
    purpose = purpose_mode(view, trigger, modality)
    if purpose is not None:
        return purpose or None
    token, governed, below = trigger, False, None
    for _ in range(3):
        children = view.children[token.i]
        # "will not release": the negation decides, whatever the auxiliary says.
        if any(c.dep == "neg" for c in children):
            return "negation"
        for c in children:
            word = c.lemma.lower()
            if c.dep in ("aux", "mark") and word in modality.cues:
                if word == "would" and reported(view, token, modality):
                    # "said they would release": the future of reported speech, not a condition.
                    return "future"
                if modality.cues[word] == "future" and wished(view, token, modality):
                    return "hypothetical"
                # "must end the attacks": what is demanded has not happened.
                return "hypothetical" if modality.cues[word] == "demand" else modality.cues[word]
        # "plan to visit" is future, "failed to reach agreement" negation; "hopes to visit" is
        # future, "hopes that Peru will visit" only hoped for.
        cue = modality.cues.get(token.lemma.lower())
        if governed and cue in ("future", "negation"):
            return cue
        if governed and cue == "wish":
            return "hypothetical" if below is not None and below.dep == "ccomp" else "future"
        head = view.head(token)
        if head is None or token.dep not in ("xcomp", "ccomp", "acl", "pcomp", "pobj", "prep"):
            return None
        governed = governed or token.dep in ("xcomp", "ccomp", "acl", "pcomp")
        token, below = head, token
    return None


def wished(view: SentenceView, clause: Token, modality: Modality) -> bool:
    """Whether the clause is what someone hopes or wishes others will do ("hopes the EU will help")."""
    head = view.head(clause)
    return clause.dep in ("ccomp", "acl") and head is not None and modality.cues.get(head.lemma.lower()) == "wish" \
        and view.child(clause, "nsubj", "nsubjpass") is not None


def reported(view: SentenceView, clause: Token, modality: Modality) -> bool:
    """Whether the clause is what someone said ("said it would allow access")."""
    head = view.head(clause)
    return clause.dep == "ccomp" and head is not None and modality.cues.get(head.lemma.lower()) == "report"


def purpose_mode(view: SentenceView, trigger: Token, modality: Modality) -> str | None:
    """The mode of a to-infinitive that modifies a clause or noun rather than completing a verb.

    "discussed solutions to strengthen ties" and "a vote for Peru to host the forum" are
    purposes, not done acts (hypothetical); "the wish to deepen ties" is future; "took the
    occasion to thank X" did happen (returns ""). None: not such an infinitive.
    """
    if trigger.tag != "VB" or trigger.dep not in ("advcl", "acl", "relcl"):
        return None
    if not any(c.dep == "aux" and c.lemma.lower() == "to" for c in view.children[trigger.i]):
        return None
    head = view.head(trigger)
    governing = [head] + [c for c in view.children[head.i] if c.dep == "dobj"]
    cues = {modality.cues.get(t.lemma.lower()) for t in governing}
    if "done" in cues:
        return ""
    return "future" if cues & {"future", "wish"} else "hypothetical"


def fold_complements(view: SentenceView, decisions: list[Decision], modality: Modality, codes: Ontology):
    """An act that is the content of an intent, appeal or demand completes that event.

    "She expressed the wish to deepen ties with Peru" is one event (032, intent of diplomatic
    cooperation, with Peru as target), not an intent without target plus a done act; "called on
    the government to support the firms" is an appeal (022), not an act of support. An intended
    act with no such frame ("will visit") becomes the intent code of its kind.
    """
    framing = frames_of(decisions, FRAMING_ROOTS, FRAMING_CODES)
    alleging = frames_of(decisions, ALLEGING_ROOTS, ALLEGING_CODES)
    statements = [(d, e) for d in decisions for e in d.events if e.cameo in SAYING]
    for decision in decisions:
        for event in decision.events:
            # A statement whose content is the speaker's own act is that act ("said it will
            # release the pilots" is not first of all a statement).
            said = enclosing_frame(view, decision.trigger, statements, STATEMENT_CONTENT, decisions)
            if said is not None and event.source is not None and said[1].source is not None \
                    and said[1].source.actor == event.source.actor:
                said[0].events.remove(said[1])
                said[0].reason = "statement whose content is coded as the speaker's act"
                statements.remove(said)
    for decision in decisions:
        for event in list(decision.events):
            found = enclosing_frame(view, decision.trigger, framing, COMPLEMENT, decisions) or alleged_in(
                view, decision.trigger, alleging, decisions)
            if found is not None:
                decision.events.remove(event)
                frame = found[1]
                if frame is None:
                    # "Critics accuse the law of attacking civil society": what is urged, intended
                    # or alleged did not happen, even when the frame has no actor to code.
                    decision.reason = f"content of '{found[0].trigger.text}', which has no identified actor"
                    continue
                complete_frame(found[0], frame, decision, event, modality, codes)
                continue
            if event.mode in ("future", "negation"):
                recoded = modality.intended.get((event.mode, event.cameo_root))
                if recoded is not None:
                    retarget(event, codes[recoded[0]], recoded[1])
                    event.rule += f" +{event.mode}"
        if decision.reason == "coded" and not decision.events:
            decision.reason = "content of an intent, appeal, demand or accusation coded with it"


def borrow_targets(view: SentenceView, decisions: list[Decision]) -> None:
    """An act with no target of its own is aimed where the act it is carried out through is:
    "refuses to lift sanctions on Iran", "claimed that they had attacked the airport", "donated
    ventilators to assist Ethiopia". Only the same actor's act below it in the parse counts; a
    coordinated verb is a separate act ("urged X and praised Y")."""
    events = [(d.trigger, e) for d in decisions for e in d.events]
    for trigger, event in events:
        if event.target is not None or event.source is None:
            continue
        for inner_trigger, inner in events:
            if inner.target is not None and inner.source is not None and inner.source.actor == event.source.actor \
                    and inner.target.actor != event.source.actor and governs(view, trigger, inner_trigger):
                event.target = inner.target
                event.rule += " +target of the act it is carried out through"
                break


def governs(view: SentenceView, upper: Token, lower: Token, steps: int = 4) -> bool:
    """Whether ``lower`` hangs below ``upper`` within a few steps, not through coordination."""
    token = lower
    for _ in range(steps):
        head = view.head(token)
        if head is None or token.dep in ("conj", "nsubj", "nsubjpass", "csubj"):
            return False
        if head.i == upper.i:
            return True
        token = head
    return False


def complete_frame(frame_decision: Decision, frame: Event, content_decision: Decision, content: Event,
                   modality: Modality, codes: Ontology) -> None:
    """Give an intent, appeal or demand (with the other events of its trigger: one per actor of a
    coordination) the target and the refined code its content implies."""
    group = [frame]
    if any(e is frame for e in frame_decision.events):
        group += [e for e in frame_decision.events if e is not frame]
    if content.target is not None and not content_decision.implied_target and mutual_parties(group) \
            and content.target.actor not in {e.source.actor for e in group}:
        # "Mexico and Canada agreed to lift tariffs on US goods": not on each other, on the goods.
        by_source: dict[str, Event] = {}
        for event in group:
            by_source.setdefault(event.source.actor, event)
        group = list(by_source.values())
        frame_decision.events = [e for e in frame_decision.events if any(e is kept for kept in group)]
        for event in group:
            event.target = None
    addressed = frame.target is not None and not frame_decision.implied_target
    for event in group:
        # A target the content names at its own frame's place beats one only implied.
        if not addressed and content.target is not None and (event.target is None or not content_decision.implied_target):
            event.target = content.target
        if event.cameo.endswith("0") and len(event.cameo) == 3:
            refined = modality.intended.get((event.cameo_root, content.cameo_root))
            # "called for sanctions against Iran" rallies opposition against Iran, but
            # "urged the UN to renew sanctions" stays an appeal to the UN.
            if refined is not None and not (addressed and codes[refined[0]].root != event.cameo_root):
                retarget(event, codes[refined[0]], refined[1])
    if not addressed and content.target is not None:
        frame_decision.implied_target = content_decision.implied_target


def mutual_parties(events: list[Event]) -> bool:
    """Whether the events are parties acting on each other ("Mexico and Canada agreed")."""
    return len(events) >= 2 and all(swapped(e, events) for e in events)


def frames_of(decisions: list[Decision], roots: set[str], codes: set[str]):
    """(decision, event) for every event of these kinds, and (decision, None) for the candidates
    of these kinds that found no actor."""
    found = [(d, e) for d in decisions for e in d.events if e.cameo_root in roots or e.cameo in codes]
    found += [(d, None) for d in decisions if not d.events and d.entry is not None
              and (d.entry.cameo[:2] in roots or d.entry.cameo in codes)]
    return found


def enclosing_frame(view: SentenceView, trigger: Token, framing, content: set[str], decisions: list[Decision]):
    """The (decision, event) of the intent, appeal or demand whose content the trigger is part of,
    if any; the event is None when the frame could not be coded itself.

    Coordination inside the content counts ("to keep creating conditions for and supporting the
    firms"), but a verb coordinated with the frame itself is a separate act ("urged X and praised Y"),
    and another event word on the way is the content's own frame ("showed interest, saying they
    hoped for cooperation": the hope is what was said, not the interest).
    """
    others = {d.trigger.i for d in decisions if d.entry is not None}
    token = trigger
    for _ in range(5):
        head = view.head(token)
        if head is None or token.dep not in content | {"conj"}:
            return None
        for decision, event in framing:
            if decision.trigger.i == head.i or (
                    event is not None and event.evidence.trigger_start <= head.start < event.evidence.trigger_end):
                return None if token.dep == "conj" else (decision, event)
        if head.i in others:
            return None
        token = head
    return None


def alleged_in(view: SentenceView, trigger: Token, alleging, decisions: list[Decision]):
    """The accusation or denial whose gerund the trigger is: in "accused Russia of attacking the
    convoy" the attack is what is alleged, not an act the sentence reports."""
    prep = view.head(trigger)
    if trigger.dep != "pcomp" or prep is None or prep.lemma.lower() not in ("of", "for"):
        return None
    return enclosing_frame(view, prep, alleging, {"prep", "dobj", "pobj"}, decisions)


def retarget(event: Event, code, plover: str | None = None) -> None:
    event.cameo, event.cameo_root = code.code, code.root
    event.quad_class, event.goldstein = code.quad_class, code.goldstein
    event.plover = plover or code.plover
    if event.mode not in ("negation", "hypothetical", "future"):
        event.mode = code.plover_mode
    event.context = list(code.plover_context)


def centrality(view: SentenceView, event: Event) -> tuple:
    """Main event first: done acts before negated or hypothetical ones (a refusal, which a negated
    offer is recoded into, is a done act), specific codes before bare statements, then the trigger
    highest in the parse tree, then the earliest."""
    trigger = next(t for t in view.sentence.tokens if t.start >= event.evidence.trigger_start)
    return (
        event.mode == "hypothetical" or (event.mode == "negation" and event.cameo_root != "12"),
        event.cameo == "010",
        view.depth(trigger),
        event.evidence.trigger_start,
    )


def participant(mention: Mention | None) -> Participant | None:
    if mention is None:
        return None
    return Participant(actor=mention.actor, text=mention.text, start=mention.start, end=mention.end)


def place_of(view: SentenceView, trigger: Token) -> str | None:
    for pobj in view.pobjs(trigger, "in"):
        if pobj.ent_type in ("GPE", "LOC", "FAC"):
            return pobj.text
    return None


# Acts two parties do together however the sentence orders them: meetings, talks, calls,
# negotiations, signed agreements (and the intent to meet, 036).
MUTUAL_CODES = ("036", "040", "041", "046", "057")


@dataclass(frozen=True, slots=True)
class RoleSpan:
    """An actor span in the role it plays in a sentence's main event: ``source``, ``target``, or
    ``reciprocal`` for parties that act on each other (ConfliBERT's S/T/R actor tags)."""

    role: str
    start: int
    end: int
    text: str


def role_spans(article: Article) -> list[RoleSpan]:
    """The actors of each sentence's main event (the first event coded from it, with the events of
    the same trigger: one per actor of a coordination), in their roles.

    Parties of a meeting, call, negotiation or signed agreement are reciprocal, and so are parties
    coordinated in the subject of an act done together ("Canada and Peru agreed to..."), whose
    span is the whole coordination, as written. The source of a reported act is its reporter (see
    :func:`speaker`), and a pronoun is named as earlier in the sentence (see :func:`as_named`).
    """
    spans: list[RoleSpan] = []
    by_sentence: dict[int, list[Event]] = defaultdict(list)
    for event in article.events:
        by_sentence[event.evidence.sentence].append(event)
    for coded in by_sentence.values():
        events = [replace(e, source=as_named(article, speaker(coded, e) or e.source), target=as_named(article, e.target))
                  for e in coded if e.evidence.trigger_start == coded[0].evidence.trigger_start]
        mutual = [e for e in events if swapped(e, events)]
        parties = sorted({(p.start, p.end): p for e in mutual for p in (e.source, e.target)}.values(),
                         key=lambda p: p.start)
        # Coordinated parties ("Japan and Chile") are one span, as written.
        if parties and all(coordinated(article.text, a, b) for a, b in zip(parties, parties[1:])):
            start, end = parties[0].start, parties[-1].end
            spans.append(RoleSpan("reciprocal", start, end, article.text[start:end]))
        else:
            spans += [RoleSpan("reciprocal", p.start, p.end, p.text) for p in parties]
        for event in events:
            if any(event is m for m in mutual):
                continue
            if event.source and event.target and event.cameo.startswith(MUTUAL_CODES):
                spans += [RoleSpan("reciprocal", p.start, p.end, p.text) for p in (event.source, event.target)]
            else:
                spans += [RoleSpan(role, p.start, p.end, p.text)
                          for role, p in (("source", event.source), ("target", event.target)) if p]
    return list(dict.fromkeys(spans))


def speaker(coded: list[Event], event: Event) -> Participant | None:
    """Who reports the act, when a statement earlier in the sentence is about its source: in "the
    minister said the army will withdraw from X" the tags read minister -> X."""
    if event.source is None or event.cameo in SAYING:
        return None
    return next((other.source for other in coded if other.cameo in SAYING and other.source is not None
                 and other.target is not None and other.target.actor == event.source.actor
                 and other.evidence.trigger_start < event.evidence.trigger_start), None)


def as_named(article: Article, participant: Participant | None) -> Participant | None:
    """A pronoun as the actor's name earlier in its sentence: "Netanyahu says he will seek..."."""
    if participant is None:
        return None
    sentence = next((s for s in article.sentences if s.start <= participant.start < s.end), None)
    token = next((t for t in sentence.tokens if t.start == participant.start), None) if sentence else None
    if token is None or token.pos != "PRON":
        return participant
    earlier = [m for m in article.actor(participant.actor).mentions
               if sentence.start <= m.start and m.end <= participant.start]
    named = next((m for m in earlier if sentence.token(m.head).pos != "PRON"), None)
    return participant if named is None else Participant(participant.actor, named.text, named.start, named.end)


def swapped(event: Event, siblings: list[Event]) -> bool:
    """Whether the event's parties also appear the other way round: they act on each other."""
    source, target = event.source, event.target
    return source is not None and target is not None and any(
        e.source is not None and e.target is not None and e.source.actor == target.actor
        and e.target.actor == source.actor for e in siblings)


def coordinated(text: str, first: Participant, second: Participant) -> bool:
    """Whether two spans are conjuncts side by side ("Vietnam and Peru", "UK, France and Spain")."""
    between = text[first.end:second.start].strip(" ,").removesuffix(" the").removesuffix(" The")
    return first.end <= second.start and between in ("", "and", "&", "as well as")
