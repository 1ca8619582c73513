"""The terminal views: layouts pinned by golden files at 40, 80 and 120 columns, ids whole on one
line, the stacked timeline, and store text that never acts on the terminal or on Rich.

`pytest --update-goldens` rewrites tests/golden/ from the current output; read each file after.
"""

import io
import json
import re
from pathlib import Path

import pytest
from rich.console import Console

from axiscli import Format, by_date, open_catalog, render_records
from tests.conftest import FIXTURES, STORE

GOLDEN = Path(__file__).parent / "golden"
HOSTILE = ["--data", FIXTURES / "hostile"]
NEVER = ("--color", "never")

VIEWS = {
    "timeline": ("timeline", "-f", "timeline"),
    "figure-table": ("figure", "-f", "table"),
    "search-table": ("search", "12,000 soldiers", "-f", "table"),
}
# Control characters but tab and newline: C0, DEL, C1.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What Rich writes for styles: Select Graphic Rendition, ESC [ numbers m.
SGR = re.compile(r"\x1b\[[0-9;]*m")


def columns(width: int) -> dict[str, str]:
    return {"COLUMNS": str(width)}


@pytest.mark.parametrize("width", [40, 80, 120])
@pytest.mark.parametrize("view", VIEWS)
def test_views_match_their_golden_files(fixture_axis, update_goldens, view, width):
    result = fixture_axis(*VIEWS[view], *NEVER, env=columns(width))
    assert result.exit_code == 0, result.output
    golden = GOLDEN / f"{view}-{width}.txt"
    if update_goldens:
        golden.write_bytes(result.stdout_bytes)
    assert result.stdout_bytes == golden.read_bytes(), f"differs from {golden}"


def record_ids(run, args) -> list[str]:
    result = run(*args[: args.index("-f")], "--json")
    assert result.exit_code == 0, result.output
    return [record["id"] for record in json.loads(result.stdout)]


@pytest.mark.parametrize("width", [40, 80, 120])
@pytest.mark.parametrize("view", VIEWS)
def test_every_id_is_shown_whole_on_one_line(fixture_axis, view, width):
    lines = fixture_axis(*VIEWS[view], *NEVER, env=columns(width)).stdout.splitlines()
    expected = record_ids(fixture_axis, VIEWS[view])
    assert expected
    for record_id in expected:
        assert any(re.search(rf"(^|\s){record_id}(\s|$)", line) for line in lines), record_id


@pytest.mark.parametrize("width", [40, 80, 120])
@pytest.mark.parametrize("view", ["timeline", "figure-table"])
def test_long_ids_of_the_bundled_store_stay_whole_where_they_fit(axis, view, width):
    """The bundled ids run to over 40 characters: those no wider than the terminal never break."""
    lines = axis(*VIEWS[view], *NEVER, env=columns(width)).stdout.splitlines()
    fitting = [i for i in record_ids(axis, VIEWS[view]) if len(i) <= width]
    assert max(map(len, fitting)) > 30
    for record_id in fitting:
        assert any(re.search(rf"(^|\s){record_id}(\s|$)", line) for line in lines), record_id


def lines_around(out: str, text: str) -> tuple[str, str, str]:
    """The line holding `text`, with the lines before and after it."""
    lines = out.splitlines()
    at = next(number for number, line in enumerate(lines) if text in line)
    return lines[at - 1], lines[at], lines[at + 1]


@pytest.mark.parametrize("width", [40, 59])
def test_timeline_stacks_date_title_attribution_and_id_below_60_columns(fixture_axis, width):
    out = fixture_axis(*VIEWS["timeline"], *NEVER, env=columns(width)).stdout
    before, title, after = lines_around(out, "Containers cross the border")
    assert before.startswith("by 2023-12") and "PRK RUS" in before
    assert title.strip() == "Containers cross the border"
    assert after.strip() == "Beta Notes — Beta analysts"
    assert lines_around(out, "Beta Notes — Beta analysts")[2].strip() == "containers-crossed"


@pytest.mark.parametrize("width", [60, 80])
def test_timeline_keeps_date_and_title_side_by_side_from_60_columns(fixture_axis, width):
    out = fixture_axis(*VIEWS["timeline"], *NEVER, env=columns(width)).stdout
    _, title, after = lines_around(out, "Containers cross the border")
    assert title.startswith("by 2023-12") and "PRK RUS" in title
    assert after.strip().startswith("Beta Notes — Beta analysts")
    # The id ends the attribution's line where both fit, else takes the next.
    ident = after if width == 80 else lines_around(out, "Beta Notes — Beta analysts")[2]
    assert ident.rstrip().endswith(" containers-crossed")


def test_timeline_puts_each_record_on_one_line_where_all_fit(fixture_axis):
    out = fixture_axis(*VIEWS["timeline"], *NEVER, env=columns(120)).stdout
    line = lines_around(out, "Containers cross the border")[1]
    for part in ("by 2023-12", "PRK RUS", "Beta Notes — Beta analysts", "containers-crossed"):
        assert part in line


UNDATED_EVENT = """
- id: undated-meeting
  date_note: The text gives no date.
  title: An undated meeting
  summary: A meeting.
  actors: [CHN, PRK]
  domain: diplomatic
  citations:
    - source: beta-notes
      quote: "in 1961 a pact was signed"
"""


def test_timeline_groups_by_year_of_the_date_with_undated_last(fixture_axis, tmp_path):
    (tmp_path / "events.yaml").write_text(UNDATED_EVENT, encoding="utf-8")
    out = fixture_axis(*VIEWS["timeline"], "--data", tmp_path, *NEVER).stdout
    rules = [line.split()[0] for line in out.splitlines() if "────" in line]
    assert rules == ["1961", "2022", "2023", "2024", "2025", "Undated"]
    # "by December 2023" sits under 2023, its anchor's year, though it has no start.
    assert out.index("2023 ─") < out.index("Containers cross the border") < out.index("2024 ─")
    assert out.index("Undated ─") < out.index("An undated meeting")


def test_timeline_view_puts_undated_records_last_whatever_order_they_come_in(tmp_path):
    (tmp_path / "events.yaml").write_text(UNDATED_EVENT, encoding="utf-8")
    catalog = open_catalog([STORE, tmp_path], bundled=False)
    records = by_date(catalog.events)[::-1]
    assert records[0].id == "undated-meeting"
    console = Console(width=80, color_system=None, file=io.StringIO())
    console.print(render_records(records, catalog, Format.timeline, kind="event"))
    out = console.file.getvalue()
    rules = [line.split()[0] for line in out.splitlines() if "────" in line]
    assert rules == ["2025", "2024", "2023", "2022", "1961", "Undated"]


HUMAN_VIEWS = {
    "events table": ("timeline", "-f", "table"),
    "figures table": ("figure", "-f", "table"),
    "fields table": ("timeline", "-f", "table", "--fields", "id,when,title,claimant,quote"),
    "timeline": ("timeline", "-f", "timeline"),
    "show event": ("show", "hostile-event"),
    "show figure": ("show", "hostile-figure"),
    "show source": ("show", "hostile-source"),
    "chart": ("figure", "--chart"),
    "plain": ("timeline", "-f", "plain", "--fields", "when,title,source_title,claimant,quote"),
    "plain figures": ("figure", "-f", "plain"),
    "md": ("timeline", "-f", "md"),
    "md figures": ("figure", "-f", "md"),
}


def as_read(view: str, out: str) -> str:
    """What a reader sees: Markdown's backslash escapes (store text is escaped in `md`) undone."""
    return re.sub(r"\\([\\`*_\[\]<>|])", r"\1", out) if view.startswith("md") else out


@pytest.mark.parametrize("width", [40, 200])
@pytest.mark.parametrize("view", HUMAN_VIEWS)
def test_control_characters_in_the_store_are_shown_not_sent(fixture_axis, view, width):
    result = fixture_axis(*HUMAN_VIEWS[view], *HOSTILE, *NEVER, env=columns(width))
    assert result.exit_code == 0, result.output
    out = as_read(view, result.stdout)
    assert not CONTROL.findall(out)
    if width == 200:  # wide enough that nothing wraps inside what is checked
        assert r"\x1b[31mred\x1b[0m" in out or r"\x1b[31m\x07\x9b" in out
        assert r"\x07" in out and r"\x9b" in out


@pytest.mark.parametrize("view", HUMAN_VIEWS)
def test_brackets_in_the_store_print_as_written(fixture_axis, view):
    result = fixture_axis(*HUMAN_VIEWS[view], *HOSTILE, *NEVER, env=columns(200))
    assert result.exit_code == 0, result.output
    out = as_read(view, result.stdout)
    assert "[red]x[/red]" in out and "[bold]" in out


def test_date_text_with_markup_prints_as_written(fixture_axis):
    out = fixture_axis(*VIEWS["timeline"], *HOSTILE, *NEVER, env=columns(200)).stdout
    assert "since [red]2022[/red]" in out


@pytest.mark.parametrize(
    "args",
    [
        HUMAN_VIEWS["events table"],
        HUMAN_VIEWS["figures table"],
        HUMAN_VIEWS["timeline"],
        HUMAN_VIEWS["show event"],
        HUMAN_VIEWS["show source"],
        HUMAN_VIEWS["chart"],
    ],
)
def test_in_colour_the_only_escape_sequences_are_richs_own(fixture_axis, args):
    result = fixture_axis(*args, *HOSTILE, "--color", "always", env=columns(200))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert SGR.search(out), "no colour at all: the test would prove nothing"
    assert "\x1b[31mred" not in out
    plain = SGR.sub("", out)
    assert not CONTROL.findall(plain)
    assert r"\x1b[31mred" in plain or r"\x1b[31m\x07" in plain
    assert "[red]x[/red]" in plain and "[bold]" in plain
