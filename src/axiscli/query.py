"""Questions asked of the catalog: frozen Query objects and pure filter, sort and search functions.

Nothing here changes a record; every function returns new lists.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from axiscli.catalog import Catalog
from axiscli.errors import UsageError
from axiscli.match import select_text
from axiscli.model import Event, Figure
from axiscli.names import suggest

Record = Event | Figure


@dataclass(frozen=True)
class Query:
    """Filters combined with AND; each tuple matches when empty."""

    actors: tuple[str, ...] = ()
    any_actor: bool = False
    since: date | None = None
    until: date | None = None
    strict_dates: bool = False
    domains: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    claimants: tuple[str, ...] = ()
    grep: str | None = None
    units: tuple[str, ...] = ()
    term: str | None = None


def check_names(catalog: Catalog, query: Query) -> None:
    """Refuse tags, sources and units that nothing in the store has, naming the closest ones."""
    records = (*catalog.events, *catalog.figures)
    known = {
        "tag": {tag for record in records for tag in record.tags},
        "source": set(catalog.sources),
        "unit": {figure.unit for figure in catalog.figures},
    }
    for what, given in (("tag", query.tags), ("source", query.sources), ("unit", query.units)):
        for name in given:
            if name not in known[what]:
                close = suggest(name, known[what], limit=3)
                hint = f" — did you mean {' or '.join(close)}?" if close else ""
                raise UsageError(f"unknown {what} '{name}'{hint}")


def _dates_match(record: Record, query: Query) -> bool:
    start, end = record.start or date.min, record.end or date.max
    since, until = query.since or date.min, query.until or date.max
    if query.strict_dates:
        return since <= start and end <= until
    return start <= until and since <= end


def matches(record: Record, query: Query) -> bool:
    involved = set(record.actors)
    checks = (
        not query.actors or (any if query.any_actor else all)(a in involved for a in query.actors),
        _dates_match(record, query),
        not query.domains or getattr(record, "domain", None) in query.domains,
        not query.sources or any(c.source in query.sources for c in record.citations),
        not query.units or getattr(record, "unit", None) in query.units,
    )
    return all(checks)


def select(records: Iterable[Record], query: Query) -> list[Record]:
    """The records that pass every filter of `query`, in the order given."""
    return select_text([record for record in records if matches(record, query)], query)


def by_date(records: Iterable[Record]) -> list[Record]:
    return sorted(records, key=lambda r: (r.span.sort_key, r.end or date.max, r.id))


def sort_figures(figures: Iterable[Figure], order: str) -> list[Figure]:
    """`metric`: each metric's figures together, in date order; `date`; or `value`."""
    dated = by_date(figures)
    if order == "date":
        return dated
    if order == "value":
        return sorted(dated, key=lambda f: f.value)
    return sorted(dated, key=lambda f: f.metric)


def trim(records: Sequence[Record], *, reverse: bool = False, limit: int | None = None) -> list:
    ordered = list(reversed(records)) if reverse else list(records)
    return ordered[:limit] if limit is not None else ordered
