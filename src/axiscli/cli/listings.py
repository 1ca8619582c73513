"""`axis tags`, `axis metrics` and `axis claimants`: what the records are tagged with, what the
figures measure, and who the sources say claims what."""

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


def _note_none(count: int, what: str) -> None:
    if not count:
        note(f"The store has no {what}.")


@app.command()
def tags(
    fmt: o.FormatOpt = None,
    json: o.JsonOpt = False,
    fields: o.FieldsOpt = None,
    color: o.ColorOpt = o.Color.auto,
    data: o.DataOpt = None,
    no_bundled: o.NoBundledOpt = False,
) -> None:
    """Each tag: how many events and figures carry it, and its first and last dated record.

    Example: axis tags --format csv
    """
    rows = tag_rows(catalog_for(data, no_bundled))
    fmt = pick_format(fmt, json, Format.table)
    emit(render_rows(rows, fmt, choose_fields(fields, TAG_FIELDS, TAG_FIELDS)), color)
    _note_none(len(rows), "tagged records")


@app.command()
def metrics(
    fmt: o.FormatOpt = None,
    json: o.JsonOpt = False,
    fields: o.FieldsOpt = None,
    color: o.ColorOpt = o.Color.auto,
    data: o.DataOpt = None,
    no_bundled: o.NoBundledOpt = False,
) -> None:
    """Each figure metric: its units, how many figures, their date range and who claims them.

    Example: axis metrics --fields metric,figures,claimants
    """
    rows = metric_rows(catalog_for(data, no_bundled))
    fmt = pick_format(fmt, json, Format.table)
    emit(render_rows(rows, fmt, choose_fields(fields, METRIC_FIELDS, METRIC_FIELDS)), color)
    _note_none(len(rows), "figures")


@app.command()
def claimants(
    fmt: o.FormatOpt = None,
    json: o.JsonOpt = False,
    fields: o.FieldsOpt = None,
    color: o.ColorOpt = o.Color.auto,
    data: o.DataOpt = None,
    no_bundled: o.NoBundledOpt = False,
) -> None:
    """Each claimant the sources name: how many events and figures cite it, and which sources.

    Example: axis claimants --json
    """
    rows = claimant_rows(catalog_for(data, no_bundled))
    fmt = pick_format(fmt, json, Format.table)
    emit(render_rows(rows, fmt, choose_fields(fields, CLAIMANT_FIELDS, CLAIMANT_FIELDS)), color)
    _note_none(len(rows), "citations that name a claimant")
