"""`cspsearch docs`: the list of papers, what filters leave out, and corrections by sidecar."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from cspsearch import services
from cspsearch.cli import app

REAL = Path("/work/shared/corpus-real/kent_county_council")
PAPERS = {
    "agenda_march.pdf": REAL / "cabinet_2025-03-04__Agenda_frontsheet_04th-Mar-2025_10.00_Cabinet.pdf",
    "agenda_january.pdf": REAL / "full_council_2025-01-09__Agenda_frontsheet_09th-Jan-2025_10.00_County_Council.pdf",
    "amendment.pdf": REAL / "full_council_2025-02-13__5_-_Amendment_-_Liberal_Democrats_-_Capital_Support_to_Districts_on_Fly-tipping.pdf",
}
runner = CliRunner()
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="the real council papers are not on this machine")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Three real papers in one folder of two meetings: the amendment says no meeting, and none is passed on."""
    root = tmp_path_factory.mktemp("docs")
    (root / "papers").mkdir()
    for name, source in PAPERS.items():
        shutil.copyfile(source, root / "papers" / name)
    report = services.ingest([root / "papers"], root / "index", jobs=1)
    assert not report.failed
    return root


def _docs(index: Path, *args: str) -> dict:
    result = runner.invoke(app, ["docs", "--index", str(index), "-f", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_list_shows_each_paper_with_its_sources(built):
    listed = _docs(built / "index")
    assert listed["total"] == 3
    names = {Path(d["path"]).name: d for d in listed["documents"]}
    march = names["agenda_march.pdf"]
    assert (march["council_id"], march["committee"], march["meeting_date"], march["doc_kind"]) == (
        "kent", "Cabinet", "2025-03-04", "agenda")
    assert march["meta_sources"]["meeting_date"] == "content"
    assert march["pages"] == 1


def test_missing_finds_the_papers_that_lack_a_field(built):
    missing = _docs(built / "index", "--missing", "meeting_date")
    assert [Path(d["path"]).name for d in missing["documents"]] == ["amendment.pdf"]
    result = runner.invoke(app, ["docs", "--index", str(built / "index"), "--missing", "colour"])
    assert result.exit_code == 1 and "--missing takes one of" in result.output


def test_a_date_filter_says_what_it_left_out(built):
    dated = _docs(built / "index", "--from", "2025", "--to", "2025")
    assert dated["total"] == 2
    assert dated["left_out"][0]["note"] == ("1 paper with no meeting date was left out; "
                                            "--include-undated keeps them.")
    kept = _docs(built / "index", "--from", "2025", "--include-undated")
    assert kept["total"] == 3 and kept["left_out"] == []
    table = runner.invoke(app, ["docs", "--index", str(built / "index"), "--committee", "cabinet"])
    assert "1 paper with no committee was left out" in table.stdout


def test_search_says_what_its_filters_left_out(built):
    index = built / "index"
    plain = services.search("fly-tipping", index)
    assert any(Path(d["path"]).name == "amendment.pdf" for d in plain["results"])
    dated = services.search("fly-tipping", index, year_from=2025)
    assert not any(Path(d["path"]).name == "amendment.pdf" for d in dated["results"])
    assert dated["left_out"] and dated["left_out"][0]["field"] == "date"
    kept = services.search("fly-tipping", index, year_from=2025, include_undated=True)
    assert any(Path(d["path"]).name == "amendment.pdf" for d in kept["results"])
    shown = runner.invoke(app, ["search", "fly-tipping", "--index", str(index), "--from", "2025"])
    assert "with no meeting date was left out; --include-undated keeps them" in shown.stdout


def test_set_writes_the_sidecar_and_updates_the_index_without_reading_again(tmp_path):
    shutil.copytree(REAL, tmp_path / "all", ignore=lambda d, names: [n for n in names if "Fly-tipping" not in n])
    paper = next((tmp_path / "all").glob("*.pdf"))
    index = tmp_path / "index"
    services.ingest([paper], index, jobs=1)
    result = runner.invoke(app, ["docs", "set", str(paper), "--index", str(index), "--meeting-date", "2025-02-13",
                                 "--committee", "County Council", "--council", "Kent County Council"])
    assert result.exit_code == 0, result.output
    sidecar = Path(str(paper) + ".meta.yaml")
    assert yaml.safe_load(sidecar.read_text()) == {"meeting_date": "2025-02-13", "committee": "County Council",
                                                   "council_id": "kent"}
    row = _docs(index)["documents"][0]
    assert (row["meeting_date"], row["committee"]) == ("2025-02-13", "County Council")
    assert row["meta_sources"]["meeting_date"] == "sidecar"
    # Passages carry the date too: the date filter now finds the paper.
    assert services.search("fly-tipping", index, year_from=2025, year_to=2025)["total"] == 1
    again = services.ingest([paper], index, jobs=1)
    assert again.unchanged and not again.ingested
    # The correction holds when the paper is read again.
    services.ingest([paper], index, jobs=1, force=True)
    assert _docs(index)["documents"][0]["meeting_date"] == "2025-02-13"


def test_a_wrong_correction_is_a_sentence_and_writes_nothing(built):
    paper = built / "papers" / "amendment.pdf"
    result = runner.invoke(app, ["docs", "set", str(paper), "--index", str(built / "index"),
                                 "--meeting-date", "2025-02-30"])
    assert result.exit_code == 1
    assert "not a real date" in result.output and "Traceback" not in result.output
    assert not Path(str(paper) + ".meta.yaml").exists()
    unknown = runner.invoke(app, ["docs", "set", "ffffffffffff", "--index", str(built / "index"), "--title", "x"])
    assert unknown.exit_code == 1 and "No document with id" in unknown.output


def test_import_corrects_in_bulk_with_a_sentence_per_bad_row(tmp_path):
    shutil.copyfile(PAPERS["amendment.pdf"], tmp_path / "amendment.pdf")
    shutil.copyfile(PAPERS["agenda_march.pdf"], tmp_path / "agenda.pdf")
    index = tmp_path / "index"
    services.ingest([tmp_path / "amendment.pdf", tmp_path / "agenda.pdf"], index, jobs=1)
    ids = {Path(d["path"]).name: d["doc_id"] for d in _docs(index)["documents"]}
    table = tmp_path / "fixes.csv"
    table.write_text("doc_id,path,meeting_date,title\n"
                     f"{ids['amendment.pdf']},,2025-02-13,Amendment on fly-tipping\n"
                     ",,2025-02-13,\n"
                     "0000000000000000,,2025-02-13,\n"
                     f",{tmp_path / 'agenda.pdf'},13/02/2025,\n")
    result = runner.invoke(app, ["docs", "import", str(table), "--index", str(index)])
    assert result.exit_code == 1
    assert "1 papers corrected" in result.stdout
    assert "Row 3 names no paper" in result.stdout
    assert "Row 4: No document with id" in result.stdout
    assert "Row 5:" in result.stdout and "YYYY-MM-DD" in result.stdout
    rows = {Path(d["path"]).name: d for d in _docs(index)["documents"]}
    assert rows["amendment.pdf"]["title"] == "Amendment on fly-tipping"
    assert rows["agenda.pdf"]["meeting_date"] == "2025-03-04"


def test_citations_lead_back_to_the_file_or_the_source_url(tmp_path):
    paper = tmp_path / "agenda.pdf"
    shutil.copyfile(PAPERS["agenda_march.pdf"], paper)
    index = tmp_path / "index"
    services.ingest([paper], index, jobs=1)
    found = runner.invoke(app, ["search", "cabinet", "--index", str(index)])
    assert f"{paper}, p.1" in "".join(found.stdout.split("\n"))  # the console may wrap a long path
    url = "https://democracy.kent.gov.uk/documents/s1/Agenda.pdf"
    Path(str(paper) + ".meta.yaml").write_text(f"source_url: {url}\nagenda_item: '1'\n")
    services.ingest([paper], index, jobs=1)
    doc_id = services.list_documents(index)["documents"][0]["doc_id"]
    assert services.search("cabinet", index)["results"][0]["source_url"] == url
    shown = runner.invoke(app, ["show", doc_id, "--index", str(index)])
    joined = "".join(shown.stdout.split("\n"))
    assert f"{url}, p.1" in joined and f"file: {paper}" in joined
    assert "committee from content" in joined
