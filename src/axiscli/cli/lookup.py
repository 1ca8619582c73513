"""`axis show` and `axis search`: one record, a text search."""

import sys
from typing import Annotated

import typer

from axiscli.cli import options as o
from axiscli.cli.app import app
from axiscli.cli.common import catalog_for
from axiscli.cli.output import emit_records, emit_rows, emit_view, pick_format
from axiscli.match import search as search_records
from axiscli.query import trim
from axiscli.render import formats, tables
from axiscli.render.rows import SOURCE_FIELDS, flat_dict, record_dict, source_dict

IdArg = Annotated[str, typer.Argument(metavar="ID", help="An event, figure or source id.")]


@app.command()
def show(
    record_id: IdArg,
    fmt: o.FormatOpt = None,
    json: o.JsonOpt = False,
    color: o.ColorOpt = o.Color.auto,
    data: o.DataOpt = None,
    no_bundled: o.NoBundledOpt = False,
) -> None:
    """One event or figure in full: every field, every citation with its quote and source.

    Example: axis show russia-dprk-treaty-signed
    """
    catalog = catalog_for(data, no_bundled)
    fmt = o.Format.json if json else fmt or o.Format.table
    if record_id in catalog.sources:
        emit_rows(
            [source_dict(catalog, record_id)],
            fmt=fmt,
            fields=SOURCE_FIELDS,
            color=color,
            view=lambda rows: tables.mapping_view(rows[0]),
        )
        return
    record = catalog.record(record_id)
    if fmt in (o.Format.json, o.Format.yaml):
        render = formats.to_json if fmt is o.Format.json else formats.to_yaml
        sys.stdout.write(render(record_dict(record, catalog)))
    elif fmt in (o.Format.table, o.Format.timeline):
        emit_view(tables.detail_view(flat_dict(record, catalog), catalog.sources), color)
    else:
        emit_records([record], catalog, fmt=fmt, fields=None, color=color)


@app.command()
def search(
    text: Annotated[
        str, typer.Argument(help="Words to look for in titles, labels, tags, summaries and quotes.")
    ],
    limit: o.LimitOpt = None,
    fmt: o.FormatOpt = None,
    json: o.JsonOpt = False,
    fields: o.FieldsOpt = None,
    color: o.ColorOpt = o.Color.auto,
    data: o.DataOpt = None,
    no_bundled: o.NoBundledOpt = False,
) -> None:
    """Events and figures whose text holds every word, best matches first.

    Example: axis search "ballistic missiles"
    """
    catalog = catalog_for(data, no_bundled)
    found = [record for _, record in search_records((*catalog.events, *catalog.figures), text)]
    emit_records(
        trim(found, limit=limit),
        catalog,
        fmt=pick_format(fmt, json, o.Format.table),
        fields=fields,
        color=color,
    )
