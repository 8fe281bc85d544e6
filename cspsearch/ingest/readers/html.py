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


def _render(node, out: list[str], pre: bool = False) -> None:
    from bs4 import CData, NavigableString, Tag

    for child in node.children:
        if isinstance(child, NavigableString):
            # Comments, doctypes and processing instructions are strings too, but not text.
            if type(child) in (NavigableString, CData):
                out.append(str(child) if pre else _INLINE_SPACE.sub(" ", str(child)))
            continue
        if not isinstance(child, Tag) or child.name in _DROPPED:
            continue
        _render_tag(child, out, pre)


def _render_tag(tag, out: list[str], pre: bool) -> None:
    name = tag.name
    if name == "br":
        out.append("\n")
    elif name == "tr":
        out.append(f"\n{_row(tag)}\n")
    elif name == "li":
        out.append(f"\n{_list_marker(tag)}")
        _render(tag, out, pre)
        out.append("\n")
    else:
        gap = "\n\n" if name in _PARAGRAPHS else "\n" if name in _LINES else ""
        out.append(gap)
        _render(tag, out, pre or name == "pre")
        out.append(gap)


def _row(tr) -> str:
    """A table row as one line: each cell's text, cells joined by tabs."""
    cells = []
    for cell in tr.find_all(["td", "th"], recursive=False):
        parts: list[str] = []
        _render(cell, parts)
        cells.append(_INLINE_SPACE.sub(" ", "".join(parts)).strip())
    while cells and not cells[-1]:
        cells.pop()
    return "\t".join(cells)


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
