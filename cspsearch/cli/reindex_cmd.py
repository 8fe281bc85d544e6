"""`cspsearch reindex --engine tantivy|whoosh`: convert an index to the other search engine."""

from __future__ import annotations

from typing import Annotated

import typer

from cspsearch.cli.common import add_commands, console, print_json
from cspsearch.cli.options import IndexOption, JsonOption
from cspsearch.library import Library


def register(app: typer.Typer) -> None:
    add_commands(app, reindex)


def reindex(
    engine: Annotated[str, typer.Option("--engine", help="The engine to convert to: whoosh or tantivy.")],
    index: IndexOption = None,
    as_json: JsonOption = False,
) -> None:
    """Convert the index to another search engine from what it stores, without reading the papers again."""
    result = Library(index).reindex(engine)
    if as_json:
        print_json(result.to_json())
    elif result.converted:
        console.print(f"Converted the index at {result.path} from {result.source} to {result.engine}: "
                      f"{result.records:,} records in {result.seconds:.1f}s.", highlight=False, markup=False)
    else:
        console.print(f"The index at {result.path} already uses {result.engine}; nothing to do.",
                      highlight=False, markup=False)
