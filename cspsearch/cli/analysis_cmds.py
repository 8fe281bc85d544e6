"""`cspsearch compare`, `timeline`, `grants`, `law`, `ask` and `brief`: the analysis commands."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from cspsearch.analysis import formats
from cspsearch.cli.common import IndexOption, JsonOption, console, fail, print_json
from cspsearch.errors import CspSearchError, QueryError

FormatOption = typer.Option("table", "--format", "-f", help="table, csv, json or md.")
CouncilOption = typer.Option(None, "--council", help="Council name or slug (repeatable).")


def register(app: typer.Typer) -> None:
    """Add the analysis commands to the main app."""
    for command in (compare, timeline, grants, law, ask, brief):
        app.command()(command)


def emit(
    fmt: str, data: dict[str, Any], tables: list[tuple[str, formats.Table]], lines: Sequence[str] = ()
) -> None:
    """Print a result as rich tables (+ sentences), CSV of the main table, JSON or Markdown."""
    if fmt == "json":
        print_json(data)
    elif fmt == "csv":
        typer.echo(formats.csv_text(tables[0][1]), nl=False)
    elif fmt == "md":
        typer.echo(formats.md_document(tables[0][0], tables, list(lines)), nl=False)
    else:
        for title, (headers, rows) in tables:
            show_table(title, headers, rows)
        for line in lines:
            console.print(escape(line), highlight=False)


def show_table(title: str, headers: list[str], rows: list[list[str]]) -> None:
    table = Table(title=escape(title), show_lines=True, title_justify="left")
    for header in headers:
        table.add_column(escape(header), overflow="fold")
    for row in rows:
        table.add_row(*(escape(cell) for cell in row))
    console.print(table)


def check_format(fmt: str) -> str:
    if fmt not in formats.FORMATS:
        raise QueryError(f"Choose a format among {', '.join(formats.FORMATS)}, not '{fmt}'.")
    return fmt


IMAGE_FORMATS = ("png", "svg")


def compare(
    specs: list[str] = typer.Argument(
        ..., help="council[:YYYY[-YYYY]] ..., e.g. maidstone:2011-2023 medway."
    ),
    scheme: str = typer.Option("csp", "--scheme", help="csp, corporate, cross_cutting, objective or all."),
    theme: list[str] = typer.Option(None, "--theme", help="Only these theme ids (repeatable)."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, csv, json, md, or png/svg with -o."),
    chart: bool = typer.Option(False, "--chart", help="Draw the themes by year, a band per council."),
    output: Path = typer.Option(None, "--output", "-o", help="The image file to write (png or svg)."),
    force: bool = typer.Option(False, "--force", help="Replace the --output file if it exists."),
    index: Path = IndexOption,
) -> None:
    """Compare councils' priorities: a theme x (council, year) matrix, changes, shared themes."""
    from cspsearch.analysis.compare import change_lines, matrix_table
    from cspsearch.analysis.compare import compare as run

    fmt = image_format(fmt, output)
    if chart and fmt not in ("table", *IMAGE_FORMATS):
        fail(f"--chart draws in the terminal: leave out -f {fmt}, or write an image with -f png -o FILE.")
    try:
        result = run(specs, index=index, scheme=scheme, themes=theme or None)
        if fmt in IMAGE_FORMATS:
            write_picture(result, output, fmt, force)
        elif chart:
            print_chart(result)
        else:
            matrix = [("Priorities compared", matrix_table(result))]
            emit(check_format(fmt), result, matrix, change_lines(result))
    except CspSearchError as err:
        fail(err)


def image_format(fmt: str, output: Path | None) -> str:
    """The format asked for: -o picture.png alone means png; png/svg need -o, and -o needs an image."""
    if output is not None and fmt == "table" and output.suffix.lower().lstrip(".") in IMAGE_FORMATS:
        return output.suffix.lower().lstrip(".")
    if fmt in IMAGE_FORMATS and output is None:
        fail(f"-f {fmt} writes an image: name the file with -o, e.g. -o priorities.{fmt}.")
    if output is not None and fmt not in IMAGE_FORMATS:
        fail("-o writes an image: add -f png or -f svg (other formats print; redirect them with >).")
    return fmt


def print_chart(result: dict[str, Any]) -> None:
    """The themes-by-year picture in the terminal, each council in its colour and its own fill."""
    from rich.text import Text

    from cspsearch.analysis.evolution import chart_rows, evolution, palette_styles, sources_line

    styles = palette_styles()
    console.print(Text(f"Priorities by year: {sources_line(result)}", style="bold"), highlight=False)
    for row in chart_rows(evolution(result), console.width):
        console.print(Text.assemble(*((text, styles.get(key, "")) for text, key in row)), highlight=False,
                      soft_wrap=True)


def write_picture(result: dict[str, Any], output: Path, fmt: str, force: bool) -> None:
    """Write the themes-by-year image; an existing file stays unless --force."""
    from cspsearch.analysis.picture import draw

    if (output.exists() or output.is_symlink()) and not force:
        fail(f"{output} already exists; add --force to replace it.")
    try:
        draw(result, output, fmt)
    except OSError as err:
        fail(f"Cannot write {output}: {err.strerror or err}.")
    themes = len(result["themes"])
    console.print(f"Priorities by year ({themes} theme{'s' if themes != 1 else ''}) drawn to "
                  f"{escape(str(output))}.", highlight=False)


def timeline(
    theme: str = typer.Argument(..., help="Theme id, label or phrasing, e.g. domestic_abuse."),
    council: list[str] = CouncilOption,
    scheme: str = typer.Option("csp", "--scheme", help="csp, corporate, cross_cutting, objective or all."),
    fmt: str = FormatOption,
    index: Path = IndexOption,
) -> None:
    """Every year each council named a theme, in what words; first appearance and gaps."""
    from cspsearch.analysis.timeline import timeline as run
    from cspsearch.analysis.timeline import timeline_lines, timeline_table

    try:
        result = run(theme, index=index, councils=council or None, scheme=scheme)
        emit(
            check_format(fmt),
            result,
            [(f"Timeline: {result['label']}", timeline_table(result))],
            timeline_lines(result),
        )
    except CspSearchError as err:
        fail(err)


def grants(
    council: list[str] = CouncilOption,
    year_from: int = typer.Option(None, "--from", help="First financial year (its first calendar year)."),
    year_to: int = typer.Option(None, "--to", help="Last financial year (its first calendar year)."),
    funder: str = typer.Option(None, "--funder", help="Funder words or initials, e.g. PCC."),
    grant: str = typer.Option(None, "--grant", help="Words of the grant's name."),
    include_all: bool = typer.Option(
        False,
        "--all",
        help="Every money amount with its role (national, budget, change...), not only grants received.",
    ),
    chart: bool = typer.Option(False, "--chart", help="Draw the totals per financial year as bars."),
    fmt: str = FormatOption,
    index: Path = IndexOption,
) -> None:
    """What each council received: each grant and year once, the latest paper's amount standing; totals."""
    from cspsearch.analysis.grants import grants as run
    from cspsearch.analysis.grants import ledger_lines_note, ledger_table, totals_table

    try:
        result = run(
            index=index,
            councils=council or None,
            year_from=year_from,
            year_to=year_to,
            funder=funder,
            grant=grant,
            include_all=include_all,
        )
        if fmt == "csv":
            typer.echo(formats.spreadsheet_csv(*grants_sheet(result)), nl=False)
            return
        emit(
            check_format(fmt),
            result,
            [
                ("Grants", ledger_table(result)),
                ("Totals received per council and financial year", totals_table(result)),
            ],
            ledger_lines_note(result),
        )
    except CspSearchError as err:
        fail(err)
    if chart and fmt == "table":
        draw_bars(result["by_year"])


def grants_sheet(result: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    """Every ledger line for a spreadsheet: the amount a number, the meeting date ISO, the source in columns."""
    from cspsearch.analysis.cells import council_label
    from cspsearch.analysis.grants import status

    headers = ["status", "council", "financial year", "amount", "amount as written", "role", "funder",
               "recipient", "grant", "meeting date", "title", "page", "table row", "doc_id"]
    rows = []
    for kind, key in (("current", "entries"), ("undated", "undated"), ("no amount", "no_amount")):
        for line in result[key]:
            cite = line["citation"]
            rows.append([status(line, kind), council_label(line["council_id"]),
                         formats.spreadsheet_year(line["financial_year"]), line["amount"], line["text"],
                         line.get("role"), line["funder"], line["recipient"], line["grant"],
                         cite.get("meeting_date"), cite.get("title"), cite.get("page"), line.get("row"),
                         cite["doc_id"]])
    return headers, rows


def draw_bars(by_year: list[dict[str, Any]], width: int = 40) -> None:
    """Totals per financial year as horizontal bars."""
    from cspsearch.analysis.grants import money

    if not by_year:
        console.print("No dated grants to chart.")
        return
    top = max(item["total"] for item in by_year) or 1
    table = Table(title="Grants per financial year", show_header=False, box=None, title_justify="left")
    for item in by_year:
        bar = "\u2588" * max(1, round(width * item["total"] / top))
        table.add_row(item["financial_year"], f"[green]{bar}[/green]", money(item["total"]))
    console.print(table)


def law(
    instrument: str = typer.Argument(None, help='An Act or regulations, e.g. "crime and disorder act".'),
    provision: str = typer.Option(None, "--provision", help="e.g. s.17, section 6, reg.5."),
    council: list[str] = CouncilOption,
    limit: int = typer.Option(20, "--limit", help="Instruments to list when none is named."),
    fmt: str = FormatOption,
    index: Path = IndexOption,
) -> None:
    """Which papers cite a statutory duty, by council and year; without arguments, the most cited."""
    from cspsearch.analysis.law import law as run
    from cspsearch.analysis.law import precedent_table, ranking_table

    if limit < 1:
        fail("--limit must be 1 or more.")
    try:
        result = run(instrument, index=index, provision=provision, councils=council or None, limit=limit)
        if instrument:
            names = "; ".join(i["instrument"] for i in result["instruments"])
            title = f"{result['provision'] + ' of ' if result['provision'] else ''}{names}"
            lines = [f"{result['total']} citation(s) in {result['papers']} paper(s)."]
            emit(check_format(fmt), result, [(title, precedent_table(result))], lines)
        else:
            emit(check_format(fmt), result, [("Most cited instruments", ranking_table(result))])
    except CspSearchError as err:
        fail(err)


def ask(
    question: str = typer.Argument(..., help='A question, e.g. "What were Medway\'s priorities in 2020?".'),
    as_json: bool = JsonOption,
    index: Path = IndexOption,
) -> None:
    """Answer a common member question in a sentence or two, with citations."""
    from cspsearch.analysis.answers import source
    from cspsearch.analysis.ask import ask as run

    try:
        result = run(question, index=index)
    except CspSearchError as err:
        fail(err)
    if as_json:
        print_json(result)
        return
    if result["fallback"]:
        console.print("[yellow]Not understood as a known question: showing a passage search.[/yellow]")
    console.print(escape(result["answer"]), highlight=False)
    for n, cite in enumerate(result["citations"][:10], start=1):
        console.print(f"  [cyan][{n}][/cyan] {escape(source(cite))}", highlight=False)
        if cite.get("path"):  # the file, so the citation leads back to the paper itself
            console.print(f"      [dim]{escape(cite['path'])}, p.{cite.get('page')}[/dim]", highlight=False)
        if cite.get("text"):
            console.print(f"      [dim]{escape(cite['text'][:200])}[/dim]", highlight=False)


def brief(
    councils: list[str] = typer.Argument(..., help="Councils to compare, e.g. maidstone medway."),
    year_from: int = typer.Option(None, "--from", help="First meeting year."),
    year_to: int = typer.Option(None, "--to", help="Last meeting year."),
    output: Path = typer.Option(
        None, "--output", "-o", help="Write the Markdown here instead of printing it."
    ),
    scheme: str = typer.Option("csp", "--scheme", help="Priority scheme to compare."),
    force: bool = typer.Option(False, "--force", help="Replace the --output file if it exists."),
    fmt: str = typer.Option("md", "--format", "-f", help="md (Markdown) or docx (Word, needs -o FILE.docx)."),
    index: Path = IndexOption,
) -> None:
    """A briefing: matrix, changes, grants, legal basis, decisions and numbered references.

    With -o brief.md, the priorities by year are drawn to brief-evolution.png beside it and linked;
    with -f docx -o brief.docx, a Word document holds the picture and real tables.
    """
    from cspsearch.analysis.brief import brief as run

    if fmt not in ("md", "docx"):
        fail(f"Unknown format \u201c{fmt}\u201d: a briefing is md (Markdown) or docx (Word).")
    if fmt == "docx":
        brief_word(councils, year_from, year_to, output, scheme, force, index)
        return
    image = output.with_name(f"{output.stem}-evolution.png") if output is not None else None
    for path in (output, image):
        if path is not None and (path.exists() or path.is_symlink()) and not force:
            fail(f"{path} already exists; add --force to replace it.")
    try:
        text = run(councils, year_from, year_to, index=index, scheme=scheme, image=image)
    except CspSearchError as err:
        fail(err)
    except OSError as err:
        fail(f"Cannot write {image}: {err.strerror or err}.")
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        write_replacing(output, text)
    except OSError as err:
        fail(f"Cannot write {output}: {err.strerror or err}.")
    console.print(f"Briefing written to {escape(str(output))}, its picture to {escape(str(image))}.",
                  highlight=False)


def brief_word(
    councils: list[str], year_from: int | None, year_to: int | None, output: Path | None, scheme: str,
    force: bool, index: Path | None,
) -> None:
    """`brief -f docx -o FILE`: the Word briefing, written whole."""
    from cspsearch.analysis.brief_docx import brief_docx

    if output is None:
        fail("A Word briefing needs a file to go to: add -o brief.docx.")
    if (output.exists() or output.is_symlink()) and not force:
        fail(f"{output} already exists; add --force to replace it.")
    try:
        brief_docx(councils, output, year_from, year_to, index=index, scheme=scheme)
    except CspSearchError as err:
        fail(err)
    except OSError as err:
        fail(f"Cannot write {output}: {err.strerror or err}.")
    console.print(f"Word briefing written to {escape(str(output))}.", highlight=False)


def write_replacing(path: Path, text: str) -> None:
    """Write `text` whole over `path`; a link there is replaced, not followed."""
    from cspsearch.outputs import replace_file

    replace_file(path, lambda temp: temp.write_text(text, encoding="utf-8"))
