"""`axis show`, `search`, `cite`, `sources`, `actors` and `stats`."""

import json

import pytest
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
        "by Dec 2023",
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
    assert "A. Writer" in result.stdout and "https://example.org/alpha" in result.stdout


def test_show_unknown_id_suggests_the_closest(fixture_axis):
    result = fixture_axis("show", "treaty-signd")
    assert result.exit_code == 3
    assert "no event or figure with id 'treaty-signd'; closest: treaty-signed" in result.stderr


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


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        (
            "text",
            "“Officials said at least 3,000 troops were sent in October 2024.” — officials, "
            "as reported in A. Writer, Alpha Report (Alpha Press) https://example.org/alpha",
        ),
        (
            "markdown",
            "> “Officials said at least 3,000 troops were sent in October 2024.”\n\n— "
            "officials, as reported in A. Writer, "
            "[*Alpha Report*](https://example.org/alpha) "
            "(Alpha Press)",
        ),
        ("apa", "A. Writer (2025). Alpha Report. Alpha Press. https://example.org/alpha"),
        ("chicago", "A. Writer. “Alpha Report.” Alpha Press, 2025-03. https://example.org/alpha"),
        ("bibtex", "@misc{alpha-report,\n  title = {Alpha Report},\n  author = {A. Writer},"),
    ],
)
def test_cite_a_record_in_each_style(fixture_axis, style, expected):
    result = fixture_axis("cite", "troops-2024-10", "--style", style)
    assert result.exit_code == 0
    assert expected in result.stdout


def test_cite_a_source_without_author_or_date(fixture_axis):
    result = fixture_axis("cite", "beta-notes", "--style", "apa")
    assert result.stdout.strip() == "Beta Notes. (n.d.)."


def test_cite_unknown_id(fixture_axis):
    result = fixture_axis("cite", "nothing-here")
    assert result.exit_code == 3
    assert "nor a source" in result.stderr


def test_sources_count_the_records_citing_each(fixture_axis):
    rows = json.loads(fixture_axis("sources", "--json").stdout)
    counts = {row["id"]: (row["records"], row["citations"]) for row in rows}
    assert counts == {"alpha-report": (5, 5), "beta-notes": (4, 4)}


def test_actors_list_every_alias_and_count(fixture_axis):
    rows = {row["code"]: row for row in json.loads(fixture_axis("actors", "--json").stdout)}
    assert rows["PRK"]["aliases"] == ["DPRK", "NK"]
    assert (rows["PRK"]["events"], rows["PRK"]["figures"]) == (4, 3)
    table = fixture_axis("actors", "-f", "table").stdout
    assert "DPRK;NK" in table


def test_stats_count_by_year_domain_and_actor(fixture_axis):
    stats = json.loads(fixture_axis("stats", "--json").stdout)
    assert [row["year"] for row in stats["events_by_year"]] == [1961, 2022, 2023, 2024, 2025]
    assert stats["events_by_year"][2]["arms"] == 1
    assert {row["code"]: row["events"] for row in stats["records_by_actor"]}["RUS"] == 4
    table = fixture_axis("stats", "-f", "table").stdout
    assert "Events by year and domain" in table and "█" in table


def test_stats_refuses_row_formats(fixture_axis):
    result = fixture_axis("stats", "-f", "csv")
    assert result.exit_code == 2
