"""Ctrl+S writes what the CLI writes: CSV a spreadsheet reads as numbers and dates, Markdown, and Word tables."""

from __future__ import annotations

import codecs
import csv
import io

import pytest
from docx import Document
from pilot_helpers import until
from textual.widgets import Input, RadioButton

from cspsearch.analysis.grants import grants, ledger_table
from cspsearch.tui.app import CspSearchApp
from cspsearch.tui.screens.export_prompt import ExportPrompt

SIZE = (100, 32)
pytestmark = pytest.mark.anyio


async def export(pilot, path, button: str | None = None) -> None:
    """Ctrl+S, then either type the file name or pick a format button and keep the offered name."""
    app = pilot.app
    await pilot.press("ctrl+s")
    await until(pilot, lambda: isinstance(app.screen, ExportPrompt))
    box = app.screen.query_one("#path", Input)
    if button:
        box.value = str(path.with_suffix(".csv"))
        await pilot.pause()
        app.screen.query_one(f"#format-{button}", RadioButton).value = True
        await until(pilot, lambda: box.value == str(path))
    else:
        box.value = str(path)
    box.focus()
    await pilot.press("enter")
    await until(pilot, lambda: path.exists() and not isinstance(app.screen, ExportPrompt))


async def test_grants_ledger_exports_numbers_for_excel_and_a_word_table(corpus_index, tmp_path):
    # Before: the CSV held the screen's text, "£38,449" and "2019-20" (which Excel reads as a date).
    result = grants(corpus_index)
    headers, shown = ledger_table(result)
    assert any("£" in row[3] for row in shown)
    app = CspSearchApp(corpus_index)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        await until(pilot, lambda: getattr(app.screen, "result", None) is not None)
        await export(pilot, tmp_path / "ledger.csv")
        await export(pilot, tmp_path / "ledger.docx", button="docx")
    assert (tmp_path / "ledger.csv").read_bytes().startswith(codecs.BOM_UTF8)  # so Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO((tmp_path / "ledger.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0] == headers and len(rows) == len(shown) + 1
    for written, line in zip(rows[1:], [e for k in ("entries", "undated", "no_amount") for e in result[k]],
                             strict=True):
        if line["amount"] is not None:
            assert float(written[3]) == line["amount"]  # a number, no £ or commas
        if line["financial_year"]:
            assert written[2].endswith(str(int(line["financial_year"][:4]) + 1)) and " to " in written[2]
    table = Document(str(tmp_path / "ledger.docx")).tables[0]
    assert [c.text for c in table.rows[0].cells] == headers
    assert len(table.rows) == len(shown) + 1
    assert [c.text for c in table.rows[1].cells] == shown[0]  # Word shows the amounts as on screen


async def test_search_exports_markdown_by_its_button_and_pages_as_numbers(corpus_index, tmp_path):
    app = CspSearchApp(corpus_index)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.screen.query("#query"))
        app.screen.query_one("#query", Input).value = "CCTV"
        await until(pilot, lambda: app.screen.shown_query == "CCTV")
        await export(pilot, tmp_path / "hits.md", button="md")
        await export(pilot, tmp_path / "hits.csv")
    assert "| title | council |" in (tmp_path / "hits.md").read_text()
    rows = list(csv.DictReader(io.StringIO((tmp_path / "hits.csv").read_text(encoding="utf-8-sig"))))
    assert rows and all(row["page"].isdigit() for row in rows)
