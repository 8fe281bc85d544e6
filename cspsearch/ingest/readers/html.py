"""HTML reader: the text of the page body with its block structure kept as lines, tables as tab rows."""

from __future__ import annotations

import re

from cspsearch.errors import ParseError
from cspsearch.ingest.readers.text import decode_text

# Elements whose content is not part of the document's text.
_DROPPED = frozenset({"script", "style", "nav", "noscript", "template", "svg", "head", "button", "select"})
# Elements that stand apart from their neighbours as paragraphs (a blank line around them).
_PARAGRAPHS = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "blockquote", "pre",
    "section", "article", "header", "footer", "main", "aside", "figure", "address", "hr", "caption",
})
# Elements that start a new line but do not end a paragraph.
_LINES = frozenset({"div", "dt", "dd", "figcaption", "details", "summary", "fieldset", "form", "legend", "body"})
_INLINE_SPACE = re.compile(r"[ \t\r\n\f\v]+")
_RUN_OF_SPACES = re.compile(r" {2,}")
_BLANK_RUNS = re.compile(r"\n{3,}")


def read_html(data: bytes, name: str) -> tuple[list[str], list[str]]:
    """The page text of an HTML file (one page) and any warnings about its encoding."""
    from bs4 import BeautifulSoup

    markup, warnings = _decode(data, name)
    soup = BeautifulSoup(markup, "html.parser")
    out: list[str] = []
    _render(soup.body or soup, out)
    text = _tidy("".join(out))
    title = _INLINE_SPACE.sub(" ", soup.title.get_text()).strip() if soup.title else ""
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}" if text else title
    return [text], warnings


def _decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """Decode with the charset the page declares, falling back to UTF-8 then cp1252."""
    from bs4.dammit import EncodingDetector

    declared = EncodingDetector.find_declared_encoding(data, is_html=True)
    # Browsers read a Latin-1 label as Windows-1252; so do council exports.
    declared = "cp1252" if declared in ("iso-8859-1", "latin-1", "latin1", "us-ascii") else declared
    # A UTF-16/32 label inside the bytes it describes cannot be true without a BOM (which decode_text reads).
    if declared and not declared.startswith(("utf-16", "utf-32")):
        try:
            return data.decode(declared), []
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return decode_text(data, name)
    except ParseError as err:
        raise ParseError(f"{name} does not look like an HTML file: it contains binary data.") from err


# Steps of the walk: text to emit, a node whose children to walk, and table-row bookkeeping.
_TEXT, _EXPAND, _ROW_OPEN, _CELL, _ROW_CLOSE = range(5)


def _render(root, out: list[str], pre: bool = False) -> None:
    """Append the text of `root`'s children to `out`.

    The walk keeps its own stack rather than recursing, so a page nested thousands of
    elements deep reads like any other.
    """
    stack: list[tuple] = [(_EXPAND, root, pre)]
    rows: list[tuple[int, list[int]]] = []  # per open table row: where it starts in out, where each cell does
    while stack:
        step = stack.pop()
        if step[0] == _TEXT:
            out.append(step[1])
        elif step[0] == _EXPAND:
            stack.extend(reversed(_children(step[1], step[2])))
        elif step[0] == _ROW_OPEN:
            rows.append((len(out), []))
        elif step[0] == _CELL:
            rows[-1][1].append(len(out))
        else:
            start, cells = rows.pop()
            row = _row_text(out, cells)
            del out[start:]
            out.append(f"\n{row}\n")


def _children(node, pre: bool) -> list[tuple]:
    from bs4 import CData, NavigableString, Tag

    steps: list[tuple] = []
    for child in node.children:
        if isinstance(child, NavigableString):
            # Comments, doctypes and processing instructions are strings too, but not text.
            if type(child) in (NavigableString, CData):
                steps.append((_TEXT, str(child) if pre else _INLINE_SPACE.sub(" ", str(child))))
        elif isinstance(child, Tag) and child.name not in _DROPPED:
            steps.extend(_tag_steps(child, pre))
    return steps


def _tag_steps(tag, pre: bool) -> list[tuple]:
    name = tag.name
    if name == "br":
        return [(_TEXT, "\n")]
    if name == "tr":  # a table row as one line: each cell's text, cells joined by tabs
        steps: list[tuple] = [(_ROW_OPEN,)]
        for cell in tag.find_all(["td", "th"], recursive=False):
            steps += [(_CELL,), (_EXPAND, cell, False)]
        return [*steps, (_ROW_CLOSE,)]
    if name == "li":
        return [(_TEXT, f"\n{_list_marker(tag)}"), (_EXPAND, tag, pre), (_TEXT, "\n")]
    gap = "\n\n" if name in _PARAGRAPHS else "\n" if name in _LINES else ""
    return [(_TEXT, gap), (_EXPAND, tag, pre or name == "pre"), (_TEXT, gap)]


def _row_text(out: list[str], cells: list[int]) -> str:
    """The cells rendered into `out` from the given starts, folded to one tab-separated line."""
    ends = [*cells[1:], len(out)]
    texts = [_INLINE_SPACE.sub(" ", "".join(out[start:end])).strip() for start, end in zip(cells, ends, strict=True)]
    while texts and not texts[-1]:
        texts.pop()
    return "\t".join(texts)


def _list_marker(li) -> str:
    parent = li.parent
    if parent is None or parent.name != "ol":
        return "\u2022 "
    start = parent.get("start", "1")
    first = int(start) if str(start).strip().lstrip("-").isdigit() else 1
    position = sum(1 for sibling in li.find_previous_siblings("li"))
    return f"{first + position}. "


def _tidy(text: str) -> str:
    lines = [_RUN_OF_SPACES.sub(" ", line).strip(" ") for line in text.split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n")
