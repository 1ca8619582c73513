"""Rich views of chosen fields and of one record or row in full, laid out for the terminal's
width when Rich renders them. Store text goes through `cells.store_text`."""

import re
from collections.abc import Sequence
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from axiscli.render.cells import GAP, IDS, STACK_BELOW, WORD_MAX, cell_width, store_text
from axiscli.render.formats import Row
from axiscli.render.safe import visible


class FieldsTable:
    """The chosen fields as columns, values as the flat formats write them. Ids and actor codes
    never wrap, nor other words where it can be helped: the widest column gives way first, down
    to its longest word (at most `WORD_MAX`). Where even that does not fit, each row becomes a
    key/value block; where a row takes several lines, a blank line parts the rows."""

    def __init__(self, rows: Sequence[Row], fields: Sequence[str]) -> None:
        self.rows = rows
        self.fields = fields
        self.cells = [[store_text(row[name]) for name in fields] for row in rows]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        natural, floors = [], []
        for column, name in enumerate(self.fields):
            texts: list[Text | str] = [name, *(cells[column] for cells in self.cells)]
            natural.append(cell_width(texts))
            # Lists are `;`-joined without a space: a column of them may break at any `;`.
            words = [word for text in texts for word in re.split(r"[\s;]+", str(text))]
            whole = natural[-1] if name in IDS else min(cell_width(words), WORD_MAX)
            floors.append(min(natural[-1], whole))
        widths = list(natural)
        excess = sum(widths) + GAP * (len(widths) - 1) - options.max_width
        while excess > 0 and (wider := [i for i, w in enumerate(widths) if w > floors[i]]):
            widths[max(wider, key=lambda i: widths[i])] -= 1
            excess -= 1
        if excess > 0:
            for number, row in enumerate(self.rows):
                if number:
                    yield Text()
                yield MappingView({name: row[name] for name in self.fields})
            return
        table = Table(
            box=box.SIMPLE_HEAD,
            show_edge=False,
            pad_edge=False,
            padding=(0, GAP - 1, 0, 0),
            show_lines=widths != natural,
        )
        for name, width in zip(self.fields, widths, strict=True):
            if name in IDS:
                table.add_column(name, style="dim", width=width, no_wrap=True)
            else:
                table.add_column(name, width=width, overflow="fold")
        for cells in self.cells:
            table.add_row(*cells)
        yield table


def fields_table(rows: Sequence[Row], fields: Sequence[str]) -> RenderableType:
    """The chosen fields as columns, laid out for the width of the terminal."""
    return FieldsTable(rows, fields)


class _Heading:
    """A rule with a title, or where the title would not fit, the title (folded, never cut)
    above a bare rule."""

    def __init__(self, title: str, style: str = "rule.line") -> None:
        self.title = visible(title)
        self.style = style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if cell_len(self.title) + 4 <= options.max_width:
            yield Rule(Text(self.title), align="left", style=self.style)
        else:
            yield Text(self.title)
            yield Rule(style=self.style)


def detail_view(row: Row, sources: dict[str, Any]) -> RenderableType:
    """One record in full: every field, then each citation with its quote and source details."""
    hidden = ("type", "citations", "source", "source_title", "claimant", "quote")
    fields = {name: value for name, value in row.items() if name not in hidden}
    parts: list[RenderableType] = [_Heading(f"{row['type']} {row['id']}"), mapping_view(fields)]
    for number, citation in enumerate(row["citations"], 1):
        source = {
            key: value
            for key, value in sources[citation["source"]].items()
            if key not in ("text_file", "notes")
        }
        facts = {
            "quote": f"“{citation['quote']}”",
            "claimant": citation["claimant"] or "(the source itself)",
            **{f"source {name}": value for name, value in source.items()},
        }
        parts += [_Heading(f"citation {number}", style="dim"), mapping_view(facts)]
    return Group(*parts)


class MappingView:
    """A key/value grid of one row, empty values left out. Below `STACK_BELOW` columns a value
    too long to follow its key goes under it, indented, so long keys leave it the whole width."""

    def __init__(self, values: Row) -> None:
        self.values = {name: value for name, value in values.items() if value not in (None, [])}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if options.max_width < STACK_BELOW:
            for name, value in self.values.items():
                key, text = store_text(name, "bold"), store_text(value)
                if key.cell_len + GAP + text.cell_len <= options.max_width and "\n" not in text:
                    yield key.append(" " * GAP).append_text(text)
                else:
                    yield key
                    yield Padding(text, (0, 0, 0, GAP))
            return
        table = Table.grid(padding=(0, GAP))
        table.add_column(style="bold", no_wrap=True)
        table.add_column(overflow="fold")
        for name, value in self.values.items():
            table.add_row(store_text(name), store_text(value))
        yield table


def mapping_view(values: Row) -> RenderableType:
    """A key/value view of one row, laid out for the width of the terminal."""
    return MappingView(values)
