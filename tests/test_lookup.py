"""`axis show` (records and sources) and `search`; `cite` is in test_cite.py, the listings in
test_listings.py."""

import json

import yaml

from tests.conftest import ids


def test_show_prints_every_field_and_every_citation_in_full(fixture_axis):
    result = fixture_axis("show", "containers-2023")
    out = result.stdout
    assert result.exit_code == 0
    for expected in (
        "metric",
        "munitions.containers",
        "about 5,000 containers",
        "by 2023-12",
        "“By December 2023 around 5,000 containers had crossed the border.”",
        "Beta analysts",
        "source title",
        "Beta Notes",
        "newsletter",
    ):
        assert expected in out


def test_show_json_is_one_object(fixture_axis):
    record = json.loads(fixture_axis("show", "treaty-signed", "--json").stdout)
    assert record["id"] == "treaty-signed" and record["citations"][0]["source"] == "alpha-report"
    assert yaml.safe_load(fixture_axis("show", "treaty-signed", "-f", "yaml").stdout) == record


def test_show_a_source(fixture_axis):
    result = fixture_axis("show", "alpha-report")
    assert "Writer, A." in result.stdout and "https://example.org/alpha" in result.stdout


def test_show_unknown_id_suggests_the_closest(fixture_axis):
    result = fixture_axis("show", "treaty-signd")
    assert result.exit_code == 3
    assert (
        "no event, figure or assessment with id 'treaty-signd'; closest: treaty-signed"
        in result.stderr
    )


def test_search_puts_title_matches_first(fixture_axis):
    assert ids(fixture_axis("search", "treaty", "--json")) == ["treaty-signed", "pact-1961"]


def test_search_finds_events_and_figures(fixture_axis):
    records = json.loads(fixture_axis("search", "12,000 soldiers", "--json").stdout)
    assert {(r["type"], r["id"]) for r in records} == {
        ("event", "troops-arrive"),
        ("figure", "troops-2025"),
    }


def test_search_without_a_match_says_so(fixture_axis):
    result = fixture_axis("search", "zeppelin")
    assert result.exit_code == 0 and "No records match" in result.stderr
