"""Exports of stored events: jsonl, csv, parquet, the GDELT 2.0 event table and PLOVER JSON lines;
of stored facts: jsonl, csv and parquet.

Every format reads the same rows (:meth:`accord.store.Store.events_table`, so the same filters;
facts: :meth:`accord.store.Store.facts_table`), and every writer takes an Arrow table of those
rows and a target.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, TextIO

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .store import Store, nest_event, nest_fact

Target = Path | str | IO  # text stream; parquet: a binary one

# The published layout of the GDELT 2.0 Events table, in file order.
GDELT_COLUMNS = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(
        f"{actor}{field}"
        for actor in ("Actor1", "Actor2")
        for field in (
            "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
            "Religion2Code", "Type1Code", "Type2Code", "Type3Code",
        )
    ),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(
        f"{geo}_{field}"
        for geo in ("Actor1Geo", "Actor2Geo", "ActionGeo")
        for field in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
    ),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip

# PLOVER codes for non-state actors sit in our country field; GDELT's is for countries only.
NON_STATE_COUNTRIES = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"})
# The two sector codes where PLOVER and CAMEO (GDELT) disagree: PLOVER MED is health, JRN media.
CAMEO_SECTORS = {"MED": "HLH", "JRN": "MED"}


def export(store: Store, fmt: str, out: Target, *, header: bool = False, **filters: Any) -> int:
    """Write the events matching ``filters`` (see Store.events) as ``fmt``; returns events written.

    ``header`` adds a column-name line to the gdelt format (GDELT files have none); csv always has one.
    A parquet target that is an existing directory gets one folder per publication year-month."""
    if fmt not in WRITERS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(WRITERS)}")
    table = store.events_table(**filters)
    if fmt == "gdelt":
        return write_gdelt(table, out, header=header, links=store.event_links(table["id"].to_pylist()))
    return WRITERS[fmt](table, out)


@contextmanager
def _text_target(out: Target) -> Iterator[TextIO]:
    if isinstance(out, (str, Path)):
        with open(out, "w", encoding="utf-8", newline="") as stream:
            yield stream
    else:
        yield out


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def event_date(row: dict) -> date | None:
    """When the event happened: its own date, else its article's publication date."""
    return row["date_start"] or row["article_date"]


def article_record(row: dict) -> dict:
    """Where an event or fact row was read."""
    return {
        "id": row["article"],
        "record_id": row["article_record_id"],
        "date": _iso(row["article_date"]),
        "title": row["article_title"],
        "source": row["article_source"],
        "url": row["article_url"],
    }


def jsonl_record(row: dict) -> dict:
    """The event as `accord code` writes it, plus where it was read."""
    return nest_event(row) | {"article": article_record(row)}


def fact_jsonl_record(row: dict) -> dict:
    """The fact as `accord code` writes it, plus where it was read."""
    return nest_fact(row) | {"article": article_record(row)}


def _write_lines(records: Iterator[dict], out: Target) -> int:
    count = 0
    with _text_target(out) as stream:
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def write_jsonl(table: pa.Table, out: Target) -> int:
    return _write_lines((jsonl_record(row) for row in table.to_pylist()), out)


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(item) for item in value if item is not None)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def write_fact_jsonl(table: pa.Table, out: Target) -> int:
    return _write_lines((fact_jsonl_record(row) for row in table.to_pylist()), out)


def write_csv(table: pa.Table, out: Target) -> int:
    """Flat event (or fact) rows, one column per store column; lists joined with ";"."""
    with _text_target(out) as stream:
        writer = csv.writer(stream)
        writer.writerow(table.column_names)
        for row in table.to_pylist():
            writer.writerow(_csv_value(v) for v in row.values())
    return table.num_rows


def write_parquet(table: pa.Table, out: Target) -> int:
    """The flat event (or fact) rows with their types (dates, lists); an existing directory as ``out``
    gets a hive-partitioned dataset, ``publication_month=YYYY-MM/``."""
    if isinstance(out, io.TextIOBase):
        raise ValueError("parquet is binary: give a file path, a directory or a binary stream")
    if isinstance(out, (str, Path)) and Path(out).is_dir():
        months = pc.strftime(table["article_date"].cast(pa.timestamp("s")), format="%Y-%m")
        pq.write_to_dataset(
            table.append_column("publication_month", months), out, partition_cols=["publication_month"]
        )
    else:
        pq.write_table(table, out)
    return table.num_rows


def _gdelt_actor(row: dict, side: str, actor: str) -> dict[str, Any]:
    country = row[f"{side}_country"]
    sector = row[f"{side}_sector"]
    code = row[f"{side}_code"]
    cameo_sector = CAMEO_SECTORS.get(sector, sector)
    if code and sector and code.endswith(sector):
        code = code[: -len(sector)] + cameo_sector
    return {
        f"{actor}Code": code,
        f"{actor}Name": row[f"{side}_name"] or row[f"{side}_text"],
        f"{actor}CountryCode": None if country in NON_STATE_COUNTRIES else country,
        f"{actor}Type1Code": cameo_sector,
    }


def gdelt_record(row: dict, link: dict | None = None) -> dict[str, Any]:
    """The GDELT fields we know for one event; the others stay empty.

    GlobalEventID is the first 60 bits of our (linked) event id as an integer (GDELT ids are
    integers); the counts are those of the linked event (accord.link), 1 for an event not linked
    yet; IsRootEvent marks events of the first sentence."""
    day = event_date(row)
    added = row["article_ingested_at"]
    record = {
        "GlobalEventID": int((link["linked"] if link else row["id"])[:15], 16),
        "IsRootEvent": int(row["sentence_index"] == 0),
        "EventCode": row["cameo"],
        "EventBaseCode": row["cameo"][:3],
        "EventRootCode": row["cameo_root"],
        "QuadClass": row["quad_class"],
        "GoldsteinScale": row["goldstein"],
        "NumMentions": link["mentions"] if link else 1,
        "NumSources": link["sources"] if link else 1,
        "NumArticles": link["articles"] if link else 1,
        "ActionGeo_FullName": row["place"],
        "DATEADDED": added.strftime("%Y%m%d%H%M%S") if added else None,
        "SOURCEURL": row["article_url"] or row["article_source"],
        **_gdelt_actor(row, "source", "Actor1"),
        **_gdelt_actor(row, "target", "Actor2"),
    }
    if day is not None:
        record |= {
            "Day": day.strftime("%Y%m%d"),
            "MonthYear": day.strftime("%Y%m"),
            "Year": day.year,
            # GDELT's own approximation of the fraction of the year.
            "FractionDate": f"{day.year + (day.month * 30 + day.day) / 365:.4f}",
        }
    return record


def _gdelt_field(value: Any) -> str:
    # Tabs and line breaks would break the row layout of a tab-separated file without quoting.
    return "" if value is None else " ".join(str(value).split())


def write_gdelt(table: pa.Table, out: Target, header: bool = False, links: dict[str, dict] | None = None) -> int:
    """Tab-separated rows in GDELT 2.0 Events column order, no header unless asked for; returns rows
    written. As in GDELT, a row is one real-world event: of the events ``links`` puts in one linked
    event (:meth:`Store.event_links`) only the first is written, with the linked event's counts."""
    links = links or {}
    written: set[str] = set()
    with _text_target(out) as stream:
        if header:
            stream.write("\t".join(GDELT_COLUMNS) + "\n")
        for row in table.to_pylist():
            link = links.get(row["id"])
            event = link["linked"] if link else row["id"]
            if event in written:
                continue
            written.add(event)
            record = gdelt_record(row, link)
            stream.write("\t".join(_gdelt_field(record.get(c)) for c in GDELT_COLUMNS) + "\n")
    return len(written)


def plover_record(row: dict) -> dict:
    """One event in PLOVER v0.8 JSON; ``date`` falls back to the publication date."""
    record = {
        "id": row["id"],
        "date": _iso(event_date(row)),
        "event_type": row["plover"],
        "mode": row["mode"],
        "context": row["context"],
    }
    for side, role in (("source", "actor"), ("target", "recipient")):
        record |= {
            role: row[f"{side}_text"],
            f"{role}_name": row[f"{side}_name"],
            f"{role}_country": row[f"{side}_country"],
            f"{role}_sector": row[f"{side}_sector"],
        }
    return record | {
        "location": row["place"],
        "event_text": row["evidence_sentence"],
        "trigger": row["trigger_text"],
        "cameo": row["cameo"],
        "story_id": row["article"],
        "publication_date": _iso(row["article_date"]),
        "source": row["article_source"],
        "url": row["article_url"],
    }


def write_plover(table: pa.Table, out: Target) -> int:
    """PLOVER JSON lines; events with no PLOVER type (CAMEO 01 and 02 statements) are left out."""
    return _write_lines((plover_record(row) for row in table.to_pylist() if row["plover"]), out)


WRITERS: dict[str, Callable[[pa.Table, Target], int]] = {
    "jsonl": write_jsonl,
    "csv": write_csv,
    "parquet": write_parquet,
    "gdelt": write_gdelt,
    "plover": write_plover,
}

FACT_WRITERS: dict[str, Callable[[pa.Table, Target], int]] = {
    "jsonl": write_fact_jsonl,
    "csv": write_csv,
    "parquet": write_parquet,
}


def export_facts(store: Store, fmt: str, out: Target, **filters: Any) -> int:
    """Write the facts matching ``filters`` (see Store.facts_table) as ``fmt``; returns facts written."""
    if fmt not in FACT_WRITERS:
        raise ValueError(f"facts export as {fmt!r} is not possible; choose one of {', '.join(FACT_WRITERS)}")
    return FACT_WRITERS[fmt](store.facts_table(**filters), out)
