"""`axis figure METRIC --plot FILE.svg|FILE.png`: what the image holds (read back from the SVG's
text and element ids), the format by suffix, rates, and each way of refusing."""

import sys
import xml.etree.ElementTree as ET
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.conftest import FIXTURES

if TYPE_CHECKING:
    from axiscli.model import Figure

SERIES = FIXTURES / "series"
SVG = "{http://www.w3.org/2000/svg}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

needs_matplotlib = pytest.mark.skipif(
    find_spec("matplotlib") is None,
    reason='the plot extra is not installed (pip install "axiscli[plot]")',
)


def read_svg(path: Path) -> tuple[list[str], set[str]]:
    """The SVG's lines of text and the ids of its elements; it must parse as XML."""
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    texts = ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]
    return texts, {element.get("id", "") for element in root.iter()}


def series_axis(axis, *args):
    return axis("figure", *args, "--no-bundled", "--data", SERIES)


@needs_matplotlib
def test_bundled_metric_plot_has_labels_sources_and_floors(axis, tmp_path):
    out = tmp_path / "out.svg"
    result = axis("figure", "troops.dprk-in-russia", "--plot", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == f"Wrote {out} (troops.dprk-in-russia, 3 figures).\n"
    texts, ids = read_svg(out)
    assert "troops.dprk-in-russia" in texts  # the title
    assert "troops" in texts  # the unit, on the value axis
    assert "at least 3,000 troops" in texts
    assert "U.S. officials · confirmed in October 2024" in texts
    assert "over 12,000 troops" in texts
    assert "subsequent reports · by early 2025" in texts
    assert (
        "Sources: Essay on the trilateral momentum between China, Russia and North Korea "
        "since 2022." in texts
    )
    # "at least" and "more than" are floors, drawn as such, never as points
    assert {
        "axis-floor-troops-dprk-in-russia-2024-10",
        "axis-floor-troops-dprk-in-russia-early-2025",
    } <= ids
    assert not any(i.startswith("axis-value-") for i in ids)
    # the undated "thousands" has no place on a time axis: named under the chart instead
    assert any(t.startswith("Not drawn, undated: thousands (≥ 2,000 troops)") for t in texts)


@needs_matplotlib
def test_fixture_range_is_drawn_as_a_range_with_its_claimant(fixture_axis, tmp_path):
    out = tmp_path / "containers.svg"
    result = fixture_axis("figure", "munitions", "--plot", out)
    assert result.exit_code == 0, result.output
    texts, ids = read_svg(out)
    assert "containers" in texts
    assert "about 5,000 containers (range 4,000–6,000)" in texts
    assert "Beta analysts · by 2023-12" in texts
    assert "Sources: Beta Notes." in texts
    assert {
        "axis-range-containers-2023",
        "axis-range-low-containers-2023",
        "axis-range-high-containers-2023",
        "axis-value-containers-2023",
    } <= ids
    assert not any(i.startswith("axis-floor-") for i in ids)


@needs_matplotlib
def test_fixture_lower_bounds_are_marked_as_floors(fixture_axis, tmp_path):
    out = tmp_path / "troops.svg"
    assert fixture_axis("figure", "troops", "--plot", out).exit_code == 0
    texts, ids = read_svg(out)
    assert {"axis-floor-troops-2024-10", "axis-floor-troops-2025"} <= ids
    assert {"at least 3,000 troops", "over 12,000 troops"} <= set(texts)
    assert "floor: at least, more than (may be more)" in texts  # the legend says so
    assert not any(i.startswith(("axis-range-", "axis-value-")) for i in ids)


@needs_matplotlib
def test_equivalents_are_drawn_once_and_named_under_the_chart(axis, tmp_path):
    out = tmp_path / "shells.svg"
    assert series_axis(axis, "munitions.shell-equivalents", "--plot", out).exit_code == 0
    texts, ids = read_svg(out)
    drawn = {i for i in ids if i.startswith("axis-value-")}
    assert drawn == {"axis-value-shells-122mm-2023-12"}
    assert (
        "≡ containers-2023-12, shells-122mm-2023-12 and shells-152mm-2023-12: one quantity "
        "stated in different ways, drawn once, never to be added."
    ) in " ".join(texts)


@needs_matplotlib
def test_png_is_written_by_its_suffix(fixture_axis, tmp_path):
    out = tmp_path / "troops.PNG"
    result = fixture_axis("figure", "troops", "--plot", out)
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(PNG_SIGNATURE)


@needs_matplotlib
def test_per_year_plots_rates_over_each_period(axis, tmp_path):
    totals, yearly, monthly = (tmp_path / f"{name}.svg" for name in ("total", "year", "month"))
    assert series_axis(axis, "exercises", "--plot", totals).exit_code == 0
    assert series_axis(axis, "exercises", "--per", "year", "--plot", yearly).exit_code == 0
    assert series_axis(axis, "exercises", "--per", "month", "--plot", monthly).exit_code == 0
    total_texts, total_ids = read_svg(totals)
    year_texts, year_ids = read_svg(yearly)
    month_texts, _ = read_svg(monthly)
    assert {"exercises.crink", "exercises", "about 61 exercises", "35 exercises"} <= set(
        total_texts
    )
    assert {"exercises.crink, a year", "exercises a year", "about 3.2 exercises a year"} <= set(
        year_texts
    )
    assert {"≈ 9.5 exercises a year", "(35 exercises over 3.7 years)"} <= set(year_texts)
    assert {"exercises a month", "about 0.27 exercises a month"} <= set(month_texts)
    assert "about 61 exercises" not in year_texts
    # each figure covers a closed period: drawn across it, with or without --per
    periods = {"axis-period-exercises-2003-2021", "axis-period-exercises-2022-2025"}
    assert periods <= total_ids and periods <= year_ids


def make_figure(figure_id: str, **fields: object) -> "Figure":
    from axiscli.model import Figure

    record = {
        "id": figure_id,
        "metric": "troops.x",
        "label": "Troops",
        "unit": "troops",
        "date": "2024-05",
        "actors": ["PRK"],
        "citations": [{"source": "s", "quote": "q"}],
    }
    return Figure.model_validate({**record, **fields})


@needs_matplotlib
def test_per_year_names_figures_that_cover_no_period(tmp_path):
    from axiscli.render.plot import plot_metric
    from axiscli.series import Per

    over = make_figure("over", date="2020/2023", value=400, qualifier="exact")
    point = make_figure("point", value=3000, qualifier="at least")
    out = tmp_path / "troops.svg"
    out.write_bytes(plot_metric([over, point], sources={}, per=Per.year))
    texts, ids = read_svg(out)
    assert {"axis-period-over", "axis-value-over"} <= ids
    assert "≈ 100 troops a year" in texts
    assert not any(i.endswith("-point") for i in ids)
    assert "Not drawn, no closed period to rate: at least 3,000 troops, s." in texts


@needs_matplotlib
@pytest.mark.parametrize("name", ["same.svg", "same.png"])
def test_the_same_figures_give_the_same_bytes_and_replace_the_file_whole(
    fixture_axis, tmp_path, name
):
    out = tmp_path / name
    out.write_text("old")
    assert fixture_axis("figure", "troops", "--plot", out).exit_code == 0
    first = out.read_bytes()
    assert fixture_axis("figure", "troops", "--plot", out).exit_code == 0
    assert out.read_bytes() == first != b"old"
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no temporary file left behind


@needs_matplotlib
def test_store_text_is_drawn_as_written(tmp_path):
    from axiscli.model import Figure, Source
    from axiscli.render.plot import ImageFormat, plot_metric

    figure = Figure.model_validate(
        {
            "id": "aid",
            "metric": "aid.x",
            "label": "Aid",
            "value": 5,
            "unit": "USD",
            "qualifier": "up to",
            "date": "2024",
            "actors": ["PRK"],
            "citations": [{"source": "s", "quote": "q", "claimant": "$5 [b]\x1b[2J"}],
        }
    )
    source = Source.model_validate({"id": "s", "title": "A $x$ <Title> & co", "kind": "report"})
    out = tmp_path / "aid.svg"
    out.write_bytes(plot_metric([figure], sources={"s": source}, fmt=ImageFormat.svg))
    texts, ids = read_svg(out)
    assert "$5 [b]\\x1b[2J · 2024" in texts  # no mathtext, no markup, controls made visible
    assert "Sources: A $x$ <Title> & co." in texts
    assert "axis-ceiling-aid" in ids  # "up to" is a ceiling
    assert "ceiling: up to" in texts


@needs_matplotlib
@pytest.mark.parametrize(
    ("numbers", "drawn", "not_drawn"),
    [
        # "thousands": a vague magnitude with a floor and no ceiling
        ({"magnitude": "thousands", "low": 2000, "qualifier": "at least"}, "floor", "value"),
        # "hundreds": 100–999, a range with no point in it
        (
            {"magnitude": "hundreds", "low": 100, "high": 999, "qualifier": "about"},
            "range",
            "value",
        ),
        # "up to 50": a ceiling
        ({"value": 50, "qualifier": "up to"}, "ceiling", "value"),
        ({"value": 50, "qualifier": "exact"}, "value", "range"),
    ],
)
def test_each_kind_of_number_is_drawn_as_what_it_commits_to(tmp_path, numbers, drawn, not_drawn):
    from axiscli.render.plot import plot_metric

    figure = make_figure("f", **numbers)
    out = tmp_path / "f.svg"
    out.write_bytes(plot_metric([figure], sources={}))
    _, ids = read_svg(out)
    assert f"axis-{drawn}-f" in ids
    assert f"axis-{not_drawn}-f" not in ids


# --- refusals -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["out.pdf", "out", "out.svg.txt"])
def test_an_unknown_suffix_is_refused_before_anything_is_read(fixture_axis, tmp_path, name):
    result = fixture_axis("figure", "troops", "--plot", tmp_path / name)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: --plot: cannot tell what image to write to '{name}': give a file name ending "
        "in .svg or .png\n"
    )
    assert list(tmp_path.iterdir()) == []


@needs_matplotlib
def test_no_figures_matched_writes_nothing(fixture_axis, tmp_path):
    result = fixture_axis("figure", "troops", "--since", "2030", "--plot", tmp_path / "x.svg")
    assert result.exit_code == 3
    assert result.stderr == (
        "Error: no figures match, so there is nothing to plot; loosen a filter\n"
    )
    assert list(tmp_path.iterdir()) == []


@needs_matplotlib
def test_several_metrics_are_refused_with_their_names(axis, tmp_path):
    result = series_axis(axis, "munitions", "--plot", tmp_path / "x.svg")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --plot: a plot draws one metric; these figures are of 2: "
        "munitions.containers, munitions.shell-equivalents\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_without_matplotlib_one_line_says_how_to_install_it(fixture_axis, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # `import matplotlib` now fails
    result = fixture_axis("figure", "troops", "--plot", tmp_path / "x.png")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "Error: --plot: drawing a plot needs matplotlib, which is not installed: "
        'pip install "axiscli[plot]"\n'
    )
    assert list(tmp_path.iterdir()) == []


@needs_matplotlib
def test_a_file_that_cannot_be_written_is_one_line_and_exit_4(fixture_axis, tmp_path):
    out = tmp_path / "missing" / "x.svg"
    result = fixture_axis("figure", "troops", "--plot", out)
    assert result.exit_code == 4
    assert result.stderr == (
        f"Error: cannot write {out}: No such file or directory (the folder {out.parent} does "
        "not exist; make it, or write somewhere else)\n"
    )


@needs_matplotlib
@pytest.mark.parametrize(
    ("args", "why"),
    [
        (["deployment"], "interval.since-previous-dprk-overseas-deployment has a place on a time "
         "axis (undated)"),
        (["troops", "--per", "year"], "troops.dprk-in-russia has a place on a time axis "
         "(undated, or covering no closed period to rate)"),
    ],
)  # fmt: skip
def test_figures_with_no_place_in_time_write_nothing(axis, tmp_path, args, why):
    result = series_axis(axis, *args, "--plot", tmp_path / "x.svg")
    assert result.exit_code == 3
    assert result.stderr == f"Error: nothing to draw: no figure of {why}\n"
    assert list(tmp_path.iterdir()) == []
