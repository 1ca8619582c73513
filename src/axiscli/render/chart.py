"""Bars in the terminal: one metric's figures, and counts with an inline bar per row.

Store text (metrics, dates as written, claimants, labels) is made visible and put in `Text`, so
it neither acts on the terminal nor reads as Rich markup.
"""

from collections.abc import Sequence

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from axiscli.model import Figure
from axiscli.render.safe import visible
from axiscli.render.values import format_value

BAR_WIDTH = 40
_TEXT_MIN = 16  # the date and claimant columns narrow to this, wrapping, before the bar does
_BAR_MIN = 10
_GAP = 2


def bar(amount: float, largest: float, width: int = BAR_WIDTH) -> str:
    """A bar of `width` cells at `largest`; anything above zero gets at least one cell."""
    if largest <= 0 or amount <= 0:
        return ""
    return "█" * max(1, round(width * amount / largest))


class FigureChart:
    """One metric's figures as bars, each with its date, claimant and value as written. Where
    the terminal is narrow, the date and claimant columns wrap and the bar shortens; below that,
    each figure takes two lines (three if the value is long): date and claimant, then the bar
    and the value."""

    def __init__(self, figures: Sequence[Figure], when: Sequence[str]) -> None:
        self.title = Text(visible(figures[0].metric), style="table.title")
        largest = max(figure.value for figure in figures)
        self.rows = [
            (
                Text(visible(date_text)),
                Text(
                    visible(", ".join(sorted({c.claimant or c.source for c in f.citations}))),
                    style="magenta",
                ),
                f.value / largest if largest > 0 else 0.0,
                Text(visible(format_value(f))),
            )
            for f, date_text in zip(figures, when, strict=True)
        ]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        natural = [
            max(row[0].cell_len for row in self.rows),
            max(row[1].cell_len for row in self.rows),
            BAR_WIDTH,
            max(row[3].cell_len for row in self.rows),
        ]
        widths = list(natural)
        excess = sum(widths) + 3 * _GAP - options.max_width
        for column, floor in enumerate((_TEXT_MIN, _TEXT_MIN, _BAR_MIN)):
            cut = max(0, min(excess, widths[column] - floor))
            widths[column] -= cut
            excess -= cut
        if excess <= 0:
            yield self._table(widths)
            return
        yield Text(self.title.plain, style=self.title.style, justify="center")
        # One bar width for the whole chart, so bars compare; the value follows on the bar's
        # line where that leaves a bar worth reading, else on its own.
        bar_width = min(BAR_WIDTH, options.max_width - natural[3] - _GAP)
        inline = bar_width >= _BAR_MIN
        bar_width = bar_width if inline else min(BAR_WIDTH, options.max_width)
        for date_text, claimants, share, value in self.rows:
            yield Text.assemble(date_text, " " * _GAP, claimants)
            drawn = Text(bar(share, 1, bar_width), style="green")
            yield Text.assemble(drawn, " " * _GAP, value) if inline else Group(drawn, value)

    def _table(self, widths: list[int]) -> Table:
        table = Table(
            title=self.title, show_header=False, box=None, padding=(0, _GAP, 0, 0), pad_edge=False
        )
        table.add_column(width=widths[0], overflow="fold")
        table.add_column(width=widths[1], overflow="fold")
        table.add_column(width=widths[2], style="green", no_wrap=True)
        table.add_column(width=widths[3], no_wrap=True)
        for date_text, claimants, share, value in self.rows:
            table.add_row(date_text, claimants, bar(share, 1, widths[2]), value)
        return table


def figure_chart(figures: Sequence[Figure], when: Sequence[str]) -> RenderableType:
    """One metric's figures as bars, laid out for the width of the terminal."""
    return FigureChart(figures, when)


def counts_table(
    title: str, columns: Sequence[str], rows: Sequence[tuple[str, Sequence[int]]]
) -> Table:
    """Rows of counts under `columns`, a total and a bar scaled to the largest total.

    Many columns get four-letter headers, spelled out in a caption, so the table fits 80 columns.
    """
    largest = max((sum(counts) for _, counts in rows), default=0)
    short = {name: name[:4] if len(columns) > 3 else name for name in columns}
    legend = ", ".join(f"{short[name]} = {name}" for name in columns if short[name] != name)
    caption = Text(visible(legend), style="table.caption") if legend else None
    table = Table(
        title=Text(title, style="table.title"), caption=caption, box=box.SIMPLE_HEAD, padding=(0, 1)
    )
    table.add_column("", no_wrap=True)
    for name in columns:
        table.add_column(Text(visible(short[name])), justify="right", min_width=4)
    table.add_column("total", justify="right", style="bold", no_wrap=True)
    table.add_column("", style="green", no_wrap=True)
    for label, counts in rows:
        total = sum(counts)
        cells = [str(count) if count else "·" for count in counts]
        table.add_row(Text(visible(label)), *cells, str(total), bar(total, largest, width=16))
    return table
