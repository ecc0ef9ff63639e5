"""The stable JSON shape of coded articles, shared by `accord code`, the store and the exports.

The event object is a superset of the dev-set format in shared/eval/FORMAT.md, so predictions
can be scored as they come out. Documented in the README ("Output schema"); keep them in step.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict

from .events import role_spans
from .records import Actor, Article, Event, Fact, Participant, TimeValue

SCHEMA = "accord.article/1"


def pentaclass(cameo_root: str) -> int:
    """0 statement (01-02), 1 verbal coop (03-05), 2 material coop (06-08),
    3 verbal conflict (09-13, 16), 4 material conflict (14, 15, 17-20)."""
    root = int(cameo_root)
    if root <= 2:
        return 0
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13 or root == 16:
        return 3
    return 4


def event_id(article: Article, event: Event) -> str:
    """Stable across re-runs: the same article, sentence, trigger, code and actors give the same id."""
    key = "|".join(
        str(part)
        for part in (
            article.id,
            event.evidence.trigger_start,
            event.cameo,
            event.source.actor if event.source else "",
            event.target.actor if event.target else "",
        )
    )
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def participant_json(article: Article, participant: Participant | None) -> dict | None:
    if participant is None:
        return None
    actor = article.actor(participant.actor)
    return {
        "text": participant.text,
        "code": actor.code,
        "country": actor.country,
        "sector": actor.sector,
        "name": actor.name,
        "start": participant.start,
        "end": participant.end,
    }


def time_json(value: TimeValue | None) -> dict | None:
    return asdict(value) if value is not None else None


def event_json(article: Article, event: Event) -> dict:
    return {
        "id": event_id(article, event),
        "source": participant_json(article, event.source),
        "target": participant_json(article, event.target),
        "cameo": event.cameo,
        "cameo_root": event.cameo_root,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "pentaclass": pentaclass(event.cameo_root),
        "plover": event.plover,
        "mode": event.mode,
        "context": event.context,
        "date": time_json(event.date),
        "place": event.place,
        "evidence": {
            "sentence": event.evidence.text,
            "sentence_index": event.evidence.sentence,
            "start": event.evidence.start,
            "end": event.evidence.end,
            "text": event.evidence.trigger,
            "trigger_start": event.evidence.trigger_start,
            "trigger_end": event.evidence.trigger_end,
        },
        "confidence": event.confidence,
        "rule": event.rule,
    }


def actor_json(actor: Actor) -> dict:
    return {
        "id": actor.id,
        "kind": actor.kind,
        "code": actor.code,
        "country": actor.country,
        "sector": actor.sector,
        "name": actor.name,
        "role": actor.role,
        "members": actor.members,
        "mentions": [
            {"text": m.text, "start": m.start, "end": m.end, "sentence": m.sentence}
            for m in actor.mentions
        ],
    }


def fact_json(article: Article, fact: Fact) -> dict:
    return {
        "measure": fact.measure,
        "value": fact.value,
        "unit": fact.unit,
        "subject": [article.actor(a).code for a in fact.subject],
        "subject_text": fact.subject_text,
        "period": time_json(fact.period),
        "qualifiers": fact.qualifiers,
        "evidence": {
            "sentence": fact.evidence.text,
            "sentence_index": fact.evidence.sentence,
            "start": fact.evidence.start,
            "end": fact.evidence.end,
            "text": fact.evidence.trigger,
        },
    }


def article_json(article: Article) -> dict:
    """What `accord code` writes for one input record."""
    return {
        "id": article.record_id or article.id,
        "article": article.id,
        "date": article.date.isoformat() if article.date else None,
        "title": article.title,
        "place": article.place,
        "source": article.source,
        "events": [event_json(article, e) for e in article.events],
        "no_event": not article.events,
        "spans": [asdict(span) for span in role_spans(article)],
        "actors": [actor_json(a) for a in article.actors],
        "facts": [fact_json(article, f) for f in article.facts],
    }
