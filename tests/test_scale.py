"""Scale-out: several processes, Dask workers, resumable runs, WARC crawls and the Parquet layout
all store exactly what one process stores."""

from __future__ import annotations

import io
import json
import os

import duckdb
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from accord.cli import app
from accord.ingest import read_inputs
from accord.link import TextFeatures
from accord.records import Article, InputFile, Rejection
from accord.store import ArticleRows, Store
from accord.workers import BATCH_SETTINGS, Unseen, chunks, dask_client

REPORTS = {
    "01_visit.txt": "NAIROBI, March 3, 2025 (Wire) - Kenyan President William Ruto received the Japanese foreign"
    " minister in Nairobi on Monday. The two sides signed an agreement on port investment.\n",
    "02_protest.txt": "ACCRA, June 9, 2024 (Wire) - Thousands of teachers protested outside the parliament of Ghana"
    " on Friday, demanding higher pay. Police arrested twelve protesters.\n",
    "03_aid.txt": "MANILA, Nov. 20, 2023 (Wire) - Australia pledged 40 million dollars in aid to the Philippines"
    " after the typhoon, Foreign Minister Penny Wong said on Tuesday.\n",
}
SECOND_BATCH = {
    "04_talks.txt": "HANOI, Jan. 15, 2025 (Wire) - Vietnam and Laos held talks on border trade on Wednesday,"
    " the foreign ministry said.\n",
}


def write(folder, files: dict[str, str]):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def table(db, query: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as connection:
        return connection.execute(query).fetchall()


EVENT_KEY = "SELECT article, cameo, source_code, target_code, trigger_start FROM events ORDER BY ALL"
COUNTS = "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), (SELECT count(*) FROM facts)"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write(tmp_path_factory.mktemp("reports"), REPORTS)


@pytest.fixture(scope="module")
def one_process(corpus, tmp_path_factory, runner):
    db = tmp_path_factory.mktemp("single") / "one.duckdb"
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def test_two_processes_store_what_one_process_stores(corpus, one_process, tmp_path, runner):
    db = tmp_path / "two.duckdb"
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert "stored 3" in result.output
    assert table(db, EVENT_KEY) == table(one_process, EVENT_KEY)
    assert table(db, COUNTS) == table(one_process, COUNTS)


def test_dask_workers_store_what_one_process_stores_and_keep_parquet_by_date(corpus, one_process, tmp_path, runner):
    db, parts = tmp_path / "dask.duckdb", tmp_path / "parts"
    result = runner.invoke(
        app, ["ingest", str(corpus), "--db", str(db), "--dask-workers", "1", "--parquet", str(parts), "--batch-size", "1"]
    )
    assert result.exit_code == 0, result.output
    assert table(db, EVENT_KEY) == table(one_process, EVENT_KEY)
    # Partitions of one article each are linked a few at a time, and all of them by the end of the run.
    assert table(db, "SELECT count(*) FROM placements") == table(one_process, "SELECT count(*) FROM placements") == [(3,)]
    days = sorted(p.name for p in (parts / "articles").iterdir())
    assert days == ["published=2023-11-20", "published=2024-06-09", "published=2025-03-03"]
    # DuckDB reads the partitions as they are, publication date included.
    rows = duckdb.sql(
        f"SELECT count(*) FROM read_parquet('{parts}/events/*/*.parquet', hive_partitioning = true)"
        " WHERE published >= DATE '2025-01-01'"
    ).fetchall()
    assert rows == table(db, "SELECT count(*) FROM events e JOIN articles a ON a.id = e.article WHERE a.date >= '2025-01-01'")


def test_a_rerun_codes_nothing_twice_and_resume_skips_finished_files(corpus, tmp_path, runner):
    db = tmp_path / "runs.duckdb"
    runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    before = table(db, COUNTS)
    again = runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    assert "stored 0, duplicates 3" in again.output
    write(corpus.parent / "more", SECOND_BATCH)
    resumed = runner.invoke(app, ["ingest", str(corpus), str(corpus.parent / "more"), "--db", str(db), "--resume"])
    # The three finished files are not even read again; the new one is coded.
    assert "stored 1, duplicates 0" in resumed.output
    assert table(db, COUNTS)[0][0] == before[0][0] + 1
    assert len(table(db, "SELECT * FROM inputs")) == 4


def test_a_file_is_marked_finished_only_with_its_articles(tmp_path):
    files = write(tmp_path / "in", REPORTS)
    stream = list(read_inputs([str(files)], finished=set()))
    # Each file's marker follows its article, so a chunk carries the files it completes.
    assert [type(item).__name__ for item in stream] == ["Article", "InputFile"] * 3
    parts = list(chunks(stream, 2))
    assert [len(p.items) for p in parts] == [2, 1]
    assert [f.path.rsplit("/", 1)[-1] for f in parts[0].finished] == ["01_visit.txt"]
    assert [f.path.rsplit("/", 1)[-1] for f in parts[1].finished] == ["02_protest.txt", "03_aid.txt"]


def test_finished_inputs_land_in_the_same_transaction_as_the_batch(tmp_path):
    marker = InputFile("/data/wire.jsonl", 120, 1.5)
    with Store(tmp_path / "s.duckdb") as store:
        # Rows that cannot be typed: the article is refused.
        broken = ArticleRows({"articles": [{"id": "x", "text": object()}]}, TextFeatures.of("text"))
        summary = store.add_rows([broken], finished_inputs=[marker])
        assert summary.rejected == 1
        assert store.finished_inputs() == {marker}


def test_unseen_skips_stored_and_repeated_articles_before_coding():
    stored = {"b"}
    items = [Article(id=i, text="t") for i in "abca"] + [Rejection("x", "bad")]
    unseen = Unseen(lambda ids: stored & set(ids), window=2)
    kept = list(unseen(items))
    assert [getattr(i, "id", None) for i in kept] == ["a", "c", None]
    assert unseen.skipped == 2


def test_dask_jobs_run_without_the_profiler_logs_and_malloc_trimming_that_grow_or_slow_their_processes():
    import dask

    def settings():
        return {name: dask.config.get(name) for name in BATCH_SETTINGS}

    with dask_client(1) as client:
        on_workers = client.run(settings)
        trimming = client.run(lambda: os.environ.get("MALLOC_TRIM_THRESHOLD_"))
        here = settings()
    assert list(on_workers.values()) == [BATCH_SETTINGS] and here == BATCH_SETTINGS
    assert list(trimming.values()) == [None]
    assert settings() != BATCH_SETTINGS  # the caller's configuration is as it was


def test_code_with_two_processes_keeps_input_order(tmp_path, runner):
    lines = [
        {"id": f"r{n}", "text": text, "date": "2024-05-01"}
        for n, text in enumerate([*REPORTS.values(), *SECOND_BATCH.values(), "", "Rain fell all day."])
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(line) for line in lines) + "\n{broken\n", encoding="utf-8")
    result = runner.invoke(app, ["code", str(source), "--jobs", "2"])
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in out] == ["r0", "r1", "r2", "r3", "r4", "r5", "line 7"]
    assert "error" in out[4] and "error" in out[6] and out[5]["events"] == []
    assert out[0]["events"] and result.exit_code == 3


def warc_with_pages(path):
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)

        def response(url: str, body: bytes, content_type: str, status: str = "200 OK"):
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers,
                warc_headers_dict={"WARC-Date": "2024-09-12T08:30:00Z"},
            )
            writer.write_record(record)

        page = (
            "<html><head><title>Chile and Argentina agree on lithium cooperation</title></head><body><article>"
            "<h1>Chile and Argentina agree on lithium cooperation</h1>"
            "<p>SANTIAGO - Chile and Argentina signed a memorandum on lithium mining cooperation on Wednesday,"
            " the two governments said in a joint statement released in Santiago.</p>"
            "<p>The agreement covers joint research and the exchange of geological data between the two"
            " neighbouring countries, officials said.</p></article></body></html>"
        )
        response("https://news.example/chile-argentina", page.encode(), "text/html; charset=utf-8")
        response("https://news.example/logo.png", b"\x89PNG\r\n", "image/png")
        response("https://news.example/missing", b"<html>gone</html>", "text/html", "404 Not Found")
        writer.write_record(writer.create_warc_record("https://news.example/", "request", payload=io.BytesIO(b"GET /")))


def test_warc_crawls_give_their_pages_with_url_and_crawl_date(tmp_path):
    warc_with_pages(tmp_path / "crawl.warc.gz")
    found = list(read_inputs([str(tmp_path / "crawl.warc.gz")]))
    assert len(found) == 1
    [article] = found
    assert article.url == "https://news.example/chile-argentina"
    assert article.title == "Chile and Argentina agree on lithium cooperation"
    assert article.date.isoformat() == "2024-09-12" and article.date_origin == "crawl"
    assert "lithium mining cooperation" in article.text


def test_a_broken_warc_or_one_without_pages_is_one_rejection(tmp_path):
    (tmp_path / "bad.warc.gz").write_bytes(b"\x1f\x8b\x08 truncated")
    (tmp_path / "notes.warc").write_text("a text file saved under the wrong name\n", encoding="utf-8")
    rejections = list(read_inputs([str(tmp_path / "bad.warc.gz"), str(tmp_path / "notes.warc")]))
    assert [r.reason.split(" (")[0] for r in rejections] == ["corrupt WARC", "no HTML page found in this WARC"]


def test_export_parquet_round_trips_through_merge(one_process, tmp_path, runner):
    folder, copy = tmp_path / "dataset", tmp_path / "copy.duckdb"
    exported = runner.invoke(app, ["export", "--db", str(one_process), "--parquet", str(folder)])
    assert exported.exit_code == 0, exported.output
    assert (folder / "events" / "published=2025-03-03").is_dir()
    merged = runner.invoke(app, ["merge", str(folder), "--db", str(copy)])
    assert "stored 3" in merged.output
    assert table(copy, EVENT_KEY) == table(one_process, EVENT_KEY)
    again = runner.invoke(app, ["merge", str(folder), "--db", str(copy)])
    assert "stored 0, duplicates 3" in again.output


def test_a_damaged_partition_is_rejected_with_its_reason_and_the_others_merge(one_process, tmp_path, runner):
    folder, copy = tmp_path / "dataset", tmp_path / "copy.duckdb"
    runner.invoke(app, ["export", "--db", str(one_process), "--parquet", str(folder)])
    damaged = next((folder / "events" / "published=2024-06-09").glob("*.parquet"))
    damaged.write_bytes(b"not parquet at all")
    merged = runner.invoke(app, ["merge", str(folder), "--db", str(copy)])
    assert merged.exit_code != 0
    assert "stored 2" in merged.output and "rejected 1" in merged.output
    assert "published=2024-06-09" in merged.output or damaged.stem in merged.output
    assert table(copy, "SELECT count(*) FROM articles WHERE date = DATE '2024-06-09'") == [(0,)]
    assert len(table(copy, "SELECT reason FROM rejections")) == 1
