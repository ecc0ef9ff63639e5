"""Shared fixtures: parsed text with hand-placed actors, so event tests do not depend on the actors stage."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from accord.cli import app
from accord.nlp import parse_text
from accord.records import Actor, Article, Mention

SHARED = Path(__file__).resolve().parents[2] / "shared"


def mark_actors(text: str, actors: dict[str, tuple[str, str | None, str | None]], groups=None) -> Article:
    """Parse `text` and make every occurrence of each phrase a mention of an actor.

    `actors` maps phrase -> (code, country, sector); phrases with the same code are one actor.
    `groups` maps phrase -> list of member codes ("the two sides" -> ["VNM", "PER"]).
    """
    article = parse_text(text)
    by_code: dict[str, Actor] = {}

    def actor_for(code, country, sector, kind):
        if code not in by_code:
            by_code[code] = Actor(id=f"a{len(by_code) + 1}", kind=kind, code=code, country=country, sector=sector)
        return by_code[code]

    def mark(phrase, actor):
        start = text.find(phrase)
        while start >= 0:
            end = start + len(phrase)
            sentence = next(s for s in article.sentences if s.start <= start < s.end)
            inside = [t for t in sentence.tokens if start <= t.start < end]
            head = next(t for t in inside if not (start <= sentence.token(t.head).start < end) or t.head == t.i)
            actor.mentions.append(Mention(phrase, start, end, sentence.index, head.i, actor.id))
            start = text.find(phrase, end)

    for phrase, (code, country, sector) in actors.items():
        mark(phrase, actor_for(code, country, sector, "agent" if sector else "country"))
    for phrase, members in (groups or {}).items():
        group = actor_for("+".join(members), None, None, "group")
        group.members = [by_code[m].id for m in members]
        mark(phrase, group)
    article.actors = list(by_code.values())
    return article


@pytest.fixture
def marked():
    return mark_actors


@pytest.fixture(scope="session")
def seeds() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared/seeds is not beside the repo")
    return SHARED / "seeds"


@pytest.fixture(scope="session")
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def ingest_files(tmp_path_factory, runner):
    """`ingest_files({"name.txt": text or bytes})` ingests them into a new store: (db path, CLI result)."""

    def ingest(files: dict[str, str | bytes]):
        folder = tmp_path_factory.mktemp("corpus")
        for name, content in files.items():
            if isinstance(content, bytes):
                (folder / name).write_bytes(content)
            else:
                (folder / name).write_text(content, encoding="utf-8")
        db = tmp_path_factory.mktemp("store") / "test.duckdb"
        return db, runner.invoke(app, ["ingest", str(folder), "--db", str(db)])

    return ingest
