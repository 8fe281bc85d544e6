"""EntityPanel: the document's entities by family (money, dates, legal, priorities, ...); choose one to go there."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from cspsearch.library import EntityRow

FAMILIES = (
    ("Money", ("money",), "$text-success"),
    ("Dates", ("date", "financial_year", "quarter", "period"), "$text-primary"),
    ("Legal", ("legal",), "$text-secondary"),
    ("Priorities", ("priority",), "$text-warning"),
    ("Names", ("acronym", "organisation", "person"), "$text-muted"),
)


def detail(row: EntityRow) -> str:
    """The normalised value worth showing next to an entity's text."""
    kind = row["type"]
    if kind == "money":
        bits = [row.get("financial_year"), row.get("funder"), row.get("grant")]
    elif kind == "legal":
        bits = [row.get("instrument"), row.get("provision")]
    elif kind == "priority":
        bits = [", ".join(t.replace("_", " ") for t in row.get("themes") or [])]
    elif kind == "acronym":
        bits = [row.get("long")]
    elif kind == "person":
        bits = [row.get("role")]
    else:
        bits = [str(row["value"]) if row.get("value") and str(row.get("value")) != row["text"] else None]
    return "; ".join(b for b in bits if b)


def entity_line(row: EntityRow, style: str) -> Content:
    text = " ".join(row["text"].split())
    text = text if len(text) <= 60 else text[:57] + "…"
    extra = detail(row)
    extra = "" if extra.lower() == text.lower() else extra
    return Content.assemble((f"p.{row['page']} ", "$text-muted"), (text, style),
                            (f"  {extra}" if extra else "", "$text-muted"))


class EntityPanel(OptionList):
    """Entities grouped under family headings; Enter posts EntityChosen."""

    DEFAULT_CSS = """
    EntityPanel, EntityPanel:focus {
        width: 32%;
        min-width: 34;
        max-width: 64;
        height: 1fr;
        border: none;
        border-left: vkey $foreground 20%;
        padding: 0;
    }
    """

    class EntityChosen(Message):
        """An entity was chosen: show its page and scroll to it."""

        def __init__(self, entity: EntityRow) -> None:
            super().__init__()
            self.entity = entity

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: dict[str, EntityRow] = {}

    def show(self, rows: Sequence[EntityRow], error: str | None = None) -> None:
        """List `rows` (EntityRows of one document) by family, in page order; or say why there are none."""
        self.entries.clear()
        options: list[Option | None] = []
        for family, types, style in FAMILIES:
            members = sorted((r for r in rows if r["type"] in types), key=lambda r: (r["page"], r["start"]))
            if not members:
                continue
            options.append(Option(Content.assemble((f"{family} ({len(members)})", f"bold {style}")),
                                  disabled=True))
            for row in members:
                key = f"e{len(self.entries)}"
                self.entries[key] = row
                options.append(Option(entity_line(row, style), id=key))
        self.clear_options()
        if not options:
            options.append(Option(error or "No entities were extracted from this document.", disabled=True))
        self.add_options(options)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        row = self.entries.get(event.option_id or "")
        if row:
            self.post_message(self.EntityChosen(row))
