"""Rich views of records for people at a terminal: the records table and the timeline.

Every record shows its source and claimant, and its id whole on one line, so that `axis show ID`
is one copy away; text wraps, never gets cut. The list views choose their layout when Rich
renders them, from the width it offers (the renderers stay pure): one line per record where
everything fits; else compact date and actor columns so the title gets the room; below
`STACK_BELOW` columns, or where the ids leave the title too little, one line each for date,
headline, attribution and id. Store text is made visible (`safe.visible`) and always put in
`Text`, so neither control characters nor `[brackets]` act on the terminal or on Rich.
"""

import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby, pairwise
from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.rule import Rule
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from axiscli.render.cells import GAP, STACK_BELOW, WORD_MAX, cell_width, store_text
from axiscli.render.formats import Row
from axiscli.render.rows import relation_marks
from axiscli.render.safe import visible

if TYPE_CHECKING:
    from rich.table import Table

UNDATED = "Undated"

_TITLE_MIN = 20
_SOURCE_MIN = len("Source — claimant")
_WHEN_MAX = 16
_ACTORS_COMPACT = 7  # two three-letter codes a line
_YEAR = re.compile(r"(?:by |since )?(\d{4})")


def _citation_cell(row: Row) -> Text:
    first = row["citations"][0]
    text = store_text(first["source_title"] or first["source"], "cyan")
    if first["claimant"]:
        text.append(f" — {visible(first['claimant'])}", style="magenta")
    if len(row["citations"]) > 1:
        text.append(f" (+{len(row['citations']) - 1} more)", style="dim")
    return text


def _headline(row: Row) -> Text:
    if row["type"] == "event":
        return store_text(row["title"])
    text = store_text(row.get("rate_text", row["value_text"]), "bold")
    text.append(f"  {visible(row['label'])}", style="default")
    for mark in relation_marks(row):
        text.append(f"  {visible(mark)}", style="italic")
    return text


def _when_cell(row: Row, compact: bool) -> Text:
    """The sortable date in bold, then the text's wording: on the next line when `compact`."""
    date, _, wording = row["when"].partition(" · ")
    text = store_text(date, "bold")
    if wording:
        text.append(("\n" if compact else " · ") + visible(wording))
    return text


def _actors(row: Row) -> Text:
    return store_text(" ".join(row["actors"]), "yellow")


def _id(row: Row) -> Text:
    return store_text(row["id"], "dim")


def _year(row: Row) -> str:
    """The group of a record: the year its `when` begins with ("by 2023-12" is 2023)."""
    found = _YEAR.match(row["when"])
    return found[1] if found else UNDATED


class _Widths(NamedTuple):
    """Column widths of a list of records; `title` and `source` are 0 where they share one."""

    when: int
    actors: int
    title: int
    source: int
    id: int


def _natural(rows: Sequence[Row], headers: Sequence[str] = ("",) * 5) -> _Widths:
    """The widths that put every record on one line."""
    columns = (
        [_when_cell(row, compact=False) for row in rows],
        [_actors(row) for row in rows],
        [_headline(row) for row in rows],
        [_citation_cell(row) for row in rows],
        [row["id"] for row in rows],
    )
    return _Widths(
        *(cell_width([head, *cells]) for head, cells in zip(headers, columns, strict=True))
    )


def _compact(rows: Sequence[Row], natural: _Widths) -> tuple[int, int]:
    """When and Actors narrowed: the date alone on its line, two actor codes a line."""
    dates = [row["when"].partition(" · ")[0] for row in rows]
    codes = [code for row in rows for code in row["actors"]]
    when = min(natural.when, _WHEN_MAX, max(len("When"), cell_width(dates)))
    return when, min(natural.actors, max(_ACTORS_COMPACT, cell_width(codes)))


def _fits_one_line(natural: _Widths, width: int) -> bool:
    """Whether every record fits on one line, each column at its natural width."""
    columns = (natural.when, natural.actors, natural.title, natural.source, natural.id)
    return sum(columns) + GAP * (len(columns) - 1) <= width


def _stacked(rows: Sequence[Row], width: int) -> list[RenderableType]:
    """A record to a few lines: date and actors, then indented the headline, the attribution and
    the id. An id too long to indent starts its own line; one wider than the terminal folds.
    A blank line parts two metrics."""
    from rich.padding import Padding

    parts: list[RenderableType] = []
    for number, row in enumerate(rows):
        if number and row.get("metric") != rows[number - 1].get("metric"):
            parts.append(Text())
        head = _when_cell(row, compact=False).append("  ").append_text(_actors(row))
        ident = _id(row)
        body = (_headline(row), _citation_cell(row))
        parts += [head, *(Padding(text, (0, 0, 0, GAP)) for text in body)]
        parts.append(Padding(ident, (0, 0, 0, GAP)) if ident.cell_len + GAP <= width else ident)
    return parts


class TimelineView:
    """Records under a rule per year, undated ones last under "Undated"; each with its date,
    actors, headline, source and claimant, and id (dim). The columns keep one width across all
    years, so the dates line up down the page."""

    def __init__(self, rows: Sequence[Row]) -> None:
        self.rows = [row for row in rows if _year(row) != UNDATED]
        self.rows += [row for row in rows if _year(row) == UNDATED]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        cells = [_TimelineCells.of(row) for row in self.rows]
        natural = _Widths(
            cell_width(cell.when for cell in cells),
            cell_width(cell.actors for cell in cells),
            cell_width(cell.headline for cell in cells),
            cell_width(cell.citation for cell in cells),
            cell_width(row["id"] for row in self.rows),
        )
        when, actors = _compact(self.rows, natural)
        # A wide terminal lets the date's wording run to a fifth of it, the title keeps the rest.
        wording = cell_width(cell.when_compact for cell in cells)
        when = min(wording, max(when, width // 5))
        body = width - when - actors - 2 * GAP
        for year, in_year in groupby(zip(self.rows, cells, strict=True), key=lambda r: _year(r[0])):
            yield from _rule(console, options, Text(year, style="bold"))
            rows, row_cells = zip(*in_year, strict=True)
            if _fits_one_line(natural, width):
                columns = (natural.when, natural.actors, natural.title, natural.source, natural.id)
                yield from _grid(console, (cell.one_line() for cell in row_cells), columns)
            elif width >= STACK_BELOW and body >= max(_TITLE_MIN, natural.id):
                compact = (cell.columns(body) for cell in row_cells)
                yield from _grid(console, compact, (when, actors, body))
            else:
                yield from _stacked(rows, width)


class _TimelineCells(NamedTuple):
    """A record's cells, made once for measuring and laying out."""

    when: Text
    when_compact: Text
    actors: Text
    headline: Text
    citation: Text
    ident: Text

    @classmethod
    def of(cls, row: Row) -> "_TimelineCells":
        return cls(
            _when_cell(row, compact=False),
            _when_cell(row, compact=True),
            _actors(row),
            _headline(row),
            _citation_cell(row),
            _id(row),
        )

    def one_line(self) -> tuple[Text, ...]:
        return self.when, self.actors, self.headline, self.citation, self.ident

    def columns(self, width: int) -> tuple[Text, ...]:
        """Compact date and actors; the headline, then the attribution with the id at its right
        (or below it when both do not fit on one line)."""
        room = width - self.citation.cell_len - self.ident.cell_len
        body = self.headline.copy().append("\n").append_text(self.citation)
        body.append(" " * room if room >= GAP else "\n").append_text(self.ident)
        return self.when_compact, self.actors, body


def _rule(
    console: Console, options: ConsoleOptions, title: Text
) -> Iterator[Segment | RenderableType]:
    """`Rule(title, align="left", style="blue")`: the title, then a line to the edge. Where the
    title fits, the line is made here: Rich would lay it out again as a paragraph."""
    width = options.max_width
    if options.ascii_only or title.cell_len > width - 2:
        yield Rule(title, align="left", style="blue")
        return
    line = Text().append_text(title).append(" ")
    yield from line.append("─" * (width - line.cell_len), style="blue").render(console, end="\n")


def _grid(
    console: Console, rows: Iterable[tuple[Text, ...]], widths: tuple[int, ...]
) -> Iterator[Segment | RenderableType]:
    """Rows of cells in columns of `widths`, `GAP` apart, each cell's text wrapped in its column
    (a word wider than it folds) and the row as tall as its tallest cell: the lines a
    `Table.grid(padding=(0, GAP))` of those columns prints, made without measuring what the
    widths already say (Rich's table spends most of a long timeline doing that)."""
    if min(widths) < 1:  # an empty column: Rich's own rules for it
        yield _table_grid(rows, widths)
        return
    gaps = [" " * GAP] * (len(widths) - 1) + [""]
    new_line = Segment.line()
    for cells in rows:
        wrapped = [
            _cell_lines(console, cell, width) for cell, width in zip(cells, widths, strict=True)
        ]
        for number in range(max(len(lines) for lines in wrapped)):
            for lines, width, gap in zip(wrapped, widths, gaps, strict=True):
                if number < len(lines):
                    yield from lines[number]
                    if gap:
                        yield Segment(gap)
                else:
                    yield Segment(" " * (width + len(gap)))
            yield new_line


def _cell_lines(console: Console, cell: Text, width: int) -> list[list[Segment]]:
    """`cell` wrapped at `width` and padded to it, as Rich prints a table cell (`justify="left"`,
    `overflow="fold"`). A line that fits is cut from the cell's spans as `Text.render` cuts it;
    any other goes through `Text.wrap`, as does a cell with what the view never puts in one (a
    base style, a tab, overlapping spans)."""
    plain = cell.plain
    spans = sorted(cell.spans, key=lambda span: (span.start, span.end))
    if cell.style or "\t" in plain or any(a.end > b.start for a, b in pairwise(spans)):
        return _wrapped(console, cell, width)
    null = Style.null()
    styled = [(span.start, span.end, console.get_style(span.style, default=null)) for span in spans]
    lines: list[list[Segment]] = []
    start = 0
    for piece in plain.split("\n"):
        end = start + len(piece)
        size = cell_len(piece)
        if size > width:
            lines += _wrapped(console, cell[start:end], width)
        else:
            line, cursor = [], start
            for span_start, span_end, style in styled:
                if span_end > start and span_start < end:
                    span_start, span_end = max(span_start, start), min(span_end, end)
                    if span_start > cursor:
                        line.append(Segment(plain[cursor:span_start]))
                    line.append(Segment(plain[span_start:span_end], style))
                    cursor = span_end
            line.append(Segment(plain[cursor:end] + " " * (width - size)))
            lines.append(line)
        start = end + 1
    return lines


def _wrapped(console: Console, text: Text, width: int) -> list[list[Segment]]:
    lines = text.wrap(console, width, justify="left", overflow="fold", tab_size=console.tab_size)
    return [Segment.adjust_line_length(list(line.render(console)), width) for line in lines]


def _table_grid(rows: Iterable[tuple[Text, ...]], widths: tuple[int, ...]) -> "Table":
    from rich.table import Table

    grid = Table.grid(padding=(0, GAP))
    for width in widths:
        grid.add_column(width=width, overflow="fold")
    for cells in rows:
        grid.add_row(*cells)
    return grid


def timeline_view(rows: Sequence[Row]) -> RenderableType:
    """Records grouped under their year, laid out for the width of the terminal."""
    return TimelineView(rows)


class RecordsTable:
    """Events or figures (or both), a row each: when, who, what, the citation and the id.

    The id column is as wide as the longest id and never wraps; where the terminal is too narrow
    for it and a readable title, the records stack instead.
    """

    def __init__(self, rows: Sequence[Row], title: str | None = None) -> None:
        self.rows = rows
        self.title = title
        kinds = {row["type"] for row in rows}
        what = "Event" if kinds == {"event"} else "Figure" if kinds == {"figure"} else "Record"
        self.headers = ("When", "Actors", what, "Source — claimant", "id")

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        natural = _natural(self.rows, self.headers)
        when, actors = _compact(self.rows, natural)
        widths = [natural.when, natural.actors, natural.source, natural.title]
        excess = sum(widths) + natural.id + 4 * GAP - options.max_width
        if excess > 0:  # first the date's wording goes under it
            widths[0] = min(natural.when, cell_width(_when_cell(row, True) for row in self.rows))
            excess -= natural.when - widths[0]
        # Columns give way in this order, each down to its floor: the title gets the room, but
        # a source's name breaks mid-word only where the alternative is to stack.
        words = [word for row in self.rows for word in _citation_cell(row).plain.split()]
        whole_words = max(_SOURCE_MIN, min(cell_width(words), WORD_MAX))
        floors = ((0, when), (1, actors), (2, whole_words), (3, _TITLE_MIN), (2, _SOURCE_MIN))
        for column, floor in floors:
            cut = max(0, min(excess, widths[column] - floor))
            widths[column] -= cut
            excess -= cut
        if excess > 0:
            yield from _stacked(self.rows, options.max_width)
        else:
            when, actors, source, title = widths
            yield self._table(_Widths(when, actors, title, source, natural.id), natural)

    def _table(self, widths: _Widths, natural: _Widths) -> "Table":
        """The table at `widths`; where any column is narrower than its `natural` width, rows
        take several lines and a blank line parts them."""
        from rich import box
        from rich.table import Table

        compact = widths.when < natural.when
        table = Table(
            title=Text(visible(self.title), style="table.title") if self.title else None,
            box=box.SIMPLE_HEAD,
            show_edge=False,
            pad_edge=False,
            padding=(0, GAP - 1, 0, 0),
            show_lines=widths != natural,
        )
        sizes = (widths.when, widths.actors, widths.title, widths.source)
        for header, size in zip(self.headers[:-1], sizes, strict=True):
            table.add_column(header, width=size, overflow="fold")
        table.add_column(self.headers[-1], width=widths.id, no_wrap=True)
        previous_metric = None
        for row in self.rows:
            metric = row.get("metric")
            if previous_metric is not None and metric != previous_metric:
                table.add_section()
            previous_metric = metric
            table.add_row(
                _when_cell(row, compact),
                _actors(row),
                _headline(row),
                _citation_cell(row),
                _id(row),
            )
        return table


def records_table(rows: Sequence[Row], title: str | None = None) -> RenderableType:
    """Events or figures, a row each, laid out for the width of the terminal."""
    return RecordsTable(rows, title)
