"""Counts over the catalog, computed once here: events by year and domain, records by actor,
the tag, metric and claimant listings, and one actor's profile.

Every function returns plain rows (dicts whose key order is the output's column order), so the
renderers can print them in any format. Years are those of the first day of a record's anchor
(the date its text names); undated records count under `undated`, after every year. "First" and
"last" are in timeline order (`Dated.sort_key`) and read as the When column's sortable date.
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from axiscli.catalog import Catalog
from axiscli.dates import UNDATED, sortable, when
from axiscli.model import DOMAINS, Event, Figure

Row = dict[str, Any]
Record = Event | Figure

SOURCE_ITSELF = "(the source itself)"
"""The claimant of a citation that names none: the source asserts it itself."""

STATS_FIELDS = ("table", "key", "column", "count")
EVENTS_BY_YEAR = "events_by_year"
RECORDS_BY_ACTOR = "records_by_actor"
TAG_FIELDS = ("tag", "events", "figures", "first", "last")
METRIC_FIELDS = ("metric", "units", "figures", "first", "last", "claimants")
CLAIMANT_FIELDS = ("claimant", "events", "figures", "sources")
PROFILE_FIELDS = (
    "code",
    "name",
    "kind",
    "aliases",
    "events",
    "figures",
    "first_event",
    "last_event",
    "metrics",
    "claimants",
)
TOP_CLAIMANTS = 5


def year_of(record: Record) -> int | str:
    """The year of the first day of the record's anchor, or `undated`."""
    return record.span.anchor[0].year if record.span else UNDATED


def events_by_year(events: Iterable[Event]) -> list[Row]:
    """A row per year (`undated` last) with the number of events in each domain."""
    counts: Counter[tuple[int | str, str]] = Counter(
        (year_of(event), event.domain) for event in events
    )
    years = {year for year, _ in counts}
    ordered: list[int | str] = sorted(year for year in years if isinstance(year, int))
    if UNDATED in years:
        ordered.append(UNDATED)
    return [
        {"year": year, **{domain: counts[year, domain] for domain in DOMAINS}} for year in ordered
    ]


def records_by_actor(catalog: Catalog) -> list[Row]:
    """A row per actor, in the store's order: how many events and how many figures involve it."""
    events = Counter(code for event in catalog.events for code in set(event.actors))
    figures = Counter(code for figure in catalog.figures for code in set(figure.actors))
    return [
        {"code": code, "name": actor.name, "events": events[code], "figures": figures[code]}
        for code, actor in catalog.actors.items()
    ]


def store_counts(catalog: Catalog) -> Row:
    """Both count tables, as `axis stats --json` prints them."""
    return {
        EVENTS_BY_YEAR: events_by_year(catalog.events),
        RECORDS_BY_ACTOR: records_by_actor(catalog),
    }


def long_counts(counts: Row) -> list[Row]:
    """Both count tables as one tidy table, a row per cell (zeros included): `table` names the
    table, `key` the row (a year, `undated` or an actor code), `column` the domain or record
    type, `count` the number."""
    rows = [
        {"table": EVENTS_BY_YEAR, "key": str(row["year"]), "column": domain, "count": row[domain]}
        for row in counts[EVENTS_BY_YEAR]
        for domain in DOMAINS
    ]
    rows += [
        {"table": RECORDS_BY_ACTOR, "key": row["code"], "column": kind, "count": row[kind]}
        for row in counts[RECORDS_BY_ACTOR]
        for kind in ("events", "figures")
    ]
    return rows


def _records(catalog: Catalog) -> list[Record]:
    return [*catalog.events, *catalog.figures]


def _first_last(records: Iterable[Record]) -> tuple[str, str]:
    """The sortable dates of the first and last dated records, `undated` when none is dated."""
    dated = sorted((record for record in records if record.span), key=lambda r: r.sort_key)
    if not dated:
        return UNDATED, UNDATED
    return sortable(dated[0].date), sortable(dated[-1].date)


def _claimant(claimant: str | None) -> str:
    return claimant if claimant is not None else SOURCE_ITSELF


def _by_name(names: Iterable[str]) -> list[str]:
    """Distinct names, case-insensitively in order, the source itself last."""
    distinct = set(names)
    named = sorted(distinct - {SOURCE_ITSELF}, key=lambda name: (name.casefold(), name))
    return named + [SOURCE_ITSELF] * (SOURCE_ITSELF in distinct)


def tag_rows(catalog: Catalog) -> list[Row]:
    """A row per tag, alphabetically: how many events and figures carry it, and the dates of the
    first and last dated records that do."""
    records: dict[str, list[Record]] = {}
    for record in _records(catalog):
        for tag in dict.fromkeys(record.tags):
            records.setdefault(tag, []).append(record)
    rows = []
    for tag in sorted(records):
        first, last = _first_last(records[tag])
        events = sum(isinstance(record, Event) for record in records[tag])
        rows.append(
            {
                "tag": tag,
                "events": events,
                "figures": len(records[tag]) - events,
                "first": first,
                "last": last,
            }
        )
    return rows


def metric_rows(catalog: Catalog) -> list[Row]:
    """A row per figure metric, alphabetically: its units, how many figures, the dates of the
    first and last dated ones, and the claimants their citations name."""
    figures: dict[str, list[Figure]] = {}
    for figure in catalog.figures:
        figures.setdefault(figure.metric, []).append(figure)
    rows = []
    for metric in sorted(figures):
        first, last = _first_last(figures[metric])
        rows.append(
            {
                "metric": metric,
                "units": sorted({figure.unit for figure in figures[metric]}),
                "figures": len(figures[metric]),
                "first": first,
                "last": last,
                "claimants": _by_name(
                    _claimant(c.claimant) for figure in figures[metric] for c in figure.citations
                ),
            }
        )
    return rows


def claimant_rows(catalog: Catalog) -> list[Row]:
    """A row per claimant as the texts name it, alphabetically (citations naming none are the
    sources' own claims and are left out): how many events and figures cite it, and the ids of
    the sources that report it."""
    events: Counter[str] = Counter()
    figures: Counter[str] = Counter()
    sources: dict[str, set[str]] = {}
    for record in _records(catalog):
        named = {c.claimant for c in record.citations if c.claimant is not None}
        (events if isinstance(record, Event) else figures).update(named)
        for citation in record.citations:
            if citation.claimant is not None:
                sources.setdefault(citation.claimant, set()).add(citation.source)
    return [
        {
            "claimant": claimant,
            "events": events[claimant],
            "figures": figures[claimant],
            "sources": sorted(sources[claimant]),
        }
        for claimant in _by_name(sources)
    ]


def _event_summary(event: Event | None) -> Row | None:
    if event is None:
        return None
    return {"id": event.id, "when": when(event.date, event.date_text), "title": event.title}


def top_claimants(records: Sequence[Record], limit: int = TOP_CLAIMANTS) -> list[Row]:
    """The claimants cited on most of `records` (each counted once per record), most first,
    ties by name; a citation naming none counts for the source itself."""
    counts = Counter(
        claimant
        for record in records
        for claimant in {_claimant(c.claimant) for c in record.citations}
    )
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold(), item[0]))
    return [{"claimant": claimant, "records": n} for claimant, n in ranked[:limit]]


def actor_profile(catalog: Catalog, code: str) -> Row:
    """One actor: its names, how many events and figures involve it, its first and last dated
    events, the metrics of its figures and the claimants most cited about it."""
    actor = catalog.actors[code]
    events = [event for event in catalog.events if code in event.actors]
    figures = [figure for figure in catalog.figures if code in figure.actors]
    dated = sorted((event for event in events if event.span), key=lambda e: e.sort_key)
    return {
        "code": actor.code,
        "name": actor.name,
        "kind": actor.kind,
        "aliases": list(actor.aliases),
        "events": len(events),
        "figures": len(figures),
        "first_event": _event_summary(dated[0] if dated else None),
        "last_event": _event_summary(dated[-1] if dated else None),
        "metrics": sorted({figure.metric for figure in figures}),
        "claimants": top_claimants([*events, *figures]),
    }
