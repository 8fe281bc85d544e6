"""DOCX reader: paragraphs and tables in document order; explicit page breaks start new pages."""

from __future__ import annotations

import io
import zipfile

from cspsearch.errors import ParseError

BULLET = "\u2022 "
# A Word file's text lives in its XML parts; 64 MB of markup is thousands of pages. Images
# and other media may add more, but not without limit: every part is held in memory.
MAX_MARKUP_BYTES = 64_000_000
MAX_UNZIPPED_BYTES = 512_000_000
_RUN_ITEMS = "w:br | w:cr | w:noBreakHyphen | w:ptab | w:t | w:tab"


def read_docx(data: bytes, name: str) -> tuple[list[str], list[str]]:
    """The pages of a Word document: one page unless it has explicit page breaks."""
    document = _open(data, name)
    pages = _Pages()
    bullets = _BulletFormats(document)
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            pages.add_lines([_row_text(row) for row in block._tbl.tr_lst])
        else:
            _add_paragraph(block, pages, bullets)
    return pages.finish(), []


def _open(data: bytes, name: str):
    import docx

    _check_unzipped_size(data, name)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as err:  # python-docx raises zip, XML and key errors alike for a bad file
        raise ParseError(
            f"{name} is not a valid Word document (.docx): it may be damaged or in another format."
        ) from err


def _check_unzipped_size(data: bytes, name: str) -> None:
    """Refuse a zip bomb before python-docx unpacks it: python-docx holds every part in memory.

    The sizes checked are those the archive declares; zipfile never inflates a member past
    its declared size (a false one fails its checksum), so they bound what is unpacked.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # not a zip: python-docx says so in its own sentence below
    total = sum(m.file_size for m in members)
    markup = sum(m.file_size for m in members if m.filename.lower().endswith((".xml", ".rels")))
    if total > MAX_UNZIPPED_BYTES or markup > MAX_MARKUP_BYTES:
        raise ParseError(
            f"{name} unpacks to {total / 1e6:,.0f} MB ({markup / 1e6:,.0f} MB of markup), more than a Word "
            f"document may ({MAX_UNZIPPED_BYTES / 1e6:,.0f} MB, {MAX_MARKUP_BYTES / 1e6:,.0f} MB of markup); "
            "it was not opened.")


class _Pages:
    """Collects paragraphs into pages: a blank line before each paragraph or table, none before a bullet."""

    def __init__(self) -> None:
        self.pages: list[list[str]] = [[]]

    def add_lines(self, lines: list[str], blank_before: bool = True) -> None:
        lines = [line for line in lines if line.strip()]
        if not lines:
            return
        page = self.pages[-1]
        if page and blank_before:
            page.append("")
        page.extend(lines)

    def break_page(self) -> None:
        if self.pages[-1]:
            self.pages.append([])

    def finish(self) -> list[str]:
        return ["\n".join(lines) for lines in self.pages if lines] or [""]


def _add_paragraph(paragraph, pages: _Pages, bullets: _BulletFormats) -> None:
    p = paragraph._p
    if _page_break_before(paragraph):
        pages.break_page()
    # Bullet items sit tight under their lead-in; every other paragraph stands apart.
    marker = BULLET if bullets.is_bullet(paragraph) else ""
    if not p.xpath(".//w:br[@w:type='page']"):
        pages.add_lines([marker + paragraph.text], blank_before=not marker)
        return
    for i, piece in enumerate(_split_at_page_breaks(p)):
        if i:
            pages.break_page()
        pages.add_lines([(marker if i == 0 else "") + piece], blank_before=not marker)


def _split_at_page_breaks(p) -> list[str]:
    """The paragraph's text cut where it holds a hard page break."""
    from docx.oxml.ns import qn

    pieces: list[str] = []
    current: list[str] = []
    for run in p.xpath("./w:r | ./w:hyperlink/w:r | ./w:ins/w:r | ./w:smartTag/w:r"):
        for item in run.xpath(_RUN_ITEMS):
            if item.tag == qn("w:br") and item.get(qn("w:type")) == "page":
                pieces.append("".join(current))
                current = []
            else:
                current.append(str(item))
    pieces.append("".join(current))
    return pieces


def _page_break_before(paragraph) -> bool:
    try:
        return bool(paragraph.paragraph_format.page_break_before)
    except (AttributeError, ValueError):
        return False


def _row_text(tr) -> str:
    """A table row as one line, cells joined by tabs; merged cells appear once."""
    cells = []
    for tc in tr.tc_lst:
        if tc.vMerge == "continue":  # the cell above holds the text of a vertical merge
            cells.append("")
            continue
        texts = [p.text.strip() for p in tc.p_lst]
        cells.append(" ".join(text for text in texts if text).replace("\n", " "))
    while cells and not cells[-1]:
        cells.pop()
    return "\t".join(cells)


def _numbering(paragraph) -> tuple[str, str] | None:
    """(numId, ilvl) of a list paragraph, from its own properties or its style's."""
    sources = [paragraph._p.pPr]
    style = paragraph.style
    while style is not None and len(sources) < 6:
        sources.append(style.element.pPr)
        style = style.base_style
    for pPr in sources:
        num_pr = pPr.numPr if pPr is not None else None
        if num_pr is not None and num_pr.numId is not None:
            level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
            return str(num_pr.numId.val), str(level)
    return None


class _BulletFormats:
    """Which numbering definitions draw bullets (Word keeps bullets out of the paragraph text)."""

    def __init__(self, document) -> None:
        self.formats = _number_formats(document)

    def is_bullet(self, paragraph) -> bool:
        numbering = _numbering(paragraph) if self.formats else None
        return numbering is not None and self.formats.get(numbering) == "bullet"


def _number_formats(document) -> dict[tuple[str, str], str]:
    """(numId, level) -> number format ("bullet", "decimal", ...) from the numbering part."""
    from docx.oxml.ns import qn

    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract_formats = {abstract.get(qn("w:abstractNumId")): _level_formats(abstract)
                        for abstract in root.iterchildren(qn("w:abstractNum"))}
    formats = {}
    for num in root.iterchildren(qn("w:num")):
        abstract_id = num.find(qn("w:abstractNumId"))
        levels = abstract_formats.get(abstract_id.get(qn("w:val")), {}) if abstract_id is not None else {}
        for level, fmt in levels.items():
            formats[(num.get(qn("w:numId")), level)] = fmt
    return formats


def _level_formats(abstract) -> dict[str, str]:
    from docx.oxml.ns import qn

    formats = {}
    for level in abstract.iterchildren(qn("w:lvl")):
        fmt = level.find(qn("w:numFmt"))
        formats[level.get(qn("w:ilvl"))] = fmt.get(qn("w:val")) if fmt is not None else "decimal"
    return formats
