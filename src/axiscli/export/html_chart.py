"""The figures of an HTML export as charts, one per metric: each figure a bar, laid out here in
pixels and drawn as inline SVG by the `chart.svg` template.

A bar says what `axis figure --chart` says (`render.chart.extent`): solid as far as the text
states, light on to where its range or bound reaches, an arrowhead where it leaves the top open
(at least, more than, "thousands"). Equivalent figures, one quantity stated in several ways, get
one bar between them; the others are marked ≡ and never drawn again, so nothing invites adding
them up. A figure that updates an earlier count in the same chart is joined to it by an arrow in
the left margin.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from axiscli.model import Figure
from axiscli.render.chart import extent
from axiscli.render.values import format_value
from axiscli.series import equivalents

WIDTH = 720
GUTTER = 28  # left of the bars: room for the update arrows
RIGHT = 16  # right of the longest bar: room for its arrowhead
ROW = 46  # a figure's label line and bar
LABEL_Y = 15  # the label's baseline within its row
BAR_Y, BAR_HEIGHT = 22, 12
AXIS = 30  # the scale under the bars
TICKS = 4  # about this many steps on the scale
NO_CLAIMANT = "(the source itself)"  # a citation naming no claimant: the source's own claim


@dataclass(frozen=True)
class Bar:
    """One figure's row. `solid` and `reach` are x coordinates; an equivalent of a figure
    drawn above has no bar (`same_as` names that figure)."""

    figure: Figure
    value: str
    claimants: str
    top: int
    solid: float
    reach: float
    open: bool
    same_as: str | None

    @property
    def label_y(self) -> int:
        return self.top + LABEL_Y

    @property
    def bar_y(self) -> int:
        return self.top + BAR_Y

    @property
    def mid(self) -> float:
        """The y coordinate of the bar's middle."""
        return self.bar_y + BAR_HEIGHT / 2


@dataclass(frozen=True)
class Update:
    """An arrow from the row of an earlier count to the row of the figure that updates it."""

    start: float
    end: float


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Chart:
    """A metric's chart; `uses` names the markers it draws, which its legend explains: `range`,
    `open`, `same`, `update`."""

    metric: str
    unit: str
    bars: tuple[Bar, ...]
    updates: tuple[Update, ...]
    ticks: tuple[Tick, ...]
    width: int
    height: int
    left: int
    uses: frozenset[str]
    bar_height: int = BAR_HEIGHT

    @property
    def axis_y(self) -> int:
        """The baseline of the scale's labels."""
        return self.height - 8


def figure_charts(figures: Sequence[Figure]) -> list[Chart]:
    """A chart for each metric (and unit) among `figures`, by metric, so that related metrics
    (`trade.…`, `trade-share.…`) stand together; each keeps the figures' order."""
    groups: dict[tuple[str, str], list[Figure]] = {}
    for figure in figures:
        groups.setdefault((figure.metric, figure.unit), []).append(figure)
    classes = equivalents(figures)
    return [
        _chart(metric, unit, group, classes) for (metric, unit), group in sorted(groups.items())
    ]


def _chart(
    metric: str, unit: str, figures: list[Figure], classes: dict[str, frozenset[str]]
) -> Chart:
    shapes = [extent(f.value, f.low, f.high, f.qualifier) for f in figures]
    step, top = _scale(max((max(s.solid, s.reach) for s in shapes), default=0.0))
    span = WIDTH - GUTTER - RIGHT

    def x(amount: float) -> float:
        # Like the terminal's bars, a chart starts at zero: a value below it gets no bar.
        return round(GUTTER + span * max(amount, 0.0) / top, 1)

    drawn: dict[frozenset[str], str] = {}
    bars = []
    for row, (figure, shape) in enumerate(zip(figures, shapes, strict=True)):
        same = classes.get(figure.id, frozenset({figure.id}))
        same_as = drawn.get(same) if len(same) > 1 else None
        drawn.setdefault(same, figure.id)
        bars.append(
            Bar(
                figure=figure,
                value=("≡ " if len(same) > 1 else "") + format_value(figure),
                claimants=", ".join(
                    dict.fromkeys(c.claimant or NO_CLAIMANT for c in figure.citations)
                ),
                top=row * ROW,
                solid=x(shape.solid),
                reach=x(max(shape.solid, shape.reach)),
                open=shape.open,
                same_as=same_as,
            )
        )
    rows = {bar.figure.id: bar for bar in bars}
    updates = tuple(
        Update(rows[bar.figure.updates].mid, bar.mid) for bar in bars if bar.figure.updates in rows
    )
    ticks = tuple(
        Tick(x(step * n), _tick_label(figures[0], step * n)) for n in range(round(top / step) + 1)
    )
    uses = {
        name
        for name, used in (
            ("range", any(b.reach > b.solid and b.same_as is None for b in bars)),
            ("open", any(b.open and b.same_as is None for b in bars)),
            ("same", any(b.value.startswith("≡") for b in bars)),
            ("update", bool(updates)),
        )
        if used
    }
    return Chart(
        metric=metric,
        unit=unit,
        bars=tuple(bars),
        updates=updates,
        ticks=ticks,
        width=WIDTH,
        height=len(bars) * ROW + AXIS,
        left=GUTTER,
        uses=frozenset(uses),
    )


def _scale(largest: float) -> tuple[float, float]:
    """A round step (1, 2 or 5 times a power of ten) and the scale's end, a whole number of
    steps at or above `largest`."""
    if largest <= 0:
        return 1.0, 1.0
    rough = largest / TICKS
    power = 10 ** math.floor(math.log10(rough))
    step = next(power * m for m in (1, 2, 5, 10) if power * m >= rough)
    return step, step * math.ceil(largest / step - 1e-9)


def _tick_label(figure: Figure, amount: float) -> str:
    """`amount` in the figure's unit, as its values are written: "USD 100 bn", "3,000 troops"."""
    plain = figure.model_copy(
        update={"value": amount, "qualifier": "exact", "low": None, "high": None, "magnitude": None}
    )
    return format_value(plain)
