"""`axis timeline`: order, every filter, alias resolution and every date form people type."""

import csv
import io
import json
from datetime import date

import pytest

from axiscli.dates import parse_edtf
from tests.conftest import FIXTURES, ids

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
    assert result.stderr == (
        "Error: --actor: unknown actor 'DPKR' — did you mean DPRK (PRK)? "
        "(`axis actors` lists them all)\n"
    )
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--since", "2024"], ["treaty-signed", "troops-arrive"]),
        (["--since", "2024", "--overlap"], ["joint-drills", "treaty-signed", "troops-arrive"]),
        (["--until", "2023"], ["pact-1961", "joint-drills", "containers-crossed"]),
        (["--until", "2024"], ["pact-1961", "joint-drills", "containers-crossed", "treaty-signed"]),
        (["--until", "2024-06-18"], ["pact-1961", "joint-drills", "containers-crossed"]),
        (["--until", "2023-11"], ["pact-1961", "joint-drills"]),
        (["--until", "2023-11", "--overlap"], ["pact-1961", "joint-drills", "containers-crossed"]),
        (["--since", "2024-06", "--until", "2024-06"], ["treaty-signed"]),
        (
            ["--since", "2024-06", "--until", "2024-06", "--overlap"],
            ["joint-drills", "treaty-signed"],
        ),
        (["--since", "June 2024", "--until", "19 Jun 2024"], ["treaty-signed"]),
        (["--since", "2024Q2", "--until", "2024Q2"], ["treaty-signed"]),
        (["--since", "2025-03", "--until", "2025-03"], []),
        (
            ["--since", "2025-03", "--until", "2025-03", "--overlap"],
            ["joint-drills", "troops-arrive"],
        ),
        (
            ["--since", "last year", "--until", "last year", "--today", "2025-03-01"],
            ["treaty-signed"],
        ),
        (["--since", "1960", "--until", "1965"], ["pact-1961"]),
        (["--since", "1960", "--until", "1965", "--overlap"], ["pact-1961", "containers-crossed"]),
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
        (["-a", "RUS", "--domain", "military", "--since", "2025"], ["troops-arrive"]),
        (
            ["-a", "RUS", "--domain", "military", "--since", "2025", "--overlap"],
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
        (["--since", "2025", "--until", "2024"], "the window starts (2025) after it ends (2024)"),
        (["--tag", "treety"], "unknown tag 'treety' — did you mean treaty"),
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
    treaty = next(e for e in json.loads(result.stdout) if e["id"] == "russia-dprk-treaty-signed")
    assert treaty["date"] == "2024-06-19"
    assert treaty["start"] == treaty["end"] == "2024-06-19"
    assert any("19 June 2024" in c["quote"] for c in treaty["citations"])


def test_timeline_view_groups_by_year_with_source_and_claimant(fixture_axis):
    result = fixture_axis("timeline", "--format", "timeline")
    out = result.stdout
    assert result.exit_code == 0
    assert out.index("1961") < out.index("2022") < out.index("2023") < out.index("2024")
    assert "by 2023-12" in out
    assert "2025~ · early 2025" in out
    assert "Beta Notes — Beta analysts" in out
    assert "2024-06-19" in out


UNDATED = ["--data", FIXTURES / "undated"]


def test_undated_records_sort_last_and_stay_last_newest_first(fixture_axis):
    assert ids(fixture_axis("timeline", *UNDATED, "--json")) == [*ALL, "summit-remembered"]
    newest_first = ids(fixture_axis("timeline", *UNDATED, "-r", "--json"))
    assert newest_first == [*ALL[::-1], "summit-remembered"]


@pytest.mark.parametrize("window", [["--since", "1900"], ["--until", "2100"]])
@pytest.mark.parametrize("overlap", [[], ["--overlap"]])
def test_undated_records_fall_in_no_window(fixture_axis, window, overlap):
    assert "summit-remembered" not in ids(
        fixture_axis("timeline", *UNDATED, *window, *overlap, "--json")
    )


def test_undated_records_say_so_in_every_format(fixture_axis):
    record = json.loads(fixture_axis("show", "summit-remembered", *UNDATED, "--json").stdout)
    assert (record["date"], record["start"], record["end"]) == (None, None, None)
    assert "of the 1960s" in record["date_note"]
    rows = list(csv.DictReader(io.StringIO(fixture_axis("timeline", *UNDATED, "-f", "csv").stdout)))
    assert rows[-1]["when"] == "undated"
    view = fixture_axis("timeline", *UNDATED, "-f", "timeline").stdout
    assert view.index("Undated") > view.index("2025") and view.index("A summit is") > view.index(
        "Undated"
    )


def test_the_default_window_notes_what_overlap_would_add(fixture_axis):
    result = fixture_axis("timeline", "--since", "2025-03", "--until", "2025-03", "-f", "table")
    assert result.exit_code == 0
    assert (
        "2 more records may fall in this window (imprecise dates): add --overlap" in result.stderr
    )
    assert (
        "may fall"
        not in fixture_axis("timeline", "--since", "2025-03", "--overlap", "-f", "table").stderr
    )
    assert (
        "may fall"
        not in fixture_axis("timeline", "--since", "2025-03", "--until", "2025-03", "--json").stderr
    )


@pytest.mark.parametrize(
    ("args", "first", "last"),
    [
        (["--since", "September 2025", "--until", "September 2025"], "2025-09-01", "2025-09-30"),
        (["--actor", "DPRK", "--since", "2024"], "2024-01-01", None),
        (["--until", "1950"], None, "1950-12-31"),
    ],
)
def test_bundled_windows_hold_only_records_dated_inside(axis, args, first, last):
    """The three windows a new user found flooded with undated and open-ended records."""
    records = json.loads(axis("timeline", *args, "--json").stdout)
    wider = json.loads(axis("timeline", *args, "--overlap", "--json").stdout)
    assert len(records) < len(wider)
    for record in records:
        start, end = parse_edtf(record["date"]).anchor
        assert first is None or start >= date.fromisoformat(first), record["id"]
        assert last is None or end <= date.fromisoformat(last), record["id"]


def test_the_latest_five_are_the_latest_dated(axis):
    records = json.loads(axis("timeline", "-r", "-n", "5", "--json").stdout)
    every = json.loads(axis("timeline", "--json").stdout)
    dated = [r for r in every if r["date"] is not None]
    assert [r["id"] for r in records] == [r["id"] for r in dated[::-1][:5]]
