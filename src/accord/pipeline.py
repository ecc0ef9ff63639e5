"""The coder: ingest -> nlp -> actors -> events -> time -> facts, for one text or a stream."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from .actors import ActorResolver
from .events import EventCoder
from .facts import FactExtractor
from .ingest import article_from_record, article_from_text
from .lexicon import default_lexicon, load_lexicon
from .nlp import MODEL, Parser
from .prefilter import SentenceFilter
from .records import Article, Rejection
from .time import TimeResolver


class RejectedInput(ValueError):
    """The text cannot be coded (empty, not English, too large...); the message says why."""


class Coder:
    """Turns news text into an Article with its actors, events, dates and facts.

    ``coder(text, date=...)`` codes one text; ``coder.pipe(records)`` streams many (dicts with
    ``text`` and optional ``id``, ``title``, ``date``, ``source``, ``url``; plain strings; or
    Articles from :mod:`accord.ingest`) and yields an Article or a Rejection for each, in order.
    ``prefilter=False`` parses every sentence instead of only those that may hold an event or fact.
    """

    def __init__(self, model: str = MODEL, lexicon: Iterable[str | Path] = (), batch_size: int = 32,
                 prefilter: bool = True):
        self.parser = Parser(model, batch_size=batch_size)
        extra = list(lexicon)
        events = EventCoder(load_lexicon(extra) if extra else default_lexicon())
        actors = ActorResolver()
        self.stages = [actors, events, TimeResolver(), FactExtractor()]
        # Sentences that can hold no event and no fact skip the parser (see accord.prefilter);
        # ``self.parser`` itself still parses everything it is given (`accord explain`).
        self.prefilter = SentenceFilter(self.parser.nlp, events.lexicon, actors.table) if prefilter else None

    def analyse(self, article: Article) -> Article:
        """Run every stage after nlp on a parsed article."""
        for stage in self.stages:
            article = stage(article)
        return article

    def __call__(self, text: str, date: date | None = None, title: str | None = None) -> Article:
        article = article_from_text(text, title=title, date=date)
        if isinstance(article, Rejection):
            raise RejectedInput(article.reason)
        return self.analyse(self.parser(article, self.prefilter))

    def pipe(self, records: Iterable[dict | str | Article | Rejection], default_date: date | None = None
             ) -> Iterator[Article | Rejection]:
        pending: deque[Article | Rejection] = deque()

        def articles() -> Iterator[Article]:
            for number, record in enumerate(records, start=1):
                item = as_article(record, f"record {number}", default_date)
                pending.append(item)
                if isinstance(item, Article):
                    yield item

        for parsed in self.parser.pipe(articles(), self.prefilter):
            while pending[0] is not parsed:
                yield pending.popleft()
            pending.popleft()
            yield self.analyse_or_reject(parsed)
        yield from pending

    def analyse_or_reject(self, article: Article) -> Article | Rejection:
        """A text that trips a stage is recorded with the reason and the batch goes on."""
        try:
            return self.analyse(article)
        except Exception as error:  # noqa: BLE001 - one bad article must not stop a corpus
            where = error.__traceback__
            while where.tb_next is not None:
                where = where.tb_next
            place = f"{where.tb_frame.f_code.co_filename.rsplit('/', 1)[-1]}:{where.tb_lineno}"
            return Rejection(article.origin or article.id, f"coding failed ({type(error).__name__} at {place}: {error})")


def as_article(record: dict | str | Article | Rejection, origin: str, default_date: date | None
               ) -> Article | Rejection:
    """Rejections pass through so that a stream keeps one output per input."""
    if isinstance(record, (Article, Rejection)):
        return record
    if isinstance(record, str):
        return article_from_text(record, origin=origin, default_date=default_date)
    if isinstance(record, dict):
        # A record's own id is the best name for it in a rejection message.
        return article_from_record(record, str(record.get("id") or origin), default_date=default_date)
    return Rejection(origin, f"not a text record ({type(record).__name__})")


def load(model: str = MODEL, lexicon: Iterable[str | Path] = (), prefilter: bool = True) -> Coder:
    """The ready coder: ``accord.load()("Peru hosted Vietnam's ambassador.", date=...)``."""
    return Coder(model, lexicon, prefilter=prefilter)
