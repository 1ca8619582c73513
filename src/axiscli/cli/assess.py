"""`axis assess` and `axis disputes`: the texts' judgements, and the records that contest each
other."""

from typing import Annotated

import typer

from axiscli.cli import options as o
from axiscli.cli.app import app
from axiscli.cli.common import emit_listing, listing_query, store_for
from axiscli.cli.output import emit, note, note_empty, pick_format
from axiscli.render import Format


@app.command()
def assess(
    term: Annotated[
        str | None,
        typer.Argument(
            metavar="TERM", help="Words of a statement or a tag, e.g. sanctions, 'shells'."
        ),
    ] = None,
    actor: o.ActorOpt = None,
    person: o.PersonOpt = None,
    any_actor: o.AnyActorOpt = False,
    kind: o.AssessmentKindOpt = None,
    holder: o.HolderOpt = None,
    likelihood: o.LikelihoodOpt = None,
    tag: o.TagOpt = None,
    source: o.SourceOpt = None,
    claimant: o.ClaimantOpt = None,
    grep: o.GrepOpt = None,
    limit: o.LimitOpt = None,
    fmt: o.FormatOpt = None,
    json: o.JsonOpt = False,
    fields: o.FieldsOpt = None,
    color: o.ColorOpt = o.Color.auto,
    data: o.DataOpt = None,
    no_bundled: o.NoBundledOpt = False,
    no_cache: o.NoCacheOpt = False,
) -> None:
    """Judgements the texts make (motivations, constraints, outlooks…), whose, and how sure.

    Example: axis assess --actor CHN --kind constraint

    Example: axis assess --likelihood likely.. --holder 'the author'
    """
    store = store_for(data, no_bundled, no_cache)
    query = listing_query(
        store,
        actor=actor,
        person=person,
        any_actor=any_actor,
        kind=kind,
        holder=holder,
        likelihood=likelihood,
        tag=tag,
        source=source,
        claimant=claimant,
        grep=grep,
        term=term,
    )
    found = store.trim(store.select(query, "assessment", "store"), limit=limit)
    fmt = pick_format(fmt, json, Format.table)
    if fmt.is_view and fields is None and found:
        from axiscli.render.assessments import assessments_table

        emit(assessments_table(store.rows(found)), color)
    else:
        emit_listing(store, found, fmt, fields=fields, kind="assessment", color=color)
    note_empty(len(found), "assessments")


@app.command()
def disputes(
    fmt: o.FormatOpt = None,
    json: o.JsonOpt = False,
    color: o.ColorOpt = o.Color.auto,
    data: o.DataOpt = None,
    no_bundled: o.NoBundledOpt = False,
    no_cache: o.NoCacheOpt = False,
) -> None:
    """Pairs of figures or judgements the store marks as disputing each other, side by side.

    Example: axis disputes --json
    """
    from axiscli.render.assessments import render_disputes

    pairs = store_for(data, no_bundled, no_cache).dispute_pairs()
    emit(render_disputes(pairs, pick_format(fmt, json, Format.table)), color)
    if not pairs:
        note("The store marks no records as disputing each other.")
