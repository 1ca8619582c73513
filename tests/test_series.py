"""Figures as series: vague magnitudes, relations between figures, rates over a period, and
charts that neither make a floor look like a point nor add one quantity up twice."""

import json
from datetime import date

import pytest

from axiscli.catalog import open_catalog
from axiscli.model import Figure
from axiscli.render.values import format_rate, format_value
from axiscli.series import Per, equivalents, period_length, rate, reverse_relations
from tests.conftest import FIXTURES, ids

SERIES = FIXTURES / "series"


@pytest.fixture
def series_axis(axis):
    """`axis` reading only the series fixture store."""

    def run(*args):
        return axis(*args, "--no-bundled", "--data", SERIES)

    return run


@pytest.fixture(scope="module")
def figures() -> dict[str, Figure]:
    catalog = open_catalog([SERIES], bundled=False)
    return {figure.id: figure for figure in catalog.figures}


def _figure(**fields) -> Figure:
    base = {
        "id": "a-figure",
        "metric": "things.counted",
        "label": "Things",
        "unit": "troops",
        "qualifier": "exact",
        "actors": ["PRK"],
        "citations": [{"source": "s", "quote": "q"}],
    }
    return Figure.model_validate({**base, **fields})


def _years(first: date, last: date) -> float:
    return ((last - first).days + 1) / 365.2425


# --- vague magnitudes -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"magnitude": "thousands", "low": 2000, "qualifier": "at least"},
            "thousands (≥ 2,000 troops)",
        ),
        ({"magnitude": "hundreds", "low": 100, "high": 999}, "hundreds (100–999 troops)"),
        (
            {"magnitude": "the majority", "low": 50, "qualifier": "more than", "unit": "percent"},
            "the majority (> 50 %)",
        ),
        (
            {"magnitude": "a few dozen", "high": 60, "qualifier": "up to"},
            "a few dozen (≤ 60 troops)",
        ),
        ({"value": 3000, "qualifier": "at least"}, "at least 3,000 troops"),
        ({"value": 12000, "qualifier": "more than"}, "over 12,000 troops"),
    ],
)
def test_a_vague_magnitude_reads_as_its_word_and_its_bounds(fields, expected):
    assert format_value(_figure(**fields)) == expected


def test_json_carries_the_magnitude_and_no_invented_value(series_axis):
    rows = json.loads(series_axis("figure", "troops", "--json").stdout)
    thousands = next(row for row in rows if row["id"] == "troops-thousands")
    assert (thousands["value"], thousands["magnitude"], thousands["low"]) == (
        None,
        "thousands",
        2000,
    )
    assert thousands["value_text"] == "thousands (≥ 2,000 troops)"


def test_a_vague_magnitude_sorts_by_its_lower_bound(series_axis):
    found = ids(series_axis("figure", "--sort", "value", "--json"))
    assert found[found.index("exercises-2003-2021") + 1] == "troops-thousands"  # 61 < 2,000
    assert found[found.index("troops-thousands") + 1] == "troops-2024-10"  # 2,000 < 3,000


# --- relations ----------------------------------------------------------------------------------


def test_equivalence_is_read_both_ways_and_through_other_figures(figures):
    classes = equivalents(figures.values())
    trio = {"containers-2023-12", "shells-152mm-2023-12", "shells-122mm-2023-12"}
    assert classes["shells-122mm-2023-12"] == trio  # linked only through the containers
    assert classes["containers-2023-12"] == trio
    assert classes["troops-2024-10"] == {"troops-2024-10"}


def test_reverse_relations_name_the_figures_that_point_here(figures):
    assert reverse_relations(figures.values(), "troops-2024-10")["updated by"] == [
        "troops-early-2025"
    ]
    assert reverse_relations(figures.values(), "troops-early-2025")["disputed by"] == [
        "troops-moscow-2025"
    ]
    assert reverse_relations(figures.values(), "containers-2023-12")["equivalent of"] == [
        "shells-152mm-2023-12",
        "shells-122mm-2023-12",
    ]


def test_json_carries_the_relations(series_axis):
    rows = {row["id"]: row for row in json.loads(series_axis("figure", "--json").stdout)}
    assert rows["shells-152mm-2023-12"]["equivalent_to"] == ["containers-2023-12"]
    assert rows["troops-early-2025"]["updates"] == "troops-2024-10"
    assert rows["troops-moscow-2025"]["disputes"] == ["troops-early-2025"]
    assert rows["troops-2024-10"]["updates"] is None and rows["troops-2024-10"]["disputes"] == []


def test_show_lists_a_figures_relations_and_the_figures_that_name_it(series_axis):
    shown = series_axis("show", "troops-early-2025", "-f", "table").stdout
    assert "updates" in shown and "troops-2024-10" in shown
    assert "disputed by" in shown and "troops-moscow-2025" in shown
    earlier = series_axis("show", "troops-2024-10", "-f", "table").stdout
    assert "updated by" in earlier and "troops-early-2025" in earlier
    containers = series_axis("show", "containers-2023-12", "-f", "table").stdout
    assert "equivalent of" in containers and "shells-152mm-2023-12" in containers


def test_the_figure_table_marks_equivalents_updates_and_disputes(series_axis):
    table = " ".join(series_axis("figure", "-f", "table").stdout.split())
    assert "≡ equivalent of containers-2023-12" in table
    assert "updates troops-2024-10" in table
    assert "disputes troops-early-2025" in table


# --- charts -------------------------------------------------------------------------------------


def _bar_lines(output: str) -> list[str]:
    """The chart's rows that draw a bar (not the notes under it, which start with a marker)."""
    return [
        line
        for line in output.splitlines()
        if ("█" in line or "░" in line) and not line.startswith(("░", "▸", "≡"))
    ]


def _line(lines: list[str], words: str) -> str:
    return next(line for line in lines if words in line)


def test_a_lower_bound_is_drawn_open_and_a_floor_never_as_a_dip(series_axis):
    out = series_axis("figure", "troops.dprk-in-russia", "--chart").stdout
    lines = _bar_lines(out)
    assert len(lines) == 4
    for floor in ("thousands (≥ 2,000 troops)", "at least 3,000", "over 12,000"):
        assert "▸" in _line(lines, floor)
    assert "▸" not in _line(lines, "about 10,000")
    assert "a floor" in out and "may be more" in out


def test_a_range_is_drawn_as_a_range(tmp_path, axis):
    store = tmp_path / "store"
    store.mkdir()
    for name in ("sources.yaml", "actors.yaml"):
        (store / name).write_text((SERIES / name).read_text(encoding="utf-8"), encoding="utf-8")
    (store / "actors.yaml").write_text("- code: PRK\n  name: North Korea\n  kind: state\n")
    (store / "figures.yaml").write_text(
        "- id: hundreds\n  metric: things.counted\n  label: Hundreds\n  magnitude: hundreds\n"
        "  low: 100\n  high: 999\n  unit: troops\n  qualifier: about\n  actors: [PRK]\n"
        "  citations:\n    - source: gamma-essay\n      quote: q\n"
        "- id: between\n  metric: things.counted\n  label: Between\n  value: 500\n  low: 400\n"
        "  high: 600\n  unit: troops\n  qualifier: about\n  actors: [PRK]\n"
        "  citations:\n    - source: gamma-essay\n      quote: q\n",
        encoding="utf-8",
    )
    out = axis("figure", "--chart", "--no-bundled", "--data", store).stdout
    lines = _bar_lines(out)
    hundreds, between = _line(lines, "hundreds"), _line(lines, "about 500")
    # solid to the low end, light on to the high end, nothing left open
    assert hundreds.count("█") == 4 and hundreds.count("░") == 36, hundreds
    assert between.count("█") == 16 and between.count("░") == 8, between
    assert "▸" not in out
    assert "hundreds (100–999 troops)" in hundreds


def test_a_chart_never_draws_equivalents_as_quantities_to_add(series_axis):
    out = series_axis("figure", "munitions.shell-equivalents", "--chart").stdout
    rows = [line for line in out.splitlines() if "rounds" in line and "by 2023-12" in line]
    assert len(rows) == 2
    assert sum("█" in row for row in rows) == 1  # one quantity: one bar
    assert all("≡" in row for row in rows)
    assert "never to be added" in " ".join(out.split())
    assert "containers-2023-12, shells-122mm-2023-12 and shells-152mm-2023-12" in " ".join(
        out.split()
    )


def test_qualifiers_are_shown_on_each_point(series_axis):
    out = series_axis("figure", "troops", "--chart").stdout
    for words in ("at least 3,000", "over 12,000", "about 10,000", "thousands (≥ 2,000"):
        assert words in out


# --- rates over a period ------------------------------------------------------------------------


def test_period_length_is_the_anchor_in_mean_years_or_months(figures):
    early, late = figures["exercises-2003-2021"], figures["exercises-2022-2025"]
    assert period_length(early, Per.year) == pytest.approx(
        _years(date(2003, 1, 1), date(2021, 12, 31))
    )
    months = ((date(2025, 8, 31) - date(2022, 1, 1)).days + 1) / (365.2425 / 12)
    assert period_length(late, Per.month) == pytest.approx(months)
    for point_or_open in ("troops-2024-10", "troops-thousands", "containers-2023-12"):
        assert period_length(figures[point_or_open], Per.year) is None
        assert rate(figures[point_or_open], Per.year) is None
    # a year is a point, not a period: "61 in 2023" is no rate of 61 a year
    assert period_length(_figure(value=61, date="2023"), Per.year) is None
    assert period_length(_figure(value=61, date="2023/2023"), Per.year) == pytest.approx(
        365 / 365.2425
    )


def test_figures_over_a_period_become_rates_a_year(series_axis):
    rows = json.loads(series_axis("figure", "exercises", "--per", "year", "--json").stdout)
    rates = {row["id"]: row["rate"] for row in rows}
    assert rates["exercises-2003-2021"] == pytest.approx(
        61 / _years(date(2003, 1, 1), date(2021, 12, 31)), abs=1e-4
    )
    assert rates["exercises-2022-2025"] == pytest.approx(
        35 / _years(date(2022, 1, 1), date(2025, 8, 31)), abs=1e-4
    )
    assert rates["exercises-2003-2021"] < rates["exercises-2022-2025"]  # the pace accelerated
    assert all(row["per"] == "year" for row in rows)
    keys = list(rows[0])
    assert keys[keys.index("value_text") + 1 : keys.index("value_text") + 3] == ["rate", "per"]


def test_rates_read_with_the_period_they_come_from(series_axis):
    out = series_axis("figure", "exercises", "--per", "year", "-f", "md").stdout
    assert "| about 3.2 exercises a year (about 61 exercises over 19 years) |" in out
    assert "| ≈ 9.5 exercises a year (35 exercises over 3.7 years) |" in out
    table = series_axis("figure", "exercises", "--per", "year", "-f", "table").stdout
    assert "about 3.2 exercises a year" in table and "9.5 exercises a year" in table


def test_rates_a_month(series_axis):
    rows = json.loads(series_axis("figure", "exercises", "--per", "month", "--json").stdout)
    late = next(row for row in rows if row["id"] == "exercises-2022-2025")
    months = ((date(2025, 8, 31) - date(2022, 1, 1)).days + 1) / 30.436875
    assert late["rate"] == pytest.approx(35 / months, abs=1e-4)
    assert late["per"] == "month"


def test_a_figure_without_a_closed_period_is_shown_as_it_is(series_axis):
    rows = json.loads(series_axis("figure", "troops", "--per", "year", "--json").stdout)
    assert {row["rate"] for row in rows} == {None}
    out = series_axis("figure", "troops", "--per", "year", "-f", "table").stdout
    assert "at least 3,000 troops (not a period)" in " ".join(out.split())


def test_without_per_there_is_no_rate(series_axis):
    row = json.loads(series_axis("figure", "exercises", "--json").stdout)[0]
    assert "rate" not in row and "per" not in row


def test_a_rate_chart_draws_rates_and_leaves_unrated_figures_barless(series_axis):
    out = series_axis("figure", "--per", "year", "--chart").stdout
    lines = _bar_lines(out)
    assert len(lines) == 2  # only the two exercise counts cover a closed period
    early, late = _line(lines, "3.2 exercises a year"), _line(lines, "9.5 exercises a year")
    # the acceleration the text describes, not a fall from 61 to 35
    assert 2 * early.count("█") < late.count("█")
    assert "exercises.crink, a year" in out
    assert "no closed period" in out


def test_a_magnitude_over_a_period_keeps_its_bounds_not_its_word():
    figure = _figure(magnitude="thousands", low=2000, qualifier="at least", date="2003/2021")
    text = format_rate(figure, rate(figure, Per.year))
    assert text.startswith("≥ 105 troops a year (thousands (≥ 2,000 troops) over 19 years)")


def test_per_must_be_year_or_month(series_axis):
    result = series_axis("figure", "--per", "week")
    assert result.exit_code == 2
