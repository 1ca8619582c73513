"""Hostile input that must end in one clear message or safe output (issue 12): numbers no text
states, digits and dates outside the calendar, odd terminals, and store text that would run in a
spreadsheet or be active in Markdown. Every case checks the exit code, a one-line message naming
the option or file:line, no traceback, and that the store's files are unchanged."""

import csv
import hashlib
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown_it import MarkdownIt

from tests.conftest import STORE, Run

ACTORS = (
    "- code: PRK\n  name: North Korea\n  kind: state\n- code: RUS\n  name: Russia\n  kind: state\n"
)
SOURCES = "- id: alpha-report\n  title: Alpha Report\n  kind: analysis\n"
QUOTE = "Officials said 3,000 troops were sent."


def hashes(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != ".axis.lock"
    }


def store_with(tmp_path: Path, figures: str = "", events: str = "", sources: str = SOURCES) -> Path:
    store = tmp_path / "store"
    store.mkdir(parents=True, exist_ok=True)
    (store / "actors.yaml").write_text(ACTORS)
    (store / "sources.yaml").write_text(sources)
    if figures:
        (store / "figures.yaml").write_text(figures)
    if events:
        (store / "events.yaml").write_text(events)
    return store


def figure_yaml(numbers: str) -> str:
    """One figure whose number lines are `numbers` (line 4 onwards of figures.yaml)."""
    return (
        "- id: hostile-figure\n  metric: troops.x\n  label: Troops\n"
        f"{numbers}"
        "  unit: troops\n  qualifier: exact\n  date: '2024-10'\n  actors: [PRK]\n"
        f"  citations:\n    - source: alpha-report\n      quote: '{QUOTE}'\n"
    )


def one_error_line(stderr: str) -> str:
    """The message, after checking it is one line with no traceback."""
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


def in_store(axis: Run, store: Path, *args: str | Path, env: dict[str, str] | None = None) -> Any:
    return axis(*args, "--no-bundled", "--data", store, env=env)


# Numbers -------------------------------------------------------------------------------------

BIG = "9" * 400
NUMBERS = {
    "nan value": ("  value: .nan\n", "NaN"),
    "NaN value": ("  value: .NaN\n", "NaN"),
    "inf value": ("  value: .inf\n", "infinite"),
    "-inf value": ("  value: -.inf\n", "infinite"),
    "nan low": ("  magnitude: thousands\n  low: .nan\n", "NaN"),
    "inf high": ("  magnitude: thousands\n  high: .inf\n", "infinite"),
    "400 digits": (f"  value: {BIG}\n", "400 digits"),
    "over 10^18": ("  value: 1000000000000000001\n", "19 digits"),
    "huge float": ("  value: 1.0e+300\n", "301 digits"),
    "huge negative": (f"  value: -{BIG}\n", "400 digits"),
}


@pytest.mark.parametrize(("numbers", "says"), NUMBERS.values(), ids=NUMBERS)
@pytest.mark.parametrize(
    "command", [("check",), ("figure", "--json"), ("figure", "--chart"), ("figure", "-f", "csv")]
)
def test_a_number_no_text_states_is_a_problem_at_its_line(
    axis: Run, tmp_path: Path, numbers: str, says: str, command: tuple[str, ...]
) -> None:
    store = store_with(tmp_path, figures=figure_yaml(numbers))
    before = hashes(store)
    result = in_store(axis, store, *command)
    assert result.exit_code == 1, result.output
    assert result.stdout == "" or command == ("check",)
    message = result.stderr if command != ("check",) else result.stdout + result.stderr
    assert "Traceback" not in message
    assert re.search(r"figures\.yaml:[45]: 'hostile-figure': (value|low|high): ", message)
    assert says in message
    if command != ("check",):
        one_error_line(result.stderr)
    assert hashes(store) == before


def test_the_largest_number_a_figure_may_state_is_10_to_the_18(axis: Run, tmp_path: Path) -> None:
    store = store_with(tmp_path, figures=figure_yaml("  value: -1000000000000000000\n"))
    result = in_store(axis, store, "figure", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["value"] == -(10**18)


def test_a_5000_digit_value_is_a_problem_not_a_crash(axis: Run, tmp_path: Path) -> None:
    store = store_with(tmp_path, figures=figure_yaml(f"  value: {'9' * 5000}\n"))
    before = hashes(store)
    result = in_store(axis, store, "check")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)  # axis's own exit, not an error raised
    assert "figures.yaml:4: invalid YAML: the number is too long" in result.stdout
    assert hashes(store) == before


# Dates ---------------------------------------------------------------------------------------


def test_a_stored_date_in_other_digits_is_a_problem_at_its_line(axis: Run, tmp_path: Path) -> None:
    figures = figure_yaml("  value: 5\n").replace("'2024-10'", "'٢٠٢٤-١٠'")
    store = store_with(tmp_path, figures=figures)
    before = hashes(store)
    result = in_store(axis, store, "check")
    assert result.exit_code == 1
    assert "figures.yaml:7: 'hostile-figure': date: " in result.stdout
    assert "Traceback" not in result.output
    assert hashes(store) == before


TYPED_DATES = {
    "arabic-indic month": ("--since", "٢٠٢٤-٠٦"),
    "full-width year": ("--since", "２０２４"),
    "full-width quarter": ("--until", "２０２４Q2"),
    "written month, other digits": ("--since", "June ٢٠٢٤"),
    "superscript year": ("--until", "²⁰²⁴"),
    "today in other digits": ("--today", "٢٠٢٤-٠٦-٠١"),
}


@pytest.mark.parametrize(("option", "value"), TYPED_DATES.values(), ids=TYPED_DATES)
def test_a_typed_date_in_other_digits_is_a_usage_error(
    fixture_axis: Run, option: str, value: str
) -> None:
    before = hashes(STORE)
    result = fixture_axis("timeline", option, value, "--json")
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert one_error_line(result.stderr).startswith(f"Error: {option}: ")
    assert hashes(STORE) == before


CALENDAR_EDGES = [
    ("0001-01-01", "--since", "yesterday"),
    ("0001-01-01", "--until", "last year"),
    ("0001-01-31", "--since", "last month"),
    ("0001-02-15", "--since", "last quarter"),
    ("9999-06-01", "--since", "next year"),
    ("9999-12-31", "--until", "next month"),
    ("9999-11-30", "--until", "next quarter"),
]


@pytest.mark.parametrize(("today", "option", "value"), CALENDAR_EDGES)
def test_a_relative_date_off_the_calendar_is_a_usage_error(
    fixture_axis: Run, today: str, option: str, value: str
) -> None:
    result = fixture_axis("timeline", "--today", today, option, value)
    assert result.exit_code == 2, result.output
    assert one_error_line(result.stderr) == (
        f"Error: {option}: '{value}' seen from {today} falls outside the calendar"
    )


# Terminals -----------------------------------------------------------------------------------

VIEWS = [
    ("timeline", "-f", "table"),
    ("timeline", "-f", "timeline"),
    ("figure", "--chart"),
    ("sources", "-f", "table"),
]


@pytest.mark.parametrize("columns", ["99999999999999999999", "abc", "0", "-5", "", "20", "1"])
@pytest.mark.parametrize("command", VIEWS, ids=" ".join)
def test_any_columns_gives_a_view(
    fixture_axis: Run, columns: str, command: tuple[str, ...]
) -> None:
    result = fixture_axis(*command, env={"COLUMNS": columns})
    assert result.exit_code == 0, result.output
    assert result.exception is None and result.stderr == ""
    assert result.stdout.strip()
    assert max(map(len, result.stdout.splitlines())) <= 1000


@pytest.mark.parametrize("command", VIEWS, ids=" ".join)
def test_a_dumb_terminal_gets_a_plain_view(fixture_axis: Run, command: tuple[str, ...]) -> None:
    result = fixture_axis(*command, "--color", "auto", env={"TERM": "dumb"})
    assert result.exit_code == 0, result.output
    assert "\x1b[" not in result.stdout and result.stdout.strip()


@pytest.mark.parametrize("command", ["sources", "actors", "timeline", "figure", "tags"])
def test_every_listing_prints_markdown(fixture_axis: Run, command: str) -> None:
    result = fixture_axis(command, "--format", "md")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("| ") and result.stderr == ""


# Spreadsheets --------------------------------------------------------------------------------

FORMULAS = {
    "title": '=HYPERLINK("http://evil.example","click")',
    "summary": "+cmd|' /C calc'!A0",
    "location": "@SUM(1+1)*cmd|' /C calc'!A0",
    "date_note": "\tstarts with a tab",
    "claimant": "-2+3+cmd|' /C calc'!A0",
}


def hostile_event(**text: str) -> str:
    event = {
        "id": "hostile-event",
        "date": "2024-06-19",
        "title": text.get("title", "A title"),
        "summary": text.get("summary", "A summary."),
        "actors": ["PRK", "RUS"],
        "domain": "diplomatic",
        "citations": [
            {
                "source": "alpha-report",
                "quote": text.get("quote", QUOTE),
                **({"claimant": text["claimant"]} if "claimant" in text else {}),
            }
        ],
    }
    for key in ("location", "date_note"):
        if key in text:
            event[key] = text[key]
    return yaml.safe_dump([event], allow_unicode=True, sort_keys=False)


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_cells_that_would_run_in_a_spreadsheet_are_neutralised(
    axis: Run, tmp_path: Path, fmt: str
) -> None:
    store = store_with(tmp_path, events=hostile_event(**FORMULAS))
    before = hashes(store)
    result = in_store(axis, store, "timeline", "-f", fmt)
    assert result.exit_code == 0, result.output
    [row] = csv.DictReader(io.StringIO(result.stdout), delimiter="," if fmt == "csv" else "\t")
    for field, text in FORMULAS.items():
        assert row[field] == "'" + text
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row.values())
    raw = in_store(axis, store, "timeline", "-f", fmt, env={"AXIS_RAW_CELLS": "1"})
    [row] = csv.DictReader(io.StringIO(raw.stdout), delimiter="," if fmt == "csv" else "\t")
    assert {field: row[field] for field in FORMULAS} == FORMULAS
    assert hashes(store) == before


def test_a_negative_number_stays_a_number(axis: Run, tmp_path: Path) -> None:
    figures = figure_yaml("  value: -5\n  low: -7.5\n").replace("label: Troops", "label: '-x'")
    store = store_with(tmp_path, figures=figures)
    result = in_store(axis, store, "figure", "-f", "csv")
    assert result.exit_code == 0, result.output
    [row] = csv.DictReader(io.StringIO(result.stdout))
    assert (row["value"], row["low"], row["label"]) == ("-5", "-7.5", "'-x")


def test_import_reads_back_the_csv_timeline_writes(axis: Run, tmp_path: Path) -> None:
    hostile = {**FORMULAS, "quote": "-" + QUOTE, "date_note": "'=already quoted"}
    store = store_with(tmp_path, events=hostile_event(**hostile))
    exported = in_store(axis, store, "timeline", "-f", "csv").stdout
    (tmp_path / "events.csv").write_text(exported)
    target = store_with(tmp_path / "target")
    result = in_store(axis, target, "import", tmp_path / "events.csv")
    assert result.exit_code == 0, result.output
    got = json.loads(in_store(axis, target, "show", "hostile-event", "--json").stdout)
    want = json.loads(in_store(axis, store, "show", "hostile-event", "--json").stdout)
    assert got == want


# Markdown ------------------------------------------------------------------------------------

MARKDOWN = {
    "title": "<img src=x onerror=alert(1)> <script>alert(1)</script>",
    "summary": "*bold* __strong__ [click](javascript:alert(1)) <javascript:alert(1)>",
    "location": "a | b\r| injected | row |",
    "quote": "Said so.”\n\n[^9]: a forged note\n# A heading\r\n| x | y |",
    "claimant": "`code` ![img](http://evil.example/x.png)",
}
EVIL_SOURCE = (
    "- id: alpha-report\n  title: '*Alpha* <b>Report</b>'\n  kind: analysis\n"
    "  url: 'javascript:alert(1)'\n"
)


@pytest.mark.parametrize(
    "sources",
    [SOURCES, EVIL_SOURCE, SOURCES.replace("kind", "url: 'https://x.example/a>b'\n  kind")],
)
def test_store_text_in_markdown_is_inert(axis: Run, tmp_path: Path, sources: str) -> None:
    store = store_with(tmp_path, events=hostile_event(**MARKDOWN), sources=sources)
    before = hashes(store)
    result = in_store(axis, store, "timeline", "-f", "md")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "\r" not in result.stdout
    # A header, its rule, one row; a blank line; one footnote.
    assert len(lines) == 5, result.stdout
    assert lines[0].startswith("| ") and lines[1].startswith("|---") and lines[3] == ""
    assert lines[2].startswith("| 2024-06-19 | ")
    assert lines[4].startswith("[^1]: ") and lines[4].endswith("”")
    assert lines[2].count(" | ") == lines[0].count(" | ")  # no cell split by a store `|`
    page = MarkdownIt("commonmark", {"html": True}).enable("table").render(result.stdout)
    for active in ("<img", "<script", "<b>", "<strong>", "<code>", "href", "<h1", "<tr>\n<td>x"):
        assert active not in page, active
    assert page.count("<em>") == 1  # axis's own: the source's title in its footnote
    assert hashes(store) == before


def test_a_web_address_stays_a_link_in_markdown(fixture_axis: Run) -> None:
    result = fixture_axis("timeline", "-f", "md")
    assert "<https://example.org/alpha>" in result.stdout
