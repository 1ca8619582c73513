"""`axis timeline` and `axis figure`: the two everyday listings."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from axiscli.cli import options as o
from axiscli.cli.app import app
from axiscli.cli.common import emit_listing, listing_query, note_window, store_for
from axiscli.cli.complete import complete_metric
from axiscli.cli.output import emit, note, note_empty, pick_format
from axiscli.render import Format
from axiscli.series import Per

if TYPE_CHECKING:
    from rich.console import RenderableType

    from axiscli.catalog import Catalog
    from axiscli.model import Figure


@app.command()
def timeline(
    actor: o.ActorOpt = None,
    person: o.PersonOpt = None,
    any_actor: o.AnyActorOpt = False,
    since: o.SinceOpt = None,
    until: o.UntilOpt = None,
    overlap: o.OverlapOpt = False,
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
    no_cache: o.NoCacheOpt = False,
) -> None:
    """Events in date order, with the source and claimant of each.

    Example: axis timeline -a RUS -a DPRK --since 2023 --until 2024

    Example: axis timeline --person 'Kim Jong Un'
    """
    store = store_for(data, no_bundled, no_cache)
    query = listing_query(
        store,
        actor=actor,
        person=person,
        any_actor=any_actor,
        since=since,
        until=until,
        today=today,
        overlap=overlap,
        domain=domain,
        tag=tag,
        source=source,
        claimant=claimant,
        grep=grep,
    )
    events = store.trim(store.select(query, "event"), reverse=reverse, limit=limit)
    fmt = pick_format(fmt, json, Format.timeline)
    emit_listing(store, events, fmt, fields=fields, kind="event", color=color)
    note_empty(len(events))
    note_window(store, query, "event", fmt)


@app.command()
def figure(
    term: Annotated[
        str | None,
        typer.Argument(
            metavar="TERM",
            autocompletion=complete_metric,
            help="A metric or a part of one (troops, munitions.dprk-to-russia); else words of "
            "a label or tags, e.g. shells.",
        ),
    ] = None,
    actor: o.ActorOpt = None,
    person: o.PersonOpt = None,
    any_actor: o.AnyActorOpt = False,
    since: o.SinceOpt = None,
    until: o.UntilOpt = None,
    overlap: o.OverlapOpt = False,
    today: o.TodayOpt = None,
    tag: o.TagOpt = None,
    source: o.SourceOpt = None,
    claimant: o.ClaimantOpt = None,
    grep: o.GrepOpt = None,
    unit: Annotated[
        list[str] | None,
        typer.Option(
            "--unit", "-u", metavar="UNIT", help="Only figures in this unit, e.g. USD, troops."
        ),
    ] = None,
    sort: Annotated[
        o.FigureOrder,
        typer.Option(
            "--sort",
            metavar="ORDER",
            help="metric (each metric's figures together, in date order), date or value.",
        ),
    ] = o.FigureOrder.metric,
    chart: Annotated[
        bool, typer.Option("--chart", help="Draw each metric's figures as a bar chart.")
    ] = False,
    per: Annotated[
        Per | None,
        typer.Option(
            "--per",
            metavar="PERIOD",
            help="year or month: show a figure over a period (2003/2021) as a rate over it.",
        ),
    ] = None,
    plot: Annotated[
        Path | None,
        typer.Option(
            "--plot",
            metavar="FILE",
            help="Draw one metric's figures over time into FILE.svg or FILE.png.",
        ),
    ] = None,
    limit: o.LimitOpt = None,
    reverse: o.ReverseOpt = False,
    fmt: o.FormatOpt = None,
    json: o.JsonOpt = False,
    fields: o.FieldsOpt = None,
    color: o.ColorOpt = o.Color.auto,
    data: o.DataOpt = None,
    no_bundled: o.NoBundledOpt = False,
    no_cache: o.NoCacheOpt = False,
) -> None:
    """Figures (troops, trade, shells…) with who claimed each; successive claims side by side.

    Example: axis figure troops --actor DPRK

    Example: axis figure exercises --per year

    Example: axis figure troops.dprk-in-russia --plot troops.svg
    """
    if plot is not None:
        from axiscli.render import plot as plotting

        plotting.image_format(plot)
        plotting.require_matplotlib()
    store = store_for(data, no_bundled, no_cache)
    query = listing_query(
        store,
        actor=actor,
        person=person,
        any_actor=any_actor,
        since=since,
        until=until,
        today=today,
        overlap=overlap,
        tag=tag,
        source=source,
        claimant=claimant,
        grep=grep,
        unit=unit,
        term=term,
    )
    figures = store.trim(store.select(query, "figure", sort), reverse=reverse, limit=limit)
    if plot is not None:
        _plot(plot, store.figures(figures), store.catalog(), per)
        return
    fmt = pick_format(fmt, json, Format.table)
    if chart or per:
        from axiscli.render import render_records

        catalog = store.catalog()
        models = store.figures(figures)
        if chart:
            emit(_charts(models, catalog, per), color)
        else:
            emit(render_records(models, catalog, fmt, fields=fields, kind="figure", per=per), color)
    else:
        emit_listing(store, figures, fmt, fields=fields, kind="figure", color=color)
    note_empty(len(figures))
    note_window(store, query, "figure", fmt)


def _plot(path: Path, figures: "list[Figure]", catalog: "Catalog", per: Per | None) -> None:
    """Draw the figures of one metric into `path`; say where, on stderr."""
    from axiscli.errors import NotFoundError
    from axiscli.render.plot import write_plot

    if not figures:
        raise NotFoundError("no figures match, so there is nothing to plot; loosen a filter")
    write_plot(path, figures, sources=catalog.sources, related=catalog.figures, per=per)
    count = f"{len(figures)} figure{'' if len(figures) == 1 else 's'}"
    note(f"Wrote {path} ({figures[0].metric}, {count}).")


def _charts(figures: "list[Figure]", catalog: "Catalog", per: Per | None) -> "RenderableType":
    """A bar chart per metric, in the order the figures come."""
    from rich.console import Group

    from axiscli.dates import when
    from axiscli.render.chart import figure_chart

    by_metric: dict[str, list[Figure]] = {}
    for figure in figures:
        by_metric.setdefault(figure.metric, []).append(figure)
    return Group(
        *(
            figure_chart(
                group,
                [when(f.date, f.date_text) for f in group],
                related=catalog.figures,
                per=per,
            )
            for group in by_metric.values()
        )
    )
