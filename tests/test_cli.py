"""The command line, end to end: ingest -> events/show/stats/export, code and explain."""

import json
from pathlib import Path

import pytest

from accord.cli import EXIT_REJECTED, app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
REPORT = (
    "Ghana and Nigeria agree to boost cross-border trade\n"
    "date 2024-02-15\n"
    "Accra (West Africa Wire) – Ghana's trade minister visited Nigeria on Tuesday and held talks with "
    "Nigerian officials on easing customs checks at the border.\n\n"
    "The Nigerian government praised Ghana for its support during the talks./.\n"
)


@pytest.fixture(scope="module")
def store(ingest_files):
    db, result = ingest_files({"ghana.txt": REPORT, "broken.txt": b"\x00\x01\x02binary\x00"})
    assert result.exit_code == EXIT_REJECTED, result.output
    assert "stored 1" in result.output and "rejected 1" in result.output
    return db


def test_reingest_stores_nothing_twice(runner, store, tmp_path):
    again = tmp_path / "copy.txt"
    again.write_text(REPORT.replace("  ", " "))
    result = runner.invoke(app, ["ingest", str(again), "--db", str(store)])
    assert result.exit_code == 0, result.output
    assert "stored 0, duplicates 1" in result.output


def test_events_filters_by_dyad_and_prints_jsonl(runner, store):
    result = runner.invoke(app, ["events", "--db", str(store), "--dyad", "GHA-NGA", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert rows and all({r["source_country"], r["target_country"]} == {"GHA", "NGA"} for r in rows)
    assert any(r["cameo"] == "042" for r in rows)
    assert all(r["evidence_sentence"] for r in rows)


def test_events_code_filter_and_table(runner, store):
    result = runner.invoke(app, ["events", "--db", str(store), "--code", "04"])
    assert result.exit_code == 0 and "042" in result.output
    result = runner.invoke(app, ["events", "--db", str(store), "--code", "19", "--format", "csv"])
    assert result.exit_code == 0 and result.output.strip() == ""


def test_show_highlights_the_evidence(runner, store):
    rows = runner.invoke(app, ["events", "--db", str(store), "--format", "jsonl"]).output.splitlines()
    article = json.loads(rows[0])["article"]
    result = runner.invoke(app, ["show", article[:8], "--db", str(store)])
    assert result.exit_code == 0, result.output
    assert "Ghana and Nigeria agree to boost cross-border trade" in result.output
    assert "042" in result.output


def test_stats_and_exports(runner, store, tmp_path):
    result = runner.invoke(app, ["stats", "--db", str(store)])
    assert result.exit_code == 0 and "events" in result.output
    for fmt in ("jsonl", "csv", "parquet", "gdelt", "plover"):
        out = tmp_path / f"events.{fmt}"
        result = runner.invoke(app, ["export", str(out), "--db", str(store), "--format", fmt])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0


def test_code_writes_one_line_per_record(runner):
    lines = "\n".join([
        json.dumps({"id": "a", "text": "Japan's foreign minister visited Indonesia on Tuesday.", "date": "2023-05-10"}),
        "{not json",
        json.dumps({"id": "c", "text": "The weather was mild in Lima."}),
    ])
    result = runner.invoke(app, ["code", "-"], input=lines)
    assert result.exit_code == EXIT_REJECTED
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", "line 2", "c"]
    assert out[0]["events"][0]["cameo"] == "042" and out[0]["events"][0]["date"]["start"] == "2023-05-09"
    assert "invalid JSON" in out[1]["error"]
    assert out[2]["events"] == [] and out[2]["no_event"] is True


def test_code_output_reads_as_dev_set_predictions_with_role_spans(runner):
    record = {"id": "s1", "text": "Ghana and Togo signed a border accord, and the Ghanaian minister said Togo must pay."}
    result = runner.invoke(app, ["code", "-"], input=json.dumps(record))
    [out] = [json.loads(line) for line in result.stdout.splitlines()]
    assert out["id"] == "s1" and out["no_event"] is False
    assert {"cameo_root", "plover", "pentaclass", "source", "target"} <= set(out["events"][0])
    spans = {(s["role"], record["text"][s["start"]:s["end"]]) for s in out["spans"]}
    assert ("reciprocal", "Ghana and Togo") in spans


def test_explain_shows_coded_and_uncoded_candidates(runner):
    result = runner.invoke(app, ["explain", "Peru's president praised the Vietnamese embassy after the meeting."])
    assert result.exit_code == 0, result.output
    assert "051" in result.output and "not coded" in result.output


def test_examples_ingest_cleanly(runner, tmp_path):
    result = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(tmp_path / "ex.duckdb")])
    assert result.exit_code == 0, result.output
    assert "rejected 0" in result.output
