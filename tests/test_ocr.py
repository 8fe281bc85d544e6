"""OCR of scanned pages with the real tesseract: read, searched, cited by page, cached, time-limited, flagged.

Every scan here is generated: lines of text drawn with DejaVu Sans onto a white page and
saved as an image-only PDF. Tesseract is a hard requirement of `make test` (the Makefile
installs it), so a missing engine fails these tests rather than skipping them.
"""

from __future__ import annotations

import io
import random
import stat
import time
from pathlib import Path

import matplotlib
import pypdfium2
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from typer.testing import CliRunner

from cspsearch import links, services
from cspsearch.cli import app
from cspsearch.ingest.readers import ocr, read_document

FONT = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
COVER = ["Community Safety Partnership", "Annual report to the Cabinet"]
GRANT = ["The committee agreed a grant of £25,000 to the", "Safer Neighbourhoods Partnership on 3 March 2021",
         "under section 17 of the Crime and Disorder Act 1998."]
APPENDIX = ["Appendix B: signed letter from the Police and", "Crime Commissioner about the Lantern project."]


def scanned_page(lines: list[str], blur: float = 0, noise: int = 0) -> Image.Image:
    """An A4 page at 150 dpi holding `lines` as pixels only, as a scanner makes it."""
    font = ImageFont.truetype(str(FONT), 28)
    image = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(image)
    for n, line in enumerate(lines):
        draw.text((120, 150 + 50 * n), line, font=font, fill=0)
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(blur))
    pixels, rnd = image.load(), random.Random(7)
    for _ in range(noise):
        pixels[rnd.randrange(1240), rnd.randrange(1754)] = 0
    return image


def write_scan(path: Path, pages: list[Image.Image]) -> Path:
    pages[0].save(path, "PDF", resolution=150, save_all=True, append_images=pages[1:])
    return path


def counting_engine(tmp_path: Path, monkeypatch, body: str = 'exec tesseract "$@"') -> Path:
    """Put a wrapper in front of tesseract that logs each page it is asked to read; the log's path."""
    log = tmp_path / "engine-calls.log"
    script = tmp_path / "tesseract-wrapper"
    script.write_text(f'#!/bin/sh\nif [ "$1" = stdin ]; then echo page >> "{log}"; fi\n{body}\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(ocr, "TESSERACT", str(script))  # forked ingest workers inherit it
    return log


def calls(log: Path) -> int:
    return len(log.read_text().splitlines()) if log.exists() else 0


def test_the_engine_is_installed():
    """OCR is part of the product: `make test` installs tesseract, and this says so when it did not."""
    assert ocr.unavailable_reason() is None
    result = CliRunner().invoke(app, ["doctor"])
    assert result.exit_code == 0 and "tesseract" in result.output


def test_a_scan_is_ingested_searched_and_cited_to_its_page(tmp_path, monkeypatch):
    log = counting_engine(tmp_path, monkeypatch)
    papers = tmp_path / "papers"
    papers.mkdir()
    write_scan(papers / "scan.pdf", [scanned_page(COVER), scanned_page(GRANT), scanned_page(APPENDIX)])
    report = services.ingest([papers], tmp_path / "index", jobs=1)
    assert report.failed == [] and report.ocr_pages == 3 and report.ocr_low == 0
    assert calls(log) == 3

    hits = services.search("Neighbourhoods", tmp_path / "index")["results"]
    assert [p["page"] for p in hits[0]["passages"]] == [2]
    assert [p["page"] for p in services.search("Lantern", tmp_path / "index")["results"][0]["passages"]] == [3]
    money = services.entity_rows(tmp_path / "index", "money")
    assert [(m["page"], m["amount"]) for m in money] == [(2, 25000)]

    shown = services.show(hits[0]["doc_id"], tmp_path / "index", page=2)
    assert "Crime and Disorder Act 1998" in shown["text"]
    assert links.citation_note(shown["doc"], 2).startswith("read by OCR, 9")
    printed = CliRunner().invoke(app, ["show", hits[0]["doc_id"], "--page", "2", "--index", str(tmp_path / "index")])
    assert "page 2 of 3 (read by OCR," in " ".join(printed.output.split())

    # Unchanged and forced again: every page comes from the cache, the engine is not called.
    again = services.ingest([papers], tmp_path / "index", jobs=1, force=True)
    assert again.ingested and again.ocr_pages == 3 and calls(log) == 3
    assert services.search("Neighbourhoods", tmp_path / "index")["results"][0]["passages"][0]["page"] == 2


def test_pages_with_a_text_layer_are_not_ocrd(tmp_path, monkeypatch):
    from matplotlib.figure import Figure

    log = counting_engine(tmp_path, monkeypatch)
    typed = io.BytesIO()
    figure = Figure(figsize=(8.27, 11.69))
    figure.text(0.1, 0.9, "Typed covering report on the Lantern project")
    with matplotlib.rc_context({"pdf.fonttype": 42}):
        figure.savefig(typed, format="pdf")
    merged = pypdfium2.PdfDocument(typed.getvalue())
    merged.import_pages(pypdfium2.PdfDocument(write_scan(tmp_path / "appendix.pdf", [scanned_page(GRANT)])))
    merged.save(tmp_path / "mixed.pdf")
    with ocr.configured(ocr.OcrOptions(enabled=True)):
        doc = read_document(tmp_path / "mixed.pdf")
    assert "Typed covering report" in doc.pages[0] and "Crime and Disorder Act 1998" in doc.pages[1]
    assert [p.page for p in doc.ocr_pages] == [2] and calls(log) == 1


def test_a_scan_stamped_with_a_page_number_is_still_ocrd(tmp_path):
    """Agenda packs stamp "Page 23" on every page, scanned appendices too: the stamp is not a text layer."""
    import numpy as np
    from matplotlib.figure import Figure

    figure = Figure(figsize=(8.27, 11.69), dpi=150)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.axis("off")
    axes.imshow(np.asarray(scanned_page(GRANT)), cmap="gray", vmin=0, vmax=255, aspect="auto")
    figure.text(0.85, 0.02, "Page 23")
    with matplotlib.rc_context({"pdf.fonttype": 42}):
        figure.savefig(tmp_path / "pack.pdf", format="pdf", dpi=150)
    assert read_document(tmp_path / "pack.pdf").pages == ("Page 23",)  # what the text layer holds
    with ocr.configured(ocr.OcrOptions(enabled=True)):
        doc = read_document(tmp_path / "pack.pdf")
    assert "Crime and Disorder Act 1998" in doc.pages[0] and [p.page for p in doc.ocr_pages] == [1]


def test_no_ocr_leaves_a_scan_unread_and_says_so(tmp_path, monkeypatch):
    log = counting_engine(tmp_path, monkeypatch)
    write_scan(tmp_path / "scan.pdf", [scanned_page(GRANT)])
    report = services.ingest([tmp_path / "scan.pdf"], tmp_path / "index", jobs=1, ocr=False)
    assert report.ocr_pages == 0 and calls(log) == 0
    assert any("OCR would be needed" in warning for _, warning in report.warnings)
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "scan.pdf"), "--no-ocr"])
    assert "OCR would be needed" in " ".join(result.output.split()) and calls(log) == 0


def test_a_page_past_its_time_limit_is_a_warning_not_a_hang(tmp_path, monkeypatch):
    counting_engine(tmp_path, monkeypatch, body='if [ "$1" = stdin ]; then exec sleep 60; fi\nexec tesseract "$@"')
    write_scan(tmp_path / "scan.pdf", [scanned_page(GRANT), scanned_page(APPENDIX)])
    started = time.monotonic()
    with ocr.configured(ocr.OcrOptions(enabled=True, page_seconds=1)):
        doc = read_document(tmp_path / "scan.pdf")
    assert time.monotonic() - started < 20
    assert doc.pages == ("", "") and doc.ocr_pages == ()
    assert doc.warnings == ("pages 1, 2 took longer than 1 second to OCR and are left empty.",)


def test_a_page_read_with_low_confidence_is_kept_flagged_and_counted(tmp_path):
    write_scan(tmp_path / "scan.pdf", [scanned_page(GRANT), scanned_page(GRANT, blur=4)])
    report = services.ingest([tmp_path / "scan.pdf"], tmp_path / "index", jobs=1)
    assert report.ocr_pages == 2 and report.ocr_low == 1
    (warning,) = [w for _, w in report.warnings]
    assert warning.startswith("page 2 was read by OCR with low confidence")
    doc = services.documents(tmp_path / "index")[0]
    assert [(p["page"], p["low"]) for p in doc["ocr_pages"]] == [(1, False), (2, True)]
    assert links.citation_note(doc, 2).endswith("low, check the page")
    assert services.show(doc["doc_id"], tmp_path / "index", page=2)["text"].strip()  # indexed all the same


def test_a_scan_with_no_text_gets_a_sentence(tmp_path):
    write_scan(tmp_path / "blank.pdf", [scanned_page([]), scanned_page([])])
    with ocr.configured(ocr.OcrOptions(enabled=True)):
        doc = read_document(tmp_path / "blank.pdf")
    assert doc.warnings == ("no text layer, and OCR found no text in this scan: "
                            "it may hold only pictures or blank pages.",)


@pytest.mark.parametrize("tsv, text, confidence", [
    ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
     "5\t1\t1\t1\t1\t1\t0\t0\t1\t1\t90\tTwo\n5\t1\t1\t1\t1\t2\t0\t0\t1\t1\t70\twords\n"
     "5\t1\t1\t2\t1\t1\t0\t0\t1\t1\t80\tNext\n", "Two words\n\nNext", 0.8),
    ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n", "", 0.0),
])
def test_tesseract_word_table_becomes_lines_and_paragraphs(tsv, text, confidence):
    assert ocr.parse_tsv(tsv) == (text, pytest.approx(confidence))
