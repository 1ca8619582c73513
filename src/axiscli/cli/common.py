"""Turning the shared options into library objects: the catalog to read and the query to ask."""

from datetime import date
from pathlib import Path

from axiscli.catalog import Catalog, open_catalog
from axiscli.dates import parse_user_date
from axiscli.errors import UsageError
from axiscli.query import Query, check_names
from axiscli.store import data_dirs


def catalog_for(data: list[Path] | None, no_bundled: bool) -> Catalog:
    return open_catalog(data_dirs(data or (), bundled=not no_bundled))


def _user_date(option: str, text: str | None, today: date) -> tuple[date, date] | None:
    if text is None:
        return None
    try:
        return parse_user_date(text, today)
    except ValueError as error:
        raise UsageError(f"{option}: {error}") from None


def build_query(
    catalog: Catalog,
    *,
    actor: list[str] | None = None,
    any_actor: bool = False,
    since: str | None = None,
    until: str | None = None,
    today: str | None = None,
    strict_dates: bool = False,
    domain: list | None = None,
    tag: list[str] | None = None,
    source: list[str] | None = None,
    claimant: list[str] | None = None,
    grep: str | None = None,
    unit: list[str] | None = None,
    term: str | None = None,
) -> Query:
    """A Query from the options as typed, with actors resolved and names checked."""
    reference = date.today()
    if today is not None:
        reference = _user_date("--today", today, reference)[0]  # type: ignore[index]
    since_span = _user_date("--since", since, reference)
    until_span = _user_date("--until", until, reference)
    query = Query(
        actors=tuple(catalog.names.resolve(name) for name in actor or ()),
        any_actor=any_actor,
        since=since_span[0] if since_span else None,
        until=until_span[1] if until_span else None,
        strict_dates=strict_dates,
        domains=tuple(str(d) for d in domain or ()),
        tags=tuple(t.lower() for t in tag or ()),
        sources=tuple(source or ()),
        claimants=tuple(claimant or ()),
        grep=grep,
        units=tuple(unit or ()),
        term=term,
    )
    if query.since and query.until and query.since > query.until:
        raise UsageError("--since is after --until; swap them")
    check_names(catalog, query)
    return query
