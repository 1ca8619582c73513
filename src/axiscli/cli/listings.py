"""`axis tags`, `axis metrics` and `axis claimants`: what the records are tagged with, what the
figures measure, and who the sources say claims what."""

from collections.abc import Callable, Sequence
from typing import Any

from axiscli.catalog import Catalog
from axiscli.cli import options as o
from axiscli.cli.app import app
from axiscli.cli.common import catalog_for
from axiscli.cli.output import emit, note, pick_format
from axiscli.render import Format, choose_fields, render_rows
from axiscli.stats import (
    CLAIMANT_FIELDS,
    METRIC_FIELDS,
    TAG_FIELDS,
    claimant_rows,
    metric_rows,
    tag_rows,
)


def _listing(
    name: str,
    rows_of: Callable[[Catalog], list[dict[str, Any]]],
    fields_there_are: Sequence[str],
    none_of: str,
    help_text: str,
) -> None:
    """Register `axis NAME`: one row per item, in every format, with the usual options."""

    def command(
        fmt: o.FormatOpt = None,
        json: o.JsonOpt = False,
        fields: o.FieldsOpt = None,
        color: o.ColorOpt = o.Color.auto,
        data: o.DataOpt = None,
        no_bundled: o.NoBundledOpt = False,
    ) -> None:
        rows = rows_of(catalog_for(data, no_bundled))
        chosen = choose_fields(fields, fields_there_are, fields_there_are)
        emit(render_rows(rows, pick_format(fmt, json, Format.table), chosen), color)
        if not rows:
            note(f"The store has no {none_of}.")

    command.__doc__ = help_text
    app.command(name)(command)


_listing(
    "tags",
    tag_rows,
    TAG_FIELDS,
    "tagged records",
    """Each tag: how many events and figures carry it, and its first and last dated record.

    Example: axis tags --format csv
    """,
)
_listing(
    "metrics",
    metric_rows,
    METRIC_FIELDS,
    "figures",
    """Each figure metric: its units, how many figures, their date range and who claims them.

    Example: axis metrics --fields metric,figures,claimants
    """,
)
_listing(
    "claimants",
    claimant_rows,
    CLAIMANT_FIELDS,
    "citations that name a claimant",
    """Each claimant the sources name: how many events and figures cite it, and which sources.

    Example: axis claimants --json
    """,
)
