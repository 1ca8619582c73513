"""Drawing a plot's marks onto a matplotlib `Figure` of its own (never pyplot's global state):
the title and axes, each mark with its legend entry, the labels, and the lines under the chart.
matplotlib is imported inside the functions."""

import textwrap
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from axiscli.model import Figure, Source
from axiscli.render.plot_axes import day_number, set_time_axis, tick
from axiscli.render.plot_labels import place_labels
from axiscli.render.plot_marks import Mark, source_line, unit_label
from axiscli.render.safe import visible
from axiscli.series import Per

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure as Canvas

WIDTH_IN, HEIGHT_IN, DPI = 10.0, 5.6, 150
_WRAP = 120  # characters a line under the chart holds at WIDTH_IN
_COLOR, _PERIOD_COLOR = "#1f5f8b", "#7a9fbd"


def draw_chart(
    metric: str,
    figures: Sequence[Figure],
    marks: Sequence[Mark],
    notes: Sequence[str],
    sources: Mapping[str, Source],
    per: Per | None,
) -> "Canvas":
    """The whole chart of one metric: its marks, labelled, with the sources line and `notes`
    under it."""
    from matplotlib.figure import Figure as Canvas
    from matplotlib.ticker import FuncFormatter

    canvas = Canvas(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
    ax = canvas.add_subplot()
    canvas.subplots_adjust(left=0.09, right=0.97, top=0.9, bottom=0.12)
    ax.set_title(visible(f"{metric}, a {per}" if per else metric), loc="left", fontsize=13)
    ax.set_ylabel(unit_label(figures, per))
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.yaxis.set_major_formatter(FuncFormatter(tick))

    numbers = [n for mark in marks for n in mark.numbers]
    bottom, top = min(0.0, *numbers), max(0.0, *numbers)
    height = (top - bottom) or 1.0
    arrow = height * 0.12
    used: dict[str, Any] = {}
    for mark in marks:
        _draw_mark(ax, mark, arrow, used)
    # From zero (or below the lowest figure) to room above the highest for arrows and labels.
    ax.set_ylim(bottom - (height * 0.15 if bottom < 0 else 0), top + height * 0.35)
    set_time_axis(ax, marks)
    legend = None
    if used:
        legend = ax.legend(
            handles=list(used.values()),
            labels=list(used),
            loc="upper left",
            fontsize=8,
            frameon=False,
            ncols=min(len(used), 4),
        )
    place_labels(canvas, ax, marks, legend, arrow)

    lines = [source_line(figures, sources), *notes]
    footer = "\n".join(textwrap.fill(line, _WRAP) for line in lines)
    canvas.text(0.01, 0.0, footer, ha="left", va="top", fontsize=8, color="#444444")
    return canvas


def _draw_mark(ax: "Axes", mark: Mark, arrow: float, used: dict[str, Any]) -> None:
    """One figure: its period, its range, its point or bound, each kind named once for the
    legend. Each part carries an id in an SVG (`axis-range-ID`, `axis-floor-ID`…)."""
    from matplotlib.lines import Line2D

    x = day_number(mark.x)
    anchor, gid = mark.y, mark.figure.id
    if mark.period is not None:
        first, last = (day_number(day) for day in mark.period)
        ax.plot(
            [first, last],
            [anchor, anchor],
            "-|",
            color=_PERIOD_COLOR,
            linewidth=2.5,
            markersize=9,
            zorder=2,
            gid=f"axis-period-{gid}",
        )
        used.setdefault(
            "period covered", Line2D([], [], color=_PERIOD_COLOR, linewidth=2.5, marker="|")
        )
    numbers = mark.numbers
    if (mark.low is not None or mark.high is not None) and max(numbers) > min(numbers):
        half = (max(numbers) - min(numbers)) / 2
        bars = ax.errorbar(
            [x],
            [min(numbers) + half],
            yerr=[[half], [half]],
            fmt="none",
            ecolor=_COLOR,
            elinewidth=1.6,
            capsize=6,
            capthick=1.6,
            zorder=3,
        )
        _, caps, (line, *_) = bars.lines
        line.set_gid(f"axis-range-{gid}")
        for end, cap in zip(("low", "high"), caps, strict=False):
            cap.set_gid(f"axis-range-{end}-{gid}")
        used.setdefault("range (low–high)", bars)
    if mark.floor or mark.ceiling:
        kind, sign, symbol = ("floor", 1, "^") if mark.floor else ("ceiling", -1, "v")
        ax.annotate(
            "",
            xy=(x, anchor + sign * arrow),
            xytext=(x, anchor),
            arrowprops={"arrowstyle": "-|>", "color": _COLOR, "linewidth": 1.6},
            zorder=3,
        )
        ax.plot(
            [x],
            [anchor],
            symbol,
            color=_COLOR,
            markerfacecolor="white",
            markersize=9,
            markeredgewidth=1.8,
            zorder=4,
            gid=f"axis-{kind}-{gid}",
        )
        name = "floor: at least, more than (may be more)" if mark.floor else "ceiling: up to"
        used.setdefault(
            name,
            Line2D([], [], color=_COLOR, marker=symbol, markerfacecolor="white", linestyle=""),
        )
    elif mark.value is not None:
        ax.plot(
            [x], [mark.value], "o", color=_COLOR, markersize=7, zorder=4, gid=f"axis-value-{gid}"
        )
        used.setdefault("stated value", Line2D([], [], color=_COLOR, marker="o", linestyle=""))
