"""Tables with £ amounts show each amount whole on a narrow and a wide terminal; their words shrink instead."""

from __future__ import annotations

import pytest
from pilot_helpers import until

from cspsearch import services
from cspsearch.analysis.decisions import decisions
from cspsearch.analysis.grants import grants, ledger_table
from cspsearch.tui.app import CspSearchApp
from cspsearch.tui.widgets.fitted_table import FittedTable, fit_widths
from cspsearch.tui.widgets.ledger_table import LedgerTable

pytestmark = pytest.mark.anyio
SIZES = [(80, 24), (160, 45)]


def on_screen(table: FittedTable) -> list[str]:
    """The table's lines as drawn (header first), at its scroll position on opening."""
    return [table.render_line(y).text for y in range(table.size.height)]


@pytest.mark.parametrize("size", SIZES)
async def test_every_ledger_amount_is_whole_on_screen(corpus_index, size):
    headers, rows = ledger_table(grants(corpus_index))
    amounts = [row[headers.index("amount")] for row in rows]
    assert any(len(a) >= 11 for a in amounts)  # "£161,000,000": long enough to be cut
    app = CspSearchApp(corpus_index)
    async with app.run_test(size=size) as pilot:
        await pilot.press("f4")
        ledger = app.screen.query_one(LedgerTable)
        await until(pilot, lambda: getattr(app.screen, "result", None) is not None and ledger.row_count)
        await pilot.pause(0.2)
        lines = on_screen(ledger)
        shown = min(len(rows), len(lines) - 1)
        assert shown >= 5
        for line, amount in zip(lines[1:shown + 1], amounts, strict=False):
            assert amount in line, (amount, line)
        if size[0] >= 160:  # room for every column: nothing to scroll sideways to, no word cut to a stub
            assert ledger.virtual_size.width <= ledger.size.width
            assert all(w == n or w >= 12 for w, n in zip(ledger.widths, ledger.naturals, strict=True))


@pytest.mark.parametrize("size", SIZES)
async def test_decision_amounts_stay_in_view(corpus_index, size):
    # Before: amount was the seventh column, past the right edge of an 80-column terminal.
    found = decisions(services, corpus_index)["decisions"]
    with_amount = [n for n, r in enumerate(found) if r.get("amount") is not None]
    assert with_amount
    app = CspSearchApp(corpus_index)
    async with app.run_test(size=size) as pilot:
        await pilot.press("f8")
        table = app.screen.query_one(FittedTable)
        await until(pilot, lambda: table.row_count == len(found))
        await pilot.pause(0.2)
        for n in with_amount:
            table.move_cursor(row=n)
            amount = f"£{found[n]['amount']:,.0f}"
            await until(pilot, lambda a=amount: any(a in line for line in on_screen(table)), timeout=5)
        if size[0] >= 160:
            assert table.virtual_size.width <= table.size.width


def test_fit_widths_cuts_the_widest_words_first_and_never_the_kept():
    assert fit_widths([10, 40, 12, 60], room=100, keep={2}) == [10, 39, 12, 39]
    assert fit_widths([10, 40, 12, 60], room=200, keep={2}) == [10, 40, 12, 60]
    assert fit_widths([7, 40, 12, 60], room=20, keep={2}) == [7, 10, 12, 10]  # no room: least, amount whole
