"""Rich views for people at a terminal: tables, the timeline, one record in full.

Every view shows the source and claimant of each row; quotes wrap, never get cut.
"""

from collections.abc import Sequence
from itertools import groupby
from typing import Any

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from axiscli.render.formats import Row, flat_value

_SOURCE_DETAILS = ("id", "title", "author", "publisher", "published", "url", "kind")


def _citation_cell(row: Row) -> Text:
    first = row["citations"][0]
    text = Text(first["source_title"] or first["source"], style="cyan")
    if first["claimant"]:
        text.append(f" — {first['claimant']}", style="magenta")
    if len(row["citations"]) > 1:
        text.append(f" (+{len(row['citations']) - 1} more)", style="dim")
    return text


def _headline(row: Row) -> Text:
    if row["type"] == "event":
        return Text(row["title"])
    text = Text(row["value_text"], style="bold")
    return text.append(f"  {row['label']}", style="default")


def records_table(rows: Sequence[Row], title: str | None = None) -> Table:
    """Events or figures, a row each: when, who, what, and the citation."""
    table = Table(title=title, show_lines=False, expand=False)
    table.add_column("When", overflow="fold", max_width=22)
    table.add_column("Actors", overflow="fold", max_width=14)
    table.add_column(
        "Event" if rows and rows[0]["type"] == "event" else "Figure", overflow="fold", ratio=3
    )
    table.add_column("Source — claimant", overflow="fold", ratio=2)
    table.add_column("id", style="dim", overflow="fold", max_width=24)
    previous_metric = None
    for row in rows:
        metric = row.get("metric")
        if previous_metric is not None and metric != previous_metric:
            table.add_section()
        previous_metric = metric
        table.add_row(
            row["when"], ", ".join(row["actors"]), _headline(row), _citation_cell(row), row["id"]
        )
    return table


def fields_table(rows: Sequence[Row], fields: Sequence[str]) -> Table:
    """The chosen fields as columns, values as the flat formats write them."""
    table = Table()
    for name in fields:
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*(Text(flat_value(row[name])) for name in fields))
    return table


def timeline_view(rows: Sequence[Row]) -> RenderableType:
    """Records grouped under their year, each line: date, actors, headline, citation.

    The columns keep one width across all years, so the dates line up down the page.
    """
    when_width = min(max(len(row["when"]) for row in rows), 30)
    actors_width = max(len(" ".join(row["actors"])) for row in rows)
    parts: list[RenderableType] = []
    for year, in_year in groupby(rows, key=lambda row: (row["start"] or row["end"])[:4]):
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", width=when_width, overflow="fold")
        grid.add_column(style="yellow", width=actors_width, overflow="fold")
        grid.add_column(overflow="fold", ratio=1)
        for row in in_year:
            body = _headline(row).append("\n").append_text(_citation_cell(row))
            grid.add_row(row["when"], " ".join(row["actors"]), body)
        parts += [Rule(year, align="left", style="blue"), grid]
    return Group(*parts)


def detail_view(row: Row, sources: dict[str, Any]) -> RenderableType:
    """One record in full: every field, then each citation with its quote and source details."""
    hidden = ("type", "citations", "source", "source_title", "claimant", "quote")
    fields = {name: value for name, value in row.items() if name not in hidden}
    parts: list[RenderableType] = [
        Rule(f"{row['type']} {row['id']}", align="left"),
        mapping_view(fields),
    ]
    for number, citation in enumerate(row["citations"], 1):
        source = sources[citation["source"]]
        facts = {
            "quote": f"“{citation['quote']}”",
            "claimant": citation["claimant"] or "(the source itself)",
            **{f"source {name}": getattr(source, name) for name in _SOURCE_DETAILS},
        }
        parts += [Rule(f"citation {number}", align="left", style="dim"), mapping_view(facts)]
    return Group(*parts)


def mapping_view(values: Row) -> Table:
    """A key/value grid of one row, empty values left out."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    for name, value in values.items():
        if value not in (None, []):
            table.add_row(name, Text(flat_value(value)))
    return table
