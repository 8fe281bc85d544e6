"""Spreadsheets: each sheet a page of tab-separated rows, amounts found as in a PDF table, bombs refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from cspsearch import services
from cspsearch.ingest.readers import read_document, xlsx


def _reserves_book(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Reserves"
    sheet.append(["Earmarked reserves"])
    sheet.append(["Reserve", "2023-24 £000", "2024-25 £000", "2025-26 £000"])
    sheet.append(["General Fund reserve", 42500, -3200, 39300])
    sheet.append(["Community Safety reserve", 1250.5, None, 850])
    book.create_sheet("Empty")
    notes = book.create_sheet("Notes")
    notes.append(["Approved by Cabinet", None, None])
    book.save(path)
    return path


def test_each_sheet_with_values_is_a_page_of_tab_separated_rows(tmp_path):
    parsed = read_document(_reserves_book(tmp_path / "reserves.xlsx"))
    assert parsed.source.kind == "xlsx"
    assert parsed.pages == (
        "Reserves\nEarmarked reserves\nReserve\t2023-24 £000\t2024-25 £000\t2025-26 £000\n"
        "General Fund reserve\t42,500\t-3,200\t39,300\nCommunity Safety reserve\t1,250.50\t\t850",
        "Notes\nApproved by Cabinet",
    )


def test_amounts_in_a_sheet_are_extracted_like_a_pdf_tables(tmp_path):
    line = services.extract_file(_reserves_book(tmp_path / "reserves.xlsx"))
    assert line["error"] is None
    money = {(e["row"], e["financial_year"]): e["amount"] for e in line["entities"] if e["type"] == "money"}
    assert money[("General Fund reserve", "2023-24")] == 42_500_000
    assert money[("General Fund reserve", "2024-25")] == -3_200_000


def test_a_workbook_in_a_folder_is_ingested_not_skipped(tmp_path):
    (tmp_path / "papers").mkdir()
    _reserves_book(tmp_path / "papers" / "reserves.xlsx")
    report = services.ingest([tmp_path / "papers"], tmp_path / "index", jobs=1)
    assert [Path(p).name for p in report.ingested] == ["reserves.xlsx"] and not report.skipped
    assert services.search("general fund reserve", tmp_path / "index")["total"] == 1


def test_a_sheet_spanning_too_many_cells_is_refused_before_it_is_laid_out(tmp_path):
    book = Workbook()
    book.active["A1"] = "Budget"
    book.active["XFD1048576"] = 1  # the last cell: seventeen billion cells between them
    book.save(tmp_path / "bomb.xlsx")
    line = services.extract_file(tmp_path / "bomb.xlsx")
    assert "bomb.xlsx has sheets spanning 17,179,869,184 cells" in line["error"]


def test_a_workbook_unpacking_past_the_limit_is_refused(tmp_path, monkeypatch):
    path = _reserves_book(tmp_path / "reserves.xlsx")
    monkeypatch.setattr(xlsx, "MAX_UNZIPPED_BYTES", 1000)
    line = services.extract_file(path)
    assert "reserves.xlsx would unpack to" in line["error"] and "at most 0 MB" not in line["error"]


def test_rows_past_the_cap_are_left_with_a_warning(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_ROWS", 2)
    parsed = read_document(_reserves_book(tmp_path / "reserves.xlsx"))
    assert parsed.pages == ("Reserves\nEarmarked reserves\nReserve\t2023-24 £000\t2024-25 £000\t2025-26 £000",)
    assert parsed.warnings == ("only the first 2 rows of the workbook were read.",)


def test_a_damaged_workbook_is_a_sentence(tmp_path):
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    line = services.extract_file(tmp_path / "broken.xlsx")
    assert line["error"] == "broken.xlsx is not a valid Excel workbook (.xlsx): it is not a zip archive."


@pytest.mark.parametrize("damage", [b"", b"<worksheet"])
def test_a_workbook_with_a_broken_sheet_is_a_sentence(tmp_path, damage):
    import zipfile

    good = _reserves_book(tmp_path / "good.xlsx")
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as target:
        for part in source.infolist():
            data = source.read(part)
            target.writestr(part, damage if part.filename == "xl/worksheets/sheet1.xml" else data)
    line = services.extract_file(bad)
    assert line["error"] or line["warnings"]
    assert "Traceback" not in str(line)
