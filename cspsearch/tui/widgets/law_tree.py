"""LawTree: instruments, then their provisions, then the papers citing each; choose a paper to open it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from rich.text import Text
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

WHOLE = "(the instrument as a whole)"
SHOW_ALL_PAPERS = 12  # up to this many citing passages, every provision opens at once


def instrument_label(item: Mapping[str, Any]) -> Text:
    papers, mentions = item["papers"], item["mentions"]
    return Text.assemble((item["instrument"], "bold"),
                            (f"  {papers} paper{'s' if papers != 1 else ''}, {mentions} mention"
                             f"{'s' if mentions != 1 else ''}", "dim"))


def paper_label(line: dict[str, Any]) -> Text:
    cite = line["citation"]
    return Text.assemble((f"{cite.get('council_id') or 'council unknown'} {cite.get('meeting_date') or 'undated'} p.{cite['page']}",
                             "green"), "  ", cite.get("title") or cite.get("doc_id") or "")


def by_provision(lines: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Precedent lines grouped by provision, the instrument-as-a-whole group last."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in lines:
        groups[line.get("provision") or WHOLE].append(line)
    return dict(sorted(groups.items(), key=lambda item: (item[0] == WHOLE, item[0])))


class LawTree(Tree[dict[str, Any]]):
    """Root -> instrument -> provision -> paper; instruments fill in when first expanded.

    Labels are Rich Text: Tree copies its labels, which Textual's Content does not support.
    """

    DEFAULT_CSS = """
    LawTree {
        height: 1fr;
    }
    """

    class InstrumentOpened(Message):
        """An instrument was expanded for the first time: its precedent lines are wanted."""

        def __init__(self, node: TreeNode[dict[str, Any]]) -> None:
            super().__init__()
            self.node = node

    class PaperChosen(Message):
        """A paper was highlighted (opened=False) or chosen (opened=True)."""

        def __init__(self, line: dict[str, Any], opened: bool) -> None:
            super().__init__()
            self.line, self.opened = line, opened

    def __init__(self, id: str | None = None) -> None:
        super().__init__("Legislation cited", id=id)
        self.show_root = False

    def show_instruments(self, instruments: Sequence[Mapping[str, Any]]) -> None:
        self.clear()
        for item in instruments:
            node = self.root.add(instrument_label(item), data={"instrument": item, "loaded": False})
            node.allow_expand = True
        self.root.expand()
        if instruments:  # an index whose papers cite no law has no line 0 to move to
            self.call_after_refresh(self.move_cursor_to_line, 0)

    def add_papers(self, node: TreeNode[dict[str, Any]], lines: list[dict[str, Any]]) -> None:
        """Fill an instrument node with its provisions and, under each, the papers citing it."""
        node.remove_children()
        for provision, group in by_provision(lines).items():
            branch = node.add(Text.assemble((provision, "bold"), (f"  {len(group)}", "dim")),
                              data={"provision": provision})
            for line in group:
                branch.add_leaf(paper_label(line), data={"line": line})
            if len(lines) <= SHOW_ALL_PAPERS:
                branch.expand()
        if node.data is not None:
            node.data["loaded"] = True
        node.expand()

    def on_tree_node_expanded(self, event: Tree.NodeExpanded) -> None:
        event.stop()
        data = event.node.data or {}
        if "instrument" in data and not data["loaded"]:
            self.post_message(self.InstrumentOpened(event.node))

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        event.stop()
        if event.node.data and "line" in event.node.data:
            self.post_message(self.PaperChosen(event.node.data["line"], opened=False))

    def on_tree_node_selected(self, event: Tree.NodeSelected) -> None:
        event.stop()
        if event.node.data and "line" in event.node.data:
            self.post_message(self.PaperChosen(event.node.data["line"], opened=True))
