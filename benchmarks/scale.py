"""Throughput, memory and scaling of `accord ingest` on a generated corpus, against bare spaCy.

    python benchmarks/scale.py --articles 1000 10000 [--json scale.json] [--runs spacy1,jobs1,stages]

For each corpus size it generates a corpus with make_corpus.py (kept in --work and reused), then
runs one after the other, each as a subprocess with a fresh store:

* spacy1, spacy2: bare spaCy parsing (the model as shipped, every component) of the cleaned
  texts, on 1 process and with nlp.pipe(n_process=2): the reference;
* jobs1, jobs2: `accord ingest CORPUS --db NEW --jobs 1` and `--jobs 2`;
* dask1, dask2: `accord ingest CORPUS --db NEW --dask-workers 1` and `2`;
* stages: an in-process ingest (read, code, store, link on one process) with each stage timed:
  ingest (reading and cleaning), prefilter, parse, actors, events, time, facts, store, linking.

Each run reports wall time (model loading included), articles/s, words/s, articles/hour and the
peak RSS of its whole process tree (the RSS of the process and all its children summed every 0.2 s,
the maximum over the run; shared pages count once per process, so this overstates real use), the
peak of the summed PSS (shared pages split between processes), and the peaks of the launched process
alone ("main") and of its largest child ("worker"), and the CPU seconds of the launched process
and of all its children (on 2 cores, when their sum is near twice the wall time the cores were
never idle: a faster run needs less CPU work, not better scaling). The table ends with the
speed-up of 2 over 1 processes or workers and, for several sizes, peak RSS per size. --json FILE
writes everything. Timings on a machine others are using are noisy: "stolen %" is the share of the
machine's CPU time its hypervisor gave other guests during the run (Linux steal time; on the 2-core VM of
the README's numbers it went from 0 to over 50 % within an hour), and a run with much of it compares with
no other.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path

import duckdb
import psutil

from make_corpus import generate, write_jsonl
from throughput import words

RUNS = ("spacy1", "spacy2", "jobs1", "jobs2", "dask1", "dask2", "stages")
SAMPLE_SECONDS = 0.2
PSS_EVERY = 5
BATCH_SIZE = 200  # articles per store commit, as `accord ingest`
STAGE_NAMES = {"ActorResolver": "actors", "EventCoder": "events", "TimeResolver": "time", "FactExtractor": "facts"}
STAGE_ORDER = ("ingest", "prefilter", "parse", "actors", "events", "time", "facts", "store", "linking")


# --- measuring a process tree ---------------------------------------------------------------


@dataclass(slots=True)
class Usage:
    """Peaks over a run, in bytes: the tree's summed RSS (shared pages once per process, so an upper
    bound), its summed PSS (shared pages split between their processes: the memory really used,
    sampled every PSS_EVERY samples as it is slower to read), the launched process's own RSS, and the
    largest RSS of any one of its descendants (a worker). And the CPU seconds (user + system) of the
    launched process and of each descendant, as last seen."""

    tree_rss: int = 0
    tree_pss: int = 0
    main_rss: int = 0
    worker_rss: int = 0
    cpu: dict[int, float] = field(default_factory=dict)  # pid -> CPU seconds

    def sample(self, process: psutil.Process, with_pss: bool) -> None:
        try:
            members = [process, *process.children(recursive=True)]
        except psutil.Error:
            return
        rss, pss = [], []
        for member in members:  # processes that end meanwhile count as 0
            try:
                rss.append(member.memory_info().rss)
                times = member.cpu_times()
                self.cpu[member.pid] = times.user + times.system
                if with_pss:
                    pss.append(member.memory_full_info().pss)
            except psutil.Error:
                rss.append(0)
        self.tree_rss = max(self.tree_rss, sum(rss))
        self.tree_pss = max(self.tree_pss, sum(pss))
        self.main_rss = max(self.main_rss, rss[0])
        self.worker_rss = max(self.worker_rss, max(rss[1:], default=0))


@dataclass(slots=True)
class Measured:
    pid: int
    returncode: int
    wall_seconds: float
    usage: Usage
    stdout: str
    stderr: str
    timed_out: bool = False


def run_measured(command: list[str], log: Path, timeout: float | None = None) -> Measured:
    """Run a command, sampling the memory of its process tree; its output goes to files (a full pipe
    would stall it) and is read back at the end."""
    out_path, err_path = log.with_suffix(".out"), log.with_suffix(".err")
    with open(out_path, "w") as out, open(err_path, "w") as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        process = psutil.Process(child.pid)
        usage = Usage()
        timed_out = False
        samples = 0
        while child.poll() is None:
            usage.sample(process, with_pss=samples % PSS_EVERY == 0)
            samples += 1
            if timeout is not None and time.perf_counter() - started > timeout:
                stop_tree(process)
                timed_out = True
                break
            time.sleep(SAMPLE_SECONDS)
        returncode = child.wait()
        wall = time.perf_counter() - started
    return Measured(child.pid, returncode, wall, usage, out_path.read_text(), err_path.read_text(), timed_out)


def stop_tree(process: psutil.Process) -> None:
    """Stop a run that exceeded its time limit, children first."""
    for member in [*process.children(recursive=True), process]:
        try:
            member.kill()
        except psutil.Error:
            pass


# --- timing the stages of one process -------------------------------------------------------


class StageClock:
    """Exclusive wall time per stage: time spent in a stage nested inside another (reading the
    input while the parser pulls articles) is charged to the inner stage only."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.nested: list[float] = []

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        self.nested.append(0.0)
        try:
            yield
        finally:
            elapsed = time.perf_counter() - started
            self.seconds[name] += elapsed - self.nested.pop()
            self.calls[name] += 1
            if self.nested:
                self.nested[-1] += elapsed

    def timed(self, name: str, function: Callable, materialise: bool = False) -> Callable:
        """``function`` charged to ``name``; ``materialise`` also consumes the iterator it returns."""

        def call(*args, **kwargs):
            with self.stage(name):
                result = function(*args, **kwargs)
                return list(result) if materialise else result

        return call

    def timed_iter(self, name: str, items: Iterable) -> Iterator:
        """The items, with the time taken to produce each charged to ``name``."""
        iterator = iter(items)
        while True:
            with self.stage(name):
                try:
                    item = next(iterator)
                except StopIteration:
                    return
            yield item


class StandIn:
    """An object that behaves as ``target`` except for the attributes given."""

    def __init__(self, target: object, **overrides: Callable) -> None:
        self._target = target
        self.__dict__.update(overrides)

    def __getattr__(self, name: str):
        return getattr(self._target, name)


def instrument(coder, clock: StageClock) -> None:
    """Charge the parser, the pre-filter and every stage of an accord Coder to their stages."""
    parser = coder.parser
    coder.parser = StandIn(parser, pipe=lambda articles, *rest: clock.timed_iter("parse", parser.pipe(articles, *rest)))
    if getattr(coder, "prefilter", None) is not None:
        prefilter = coder.prefilter
        coder.prefilter = StandIn(prefilter, plan=clock.timed("prefilter", prefilter.plan, materialise=True))
    coder.stages = [
        clock.timed(STAGE_NAMES.get(type(stage).__name__, type(stage).__name__.lower()), stage)
        for stage in coder.stages
    ]


def stages_worker(corpus: Path, db: Path) -> dict:
    """What `accord ingest CORPUS --jobs 1` does, in this process, each stage timed."""
    from accord.ingest import read_inputs
    from accord.records import Rejection
    from accord.store import Store
    from accord.workers import CodingOptions, worker_coder

    clock = StageClock()
    coder = worker_coder(CodingOptions())  # as a coding process has it; loading it is not a stage
    instrument(coder, clock)
    started = time.perf_counter()
    coded = rejected = 0
    with Store(db) as store:
        add_batch = clock.timed("store", store.add_batch)
        link_pending = clock.timed("linking", store.link_pending)
        stream = coder.pipe(clock.timed_iter("ingest", read_inputs([str(corpus)])))
        while batch := list(islice(stream, BATCH_SIZE)):
            rejections = [item for item in batch if isinstance(item, Rejection)]
            add_batch([item for item in batch if not isinstance(item, Rejection)], rejections)
            link_pending()
            coded += len(batch) - len(rejections)
            rejected += len(rejections)
    wall = time.perf_counter() - started
    return {"articles": coded, "rejected": rejected, "wall_seconds": wall,
            "stages": dict(clock.seconds), "calls": dict(clock.calls)}


def spacy_worker(texts_path: Path, processes: int) -> dict:
    """Bare spaCy, the model as shipped, over the cleaned texts accord would parse (one JSON string
    a line, streamed so that memory stays flat); loading the model and parsing timed apart."""
    import spacy

    from accord.nlp import MODEL

    started = time.perf_counter()
    nlp = spacy.load(MODEL)
    loaded = time.perf_counter()
    with open(texts_path, encoding="utf-8") as lines:
        for _ in nlp.pipe((json.loads(line) for line in lines), batch_size=32, n_process=processes):
            pass
    return {"load_seconds": loaded - started, "parse_seconds": time.perf_counter() - loaded}


# --- the runs ---------------------------------------------------------------------------------


@dataclass(slots=True)
class Run:
    name: str
    processes: int
    status: str = "ok"
    wall_seconds: float | None = None
    articles_per_s: float | None = None
    words_per_s: float | None = None
    articles_per_hour: float | None = None
    peak_rss_mb: int | None = None
    peak_pss_mb: int | None = None
    ingesting_rss_mb: int | None = None  # the launched process (for spaCy n_process=2: the parent)
    worker_rss_mb: int | None = None  # the largest of its child processes
    main_cpu_s: float | None = None  # CPU seconds of the launched process
    workers_cpu_s: float | None = None  # of all its child processes
    # Share of the machine's CPU time its hypervisor gave other guests during the run (Linux steal time):
    # well above 0, the run was slowed from outside and compares with no other.
    stolen_percent: float | None = None
    stored_articles: int | None = None
    events: int | None = None
    detail: dict = field(default_factory=dict)

    def rate(self, articles: int, words_count: int, seconds: float) -> None:
        self.wall_seconds = round(seconds, 2)
        self.articles_per_s = round(articles / seconds, 2)
        self.words_per_s = round(words_count / seconds)
        self.articles_per_hour = round(3600 * articles / seconds)


def accord_command() -> str:
    """The `accord` script of the Python running this benchmark (its virtualenv), else on PATH."""
    beside = Path(sys.executable).with_name("accord")
    return str(beside) if beside.exists() else shutil.which("accord") or "accord"


def ingest_flags() -> str:
    return subprocess.run([accord_command(), "ingest", "--help"], capture_output=True, text=True).stdout


def store_counts(db: Path) -> tuple[int, int]:
    with duckdb.connect(str(db), read_only=True) as connection:
        [(articles,)] = connection.execute("SELECT count(*) FROM articles").fetchall()
        [(events,)] = connection.execute("SELECT count(*) FROM events").fetchall()
    return articles, events


def last_json_line(text: str) -> dict:
    return json.loads(text.strip().splitlines()[-1])


def failure(measured: Measured) -> str:
    if measured.timed_out:
        return f"stopped after {measured.wall_seconds:.0f} s (--timeout)"
    lines = (measured.stderr or measured.stdout).strip().splitlines()
    return f"failed (exit {measured.returncode}): {lines[-1] if lines else 'no output'}"


def measure(name: str, corpus: Path, texts: Path, articles: int, words_count: int, work: Path, help_text: str,
            timeout: float | None) -> Run:
    """One run of the benchmark as a subprocess; a failing run is reported, not raised."""
    kind, processes = name.rstrip("12"), int(name[-1]) if name[-1].isdigit() else 1
    run = Run(name, processes)
    db = work / f"{name}-{articles}.duckdb"
    for stale in work.glob(f"{db.name}*"):  # an earlier run's store, WAL and Parquet parts
        if stale.is_dir():
            shutil.rmtree(stale)
        else:
            stale.unlink()
    this_script = [sys.executable, str(Path(__file__).resolve())]
    if kind == "spacy":
        command = [*this_script, "--worker", "spacy", "--corpus", str(texts), "--processes", str(processes)]
    elif kind == "stages":
        command = [*this_script, "--worker", "stages", "--corpus", str(corpus), "--db", str(db)]
    else:
        flag = "--jobs" if kind == "jobs" else "--dask-workers"
        if flag not in help_text:
            run.status = f"skipped: `accord ingest` has no {flag}"
            return run
        command = [accord_command(), "ingest", str(corpus), "--db", str(db), flag, str(processes)]
    before = psutil.cpu_times()
    measured = run_measured(command, work / f"{name}-{articles}", timeout)
    stolen = getattr(psutil.cpu_times(), "steal", 0.0) - getattr(before, "steal", 0.0)
    run.stolen_percent = round(100 * stolen / (measured.wall_seconds * (os.cpu_count() or 1)), 1)
    usage = measured.usage
    run.peak_rss_mb = round(usage.tree_rss / 2**20)
    run.peak_pss_mb = round(usage.tree_pss / 2**20)
    run.ingesting_rss_mb = round(usage.main_rss / 2**20)
    run.worker_rss_mb = round(usage.worker_rss / 2**20)
    run.main_cpu_s = round(usage.cpu.get(measured.pid, 0.0), 1)
    run.workers_cpu_s = round(sum(cpu for pid, cpu in usage.cpu.items() if pid != measured.pid), 1)
    # Exit 3: some inputs were rejected, the rest stored.
    if measured.timed_out or measured.returncode not in (0, 3):
        run.status = failure(measured)
        return run
    run.rate(articles, words_count, measured.wall_seconds)
    if kind in ("spacy", "stages"):
        run.detail = last_json_line(measured.stdout)
    if kind != "spacy":
        run.stored_articles, run.events = store_counts(db)
    return run


def speedups(runs: list[Run]) -> dict[str, float]:
    """Wall time on 1 over wall time on 2, for each kind of run that has both."""
    by_name = {run.name: run for run in runs if run.wall_seconds}
    return {
        kind: round(by_name[f"{kind}1"].wall_seconds / by_name[f"{kind}2"].wall_seconds, 2)
        for kind in ("spacy", "jobs", "dask")
        if f"{kind}1" in by_name and f"{kind}2" in by_name
    }


def stage_table(detail: dict) -> list[dict]:
    """Seconds, share of the run and milliseconds per article of each stage, and the rest."""
    seconds = detail.get("stages", {})
    wall, articles = detail["wall_seconds"], max(detail["articles"], 1)
    names = [n for n in STAGE_ORDER if n in seconds] + sorted(set(seconds) - set(STAGE_ORDER))
    rows = [(name, seconds[name]) for name in names] + [("other", wall - sum(seconds.values()))]
    return [
        {"stage": name, "seconds": round(spent, 2), "share": round(spent / wall, 3),
         "ms_per_article": round(1000 * spent / articles, 1)}
        for name, spent in rows
    ]


def ensure_corpus(size: int, seed: int, work: Path) -> Path:
    path = work / f"corpus-{size}-seed{seed}.jsonl"
    if not path.exists():
        partial = path.with_suffix(".partial")
        for _ in write_jsonl(generate(size, seed), partial):
            pass
        partial.rename(path)
    return path


def clean_texts(corpus: Path) -> tuple[Path, int, int]:
    """The texts accord parses (bodies as ingest cleans them), one JSON string a line, for the bare
    spaCy runs; with their number of articles and words."""
    from accord.ingest import read_inputs
    from accord.records import Article

    path = corpus.with_suffix(".texts")
    counted = articles = 0
    with open(path, "w", encoding="utf-8") as out:
        for article in read_inputs([str(corpus)]):
            if isinstance(article, Article):
                out.write(json.dumps(article.text) + "\n")
                articles += 1
                counted += words([article])
    return path, articles, counted


# --- report -----------------------------------------------------------------------------------


COLUMNS = (  # heading, Run field, width, decimals (None: text)
    ("run", "name", 8, None), ("procs", "processes", 5, 0), ("wall s", "wall_seconds", 9, 1),
    ("articles/s", "articles_per_s", 10, 2), ("words/s", "words_per_s", 9, 0),
    ("articles/h", "articles_per_hour", 11, 0), ("peak RSS MB", "peak_rss_mb", 11, 0),
    ("PSS MB", "peak_pss_mb", 7, 0), ("main MB", "ingesting_rss_mb", 7, 0), ("worker MB", "worker_rss_mb", 9, 0),
    ("main CPU s", "main_cpu_s", 10, 1), ("workers CPU s", "workers_cpu_s", 13, 1),
    ("stolen %", "stolen_percent", 8, 1), ("stored", "stored_articles", 7, 0), ("events", "events", 8, 0),
)


def fmt(value, digits: int | None = 0) -> str:
    if value is None:
        return "-"
    return str(value) if digits is None else f"{value:,.{digits}f}"


def table_line(cells: Iterable[str]) -> str:
    return " ".join(cell.ljust(width) if i == 0 else cell.rjust(width)
                    for i, (cell, (_, _, width, _)) in enumerate(zip(cells, COLUMNS)))


def print_size(size: dict) -> None:
    print(f"\ncorpus: {size['articles']:,} articles, {size['words']:,} words "
          f"({size['words'] / max(size['articles'], 1):.0f} words/article)  {size['corpus']}")
    header = table_line(heading for heading, *_ in COLUMNS)
    print(header)
    print("-" * len(header))
    for run in size["runs"]:
        if run["status"] == "ok":
            print(table_line(fmt(run[key], digits) for _, key, _, digits in COLUMNS))
        else:
            print(f"{table_line([run['name'], str(run['processes'])])}  {run['status']}")
    for run in size["runs"]:
        if run["name"].startswith("spacy") and run["status"] == "ok":
            detail = run["detail"]
            print(f"  {run['name']}: parsing alone {detail['parse_seconds']:.1f} s = "
                  f"{size['words'] / detail['parse_seconds']:,.0f} words/s, "
                  f"{size['articles'] / detail['parse_seconds']:,.1f} articles/s "
                  f"(loading the model {detail['load_seconds']:.1f} s)")
    if size["speedups"]:
        print("speed-up 2 vs 1: " + ", ".join(f"{kind} {value:.2f}x" for kind, value in size["speedups"].items()))
    if size.get("stages"):
        print(f"\nstages (one process, in-process ingest, {size['stages_wall']:.1f} s):")
        print(f"{'stage':<10} {'seconds':>9} {'share':>7} {'ms/article':>11}")
        for row in size["stages"]:
            print(f"{row['stage']:<10} {row['seconds']:>9.1f} {row['share']:>7.1%} {row['ms_per_article']:>11.1f}")


def print_rss_by_size(sizes: list[dict]) -> None:
    print("\npeak RSS (MB) by corpus size:")
    print(f"{'run':<8}" + "".join(f"{s['articles']:>12,}" for s in sizes))
    for name in dict.fromkeys(run["name"] for size in sizes for run in size["runs"]):
        cells = []
        for size in sizes:
            run = next((r for r in size["runs"] if r["name"] == name), None)
            cells.append(fmt(run["peak_rss_mb"]) if run and run["status"] == "ok" else "-")
        print(f"{name:<8}" + "".join(f"{c:>12}" for c in cells))


def machine() -> dict:
    return {
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
    }


def benchmark(sizes: list[int], runs: list[str], seed: int, work: Path, timeout: float | None) -> dict:
    help_text = ingest_flags()
    report = {"machine": machine(), "load_average_before": os.getloadavg(), "sizes": []}
    for size in sizes:
        corpus = ensure_corpus(size, seed, work)
        texts, articles, words_count = clean_texts(corpus)
        measured = [measure(name, corpus, texts, articles, words_count, work, help_text, timeout) for name in runs]
        result = {"articles": articles, "words": words_count, "corpus": str(corpus),
                  "runs": [asdict(run) for run in measured], "speedups": speedups(measured)}
        stages = next((run for run in measured if run.name == "stages" and run.status == "ok"), None)
        if stages is not None:
            result["stages"] = stage_table(stages.detail)
            result["stages_wall"] = stages.detail["wall_seconds"]
        report["sizes"].append(result)
        print_size(result)
        sys.stdout.flush()
    report["load_average_after"] = os.getloadavg()
    if len(report["sizes"]) > 1:
        print_rss_by_size(report["sizes"])
    print(f"\nload average before {report['load_average_before'][0]:.1f}, after {report['load_average_after'][0]:.1f} "
          f"on {report['machine']['cpus']} cpus (well above 0 means others were working: noisy timings)")
    return report


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--articles", type=int, nargs="+", default=[1000], help="corpus sizes (default 1000)")
    options.add_argument("--runs", default=",".join(RUNS), help=f"comma-separated subset of {','.join(RUNS)}")
    options.add_argument("--seed", type=int, default=7, help="corpus seed")
    options.add_argument("--work", type=Path, help="folder for corpora, stores and logs (default: a temporary one)")
    options.add_argument("--json", type=Path, help="write the full report here")
    options.add_argument("--timeout", type=float, help="seconds after which a run is stopped")
    options.add_argument("--worker", choices=["spacy", "stages"], help=argparse.SUPPRESS)
    options.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    options.add_argument("--processes", type=int, default=1, help=argparse.SUPPRESS)
    options.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = options.parse_args()

    if args.worker == "spacy":
        print(json.dumps(spacy_worker(args.corpus, args.processes)))
        return
    if args.worker == "stages":
        print(json.dumps(stages_worker(args.corpus, args.db)))
        return
    runs = [name for name in args.runs.split(",") if name]
    unknown = set(runs) - set(RUNS)
    if unknown:
        options.error(f"unknown runs {', '.join(sorted(unknown))}; choose from {', '.join(RUNS)}")
    with tempfile.TemporaryDirectory(prefix="accord-scale-") as temporary:
        work = args.work or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        report = benchmark(args.articles, runs, args.seed, work, args.timeout)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")
        print(f"report written to {args.json}")


if __name__ == "__main__":
    main()
