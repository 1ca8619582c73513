"""A plot's scales: days as matplotlib's time axis counts them, the time axis's extent and tick
labels, and the value axis's tick labels. matplotlib is imported inside the functions."""

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from axiscli.render.plot_marks import Mark
from axiscli.render.values import format_number

if TYPE_CHECKING:
    from matplotlib.axes import Axes


def day_number(day: date) -> float:
    """A day as matplotlib's time axis counts it."""
    from matplotlib import dates as mdates

    return float(mdates.date2num(day))  # type: ignore[no-untyped-call]


def set_time_axis(ax: "Axes", marks: Sequence[Mark]) -> None:
    """Half a year at least of room on either side of the outermost marks, and from three to
    eight ticks, each naming its year."""
    from matplotlib import dates as mdates

    days = [day for mark in marks for day in (mark.period or (mark.x, mark.x))]
    first, last = min(days), max(days)
    margin = max(timedelta(days=180), (last - first) * 0.12)
    ax.set_xlim(day_number(first - margin), day_number(last + margin))
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    # Every tick names its year: no offset text to read the axis by.
    formats = ["%Y", "%b %Y", "%d %b %Y", "%H:%M", "%H:%M", "%S.%f"]
    ax.xaxis.set_major_formatter(
        mdates.ConciseDateFormatter(  # type: ignore[no-untyped-call]
            locator, formats=formats, show_offset=False
        )
    )


def tick(number: float, _position: object = None) -> str:
    """A value axis tick: a million and more in short words ("1.5 m", "2 bn", "3 tn"), else
    the number with thousands separators ("250,000")."""
    for size, word in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if abs(number) >= size:
            return f"{format_number(number / size)} {word}"
    return format_number(number)
