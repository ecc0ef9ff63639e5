"""`accord explain`: the parse, the actors, each event and why, why other candidates were not coded,
and the actors of each sentence's main event in their roles (source, target, reciprocal)."""

from __future__ import annotations

from datetime import date

from rich.console import Group
from rich.table import Table

from .events import EventCoder, role_spans
from .output import event_json
from .pipeline import Coder
from .records import Article


def explain_text(text: str, day: date | None = None, coder: Coder | None = None) -> Group:
    coder = coder or Coder()
    # Bare text, not ingest: a one-line sentence must not be mistaken for a headline.
    article = coder.analyse(coder.parser(Article(id="explain", text=text, date=day)))
    event_coder = next(s for s in coder.stages if isinstance(s, EventCoder))
    return Group(parse_table(article), actors_table(article), decisions_table(article, event_coder), roles_table(article))


def parse_table(article: Article) -> Table:
    table = Table(title="parse", show_edge=False)
    for column in ("#", "word", "lemma", "pos", "dep", "head", "entity"):
        table.add_column(column)
    for token in article.tokens():
        if token.text.isspace():
            continue
        head = "ROOT" if token.head == token.i else f"{token.head} {article_token(article, token.head).text}"
        table.add_row(str(token.i), token.text, token.lemma, token.pos, token.dep, head, token.ent_type)
    return table


def article_token(article: Article, i: int):
    for sentence in article.sentences:
        if sentence.token_start <= i < sentence.token_start + len(sentence.tokens):
            return sentence.token(i)
    raise IndexError(i)


def actors_table(article: Article) -> Table:
    table = Table(title="actors", show_edge=False)
    for column in ("id", "kind", "code", "country", "sector", "name", "role", "mentions"):
        table.add_column(column)
    for actor in article.actors:
        table.add_row(
            actor.id, actor.kind, actor.code or "", actor.country or "", actor.sector or "",
            actor.name or "", actor.role or "", " | ".join(m.text for m in actor.mentions),
        )
    return table


def decisions_table(article: Article, event_coder: EventCoder) -> Table:
    dated = {(e.evidence.trigger_start, e.cameo): e.date for e in article.events}
    table = Table(title="candidate event words", show_edge=False, show_lines=True)
    for column in ("word", "outcome", "source → target", "date", "why"):
        table.add_column(column, overflow="fold")
    for decision in event_coder.decide(article):
        word = decision.trigger.text
        if not decision.events:
            entry = decision.entry.label if decision.entry else ""
            table.add_row(word, "[dim]not coded[/]", "", "", f"{decision.reason} {entry}".strip())
            continue
        for event in decision.events:
            shown = event_json(article, event)
            when = dated.get((event.evidence.trigger_start, event.cameo))
            table.add_row(
                shown["evidence"]["text"],
                f"[bold]{event.cameo}[/] {event_coder.codes[event.cameo].name}\n"
                f"{event.plover or ''} {event.mode or ''} · goldstein {event.goldstein} · quad {event.quad_class}",
                f"{describe(shown['source'])} → {describe(shown['target'])}",
                f"{when.start}..{when.end} {when.granularity}{' (inferred)' if when.inferred else ''}"
                if when and when.start else "",
                f"{event.rule} (confidence {event.confidence})",
            )
    return table


def describe(side: dict | None) -> str:
    if side is None:
        return "—"
    return f"{side['code'] or '?'} ({side['text']})"


def roles_table(article: Article) -> Table:
    table = Table(title="main event actors by role", show_edge=False)
    for column in ("role", "span", "offsets"):
        table.add_column(column)
    for span in role_spans(article):
        table.add_row(span.role, span.text, f"{span.start}-{span.end}")
    return table
