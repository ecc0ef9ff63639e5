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
    cues: dict[str, str]  # word -> future | hypothetical
    intended: dict[tuple[str, str], str]  # (frame, CAMEO root of the act) -> code of the intended act


# Events that carry another act as their content: an intent (03), an appeal (02), a demand (10).
FRAMING_ROOTS = {"02", "03", "10"}


@lru_cache(maxsize=1)
def modality() -> Modality:
    return Modality(
        cues={row["word"]: row["cue"] for row in read_table("modality.tsv")},
        intended={(row["frame"], row["root"]): row["code"] for row in read_table("intended_codes.tsv")},
    )


@dataclass(slots=True)
class Decision:
    """One candidate trigger and what became of it."""

    trigger: Token
    entry: Entry | None
    events: list[Event] = field(default_factory=list)
    reason: str = ""


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

    def actors(self, token: Token | None) -> list[Mention]:
        if token is None:
            return []
        found: dict[str, Mention] = {}
        for conjunct in self.conjuncts(token):
            # Later conjuncts count when they name an actor themselves ("Vietnam and Peru"),
            # not through their modifiers ("facilitation of X and support of Y's projects"),
            # unless nothing was found before them.
            m = self.mention(conjunct) if not found else self.mentions.get(conjunct.i)
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
        # Verbs first so that their object nouns are consumed before nouns are tried.
        tokens = sorted(view.sentence.tokens, key=lambda t: t.pos != "VERB")
        for token in tokens:
            pos = "VERB" if token.pos == "VERB" else "NOUN" if token.pos in ("NOUN", "PROPN") else None
            if pos is None:
                continue
            entries = self.lexicon.lookup(token.lemma.lower(), pos)
            if not entries:
                continue
            if token.i in consumed:
                decisions.append(Decision(token, None, reason="part of a verb frame already coded"))
                continue
            decisions.append(self.decide_trigger(article, view, token, entries, consumed))
        fold_complements(view, decisions, self.modality, self.codes)
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
        # A frame with its object present ("paid a visit") wins. Frames without one differ by
        # where their target sits ("protest to" the embassy is a complaint, "protest against"
        # a plan is dissent): the first whose target is found wins, else the first with a source.
        found = [(entry, obj, *self.participants(view, token, entry, obj)) for entry, obj in frames]
        chosen = (
            next((f for f in found if f[1] is not None and (f[2] or f[3])), None)
            or next((f for f in found if f[3]), None)
            or next((f for f in found if f[2]), None)
        )
        if chosen is None:
            return Decision(token, frames[0][0], reason="no actor found for source or target")
        entry, obj, sources, targets = chosen
        if obj is not None:
            consumed.add(obj.i)
        pairs = [p for p in pair_up(article, sources, targets, entry) if identified(article, p)]
        if not pairs:
            return Decision(token, entry, reason="no identified actor (country, organisation or known code) on either side")
        mode = auxiliary_mode(view, token, self.modality)
        events = [self.make_event(view, token, obj, entry, s, t, mode) for s, t in pairs]
        return Decision(token, entry, events, reason="coded")

    def participants(self, view: SentenceView, trigger: Token, entry: Entry, obj: Token | None):
        own_subject = True
        if trigger.pos == "VERB":
            subject, passive_target = verb_subject(view, trigger)
        else:
            subject, own_subject = noun_subject(view, trigger)
            passive_target = None
            head = view.head(trigger)
            if not own_subject and trigger.dep == "dobj" and head is not None and self.light_verb(head):
                # "announced a ceasefire", "launched an attack on": the subject acts.
                own_subject = True
        sources = view.actors(subject)
        targets: list[Mention] = []
        for spec in entry.targets:
            for token in target_tokens(view, trigger, obj, spec, passive_target):
                targets = view.actors(token)
                if targets:
                    break
            if targets:
                break
        if not own_subject and not targets:
            # "Poland snubbed Hungary at the summit": the summit is not Poland's meeting.
            return [], []
        return sources, targets

    def light_verb(self, verb: Token) -> bool:
        """A verb that carries no event of its own, or only a statement, for its object noun:
        unlike "condemned the attack", "launched an attack" and "announced a ceasefire" are the
        subject's own acts."""
        entries = self.lexicon.lookup(verb.lemma.lower(), "VERB")
        return all(e.cameo.startswith("01") for e in entries)

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
    if token.pos == "VERB":
        # The object, an infinitive, a particle or a preposition ("called on", "agree with").
        dependents = [c for c in dependents if c.dep in ("dobj", "xcomp", "attr", "nsubjpass", "prt", "prep")]
    else:
        # "a phone call", "a suspension of aid".
        dependents = [c for c in dependents if c.dep in ("compound", "amod")] + view.pobjs(token, "of")
    frames = []
    for entry in entries:
        if not entry.objects:
            frames.append((entry, None))
            continue
        obj = next((c for c in dependents if c.lemma.lower() in entry.objects or c.text.lower() in entry.objects), None)
        if obj is not None:
            frames.append((entry, obj))
    return frames


def verb_subject(view: SentenceView, verb: Token) -> tuple[Token | None, Token | None]:
    """(source token, target of a passive) for a verb, climbing through control and coordination."""
    passive_target = view.child(verb, "nsubjpass")
    token = verb
    for _ in range(4):
        subject = view.child(token, "nsubj", "csubj")
        if subject is not None:
            if subject.lemma.lower() in ("who", "that", "which") and token.dep == "relcl":
                return view.head(token), passive_target
            # "The rebels said they will release...": an unresolved pronoun in reported speech
            # stands for the speaker.
            if not (subject.pos == "PRON" and view.mention(subject) is None and token.dep == "ccomp"):
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
            # "officials attending the talks", or a finite verb the parser hung on its subject.
            return head, passive_target
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
    if owner is not None:
        return owner, True
    agents = view.pobjs(noun, "by")
    if agents:
        return agents[0], True
    token = noun
    for _ in range(4):
        head = view.head(token)
        if head is None:
            return None, False
        if head.pos in ("VERB", "AUX"):
            return verb_subject(view, head)[0], False
        token = head
    return None, False


def target_tokens(view, trigger, obj, spec, passive_target) -> list[Token]:
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
        holders = [trigger] + ([obj] if obj is not None else [])
        holders += [c for c in view.children[trigger.i] if c.dep in ("dobj", "xcomp")]
        found = []
        for holder in holders:
            found += view.pobjs(holder, prep)
        return found
    return []


def pair_up(article: Article, sources: list[Mention], targets: list[Mention], entry: Entry):
    """Ordered (source, target) pairs.

    A frame whose target can be introduced by "with" or "between" is symmetric (meet, discuss,
    sign, cooperate): parties coordinated in the subject, or a group such as "the two sides",
    act on each other when no target is named. "Lithuania and Poland welcomed the move" is not.
    """
    symmetric = any(spec in ("prep:with", "prep:between") for spec in entry.targets)
    if not targets and symmetric:
        members = reciprocal_members(article, sources)
        if len(members) >= 2:
            return [(a, b) for a, b in product(members, members) if a.actor != b.actor]
    pairs = [
        (s, t)
        for s, t in product(sources or [None], targets or [None])
        if not (s and t and s.actor == t.actor)
    ]
    return pairs


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
    token, governed = trigger, False
    for _ in range(3):
        children = view.children[token.i]
        # "will not release": the negation decides, whatever the auxiliary says.
        if any(c.dep == "neg" for c in children):
            return "negation"
        for c in children:
            word = c.lemma.lower()
            if c.dep in ("aux", "mark") and word in modality.cues:
                return modality.cues[word]
        # "plan to visit" is future, "failed to reach agreement" negation.
        if governed and modality.cues.get(token.lemma.lower()) in ("future", "negation"):
            return modality.cues[token.lemma.lower()]
        head = view.head(token)
        if head is None or token.dep not in ("xcomp", "ccomp", "acl", "pcomp", "pobj", "prep"):
            return None
        governed = governed or token.dep in ("xcomp", "ccomp", "acl", "pcomp")
        token = head
    return None


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
    return "future" if "future" in cues else "hypothetical"


def fold_complements(view: SentenceView, decisions: list[Decision], modality: Modality, codes: Ontology):
    """An act that is the content of an intent, appeal or demand completes that event.

    "She expressed the wish to deepen ties with Peru" is one event (032, intent of diplomatic
    cooperation, with Peru as target), not an intent without target plus a done act; "called on
    the government to support the firms" is an appeal (022), not an act of support. An intended
    act with no such frame ("will visit") becomes the intent code of its kind.
    """
    framing = [(d, e) for d in decisions for e in d.events if e.cameo_root in FRAMING_ROOTS]
    statements = [(d, e) for d in decisions for e in d.events if e.cameo == "010"]
    for decision in decisions:
        for event in decision.events:
            # A statement whose content is the speaker's own act is that act ("said it will
            # release the pilots" is not first of all a statement).
            said = enclosing_frame(view, decision.trigger, statements, STATEMENT_CONTENT)
            if said is not None and event.source is not None and said.source is not None \
                    and said.source.actor == event.source.actor:
                for d, e in statements:
                    if e is said and e in d.events:
                        d.events.remove(e)
                        d.reason = "statement whose content is coded as the speaker's act"
    for decision in decisions:
        for event in list(decision.events):
            frame = enclosing_frame(view, decision.trigger, framing)
            if frame is not None:
                decision.events.remove(event)
                if frame.target is None and event.target is not None:
                    frame.target = event.target
                if frame.cameo.endswith("0") and len(frame.cameo) == 3:
                    refined = modality.intended.get((frame.cameo_root, event.cameo_root))
                    if refined is not None:
                        retarget(frame, codes[refined])
                continue
            if event.mode in ("future", "negation"):
                recoded = modality.intended.get((event.mode, event.cameo_root))
                if recoded is not None:
                    retarget(event, codes[recoded])
                    event.rule += f" +{event.mode}"
        if decision.reason == "coded" and not decision.events:
            decision.reason = "content of an intent, appeal or demand coded with it"


def enclosing_frame(view: SentenceView, trigger: Token, framing, content: set[str] = COMPLEMENT) -> Event | None:
    """The intent, appeal or demand whose content the trigger is part of, if any.

    Coordination inside the content counts ("to keep creating conditions for and supporting the
    firms"), but a verb coordinated with the frame itself is a separate act ("urged X and praised Y").
    """
    token = trigger
    for _ in range(5):
        head = view.head(token)
        if head is None or token.dep not in content | {"conj"}:
            return None
        for decision, event in framing:
            if decision.trigger.i == head.i or event.evidence.trigger_start <= head.start < event.evidence.trigger_end:
                return None if token.dep == "conj" else event
        token = head
    return None


def retarget(event: Event, code) -> None:
    event.cameo, event.cameo_root = code.code, code.root
    event.quad_class, event.goldstein = code.quad_class, code.goldstein
    event.plover = code.plover
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
