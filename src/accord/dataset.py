"""The Parquet layout shared by cluster runs and `accord export --parquet`.

    DIR/<table>/published=<YYYY-MM-DD | unknown>/<part>.parquet

one folder per store table (articles, sentences, actors, mentions, events, facts), partitioned
by the article's publication date (hive style), so that DuckDB, pandas or Spark read a date
range without opening the rest: ``SELECT * FROM read_parquet('DIR/events/*/*.parquet',
hive_partitioning = true) WHERE published >= '2024-01-01'``. Files are the store's rows, column
for column.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq

from .store import ArticleRows, batch_tables

PUBLISHED = "published"
UNKNOWN = "unknown"


def publication_key(article_rows: ArticleRows) -> str:
    published = article_rows.tables["articles"][0]["date"]
    return published.isoformat() if published else UNKNOWN


def write_partition(rows: list[ArticleRows], directory: Path, name: str) -> list[Path]:
    """Write the rows of a partition's articles; returns the files written.

    Each file is written under a temporary name and renamed when complete, so a worker that dies
    midway never leaves a truncated file for a reader to trip on."""
    by_day: dict[str, list[ArticleRows]] = defaultdict(list)
    for article in rows:
        by_day[publication_key(article)].append(article)
    written = []
    for day, articles in sorted(by_day.items()):
        for table_name, table in batch_tables(articles).items():
            if not table.num_rows:
                continue
            folder = directory / table_name / f"{PUBLISHED}={day}"
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"{name}.parquet"
            partial = folder / f".{name}.parquet.partial"
            pq.write_table(table, partial)
            os.replace(partial, path)
            written.append(path)
    return written


def partitions(directory: Path) -> Iterator[list[Path]]:
    """The files of a dataset grouped into partitions: the same file name under the same
    publication date in each table folder holds the rows of the same articles."""
    groups: dict[tuple[str, str], list[Path]] = defaultdict(list)
    for path in sorted(directory.glob(f"*/{PUBLISHED}=*/*.parquet")):
        groups[(path.parent.name, path.name)].append(path)
    for key in sorted(groups):
        yield groups[key]
