"""Bars in the terminal: one metric's figures, and counts with an inline bar per row."""

from collections.abc import Sequence

from rich import box
from rich.table import Table
from rich.text import Text

from axiscli.model import Figure
from axiscli.render.values import format_value

BAR_WIDTH = 40


def bar(amount: float, largest: float, width: int = BAR_WIDTH) -> str:
    """A bar of `width` cells at `largest`; anything above zero gets at least one cell."""
    if largest <= 0 or amount <= 0:
        return ""
    return "█" * max(1, round(width * amount / largest))


def figure_chart(figures: Sequence[Figure], when: Sequence[str]) -> Table:
    """One metric's figures as bars, each with its date, claimant and value as written."""
    largest = max(figure.value for figure in figures)
    table = Table(title=figures[0].metric, show_header=False, box=None, padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    table.add_column(style="green", no_wrap=True)
    table.add_column(no_wrap=True)
    for figure, date_text in zip(figures, when, strict=True):
        claimants = sorted({c.claimant or c.source for c in figure.citations})
        table.add_row(
            date_text,
            Text(", ".join(claimants), style="magenta"),
            bar(figure.value, largest),
            format_value(figure),
        )
    return table


def counts_table(
    title: str, columns: Sequence[str], rows: Sequence[tuple[str, Sequence[int]]]
) -> Table:
    """Rows of counts under `columns`, a total and a bar scaled to the largest total.

    Many columns get four-letter headers, spelled out in a caption, so the table fits 80 columns.
    """
    largest = max((sum(counts) for _, counts in rows), default=0)
    short = {name: name[:4] if len(columns) > 3 else name for name in columns}
    legend = ", ".join(f"{short[name]} = {name}" for name in columns if short[name] != name)
    table = Table(title=title, caption=legend or None, box=box.SIMPLE_HEAD, padding=(0, 1))
    table.add_column("", no_wrap=True)
    for name in columns:
        table.add_column(short[name], justify="right", min_width=4)
    table.add_column("total", justify="right", style="bold", no_wrap=True)
    table.add_column("", style="green", no_wrap=True)
    for label, counts in rows:
        total = sum(counts)
        cells = [str(count) if count else "·" for count in counts]
        table.add_row(label, *cells, str(total), bar(total, largest, width=16))
    return table
