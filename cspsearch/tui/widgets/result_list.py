"""ResultList: search results grouped by document, each passage with its page and highlighted snippet."""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import unescape
from typing import Any

from rich.table import Table
from rich.text import Text
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from cspsearch.library import DocumentHit, PassageHit

# Bold and underlined, so the terms still stand out when NO_COLOR strips the colour.
HIT_STYLE = "bold underline yellow"
_MARK = re.compile(r"</?b>")
WHERE_WIDTH = 10


def snippet_text(snippet: str) -> Text:
    """A search snippet with its <b>…</b> terms marked."""
    parts = _MARK.split(snippet)
    return Text.assemble(*((unescape(p), HIT_STYLE) if i % 2 else unescape(p) for i, p in enumerate(parts)))


def plain_snippet(snippet: str) -> str:
    """A search snippet as plain text (for export)."""
    return unescape(_MARK.sub("", snippet))


def document_line(doc: DocumentHit) -> Content:
    """The heading of one result: title, then council, committee and date."""
    where = " · ".join(str(v) for v in (doc.council or doc.council_id, doc.committee, doc.meeting_date) if v)
    matches = doc.matches or len(doc.passages)
    return Content.assemble((doc.title or doc.path or doc.doc_id, "bold"), "\n",
                            (f"{where} · {matches} passage{'s' if matches != 1 else ''}", "$text-muted"))


def passage_line(passage: PassageHit) -> Table:
    """One matching passage: page (and paragraph) in a margin column, the snippet wrapped beside it."""
    where = f"p.{passage.page}" + (f" ¶{passage.paragraph}" if passage.paragraph else "")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=WHERE_WIDTH, no_wrap=True, overflow="ellipsis", style="bold green")
    grid.add_column(ratio=1)
    grid.add_row(where, snippet_text(passage.snippet))
    return grid


class ResultList(OptionList):
    """Documents and their passages; Enter on either opens the document at that page."""

    DEFAULT_CSS = """
    ResultList, ResultList:focus {
        height: 1fr;
        border: none;
        padding: 0;
        background: transparent;
    }
    """

    class PassageChosen(Message):
        """A result was chosen: open `citation` (doc_id, page, start)."""

        def __init__(self, citation: dict[str, Any]) -> None:
            super().__init__()
            self.citation = citation

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self._targets: dict[str, dict[str, Any]] = {}

    def show(self, results: Sequence[DocumentHit]) -> None:
        """Replace the list with `results` (the papers of a Library search)."""
        self._targets.clear()
        options: list[Option | None] = []
        for n, doc in enumerate(results):
            passages = doc.passages
            first = passages[0] if passages else None
            if options:
                options.append(None)
            options.append(Option(document_line(doc), id=f"d{n}"))
            self._targets[f"d{n}"] = {"doc_id": doc.doc_id, "page": first.page if first else 1,
                                      "start": first.start if first else None}
            for m, passage in enumerate(passages):
                options.append(Option(passage_line(passage), id=f"p{n}-{m}"))
                self._targets[f"p{n}-{m}"] = {"doc_id": doc.doc_id, "page": passage.page, "start": passage.start}
        self.clear_options()
        self.add_options(options)
        if results:
            self.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        target = self._targets.get(event.option_id or "")
        if target:
            self.post_message(self.PassageChosen(target))
