"""Where each mark's label goes on a plot: beside its mark, clear of every other label, mark and
the legend, and inside the axes. matplotlib is imported inside the function."""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from axiscli.render.plot_axes import day_number
from axiscli.render.plot_marks import Mark

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure as Canvas

# Where a label may go, in order of preference: beside its mark (then the other side), each
# at its height, then a step up, a step down, two steps… (a step is the label's own height).
_STEPS = (0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6)
_Across = Literal["left", "center", "right"]
_Up = Literal["bottom", "center", "top"]


def place_labels(
    canvas: "Canvas", ax: "Axes", marks: Sequence[Mark], legend: "Artist | None", arrow: float
) -> None:
    """Each mark's value and claimants beside it, where it covers no other label, mark or the
    legend and stays inside the axes: to the right of a mark in the left part of the axis, to
    its left in the right part, above or below a period's line. `arrow` is how far a floor's
    or ceiling's arrow reaches, in data units."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text
    from matplotlib.transforms import Bbox

    renderer = FigureCanvasAgg(canvas).get_renderer()  # type: ignore[no-untyped-call]
    pixels = renderer.points_to_pixels(1.0)
    area = ax.get_window_extent(renderer)
    left, right = ax.get_xlim()

    def around(x: float, low: float, high: float, half_width: float) -> Bbox:
        (x0, y0), (x1, y1) = ax.transData.transform([(x, low), (x, high)])
        pad = half_width * pixels
        return Bbox([[x0 - pad, y0 - pad], [x1 + pad, y1 + pad]])

    taken = [legend.get_window_extent(renderer)] if legend is not None else []
    for mark in marks:
        x = day_number(mark.x)
        numbers = mark.numbers
        reach = mark.y + arrow if mark.floor else mark.y - arrow if mark.ceiling else mark.y
        taken.append(around(x, min(*numbers, reach), max(*numbers, reach), 6))
        if mark.period is not None:
            first, last = (day_number(day) for day in mark.period)
            (x0, y0), (x1, _) = ax.transData.transform([(first, mark.y), (last, mark.y)])
            taken.append(Bbox([[x0, y0 - 3 * pixels], [x1, y0 + 3 * pixels]]))
    for mark in sorted(marks, key=lambda m: (m.x, -m.top)):
        x = day_number(mark.x)
        note = ax.annotate(
            mark.label,
            xy=(x, mark.y),
            xytext=(0.0, 0.0),
            textcoords="offset points",
            fontsize=8,
            linespacing=1.25,
            bbox={
                "boxstyle": "round,pad=0.25",
                "facecolor": "white",
                "edgecolor": "none",
                "alpha": 0.85,
            },
            arrowprops={
                "arrowstyle": "-",
                "color": "#999999",
                "linewidth": 0.6,
                "shrinkA": 0,
                "shrinkB": 5,
            },
            zorder=5,
        )
        note.set_verticalalignment("center")
        note.update_positions(renderer)
        step = Text.get_window_extent(note, renderer).height / pixels + 4
        sides: list[_Across] = ["left", "right"]  # the side of the label its mark is on
        if x >= left + (right - left) * 0.6:
            sides.reverse()
        places: list[tuple[_Across, _Up, float, float]] = []
        if mark.period is not None:
            places += [("center", "bottom", 0.0, 10 + k * step) for k in range(4)]
            places += [("center", "top", 0.0, -10 - k * step) for k in range(4)]
        for ha in sides:
            places += [(ha, "center", 9.0 if ha == "left" else -9.0, k * step) for k in _STEPS]
        for ha, va, dx, dy in [*places, places[0]]:
            note.set_horizontalalignment(ha)
            note.set_verticalalignment(va)
            note.xyann = (dx, dy)
            note.update_positions(renderer)
            box = Text.get_window_extent(note, renderer)
            inside = area.x0 <= box.x0 and box.x1 <= area.x1 and area.y0 <= box.y0
            if inside and box.y1 <= area.y1 and not any(box.overlaps(o) for o in taken):
                break
        taken.append(Text.get_window_extent(note, renderer).expanded(1.02, 1.1))
