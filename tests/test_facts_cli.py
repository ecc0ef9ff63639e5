"""`accord facts` and `accord export --what facts`: three reports of one year's Chile-Japan trade,
two that agree (12.4 and, rounded, 12 billion USD) and one that does not (10.9 billion USD)."""

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

from accord.cli import app

REPORTS = {
    "andes.txt": (
        "Chile and Japan pledge to deepen economic partnership\n"
        "date 2023-02-10\n"
        "Santiago (Andes Wire) – Chile's foreign minister met Japan's ambassador in Santiago on Thursday "
        "to discuss the economic partnership between the two countries.\n\n"
        "Two-way trade between Chile and Japan reached 12.4 billion USD in 2022, according to Chilean "
        "customs data.\n"
    ),
    "pacific.txt": (
        "Japanese business delegation visits Chile\n"
        "date 2023-03-05\n"
        "Tokyo (Pacific Economic Daily) – A delegation of Japanese business leaders arrived in Santiago "
        "on Monday for talks on copper and salmon supplies.\n\n"
        "Trade between Chile and Japan hit 12 billion USD last year, the Japanese embassy said.\n"
    ),
    "cone.txt": (
        "Chile seeks more Japanese investment in lithium\n"
        "date 2023-04-20\n"
        "Santiago (Southern Cone Report) – Chile's economy minister urged Japanese companies to invest "
        "in the country's lithium industry during a forum in Tokyo on Tuesday.\n\n"
        "Bilateral trade between Chile and Japan totalled 10.9 billion USD in 2022, the minister said.\n"
    ),
}


@pytest.fixture(scope="module")
def db(ingest_files):
    path, result = ingest_files(REPORTS)
    assert result.exit_code == 0, result.output
    return str(path)


def run(runner, *args) -> str:
    result = runner.invoke(app, [*args], env={"COLUMNS": "200"})  # tables unwrapped
    assert result.exit_code == 0, result.output
    return result.output


def test_facts_count_the_reports_that_agree(runner, db):
    rows = [json.loads(line) for line in run(runner, "facts", "--db", db, "--format", "jsonl").splitlines()]
    by_source = {r["article_source"]: r for r in rows}
    assert {(r["measure"], r["unit"], tuple(sorted(r["subject"]))) for r in rows} == {("trade_volume", "USD", ("CHL", "JPN"))}
    assert by_source["Andes Wire"]["value"] == 12.4e9
    assert by_source["Pacific Economic Daily"]["period_start"] == "2022-01-01"  # "last year", told in 2023
    assert {s: (r["reports"], r["disputed_by"]) for s, r in by_source.items()} == {
        "Andes Wire": (2, 1),
        "Pacific Economic Daily": (2, 1),
        "Southern Cone Report": (1, 2),
    }


def test_facts_table_shows_reports(runner, db):
    output = run(runner, "facts", "--db", db, "--dyad", "JPN-CHL", "--measure", "trade")
    assert "reports: 2" in output and "disputed by 1" in output and "12.4 billion USD" in output


def test_article_filter_keeps_counts_over_every_report(runner, db):
    output = run(runner, "facts", "--db", db, "--format", "jsonl", "--article", article_of(runner, db, "Southern Cone Report"))
    [row] = [json.loads(line) for line in output.splitlines()]
    assert (row["value"], row["reports"], row["disputed_by"]) == (10.9e9, 1, 2)


def article_of(runner, db, source: str) -> str:
    rows = [json.loads(line) for line in run(runner, "facts", "--db", db, "--format", "jsonl").splitlines()]
    return next(r["article"] for r in rows if r["article_source"] == source)[:8]


def test_conflicts_side_by_side_with_their_sources(runner, db):
    [conflict] = [json.loads(line) for line in run(runner, "facts", "--db", db, "--conflicts", "--format", "jsonl").splitlines()]
    assert (conflict["measure"], conflict["subject"], conflict["period"]["start"]) == ("trade_volume", ["CHL", "JPN"], "2022-01-01")
    agreeing, disagreeing = conflict["readings"]
    assert (agreeing["value"], agreeing["reports"]) == (12.4e9, 2)
    assert {s["source"] for s in agreeing["sources"]} == {"Andes Wire", "Pacific Economic Daily"}
    [source] = disagreeing["sources"]
    assert (source["title"], source["date"], source["trigger"]) == (
        "Chile seeks more Japanese investment in lithium", "2023-04-20", "10.9 billion USD"
    )
    assert source["evidence"].startswith("Bilateral trade between Chile and Japan totalled")

    table = run(runner, "facts", "--db", db, "--conflicts")
    assert "trade_volume · CHL-JPN · 2022" in table and "Southern Cone Report" in table
    rows = list(csv.DictReader(io.StringIO(run(runner, "facts", "--db", db, "--conflicts", "--format", "csv"))))
    assert [(r["reading"], r["source"]) for r in rows][-1] == ("2", "Southern Cone Report")


def test_no_conflict_among_agreeing_reports(runner, db):
    assert "no conflicting figures" in run(runner, "facts", "--db", db, "--conflicts", "--dyad", "CHL-KOR")


def test_bad_dyad_is_a_usage_error(runner, db):
    result = runner.invoke(app, ["facts", "--db", db, "--dyad", "CHL"])
    assert result.exit_code == 2 and "A-B" in result.output


def test_export_facts_as_jsonl_csv_and_parquet(runner, db, tmp_path):
    lines = run(runner, "export", "-", "--db", db, "--what", "facts").splitlines()
    records = [json.loads(line) for line in lines if line.startswith("{")]
    assert len(records) == 3
    assert records[0]["evidence"]["text"] == "12.4 billion USD"
    assert records[0]["period"]["granularity"] == "year" and records[0]["article"]["source"] == "Andes Wire"

    run(runner, "export", str(tmp_path / "facts.csv"), "--db", db, "--what", "facts", "--format", "csv")
    rows = list(csv.DictReader((tmp_path / "facts.csv").open(encoding="utf-8")))
    assert [r["subject"] for r in rows] == ["CHL;JPN"] * 3
    run(runner, "export", str(tmp_path / "facts.parquet"), "--db", db, "--what", "facts", "--format", "parquet")
    table = pq.read_table(tmp_path / "facts.parquet")
    assert table.num_rows == 3 and str(table.schema.field("period_start").type) == "date32[day]"

    result = runner.invoke(app, ["export", "-", "--db", db, "--what", "facts", "--format", "gdelt"])
    assert result.exit_code == 2 and "jsonl, csv, parquet" in result.output
