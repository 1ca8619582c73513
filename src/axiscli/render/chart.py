"""Bars in the terminal: one metric's figures, and counts with an inline bar per row.

A figure's bar says how much the text commits to: solid (`█`) as far as the text states, light
(`░`) on to where its range reaches, and `▸` where it leaves the top open (at least, more than,
a vague magnitude such as "thousands"), so that a floor never reads as a point. Equivalent
figures, one quantity stated in several ways, get one bar between them in a chart: the others
are marked `≡` and a line under the chart names them all, so nothing invites adding them up.

Store text (metrics, dates as written, claimants, labels) is made visible and put in `Text`, so
it neither acts on the terminal nor reads as Rich markup.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from axiscli.model import Figure
from axiscli.render.safe import visible
from axiscli.render.values import format_rate, format_value
from axiscli.series import Per, equivalents, rate

BAR_WIDTH = 40
_TEXT_MIN = 16  # the date and claimant columns narrow to this, wrapping, before the bar does
_BAR_MIN = 10
_GAP = 2
SOLID, LIGHT, OPEN, SAME = "█", "░", "▸", "≡"


def bar(amount: float, largest: float, width: int = BAR_WIDTH) -> str:
    """A bar of `width` cells at `largest`; anything above zero gets at least one cell."""
    if largest <= 0 or amount <= 0:
        return ""
    return SOLID * max(1, round(width * amount / largest))


@dataclass(frozen=True)
class Extent:
    """How far a figure reaches, in its own unit: `solid` up to what the text states, `reach`
    up to what its range allows, `open` when the text sets a floor and no ceiling."""

    solid: float
    reach: float
    open: bool


def extent(value: float | None, low: float | None, high: float | None, qualifier: str) -> Extent:
    """A figure's (or a rate's) numbers as a bar: "at least 3,000" is solid to 3,000 and open;
    "about 5,000 (range 4,000–6,000)" solid to 4,000 and light to 6,000; "up to 50" light to
    50; "thousands (≥ 2,000)" solid to 2,000 and open; "hundreds (100–999)" 100 then 999."""
    if value is None:
        solid = low or 0.0
        return Extent(solid, high if high is not None else solid, high is None and low is not None)
    if qualifier in ("at least", "more than"):
        return Extent(value, high if high is not None else value, high is None)
    if qualifier == "up to":
        return Extent(low or 0.0, value, False)
    return Extent(low if low is not None else value, high if high is not None else value, False)


def draw(shape: Extent, largest: float, cells: int) -> Text:
    """`shape` as a bar of at most `cells` cells at `largest`, then `▸` when it is open."""
    solid = round(cells * shape.solid / largest) if largest > 0 else 0
    reach = round(cells * shape.reach / largest) if largest > 0 else 0
    solid = max(solid, 1 if shape.solid > 0 else 0)
    if shape.reach > shape.solid:  # a range shows, however short
        reach = min(cells, max(reach, solid + 1))
    text = Text(SOLID * solid, style="green")
    text.append(LIGHT * max(0, reach - solid), style="green")
    if shape.open:
        text.append(OPEN, style="bold green")
    return text


@dataclass(frozen=True)
class _Row:
    when: Text
    claimants: Text
    shape: Extent | None  # None: no bar (an equivalent drawn above, or no period to rate)
    mark: str
    value: Text


class FigureChart:
    """One metric's figures as bars, each with its date, claimant and value as written (or as a
    rate over its period), notes on the markers used under it. Where the terminal is narrow,
    the date and claimant columns wrap and the bar shortens; below that, each figure takes two
    lines (three if the value is long): date and claimant, then the bar and the value."""

    def __init__(
        self,
        figures: Sequence[Figure],
        when: Sequence[str],
        *,
        related: Iterable[Figure] = (),
        per: Per | None = None,
    ) -> None:
        metric = figures[0].metric
        self.title = Text(visible(f"{metric}, a {per}" if per else metric), style="table.title")
        classes = equivalents([*related, *figures])
        drawn: set[str] = set()
        self.rows: list[_Row] = []
        unrated = 0
        for figure, date_text in zip(figures, when, strict=True):
            same = classes.get(figure.id, frozenset({figure.id}))
            value = format_value(figure)
            shape: Extent | None = extent(figure.value, figure.low, figure.high, figure.qualifier)
            if per is not None:
                over = rate(figure, per)
                value = format_rate(figure, over)
                if over is None:
                    shape, unrated = None, unrated + 1
                else:
                    shape = extent(over.value, over.low, over.high, figure.qualifier)
            mark = ""
            if len(same) > 1:
                if same & drawn:  # `≡` stands in the bar's place
                    shape, mark = None, SAME
                else:
                    value = f"{SAME} {value}"
                    if shape is not None:
                        drawn.add(figure.id)
            claimants = ", ".join(sorted({c.claimant or c.source for c in figure.citations}))
            self.rows.append(
                _Row(
                    Text(visible(date_text)),
                    Text(visible(claimants), style="magenta"),
                    shape,
                    mark,
                    Text(visible(value)),
                )
            )
        shapes = [row.shape for row in self.rows if row.shape]
        self.largest = max((shape.reach for shape in shapes), default=0.0)
        self.marker = int(any(shape.open for shape in shapes))
        self.notes = _notes(figures, shapes, classes, unrated, per)

    def _bar(self, row: _Row, width: int) -> Text:
        if row.shape is None:
            return Text(row.mark, style="bold")
        return draw(row.shape, self.largest, width - self.marker)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        natural = [
            max(row.when.cell_len for row in self.rows),
            max(row.claimants.cell_len for row in self.rows),
            BAR_WIDTH + self.marker,
            max(row.value.cell_len for row in self.rows),
        ]
        widths = list(natural)
        excess = sum(widths) + 3 * _GAP - options.max_width
        for column, floor in enumerate((_TEXT_MIN, _TEXT_MIN, _BAR_MIN)):
            cut = max(0, min(excess, widths[column] - floor))
            widths[column] -= cut
            excess -= cut
        if excess <= 0:
            yield self._table(widths)
            yield from self.notes
            return
        yield Text(self.title.plain, style=self.title.style, justify="center")
        # One bar width for the whole chart, so bars compare; the value follows on the bar's
        # line where that leaves a bar worth reading, else on its own.
        bar_width = min(natural[2], options.max_width - natural[3] - _GAP)
        inline = bar_width >= _BAR_MIN
        bar_width = bar_width if inline else min(natural[2], options.max_width)
        for row in self.rows:
            yield Text.assemble(row.when, " " * _GAP, row.claimants)
            drawn = self._bar(row, bar_width)
            yield Text.assemble(drawn, " " * _GAP, row.value) if inline else Group(drawn, row.value)
        yield from self.notes

    def _table(self, widths: list[int]) -> Table:
        table = Table(
            title=self.title, show_header=False, box=None, padding=(0, _GAP, 0, 0), pad_edge=False
        )
        table.add_column(width=widths[0], overflow="fold")
        table.add_column(width=widths[1], overflow="fold")
        table.add_column(width=widths[2], no_wrap=True)
        table.add_column(width=widths[3], no_wrap=True)
        for row in self.rows:
            table.add_row(row.when, row.claimants, self._bar(row, widths[2]), row.value)
        return table


def _notes(
    figures: Sequence[Figure],
    shapes: Sequence[Extent],
    classes: Mapping[str, frozenset[str]],
    unrated: int,
    per: Per | None,
) -> list[Text]:
    """A line under the chart for each marker it uses, and one per set of equivalents."""
    notes: list[str] = []
    if any(shape.open for shape in shapes):
        notes.append(f"{OPEN} a floor (at least, more than, a vague magnitude): it may be more")
    if any(shape.reach > shape.solid for shape in shapes):
        notes.append(f"{LIGHT} as far as the text's range or bound allows")
    seen: set[frozenset[str]] = set()
    for figure in figures:
        same = classes.get(figure.id, frozenset({figure.id}))
        if len(same) > 1 and same not in seen:
            seen.add(same)
            named = sorted(same)
            listed = ", ".join(named[:-1]) + " and " + named[-1]
            notes.append(
                f"{SAME} {listed}: one quantity stated in different ways, never to be added "
                "(one bar for them in a chart)"
            )
    if per is not None and unrated:
        what = "figure covers" if unrated == 1 else "figures cover"
        notes.append(f"{unrated} {what} no closed period: shown as stated, without a bar")
    return [Text(visible(note), style="dim") for note in notes]


def figure_chart(
    figures: Sequence[Figure],
    when: Sequence[str],
    *,
    related: Iterable[Figure] = (),
    per: Per | None = None,
) -> RenderableType:
    """One metric's figures as bars, laid out for the width of the terminal. `related` (the
    whole store, say) tells which figures are equivalents; `per` draws each figure as a rate
    over the period it covers."""
    return FigureChart(figures, when, related=related, per=per)


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
