"""`axis timeline` and `axis figure`: the two everyday listings."""

from typing import Annotated

import typer

from axiscli.cli import options as o
from axiscli.cli.app import app
from axiscli.cli.common import build_query, catalog_for
from axiscli.cli.output import emit_records, emit_view, pick_format
from axiscli.dates import describe
from axiscli.errors import UsageError
from axiscli.model import Figure
from axiscli.query import by_date, select, sort_figures, trim
from axiscli.render.chart import figure_chart


@app.command()
def timeline(
    actor: o.ActorOpt = None,
    any_actor: o.AnyActorOpt = False,
    since: o.SinceOpt = None,
    until: o.UntilOpt = None,
    strict_dates: o.StrictDatesOpt = False,
    today: o.TodayOpt = None,
    domain: o.DomainOpt = None,
    tag: o.TagOpt = None,
    source: o.SourceOpt = None,
    claimant: o.ClaimantOpt = None,
    grep: o.GrepOpt = None,
    limit: o.LimitOpt = None,
    reverse: o.ReverseOpt = False,
    fmt: o.FormatOpt = None,
    json: o.JsonOpt = False,
    fields: o.FieldsOpt = None,
    color: o.ColorOpt = o.Color.auto,
    data: o.DataOpt = None,
    no_bundled: o.NoBundledOpt = False,
) -> None:
    """Events in date order, with the source and claimant of each.

    Example: axis timeline -a RUS -a DPRK --since 2023 --until 2024
    """
    catalog = catalog_for(data, no_bundled)
    query = build_query(
        catalog,
        actor=actor,
        any_actor=any_actor,
        since=since,
        until=until,
        today=today,
        strict_dates=strict_dates,
        domain=domain,
        tag=tag,
        source=source,
        claimant=claimant,
        grep=grep,
    )
    events = trim(by_date(select(catalog.events, query)), reverse=reverse, limit=limit)
    emit_records(
        events, catalog, fmt=pick_format(fmt, json, o.Format.timeline), fields=fields, color=color
    )


@app.command()
def figure(
    term: Annotated[
        str | None, typer.Argument(help="Match metric, label or tags, e.g. trade, troops, shells.")
    ] = None,
    actor: o.ActorOpt = None,
    any_actor: o.AnyActorOpt = False,
    since: o.SinceOpt = None,
    until: o.UntilOpt = None,
    strict_dates: o.StrictDatesOpt = False,
    today: o.TodayOpt = None,
    tag: o.TagOpt = None,
    source: o.SourceOpt = None,
    claimant: o.ClaimantOpt = None,
    grep: o.GrepOpt = None,
    unit: Annotated[
        list[str] | None,
        typer.Option("--unit", "-u", help="Only figures in this unit, e.g. USD, troops."),
    ] = None,
    sort: Annotated[
        o.FigureOrder,
        typer.Option("--sort", help="metric: each metric's figures together in date order."),
    ] = o.FigureOrder.metric,
    chart: Annotated[
        bool, typer.Option("--chart", help="Draw the figures of one metric as a bar chart.")
    ] = False,
    limit: o.LimitOpt = None,
    reverse: o.ReverseOpt = False,
    fmt: o.FormatOpt = None,
    json: o.JsonOpt = False,
    fields: o.FieldsOpt = None,
    color: o.ColorOpt = o.Color.auto,
    data: o.DataOpt = None,
    no_bundled: o.NoBundledOpt = False,
) -> None:
    """Figures (troops, trade, shells…) with who claimed each; successive claims side by side.

    Example: axis figure troops --actor DPRK
    """
    catalog = catalog_for(data, no_bundled)
    query = build_query(
        catalog,
        actor=actor,
        any_actor=any_actor,
        since=since,
        until=until,
        today=today,
        strict_dates=strict_dates,
        tag=tag,
        source=source,
        claimant=claimant,
        grep=grep,
        unit=unit,
        term=term,
    )
    figures = trim(sort_figures(select(catalog.figures, query), sort), reverse=reverse, limit=limit)
    if chart:
        emit_view(_chart(figures), color)
        return
    emit_records(
        figures, catalog, fmt=pick_format(fmt, json, o.Format.table), fields=fields, color=color
    )


def _chart(figures: list[Figure]):
    metrics = sorted({figure.metric for figure in figures})
    if len(metrics) != 1:
        found = f"these match: {', '.join(metrics)}" if metrics else "no figure matches"
        raise UsageError(f"--chart draws one metric; narrow TERM to one ({found})")
    return figure_chart(figures, [describe(f.date, f.date_text) for f in figures])
