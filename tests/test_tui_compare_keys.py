"""Compare: the matrix is where the screen opens and one key away from anywhere on it."""

from __future__ import annotations

import pytest
from pilot_helpers import until
from textual.widgets import SelectionList, TabbedContent, Tabs

from cspsearch.tui.app import CspSearchApp
from cspsearch.tui.widgets.theme_matrix import ThemeMatrix

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_the_matrix_is_focused_on_open_and_m_comes_back_to_it(corpus_index, size):
    # Before: from the council list the matrix was seven Tabs away, and no key led there.
    app = CspSearchApp(corpus_index)
    async with app.run_test(size=size) as pilot:
        await pilot.press("f3")
        await until(pilot, lambda: getattr(app.screen, "result", None) is not None)
        matrix = app.screen.query_one(ThemeMatrix)
        await until(pilot, lambda: app.focused is matrix and matrix.row_count)
        assert matrix.region.height > 3 and matrix.region.width > 40  # on screen, not squeezed out
        tabbed = app.screen.query_one(TabbedContent)
        tabbed.active = "changes-tab"
        if size[0] >= 100:  # the councils are in view: from there too
            app.screen.query_one("#picker-councils", SelectionList).focus()
        else:  # where an officer's Tab lands once the matrix is hidden
            tabbed.query_one(Tabs).focus()
        await until(pilot, lambda: app.focused is not None and app.focused is not matrix)
        await pilot.press("m")
        await until(pilot, lambda: app.focused is matrix)
        assert app.screen.query_one(TabbedContent).active == "matrix-tab"
        await pilot.press("down")  # the keys move over the cells at once
        assert matrix.cursor_coordinate.row == 1
