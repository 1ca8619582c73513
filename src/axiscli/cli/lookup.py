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
    typer.Argument(
        metavar="ID", autocompletion=complete_id, help="An event, figure, assessment or source id."
    ),
]


@app.command()
def show(
    record_id: Annotated[
        str,
        typer.Argument(
            metavar="ID|ACTOR|PERSON",
            autocompletion=complete_id,
            help="An event, figure, assessment or source id, an actor's code or any alias "
            "(PRK, 'North Korea', КНДР), or a person's id or any name ('Kim Jong Un', 김정은).",
        ),
    ],
    fmt: o.FormatOpt = None,
    json: o.JsonOpt = False,
    color: o.ColorOpt = o.Color.auto,
    data: o.DataOpt = None,
    no_bundled: o.NoBundledOpt = False,
    no_cache: o.NoCacheOpt = False,
) -> None:
    """One record or source in full (every citation and quote), or an actor's or person's profile.

    Example: axis show russia-dprk-treaty-signed

    Example: axis show "North Korea"

    Example: axis show "Kim Jong Un"
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
            person = store.person_names.find(record_id)
            if person is not None:
                from axiscli.render.assessments import render_person

                emit(render_person(store.person_profile(person), fmt), color)
                return
            hint = error.hint
            if actor := store.names.suggestion(record_id):
                hint = f"nor an actor's name; {actor}"
            elif someone := store.person_names.suggestion(record_id):
                hint = f"nor a person's name; {someone}"
            raise NotFoundError(error.message, hint=hint) from None
        from axiscli.render.profile import render_profile, with_judgements
        from axiscli.stats import actor_profile

        catalog = store.catalog()
        native = [n.model_dump() for n in catalog.actors[code].native_names]
        profile = actor_profile(catalog, code)
        profile = with_judgements(profile, native, store.actor_assessments(code))
        emit(render_profile(profile, fmt), color)
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
            metavar="TEXT",
            help="Words to look for in titles, labels, statements, tags, summaries and quotes; "
            "a name of an actor or person in any script also finds their records.",
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
    """Events, figures and judgements whose text holds every word, best matches first.

    Example: axis search "ballistic missiles"

    Example: axis search КНДР
    """
    store = store_for(data, no_bundled, no_cache)
    found = store.trim(store.search(text), limit=limit)
    fmt = pick_format(fmt, json, Format.table)
    emit(render_listing(store.rows(found), fmt, fields=fields, kind="any"), color)
    note_empty(len(found))
