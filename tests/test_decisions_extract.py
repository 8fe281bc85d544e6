"""Decisions, recommendations, motions and votes read from real council papers."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from cspsearch import services

ROOT = Path(__file__).resolve().parent.parent
KENT = ROOT.parent / "shared" / "corpus-real" / "kent_county_council"
SEEDS = ROOT.parent / "shared" / "seeds"
FEB_MINUTES = KENT / "full_council_2025-02-13__Printed_minutes_13th-Feb-2025_09.30_County_Council.pdf"
MAR_MINUTES = KENT / "full_council_2025-03-13__Printed_minutes_13th-Mar-2025_10.00_County_Council.pdf"
FLY_TIPPING_FORM = KENT / "full_council_2025-02-13__5_-_Amendment_-_Liberal_Democrats_-_Capital_Support_to_Districts_on_Fly-tipping.pdf"
RECORD = KENT / "full_council_2025-03-13__Appendix_4_-_24-00093_Record_of_Decision.pdf"
PROPOSED_RECORD = KENT / "cabinet_2025-01-30__24-00096_-_PRoD.pdf"

pytestmark = pytest.mark.skipif(not KENT.is_dir(), reason="needs ../shared/corpus-real")
FAMILIES = ("decision", "recommendation", "motion", "vote")


@cache
def extracted(path: Path) -> dict:
    return services.extract_file(path)


def of_type(path: Path, kind: str) -> list[dict]:
    return [e for e in extracted(path)["entities"] if e["type"] == kind]


def test_feb_budget_minutes_hold_three_decisions_eight_motions_and_eight_votes():
    # By hand: RESOLVED in items 288, 290 and 291; the s25 motion, the budget motion and six
    # amendments, each put to a recorded vote.
    assert len(of_type(FEB_MINUTES, "decision")) == 3
    assert len(of_type(FEB_MINUTES, "motion")) == 8
    assert len(of_type(FEB_MINUTES, "vote")) == 8
    assert of_type(FEB_MINUTES, "recommendation") == []


def test_a_budget_amendment_has_its_movers_amount_funding_and_outcome():
    fly = next(m for m in of_type(FEB_MINUTES, "motion") if "Fly tipping" in m["motion"])
    assert (fly["proposer"], fly["seconder"]) == ("Mr Passmore", "Mr Chittenden")
    assert fly["kind"] == "budget_amendment" and fly["amount"] == 1_000_000 and fly["amount_text"] == "£1m"
    assert fly["funding_source"].startswith("Reduce the £12m waste reserve to £11m")
    assert fly["outcome"] == "lost" and fly["page"] == 10


def test_each_vote_counts_and_names_the_motion_it_decided():
    votes = of_type(FEB_MINUTES, "vote")
    counts = [(v["for"], v["against"], v["abstain"], v["outcome"]) for v in votes]
    assert counts == [(57, 0, 2, "carried"), (12, 42, 7, "lost"), (16, 41, 0, "lost"), (9, 41, 8, "lost"),
                      (8, 40, 10, "lost"), (13, 39, 3, "lost"), (15, 43, 1, "lost"), (41, 10, 7, "carried")]
    motions = {m["motion"]: m for m in of_type(FEB_MINUTES, "motion")}
    # The substantive vote is on the budget motion of paragraph 4, not the last amendment before it.
    assert motions[votes[-1]["motion"]]["proposer"] == "Mr Oakford"
    assert "s25 Report" in votes[-1]["motion"]
    assert all(motions[v["motion"]]["outcome"] == v["outcome"] for v in votes)


def test_decisions_carry_body_date_item_and_the_whole_resolution():
    decisions = of_type(FEB_MINUTES, "decision")
    assert {d["body"] for d in decisions} == {"County Council"}
    assert {d["date"] for d in decisions} == {"2025-02-13"}
    assert decisions[1]["item"] == "Section 25 Report"
    budget = decisions[2]
    assert budget["decision"].startswith("County Council, having given due regard to the s25 Report")
    assert "(v) To note the rate of recent drawdown" in budget["decision"]


def test_a_call_in_decision_is_read_in_one_line():
    hubs = next(d for d in of_type(MAR_MINUTES, "decision") if "reconsideration" in d["decision"])
    assert hubs["decision"].startswith("the County Council makes comments but does not require reconsideration")
    assert hubs["item"] == "Review of Decision 24/00093 - Commissioned Family Hubs"
    assert "Lehmann" not in hubs["decision"]  # the note after the resolution is not part of it


def test_a_budget_amendment_form_is_one_motion():
    [form] = of_type(FLY_TIPPING_FORM, "motion")
    assert form["title"] == "Capital Support to Districts on Fly-tipping"
    assert (form["proposer"], form["seconder"]) == ("Mr Chris Passmore", "Mr Mike Sole")
    assert form["amount"] == 1_000_000 and form["funding_source"].startswith("Reduce the £12m waste reserve")


def test_a_record_of_decision_names_its_decision_maker_and_a_proposed_one_only_recommends():
    [decision] = of_type(RECORD, "decision")
    assert decision["body"] == "Cabinet Member for Integrated Children’s Services"
    assert "APPROVE the proposal to not re-commission" in decision["decision"]
    assert "Reason" not in decision["decision"]
    assert of_type(PROPOSED_RECORD, "decision") == []
    [proposed] = of_type(PROPOSED_RECORD, "recommendation")
    assert proposed["body"] == "Cabinet" and "Commissioning Plan for Education Provision" in proposed["recommendation"]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared/seeds")
def test_reports_recommend_and_do_not_decide():
    for seed in sorted(SEEDS.glob("*.txt")):
        found = extracted(seed)
        assert not [e for e in found["entities"] if e["type"] in ("decision", "vote")], seed.name
        recommendations = [e for e in found["entities"] if e["type"] == "recommendation"]
        assert recommendations, seed.name
        assert all(r["body"] == found["meta"]["committee"] for r in recommendations), seed.name


@pytest.mark.parametrize("path", [FEB_MINUTES, FLY_TIPPING_FORM, RECORD], ids=lambda p: p.name[:40])
def test_every_span_is_the_text_it_names(path):
    from cspsearch.ingest.readers import read_document

    text = read_document(path).text
    for entity in (e for e in extracted(path)["entities"] if e["type"] in FAMILIES):
        assert text[entity["start"] : entity["end"]] == entity["text"]
        assert entity["page"] == text.count("\f", 0, entity["start"]) + 1


def test_a_report_recalling_an_earlier_decision_gives_it_no_meeting_date_and_no_vote():
    pay = KENT / "full_council_2025-03-13__County_Council_-_Pay_Policy_Statement_2025-2026.pdf"
    [earlier] = of_type(pay, "decision")
    assert earlier["decision"].startswith("a pay award of at least 3%") and earlier["date"] is None
    # "later that day the recommendation was agreed by Cabinet" is a report's history, not a vote.
    assert of_type(KENT / "full_council_2025-03-13__Devo_and_LGR_-_CC_Report_March_2025.pdf", "vote") == []


def test_a_recommendation_takes_in_its_bullets_and_section_narrative_is_not_one():
    jhosc = of_type(KENT / "full_council_2025-03-13__JHOSC_ToR_-_report_to_full_Council.pdf", "recommendation")
    assert len(jhosc) == 2  # the summary's and section 7's, not section 5's narrative
    first = jhosc[0]["recommendation"]
    assert first.startswith("The County Council is asked to:")
    assert "AGREE the revised Terms of Reference" in first and "DELEGATE to the Monitoring Officer" in first


DEC_MINUTES = KENT / "full_council_2025-02-13__19_December_2024_-_County_Council_minutes.pdf"
JAN_MINUTES = KENT / "full_council_2025-01-09__Printed_minutes_09th-Jan-2025_10.00_County_Council.pdf"


def test_movers_without_a_title_or_a_seconder_and_an_unclosed_quotation():
    motions = {m["proposer"]: m for m in of_type(DEC_MINUTES, "motion")}
    assert motions["Jenni Hawkins"]["seconder"] == "Mr Stepto" and motions["Jenni Hawkins"]["outcome"] == "lost"
    assert motions["The Chairman"]["seconder"] is None and motions["The Chairman"]["outcome"] == "carried"
    # The Local Transport Plan motion's quotation is never closed: it ends with its paragraph.
    assert motions["Mr Baker"]["wording"] == "County Council is asked to approve and adopt Local Transport Plan 5: Striking the Balance."
    assert motions["Mr Baker"]["outcome"] == "carried"


def test_amendments_restating_a_motion_are_told_apart_and_a_bare_agreed_decides_a_closure():
    amendments = [m for m in of_type(JAN_MINUTES, "motion") if m["kind"] == "amendment"]
    assert len(amendments) == 5 and len({m["motion"] for m in amendments}) == 5
    assert [m["outcome"] for m in amendments] == ["carried", "lost", "lost", "lost", "lost"]
    closure = next(m for m in of_type(MAR_MINUTES, "motion") if m["motion"] == "that the motion be put to the vote.")
    assert (closure["proposer"], closure["outcome"]) == ("Mr Brady", "carried")
    assert len(of_type(MAR_MINUTES, "motion")) == 16 and len(of_type(MAR_MINUTES, "vote")) == 14


def test_long_roll_calls_each_count_once():
    from cspsearch.extract.decisions import find_all
    from cspsearch.model import DocumentMeta

    block = "(8) The Chairman put the amendment to the vote.\nFor (12)\nMr A, Mr B\nAgainst (30)\nMr C\nAbstain (1)\nMr D\nAmendment lost.\n"
    votes = [e for e in find_all(block * 3000, DocumentMeta(doc_kind="minutes"), []) if e["type"] == "vote"]
    assert len(votes) == 3000
    assert {(v["for"], v["against"], v["abstain"], v["outcome"]) for v in votes} == {(12, 30, 1, "lost")}
