"""`axis tags`, `axis metrics` and `axis claimants`: what the records are tagged with, what the
figures measure, and who the sources say claims what.

Each command imports the store and `stats` when it runs (see `cli.app`).
"""

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal

from axiscli.cli import options as o
from axiscli.cli.app import app
from axiscli.cli.output import emit, note, pick_format
from axiscli.render import Format, choose_fields, render_rows

if TYPE_CHECKING:
    from axiscli.catalog import Catalog

Listed = Literal["tags", "metrics", "claimants"]


def _rows_and_fields(
    name: Listed,
) -> tuple["Callable[[Catalog], list[dict[str, Any]]]", Sequence[str]]:
    from axiscli import stats

    return {
        "tags": (stats.tag_rows, stats.TAG_FIELDS),
        "metrics": (stats.metric_rows, stats.METRIC_FIELDS),
        "claimants": (stats.claimant_rows, stats.CLAIMANT_FIELDS),
    }[name]


def _listing(name: Listed, none_of: str, help_text: str) -> None:
    """Register `axis NAME`: one row per item, in every format, with the usual options."""

    def command(
        fmt: o.FormatOpt = None,
        json: o.JsonOpt = False,
        fields: o.FieldsOpt = None,
        color: o.ColorOpt = o.Color.auto,
        data: o.DataOpt = None,
        no_bundled: o.NoBundledOpt = False,
        no_cache: o.NoCacheOpt = False,
    ) -> None:
        from axiscli.cli.common import catalog_for

        rows_of, fields_there_are = _rows_and_fields(name)
        rows = rows_of(catalog_for(data, no_bundled, no_cache))
        chosen = choose_fields(fields, fields_there_are, fields_there_are)
        emit(render_rows(rows, pick_format(fmt, json, Format.table), chosen), color)
        if not rows:
            note(f"The store has no {none_of}.")

    command.__doc__ = help_text
    app.command(name)(command)


_listing(
    "tags",
    "tagged records",
    """Each tag: how many events and figures carry it, and its first and last dated record.

    Example: axis tags --format csv
    """,
)
_listing(
    "metrics",
    "figures",
    """Each figure metric: its units, how many figures, their date range and who claims them.

    Example: axis metrics --fields metric,figures,claimants
    """,
)
_listing(
    "claimants",
    "citations that name a claimant",
    """Each claimant the sources name: how many events and figures cite it, and which sources.

    Example: axis claimants --json
    """,
)
