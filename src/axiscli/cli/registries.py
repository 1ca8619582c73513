"""`axis sources`, `axis actors`, `axis people` and `axis stats`: what the store holds and how
much.

Each command imports the store and its renderers when it runs (see `cli.app`).
"""

from enum import StrEnum
from typing import Annotated

import typer

from axiscli.cli import options as o
from axiscli.cli.app import app
from axiscli.cli.output import emit, note, pick_format
from axiscli.render import Format, choose_fields, render_rows
from axiscli.vocab import DOMAINS

_SOURCE_TABLE = ("id", "title", "authors", "publisher", "kind", "records", "citations")
CSL_JSON = "csl-json"
# Every listing format, and CSL-JSON (what Zotero and pandoc import), which only sources have.
SourceFormat = StrEnum(  # type: ignore[misc]
    "SourceFormat", {**{f.name: f.value for f in Format}, "csl_json": CSL_JSON}
)
SourceFormatOpt = Annotated[
    SourceFormat | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help=f"Output format: {', '.join(SourceFormat)}; the default is a table on a "
        "terminal and plain tab-separated lines in a pipe.",
    ),
]


@app.command()
def sources(
    fmt: SourceFormatOpt = None,
    json: o.JsonOpt = False,
    fields: o.FieldsOpt = None,
    color: o.ColorOpt = o.Color.auto,
    data: o.DataOpt = None,
    no_bundled: o.NoBundledOpt = False,
    no_cache: o.NoCacheOpt = False,
) -> None:
    """The source documents, with how many records cite each.

    Example: axis sources --format md
    """
    from axiscli.cli.common import store_for
    from axiscli.render.rows import SOURCE_FIELDS

    store = store_for(data, no_bundled, no_cache)
    if fmt == CSL_JSON and not json:
        from axiscli.model import Source
        from axiscli.render.cite_data import csl_item, to_csl_json

        listed = [Source.model_validate(body) for body in store.source_bodies().values()]
        emit(to_csl_json([csl_item(source) for source in listed]))
        return
    chosen = pick_format(Format(fmt) if fmt else None, json, Format.table)
    default = _SOURCE_TABLE if chosen.is_view else SOURCE_FIELDS
    rows = store.source_rows()
    emit(render_rows(rows, chosen, choose_fields(fields, SOURCE_FIELDS, default)), color)


@app.command()
def actors(
    fmt: o.FormatOpt = None,
    json: o.JsonOpt = False,
    fields: o.FieldsOpt = None,
    color: o.ColorOpt = o.Color.auto,
    data: o.DataOpt = None,
    no_bundled: o.NoBundledOpt = False,
    no_cache: o.NoCacheOpt = False,
) -> None:
    """The actors, every alias that resolves to each code, and how many records involve each.

    Example: axis actors --json
    """
    from axiscli.cli.common import store_for
    from axiscli.render.rows import ACTOR_FIELDS

    rows = store_for(data, no_bundled, no_cache).actor_rows()
    fmt = pick_format(fmt, json, Format.table)
    emit(render_rows(rows, fmt, choose_fields(fields, ACTOR_FIELDS, ACTOR_FIELDS)), color)


@app.command()
def people(
    fmt: o.FormatOpt = None,
    json: o.JsonOpt = False,
    fields: o.FieldsOpt = None,
    color: o.ColorOpt = o.Color.auto,
    data: o.DataOpt = None,
    no_bundled: o.NoBundledOpt = False,
    no_cache: o.NoCacheOpt = False,
) -> None:
    """The people the texts name, their names in their own scripts, and the records naming each.

    Example: axis people --json
    """
    from axiscli.cli.common import store_for
    from axiscli.render.rows import PERSON_FIELDS

    rows = store_for(data, no_bundled, no_cache).person_rows()
    chosen = pick_format(fmt, json, Format.table)
    emit(render_rows(rows, chosen, choose_fields(fields, PERSON_FIELDS, PERSON_FIELDS)), color)
    if not rows:
        note("The store has no people registry (people.yaml).")


@app.command()
def stats(
    fmt: o.FormatOpt = None,
    json: o.JsonOpt = False,
    color: o.ColorOpt = o.Color.auto,
    data: o.DataOpt = None,
    no_bundled: o.NoBundledOpt = False,
    no_cache: o.NoCacheOpt = False,
) -> None:
    """Counts of events by year and domain, and of records by actor, with a bar per row.

    Example: axis stats --format csv
    """
    from axiscli.cli.common import catalog_for
    from axiscli.stats import (
        EVENTS_BY_YEAR,
        RECORDS_BY_ACTOR,
        STATS_FIELDS,
        long_counts,
        store_counts,
    )

    counts = store_counts(catalog_for(data, no_bundled, no_cache))
    fmt = pick_format(fmt, json, Format.table)
    if fmt in (Format.json, Format.yaml):
        from axiscli.render import formats

        emit((formats.to_json if fmt is Format.json else formats.to_yaml)(counts))
    elif fmt.is_view:
        from axiscli.render.chart import counts_table

        by_year = [(str(r["year"]), [r[d] for d in DOMAINS]) for r in counts[EVENTS_BY_YEAR]]
        by_actor = [(r["code"], [r["events"], r["figures"]]) for r in counts[RECORDS_BY_ACTOR]]
        emit(counts_table("Events by year and domain", DOMAINS, by_year), color)
        emit(counts_table("Records by actor", ("events", "figures"), by_actor), color)
    else:
        emit(render_rows(long_counts(counts), fmt, STATS_FIELDS))
