"""Coding on every core of a machine, or on the workers of a Dask cluster.

Each process loads the pipeline once and codes chunks of articles; the process that reads the
input keeps only a bounded number of chunks in flight, so memory stays flat whatever the corpus
size, and gets the results back in input order, so an input file is marked finished only after
everything it held is stored. Workers send back store rows (or JSON for `accord code`), not
parsed articles: the tokens stay behind.

On Dask, each partition of articles is coded on a worker, which sends its store rows back as the
process pool does; given a folder, the worker also writes them there as Parquet files partitioned by
publication date (:mod:`accord.dataset`): the data a cluster job leaves behind, readable by DuckDB
as is and merged into a store by `accord merge`.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .records import Article, InputFile, Rejection

if TYPE_CHECKING:
    from .store import ArticleRows

CHUNK = 8  # articles per task: enough to amortise the hand-over, few enough to balance the cores
# Chunks submitted ahead per process. Between two looks at the results the ingesting process stores and
# links a batch (200 articles: seconds in which it submits nothing), so the queue must hold more work than
# that takes: with 3 chunks per process the cores were idle ~5 % of a run, with 8 they are not (measured).
CHUNKS_IN_FLIGHT_PER_WORKER = 8
PARTITION = 50  # articles per Dask task: seconds of work, so the workers stay evenly loaded to the end
PARTITIONS_IN_FLIGHT_PER_WORKER = 3


@dataclass(frozen=True, slots=True)
class CodingOptions:
    """How each worker builds its coder (it must be picklable: workers build their own)."""

    lexicon: tuple[str, ...] = ()
    prefilter: bool = True


def one_blas_thread() -> None:
    """numpy's matrix products (OpenBLAS) on one thread in this process, for good: it shares the cores
    with other processes that keep them busy, where more threads only wait for a core, spinning."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(1, user_api="blas")


@lru_cache(maxsize=2)
def worker_coder(options: CodingOptions):
    """The coder of this process, loaded on first use and kept for every later chunk. Coding runs one
    process per core, so the networks get one BLAS thread each."""
    from .pipeline import Coder

    one_blas_thread()
    return Coder(lexicon=options.lexicon, prefilter=options.prefilter)


def as_rows(article: Article) -> dict | Rejection:
    from .store import rows_or_refusal

    return rows_or_refusal(article, datetime.now(UTC).replace(tzinfo=None))


def as_json(article: Article) -> dict:
    from .output import article_json

    return article_json(article)


FORMS: dict[str, Callable[[Article], object]] = {"rows": as_rows, "json": as_json}


def code_chunk(items: list[Article | Rejection], options: CodingOptions, form: str) -> list:
    """Code a chunk; each Article becomes its store rows ("rows") or its JSON ("json")."""
    convert = FORMS[form]
    coded = worker_coder(options).pipe(items)
    return [item if isinstance(item, Rejection) else convert(item) for item in coded]


@dataclass(slots=True)
class Chunk:
    items: list[Article | Rejection] = field(default_factory=list)
    finished: list[InputFile] = field(default_factory=list)  # files whose last article is in this chunk


def chunks(stream: Iterable[Article | Rejection | InputFile], size: int) -> Iterator[Chunk]:
    """Chunks of ``size`` articles; a file marker travels with the chunk holding its last article."""
    chunk = Chunk()
    for item in stream:
        if isinstance(item, InputFile):
            chunk.finished.append(item)
        else:
            chunk.items.append(item)
            if len(chunk.items) >= size:
                yield chunk
                chunk = Chunk()
    if chunk.items or chunk.finished:
        yield chunk


class Unseen:
    """The articles of a stream that the store does not hold yet, checked a window at a time
    before any parsing, so a re-run or a resumed run codes only what is new. ``skipped`` counts
    the others. Recent ids are remembered (a bounded number) to catch repeats still in flight."""

    def __init__(self, stored_ids: Callable[[list[str]], set[str]], window: int = 256, remember: int = 100_000):
        self.stored_ids = stored_ids
        self.window = window
        self.recent: OrderedDict[str, None] = OrderedDict()
        self.remember = remember
        self.skipped = 0

    def __call__(self, stream: Iterable[Article | Rejection | InputFile]) -> Iterator[Article | Rejection | InputFile]:
        iterator = iter(stream)
        while window := list(islice(iterator, self.window)):
            stored = self.stored_ids([item.id for item in window if isinstance(item, Article)])
            for item in window:
                if isinstance(item, Article):
                    if item.id in stored or item.id in self.recent:
                        self.skipped += 1
                        continue
                    self.recent[item.id] = None
                    if len(self.recent) > self.remember:
                        self.recent.popitem(last=False)
                yield item


def resolved_jobs(jobs: int) -> int:
    """0 means every core."""
    return jobs if jobs > 0 else os.cpu_count() or 1


def code_stream(
    stream: Iterable[Article | Rejection | InputFile],
    jobs: int = 1,
    options: CodingOptions = CodingOptions(),
    form: str = "rows",
    chunk_size: int = CHUNK,
) -> Iterator[tuple[list, list[InputFile]]]:
    """(coded items, files finished with them) per chunk, in input order, on ``jobs`` processes."""
    jobs = resolved_jobs(jobs)
    if jobs == 1:
        for chunk in chunks(stream, chunk_size):
            yield (code_chunk(chunk.items, options, form) if chunk.items else []), chunk.finished
        return
    # Spawned, not forked: the parent may run threads (the progress bar) and a fork copies their locks.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(jobs, mp_context=context) as pool:

        def submitted() -> Iterator[tuple[Future, list[InputFile]]]:
            for chunk in chunks(stream, chunk_size):
                if chunk.items:
                    yield pool.submit(code_chunk, chunk.items, options, form), chunk.finished
                else:  # only files whose articles are all stored already
                    nothing: Future = Future()
                    nothing.set_result([])
                    yield nothing, chunk.finished

        yield from in_order(submitted(), jobs * CHUNKS_IN_FLIGHT_PER_WORKER)


def in_order(submitted: Iterable[tuple[Any, Any]], window: int) -> Iterator[tuple[Any, Any]]:
    """(result, companion) for each (future, companion), in submission order, never more than
    ``window`` futures submitted ahead of the one awaited (works for local and Dask futures)."""
    pending: deque = deque()
    for future, companion in submitted:
        pending.append((future, companion))
        if len(pending) >= window:
            future, companion = pending.popleft()
            yield future.result(), companion
    while pending:
        future, companion = pending.popleft()
        yield future.result(), companion


# ---------------------------------------------------------------- Dask


@dataclass(slots=True)
class Partition:
    """What a Dask worker returns for one coded partition."""

    coded: list[ArticleRows | Rejection]  # each article's rows for the store, or why it has none
    finished: list[InputFile]


def code_partition(
    items: list[Article | Rejection], options: CodingOptions, directory: str | None, name: str, finished: list[InputFile]
) -> Partition:
    """Runs on a worker: code, then write the rows as Parquet under ``directory`` if one is given."""
    from .dataset import write_partition

    # Chunk by chunk, as the process pool does: the parser's batches stay as small as there.
    coded = [row for start in range(0, len(items), CHUNK) for row in code_chunk(items[start:start + CHUNK], options, "rows")]
    if directory is not None:
        write_partition([item for item in coded if not isinstance(item, Rejection)], Path(directory), name)
    return Partition(coded, finished)


# What a batch job's Dask processes keep that nobody reads, measured while coding 50-article partitions:
# the statistical profiler samples a worker's stack every 10 ms and keeps an hour of history (+2.4 MB per
# partition on each worker, and CPU taken from the coder); the developer logs keep the last 1,000 messages
# of every connection, and a message that carries a partition carries its articles (+0.4 MB per partition
# in the process running the client and the local scheduler).
# And the environment nannies give the workers they start: MALLOC_TRIM_THRESHOLD_=65536, meant to hand freed
# memory back to the system, also fixes glibc's mmap threshold at 128 KiB, so every larger array the models
# make is mapped afresh and faulted in page by page (~170,000 page faults and ~0.45 s of system time per
# 50 articles, against ~3,000 without it): left unset, a worker codes as a process of the pool does.
# And every Dask process checks its event loop every 20 ms and its host's CPU, memory and network every
# 0.5 s, for the dashboard and warnings a batch job does not show: with two workers, 5 % of a core in the
# process running the client and the local scheduler and 4 % in the workers' processes while they wait
# (measured); checked every 1 s and 5 s, 1.2 % and 1.4 %.
BATCH_SETTINGS = {
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.profile.enabled": False,
    "distributed.admin.low-level-log-length": 0,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}


@contextmanager
def dask_client(workers: int | None = None, address: str | None = None) -> Iterator:
    """A client of the cluster at ``address``, or of a LocalCluster of ``workers`` single-threaded
    processes started for the job, with :data:`BATCH_SETTINGS` for this process and the ones it starts
    (nannies read the configuration when they are created and hand it to every worker they start)."""
    import dask
    from dask.distributed import Client, LocalCluster

    with dask.config.set(BATCH_SETTINGS):
        cluster = None
        if address is None:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        try:
            with Client(cluster if cluster is not None else address) as client:
                yield client
        finally:
            if cluster is not None:
                cluster.close()


def code_on_dask(
    stream: Iterable[Article | Rejection | InputFile],
    client,
    directory: Path | None,
    options: CodingOptions = CodingOptions(),
    partition_size: int = PARTITION,
) -> Iterator[tuple[list, list[InputFile]]]:
    """(coded items, files finished with them) per partition coded on the cluster behind ``client``,
    in input order, as :func:`code_stream` yields chunks; at most a few partitions per worker are in
    flight. With a ``directory`` the workers also write them there as a Parquet dataset
    (:mod:`accord.dataset`)."""
    run = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    workers = max(len(client.scheduler_info().get("workers", {})), 1)
    submitted = (
        (client.submit(code_partition, part.items, options, directory and str(directory), f"{run}-{number:06d}",
                       part.finished, pure=False), None)
        for number, part in enumerate(chunks(stream, partition_size))
    )
    for partition, _ in in_order(submitted, workers * PARTITIONS_IN_FLIGHT_PER_WORKER):
        yield partition.coded, partition.finished
