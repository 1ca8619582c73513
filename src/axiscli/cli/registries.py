"""`axis sources`, `axis actors` and `axis stats`: what the store holds and how much."""

from collections import Counter

from axiscli.cli import options as o
from axiscli.cli.app import app
from axiscli.cli.common import catalog_for
from axiscli.cli.output import choose_fields, emit_rows, emit_view, pick_format
from axiscli.errors import UsageError
from axiscli.model import DOMAINS
from axiscli.render import formats
from axiscli.render.chart import counts_table
from axiscli.render.rows import ACTOR_FIELDS, SOURCE_FIELDS, actor_dict, source_dict

_SOURCE_TABLE = ("id", "title", "author", "publisher", "kind", "records", "citations")


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
    fmt = pick_format(fmt, json, o.Format.table)
    default = _SOURCE_TABLE if fmt is o.Format.table else SOURCE_FIELDS
    rows = [source_dict(catalog, source_id) for source_id in catalog.sources]
    emit_rows(rows, fmt=fmt, fields=choose_fields(fields, SOURCE_FIELDS, default), color=color)


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
    emit_rows(
        rows,
        fmt=pick_format(fmt, json, o.Format.table),
        color=color,
        fields=choose_fields(fields, ACTOR_FIELDS, ACTOR_FIELDS),
    )


@app.command()
def stats(
    fmt: o.FormatOpt = None,
    json: o.JsonOpt = False,
    color: o.ColorOpt = o.Color.auto,
    data: o.DataOpt = None,
    no_bundled: o.NoBundledOpt = False,
) -> None:
    """Counts of events by year and domain, and of records by actor, with a bar per row.

    Example: axis stats
    """
    catalog = catalog_for(data, no_bundled)
    by_year = Counter((event.span.sort_key.year, event.domain) for event in catalog.events)
    years = sorted({year for year, _ in by_year})
    year_rows = [{"year": year, **{d: by_year[year, d] for d in DOMAINS}} for year in years]
    actor_rows = [
        {name: row[name] for name in ("code", "name", "events", "figures")}
        for row in (actor_dict(catalog, code) for code in catalog.actors)
    ]
    fmt = pick_format(fmt, json, o.Format.table)
    if fmt in (o.Format.json, o.Format.yaml):
        counts = {"events_by_year": year_rows, "records_by_actor": actor_rows}
        print((formats.to_json if fmt is o.Format.json else formats.to_yaml)(counts), end="")
        return
    if fmt not in (o.Format.table, o.Format.timeline):
        raise UsageError("axis stats prints a table, json or yaml; use --format table|json|yaml")
    year_counts = [(str(r["year"]), [r[d] for d in DOMAINS]) for r in year_rows]
    actor_counts = [(r["code"], [r["events"], r["figures"]]) for r in actor_rows]
    emit_view(counts_table("Events by year and domain", DOMAINS, year_counts), color)
    emit_view(counts_table("Records by actor", ("events", "figures"), actor_counts), color)
