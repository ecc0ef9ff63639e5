"""actors stage: find every mention of an actor in an article and group mentions into actors.

One left-to-right pass per sentence over the tokens already produced by the nlp stage: the gazetteer
gives the longest known phrase at each token (country, demonym, city, region, agent word, known person
or organisation); a small grammar composes neighbouring pieces into one mention ("Vietnamese" +
"Ambassador" + "to Brazil and Peru" + "Pham Thi Kim Hoa"); then in-article coreference attaches
surnames, definite descriptions ("the diplomat"), pronouns and "the two sides" to actors already seen.

A mention is the whole noun phrase that names the actor, as annotated event data marks actors: its
determiners and modifiers, the noun it modifies or owns ("the OPCW visit", "NATO's decision", "Israeli
military jets"), counts ("dozens of protesters"), of- and in-phrases ("the police in the Gaza Strip"),
appositions of a person ("Vladimir Putin, the Russian president") and brackets ("(NAF)"); not relative
clauses, conjuncts or dates.

Grouping: named persons and organisations are one actor per name; places (towns, provinces, breakaway
states: kind "place") one per place name. Agents ("Peruvian officials", "the Peruvian government") are
one actor per country and sector, because that is what an event codes (PERGOV either way); every
mention keeps its own text. Agents without a country ("children",
"delegations") are kept apart by their role, since nothing says they are the same people.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .gazetteer import Entry, Gazetteer, at_date, gazetteer, phrase_tokens, shortened_name
from .records import Actor, Article, Mention, Sentence, Token

COUNTRY_KINDS = {"country", "demonym", "capital", "city", "place"}
PLACE_KINDS = {"city", "place"}  # places inside a country that are not its capital
PLACE_SECTOR = "CVL"  # a town or province named as an actor stands for the people there
PLACE_ENTITIES = {"GPE", "LOC", "FAC", "ORG", "NORP"}  # spaCy labels a place name may carry
NAMED_KINDS = {"person", "organisation", "igo"}
# Words between a country word and an agent word that keep them in one noun phrase.
MODIFIER_POS = {"ADJ", "NOUN", "PROPN"}
LINKING_DETERMINERS = {"the", "a", "an", "its", "their"}
DEFINITE_DETERMINERS = {"the", "this", "that"}
POSSESSIVES = {"'s", "'", "’s", "’"}
FORMER_WORDS = {"former", "ex"}
ARMED_SECTORS = {"MIL", "UAF"}  # an unknown armed group's name with an insurgent word is a rebel group's
FORMER_SECTOR = "ELI"  # PLOVER/CAMEO code of former office holders ("elites")
CAPITAL_SECTOR = "GOV"  # a capital named as an actor stands for the government ("Hanoi said")
UNIDENTIFIED_SECTOR = "UNK"
SINGULAR_PRONOUNS = {"he", "she", "him", "her"}
PLURAL_PRONOUNS = {"they", "them"}
# Nouns that, after a country word, stand for the country itself ("the Peruvian side").
COUNTRY_STAND_INS = {"side", "nation", "country", "state", "republic"}
PAIR_WORDS = {"two", "both"}
PAIR_NOUNS = {"sides", "countries", "nations", "parties", "governments", "states"}
PRONOUN_WINDOW = 3  # sentences back a pronoun may reach
# Roles a description such as "the diplomat" or "the envoy" may stand for.
DIPLOMATIC_ROLES = {"ambassador", "envoy", "special envoy", "diplomat", "consul", "consul general",
                    "foreign minister", "chargé d'affaires"}
DIPLOMATIC_DESCRIPTIONS = {"diplomat", "envoy"}
GENERIC_DESCRIPTIONS = {"official", "leader"}  # fit any named person of the same sector
# "her visit to Peru", "a trip to Peru": the country whose officials the visitor meets.
VISIT_NOUNS = {"visit", "trip", "tour", "mission"}
NOT_NAMES = {"he", "she", "they", "it", "we"}
# Dependents on the left of a mention's head that belong to its noun phrase ("a Swiss court", "at least
# 75 displaced people", "six Philippine Army soldiers"); hyphens join compounds ("state-owned").
PHRASE_MODIFIER_DEPS = {"det", "predet", "amod", "compound", "nummod", "quantmod", "poss", "case", "advmod", "nmod",
                        "npadvmod", "punct"}
HYPHENS = {"-", "–"}
HOME_PARTICIPLES = {"based", "headquartered", "registered"}
# A mention's words that modify a noun make that noun the head of the phrase ("the OPCW visit").
HOST_DEPS = {"compound", "amod", "nmod", "poss"}
# Prepositional phrases after a head that belong to its noun phrase ("the police in the Gaza Strip").
PHRASE_PREPOSITIONS = {"of", "in", "from", "for", "at", "near", "against", "inside", "within", "outside"}
MAX_PHRASE_DEPTH = 8
BRACKETED_NAME_WORDS = 3  # words of a name in brackets: "(PML-Q)", "(D-Mich.)"
ACRONYM_MAX = 6  # letters of an unknown organisation's initials
# Initials that are common nouns, not organisations.
NOT_ORGANISATION_INITIALS = {"CEO", "CFO", "COO", "GDP", "GNP", "TV", "PM", "AM", "AIDS", "HIV", "DNA", "ID", "VIP",
                             "SUV", "GMT", "UTC", "OK", "PC", "IT", "CCTV", "ATM", "SMS", "USD", "EUR", "MP", "MPS",
                             "VAT", "FAQ", "PR", "HQ", "IED", "IEDS", "RPG", "AK", "UAV", "UAVS", "ICBM", "PPE"}
# Counts and parts whose of-phrase names the actor: "dozens of protesters", "members of the group".
PARTITIVE_WORDS = {"dozen", "hundred", "thousand", "million", "score", "number", "some", "many", "most", "all", "several",
                   "few", "both", "each", "none", "one", "part", "unit", "member", "remnant", "rest"}
CLAUSE_DEPS = {"conj", "cc", "relcl", "advcl", "preconj"}


@dataclass(slots=True)
class Piece:
    """A gazetteer match or a named entity inside a sentence (token positions within the sentence)."""

    start: int
    end: int  # exclusive
    entries: list[Entry]
    entity: str = ""  # spaCy label for names the tables do not know

    def first(self, kinds: set[str]) -> Entry | None:
        return next((entry for entry in self.entries if entry.kind in kinds), None)


@dataclass(slots=True)
class Resolved:
    """What one composed mention says about its actor."""

    kind: str
    start: int  # token positions within the sentence
    end: int
    country: str | None = None
    sector: str | None = None
    name: str | None = None
    role: str | None = None
    code: str | None = None
    plural: bool = False
    members: list[str] = field(default_factory=list)
    description: bool = False  # "the diplomat": may stand for a person named earlier
    alias: str | None = None  # "Nigerian Air Force (NAF)": the bracketed short name stands for the same actor

    def key(self) -> tuple:
        """Mentions with the same key are the same actor."""
        if self.kind in NAMED_KINDS or self.kind == "place":
            return (self.kind, self.name)
        if self.kind == "group":
            return ("group",)
        if self.kind == "agent" and self.country is None:
            return (self.kind, None, self.sector, self.role)
        return (self.kind, self.country, self.sector)


class ActorResolver:
    def __init__(self, table: Gazetteer | None = None, user_actors: str | None = None):
        self.table = table or gazetteer(user_actors)

    def __call__(self, article: Article) -> Article:
        builder = ArticleActors(article, self.table)
        for sentence in article.sentences:
            builder.add_sentence(sentence)
        builder.place_visiting_diplomats()
        article.actors = builder.actors
        return article


class ArticleActors:
    """Accumulates the actors of one article while its sentences are read in order."""

    def __init__(self, article: Article, table: Gazetteer):
        self.article = article
        self.table = table
        self.actors: list[Actor] = []
        self.by_key: dict[tuple, Actor] = {}
        self.recent: list[tuple[int, Actor, bool, int]] = []  # (sentence, actor, was subject, head)
        self.plural: set[str] = set()  # ids of actors mentioned as a plural ("officials", "the two sides")
        self.aliases: dict[str, Actor] = {}  # bracketed short names given in the article
        self.covered: set[int] = set()  # token indices inside mentions
        self.children: dict[int, list[Token]] = {}  # of the sentence being read
        self.sentence_tokens: list[Token] = []
        self.positions: dict[int, int] = {}  # token index -> position in sentence_tokens
        self.visits: dict[int, str] = {}  # sentence index -> country visited ("her visit to Peru")

    # -- composition -----------------------------------------------------------------------------

    def add_sentence(self, sentence: Sentence) -> None:
        tokens = [token for token in sentence.tokens if not token.text.isspace()]
        if not tokens:
            return
        pieces = self.pieces(tokens, sentence)
        host = self.visit_host(tokens, pieces)
        if host:
            self.visits[sentence.index] = host
        self.children = {}
        for token in tokens:
            if token.head != token.i:
                self.children.setdefault(token.head, []).append(token)
        self.sentence_tokens = tokens
        self.positions = {token.i: position for position, token in enumerate(tokens)}
        used: set[int] = set()
        composed = list(self.compose(tokens, pieces))
        grown: dict[int, Resolved] = {}  # composed index -> its whole phrase, grown once

        def whole(index: int) -> Resolved:
            if index not in grown:
                grown[index] = self.whole_phrase(tokens, pieces, composed[index])
            return grown[index]

        for index, resolved in enumerate(composed):
            if used.intersection(range(resolved.start, resolved.end)):
                continue
            resolved = whole(index)
            following = next((later for later in range(index + 1, len(composed))
                              if composed[later].start >= resolved.end), None)
            if following is not None and not used.intersection(range(composed[following].start, composed[following].end)):
                resolved = self.apposition(tokens, resolved, whole(following))
            used.update(range(resolved.start, resolved.end))
            if host and resolved.kind == "person" and resolved.country is None and resolved.role \
                    and span_head(tokens, resolved.start, resolved.end).dep not in ("nsubj", "nsubjpass"):
                resolved.country = host
            self.record(resolved, tokens, sentence)
        for position, token in enumerate(tokens):
            if position not in used:
                self.refer(position, tokens, sentence)

    def whole_phrase(self, tokens: list[Token], pieces: list[Piece | None], resolved: Resolved) -> Resolved:
        """A composed mention grown to the noun phrase it heads or modifies, with a bracketed short name."""
        end = self.appositive_name_end(tokens, pieces, resolved, self.host_noun_end(tokens, resolved.start, resolved.end))
        named = self.named_in_phrase(tokens, pieces, resolved, end)
        named.end = end if named is resolved else self.host_noun_end(tokens, named.start, named.end)
        named.start = self.partitive_start(tokens, named.start, named.end)
        return self.bracketed(tokens, pieces, named)

    def appositive_name_end(self, tokens: list[Token], pieces: list[Piece | None], resolved: Resolved, end: int) -> int:
        """ "the separatist group Black Widow": a name right after a description, in apposition to it,
        ends its noun phrase."""
        piece = pieces[end] if resolved.kind == "agent" and end < len(tokens) else None
        if piece is None or not (piece.entity == "ORG" or not piece.entity and piece.first({"organisation", "igo"})):
            return end
        name_head, described = span_head(tokens, piece.start, piece.end), span_head(tokens, resolved.start, end)
        return piece.end if name_head.dep == "appos" and name_head.head == described.i else end

    def partitive_start(self, tokens: list[Token], start: int, end: int) -> int:
        """ "dozens of Islamic State fighters", "four of the country's states", "members of the group": the
        count or part heads the phrase that names the actor."""
        head = span_head(tokens, start, end)
        preposition = self.positions.get(head.head)
        if head.dep != "pobj" or preposition is None or tokens[preposition].text.lower() != "of":
            return start
        whole = self.positions.get(tokens[preposition].head)
        if whole is None or whole + 1 != preposition or tokens[whole].i in self.covered \
                or not (tokens[whole].pos == "NUM" or tokens[whole].lemma.lower() in PARTITIVE_WORDS):
            return start
        if not all(self.descends(tokens[between], tokens[preposition].i) for between in range(preposition + 1, start)):
            return start
        return whole

    def apposition(self, tokens: list[Token], first: Resolved, second: Resolved) -> Resolved:
        """ "Vladimir Putin, the Russian president", "Venezuela's president, Nicolas Maduro": a name and a
        title in apposition are one person, who takes the country and office the title gives."""
        between = [token.text.lower() for token in tokens[first.end:second.start]]
        if not between or between[0] != "," or not set(between[1:]) <= LINKING_DETERMINERS:
            return first
        head, described = span_head(tokens, first.start, first.end), span_head(tokens, second.start, second.end)
        if not (described.dep == "appos" and described.head == head.i or head.dep == "appos" and head.head == described.i):
            return first
        if first.kind in NAMED_KINDS and second.kind == "agent":
            named, title = first, second
        elif second.kind in NAMED_KINDS and first.kind == "agent":
            named, title = second, first
        else:
            return first  # "The United States, India", two ministers: a list the parser took for an apposition
        if named.country is None and title.country:
            named.country, named.code = title.country, None
        if named.kind == "person":
            named.role = named.role or title.role
        if named.sector is None:  # "the rebel group, Black Widow"
            named.sector, named.code = title.sector, None
        named.start, named.end = first.start, second.end
        return named

    def bracketed(self, tokens: list[Token], pieces: list[Piece | None], resolved: Resolved) -> Resolved:
        """ "the Nigerian Air Force (NAF)", "the Oil and Gas Group (Petrovietnam)": a name in brackets right
        after a mention is another name of the same actor; when only the bracketed name is known, it
        says who the actor is."""
        end = resolved.end
        if resolved.kind == "country" or end + 2 >= len(tokens) or tokens[end].text != "(" or tokens[end + 2].text != ")" \
                or not tokens[end + 1].text[:1].isupper():
            return resolved
        piece = pieces[end + 1]
        if piece is not None and not piece.entity and piece.first(COUNTRY_KINDS):
            return resolved  # "the ambassador (Peru)": a different actor; "Hanoi (VNA)": a news agency
        known = [entry for entry in piece.entries if entry.kind in NAMED_KINDS] if piece else []
        if known and resolved.kind == "organisation" and resolved.country is None:
            return known_actor(known, resolved.start, end + 3, self.article.date)
        resolved.end = end + 3
        resolved.alias = tokens[end + 1].text
        return resolved

    def named_in_phrase(self, tokens: list[Token], pieces: list[Piece | None], resolved: Resolved,
                        end: int) -> Resolved:
        """Titles and offices in front of the name their noun phrase ends with belong to that person: "US
        Vice-President Mike Pence", "KRG President Masoud Barzani", "Prime Minister Benjamim Netanyahu";
        so do words that describe a group before its name ("the rebel FDLR force"). ``end``: where the
        noun phrase the mention heads or modifies ends."""
        for position in range(resolved.end, end):
            piece = pieces[position]
            if piece is None:
                continue
            if resolved.kind == "agent" and resolved.country is None \
                    and (piece.entity == "ORG" or not piece.entity and piece.first({"organisation", "igo"})):
                group = self.phrase_at(tokens, pieces, position)
                if group is not None:  # "the separatist group Black Widow"
                    group.start = resolved.start
                    group.sector = group.sector or resolved.sector
                    return group
            if not (piece.entity == "PERSON" or piece.first({"person"})):
                continue
            person = self.phrase_at(tokens, pieces, position)
            if person is None or person.kind != "person":
                return resolved
            person.start = resolved.start
            if person.country is None and resolved.country:
                person.country, person.code = resolved.country, None
            if resolved.kind == "agent":
                person.role = person.role or resolved.role
                if person.sector is None:
                    person.sector, person.code = resolved.sector, None
            return person
        return resolved

    def pieces(self, tokens: list[Token], sentence: Sentence) -> list[Piece | None]:
        """For each token position, the piece starting there (None inside or outside pieces)."""
        words = [token.text for token in tokens]
        lowered = [word.lower() for word in words]
        found: list[Piece | None] = [None] * len(tokens)
        position = 0
        while position < len(tokens):
            length, entries = self.table.longest(words, position, lowered)
            entries = [entry for entry in entries if self.fits(entry, tokens[position])]
            if entries:
                found[position] = Piece(position, position + length, entries)
                position += length
            else:
                position += 1
        for start, end, label in name_spans(sentence, tokens):
            if found[start] is not None and found[start].end == end and found[start].first({"place"}):
                continue  # "Rakhine rebels", "Transnistria said": place names are not person names
            if not any(found[p] and found[p].first(NAMED_KINDS) for p in range(start, end)):
                self.add_entity(found, tokens, start, end, label)
        if not shouted(tokens):
            for position, token in enumerate(tokens):
                if found[position] is None and unknown_acronym(token) and not any(
                        piece and piece.start < position < piece.end for piece in found[max(0, position - 8):position]):
                    found[position] = Piece(position, position + 1, [], entity="ORG")  # "ICE", "ELN", "LTTE"
        return found

    @staticmethod
    def add_entity(found: list[Piece | None], tokens: list[Token], start: int, end: int, label: str) -> None:
        """An unknown name: keep gazetteer pieces in front of it (titles, demonyms) and take the rest."""
        while start < end and (found[start] is not None and not found[start].first(NAMED_KINDS)
                               and not (label == "PERSON" and all(e.kind == "place" for e in found[start].entries))
                               or tokens[start].text.lower() in LINKING_DETERMINERS):
            start = found[start].end if found[start] is not None else start + 1
        if start >= end:
            return
        text = [token.text for token in tokens[start:end]]
        if not text[0][:1].isupper() or not text[-1][:1].isupper() or text[0].lower() in NOT_NAMES \
                or any(character.isdigit() for word in text for character in word):
            return  # "of Foreign Affairs" after a title, "antiwar protesters", "COVID-19": not names
        for position in range(start, end):
            found[position] = None
        found[start] = Piece(start, end, [], entity=label)

    def fits(self, entry: Entry, token: Token) -> bool:
        if entry.kind == "agent":
            return token.pos in ("NOUN", "PROPN", "ADJ", "VERB")  # "official" as a noun, not "official visit"
        if entry.kind == "place":  # "Acre", "Mobile" are words too: a place needs the tagger's agreement
            return token.text[:1].isupper() and (token.pos in ("PROPN", "NOUN", "ADJ") or token.ent_type in PLACE_ENTITIES)
        return token.text[:1].isupper()

    def compose(self, tokens: list[Token], pieces: list[Piece | None]):
        position = 0
        while position < len(tokens):
            piece = pieces[position]
            if piece is None:
                position += 1
                continue
            resolved = self.phrase_at(tokens, pieces, position)
            if resolved is None:
                position = piece.end
                continue
            yield resolved
            position = resolved.end

    def phrase_at(self, tokens: list[Token], pieces: list[Piece | None], position: int) -> Resolved | None:
        """Compose [country word] [modifiers] [agent word] [of/to ...] [name] starting at ``position``."""
        start = position
        country: str | None = None
        owner_sector: str | None = None
        piece = pieces[position]
        region = piece.first({"region"}) if not piece.entity and not piece.first(COUNTRY_KINDS) else None
        if region:
            return self.region_country(tokens, piece, region) or self.region_phrase(tokens, pieces, piece)
        country_entry = piece.first(COUNTRY_KINDS) if not piece.entity else None
        if country_entry:
            country = country_entry.country
            position = piece.end
            if position < len(tokens) and tokens[position].text in POSSESSIVES:
                position += 1
            elif position + 1 < len(tokens) and tokens[position].text in HYPHENS \
                    and tokens[position + 1].text.lower() in HOME_PARTICIPLES:
                position += 2  # "a Somalia-based group" is of Somalia; a "US-backed" one is not
            # an adjectival run: "Vietnamese state-owned", "Peruvian Foreign", "Poland's current"
            while position < len(tokens) and pieces[position] is None \
                    and (tokens[position].pos in MODIFIER_POS or tokens[position].dep == "amod") \
                    and position + 1 < len(tokens) and pieces[position + 1] is not None:
                position += 1
            if position >= len(tokens) or pieces[position] is None or pieces[position].first(COUNTRY_KINDS):
                return self.shared_title(tokens, pieces, start, piece, country_entry) \
                    or self.country_alone(tokens, start, piece, country_entry)
            piece = pieces[position]
        elif self.owner(tokens, pieces, piece):
            # "a CIA official", "the Pentagon spokesman", "Boko Haram fighters": the organisation's people
            owner_sector = piece.first(NAMED_KINDS).sector
            country = piece.first(NAMED_KINDS).country
            piece = pieces[piece.end]
        elif holder := self.office_holder(tokens, pieces, piece):
            return holder
        agent = piece.first({"agent"}) if piece.entity == "" and not self.proper_name(tokens, piece, country) else None
        if agent is None:
            return self.name_phrase(tokens, pieces, start, piece, country, country_entry)
        group = self.described_group(tokens, pieces, start, piece, agent)
        if group:
            return group
        end = piece.end
        while end < len(tokens) and pieces[end] and pieces[end].first({"agent"}) and not pieces[end].entity:
            piece = pieces[end]  # "Deputy Secretary": the last title word is the head
            agent = piece.first({"agent"})
            end = piece.end
        end, country, body_sector = self.complements(tokens, pieces, end, country, agent)
        sector = FORMER_SECTOR if self.former(tokens, start, agent) else body_sector or owner_sector or agent.sector
        person = self.titled_person(tokens, pieces, start, end, agent, country, sector)
        if person:
            return person
        definite = start > 0 and tokens[start - 1].text.lower() in DEFINITE_DETERMINERS
        return Resolved("agent", start, end, country=country, sector=sector, role=agent.role, plural=agent.plural,
                        description=definite and agent.person and not agent.plural)

    def shared_title(self, tokens: list[Token], pieces: list[Piece | None], start: int, piece: Piece,
                     entry: Entry) -> Resolved | None:
        """ "Vietnamese and Peruvian officials": the first demonym shares the title of the second."""
        following = piece.end + 1
        if entry.kind != "demonym" or following >= len(tokens) or tokens[piece.end].text.lower() not in ("and", "or") \
                or pieces[following] is None or not pieces[following].first({"demonym"}):
            return None
        shared = self.phrase_at(tokens, pieces, following)
        if shared is None or shared.kind != "agent":
            return None
        return Resolved("agent", start, piece.end, country=entry.country, sector=shared.sector, role=shared.role,
                        plural=shared.plural)

    def owner(self, tokens: list[Token], pieces: list[Piece | None], piece: Piece) -> bool:
        """A known organisation used as the modifier of a title or body ("CIA official", "EU legislature")."""
        named = piece.first(NAMED_KINDS) if not piece.entity else None
        following = pieces[piece.end] if piece.end < len(tokens) else None
        if not (named and named.kind != "person" and named.country and following and not following.entity):
            return False
        agent = following.first({"agent"})
        # a body ("the EU legislature") only when it ends the phrase: "the APEC business forum" is a forum
        return agent is not None and (agent.person or self.ends_phrase(tokens, following.end))

    def ends_phrase(self, tokens: list[Token], end: int) -> bool:
        """The token before ``end`` is the head of its noun phrase: no noun it modifies follows."""
        last = tokens[end - 1]
        return not (last.dep in HOST_DEPS and last.head > last.i)

    def office_holder(self, tokens: list[Token], pieces: list[Piece | None], piece: Piece) -> Resolved | None:
        """An organisation or office right before a titled or known person is theirs: "US President Donald
        Trump" (the office is in the tables), "NATO Secretary General Jens Stoltenberg"."""
        named = piece.first(NAMED_KINDS) if not piece.entity else None
        if named is None or named.kind == "person" or piece.end >= len(tokens) or pieces[piece.end] is None:
            return None
        person = self.phrase_at(tokens, pieces, piece.end)
        if person is None or person.kind != "person":
            return None
        person.start = piece.start
        if person.country is None:
            person.country, person.code = named.country, None
        return person

    def proper_name(self, tokens: list[Token], piece: Piece, country: str | None = None) -> bool:
        """A capitalised phrase the tables know both as a title and as a name ("Security Council"),
        unless a country word says it is another country's ("Chile's Defense Department")."""
        named = piece.first(NAMED_KINDS)
        return named is not None and (country is None or named.country == country) \
            and all(word.text[:1].isupper() for word in tokens[piece.start:piece.end])

    def former(self, tokens: list[Token], start: int, agent: Entry) -> bool:
        before = tokens[start - 1].text.lower() if start else ""
        return agent.sector == FORMER_SECTOR or before in FORMER_WORDS or \
            start > 1 and before == "-" and tokens[start - 2].text.lower() in FORMER_WORDS

    def name_phrase(self, tokens: list[Token], pieces: list[Piece | None], start: int, piece: Piece,
                    country: str | None, country_entry: Entry | None) -> Resolved | None:
        """A name, possibly after a country word: "Syrian Democratic Forces", "Peru's Dina Boluarte"."""
        named = self.named(tokens, piece, country)
        if named and country and (named.kind == "person" or piece.entity):
            named.start = start
            if piece.entity and named.kind == "organisation":
                named.name = self.span_text(tokens, start, piece.end)
        if named:
            return named
        return self.country_alone(tokens, start, pieces[start], country_entry) if country_entry else None

    def described_group(self, tokens: list[Token], pieces: list[Piece | None], start: int, piece: Piece,
                        agent: Entry) -> Resolved | None:
        """ "ordinary Kazakhs", "young Peruvians": a described group of a country's people."""
        following = pieces[piece.end] if piece.end < len(tokens) else None
        demonym = following.first({"demonym"}) if following and not following.entity else None
        if agent.person or demonym is None or not demonym.plural:
            return None
        return Resolved("agent", start, following.end, country=demonym.country, sector=agent.sector,
                        role=agent.role, plural=True)

    def complements(self, tokens: list[Token], pieces: list[Piece | None], end: int, country: str | None,
                    agent: Entry) -> tuple[int, str | None, str | None]:
        """Swallow "of Education", "to Brazil and Peru", "from Peruvian ministries", "of the Riigikogu"
        after an agent word. Returns the new end, the country and the sector of the body named (a
        "representative of the ministries" belongs to the ministries' sector)."""
        body_sector: str | None = None
        if " of " in agent.name and tokens[end - 1].text[:1].isupper():
            end = self.portfolio_end(tokens, pieces, end, plural=False)  # "Minister of Commerce" "and Industry"
        while end + 1 < len(tokens) and tokens[end].text.lower() in ("of", "to", "from", "for", "at", "in"):
            preposition = tokens[end].text.lower()
            following = end + 1
            if tokens[following].text.lower() in LINKING_DETERMINERS:
                following += 1
            if following >= len(tokens):
                break
            piece = pieces[following]
            country_entry = piece.first(COUNTRY_KINDS) if piece and not piece.entity else None
            if preposition == "in" and agent.person and not agent.plural:
                break  # "the ambassador in Lima" serves there; "farmers in Peru" live there
            if country_entry:
                if preposition != "to" and country is None:
                    country = country_entry.country  # "officials from Peru", "the government of Peru"
                end = piece.end
                while end + 1 < len(tokens) and tokens[end].text.lower() in ("and", ",") and pieces[end + 1] \
                        and pieces[end + 1].first(COUNTRY_KINDS):
                    end = pieces[end + 1].end
                if end < len(tokens) and tokens[end].text in POSSESSIVES:
                    end += 1
                if end < len(tokens) and pieces[end] and pieces[end].first({"agent"}):
                    body_piece = pieces[end]
                    body = body_piece.first({"agent"})
                    body_sector = body_sector or body.sector
                    end = body_piece.end  # "from Peruvian ministries"
                    if body.plural or any(token.tag in ("NNS", "NNPS") for token in tokens[body_piece.start:end]):
                        end = self.portfolio_end(tokens, pieces, end, plural=True)
                    while end + 1 < len(tokens) and tokens[end].text.lower() == "and" and pieces[end + 1] \
                            and pieces[end + 1].first({"agent"}):
                        end = pieces[end + 1].end
                elif preposition != "to" and end < len(tokens) and pieces[end] and pieces[end].entity == "ORG" \
                        and (body := self.body(tokens, pieces[end])) is not None:
                    body_sector = body_sector or body.sector  # "president of the Chadian Human Rights League"
                    end = pieces[end].end
                continue
            if preposition == "to" and agent.person and piece is not None and not piece.entity and piece.first({"igo"}):
                end = piece.end  # "ambassador to the UN"
                continue
            if preposition in ("to", "in"):
                break  # "in" only places people in a country: "farmers in Peru", not "a stake in Viettel"
            # a plural title or body takes a list: "Ministries of Foreign Affairs; Education; ..."
            plural = agent.plural or tokens[end - 1].tag in ("NNS", "NNPS")
            body = self.body(tokens, piece) if piece else None
            if body is not None:
                country = country or body.country  # "president of the European Council"
                body_sector = body_sector or body.sector
                # "Minister of Foreign Affairs and Expatriates": a capitalised portfolio goes on
                named_portfolio = body.kind == "agent" and tokens[following].text[:1].isupper()
                end = self.portfolio_end(tokens, pieces, piece.end, plural) if plural or named_portfolio else piece.end
                continue
            if preposition == "of" and tokens[following].text[:1].isupper() and piece is None:
                end = self.portfolio_end(tokens, pieces, following, plural)
                continue
            if preposition == "of" and piece is None and (field_end := self.field_end(tokens, pieces, following)):
                end = field_end  # "professor of strategic studies at ...": the institution may follow
                continue
            break
        return end, country, body_sector

    @staticmethod
    def field_end(tokens: list[Token], pieces: list[Piece | None], position: int) -> int | None:
        """End of a lower-case field or portfolio ("of strategic studies", "of foreign affairs")."""
        end = position
        while end < len(tokens) and pieces[end] is None and tokens[end].pos in ("ADJ", "NOUN") \
                and tokens[end].text.islower():
            end += 1
        return end if end > position and tokens[end - 1].pos == "NOUN" else None

    def body(self, tokens: list[Token], piece: Piece) -> Resolved | None:
        """The institution in "head of the ministry", "member of the Knesset", "professor at Oxford University"."""
        agent = piece.first({"agent"}) if not piece.entity and not self.proper_name(tokens, piece) else None
        if agent is not None:
            return None if agent.person else Resolved("agent", piece.start, piece.end, sector=agent.sector)
        named = self.named(tokens, piece, None)
        return named if named and named.kind != "person" else None

    def portfolio_end(self, tokens: list[Token], pieces: list[Piece | None], position: int, plural: bool) -> int:
        """End of "Foreign Trade and Tourism" after "Minister of"; a plural title takes a list
        ("Ministries of Foreign Affairs; Education; and Transport and Communications")."""
        end = position
        while end < len(tokens):
            token = tokens[end]
            piece = pieces[end]
            if piece is not None and (piece.entity == "PERSON" or piece.first({"person"})) or self.name_starts(tokens, end):
                break
            if token.text[:1].isupper() and (piece is None or piece.entity == "ORG" or self.portfolio_word(piece)):
                end += 1  # word by word: spaCy's ORG may run on into the name ("Mines Rosa Quispe")
            elif token.text.lower() in ("and", "&") and end + 1 < len(tokens) and tokens[end + 1].text[:1].isupper() \
                    and not self.name_starts(tokens, end + 1):
                end += 1
            elif plural and token.text in (";", ",") and end + 1 < len(tokens) and (
                    tokens[end + 1].text[:1].isupper() or tokens[end + 1].text.lower() == "and"):
                end += 1
            else:
                break
        while end > position and tokens[end - 1].text.lower() in (";", ",", "and", "&"):
            end -= 1
        return end

    @staticmethod
    def portfolio_word(piece: Piece) -> bool:
        """A field that is also an agent word, inside a portfolio: "Commerce and Industry", "Affairs and
        Expatriates"."""
        return not piece.entity and all(entry.kind == "agent" for entry in piece.entries)

    def name_starts(self, tokens: list[Token], position: int) -> bool:
        """A known first name followed by another capitalised word: "... and Tourism Ana Cecilia Gervasi"."""
        return tokens[position].text.lower() in self.table.first_names and position + 1 < len(tokens) \
            and tokens[position + 1].pos == "PROPN" and tokens[position + 1].text[:1].isupper()

    def titled_person(self, tokens: list[Token], pieces: list[Piece | None], start: int, end: int, agent: Entry,
                      country: str | None, sector: str | None) -> Resolved | None:
        """A title followed by a name: "Foreign Minister César Landa Arroyo", "US Senator Marco Rubio"."""
        if not agent.person or end >= len(tokens):
            return None
        name_piece = pieces[end]
        if name_piece is None and tokens[end].pos == "PROPN" and tokens[end].text[:1].isupper() \
                and not self.is_time(tokens[end]):
            name_end = end
            while name_end < len(tokens) and pieces[name_end] is None and tokens[name_end].pos == "PROPN":
                name_end += 1
            name_piece = Piece(end, name_end, [], entity="PERSON")  # a name spaCy did not label
        if name_piece is None or not (name_piece.entity == "PERSON" or name_piece.first({"person"})):
            return None
        person = self.named(tokens, name_piece, country)
        person.start = start
        person.role = agent.role
        # the title the text gives wins over the tables, which lag behind ("US Senator Marco Rubio"),
        # unless it is a generic one ("leader")
        if sector and (agent.role not in GENERIC_DESCRIPTIONS or person.sector in (None, FORMER_SECTOR)):
            person.sector, person.code = sector, None
        person.country = person.country or country
        return person

    def named(self, tokens: list[Token], piece: Piece, country: str | None) -> Resolved | None:
        text = self.span_text(tokens, piece.start, piece.end)
        aliased = self.aliases.get(text)
        if aliased is not None:
            return Resolved(aliased.kind, piece.start, piece.end, country=aliased.country, sector=aliased.sector,
                            name=aliased.name, role=aliased.role, code=aliased.code)
        if piece.entity:
            kind = "person" if piece.entity == "PERSON" else "organisation"
            known = self.known_person(text)
            if known:
                return known_actor(known, piece.start, piece.end, self.article.date)
            surname_actor = self.by_surname(text) if kind == "person" or " " not in text else None
            if surname_actor:
                return Resolved("person", piece.start, piece.end, country=surname_actor.country,
                                sector=surname_actor.sector, name=surname_actor.name, role=surname_actor.role)
            if kind == "organisation":
                head = self.name_head(text)
                if head is not None:
                    return Resolved(kind, piece.start, piece.end, country=country or head.country,
                                    sector=head.sector, name=text)
            return Resolved(kind, piece.start, piece.end, country=country, name=text)
        entries = [entry for entry in piece.entries if entry.kind in NAMED_KINDS]
        return known_actor(entries, piece.start, piece.end, self.article.date) if entries else None

    def known_person(self, text: str) -> list[Entry]:
        # Spanish double surnames: "César Landa Arroyo" is listed as "César Landa"
        for candidate in (text, shortened_name(text)):
            entries = [entry for entry in self.table.lookup(candidate) if entry.kind == "person"] if candidate else []
            if entries:
                return entries
        return []

    def name_head(self, text: str) -> Resolved | None:
        """Country and sector an unknown organisation's own words give: "Madras High Court" (JUD),
        "Amherst College" (EDU), "University of St. Andrews" (EDU: the head comes before "of")."""
        words = list(phrase_tokens(text))
        if "of" in words:
            words = words[: words.index("of")]
        country = sector = armed_sector = None
        position = 0
        while position < len(words):
            length, entries = self.table.longest(words, position)
            for entry in entries:
                if entry.kind == "agent" and entry.sector:
                    sector = entry.sector
                elif entry.kind in COUNTRY_KINDS and country is None:
                    country = entry.country
            if not length:  # words that only say something inside a name: "Bank", "Liberation"
                word_sector, condition = self.table.name_words.get(words[position].lower(), (None, ""))
                if condition == "armed":
                    armed_sector = word_sector
                elif word_sector:
                    sector = word_sector
            position += max(length, 1)
        if armed_sector and sector in ARMED_SECTORS:
            sector = armed_sector  # "Syrian Democratic Forces", "Kachin Independence Army": rebels
        return Resolved("organisation", 0, 0, country=country, sector=sector) if country or sector else None

    def country_alone(self, tokens: list[Token], start: int, piece: Piece, entry: Entry) -> Resolved | None:
        end = piece.end
        following = tokens[end] if end < len(tokens) else None
        if entry.kind == "demonym":
            if following is not None and following.text.lower() in COUNTRY_STAND_INS:
                return Resolved("country", start, end + 1, country=entry.country)  # "the Peruvian side"
            if entry.plural:
                before = tokens[start - 1] if start else None
                if before is not None and before.pos == "ADJ" and before.dep == "amod":
                    # "young Peruvians": people of the country; bare "Peruvians" stands for the country
                    return Resolved("agent", start - 1, end, country=entry.country, sector="CVL", plural=True)
                return Resolved("country", start, end, country=entry.country)
        if entry.kind == "capital":
            return Resolved("country", start, end, country=entry.country, sector=CAPITAL_SECTOR)
        if entry.kind in PLACE_KINDS:  # "Mariupol", "Rakhine": its people, unless a breakaway state
            return Resolved("place", start, end, country=entry.country, sector=entry.sector or PLACE_SECTOR,
                            name=entry.name)
        return Resolved("country", start, end, country=entry.country)

    def region_country(self, tokens: list[Token], piece: Piece, region: Entry) -> Resolved | None:
        """ "the South American nation": the article's most mentioned country of that continent, if any."""
        end = piece.end
        if end >= len(tokens) or tokens[end].text.lower() not in COUNTRY_STAND_INS:
            return None
        members = self.table.continents.get(region.name, set())
        counts: dict[str, int] = {}
        for actor in self.actors:
            if actor.country in members and actor.kind != "group":
                counts[actor.country] = counts.get(actor.country, 0) + len(actor.mentions)
        if not counts:
            return None
        best = max(counts, key=counts.__getitem__)
        return Resolved("country", piece.start, end + 1, country=best)

    def region_phrase(self, tokens: list[Token], pieces: list[Piece | None], piece: Piece) -> Resolved | None:
        """ "West Africa", "African leaders": a region, or people of a region, of no one country."""
        following = pieces[piece.end] if piece.end < len(tokens) else None
        agent = following.first({"agent"}) if following is not None and not following.entity else None
        if agent is not None:
            return Resolved("agent", piece.start, following.end, sector=agent.sector, role=agent.role,
                            plural=agent.plural)
        if tokens[piece.end - 1].pos != "PROPN":
            return None  # "African" before a noun that is no actor word
        return Resolved("place", piece.start, piece.end, name=self.span_text(tokens, piece.start, piece.end))

    def visit_host(self, tokens: list[Token], pieces: list[Piece | None]) -> str | None:
        """The country of "her visit to Peru": officials met on the visit are likely its own."""
        for position, token in enumerate(tokens[:-2]):
            if token.lemma.lower() in VISIT_NOUNS and token.pos == "NOUN" and tokens[position + 1].text.lower() == "to":
                piece = pieces[position + 2]
                entry = piece.first({"country"}) if piece and not piece.entity else None
                if entry:
                    return entry.country
        return None

    # -- recording -------------------------------------------------------------------------------

    def record(self, resolved: Resolved, tokens: list[Token], sentence: Sentence) -> Actor:
        if resolved.description:
            person = self.described_person(resolved)
            if person is not None:
                if person.country is None and resolved.country:
                    person.country = resolved.country
                    person.code = actor_code(person.country, person.sector)
                self.mention(person, tokens, resolved.start, resolved.end, sentence)
                return person
        if resolved.kind == "person" and resolved.name:
            existing = self.by_surname(resolved.name)
            if existing is not None:
                resolved.name = existing.name
                resolved.country = resolved.country or existing.country
        key = resolved.key()
        actor = self.by_key.get(key)
        if actor is None:
            actor = Actor(id=f"a{len(self.actors) + 1}", kind=resolved.kind, country=resolved.country,
                          sector=resolved.sector, name=resolved.name, role=resolved.role,
                          code=resolved.code or actor_code(resolved.country, resolved.sector),
                          members=list(resolved.members))
            self.actors.append(actor)
            self.by_key[key] = actor
        else:
            actor.role = actor.role or resolved.role
            if actor.country is None and resolved.country:
                actor.country = resolved.country
                actor.code = actor_code(actor.country, actor.sector or resolved.sector)
        if resolved.plural:
            self.plural.add(actor.id)
        if resolved.alias:
            self.aliases[resolved.alias] = actor
        self.mention(actor, tokens, resolved.start, resolved.end, sentence)
        return actor

    def mention(self, actor: Actor, tokens: list[Token], start: int, end: int, sentence: Sentence) -> None:
        head = span_head(tokens, start, end)
        start = self.phrase_start(tokens, start, head)
        self.covered.update(token.i for token in tokens[start:end])
        if head.pos != "PRON":
            end = self.phrase_end(tokens, start, end, head, self.human(actor), actor.kind != "country")
        first, last = tokens[start], tokens[end - 1]
        if last.text in POSSESSIVES and end - 1 > start:
            last = tokens[end - 2]
        text = self.article.text[first.start:last.end]
        actor.mentions.append(Mention(text, first.start, last.end, sentence.index, head.i, actor.id))
        subject = head.dep in ("nsubj", "nsubjpass")
        self.recent.append((sentence.index, actor, subject, head.i))

    def phrase_start(self, tokens: list[Token], start: int, head: Token) -> int:
        """Where the noun phrase of a mention begins: the determiners, possessives, numbers and modifiers on
        the left of its head belong to it, up to another mention ("his counterpart")."""
        modifiers: set[int] = set()
        stack = [head.i]
        while stack:
            for child in self.children.get(stack.pop(), ()):
                if child.i < head.i and child.i not in modifiers and child.dep in PHRASE_MODIFIER_DEPS \
                        and not (child.dep == "advmod" and child.head == head.i) \
                        and (child.dep != "npadvmod" or self.hyphenated(child)) \
                        and (child.dep != "punct" or child.text in HYPHENS):
                    modifiers.add(child.i)
                    stack.append(child.i)
        extended = start
        while extended > 0 and tokens[extended - 1].i in modifiers \
                and (tokens[extended - 1].i not in self.covered or tokens[extended].text in HYPHENS):
            extended -= 1
        # a modifier whose own head lies before the phrase ("Trump 's") means the parse is not a phrase here
        first = tokens[extended].i
        while extended < start and tokens[extended].head < first:
            extended += 1
            first = tokens[extended].i
        return extended

    def hyphenated(self, token: Token) -> bool:
        """ "US-backed", "rebel-held": the first part of a hyphenated modifier."""
        position = self.positions.get(token.i)
        return position is not None and position + 1 < len(self.sentence_tokens) \
            and self.sentence_tokens[position + 1].text in HYPHENS

    def host_noun_end(self, tokens: list[Token], start: int, end: int) -> int:
        """The noun a mention modifies heads the phrase that names the actor's part, act or thing: "the
        OPCW visit", "Israeli military jets", "NATO's decision", "an Afghan army base"."""
        head = span_head(tokens, start, end)
        while head.dep in HOST_DEPS and head.head > head.i and head.pos != "PRON":
            position = self.positions.get(head.head)
            between = tokens[end:position] if position is not None else []
            if position is None or tokens[position].pos not in ("NOUN", "PROPN") or tokens[position].i in self.covered \
                    or any(token.dep in ("cc", "conj") for token in between) \
                    or not all(self.descends(token, head.head) for token in between):
                break  # "Vietnamese and Peruvian officials": each demonym keeps its own actor
            head, end = tokens[position], position + 1
        return end

    def descends(self, token: Token, ancestor: int) -> bool:
        for _ in range(MAX_PHRASE_DEPTH):
            if token.head == ancestor:
                return True
            position = self.positions.get(token.head)
            if position is None or token.head == token.i:
                return False
            token = self.sentence_tokens[position]
        return False

    def phrase_end(self, tokens: list[Token], start: int, end: int, head: Token, human: bool, bracketed: bool) -> int:
        """Where the noun phrase of a mention ends: of-, in-, from-phrases, appositions and participles
        after its head belong to it ("the police in the Gaza Strip", "Vladimir Putin, the Russian
        president", "missiles fired by the army"); relative clauses, conjuncts and dates do not. A
        comma apposition only describes a person: after anything else it is usually a list. A short
        name in brackets is another name of the actor ("(NAF)"), unless the actor is a country ("Hanoi
        (VNA)" is a dateline and its news agency)."""
        pending = end  # the phrase may go on from here once a complement follows
        bracket = False
        for child in self.children.get(head.i, ()):
            if child.i < head.i:
                continue
            first, last = self.subtree_bounds(child)
            if last < end:
                continue
            if first > pending:
                break  # something outside the phrase intervenes
            aside = bracket or tokens[first].text == "("
            if aside and not (bracketed and self.bracketed_name(tokens, first, last)):
                break
            if child.dep == "punct" and child.text in (",", "(", "-", "–"):
                bracket = bracket or child.text == "("
                pending = last + 1
            elif child.dep == "punct" and child.text == ")" and bracket:
                end = pending = last + 1
                bracket = False
            elif self.continues_phrase(child, head, aside or human and self.describes(head, child)):
                end = pending = last + 1
            else:
                break
        return closing_bracket(tokens, start, end)

    @staticmethod
    def bracketed_name(tokens: list[Token], first: int, last: int) -> bool:
        """ "(NAF)", "(PML-Q)", "(D-Mich.)": a short name, not an aside ("(Photo: thoidai.com.vn)")."""
        words = [token.text for token in tokens[first:last + 1] if token.text not in "()-–"]
        return 0 < len(words) <= BRACKETED_NAME_WORDS and all(word[:1].isupper() for word in words)

    def describes(self, head: Token, apposition: Token) -> bool:
        """After a name, an apposition that describes the person starts with a determiner ("Vladimir
        Putin, the Russian president"); a bare title there starts the next item of a list ("Walter
        Hernandez, Deputy Minister of Trade Ana Gervasi")."""
        if head.pos != "PROPN":
            return True
        return any(child.dep in ("det", "poss") and child.i < apposition.i for child in self.children.get(apposition.i, ()))

    def continues_phrase(self, child: Token, head: Token, apposition: bool) -> bool:
        if child.dep == "prep":
            objects = self.children.get(child.i, ())
            # after a name, "in Washington" is where something happened, "of Turkey" whose the person is
            allowed = ("of",) if head.pos == "PROPN" else PHRASE_PREPOSITIONS
            return child.lemma.lower() in allowed and bool(objects) and not any(map(self.is_time, objects))
        if child.dep == "acl":  # "missiles fired by the army", not "the decision to leave"
            return child.tag == "VBN" and any(grandchild.dep == "agent" for grandchild in self.children.get(child.i, ()))
        if child.dep == "appos":
            return apposition
        return child.dep == "amod"

    @staticmethod
    def is_time(token: Token) -> bool:
        return token.ent_type in ("DATE", "TIME")

    def human(self, actor: Actor) -> bool:
        """A person, or people described by a title: appositions name or describe them."""
        if actor.kind == "person":
            return True
        return actor.kind == "agent" and actor.role is not None and any(
            entry.kind == "agent" and entry.person for entry in self.table.lookup(actor.role))

    def time_phrase(self, token: Token) -> bool:
        """ "in late February", "last month": when, not who."""
        if token.dep == "npadvmod":
            return self.is_time(token)
        return token.dep == "prep" and any(map(self.is_time, self.children.get(token.i, ())))

    def subtree_bounds(self, token: Token) -> tuple[int, int]:
        """First and last sentence positions of ``token``'s subtree, leaving out conjuncts and clauses
        that hang from inside it ("in the Gaza Strip and Nigeria", "in Kabul, which ...")."""
        positions = [self.positions[token.i]]
        stack = [token]
        while stack:
            for child in self.children.get(stack.pop().i, ()):
                if child.i in self.positions and child.dep not in CLAUSE_DEPS and not self.time_phrase(child):
                    positions.append(self.positions[child.i])
                    stack.append(child)
        first, last = min(positions), max(positions)
        while last > first and self.sentence_tokens[last].dep in ("punct", "cc") \
                and self.sentence_tokens[last].text not in (")", "]"):
            last -= 1
        return first, last

    def place_visiting_diplomats(self) -> None:
        """A diplomat of unknown country on a visit to X, in an article about X and one other country Y,
        represents Y ("During her visit to Peru, Ambassador Hoa met ..." in a Vietnam-Peru report)."""
        salient = self.salient_countries()
        if len(salient) != 2:
            return
        for actor in self.actors:
            if actor.kind != "person" or actor.country or actor.role not in DIPLOMATIC_ROLES:
                continue
            visited = {self.visits[m.sentence] for m in actor.mentions if m.sentence in self.visits}
            if len(visited) == 1 and (host := visited.pop()) in salient:
                actor.country = next(code for code in salient if code != host)
                actor.code = actor_code(actor.country, actor.sector)

    def salient_countries(self) -> list[str]:
        """The two countries the article is about: most mentioned, each clearly more than any third."""
        counts: dict[str, int] = {}
        for actor in self.actors:
            if actor.kind in ("country", "agent") and actor.country in self.table.countries:
                counts[actor.country] = counts.get(actor.country, 0) + len(actor.mentions)
        ranked = sorted(counts, key=lambda code: -counts[code])
        if len(ranked) > 2 and counts[ranked[2]] * 2 > counts[ranked[1]]:
            return []
        return ranked[:2]

    # -- coreference -----------------------------------------------------------------------------

    def described_person(self, description: Resolved) -> Actor | None:
        """The most recently mentioned person a definite description fits ("the Vietnamese diplomat")."""
        for _, actor, _, _ in reversed(self.recent):
            if actor.kind == "person" and fits_description(actor, description):
                return actor
        return None

    def refer(self, position: int, tokens: list[Token], sentence: Sentence) -> None:
        token = tokens[position]
        lower = token.text.lower()
        if lower in SINGULAR_PRONOUNS or lower in PLURAL_PRONOUNS:
            actor = self.antecedent(sentence.index, token.i, plural=lower in PLURAL_PRONOUNS)
            if actor is not None:
                self.mention(actor, tokens, position, position + 1, sentence)
        elif lower in PAIR_WORDS and position + 1 < len(tokens) and tokens[position + 1].text.lower() in PAIR_NOUNS:
            group = self.pair_group()
            if group is not None:
                start = position - 1 if position and tokens[position - 1].text.lower() == "the" else position
                self.mention(group, tokens, start, position + 2, sentence)
        elif lower == "host" and position and tokens[position - 1].text.lower() == "the":
            actor = self.antecedent(sentence.index, token.i, plural=False)
            if actor is not None:
                self.mention(actor, tokens, position - 1, position + 1, sentence)

    def antecedent(self, sentence_index: int, before: int, plural: bool) -> Actor | None:
        """Most salient compatible actor mentioned before token ``before``: recent subjects first."""
        candidates = [(index, actor, subject) for index, actor, subject, head in self.recent
                      if sentence_index - index <= PRONOUN_WINDOW and head < before
                      and self.compatible(actor, plural)]
        if not candidates:
            return None
        subjects = [entry for entry in candidates if entry[2]]
        return (subjects or candidates)[-1][1]

    def compatible(self, actor: Actor, plural: bool) -> bool:
        if plural:
            return actor.kind == "group" or actor.id in self.plural
        return actor.kind == "person"

    def pair_group(self) -> Actor | None:
        counts: dict[str, int] = {}
        for actor in self.actors:
            if actor.kind == "country" or actor.kind == "agent" and actor.country:
                counts[actor.country] = counts.get(actor.country, 0) + len(actor.mentions)
        ranked = sorted(counts, key=lambda code: -counts[code])[:2]
        if len(ranked) < 2:
            return None
        members = [self.country_actor(code).id for code in ranked]
        group = self.by_key.get(("group",))
        if group is None:
            group = Actor(id=f"a{len(self.actors) + 1}", kind="group", members=members)
            self.actors.append(group)
            self.by_key[("group",)] = group
            self.plural.add(group.id)
        return group

    def country_actor(self, code: str) -> Actor:
        actor = self.by_key.get(("country", code, None))
        if actor is None:
            entry = self.table.countries.get(code)
            actor = Actor(id=f"a{len(self.actors) + 1}", kind="country", code=code, country=code,
                          name=entry.name if entry else None)
            self.actors.append(actor)
            self.by_key[("country", code, None)] = actor
        return actor

    def by_surname(self, text: str) -> Actor | None:
        """A person already in the article whose name contains ``text`` ("Hoa", "Pham Thi Kim Hoa")."""
        words = text.split()
        for actor in reversed(self.actors):
            if actor.kind != "person" or not actor.name:
                continue
            names = actor.name.split()
            if text == actor.name or len(words) == 1 and words[0] in names:
                return actor
        return None

    def span_text(self, tokens: list[Token], start: int, end: int) -> str:
        return self.article.text[tokens[start].start:tokens[end - 1].end]


def known_actor(entries: list[Entry], start: int, end: int, day: date | None) -> Resolved:
    """A table entry as of the article date; a person whose every term ended before it is a former
    office holder (PLOVER ELI)."""
    entry = at_date(entries, day)
    sector = entry.sector
    if entry.kind == "person" and day is not None and entry.valid_to and entry.valid_to < day.isoformat() \
            and not any(other.valid_on(day) for other in entries if other.valid_from or other.valid_to):
        sector = FORMER_SECTOR
    return Resolved(entry.kind, start, end, country=entry.country, sector=sector, name=entry.name,
                    role=entry.role, code=entry.code if sector == entry.sector else actor_code(entry.country, sector))


def fits_description(person: Actor, description: Resolved) -> bool:
    if description.country and person.country and description.country != person.country:
        return False
    role, wanted = person.role or "", description.role or ""
    if role and (role == wanted or role.endswith(" " + wanted)):
        return True  # "the minister" for a foreign minister
    if wanted in DIPLOMATIC_DESCRIPTIONS:
        return role in DIPLOMATIC_ROLES
    return wanted in GENERIC_DESCRIPTIONS and person.sector == description.sector


def name_spans(sentence: Sentence, tokens: list[Token]) -> list[tuple[int, int, str]]:
    """Person and organisation entities as (start, end, label) positions in ``tokens``. Person names
    spaCy cut in two ("Jam Kamal" + "Khan Alyani") are joined back into one."""
    offset = {token.i: index for index, token in enumerate(tokens)}
    spans: list[tuple[int, int, str]] = []
    for entity in sentence.entities:
        if entity.label not in ("PERSON", "ORG") or entity.token_start not in offset:
            continue
        start = offset[entity.token_start]
        end = offset.get(entity.token_end - 1, start) + 1
        if spans and entity.label == "PERSON" and spans[-1][2] == "PERSON" and spans[-1][1] == start:
            start = spans.pop()[0]
        elif spans and entity.label == "ORG" and spans[-1][2] == "ORG" and name_goes_on(tokens, spans[-1][1], start):
            start = spans.pop()[0]  # "Zairian Association" + "for the Defence of Human Rights"
        spans.append((start, end, entity.label))
    return spans


def name_goes_on(tokens: list[Token], end: int, start: int) -> bool:
    """Only "for", "of" or "against" (and "the") lie between two organisation names: one name cut in two."""
    between = [token.text.lower() for token in tokens[end:start]]
    return bool(between) and between[0] in ("for", "of", "against") and set(between[1:]) <= {"the"}


def unknown_acronym(token: Token) -> bool:
    """Upper-case initials the tables do not know, in no other kind of name: an organisation's."""
    letters = token.text.replace(".", "")
    return token.pos in ("PROPN", "NOUN") and letters.isalpha() and letters.isupper() \
        and 2 <= len(letters) <= ACRONYM_MAX and letters not in NOT_ORGANISATION_INITIALS \
        and token.ent_type in ("", "ORG", "NORP")


def shouted(tokens: list[Token]) -> bool:
    """A headline or a line in capitals: there upper case says nothing about initials."""
    words = [token.text for token in tokens if token.text.isalpha()]
    return sum(word.isupper() for word in words) * 2 > len(words)


def closing_bracket(tokens: list[Token], start: int, end: int) -> int:
    """ "(PETA)": a bracket opened inside a mention closes inside it."""
    if end < len(tokens) and tokens[end].text == ")":
        depth = sum((token.text == "(") - (token.text == ")") for token in tokens[start:end])
        if depth > 0:
            return end + 1
    return end


def actor_code(country: str | None, sector: str | None) -> str | None:
    if country is None:
        return None
    return country + (sector or "")


def span_head(tokens: list[Token], start: int, end: int) -> Token:
    """The token of the span whose syntactic head lies outside it (the last one if several). Items a
    misparse hangs outside as appositions or conjuncts ("representatives of the Ministries of ...;
    Education; and Transport") do not count when another candidate is left."""
    inside = {token.i for token in tokens[start:end]}
    heads = [token for token in tokens[start:end] if token.head not in inside or token.head == token.i]
    heads = [token for token in heads if token.dep not in ("punct", "case", "prep", "cc")] or heads
    heads = [token for token in heads if token.dep not in ("appos", "conj")] or heads
    return heads[-1] if heads else tokens[end - 1]


def resolve_text(text: str, date: date | None = None, context: str | None = None) -> dict:
    """The actor one short phrase names ("Peruvian officials", "President X"), as a JSON-ready dict."""
    from .nlp import parse_text

    article = parse_text(text)
    article.date = date
    ActorResolver()(article)
    best = None
    for actor in article.actors:
        for mention in actor.mentions:
            if best is None or mention.end - mention.start > best[1].end - best[1].start:
                best = (actor, mention)
    if best is None:
        # a pronoun with nothing before it to refer to is an unidentified actor (PLOVER UNK)
        unidentified = text.strip().lower() in SINGULAR_PRONOUNS | PLURAL_PRONOUNS
        result = {"kind": None, "country": None, "sector": UNIDENTIFIED_SECTOR if unidentified else None,
                  "code": None, "name": None, "role": None}
    else:
        actor, mention = best
        result = {"kind": actor.kind, "country": actor.country or inner_country(article, mention),
                  "sector": actor.sector, "code": actor.code, "name": actor.name, "role": actor.role}
        result["code"] = result["code"] or actor_code(result["country"], result["sector"])
    if result["country"] is None and context:
        result["country"] = context_country(context, date)
        result["code"] = actor_code(result["country"], result["sector"])
    return result


def inner_country(article: Article, outer: Mention) -> str | None:
    """The country of an actor named inside a mention: "a professor at the University of St Andrews in
    Scotland" works in the country of the university."""
    for actor in article.actors:
        if actor.country and any(outer.start <= inner.start and inner.end <= outer.end and inner is not outer
                                 for inner in actor.mentions):
            return actor.country
    return None


def context_country(context: str, date: date | None = None) -> str | None:
    """The country a context sentence is most about: its actors' countries by mentions, else any
    country word in it ("Colombian defense")."""
    from .nlp import parse_text

    article = parse_text(context)
    article.date = date
    ActorResolver()(article)
    counts: dict[str, int] = {}
    for actor in article.actors:
        if actor.country:
            counts[actor.country] = counts.get(actor.country, 0) + len(actor.mentions)
    if not counts:
        table = gazetteer()
        for token in article.tokens():
            entry = next((entry for entry in table.lookup(token.text) if entry.kind in COUNTRY_KINDS), None)
            if entry is not None:
                counts[entry.country] = counts.get(entry.country, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None
