"""`axis timeline`: order, every filter, alias resolution and every date form people type."""

import pytest

from tests.conftest import ids

ALL = ["pact-1961", "joint-drills", "containers-crossed", "treaty-signed", "troops-arrive"]


def test_events_come_in_date_order_with_by_dates_at_their_end(fixture_axis):
    assert ids(fixture_axis("timeline", "--json")) == ALL


@pytest.mark.parametrize("name", ["PRK", "prk", "DPRK", "dprk", "NK", "North Korea", "north korea"])
def test_actor_codes_and_aliases_resolve_case_insensitively(fixture_axis, name):
    result = fixture_axis("timeline", "--actor", name, "--json")
    assert ids(result) == ["pact-1961", "containers-crossed", "treaty-signed", "troops-arrive"]


def test_several_actors_mean_the_dyad(fixture_axis):
    result = fixture_axis("timeline", "-a", "Russia", "-a", "DPRK", "--json")
    assert ids(result) == ["containers-crossed", "treaty-signed", "troops-arrive"]


def test_any_actor_means_either(fixture_axis):
    result = fixture_axis("timeline", "-a", "PRC", "-a", "UKR", "--any-actor", "--json")
    assert ids(result) == ["pact-1961", "joint-drills", "troops-arrive"]


def test_unknown_actor_suggests_the_closest_name(fixture_axis):
    result = fixture_axis("timeline", "--actor", "DPKR")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: unknown actor 'DPKR' — did you mean DPRK (PRK)?")
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--since", "2024"], ["joint-drills", "treaty-signed", "troops-arrive"]),
        (["--since", "2024", "--strict-dates"], ["treaty-signed", "troops-arrive"]),
        (["--until", "2023"], ["pact-1961", "joint-drills", "containers-crossed"]),
        (["--until", "2024"], ["pact-1961", "joint-drills", "containers-crossed", "treaty-signed"]),
        (["--until", "2024-06-18"], ["pact-1961", "joint-drills", "containers-crossed"]),
        (["--since", "2024-06", "--until", "2024-06"], ["joint-drills", "treaty-signed"]),
        (["--since", "June 2024", "--until", "19 Jun 2024", "--strict-dates"], ["treaty-signed"]),
        (["--since", "2024Q2", "--until", "2024Q2", "--strict-dates"], ["treaty-signed"]),
        (
            [
                "--since",
                "last year",
                "--until",
                "last year",
                "--today",
                "2025-03-01",
                "--strict-dates",
            ],
            ["treaty-signed"],
        ),
        (["--since", "1960", "--until", "1965"], ["pact-1961", "containers-crossed"]),
        (["--since", "1960", "--until", "1965", "--strict-dates"], ["pact-1961"]),
        (["--domain", "military"], ["joint-drills", "troops-arrive"]),
        (
            ["--domain", "military", "--domain", "arms"],
            ["joint-drills", "containers-crossed", "troops-arrive"],
        ),
        (["--tag", "treaty"], ["pact-1961", "treaty-signed"]),
        (["--source", "beta-notes"], ["pact-1961", "joint-drills", "containers-crossed"]),
        (["--claimant", "beta"], ["containers-crossed"]),
        (["--claimant", "REPORTS"], ["troops-arrive"]),
        (["--grep", "friendship"], ["treaty-signed"]),
        (["--grep", "12,000"], ["troops-arrive"]),
        (["--limit", "2"], ["pact-1961", "joint-drills"]),
        (["--reverse", "--limit", "2"], ["troops-arrive", "treaty-signed"]),
        (
            ["-a", "RUS", "--domain", "military", "--since", "2025"],
            ["joint-drills", "troops-arrive"],
        ),
    ],
)
def test_filters_combine(fixture_axis, args, expected):
    assert ids(fixture_axis("timeline", *args, "--json")) == expected


def test_no_match_is_a_note_not_an_error(fixture_axis):
    result = fixture_axis("timeline", "--grep", "zeppelin")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "No records match" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "soon"], "--since: cannot read 'soon' as a date; try 2023"),
        (["--until", "June"], "--until: 'June' has no year"),
        (["--since", "2025", "--until", "2024"], "--since is after --until"),
        (["--tag", "treatys"], "unknown tag 'treatys' — did you mean treaty"),
        (["--source", "beta"], "unknown source 'beta' — did you mean beta-notes?"),
    ],
)
def test_bad_filters_are_usage_errors(fixture_axis, args, message):
    result = fixture_axis("timeline", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_unknown_domain_is_refused_by_the_option(fixture_axis):
    result = fixture_axis("timeline", "--domain", "space")
    assert result.exit_code == 2


def test_bundled_store_lists_the_russia_dprk_treaty_with_its_citation(axis):
    result = axis("timeline", "--actor", "DPRK", "--json")
    import json

    treaty = next(e for e in json.loads(result.stdout) if e["id"] == "russia-dprk-treaty-signed")
    assert treaty["date"] == "2024-06-19"
    assert treaty["start"] == treaty["end"] == "2024-06-19"
    assert any("19 June 2024" in c["quote"] for c in treaty["citations"])


def test_timeline_view_groups_by_year_with_source_and_claimant(fixture_axis):
    result = fixture_axis("timeline", "--format", "timeline")
    out = result.stdout
    assert result.exit_code == 0
    assert out.index("1961") < out.index("2022") < out.index("2023") < out.index("2024")
    assert "by December 2023" in out
    assert "early 2025 (approx.)" in out
    assert "Beta Notes — Beta analysts" in out
    assert "19 Jun 2024" in out
