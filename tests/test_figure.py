"""`axis figure`: matching, grouping by metric, values as people write them, and the chart."""

import json

import pytest

from tests.conftest import FIXTURES, ids

SERIES = FIXTURES / "series"


def test_term_matches_metric_label_or_tags_in_date_order(fixture_axis):
    assert ids(fixture_axis("figure", "troops", "--json")) == ["troops-2024-10", "troops-2025"]
    assert ids(fixture_axis("figure", "munitions", "--json")) == ["containers-2023"]
    assert ids(fixture_axis("figure", "Trade in", "--json")) == ["trade-2023"]


TROOPS = ["troops-2024-10", "troops-early-2025", "troops-moscow-2025", "troops-thousands"]


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        # TERM names a metric (a dotted segment or prefix): that metric's figures only, not the
        # casualties or the years-interval that carry a `troops` tag
        ("troops", TROOPS),
        ("Troop", TROOPS),
        ("troops.dprk-in-russia", TROOPS),
        ("dprk-in-russia", ["casualties-2025-01", *TROOPS]),
        ("munitions", ["containers-2023-12", "shells-122mm-2023-12", "shells-152mm-2023-12"]),
        # else a phrase in a metric, label or tags, as before
        ("shells", ["shells-122mm-2023-12", "shells-152mm-2023-12"]),
        ("deployment", ["deployment-gap"]),
        ("killed or injured", ["casualties-2025-01"]),
    ],
)
def test_term_that_names_a_metric_returns_that_metric_only(axis, term, expected):
    found = ids(axis("figure", term, "--json", "--no-bundled", "--data", SERIES))
    assert found == expected


def test_whether_term_names_a_metric_does_not_depend_on_other_filters(axis):
    # no troops.* figure involves Ukraine: the answer is empty, not the casualties
    result = axis("figure", "troops", "-a", "UKR", "--json", "--no-bundled", "--data", SERIES)
    assert ids(result) == []


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], ["containers-2023", "trade-2023", "troops-2024-10", "troops-2025"]),
        (["--sort", "date"], ["trade-2023", "containers-2023", "troops-2024-10", "troops-2025"]),
        (["--sort", "value"], ["troops-2024-10", "containers-2023", "troops-2025", "trade-2023"]),
        (["--sort", "value", "--reverse", "--limit", "1"], ["trade-2023"]),
        (["--unit", "USD"], ["trade-2023"]),
        (["--claimant", "officials"], ["troops-2024-10"]),
        (["--actor", "PRC"], ["trade-2023"]),
        (["--since", "2024"], ["troops-2024-10", "troops-2025"]),
        (["--grep", "crossed the border"], ["containers-2023"]),
    ],
)
def test_figure_filters_and_orders(fixture_axis, args, expected):
    assert ids(fixture_axis("figure", *args, "--json")) == expected


def test_unknown_unit_is_a_usage_error(fixture_axis):
    result = fixture_axis("figure", "--unit", "usd")
    assert result.exit_code == 2
    assert "unknown unit 'usd' — did you mean USD?" in result.stderr


def test_values_read_as_people_write_them(fixture_axis):
    rows = json.loads(fixture_axis("figure", "--json").stdout)
    assert {row["id"]: row["value_text"] for row in rows} == {
        "containers-2023": "about 5,000 containers (range 4,000–6,000)",
        "trade-2023": "USD 240 bn",
        "troops-2024-10": "at least 3,000 troops",
        "troops-2025": "over 12,000 troops",
    }


def test_successive_claims_sit_side_by_side_with_their_claimants(fixture_axis):
    result = fixture_axis("figure", "troops", "--format", "table")
    lines = result.stdout.splitlines()
    first = next(i for i, line in enumerate(lines) if "at least 3,000 troops" in line)
    second = next(i for i, line in enumerate(lines) if "over 12,000 troops" in line)
    assert first < second
    assert "officials" in result.stdout and "reports" in result.stdout


def test_chart_draws_one_metric(fixture_axis):
    result = fixture_axis("figure", "troops", "--chart")
    assert result.exit_code == 0
    lines = [line for line in result.stdout.splitlines() if "█" in line]
    assert len(lines) == 2
    assert lines[0].count("█") < lines[1].count("█") == 40
    assert "officials" in lines[0] and "at least 3,000 troops" in lines[0]


def test_chart_of_several_metrics_draws_one_chart_each(fixture_axis):
    result = fixture_axis("figure", "--chart")
    assert result.exit_code == 0
    metrics = {
        line.strip() for line in result.stdout.splitlines() if "." in line and "█" not in line
    }
    figures = json.loads(fixture_axis("figure", "--json").stdout)
    assert {f["metric"] for f in figures} <= metrics
    assert sum("█" in line for line in result.stdout.splitlines()) == len(figures)


def test_bundled_trade_figures_are_valid_json(axis):
    result = axis("figure", "trade", "--json")
    figures = json.loads(result.stdout)
    trade = next(f for f in figures if f["metric"] == "trade.china-russia")
    assert trade["value"] == 240_000_000_000 and trade["unit"] == "USD"
