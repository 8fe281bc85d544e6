"""The priorities-by-year picture over a real index of the sample papers: text chart, image, CLI and brief."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from cspsearch.analysis.cells import short_name
from cspsearch.analysis.evolution import FILLS, HOLLOW, NOT_NAMED_MARK, chart_lines, evolution, timeline_table
from cspsearch.analysis.picture import draw
from cspsearch.cli import analysis_cmds

pytestmark = pytest.mark.slow
SPECS = ["maidstone:2011-2023", "medway"]
runner = CliRunner()


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer()
    analysis_cmds.register(app)
    return app


def run(app, *args: str, width: int = 200):
    return runner.invoke(app, list(args), env={"COLUMNS": str(width)})


@pytest.fixture(scope="module")
def result(app, corpus_index) -> dict:
    """What `compare -f json` says: the reference every picture is checked against."""
    out = run(app, "compare", *SPECS, "-f", "json", "--index", str(corpus_index))
    assert out.exit_code == 0, out.output
    return json.loads(out.output)


def expected_states(result: dict) -> dict[tuple[str, str, int], str]:
    """(theme, council, year) -> 'named' / 'not named' / 'no list', straight from the JSON cells."""
    names = {True: "named", False: "not named", None: "no list"}
    return {(t["id"], c["council_id"], c["year"]): names[c["present"]]
            for t in result["themes"] for c in t["cells"]}


def test_the_sample_papers_have_every_kind_of_cell(result):
    # Otherwise the tests below would not see each state drawn.
    assert set(expected_states(result).values()) == {"named", "not named", "no list"}
    assert len(result["councils"]) == 2


def test_chart_marks_each_year_as_the_json_says(app, corpus_index, result):
    printed = run(app, "compare", *SPECS, "--chart", "--index", str(corpus_index))
    assert printed.exit_code == 0, printed.output
    lines = printed.output.splitlines()
    assert lines[0] == "Priorities by year: Maidstone 2011–2023 (4 papers); Medway 2020 (1 paper)"
    axis = lines[1]
    years = range(2011, 2024)
    column = {year: axis.index(str(year)) for year in years}  # 200 columns: every year is labelled
    fills = {c["council_id"]: FILLS[n] for n, c in enumerate(result["councils"])}
    rows = iter(lines[2:])
    seen = 0
    for theme in result["themes"]:
        for council in result["councils"]:
            line = next(rows)
            assert short_name(council["council_id"]) in line
            for year in years:
                cell = line[column[year]:column[year] + 8] if len(line) > column[year] else ""
                state = expected_states(result).get((theme["id"], council["council_id"], year))
                if state == "named":
                    assert cell.strip() == fills[council["council_id"]] * 8, (theme["id"], year)
                elif state == "no list":
                    assert cell.strip() == HOLLOW * 8, (theme["id"], year)
                elif state == "not named":
                    assert cell.strip() == NOT_NAMED_MARK, (theme["id"], year)
                else:  # no paper from this council that year: a gap on the common axis
                    assert cell.strip() == "", (theme["id"], year)
                seen += 1
    assert seen == len(result["themes"]) * 2 * len(years)
    assert "no priority list found that year" in printed.output


def test_chart_fits_80_columns_and_tells_councils_apart_without_colour(result):
    lines = chart_lines(result, 80)
    assert max(len(line) for line in lines) <= 80
    # NO_COLOR leaves only the glyphs: each council's band has its own fill.
    bands = lines[1:lines.index("")]  # between the axis and the legend
    maidstone = [ln for ln in bands if " Maidstone " in ln and FILLS[0] in ln]
    medway = [ln for ln in bands if " Medway " in ln and FILLS[1] in ln]
    assert maidstone and medway and not any(FILLS[1] in ln for ln in maidstone)


def test_timeline_table_gives_each_band_year_its_state(result):
    headers, rows = timeline_table(evolution(result))
    assert headers[:2] == ["theme", "council"] and headers[2:] == [str(y) for y in range(2011, 2024)]
    states = expected_states(result)
    labels = {t["label"]: t["id"] for t in result["themes"]}
    councils = {short_name(c["council_id"]): c["council_id"] for c in result["councils"]}
    assert len(rows) == len(result["themes"]) * 2
    for row in rows:
        for year, state in zip(headers[2:], row[2:], strict=True):
            assert state == states.get((labels[row[0]], councils[row[1]], int(year)), "")


def test_a_council_without_any_list_is_set_aside_not_drawn_hollow(result):
    kent_only = {
        **result,
        "councils": [*result["councils"], {"council_id": "kent", "years": [2025], "papers": {"2025": 3},
                                           "undated_papers": 1}],
        "themes": [{**t, "cells": [*t["cells"], {"council_id": "kent", "year": 2025, "present": None,
                                                 "wording": [], "citations": [], "status": None}]}
                   for t in result["themes"]],
    }
    evo = evolution(kent_only)
    assert evo.councils == ["maidstone", "medway"] and evo.years == list(range(2011, 2024))
    # Kent names nothing, yet the themes both drawn councils name still count as shared.
    assert [t.theme_id for t in evo.themes if t.shared] == result["across"]["shared"]
    assert evo.unlisted == [{"council_id": "kent", "papers": 4, "years": [2025]}]
    assert any("Kent: no priority list found in its 4 papers" in line for line in chart_lines(kent_only))


def ink(image, centre: tuple[float, float], half: tuple[float, float]) -> float:
    """The share of pixels around `centre` that are not white."""
    x, y = centre
    box = image[int(y - half[1]):int(y + half[1]), int(x - half[0]):int(x + half[0]), :3]
    return float((box.min(axis=2) < 0.9).mean())


def test_image_opens_with_its_size_rows_and_cell_states(result, tmp_path):
    from matplotlib.image import imread

    picture = draw(result, tmp_path / "timeline.png", "png")
    image = imread(tmp_path / "timeline.png")
    assert (image.shape[1], image.shape[0]) == picture.size
    assert picture.rows == [(t["id"], c["council_id"]) for t in result["themes"] for c in result["councils"]]
    # Half a cell, less a margin, in pixels: 0.9 x 0.76 data units inside a 1 x 1 year-by-band slot.
    slot_w = picture.centres[(result["themes"][0]["id"], "maidstone", 2012)][0] - \
        picture.centres[(result["themes"][0]["id"], "maidstone", 2011)][0]
    half = (slot_w * 0.3, 6.0)
    states = expected_states(result)
    for (theme_id, council_id, year), centre in picture.centres.items():
        share, state = ink(image, centre, half), states.get((theme_id, council_id, year))
        if state == "named":
            assert share > 0.6, (theme_id, council_id, year, share)
        elif state == "no list":
            assert 0.05 < share < 0.6, (theme_id, council_id, year, share)
        else:  # a grey dot where the list leaves the theme out; nothing where there is no paper
            assert share < 0.1, (theme_id, council_id, year, share)


def test_cli_writes_png_and_svg_and_keeps_an_existing_file(app, corpus_index, tmp_path):
    png, svg = tmp_path / "p.png", tmp_path / "p.svg"
    first = run(app, "compare", *SPECS, "-f", "png", "-o", str(png), "--index", str(corpus_index))
    assert first.exit_code == 0
    assert png.read_bytes().startswith(b"\x89PNG")
    umask = os.umask(0)
    os.umask(umask)
    assert png.stat().st_mode & 0o777 == 0o666 & ~umask  # as any new file, not private like a temp file
    assert run(app, "compare", *SPECS, "-o", str(svg), "--index", str(corpus_index)).exit_code == 0
    assert b"<svg" in svg.read_bytes()[:1000]
    before = png.read_bytes()
    again = run(app, "compare", *SPECS, "-f", "png", "-o", str(png), "--index", str(corpus_index))
    assert again.exit_code == 1 and "already exists; add --force" in again.output
    assert png.read_bytes() == before
    forced = run(app, "compare", *SPECS, "-f", "png", "-o", str(png), "--force", "--index", str(corpus_index))
    assert forced.exit_code == 0
    missing = run(app, "compare", *SPECS, "-f", "svg", "--index", str(corpus_index))
    assert missing.exit_code == 1 and "name the file with -o" in missing.output
    mixed = run(app, "compare", *SPECS, "--chart", "-f", "json", "--index", str(corpus_index))
    assert mixed.exit_code == 1 and "--chart draws in the terminal" in mixed.output


def test_brief_draws_the_picture_beside_the_markdown(app, corpus_index, tmp_path):
    from matplotlib.image import imread

    target = tmp_path / "brief.md"
    out = run(app, "brief", "maidstone", "medway", "-o", str(target), "--index", str(corpus_index))
    assert out.exit_code == 0, out.output
    text = target.read_text(encoding="utf-8")
    assert text.index("](brief-evolution.png)") < text.index("| Theme |")
    caption = next(line for line in text.splitlines() if line.startswith("_Figure:"))
    assert "Maidstone 2011–2023 (4 papers)" in caption and "Medway 2020 (1 paper)" in caption
    assert "[1]" in caption
    assert imread(tmp_path / "brief-evolution.png").shape[0] > 100
    umask = os.umask(0)
    os.umask(umask)
    assert {p.stat().st_mode & 0o777 for p in (target, tmp_path / "brief-evolution.png")} == {0o666 & ~umask}
    (tmp_path / "other.md").write_text("mine")
    (tmp_path / "other-evolution.png").write_text("mine")
    kept = run(app, "brief", "maidstone", "-o", str(tmp_path / "other.md"), "--index", str(corpus_index))
    assert kept.exit_code == 1 and (tmp_path / "other-evolution.png").read_text() == "mine"


def test_matplotlib_is_not_loaded_to_show_help():
    code = ("import sys, cspsearch.cli.analysis_cmds, cspsearch.analysis.picture, cspsearch.analysis.brief; "
            "print('matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
