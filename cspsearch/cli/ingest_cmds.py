"""`cspsearch ingest`, `prune` and `extract`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from cspsearch.cli.common import add_commands, console, fail
from cspsearch.cli.options import IndexOption, NoOcrOption
from cspsearch.library import Library

SCHEDULER_ENV = Library.SCHEDULER_ENV


def register(app: typer.Typer) -> None:
    add_commands(app, ingest, prune, extract)


def ingest(
    # readable=False: an unreadable file fails alone in the summary rather than stopping the command.
    paths: Annotated[list[Path] | None, typer.Argument(
        readable=False, help="Files or folders to ingest (default: ./corpus).")] = None,
    index: IndexOption = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", help="Worker processes (default: one per core).")] = None,
    council: Annotated[str | None, typer.Option(
        "--council", help="Council slug for every file, overriding inference.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Re-ingest files even when unchanged.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the summary line and problems.")] = False,
    file_seconds: Annotated[float, typer.Option(
        "--file-seconds", min=1.0, help="Time one file may take before it is stopped and fails alone.")] = 300.0,
    no_ocr: NoOcrOption = False,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", envvar=SCHEDULER_ENV, metavar="ADDRESS",
        help="Read the files as tasks on the Dask cluster at ADDRESS (host:port).")] = None,
    ship_files: Annotated[bool, typer.Option(
        "--ship-files", help="With --scheduler: send each file's bytes to the workers, for workers that cannot "
        "see its folder.")] = False,
    engine: Annotated[str | None, typer.Option(
        "--engine", help="Search engine of a new index: whoosh (the default) or tantivy (for large archives); "
        "an existing index keeps its own.")] = None,
) -> None:
    """Ingest committee papers (.pdf .docx .html .htm .txt .md) into the index."""
    paths = paths or [Path("corpus")]
    if ship_files and not scheduler:
        fail(f"--ship-files sends the files to a cluster's workers: give --scheduler ADDRESS (or set "
             f"{SCHEDULER_ENV}) too.")
    cluster = Library.cluster(scheduler, ship_files=ship_files) if scheduler else None
    live = console.is_terminal and not quiet
    library = Library(index)
    if live:
        with _ProgressBar() as bar:
            report = library.ingest(paths, jobs=jobs, council=council, force=force, progress=bar.update,
                                    file_seconds=file_seconds, ocr=not no_ocr, cluster=cluster, engine=engine)
    else:
        report = library.ingest(paths, jobs=jobs, council=council, force=force, file_seconds=file_seconds,
                                ocr=not no_ocr, cluster=cluster, engine=engine)
    _summary(report, quiet)
    if report.failed:
        raise typer.Exit(1)


class _ProgressBar:
    """A rich progress bar over files, with pages and errors so far."""

    def __enter__(self) -> _ProgressBar:
        self.progress = Progress(TextColumn("Ingesting"), BarColumn(), MofNCompleteColumn(),
                                 TextColumn("{task.fields[pages]} pages · {task.fields[errors]} errors"),
                                 TimeElapsedColumn(), console=console, transient=True)
        self.progress.__enter__()
        self.task = self.progress.add_task("ingest", total=None, pages=0, errors=0)
        return self

    def update(self, event: object, report: Any, todo: int) -> None:
        done = len(report.ingested) + len([f for f in report.failed if f[0]])
        self.progress.update(self.task, total=todo, completed=min(done, todo), pages=report.pages,
                             errors=len(report.failed))

    def __exit__(self, *exc: Any) -> None:
        return self.progress.__exit__(*exc)


def _summary(report, quiet: bool) -> None:
    line = (f"{len(report.ingested)} ingested, {len(report.unchanged)} unchanged, "
            f"{len(report.duplicates)} duplicates, {len(report.failed)} failed, "
            f"{len(report.warnings)} warnings; {report.pages} pages, {report.passages} passages, "
            f"{report.entities} entities in {report.seconds:.1f}s")
    if report.skipped:
        line += f"; {len(report.skipped)} skipped"
        if len(report.skipped) == 1:
            line += f": {report.skipped[0][1].rstrip('.')}"
    if report.removed:
        line += f"; {len(report.removed)} removed from the index"
    if report.outdated:
        line += (f"; {len(report.outdated)} unchanged paper{'s' * (len(report.outdated) > 1)} read again, "
                 "as this version of cspsearch reads papers differently")
    if report.cluster:
        line += f"; on the Dask cluster at {report.cluster} ({report.workers} workers"
        line += f", {report.retried} task{'s' * (report.retried > 1)} retried)" if report.retried else ")"
    if report.ocr_pages:
        line += f"; {report.ocr_pages} pages read by OCR"
        line += f" ({report.ocr_low} with low confidence)" if report.ocr_low else ""
    if not quiet and report.ingested and console.is_terminal:
        table = Table(title="Ingested", show_lines=False)
        for col in ("file", "status"):
            table.add_column(col)
        for path in report.ingested:
            table.add_row(_short(path), "ingested")
        console.print(table)
    if not quiet:
        for path, original in report.duplicates:
            console.print(f"[dim]duplicate[/dim] {_short(path)}: same content as {_short(original)}", highlight=False)
    for _path, sentence in report.skipped if len(report.skipped) > 1 else ():
        console.print(f"[dim]skipped[/dim] {sentence}", highlight=False)
    for path, reason in report.failed:
        console.print(f"[red]failed[/red]  {_short(path)}: {reason}", highlight=False)
    for _path, sentence in report.removed:
        console.print(f"[yellow]removed[/yellow] {sentence}", highlight=False)
    for path, warning in report.warnings:
        where = "" if Path(path).name in warning else f"{_short(path)}: "
        console.print(f"[yellow]warning[/yellow] {where}{warning}", highlight=False)
    if report.ocr_unavailable:
        console.print(f"[yellow]note[/yellow] {report.ocr_unavailable}", highlight=False)
    if report.advice:
        console.print(f"[cyan]note[/cyan] {report.advice}", highlight=False)
    console.print(line, highlight=False)


def _short(path: str) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return path


def prune(index: IndexOption = None) -> None:
    """Drop documents whose files are gone from disk, can no longer be opened, or are empty."""
    gone = Library(index).prune()
    for path in gone:
        console.print(f"pruned  {_short(path)}", highlight=False)
    console.print(f"{len(gone)} documents pruned.")


def extract(
    files: Annotated[list[Path], typer.Argument(help="Files to extract from.")],
    as_json: Annotated[bool, typer.Option("--json", help="JSON Lines in the extract contract.")] = False,
    council: Annotated[str | None, typer.Option("--council", help="Council slug, overriding inference.")] = None,
    no_ocr: NoOcrOption = False,
) -> None:
    """Print what extraction finds in each file (no index needed)."""
    failed = False
    for result in Library.extract(files, council, ocr=not no_ocr):
        failed |= bool(result["error"])
        if as_json:
            sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            _print_extract(result)
    if failed:
        raise typer.Exit(1)


def _print_extract(result: dict[str, Any]) -> None:
    if result["error"]:
        console.print(f"[red]{result['path']}[/red]: {result['error']}", highlight=False)
        return
    meta = result["meta"]
    console.print(f"[bold]{meta.get('title') or result['path']}[/bold] — {meta.get('council') or '?'}, "
                  f"{meta.get('committee') or '?'}, {meta.get('meeting_date') or '?'}", highlight=False)
    table = Table("type", "text", "page", "value")
    for e in result["entities"]:
        value = {k: v for k, v in e.items() if k not in ("type", "text", "page", "start", "end") and v}
        table.add_row(e["type"], " ".join(e["text"].split())[:60], str(e["page"]),
                      ", ".join(f"{k}={v}" for k, v in value.items())[:80])
    console.print(table if result["entities"] else f"No entities found in its {result['pages']} pages.")
    for page in meta.get("ocr_pages") or []:
        console.print(f"[dim]page {page['page']} read by OCR, {page['confidence']:.0%} confidence"
                      f"{' (low: check the page)' if page['low'] else ''}[/dim]", highlight=False)
    for warning in result.get("warnings") or []:
        console.print(f"[yellow]warning[/yellow] {warning}", highlight=False)
