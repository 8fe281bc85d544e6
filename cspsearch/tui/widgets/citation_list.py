"""CitationList: citations (council, date, page, quoted text); Enter opens the cited page."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option


def citation_line(cite: dict[str, Any]) -> Content:
    """'maidstone · 2011-03-14 · p.1  Title' then the quoted text on the next line."""
    where = " · ".join(str(v) for v in (cite.get("council_id"), cite.get("meeting_date"), f"p.{cite.get('page')}")
                       if v)
    text = " ".join((cite.get("text") or "").split())
    text = text if len(text) <= 240 else text[:237] + "…"
    parts: list[Any] = [(where, "bold $text-success"), "  ", (cite.get("title") or cite.get("doc_id") or "", "bold")]
    if text:
        parts += ["\n", (f"“{text}”", "$text-muted")]
    return Content.assemble(*parts)


class CitationList(OptionList):
    """A list of citations; choosing one posts CitationChosen."""

    DEFAULT_CSS = """
    CitationList, CitationList:focus {
        height: auto;
        max-height: 12;
        border: none;
        padding: 0;
    }
    """

    class CitationChosen(Message):
        """A citation was chosen: open its page."""

        def __init__(self, citation: dict[str, Any]) -> None:
            super().__init__()
            self.citation = citation

    def __init__(self, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.citations: list[dict[str, Any]] = []

    def show(self, citations: list[dict[str, Any]]) -> None:
        self.citations = list(citations)
        self.clear_options()
        options: list[Option | None] = []
        for n, cite in enumerate(self.citations):
            if n:
                options.append(None)
            options.append(Option(citation_line(cite), id=str(n)))
        self.add_options(options)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id is not None:
            self.post_message(self.CitationChosen(self.citations[int(event.option_id)]))
