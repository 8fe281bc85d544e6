"""`cspsearch fetch`: download a council's papers from its ModernGov site, then optionally ingest them."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from cspsearch.cli.common import add_commands, console
from cspsearch.cli.options import IndexOption
from cspsearch.library import Library

if TYPE_CHECKING:
    from cspsearch.library import FetchReport


def register(app: typer.Typer) -> None:
    add_commands(app, fetch)


def fetch(
    site: Annotated[str, typer.Argument(
        help="A council (slug or name, e.g. kent) or its ModernGov site's address.")],
    committee: Annotated[list[str] | None, typer.Option(
        "--committee", help="A committee by name (repeatable; default: every current committee).")] = None,
    date_from: Annotated[str | None, typer.Option(
        "--from", help="First meeting date, YYYY-MM-DD (default: a year before --to).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last meeting date, YYYY-MM-DD (default: today).")] = None,
    council: Annotated[str | None, typer.Option(
        "--council", help="The council a site address belongs to, when it is not known.")] = None,
    out: Annotated[Path, typer.Option(
        "--out", help="Folder the papers go into, under <council>/<committee>/<date>.")] = Path("papers"),
    ingest: Annotated[bool, typer.Option(
        "--ingest", help="Ingest the fetched papers into the index afterwards.")] = False,
    index: IndexOption = None,
    rate: Annotated[float, typer.Option("--rate", min=0.01, help="Most requests a second to the site.")] = 2.0,
    timeout: Annotated[float, typer.Option(
        "--timeout", min=0.1, help="Seconds to wait for an answer before retrying.")] = 60.0,
) -> None:
    """Download a council's committee papers from its ModernGov site, each with a .meta.yaml sidecar."""
    try:
        start, end = _day(date_from, "--from"), _day(date_to, "--to")
        # Which site a council's name leads to, said before the first request (the library resolves it again).
        where = Library.resolve_site(site, council)
        console.print(escape(f"Fetching from {where.base_url} ({where.council_name or 'council unknown'}), "
                             f"at most {rate:g} requests a second"), highlight=False)
        with _Bar(console.is_terminal) as bar:
            report = Library.fetch(site, out, committee or (), start, end, council=council, rate=rate,
                                   timeout=timeout, progress=bar.update)
    except KeyboardInterrupt:
        console.print("Stopped; papers saved so far are kept, and the next run carries on from here.")
        raise typer.Exit(130) from None
    _summary(report)
    ingest_failed = _ingest(report.folder, index) if ingest and (report.saved or report.already_had) else False
    if report.failed or ingest_failed:
        raise typer.Exit(1)


def _ingest(folder: Path, index: Path | None) -> bool:
    """Ingest the council's folder (unchanged papers are passed over cheaply); whether any paper failed."""
    result = Library(index).ingest([folder])
    for path, reason in result.failed:
        console.print(f"[red]failed[/red]  {escape(str(path))}: {escape(reason)}", highlight=False)
    console.print(f"Ingested {len(result.ingested)}, unchanged {len(result.unchanged)}, "
                  f"failed {len(result.failed)}.", highlight=False)
    return bool(result.failed)


def _day(text: str | None, option: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise typer.BadParameter(f"{option} must be a date written YYYY-MM-DD, not '{text}'.") from None


class _Bar:
    """A progress bar over meetings (none when the output is not a terminal)."""

    def __init__(self, live: bool) -> None:
        self.progress = Progress(TextColumn("Fetching"), BarColumn(), MofNCompleteColumn(), TextColumn("meetings"),
                                 TextColumn("{task.fields[saved]} saved · {task.fields[failed]} failed"),
                                 TimeElapsedColumn(), console=console, transient=True, disable=not live)
        self.task = self.progress.add_task("fetch", total=None, saved=0, failed=0)

    def __enter__(self) -> _Bar:
        self.progress.__enter__()
        return self

    def update(self, done: int, total: int, report: FetchReport) -> None:
        self.progress.update(self.task, total=total, completed=done, saved=len(report.saved),
                             failed=len(report.failed))

    def __exit__(self, *exc: object) -> None:
        self.progress.__exit__(None, None, None)


def _summary(report: FetchReport) -> None:
    for sentence in report.restricted:
        console.print(f"[dim]restricted[/dim] {escape(sentence)}", highlight=False)
    for sentence in report.failed:
        console.print(f"[red]failed[/red]  {escape(sentence)}", highlight=False)
    skipped = len(report.restricted) + report.cancelled + report.already_had
    console.print(
        f"{_count(report.meetings, 'meeting')} of {_count(len(report.committees), 'committee')}; "
        f"{_count(len(report.saved), 'paper')} saved, {skipped} skipped ({len(report.restricted)} restricted, "
        f"{_count(report.cancelled, 'cancelled meeting')}, {report.already_had} already had), "
        f"{len(report.failed)} failed; {_count(report.requests, 'request')} in {report.seconds:.1f}s "
        f"into {escape(str(report.folder))}", highlight=False)
    if report.without_papers:
        console.print(f"{_count(report.without_papers, 'meeting')} had no papers yet.", highlight=False)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
