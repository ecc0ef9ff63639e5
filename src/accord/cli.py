"""The `accord` command line."""

from __future__ import annotations

import csv
import json
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

app = typer.Typer(
    help="Political event data from raw English news text: who did what to whom, when, where.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
errors = Console(stderr=True, soft_wrap=True)  # a rejection's reason stays on one line

EXIT_REJECTED = 3  # some inputs were rejected; everything else was processed and stored

DbOption = Annotated[
    Path,
    typer.Option("--db", envvar="ACCORD_DB", help="DuckDB store file (env ACCORD_DB)."),
]
DEFAULT_DB = Path("accord.duckdb")
# Articles ingest places together. `accord link` places 500 (the store's LINK_BATCH), which on ECB+
# clusters better (benchmarks/ecb_eval.py: B3 F1 +0.02-0.06), but at 500 the ingesting process's peak
# memory while linking is ~35 MB higher (average link's dense matrices, the candidate stories' vectors)
# and over 10,000 articles with two Dask workers the whole run came within 20 MB of 1.5 GB (measured).
LINK_EVERY = 200


def linked_when_due(store, unlinked: int) -> int:
    """Link the stored articles ``LINK_EVERY`` at a time once that many wait; returns how many still
    wait. Stored articles not linked yet (a run stopped between passes) are linked by the next run or
    `accord link`."""
    if unlinked < LINK_EVERY:
        return unlinked
    store.link_pending(batch=LINK_EVERY, whole_batches=True)
    return unlinked % LINK_EVERY


class Format(str, Enum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"


class ExportWhat(str, Enum):
    events = "events"
    facts = "facts"


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    gdelt = "gdelt"
    plover = "plover"


def parse_day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form", param_hint=option)


def open_store(db: Path, must_exist: bool = True, threads: int | None = None):
    from .store import Store

    if must_exist and not db.exists():
        errors.print(f"[red]no store at {db}[/]: run `accord ingest` first or pass --db")
        raise typer.Exit(1)
    return Store(db, threads=threads)


LexiconOption = Annotated[
    list[Path],
    typer.Option("--lexicon", help="An extra lexicon file (the format of data/lexicon/*.tsv); repeatable."),
]
AllSentencesOption = Annotated[
    bool,
    typer.Option(
        "--all-sentences", help="Parse every sentence (by default sentences with no actor, event or figure cue are skipped)."
    ),
]
JobsOption = Annotated[int, typer.Option("--jobs", "-j", help="Processes that code in parallel (0: every core).")]


def coding_options(lexicon: list[Path], all_sentences: bool):
    from .workers import CodingOptions

    missing = [str(path) for path in lexicon if not path.is_file()]
    if missing:
        raise typer.BadParameter(f"no lexicon file {', '.join(missing)}", param_hint="--lexicon")
    return CodingOptions(lexicon=tuple(str(path) for path in lexicon), prefilter=not all_sentences)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive), globs, or - for stdin.")],
    db: DbOption = DEFAULT_DB,
    default_date: Annotated[
        Optional[str], typer.Option("--date", help="Publication date (YYYY-MM-DD) for inputs that carry none.")
    ] = None,
    batch_size: Annotated[
        int,
        typer.Option(min=1, help="Articles per atomic store commit (Dask codes them in partitions of at most 50, so that"
                          " the workers stay evenly loaded to the end)."),
    ] = 200,
    jobs: JobsOption = 1,
    resume: Annotated[
        bool, typer.Option("--resume", help="Skip input files an earlier run read to the end and stored.")
    ] = False,
    dask_workers: Annotated[
        Optional[int], typer.Option("--dask-workers", help="Code on a local Dask cluster of N worker processes.")
    ] = None,
    scheduler: Annotated[
        Optional[str], typer.Option("--scheduler", help="Code on the Dask cluster at this address (tcp://HOST:PORT).")
    ] = None,
    parquet: Annotated[
        Optional[Path],
        typer.Option(
            "--parquet",
            help="With Dask: the workers also write the coded partitions here (Parquet by publication date; must be"
            " visible to the workers), a dataset `accord merge` and DuckDB read.",
        ),
    ] = None,
    lexicon: LexiconOption = [],
    all_sentences: AllSentencesOption = False,
):
    """Read news reports, code them, and store articles, actors, events and facts.

    Articles already in the store are recognised by their text before any parsing and skipped, so
    a re-run codes only what is new; --resume also skips whole files an earlier run finished."""
    from .ingest import read_inputs
    from .store import BatchSummary
    from .workers import Unseen, one_blas_thread

    if dask_workers is not None and scheduler is not None:
        raise typer.BadParameter("give --dask-workers or --scheduler, not both", param_hint="--scheduler")
    day = parse_day(default_date, "--date")
    options = coding_options(lexicon, all_sentences)
    totals = BatchSummary()
    started = time.perf_counter()
    seen = 0
    # The coders keep every core busy, so storing and linking here take one thread each (DuckDB's and
    # BLAS's): more only take CPU from the coders. Linking 1,000 articles onto 9,000 stored cost 18 %
    # less CPU on one thread each, in the same time even on an idle machine (measured).
    one_blas_thread()
    with open_store(db, must_exist=False, threads=1) as store, Progress(
        TextColumn("[bold]coding"),
        BarColumn(bar_width=None),
        TextColumn("{task.completed} articles  {task.fields[rate]:.1f} articles/s"),
        TimeElapsedColumn(),
        console=errors,
        transient=not errors.is_terminal,
    ) as progress:
        task = progress.add_task("coding", total=None, rate=0.0)
        unseen = Unseen(store.stored_ids)
        stream = unseen(read_inputs(paths, default_date=day, finished=store.finished_inputs() if resume else set()))
        if dask_workers is None and scheduler is None:
            batches = local_batches(stream, jobs, options, batch_size)
        else:
            batches = dask_batches(stream, dask_workers, scheduler, parquet, options, batch_size)
        unlinked = 0
        for batch in batches:
            for rejection in batch.rejections:
                errors.print(f"[yellow]rejected[/] {rejection.origin}: {rejection.reason}")
            stored = batch.store(store)
            totals.add(stored)
            unlinked = linked_when_due(store, unlinked + stored.stored)
            seen += batch.size
            progress.update(task, advance=batch.size, rate=seen / (time.perf_counter() - started))
        store.link_pending()
    totals.duplicates += unseen.skipped
    elapsed = time.perf_counter() - started
    console.print(f"{totals} in {elapsed:.1f}s ({seen / elapsed if elapsed else 0:.1f} articles/s) → {db}")
    if totals.rejected:
        raise typer.Exit(EXIT_REJECTED)


@dataclass(slots=True)
class Batch:
    """A coded batch on its way into the store: ``store(store)`` adds it in one transaction."""

    size: int  # the articles and rejections it accounts for
    rejections: list
    store: Callable


def store_batches(parts: Iterable[tuple[list, list]], batch_size: int) -> Iterator[Batch]:
    """Coded parts (each article's store rows or rejection, and the input files finished with them)
    gathered into batches of ``batch_size`` articles: a store commit costs the same for 8 or 200."""
    from .records import Rejection

    def batch(coded: list, finished: list) -> Batch:
        return Batch(len(coded), [item for item in coded if isinstance(item, Rejection)],
                     lambda store: store.add_rows(coded, (), finished))

    coded: list = []
    finished: list = []
    for part, files in parts:
        coded.extend(part)
        finished.extend(files)
        if len(coded) >= batch_size:
            yield batch(coded, finished)
            coded, finished = [], []
    if coded or finished:
        yield batch(coded, finished)


def local_batches(stream, jobs: int, options, batch_size: int) -> Iterator[Batch]:
    """Store batches coded here or on ``jobs`` processes."""
    from .workers import code_stream

    return store_batches(code_stream(stream, jobs, options, form="rows"), batch_size)


def dask_batches(stream, workers: int | None, address: str | None, directory: Path | None, options,
                 batch_size: int) -> Iterator[Batch]:
    """The same batches, coded on Dask: a LocalCluster of ``workers`` processes or the cluster at
    ``address``; with a ``directory`` the workers also write the Parquet dataset there."""
    from .workers import PARTITION, code_on_dask, dask_client

    if directory is not None:
        directory.mkdir(parents=True, exist_ok=True)
    with dask_client(workers, address) as client:
        yield from store_batches(code_on_dask(stream, client, directory, options, min(batch_size, PARTITION)), batch_size)


@app.command()
def events(
    db: DbOption = DEFAULT_DB,
    actor: Annotated[Optional[str], typer.Option(help="Country or actor code (VNM, VNMGOV) or name text.")] = None,
    dyad: Annotated[Optional[str], typer.Option(help="Two countries, either direction: VNM-PER.")] = None,
    code: Annotated[Optional[str], typer.Option(help="CAMEO code prefix: 04, 042.")] = None,
    since: Annotated[Optional[str], typer.Option(help="Events on or after YYYY-MM-DD.")] = None,
    until: Annotated[Optional[str], typer.Option(help="Events on or before YYYY-MM-DD.")] = None,
    article: Annotated[Optional[str], typer.Option(help="Article id (or prefix).")] = None,
    limit: Annotated[Optional[int], typer.Option(help="At most this many events.")] = None,
    fmt: Annotated[Format, typer.Option("--format", help="table, csv or jsonl.")] = Format.table,
    linked: Annotated[
        bool, typer.Option("--linked", help="One row per real-world event, with its mention, article and source counts.")
    ] = False,
):
    """List coded events."""
    if linked:
        if article:
            raise typer.BadParameter("a linked event spans articles: use --dyad, --actor, --code or the dates", param_hint="--article")
        with open_store(db) as store:
            rows = store.linked_events(
                actor=actor, dyad=dyad, code=code, since=parse_day(since, "--since"), until=parse_day(until, "--until"),
                limit=limit,
            )  # fmt: skip
            warn_unlinked(store)
        print_rows(rows, fmt, linked_events_table)
        return
    with open_store(db) as store:
        rows = store.events(
            actor=actor,
            dyad=dyad,
            code=code,
            since=parse_day(since, "--since"),
            until=parse_day(until, "--until"),
            article=article,
            limit=limit,
        )
    print_rows(rows, fmt, events_table)


def print_rows(rows: list[dict], fmt: Format, table) -> None:
    """Rows as JSON lines, CSV, or the Rich table that `table(rows)` builds."""
    if fmt is Format.jsonl:
        write_jsonl(rows)
    elif fmt is Format.csv:
        write_csv(rows)
    else:
        console.print(table(rows))


def write_jsonl(rows: list[dict]) -> None:
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")


def write_csv(rows: list[dict]) -> None:
    if not rows:
        return
    writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]))
    writer.writeheader()
    for row in rows:
        writer.writerow({k: json.dumps(v) if isinstance(v, (list, dict)) else v for k, v in row.items()})


def side(row: dict, role: str) -> str:
    code = row.get(f"{role}_code") or ""
    text = row.get(f"{role}_text") or ""
    return f"{code} [dim]{text}[/]" if code or text else "—"


def warn_unlinked(store) -> None:
    waiting = store.link_stats()["unlinked_articles"]
    if waiting:
        errors.print(f"[yellow]{waiting} articles are not linked yet[/]: run `accord link`")


def span_label(start: date | None, end: date | None) -> str:
    if start is None:
        return "date unknown"
    return str(start) if end in (None, start) else f"{start}..{end}"


def linked_events_table(rows: list[dict]) -> Table:
    table = Table(show_lines=True, title=f"{len(rows)} linked events")
    for column in ("dates", "source", "event", "target", "mentions", "articles", "sources", "evidence (first report)"):
        table.add_column(column, overflow="fold", justify="right" if column in ("mentions", "articles", "sources") else "left")
    for row in rows:
        copies = f"\n[dim]+{row['copies']} in copies[/]" if row["copies"] else ""
        table.add_row(
            span_label(row["start_date"], row["end_date"]) + ("" if row["exact"] else "\n[dim]from publication[/]"),
            side(row, "source"),
            f"{row['cameo']}\n[dim]{row.get('plover') or ''}[/]",
            side(row, "target"),
            str(row["mentions"]) + copies,
            str(row["articles"]),
            str(row["sources"]),
            row["evidence_sentence"] or "",
        )
    return table


def events_table(rows: list[dict]) -> Table:
    table = Table(show_lines=True, title=f"{len(rows)} events")
    for column in ("date", "source", "event", "target", "evidence"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            str(row.get("date_start") or row.get("article_date") or ""),
            side(row, "source"),
            f"{row['cameo']} {row.get('cameo_name') or ''}\n[dim]{row.get('plover') or ''} {row.get('mode') or ''}[/]",
            side(row, "target"),
            row.get("evidence_sentence") or "",
        )
    return table


@app.command()
def facts(
    db: DbOption = DEFAULT_DB,
    dyad: Annotated[Optional[str], typer.Option(help="Facts about both sides, either order: VNM-PER.")] = None,
    measure: Annotated[Optional[str], typer.Option(help="Measure or its prefix: trade_volume, trade.")] = None,
    article: Annotated[Optional[str], typer.Option(help="Facts of this article id (or prefix).")] = None,
    conflicts: Annotated[
        bool, typer.Option("--conflicts", help="Figures that reports give differently, side by side with their sources.")
    ] = False,
    limit: Annotated[Optional[int], typer.Option(help="At most this many facts (or conflicts).")] = None,
    fmt: Annotated[Format, typer.Option("--format", help="table, csv or jsonl.")] = Format.table,
):
    """List quantitative facts (trade, aid, casualties...) with the number of reports that agree."""
    from .facts import conflict_json, conflicts as find_conflicts, with_report_counts

    with open_store(db) as store:
        try:
            # Agreement is counted over every stored report, whatever --article shows.
            rows = store.facts(dyad=dyad, measure=measure)
        except ValueError as error:
            raise typer.BadParameter(str(error), param_hint="--dyad")
    if conflicts:
        found = [
            conflict_json(group)
            for group in find_conflicts(rows)
            if article is None or any(f["article"].startswith(article) for f in group.facts)
        ][:limit]
        print_conflicts(found, fmt)
        return
    shown = [row for row in with_report_counts(rows) if article is None or row["article"].startswith(article)][:limit]
    print_rows(shown, fmt, facts_table)


SCALE_WORDS = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def figure(value: float, unit: str) -> str:
    """633000000, USD -> "633 million USD"."""
    for size, word in SCALE_WORDS:
        if abs(value) >= size:
            return f"{value / size:,.10g} {word} {unit}"
    return f"{value:,.10g} {unit}"


def period_label(start: date | str | None, end: date | str | None, granularity: str | None) -> str:
    """"2022", "2023-Q1", "2022-04-04..2022-04-09"; "" when the fact has no period."""
    if start is None:
        return ""
    start, end = str(start), str(end or "")
    match granularity:
        case "year":
            return start[:4]
        case "half" | "quarter":
            size = 6 if granularity == "half" else 3
            return f"{start[:4]}-{granularity[0].upper()}{(int(start[5:7]) - 1) // size + 1}"
        case "month":
            return start[:7]
        case "day":
            return start
    return f"{start}..{end}"


def source_label(row: dict) -> str:
    title = row.get("title") or row.get("article_title") or "(no title)"
    source = row.get("source") or row.get("article_source") or ""
    day = row.get("date") or row.get("article_date") or "date unknown"
    article = row["article"][:8]
    return f"{title}\n[dim]{' · '.join(str(p) for p in (source, day, article) if p)}[/]"


def facts_table(rows: list[dict]) -> Table:
    table = Table(show_lines=True, title=f"{len(rows)} facts")
    for column in ("period", "subject", "measure", "value", "reports"):
        table.add_column(column, overflow="fold")
    table.add_column("evidence and source", overflow="fold", ratio=1)
    for row in rows:
        disputed = f"\n[red]disputed by {row['disputed_by']}[/]" if row["disputed_by"] else ""
        qualifiers = f"\n[dim]{', '.join(row['qualifiers'])}[/]" if row["qualifiers"] else ""
        table.add_row(
            period_label(row["period_start"], row["period_end"], row["period_granularity"]),
            "-".join(c for c in row["subject"] if c),
            row["measure"] + qualifiers,
            figure(row["value"], row["unit"]),
            f"reports: {row['reports']}{disputed}",
            f"{row['evidence_sentence']}\n{source_label(row)}",
        )
    return table


def print_conflicts(conflicts: list[dict], fmt: Format) -> None:
    """Each disputed figure as one table, a column per value given, its sources below it."""
    if fmt is Format.jsonl:
        write_jsonl(conflicts)
        return
    if fmt is Format.csv:
        write_csv(
            [
                {"conflict": number, "measure": c["measure"], "unit": c["unit"], "subject": c["subject"]}
                | {f"period_{k}": v for k, v in c["period"].items()}
                | {"reading": place, "reading_value": reading["value"], "reports": reading["reports"]}
                | source
                for number, c in enumerate(conflicts, start=1)
                for place, reading in enumerate(c["readings"], start=1)
                for source in reading["sources"]
            ]
        )
        return
    if not conflicts:
        console.print("no conflicting figures")
    for conflict in conflicts:
        period = conflict["period"]
        title = (
            f"{conflict['measure']} · {'-'.join(conflict['subject'])} · "
            f"{period_label(period['start'], period['end'], period['granularity'])}"
        )
        table = Table(show_lines=True, title=title)
        for reading in conflict["readings"]:
            table.add_column(f"{figure(reading['value'], conflict['unit'])}\nreports: {reading['reports']}", overflow="fold")
        depth = max(len(r["sources"]) for r in conflict["readings"])
        for place in range(depth):
            table.add_row(
                *(
                    f"{source_label(r['sources'][place])}\n{r['sources'][place]['evidence']}"
                    if place < len(r["sources"])
                    else ""
                    for r in conflict["readings"]
                )
            )
        console.print(table)


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(metavar="ARTICLE", help="Article id or prefix.")],
    db: DbOption = DEFAULT_DB,
):
    """Show an article with each event's evidence highlighted and its coding beside it."""
    with open_store(db) as store:
        found = store.article(article_id)
    if found is None:
        errors.print(f"[red]no article {article_id!r}[/]")
        raise typer.Exit(1)
    head = found.get("title") or "(no title)"
    console.print(f"[bold]{head}[/]  [dim]{found['id']} · {found.get('date') or 'date unknown'} · "
                  f"{found.get('source') or ''} {found.get('place') or ''}[/]\n")
    console.print(highlighted(found["text"], found["events"]))
    console.print()
    for number, event in enumerate(found["events"], start=1):
        console.print(
            f"[bold cyan][{number}][/] {event['cameo']} {event.get('plover') or ''} "
            f"{side(event, 'source')} → {side(event, 'target')}  "
            f"[dim]{event.get('date_start') or ''} {event.get('mode') or ''} · {event['rule']}[/]"
        )


def highlighted(text: str, events: list[dict]) -> Text:
    out = Text(text)
    for event in events:
        out.stylize("on grey23", event["evidence_start"], event["evidence_end"])
        out.stylize("bold yellow", event["trigger_start"], event["trigger_end"])
    return out


@app.command()
def stats(db: DbOption = DEFAULT_DB):
    """Counts of what the store holds."""
    with open_store(db) as store:
        numbers = store.stats()
    table = Table(show_header=False, title=str(db))
    for key, value in numbers.items():
        table.add_row(key, json.dumps(value, default=str) if isinstance(value, (list, dict)) else str(value))
    console.print(table)


@app.command()
def export(
    output: Annotated[Optional[Path], typer.Argument(help="File to write, or - for stdout (not parquet).")] = None,
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[ExportFormat, typer.Option("--format", help="jsonl, csv, parquet, gdelt or plover.")] = ExportFormat.jsonl,
    what: Annotated[ExportWhat, typer.Option("--what", help="events, or facts (jsonl, csv or parquet).")] = ExportWhat.events,
    parquet: Annotated[
        Optional[Path],
        typer.Option(
            "--parquet",
            help="Instead of OUTPUT: every table (articles, sentences, actors, mentions, events, facts) as Parquet"
            " in this folder, partitioned by publication date (the layout of cluster runs).",
        ),
    ] = None,
):
    """Export events: JSON lines, CSV, Parquet, the GDELT 2.0 event table, or PLOVER JSON; or facts;
    or the whole store as a partitioned Parquet dataset (--parquet DIR)."""
    from .export import export as write_export, export_facts

    if (output is None) == (parquet is None):
        raise typer.BadParameter("give OUTPUT or --parquet DIR", param_hint="OUTPUT")
    if parquet is not None:
        with open_store(db) as store:
            written = store.export_parquet(parquet)
        errors.print("exported " + ", ".join(f"{count} {table}" for table, count in written.items()) + f" → {parquet}")
        return
    writer = export_facts if what is ExportWhat.facts else write_export
    with open_store(db) as store:
        try:
            if str(output) == "-":
                if fmt is ExportFormat.parquet:
                    raise typer.BadParameter("parquet needs a file path", param_hint="OUTPUT")
                count = writer(store, fmt.value, sys.stdout)
            else:
                count = writer(store, fmt.value, output)
        except ValueError as error:
            raise typer.BadParameter(str(error), param_hint="--format")
    errors.print(f"exported {count} {what.value} as {fmt.value}")


@app.command()
def merge(
    directory: Annotated[Path, typer.Argument(help="A Parquet dataset: from `accord export --parquet` or a cluster run.")],
    db: DbOption = DEFAULT_DB,
):
    """Merge a Parquet dataset (by-date layout) into the store; articles it holds already are skipped."""
    from .dataset import partitions
    from .records import Rejection
    from .store import BatchSummary, StoreError

    if not directory.is_dir():
        raise typer.BadParameter(f"no folder {directory}", param_hint="DIRECTORY")
    totals = BatchSummary()
    with open_store(db, must_exist=False) as store:
        unlinked = 0
        for files in partitions(directory):
            try:
                merged = store.add_partition(files)
            except StoreError as error:  # a damaged partition: say which, record it, merge the others
                rejection = Rejection(f"{directory} partition {files[0].stem}", str(error))
                errors.print(f"[yellow]rejected[/] {rejection.origin}: {rejection.reason}")
                totals.add(store.add_rows([], [rejection]))
                continue
            totals.add(merged)
            unlinked = linked_when_due(store, unlinked + merged.stored)
        store.link_pending()
    console.print(f"{totals} → {db}")
    if totals.rejected:
        raise typer.Exit(EXIT_REJECTED)


@app.command()
def code(
    source: Annotated[str, typer.Argument(help="JSONL file of {id, text, date?, title?}, or - for stdin.")] = "-",
    default_date: Annotated[Optional[str], typer.Option("--date", help="Date for records that carry none.")] = None,
    jobs: JobsOption = 1,
    lexicon: LexiconOption = [],
    all_sentences: AllSentencesOption = False,
):
    """Code JSONL records without a store: one {id, date, events, actors, facts} line per input, in input order."""
    from .pipeline import as_article
    from .records import Rejection
    from .workers import code_stream

    day = parse_day(default_date, "--date")
    options = coding_options(lexicon, all_sentences)
    handle = sys.stdin if source == "-" else open(source, encoding="utf-8")
    rejected = 0
    with handle:
        records = (
            as_article(read_record(line, number), f"line {number}", day)
            for number, line in enumerate(handle, start=1)
            if line.strip()
        )
        for chunk, _ in code_stream(records, jobs, options, form="json"):
            for item in chunk:
                if isinstance(item, Rejection):
                    rejected += 1
                    item = {"id": item.origin, "error": item.reason, "events": [], "no_event": None, "spans": [],
                            "actors": [], "facts": []}
                sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")
    if rejected:
        errors.print(f"{rejected} records rejected")
        raise typer.Exit(EXIT_REJECTED)


@app.command()
def stories(
    input_path: Annotated[
        Optional[str],
        typer.Option("--input", help="Without a store: JSONL file of {id, text, title?, date?}, or - for stdin."),
    ] = None,
    db: DbOption = DEFAULT_DB,
    limit: Annotated[Optional[int], typer.Option(help="At most this many stories.")] = None,
    fmt: Annotated[Format, typer.Option("--format", help="table, csv or jsonl.")] = Format.table,
):
    """List the stories in the store, largest first; with --input, group documents into stories
    without a store and print one {id, story} line per input document."""
    if input_path is None:
        with open_store(db) as store:
            rows = store.stories(limit=limit)
            warn_unlinked(store)
        print_rows(rows, fmt, stories_table)
        return
    stories_of_input(input_path)


def stories_table(rows: list[dict]) -> Table:
    table = Table(show_lines=True, title=f"{len(rows)} stories")
    for column in ("story", "label", "dates", "main actors", "articles", "events"):
        table.add_column(column, overflow="fold", justify="right" if column in ("articles", "events") else "left")
    for row in rows:
        copies = f"\n[dim]+{row['copies']} copies[/]" if row["copies"] else ""
        table.add_row(
            row["id"][:12],
            f"{row['label']}\n[dim]{row['title'] or ''}[/]",
            span_label(row["first_date"], row["last_date"]),
            ", ".join(row["actors"]),
            str(row["articles"]) + copies,
            str(row["linked_events"]),
        )
    return table


@app.command()
def story(
    story_id: Annotated[str, typer.Argument(metavar="ID", help="Story id or prefix.")],
    db: DbOption = DEFAULT_DB,
    events: Annotated[int, typer.Option(help="Show this many of its most reported linked events.")] = 10,
    fmt: Annotated[
        Format, typer.Option("--format", help="table, jsonl (the story as one object) or csv (its articles).")
    ] = Format.table,
):
    """Show a story: its articles (near-duplicates marked) and its main linked events."""
    from .store import AmbiguousArticle

    with open_store(db) as store:
        try:
            found = store.story(story_id, events=events)
        except AmbiguousArticle as error:
            raise typer.BadParameter(str(error), param_hint="ID")
    if found is None:
        errors.print(f"[red]no story {story_id!r}[/]")
        raise typer.Exit(1)
    if fmt is Format.jsonl:
        write_jsonl([found])
        return
    if fmt is Format.csv:
        write_csv(found["reports"])
        return
    console.print(
        f"[bold]{found['label'] or found['title'] or found['id']}[/]  [dim]{found['id']} · "
        f"{span_label(found['first_date'], found['last_date'])} · {', '.join(found['actors'])}[/]"
    )
    reports = Table(title=f"{found['articles']} articles, {found['copies']} near-duplicates")
    for column in ("date", "source", "title", "article"):
        reports.add_column(column, overflow="fold")
    for report in found["reports"]:
        copy = f"\n[yellow]copy of {report['duplicate_of'][:12]}[/]" if report["duplicate_of"] else ""
        reports.add_row(
            str(report["date"] or ""), report["source"] or "", (report["title"] or "(no title)") + copy, report["id"][:12]
        )
    console.print(reports)
    console.print(linked_events_table(found["linked_events"]))


@app.command()
def link(
    db: DbOption = DEFAULT_DB,
    batch: Annotated[int, typer.Option(help="Articles placed together, in one atomic commit.", min=1)] = 500,
):
    """Link the stored articles not linked yet: near-duplicates, stories and linked events."""
    started = time.perf_counter()
    with open_store(db) as store:
        done = store.link_pending(batch=batch)
    console.print(
        f"linked [bold]{done.placed}[/] articles ({done.duplicates} near-duplicates) in "
        f"{time.perf_counter() - started:.1f}s: {done.stories} new stories, {done.linked_events} new linked events"
    )


def stories_of_input(input_path: str) -> None:
    """`accord stories --input`: one {id, story} line per document of a JSONL file."""
    from .link import stories_of_records
    from .records import Rejection

    handle = sys.stdin if input_path == "-" else open(input_path, encoding="utf-8")
    with handle:
        records = []
        for number, line in enumerate(handle, start=1):
            record = read_record(line, number) if line.strip() else None
            if isinstance(record, Rejection) or (record is not None and not isinstance(record.get("text"), str)):
                errors.print(f"[yellow]skipped[/] line {number}: {getattr(record, 'reason', 'no text')}")
            elif record is not None:
                records.append(record | {"id": record.get("id", f"line {number}")})
    for document, story in stories_of_records(records):
        sys.stdout.write(json.dumps({"id": document, "story": story}, ensure_ascii=False) + "\n")


def read_record(line: str, number: int):
    from .records import Rejection

    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return Rejection(f"line {number}", f"invalid JSON: {error.msg}")
    if not isinstance(record, dict):
        return Rejection(f"line {number}", "not a JSON object")
    return record


@app.command()
def explain(
    sentence: Annotated[str, typer.Argument(help="A sentence (or short text) to code and explain.")],
    default_date: Annotated[Optional[str], typer.Option("--date", help="Publication date for relative dates.")] = None,
):
    """Show the parse, the actors, each event coded and why — and why other candidate words were not."""
    from .explain import explain_text

    console.print(explain_text(sentence, parse_day(default_date, "--date")))


@app.command()
def actors(
    db: DbOption = DEFAULT_DB,
    kind: Annotated[
        Optional[str], typer.Option(help="country, agent, person, organisation, igo or group.")
    ] = None,
    country: Annotated[Optional[str], typer.Option(help="ISO3 or non-state code: VNM, IGO.")] = None,
    limit: Annotated[Optional[int], typer.Option(help="At most this many actors.")] = None,
    fmt: Annotated[Format, typer.Option("--format", help="table, csv or jsonl.")] = Format.table,
):
    """List the resolved actors in the store with their mention, article and event counts."""
    with open_store(db) as store:
        rows = store.actors(kind=kind, country=country, limit=limit)
    print_rows(rows, fmt, actors_table)


ACTOR_COLUMNS = ("code", "kind", "name", "role", "mentions", "articles", "events")


def actors_table(rows: list[dict]) -> Table:
    table = Table(title=f"{len(rows)} actors")
    for column in ACTOR_COLUMNS:
        table.add_column(column, overflow="fold", justify="right" if column.endswith("s") else "left")
    for row in rows:
        table.add_row(*(str(row[column] if row[column] is not None else "") for column in ACTOR_COLUMNS))
    return table


@app.command()
def resolve(
    text: Annotated[Optional[str], typer.Argument(help="An actor phrase: \"Peruvian officials\".")] = None,
    default_date: Annotated[
        Optional[str], typer.Option("--date", help="As-of date (YYYY-MM-DD): who held an office then.")
    ] = None,
    context: Annotated[Optional[str], typer.Option(help="A sentence around the phrase, for its country.")] = None,
    source: Annotated[
        Optional[Path], typer.Option("--input", help="JSONL file of {id, text, date?, context?}, or - for stdin.")
    ] = None,
):
    """Resolve an actor phrase to kind, country, sector, code, name and role (JSON)."""
    from .actors import resolve_text

    if (text is None) == (source is None):
        raise typer.BadParameter("give either TEXT or --input FILE", param_hint="TEXT")
    day = parse_day(default_date, "--date")
    if text is not None:
        sys.stdout.write(json.dumps(resolve_text(text, day, context), ensure_ascii=False) + "\n")
        return
    handle = sys.stdin if str(source) == "-" else open(source, encoding="utf-8")
    failed = 0
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            result = resolve_record(read_record(line, number), day)
            failed += "error" in result
            sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    if failed:
        errors.print(f"{failed} records rejected")
        raise typer.Exit(EXIT_REJECTED)


def resolve_record(record, default_date: date | None) -> dict:
    """One `accord resolve --input` line: the record's id with its resolution, or with an error."""
    from .actors import resolve_text
    from .records import Rejection

    if isinstance(record, Rejection):
        return {"id": record.origin, "error": record.reason}
    record_id = record.get("id")
    text, context = record.get("text"), record.get("context")
    if not isinstance(text, str) or not text.strip():
        return {"id": record_id, "error": "record has no text"}
    try:
        day = date.fromisoformat(str(record["date"])[:10]) if record.get("date") else default_date
    except ValueError:
        return {"id": record_id, "error": f"{record['date']!r} is not a YYYY-MM-DD date"}
    return {"id": record_id, **resolve_text(text, day, context if isinstance(context, str) else None)}


def main() -> None:  # pragma: no cover - entry point for `python -m accord`
    app()
