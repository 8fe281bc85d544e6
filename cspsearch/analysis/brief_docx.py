"""The briefing as a Word document: the same sections as the Markdown one, tables as real Word tables."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from cspsearch.analysis.brief import (
    References,
    changes_section,
    decisions_table,
    grants_table,
    grants_totals,
    legal_section,
    matrix_table,
)
from cspsearch.analysis.formats import Table
from cspsearch.links import page_link
from cspsearch.reading import IndexReader

# The Markdown sections' inline marks: **bold** and [text](address); nothing else is written there.
INLINE = re.compile(r"\*\*(?P<bold>.+?)\*\*|\[(?P<text>[^\]]+)\]\((?P<url>[^)\s]+)\)")
LINK_IN_BOLD = re.compile(r"^\[(?P<text>[^\]]+)\]\((?P<url>[^)\s]+)\)$")


def hyperlink(paragraph: Paragraph, text: str, url: str, bold: bool = False) -> None:
    """Append a clickable link (python-docx has no API for one, so the run is built in the XML)."""
    rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    props.append(style)
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "0563C1")  # Word's own link blue, in case the template has no Hyperlink style
    props.append(colour)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    props.append(underline)
    if bold:
        props.append(OxmlElement("w:b"))
    run.append(props)
    body = OxmlElement("w:t")
    body.text = text
    body.set(qn("xml:space"), "preserve")
    run.append(body)
    link.append(run)
    paragraph._p.append(link)


def inline(paragraph: Paragraph, text: str) -> None:
    """Write a line of the Markdown sections into `paragraph`, bold and links as Word marks."""
    at = 0
    for mark in INLINE.finditer(text):
        paragraph.add_run(text[at:mark.start()])
        if mark["bold"] is not None:
            linked = LINK_IN_BOLD.match(mark["bold"])
            if linked:
                hyperlink(paragraph, linked["text"], linked["url"], bold=True)
            else:
                paragraph.add_run(mark["bold"]).bold = True
        else:
            hyperlink(paragraph, mark["text"], mark["url"])
        at = mark.end()
    paragraph.add_run(text[at:])


def bullets(document: Any, markdown: str) -> None:
    """A Markdown section of '- ' lines as Word bullets; a plain sentence as a paragraph."""
    for line in markdown.strip().splitlines():
        if line.startswith("- "):
            inline(document.add_paragraph(style="List Bullet"), line[2:])
        elif line.strip():
            inline(document.add_paragraph(), line)


def word_table(document: Any, table: Table) -> None:
    """A real Word table: a bold header row that repeats on each page, then one row per row."""
    headers, rows = table
    grid = document.add_table(rows=1, cols=len(headers))
    grid.style = "Table Grid"
    for cell, header in zip(grid.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(header).bold = True
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    grid.rows[0]._tr.get_or_add_trPr().append(repeat)
    for row in rows:
        for cell, value in zip(grid.add_row().cells, row, strict=True):
            cell.text = str(value)


def build_docx(
    docs: list[dict[str, Any]],
    comparison: dict[str, Any],
    ledger: dict[str, Any],
    legal: list[dict[str, Any]],
    title: str,
    decided: list[dict[str, Any]] | None = None,
    image: Path | None = None,
) -> Any:
    """The briefing as a python-docx Document, its reference numbers as in the Markdown one.

    With `image` (a PNG of the priorities by year), the picture sits above the matrix, captioned.
    """
    refs = References(docs)
    document = Document()
    document.core_properties.title = title
    document.add_heading(title, level=0)
    document.add_paragraph(
        f"Drawn from {len(docs)} committee papers. Numbers in brackets point to the references at the end."
    ).runs[0].italic = True
    document.add_heading("1. Priorities compared", level=1)
    if image is not None:
        from docx.shared import Cm

        from cspsearch.analysis.evolution import sources_line

        document.add_picture(str(image), width=Cm(16))
        document.add_paragraph(
            "Figure: the themes each council's priority list names, by meeting year (filled where named, "
            f"hollow where that year's papers hold no list). Drawn from {sources_line(comparison)}."
        ).runs[0].italic = True
    word_table(document, matrix_table(comparison, refs))
    document.add_heading("2. What changed", level=1)
    bullets(document, changes_section(comparison, refs))
    document.add_heading("3. Grants", level=1)
    grants = grants_table(ledger, refs)
    if grants is None:
        document.add_paragraph("No grant received by these councils was found in these papers.")
    else:
        word_table(document, grants)
        if totals := grants_totals(ledger):
            document.add_paragraph(f"Totals received per council and year (current figures only): {totals}.")
    document.add_heading("4. Legal basis", level=1)
    bullets(document, legal_section(legal, refs))
    document.add_heading("5. Decisions", level=1)
    decisions, more = decisions_table(decided or [], refs)
    if decisions is None:
        document.add_paragraph("No decision or motion is recorded in these papers.")
    else:
        word_table(document, decisions)
        if more:
            document.add_paragraph(f"{more} more decisions and motions are listed by cspsearch decisions.")
    document.add_heading("References", level=1)
    for n, (doc_id, page) in enumerate(refs.order, start=1):
        # Numbered in the text, not by Word's list numbering, so [n] in the body always matches.
        paragraph = document.add_paragraph(f"{n}. ")
        url = page_link(refs.docs.get(doc_id, {}), page)
        if url:
            hyperlink(paragraph, refs.entry(doc_id, page), url)
        else:
            paragraph.add_run(refs.entry(doc_id, page))
    return document


def brief_docx(
    councils: list[str],
    path: Path,
    year_from: int | None = None,
    year_to: int | None = None,
    index: str | Path | None = None,
    scheme: str = "csp",
    reader: IndexReader | None = None,
) -> None:
    """Write the Word briefing comparing `councils` to `path`, the priorities picture inside it, read
    through `reader` (else from the index folder `index`)."""
    import tempfile

    from cspsearch.analysis.brief import brief_parts
    from cspsearch.analysis.picture import draw
    from cspsearch.outputs import replace_file

    parts = brief_parts(councils, year_from, year_to, index, scheme, reader)
    with tempfile.TemporaryDirectory() as folder:
        image = Path(folder) / "evolution.png"
        draw(parts["comparison"], image, "png")
        document = build_docx(**parts, image=image)
    replace_file(path, lambda temp: document.save(str(temp)))
