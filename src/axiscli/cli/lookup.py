"""`axis show` and `axis search`: one record, a text search."""

from typing import Annotated

import typer

from axiscli.cli import options as o
from axiscli.cli.app import app
from axiscli.cli.common import catalog_for
from axiscli.cli.complete import complete_id
from axiscli.cli.output import emit, note_empty, pick_format
from axiscli.errors import NotFoundError
from axiscli.match import search as search_records
from axiscli.query import trim
from axiscli.render import Format, details, render_one, render_records
from axiscli.render.profile import render_profile
from axiscli.render.rows import SOURCE_FIELDS, detail_dict, record_dict, record_kind, source_dict
from axiscli.stats import actor_profile

IdArg = Annotated[
    str,
    typer.Argument(metavar="ID", autocompletion=complete_id, help="An event, figure or source id."),
]


@app.command()
def show(
    record_id: Annotated[
        str,
        typer.Argument(
            metavar="ID|ACTOR",
            autocompletion=complete_id,
            help="An event, figure or source id, or an actor's code or any alias "
            "(PRK, 'North Korea').",
        ),
    ],
    fmt: o.FormatOpt = None,
    json: o.JsonOpt = False,
    color: o.ColorOpt = o.Color.auto,
    data: o.DataOpt = None,
    no_bundled: o.NoBundledOpt = False,
) -> None:
    """One event, figure or source in full (every citation with its quote), or an actor's profile.

    Example: axis show russia-dprk-treaty-signed

    Example: axis show "North Korea"
    """
    catalog = catalog_for(data, no_bundled)
    fmt = Format.json if json else fmt or Format.table
    if record_id in catalog.sources:
        row = source_dict(catalog, record_id)
        emit(render_one(row, fmt, SOURCE_FIELDS, view=details.mapping_view), color)
        return
    try:
        record = catalog.record(record_id)
    except NotFoundError as error:
        code = catalog.names.find(record_id)
        if code is None:
            actor = catalog.names.suggestion(record_id)
            hint = f"nor an actor's name; {actor}" if actor else error.hint
            raise NotFoundError(error.message, hint=hint) from None
        emit(render_profile(actor_profile(catalog, code), fmt), color)
        return
    if fmt.is_view:
        emit(details.detail_view(detail_dict(record, catalog), catalog.sources), color)
    elif fmt in (Format.json, Format.yaml):
        emit(render_one(record_dict(record, catalog), fmt, (), view=details.mapping_view))
    else:
        emit(render_records([record], catalog, fmt, kind=record_kind(record)))


@app.command()
def search(
    text: Annotated[
        str,
        typer.Argument(
            metavar="TEXT", help="Words to look for in titles, labels, tags, summaries and quotes."
        ),
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
    found = trim(found, limit=limit)
    fmt = pick_format(fmt, json, Format.table)
    emit(render_records(found, catalog, fmt, fields=fields, kind="any"), color)
    note_empty(len(found))
