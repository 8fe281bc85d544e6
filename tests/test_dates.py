"""Dates, financial years, quarters and plan periods: every written form, the bad cases,
the year a day-month takes from its meeting, and the dates of the sample papers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cspsearch.extract import extract_entities
from cspsearch.extract.dates import find_dates
from cspsearch.extract.yearspans import financial_years_in, parse_financial_year
from cspsearch.model import DocumentMeta

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
FAMILY = ("cspsearch_dates",)


def found(text: str, meta: DocumentMeta | None = None, kind: str | None = None) -> list[dict]:
    entities = extract_entities(text, meta or DocumentMeta(), families=FAMILY)
    for entity in entities:
        assert text[entity.start:entity.end] == entity.text
    return [e.to_json() for e in entities if kind is None or e.type == kind]


def dates(text: str, meta: DocumentMeta | None = None) -> list[tuple[str, str, str]]:
    return [(e["text"], e["value"], e["granularity"]) for e in found(text, meta, "date")]


# --- calendar dates ------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "written", "value", "granularity"), [
    ("Date: 13 th April 2023", "13 th April 2023", "2023-04-13", "day"),
    ("Meeting March 28th 2017 at 6pm", "March 28th 2017", "2017-03-28", "day"),
    ("held on Tuesday, 12th November 2019.", "Tuesday, 12th November 2019", "2019-11-12", "day"),
    ("Monday 14 March 2011", "Monday 14 March 2011", "2011-03-14", "day"),
    ("3 DECEMBER 2020", "3 DECEMBER 2020", "2020-12-03", "day"),
    ("signed 12/11/2019 by", "12/11/2019", "2019-11-12", "day"),
    ("letter dated 16.12.24 from", "16.12.24", "2024-12-16", "day"),
    ("on 1st of April 2024", "1st of April 2024", "2024-04-01", "day"),
    ("the 14 February\n2017 meeting", "14 February\n2017", "2017-02-14", "day"),
    ("by 2025-03-31 at", "2025-03-31", "2025-03-31", "day"),
    ("Wed. 3 Jan. 2024", "Wed. 3 Jan. 2024", "2024-01-03", "day"),
    ("Date Issued: February 2015", "February 2015", "2015-02", "month"),
    ("in November 2010 (Appendix A)", "November 2010", "2010-11", "month"),
    ("from Sept. 2024", "Sept. 2024", "2024-09", "month"),
    ("events in Spring 2025.", "Spring 2025", "2025", "year"),
])
def test_written_forms(text, written, value, granularity):
    assert dates(text) == [(written, value, granularity)]


def test_month_of_a_financial_year_in_its_first_quarter_is_in_the_later_calendar_year():
    assert dates("monitoring as at January 2024-25")[0][1:] == ("2025-01", "month")
    assert dates("monitoring as at November 2024-25")[0][1:] == ("2024-11", "month")


@pytest.mark.parametrize("text", [
    "under Section 5 of the Act", "a fee of £2,019 was paid", "see paragraph 1.2.3 below",
    "Page 12 of 54", "in 2011 the partnership", "so there may be gaps", "call 01622 602000",
    "31/02/2020", "Transaction type Jan 24 – Apr 24", "up 12.5% on 2023", "ref 24/00108",
])
def test_not_dates(text):
    assert dates(text, DocumentMeta(meeting_date="2017-03-28")) == []


# --- a day and month without a year ------------------------------------------------------

def test_day_month_without_a_year_takes_the_meeting_year():
    meta = DocumentMeta(meeting_date="2017-03-28", year=2017)
    assert dates("Changes in legislation from April 1st mean", meta) == [("April 1st", "2017-04-01", "day")]
    assert dates("for invoicing by May 30th.", meta) == [("May 30th", "2017-05-30", "day")]
    [entity] = found("by May 30th.", meta, "date")
    assert entity["year_from"] == "meeting"


def test_day_month_without_a_year_is_dated_nearest_the_meeting():
    # Said at a March 2011 meeting about the group's last meeting: November 2010, not 2011.
    meta = DocumentMeta(meeting_date="2011-03-14")
    assert dates("At their meeting on 25 November the group", meta) == [("25 November", "2010-11-25", "day")]


def test_meeting_known_only_by_year_gives_that_year():
    meta = DocumentMeta(year=2011)
    assert dates("on 25 November the group", meta) == [("25 November", "2011-11-25", "day")]


def test_day_month_without_a_year_or_meeting_is_not_guessed():
    assert dates("Changes in legislation from April 1st mean") == []
    assert dates("31 March is the deadline") == []


def test_first_date_of_a_range_takes_the_year_of_the_second():
    assert dates("progress 1 January to 31 March 2009") == [
        ("1 January", "2009-01-01", "day"), ("31 March 2009", "2009-03-31", "day")]
    assert dates("1 December – 31 March 2009")[0][1] == "2008-12-01"


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31)),
       st.sampled_from(["%d %B %Y", "%B %d %Y", "%d/%m/%Y", "%A %d %B %Y", "%d %b %Y", "%Y-%m-%d"]))
def test_any_written_date_reads_back(day, form):
    text = f"The meeting on {day.strftime(form)} agreed."
    assert [value for _, value, _ in dates(text)] == [day.isoformat()]


# --- financial years, quarters, periods ---------------------------------------------------

@pytest.mark.parametrize(("text", "written", "value"), [
    ("funding for 2014-15, which", "2014-15", "2014-15"),
    ("the priorities for 2017/18 are:", "2017/18", "2017-18"),
    ("In 2019-2020 the amount", "2019-2020", "2019-20"),
    ("budget FY 2019/20 shows", "2019/20", "2019-20"),
    ("in financial year 2019-20 the", "2019-20", "2019-20"),
    ("for FY24/25 only", "FY24/25", "2024-25"),
    ("in the 2016-\n17 budget", "2016-\n17", "2016-17"),
    ("accounts 1999/00 were", "1999/00", "1999-00"),
    ("from 2019 to 2020 the", "2019 to 2020", "2019-20"),
])
def test_financial_years(text, written, value):
    assert [(e["text"], e["value"]) for e in found(text, kind="financial_year")] == [(written, value)]


@pytest.mark.parametrize(("text", "quarter", "value"), [
    ("performance in Q3 2019/20 was", "Q3 2019/20", "2019-20 Q3"),
    ("at Quarter 3 2024-25, savings", "Quarter 3 2024-25", "2024-25 Q3"),
    ("Finance Monitoring Report - Q3 - November 2024-25", "Q3 - November 2024-25", "2024-25 Q3"),
    ("since Quarter 4, 2022/23.", "Quarter 4, 2022/23", "2022-23 Q4"),
    ("baseline: (Q4 23/24) 881", "Q4 23/24", "2023-24 Q4"),
    ("the third quarter of 2019/20", "third quarter of 2019/20", "2019-20 Q3"),
    ("results for 2019-20 (Q2) show", "2019-20 (Q2)", "2019-20 Q2"),
])
def test_quarters_give_the_quarter_and_its_financial_year(text, quarter, value):
    [entity] = found(text, kind="quarter")
    year = value.split()[0]
    assert (entity["text"], entity["value"], entity["financial_year"]) == (quarter, value, year)
    assert [e["value"] for e in found(text, kind="financial_year")] == [year]


@pytest.mark.parametrize(("text", "value"), [
    ("Community Safety Partnership Plan 2013-18 is", "2013-2018"),
    ("Plan 2013 - 2018 reflects", "2013-2018"),
    ("Community Safety Plan 2020 to 2024", "2020-2024"),
    ("CSP Plan 2022-2025. It", "2022-2025"),
    ("Waste Local Plan 2024-2039 (KWMLP)", "2024-2039"),
    ("during the period 2017-20. The", "2017-2020"),
])
def test_plan_periods(text, value):
    [entity] = found(text, kind="period")
    assert entity["value"] == value
    assert (entity["start_year"], entity["end_year"]) == tuple(int(y) for y in value.split("-"))
    assert found(text, kind="financial_year") == []


@pytest.mark.parametrize("text", [
    "2019-11-12", "2019/21 split", "18-25 year olds", "pages 2024-2099", "ages 24/25 only",
    "the academic year 2025/26", "£2019/20", "2013/2018", "2020 to 24 schools",
])
def test_not_financial_years_or_periods(text):
    assert [e for e in found(text) if e["type"] in ("financial_year", "period", "quarter")] == []


def test_financial_year_helpers():
    assert parse_financial_year("FY 2019/2020") == "2019-20"
    assert parse_financial_year("no year here") is None
    assert [v for *_, v in financial_years_in("Block 2025-26 2024-25 Change")] == ["2025-26", "2024-25"]


def test_find_dates_offsets_point_into_the_text():
    text = "Report of 3 DECEMBER 2020 on the plan 2020 to 2024 and the 2019-2020 allocation."
    for entity in find_dates(text):
        assert text[entity["start"]:entity["end"]] in ("3 DECEMBER 2020", "2020 to 2024", "2019-2020")


# --- the sample papers --------------------------------------------------------------------

SAMPLE_DATES = {
    "maidstone/2015-02-community-safety-partnership-plan-2013-18.txt":
        {"2015-02", "2015-04", "2013-14", "2014-15"},
    "maidstone/2023-04-13-strategic-assessment-partnership-plan.txt": {"2023-04-13", "2022-23", "2023-24"},
    "maidstone/2017-03-28-csp-plan-refresh.txt":
        {"2017-02-16", "2017-03-28", "2017-02-14", "2017-04-01", "2017-05-30", "2017-18"},
    "medway/2020-12-03-annual-scrutiny-community-safety-partnership.txt":
        {"2020-12-03", "2019-10", "2019-12", "2020-07-16", "2020-03-11", "2019-20", "2021-22"},
    "maidstone/2011-03-14-smp-update-crime-disorder-scrutiny.txt":
        {"2011-03-14", "2010-12-20", "2011-03-25", "2010-11-12", "2011-03-07", "2010-11", "2011-03"},
}


@pytest.mark.parametrize("name", sorted(SAMPLE_DATES))
def test_sample_papers_give_their_dates(name):
    stem = name.split("/")[1]
    meeting = stem[:10] if stem[8:10].isdigit() else stem[:7]  # "2015-02-..." gives only the month
    text = (CORPUS / name).read_text(encoding="utf-8")
    got = {e["value"] for e in found(text, DocumentMeta(meeting_date=meeting))}
    assert SAMPLE_DATES[name] <= got, sorted(SAMPLE_DATES[name] - got)


def test_month_and_bare_number_is_not_read_as_a_day():
    meta = DocumentMeta(meeting_date="2025-01-30")
    assert dates("Council elections in May 25.", meta) == []
    assert dates("construction to commence in November 24 and", meta) == []


def test_last_year_moves_a_day_month_back_a_year():
    meta = DocumentMeta(meeting_date="2025-03-13")
    text = "At the Full Council meeting on 23 May last year I asked"
    assert dates(text, meta) == [("23 May", "2024-05-23", "day")]
