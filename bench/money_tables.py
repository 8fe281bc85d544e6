"""Money roles on real Kent papers against a hand reading: recall and precision of `received`.

For each piece below (a table, or a whole appendix of prose) the hand reading lists
Kent's own figures (financial year or None, amount in £m). The script extracts the real
PDF the way ingest does, keeps the money entities inside the piece, and counts those with
role "received" and recipient Kent (or no recipient, the paper being Kent's) against the
hand reading; every other figure of the piece that comes out "received" for Kent is a
false positive, and England-column figures among them are counted apart (must be 0).

    .venv/bin/python bench/money_tables.py [-v]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
KENT = ROOT.parent / "shared" / "corpus-real" / "kent_county_council"
BUDGET = "full_council_2025-02-13__February_2025_Kent_County_Council_Budget_Report.pdf"
APPENDIX_K = "full_council_2025-02-13__Appendix_K_-_Government_Grants_in_LGFS.pdf"
RISKS = "cabinet_2025-01-30__Appendix_I_Budget_Risk_Register_22.01.25.pdf"


@dataclass
class Piece:
    name: str
    file: str
    start: str | None  # text the piece starts at (None: the document's start)
    end: str | None  # text just after it (None: the document's end)
    kent: list[tuple[str | None, float]]  # hand reading: Kent's own figures (year, £m)
    england: list[float]  # England-wide figures of the piece (£m): never Kent's


# Table 3.1, core spending power, Kent columns read by hand (zero cells, which extraction
# drops by design, are left out: Recovery Grant 2025-26, Funding Floor both years, Rural
# Services Delivery Grant 2024-25).
TABLE_3_1 = Piece(
    "Budget report Table 3.1 (core spending power, Kent and England)", BUDGET, "Table 3.1\t", "3.3 The overall",
    [("2025-26", v) for v in (993.9, 222.0, 137.1, 27.0, 61.7, 6.8, 40.5, 1.9, 4.0, 501.1, 10.1, 511.2, 1505.1)]
    + [("2024-25", v) for v in (935.7, 215.8, 117.0, 27.0, 61.7, 38.8, 2.1, 1.3, 3.2, 3.6, 470.5, 470.5, 1406.1)],
    [38311.8, 36153.5, 16841.0, 16562.7, 5924.0, 5044.0, 1050.0, 1050.0, 2639.8, 2639.8, 600.0, 269.7, 2695.9,
     2581.3, 290.5, 290.8, 87.4, 110.0, 121.2, 268.6, 160.0, 129.7, 64.3, 30592.1, 28828.6, 502.0, 31094.1,
     28828.6, 69405.9, 64982.1],
)
# Table 5.1, Dedicated Schools Grant by block: the two year columns are Kent's grant; the
# Change column is a change, not money received.
TABLE_5_1 = Piece(
    "Budget report Table 5.1 (Dedicated Schools Grant by block)", BUDGET, "Table 5.1 - Dedicated", "* includes",
    [("2025-26", v) for v in (1384.1, 12.2, 345.5, 226.1, 1967.9)]
    + [("2024-25", v) for v in (1275.7, 12.3, 322.7, 158.6, 1769.3)],
    [],
)
# Appendix K, six pages of prose on each core grant: Kent's own allocations (levels, not
# increases), by the year the sentence gives them for.
APPENDIX = Piece(
    "Appendix K (Government Grants in the final LGFS, prose)", APPENDIX_K, None, None,
    [("2015-16", 161.0), ("2020-21", 9.6), ("2025-26", 3.665), ("2025-26", 0.013), ("2025-26", 15.7),
     ("2025-26", 3.7), ("2025-26", 1.9), ("2020-21", 48.5), ("2022-23", 50.0), ("2019-20", 10.5),
     ("2020-21", 34.4), ("2021-22", 39.1), ("2022-23", 54.5), ("2023-24", 88.771), ("2023-24", 1.92),
     ("2024-25", 117.0), ("2022-23", 4.2), ("2023-24", 14.4), ("2024-25", 26.969), ("2025-26", 26.969),
     ("2025-26", 6.2), ("2025-26", 6.8), ("2025-26", 10.1)],
    [410.0, 1000.0, 1410.0, 300.0, 1710.0, 636.4, 556.4, 2346.0, 1345.0, 1185.0, 161.0, 3852.0, 692.0, 612.0,
     4544.0, 532.0, 500.0, 1032.0, 880.0, 600.0, 80.0, 200.0, 162.0, 400.0, 562.0, 570.0, 365.0, 205.0, 283.0,
     250.0, 269.7, 175.0, 75.0, 515.0, 502.0, 13.0],
)
# The budget risk register: every figure is an exposure, none is money received.
RISK_REGISTER = Piece("Appendix I (Budget Risk Register)", RISKS, None, None, [], [])
PIECES = [TABLE_3_1, TABLE_5_1, APPENDIX, RISK_REGISTER]


def entities_of(file: str) -> tuple[str, list]:
    from cspsearch.extract import extract_entities
    from cspsearch.ingest.metadata import infer_meta
    from cspsearch.ingest.readers import read_document

    path = KENT / file
    parsed = read_document(path)
    meta = infer_meta(parsed.text, parsed.pages, path, None)
    return parsed.text, [e for e in extract_entities(parsed.text, meta) if e.type == "money"]


def is_kent(recipient: str | None) -> bool:
    from cspsearch.vocab.councils import find_council

    council = find_council(recipient) if recipient else None
    return recipient is None or (council is not None and council.council_id == "kent")


def measure(piece: Piece, text: str, money: list, verbose: bool) -> None:
    low = text.index(piece.start) if piece.start else 0
    high = text.index(piece.end, low) if piece.end else len(text)
    inside = [e for e in money if low <= e.start < high and e.attrs.get("amount") is not None]
    received = [e for e in inside if e.attrs.get("role") == "received" and is_kent(e.attrs.get("recipient"))]
    wanted = Counter((year, round(value, 3)) for year, value in piece.kent)
    got = Counter((e.attrs.get("financial_year"), round(e.attrs["amount"] / 1e6, 3)) for e in received)
    hits = sum((wanted & got).values())
    amounts_wanted = Counter(round(value, 3) for _, value in piece.kent)
    amount_hits = sum((amounts_wanted & Counter(round(e.attrs["amount"] / 1e6, 3) for e in received)).values())
    # An England figure equal to one of Kent's own (Kent's £161m RSG in 2015-16, the national
    # £161m of ILF in 2023-24) counts only when its year is not Kent's.
    england = Counter(round(v, 3) for v in piece.england)
    not_kent = Counter(round(e.attrs["amount"] / 1e6, 3) for e in received
                       if (e.attrs.get("financial_year"), round(e.attrs["amount"] / 1e6, 3)) not in wanted)
    england_as_kent = sum((england & not_kent).values())
    roles = Counter(e.attrs.get("role") for e in inside)
    print(f"{piece.name}\n  {len(inside)} money entities; roles {dict(roles)}")
    if piece.kent:
        print(f"  received for Kent: {len(received)}; hand reading {len(piece.kent)} figures; "
              f"recall {hits}/{len(piece.kent)} = {hits / len(piece.kent):.2f} (amount and year), "
              f"{amount_hits}/{len(piece.kent)} (amount only); "
              f"precision {hits}/{len(received)} = {hits / max(1, len(received)):.2f}; "
              f"recipient named Kent on {sum(1 for e in received if e.attrs.get('recipient'))}")
    else:
        print(f"  received for Kent: {len(received)} (none expected)")
    print(f"  England/national figures booked as received for Kent: {england_as_kent}")
    if verbose:
        for entity in inside:
            a = entity.attrs
            print(f"    {entity.text!r:>12} {a.get('financial_year')} {a.get('role'):<9} {a.get('recipient')} "
                  f"| {a.get('row')} | {a.get('column')}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("-v", "--verbose", action="store_true", help="list every money entity of each piece")
    args = ap.parse_args()
    read: dict[str, tuple[str, list]] = {}
    for piece in PIECES:
        if piece.file not in read:
            read[piece.file] = entities_of(piece.file)
        measure(piece, *read[piece.file], args.verbose)


if __name__ == "__main__":
    main()
