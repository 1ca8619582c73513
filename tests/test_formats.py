"""Every output format parses back with its own parser; the JSON contract is pinned."""

import csv
import io
import json
import re

import pytest
import yaml

EVENT_KEYS = [
    "type",
    "id",
    "date",
    "date_text",
    "date_note",
    "start",
    "end",
    "title",
    "summary",
    "actors",
    "people",
    "domain",
    "tags",
    "location",
    "citations",
]
FIGURE_KEYS = [
    "type",
    "id",
    "metric",
    "label",
    "value",
    "unit",
    "qualifier",
    "low",
    "high",
    "value_text",
    "date",
    "date_text",
    "date_note",
    "start",
    "end",
    "actors",
    "tags",
    "note",
    "magnitude",
    "equivalent_to",
    "updates",
    "disputes",
    "citations",
]
CITATION_KEYS = ["source", "source_title", "source_publisher", "source_url", "claimant", "quote"]


def test_json_contract_of_events(fixture_axis):
    events = json.loads(fixture_axis("timeline", "--json").stdout)
    treaty = next(e for e in events if e["id"] == "treaty-signed")
    assert list(treaty) == EVENT_KEYS
    assert list(treaty["citations"][0]) == CITATION_KEYS
    assert treaty["citations"][0] == {
        "source": "alpha-report",
        "source_title": "Alpha Report",
        "source_publisher": "Alpha Press",
        "source_url": "https://example.org/alpha",
        "claimant": None,
        "quote": "The two states signed a “treaty of friendship” on 19 June 2024 in the capital.",
    }
    drills = next(e for e in events if e["id"] == "joint-drills")
    assert (drills["date"], drills["start"], drills["end"]) == ("2022/..", "2022-01-01", None)


def test_json_contract_of_figures(fixture_axis):
    figure = json.loads(fixture_axis("figure", "trade", "--json").stdout)[0]
    assert list(figure) == FIGURE_KEYS
    assert figure["value"] == 240000000000


def test_json_keeps_typographic_characters_unescaped(fixture_axis):
    out = fixture_axis("timeline", "--grep", "friendship", "--json").stdout
    assert "“treaty of friendship”" in out
    assert "\\u" not in out


def test_jsonl_is_one_object_per_line(fixture_axis):
    lines = fixture_axis("timeline", "-f", "jsonl").stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines][:2] == ["pact-1961", "joint-drills"]
    assert len(lines) == 5


@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ","), ("tsv", "\t")])
def test_delimited_formats_flatten_lists_and_the_first_citation(fixture_axis, fmt, delimiter):
    out = fixture_axis("timeline", "-f", fmt).stdout
    rows = list(csv.DictReader(io.StringIO(out), delimiter=delimiter))
    treaty = next(row for row in rows if row["id"] == "treaty-signed")
    assert treaty["actors"] == "RUS;PRK"
    assert treaty["source"] == "alpha-report"
    assert treaty["claimant"] == ""
    assert treaty["quote"].startswith("The two states signed")
    assert treaty["when"] == "2024-06-19"
    assert "citations" not in rows[0]


def test_yaml_parses_back_to_the_json(fixture_axis):
    as_yaml = yaml.safe_load(fixture_axis("figure", "-f", "yaml").stdout)
    assert as_yaml == json.loads(fixture_axis("figure", "--json").stdout)


def test_markdown_is_a_table_with_citations_as_footnotes(fixture_axis):
    out = fixture_axis("figure", "troops", "-f", "md").stdout
    lines = out.splitlines()
    assert lines[0] == "| metric | when | value_text | label |"
    assert lines[1] == "|---|---|---|---|"
    assert lines[2].endswith("[^1] |")
    assert (
        "[^1]: officials, as reported in *Alpha Report* <https://example.org/alpha>: “Officials"
        in out
    )
    assert out.count("[^") == 4


def test_plain_text_in_a_pipe_is_one_tab_separated_line_per_record(fixture_axis):
    out = fixture_axis("timeline").stdout
    lines = out.splitlines()
    assert len(lines) == 5
    first = lines[0].split("\t")
    assert first[:4] == ["1961", "1961-01-01", "1961-12-31", "pact-1961"]
    assert "\x1b[" not in out


def test_fields_choose_keys_and_their_order(fixture_axis):
    rows = json.loads(fixture_axis("timeline", "--fields", "title,id,claimant", "--json").stdout)
    assert list(rows[0]) == ["title", "id", "claimant"]
    out = fixture_axis("figure", "-f", "csv", "--fields", "id,value").stdout
    assert out.splitlines()[:2] == ["id,value", "containers-2023,5000"]


@pytest.mark.parametrize("args", [["--fields"], ["--fields", "id,colour"], ["--fields", "list"]])
def test_bare_or_unknown_fields_list_the_available_ones(fixture_axis, args):
    result = fixture_axis("timeline", *args, "--json")
    assert result.exit_code == 2
    assert "available fields: type, id, date" in result.stderr
    assert "quote" in result.stderr


def test_tables_fold_long_quotes_rather_than_cut_them(fixture_axis):
    result = fixture_axis("timeline", "-f", "table", "--fields", "quote", env={"COLUMNS": "40"})
    squeezed = re.sub(r"[\s│┃┏┓┗┛━─┡┩╇┳┻╋┃┼├┤└┘┌┐]", "", result.stdout)
    assert "Bymid" not in squeezed
    assert "ByDecember2023around5,000containershadcrossedtheborder." in squeezed


def test_quote_with_brackets_prints_as_written(fixture_axis):
    result = fixture_axis("show", "trade-2023", "--color", "always")
    assert "a record [sic]." in re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        (["--color", "always"], {}, True),
        (["--color", "never"], {"FORCE_COLOR": "1"}, False),
        ([], {}, False),
        ([], {"FORCE_COLOR": "1"}, True),
    ],
)
def test_colour_follows_the_option_and_the_terminal(fixture_axis, args, env, coloured):
    """`never` wins even where colour is forced; `auto` colours only a (forced) terminal."""
    result = fixture_axis("timeline", "-f", "timeline", *args, env=env)
    assert ("\x1b[" in result.stdout) is coloured


@pytest.mark.parametrize(
    ("env", "blue"),
    [
        ({"FORCE_COLOR": "1", "NO_COLOR": ""}, True),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        ({"FORCE_COLOR": "1", "TERM": "dumb"}, False),
    ],
)
def test_auto_colour_honours_no_color_and_dumb_terminals(fixture_axis, env, blue):
    result = fixture_axis("timeline", "-f", "timeline", env=env)
    assert ("\x1b[34m" in result.stdout) is blue


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("json", "[]\n"),
        ("jsonl", ""),
        ("plain", ""),
        (
            "csv",
            "type,id,date,date_text,date_note,start,end,title,summary,actors,people,domain,tags,"
            "location,when,headline,source,source_title,claimant,quote\n",
        ),
    ],
)
def test_machine_formats_keep_their_shape_when_nothing_matches(fixture_axis, fmt, expected):
    result = fixture_axis("timeline", "--grep", "zeppelin", "-f", fmt)
    assert result.exit_code == 0
    assert result.stdout == expected
    assert "No records match" in result.stderr


def test_an_empty_tsv_still_has_its_header(fixture_axis):
    result = fixture_axis("figure", "zeppelin", "-f", "tsv")
    assert result.exit_code == 0
    assert result.stdout.split("\t")[:3] == ["type", "id", "metric"]


def test_search_rows_have_the_same_columns_whatever_matched(fixture_axis):
    """Events and figures in one search: `type` first, then the same columns for both."""
    events_and_figures = fixture_axis("search", "soldiers").stdout.splitlines()
    only_events = fixture_axis("search", "friendship").stdout.splitlines()
    rows = [line.split("\t") for line in [*events_and_figures, *only_events]]
    assert {row[0] for row in rows} == {"event", "figure"}
    assert {len(row) for row in rows} == {9}
    header = fixture_axis("search", "friendship", "-f", "csv").stdout.splitlines()[0]
    assert header.split(",")[:2] == ["type", "id"] and "headline" in header


@pytest.mark.parametrize("args", [["sources", "-f", "md"], ["show", "alpha-report", "-f", "md"]])
def test_sources_print_as_markdown(fixture_axis, args):
    result = fixture_axis(*args)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("| id |") and "alpha-report" in result.stdout


def test_show_source_json_is_one_object(fixture_axis):
    source = json.loads(fixture_axis("show", "alpha-report", "--json").stdout)
    assert isinstance(source, dict) and source["id"] == "alpha-report"
