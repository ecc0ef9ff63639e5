"""Exports: each format written from the stored test articles, then read back."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from test_store import CLASH_ID, VISIT_ID, store, visit_article  # noqa: F401 (store: the fixture)

from accord.export import GDELT_COLUMNS, export
from accord.output import event_json
from accord.store import EVENT_COLUMNS, Store


def exported(store: Store, fmt: str, **options) -> str:
    buffer = io.StringIO()
    export(store, fmt, buffer, **options)
    return buffer.getvalue()


def test_jsonl_is_the_json_of_accord_code_plus_the_article(store: Store):
    records = [json.loads(line) for line in exported(store, "jsonl").splitlines()]
    article = visit_article()
    assert [{k: v for k, v in r.items() if k != "article"} for r in records[:3]] == [
        event_json(article, event) for event in article.events
    ]
    assert records[0]["article"] == {
        "id": VISIT_ID,
        "record_id": "wire-0412",
        "date": "2022-06-02",
        "title": "Vietnam and Peru discuss rice and copper trade",
        "source": "Example News Agency",
        "url": "https://news.example.org/2022/06/vietnam-peru-trade",
    }
    assert records[3]["article"]["id"] == CLASH_ID


def test_export_applies_the_event_filters(store: Store, tmp_path: Path):
    path = tmp_path / "visits.jsonl"
    assert export(store, "jsonl", path, dyad="VNM>PER") == 1
    [line] = path.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["evidence"]["text"] == "arrived"


def test_csv_has_the_flat_event_columns(store: Store):
    rows = list(csv.DictReader(io.StringIO(exported(store, "csv"))))
    assert tuple(rows[0]) == EVENT_COLUMNS
    refusal = rows[1]
    assert (refusal["source_code"], refusal["target_code"], refusal["cameo"]) == ("PER", "VNMBUS", "124")
    assert refusal["context"] == "economic;natural_resource"
    assert (refusal["date_start"], refusal["date_end"]) == ("2022-01-01", "2022-12-31")
    assert rows[2]["target_code"] == "" and rows[2]["date_start"] == ""


def test_parquet_keeps_types(store: Store, tmp_path: Path):
    path = tmp_path / "events.parquet"
    assert export(store, "parquet", path, code="04") == 1
    [row] = pq.read_table(path).to_pylist()
    assert row["date_start"] == date(2022, 5, 31)
    assert row["context"] == ["economic"]
    assert (row["source_code"], row["target_code"], row["goldstein"]) == ("VNMGOV", "PERGOV", 1.9)


def test_parquet_directory_is_partitioned_by_publication_month(store: Store, tmp_path: Path):
    folder = tmp_path / "events"
    folder.mkdir()
    export(store, "parquet", folder)
    months = sorted(p.name for p in folder.iterdir())
    assert months == ["publication_month=2022-06", "publication_month=2023-03"]
    assert pq.read_table(folder).num_rows == 5


def test_parquet_refuses_a_text_stream(store: Store):
    with pytest.raises(ValueError, match="binary"):
        export(store, "parquet", io.StringIO())


def test_gdelt_rows_have_the_61_columns(store: Store):
    lines = exported(store, "gdelt").splitlines()
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True)) for line in lines]
    assert len(GDELT_COLUMNS) == 61 and len(rows) == 5
    visit = rows[0]
    assert (visit["Day"], visit["MonthYear"], visit["Year"], visit["FractionDate"]) == (
        "20220531", "202205", "2022", "2022.4959",
    )  # fmt: skip
    assert (visit["Actor1Code"], visit["Actor1CountryCode"], visit["Actor1Type1Code"]) == ("VNMGOV", "VNM", "GOV")
    assert (visit["Actor2Code"], visit["Actor2Name"]) == ("PERGOV", "the Peruvian government")
    assert (visit["EventCode"], visit["EventBaseCode"], visit["EventRootCode"]) == ("042", "042", "04")
    assert (visit["QuadClass"], visit["GoldsteinScale"], visit["IsRootEvent"]) == ("1", "1.9", "1")
    assert visit["ActionGeo_FullName"] == "Lima" and visit["AvgTone"] == ""
    assert visit["SOURCEURL"] == "https://news.example.org/2022/06/vietnam-peru-trade"
    assert len(visit["DATEADDED"]) == 14
    assert int(visit["GlobalEventID"]) == int(event_json(visit_article(), visit_article().events[0])["id"][:15], 16)
    statement = rows[2]
    assert statement["Day"] == "20220602" and statement["Actor2Code"] == ""  # no date: publication day
    concern = rows[4]
    # A PLOVER non-state code is no GDELT country; the outlet stands in for a missing URL.
    assert (concern["Actor1Code"], concern["Actor1CountryCode"]) == ("IGO", "")
    assert concern["SOURCEURL"] == "Example Wire"


def test_gdelt_header_on_request(store: Store):
    assert exported(store, "gdelt").splitlines()[0].split("\t")[0] != "GlobalEventID"
    first = exported(store, "gdelt", header=True).splitlines()[0]
    assert tuple(first.split("\t")) == GDELT_COLUMNS


def test_plover_lines(store: Store):
    records = [json.loads(line) for line in exported(store, "plover").splitlines()]
    # The two statements (CAMEO 01) have no PLOVER type.
    assert [r["event_type"] for r in records] == ["CONSULT", "REJECT", "ASSAULT"]
    visit = records[0]
    assert (visit["actor_country"], visit["actor_sector"]) == ("VNM", "GOV")
    assert (visit["recipient_country"], visit["recipient_sector"]) == ("PER", "GOV")
    assert (visit["mode"], visit["context"], visit["date"]) == ("visit", ["economic"], "2022-05-31")
    assert visit["story_id"] == VISIT_ID and visit["publication_date"] == "2022-06-02"
    assert visit["event_text"].startswith("Vietnam's trade minister arrived in Lima")
    assert records[2]["location"] == "Second Thomas Shoal"


def test_unknown_format(store: Store):
    with pytest.raises(ValueError, match="jsonl, csv, parquet, gdelt, plover"):
        exported(store, "xml")
