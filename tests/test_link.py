"""Across reports: near-duplicate copies, stories and linked events."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

import accord
from accord.cli import app
from accord.link import (
    COPY_CONTAINMENT,
    Arrival,
    Document,
    Linker,
    Report,
    Signature,
    event_rows,
    link_key,
    shingles,
    stories_of_records,
)


@pytest.fixture(scope="module")
def coder():
    return accord.load()


SUMMIT = [
    "Japanese Prime Minister Fumio Kishida met Indonesian President Joko Widodo in Jakarta on Tuesday. "
    "The two leaders agreed to expand maritime security cooperation and signed a nickel investment deal.",
    "Kishida and Widodo held talks in Jakarta, agreeing to deepen maritime security ties. "
    "Japan and Indonesia also signed an agreement on nickel processing investment.",
    "In Jakarta, Widodo welcomed Kishida for talks on maritime security. "
    "The leaders witnessed the signing of a nickel investment agreement between Japan and Indonesia.",
]
TRADE = (
    "Brazil and Argentina agreed on Friday to cut tariffs on wheat and car parts, the trade ministers said in "
    "Buenos Aires after two days of negotiations over the Mercosur customs union."
)


def test_reports_of_one_summit_form_one_story_and_another_happening_its_own():
    documents = [{"id": f"summit-{i}", "text": text} for i, text in enumerate(SUMMIT)]
    stories = dict(stories_of_records(documents + [{"id": "trade", "text": TRADE}]))
    assert stories["summit-0"] == stories["summit-1"] == stories["summit-2"] == "summit-0"
    assert stories["trade"] == "trade"


def test_a_story_keeps_its_id_when_later_batches_join_it():
    linker = Linker()
    first = linker.place([Document(f"summit-{i}", text) for i, text in enumerate(SUMMIT[:2])] + [Document("trade", TRADE)])
    later = linker.place([Document("summit-late", SUMMIT[2])])
    assert {p.document: p.story for p in first}["summit-1"] == "summit-0"
    assert later[0].story == "summit-0"


def seed_texts(seeds) -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(seeds.glob("*.txt"))}


def near_copy(text: str) -> str:
    """A syndicated re-post: another headline, one paragraph dropped."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    return "\n".join(["Peru sees Vietnam as key partner, officials tell envoy"] + paragraphs[1:4] + paragraphs[5:])


def test_edited_copy_of_a_seed_is_a_near_duplicate(seeds):
    texts = seed_texts(seeds)
    original = next(name for name, text in texts.items() if "April 4-9" in text)
    documents = [Document(name, text) for name, text in texts.items()]
    placements = Linker().place(documents + [Document("copy", near_copy(texts[original]))])
    by_id = {p.document: p for p in placements}
    assert by_id["copy"].duplicate_of == original
    assert by_id["copy"].story == by_id[original].story
    assert all(by_id[name].duplicate_of is None for name in texts)


def test_copy_events_are_not_counted_twice_and_the_two_visits_stay_apart(seeds, coder):
    texts = seed_texts(seeds)
    earlier = next(name for name, text in texts.items() if "April 4-9" in text)
    later = next(name for name in texts if name != earlier)
    articles = [
        coder(texts[earlier]),  # carries its own date line
        coder(texts[later], date=date(2023, 4, 24)),
        coder(near_copy(texts[earlier])),  # lost the date line with the first paragraph
    ]
    linker = Linker()
    placements = linker.place(Document(a.id, a.text, a.title) for a in articles)
    assert placements[2].duplicate_of == articles[0].id
    links = [linker.link_events(Report.of(article)) for article in articles]
    original_links = {m.linked for m in links[0]}
    assert {m.linked for m in links[2]} <= original_links  # every event of the copy joined one of the original's
    assert not any(m.counted for m in links[2])
    visits = [
        {m.linked for m, row in zip(found, event_rows(article)) if row["cameo"] in ("042", "043")}
        for article, found in zip(articles[:2], links[:2])
    ]
    assert visits[0] and visits[1]
    assert not visits[0] & visits[1]  # April 2022 and April 2023 are two visits


def test_a_visit_and_its_hosting_file_under_one_key(coder):
    guest = coder("Vietnam's foreign minister visited Peru on Monday.", date=date(2024, 3, 5))
    host = coder("Peru hosted Vietnam's foreign minister on Monday.", date=date(2024, 3, 5))
    visit = next(row for row in event_rows(guest) if row["cameo"] == "042")
    hosting = next((row for row in event_rows(host) if row["cameo"] == "043"), None)
    if hosting is None:
        pytest.skip("the lexicon does not code 'hosted' as 043")
    assert link_key(visit) == link_key(hosting)
    linker = Linker()
    linker.place([Document(guest.id, guest.text), Document(host.id, host.text)])
    first, second = linker.link_events(Report.of(guest)), linker.link_events(Report.of(host))
    assert {m.linked for m in first} == {m.linked for m in second}


def test_the_signature_estimates_how_much_of_a_text_another_holds():
    text = " ".join([TRADE] + SUMMIT)
    whole, part = Signature.of(shingles(text)), Signature.of(shingles(" ".join(SUMMIT)))
    assert part.containment(whole) > COPY_CONTAINMENT
    assert Signature.of(shingles(TRADE)).containment(part) < 0.2
    assert set(whole.lsh_keys()) & set(part.lsh_keys())
    restored = Signature.from_bytes(whole.to_bytes(), whole.size)
    assert restored.containment(whole) == 1.0


def test_a_new_article_is_compared_with_the_stories_sharing_its_strong_terms():
    linker = Linker()
    linker.place([Document(f"summit-{i}", text) for i, text in enumerate(SUMMIT[:2])] + [Document("trade", TRADE)])
    admission = linker.admit([Arrival.of(Document("summit-late", SUMMIT[2]))])
    assert [story.id for story in linker.nearby(admission.vectors)] == ["summit-0"]


def test_stories_command_reads_jsonl_and_skips_bad_lines(tmp_path):
    path = tmp_path / "docs.jsonl"
    lines = [json.dumps({"id": f"s{i}", "text": t}) for i, t in enumerate(SUMMIT)] + ["{broken", json.dumps({"id": "x"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["stories", "--input", str(path)])
    assert result.exit_code == 0
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["s0", "s1", "s2"]
    assert {o["story"] for o in out} == {"s0"}
