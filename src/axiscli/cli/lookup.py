"""`axis show` and `axis search`: one record, a text search."""

from typing import Annotated

import typer

from axiscli.cli import options as o
from axiscli.cli.app import app
from axiscli.cli.common import store_for
from axiscli.cli.complete import complete_id
from axiscli.cli.output import emit, note_empty, pick_format
from axiscli.errors import NotFoundError
from axiscli.render import Format, render_listing, render_one

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
    no_cache: o.NoCacheOpt = False,
) -> None:
    """One event, figure or source in full (every citation with its quote), or an actor's profile.

    Example: axis show russia-dprk-treaty-signed

    Example: axis show "North Korea"
    """
    from axiscli.render import details
    from axiscli.render.rows import SOURCE_FIELDS

    store = store_for(data, no_bundled, no_cache)
    fmt = Format.json if json else fmt or Format.table
    if (source := store.source_row(record_id)) is not None:
        emit(render_one(source, fmt, SOURCE_FIELDS, view=details.mapping_view), color)
        return
    try:
        number = store.number(record_id)
    except NotFoundError as error:
        code = store.names.find(record_id)
        if code is None:
            actor = store.names.suggestion(record_id)
            hint = f"nor an actor's name; {actor}" if actor else error.hint
            raise NotFoundError(error.message, hint=hint) from None
        from axiscli.render.profile import render_profile
        from axiscli.stats import actor_profile

        emit(render_profile(actor_profile(store.catalog(), code), fmt), color)
        return
    if fmt.is_view:
        emit(details.detail_view(store.detail(number), store.source_bodies()), color)
    elif fmt in (Format.json, Format.yaml):
        emit(render_one(store.record_row(number), fmt, (), view=details.mapping_view))
    else:
        (row,) = store.rows([number])
        emit(render_listing([row], fmt, kind=row["type"]))


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
    no_cache: o.NoCacheOpt = False,
) -> None:
    """Events and figures whose text holds every word, best matches first.

    Example: axis search "ballistic missiles"
    """
    store = store_for(data, no_bundled, no_cache)
    found = store.trim(store.search(text), limit=limit)
    fmt = pick_format(fmt, json, Format.table)
    emit(render_listing(store.rows(found), fmt, fields=fields, kind="any"), color)
    note_empty(len(found))
