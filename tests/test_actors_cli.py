"""`accord actors` and `accord resolve`: the actor stage from the command line."""

import json

import pytest

from accord.cli import EXIT_REJECTED, app

REPORT = (
    "Kenya and Tanzania sign border trade pact\n"
    "date 2023-03-09\n"
    "Kenyan President William Ruto met Tanzanian officials in Nairobi on Thursday to sign a pact on "
    "cross-border trade.\n\n"
    "Tanzanian officials praised Kenya for reopening the Namanga crossing.\n"
)


@pytest.fixture(scope="module")
def store(ingest_files):
    db, result = ingest_files({"kenya.txt": REPORT})
    assert result.exit_code == 0, result.output
    return db


def test_actors_lists_counts_as_jsonl(runner, store):
    result = runner.invoke(app, ["actors", "--db", str(store), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = {row["code"]: row for row in map(json.loads, result.output.splitlines())}
    assert rows["TZAGOV"]["mentions"] == 2 and rows["TZAGOV"]["articles"] == 1 and rows["TZAGOV"]["events"] >= 1
    assert rows["KENGOV"]["kind"] == "person" and rows["KENGOV"]["name"] == "William Ruto"


def test_actors_filters_by_kind_and_country(runner, store):
    result = runner.invoke(app, ["actors", "--db", str(store), "--kind", "agent", "--country", "tza",
                                 "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("kind,code,country") and len(lines) == 2 and ",TZAGOV,TZA," in lines[1]


def test_actors_table_and_missing_store(runner, store, tmp_path):
    result = runner.invoke(app, ["actors", "--db", str(store)])
    assert result.exit_code == 0 and "TZAGOV" in result.output
    assert runner.invoke(app, ["actors", "--db", str(tmp_path / "none.duckdb")]).exit_code == 1


def test_resolve_prints_one_actor_as_json(runner):
    result = runner.invoke(app, ["resolve", "the Ghanaian foreign minister"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"kind": "agent", "country": "GHA", "sector": "GOV", "code": "GHAGOV",
                                         "name": None, "role": "foreign minister"}


def test_resolve_takes_country_from_context(runner):
    result = runner.invoke(app, ["resolve", "the ambassador",
                                 "--context", "The Chilean embassy said the ambassador would attend the forum."])
    assert json.loads(result.output)["code"] == "CHLGOV"


def test_resolve_input_file_keeps_going_past_bad_lines(runner, tmp_path):
    lines = tmp_path / "phrases.jsonl"
    lines.write_text(
        '{"id": "p1", "text": "Brazilian soldiers"}\n'
        "{broken\n"
        '{"id": "p2", "text": "Pedro Castillo", "date": "2022-01-10"}\n'
        '{"id": "p3", "text": ""}\n'
    )
    result = runner.invoke(app, ["resolve", "--input", str(lines)])
    assert result.exit_code == EXIT_REJECTED
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["id"] for row in rows] == ["p1", "line 2", "p2", "p3"]
    assert rows[0]["code"] == "BRAMIL" and rows[2]["code"] == "PERGOV" and "error" in rows[1] and "error" in rows[3]


def test_resolve_needs_text_or_input(runner):
    assert runner.invoke(app, ["resolve"]).exit_code == 2
