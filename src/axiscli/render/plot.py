"""One metric's figures over time as an image (SVG or PNG): `axis figure METRIC --plot FILE`.

Each figure is drawn as what its text commits to, as the terminal chart does: a filled dot for
a stated value, a bar with caps from `low` to `high` for a range, a hollow triangle with an
arrow up for a floor ("at least", "more than", a vague magnitude such as "thousands") and down
for a ceiling ("up to"). A figure over a closed period (`2003/2021`) also gets a line across
the period it covers; `per` draws it as a rate over that period (`series.rate`). Each mark is
labelled with its value as written (qualifier included) and its claimants; the sources' titles
go under the chart. Equivalent figures, one quantity stated in several ways, are drawn once.
An undated figure, or one that covers no closed period when drawn as a rate, has no place on
the time axis: a line under the chart names it.

This module is the entry: it checks what it is asked, then saves the image. What to draw is
`plot_marks`, the drawing `plot_draw`, its scales `plot_axes`, where labels go `plot_labels`.
matplotlib (the `plot` extra) draws it, on its own `Figure` with the Agg canvas, never pyplot's
global state, and is imported only inside their functions, when a plot is drawn. An SVG keeps
its text as text (searchable, and what the tests read) and is the same bytes for the same
figures.
"""

from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from axiscli.errors import AxisError, ExitCode, NotFoundError, UsageError
from axiscli.model import Figure, Source
from axiscli.render.plot_draw import draw_chart
from axiscli.render.plot_marks import build_marks
from axiscli.series import Per

if TYPE_CHECKING:
    from matplotlib.figure import Figure as Canvas

INSTALL = 'pip install "axiscli[plot]"'
_SETTINGS: dict[Any, Any] = {
    "svg.fonttype": "none",  # text stays text: searchable, and smaller
    "svg.hashsalt": "axis",  # the same ids in every run
    "text.parse_math": False,
    "font.family": "DejaVu Sans",  # matplotlib's own font, on every machine
}


class PlotNotWritten(AxisError):
    """The image was drawn but its file could not be written (no such folder, no room…)."""

    exit_code = ExitCode.OUTPUT


class ImageFormat(StrEnum):
    svg = "svg"
    png = "png"


def image_format(path: Path) -> ImageFormat:
    """The image format a path's suffix names; anything but `.svg` or `.png` is refused."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in ImageFormat.__members__:
        raise UsageError(
            f"cannot tell what image to write to '{path.name}': give a file name ending in "
            ".svg or .png",
            field="plot",
        )
    return ImageFormat(suffix)


def require_matplotlib() -> None:
    """Refuse, in one line that says how to install it, when matplotlib is missing."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise UsageError(
            f"drawing a plot needs matplotlib, which is not installed: {INSTALL}", field="plot"
        ) from None


def plot_metric(
    figures: Sequence[Figure],
    *,
    sources: Mapping[str, Source],
    related: Iterable[Figure] = (),
    per: Per | None = None,
    fmt: ImageFormat = ImageFormat.svg,
) -> bytes:
    """One metric's figures as an image. `sources` (id → source) gives the titles under the
    chart; `related` (the whole store, say) tells which figures are equivalents; `per` draws
    each figure as a rate over the period it covers. All figures must be of one metric."""
    require_matplotlib()
    metrics = sorted({figure.metric for figure in figures})
    if len(metrics) != 1:
        raise UsageError(
            f"a plot draws one metric; these figures are of {len(metrics)}: {', '.join(metrics)}"
            if metrics
            else "there are no figures to plot",
            field="plot",
        )
    from matplotlib import rc_context

    marks, notes = build_marks(figures, related, per)
    if not marks:
        why = "undated, or covering no closed period to rate" if per else "undated"
        raise NotFoundError(
            f"nothing to draw: no figure of {metrics[0]} has a place on a time axis ({why})"
        )
    # Text is made with these in force: `$` in a label is a dollar sign, not mathtext.
    with rc_context(_SETTINGS):
        canvas = draw_chart(metrics[0], figures, marks, notes, sources, per)
        return _save(canvas, fmt)


def write_plot(
    path: Path,
    figures: Sequence[Figure],
    *,
    sources: Mapping[str, Source],
    related: Iterable[Figure] = (),
    per: Per | None = None,
) -> None:
    """Draw `plot_metric` in the format `path`'s suffix names and replace `path` with it whole
    (a temporary file beside it, then `os.replace`)."""
    from axiscli.store.write import write_atomic

    fmt = image_format(path)
    image = plot_metric(figures, sources=sources, related=related, per=per, fmt=fmt)
    try:
        write_atomic(path, image)
    except OSError as error:
        raise PlotNotWritten(f"cannot write {path}: {error.strerror or error}") from None


def _save(canvas: "Canvas", fmt: ImageFormat) -> bytes:
    """The image's bytes; an SVG keeps text as text and the same figures give the same bytes."""
    out = BytesIO()
    canvas.savefig(
        out,
        format=fmt.value,
        bbox_inches="tight",
        pad_inches=0.2,
        facecolor="white",
        metadata={"Date": None} if fmt is ImageFormat.svg else {"Software": None},
    )
    return out.getvalue()
