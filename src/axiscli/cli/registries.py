"""`axis sources`, `axis actors` and `axis stats`: what the store holds and how much."""

from axiscli.cli import options as o
from axiscli.cli.app import app
from axiscli.cli.common import catalog_for
from axiscli.cli.output import emit, pick_format
from axiscli.model import DOMAINS
from axiscli.render import Format, choose_fields, formats, render_rows
from axiscli.render.chart import counts_table
from axiscli.render.rows import ACTOR_FIELDS, SOURCE_FIELDS, actor_dict, source_dict
from axiscli.stats import EVENTS_BY_YEAR, RECORDS_BY_ACTOR, STATS_FIELDS, long_counts, store_counts

_SOURCE_TABLE = ("id", "title", "authors", "publisher", "kind", "records", "citations")


@app.command()
def sources(
    fmt: o.FormatOpt = None,
    json: o.JsonOpt = False,
    fields: o.FieldsOpt = None,
    color: o.ColorOpt = o.Color.auto,
    data: o.DataOpt = None,
    no_bundled: o.NoBundledOpt = False,
) -> None:
    """The source documents, with how many records cite each.

    Example: axis sources --format md
    """
    catalog = catalog_for(data, no_bundled)
    fmt = pick_format(fmt, json, Format.table)
    default = _SOURCE_TABLE if fmt.is_view else SOURCE_FIELDS
    rows = [source_dict(catalog, source_id) for source_id in catalog.sources]
    emit(render_rows(rows, fmt, choose_fields(fields, SOURCE_FIELDS, default)), color)


@app.command()
def actors(
    fmt: o.FormatOpt = None,
    json: o.JsonOpt = False,
    fields: o.FieldsOpt = None,
    color: o.ColorOpt = o.Color.auto,
    data: o.DataOpt = None,
    no_bundled: o.NoBundledOpt = False,
) -> None:
    """The actors, every alias that resolves to each code, and how many records involve each.

    Example: axis actors --json
    """
    catalog = catalog_for(data, no_bundled)
    rows = [actor_dict(catalog, code) for code in catalog.actors]
    fmt = pick_format(fmt, json, Format.table)
    emit(render_rows(rows, fmt, choose_fields(fields, ACTOR_FIELDS, ACTOR_FIELDS)), color)


@app.command()
def stats(
    fmt: o.FormatOpt = None,
    json: o.JsonOpt = False,
    color: o.ColorOpt = o.Color.auto,
    data: o.DataOpt = None,
    no_bundled: o.NoBundledOpt = False,
) -> None:
    """Counts of events by year and domain, and of records by actor, with a bar per row.

    Example: axis stats --format csv
    """
    counts = store_counts(catalog_for(data, no_bundled))
    fmt = pick_format(fmt, json, Format.table)
    if fmt in (Format.json, Format.yaml):
        emit((formats.to_json if fmt is Format.json else formats.to_yaml)(counts))
    elif fmt.is_view:
        by_year = [(str(r["year"]), [r[d] for d in DOMAINS]) for r in counts[EVENTS_BY_YEAR]]
        by_actor = [(r["code"], [r["events"], r["figures"]]) for r in counts[RECORDS_BY_ACTOR]]
        emit(counts_table("Events by year and domain", DOMAINS, by_year), color)
        emit(counts_table("Records by actor", ("events", "figures"), by_actor), color)
    else:
        emit(render_rows(long_counts(counts), fmt, STATS_FIELDS))
