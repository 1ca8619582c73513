"""Questions asked of the catalog: frozen Query objects and pure filter, sort and search functions.

Nothing here changes a record; every function returns new lists.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Protocol, TypeVar

from axiscli.errors import UsageError
from axiscli.match import select_text, unknown_tags
from axiscli.names import ActorNames, PersonNames, suggest
from axiscli.textindex import words

if TYPE_CHECKING:
    from axiscli.model import Assessment, Event, Figure

    Record = Event | Figure | Assessment

R = TypeVar("R", "Event", "Figure", "Assessment", "Event | Figure", "Event | Figure | Assessment")


class Vocabulary(Protocol):
    """What a question is checked against: the store's actor and person names, tags, sources
    and units (a Catalog, or a compiled index of one)."""

    @property
    def names(self) -> ActorNames: ...

    @property
    def person_names(self) -> PersonNames: ...

    def known_tags(self) -> set[str]: ...

    def known_sources(self) -> set[str]: ...

    def known_units(self) -> set[str]: ...


@dataclass(frozen=True)
class Query:
    """Filters combined with AND; each tuple matches when empty.

    A record is in the `since`..`until` window when its whole anchor (the date its text names)
    lies inside it; with `overlap`, when any day its date may mean falls inside. Undated records
    are in no window. `people` are person ids (a figure names none); `kinds`, `holders` and
    `likelihood` (the levels low..high of the ICD 203 scale) are asked of assessments only.
    """

    actors: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    holders: tuple[str, ...] = ()
    likelihood: tuple[int, int] | None = None
    any_actor: bool = False
    since: date | None = None
    until: date | None = None
    overlap: bool = False
    domains: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    claimants: tuple[str, ...] = ()
    grep: str | None = None
    units: tuple[str, ...] = ()
    term: str | None = None

    @property
    def has_window(self) -> bool:
        return self.since is not None or self.until is not None


def build_query(
    catalog: Vocabulary,
    *,
    actors: Sequence[str] = (),
    any_actor: bool = False,
    since: str | None = None,
    until: str | None = None,
    today: date | str | None = None,
    overlap: bool = False,
    domains: Sequence[str] = (),
    tags: Sequence[str] = (),
    sources: Sequence[str] = (),
    claimants: Sequence[str] = (),
    grep: str | None = None,
    units: Sequence[str] = (),
    term: str | None = None,
    people: Sequence[str] = (),
    kinds: Sequence[str] = (),
    holders: Sequence[str] = (),
    likelihood: str | None = None,
) -> Query:
    """A Query from what a person typed: actor names or aliases, people's ids or names, date
    words such as "2023", "June 2024" or "last year" (relative to `today`), tags, sources and
    units the store has, a likelihood word or range (`likely..`).

    Raise UsageError (its `field` naming the part that was wrong) when something does not resolve.
    """
    reference = today if isinstance(today, date) else date.today()
    if isinstance(today, str):
        reference = _typed_date("today", today, reference)[0]
    since_span = _typed_date("since", since, reference) if since is not None else None
    until_span = _typed_date("until", until, reference) if until is not None else None
    query = Query(
        actors=tuple(catalog.names.resolve(name) for name in actors),
        any_actor=any_actor,
        since=since_span[0] if since_span else None,
        until=until_span[1] if until_span else None,
        overlap=overlap,
        domains=tuple(str(d) for d in domains),
        tags=tuple(tags),
        sources=tuple(sources),
        claimants=tuple(claimants),
        grep=grep,
        units=tuple(units),
        term=term,
        people=tuple(catalog.person_names.resolve(name) for name in people),
        kinds=tuple(str(kind) for kind in kinds),
        holders=tuple(holders),
        likelihood=_likelihood(likelihood) if likelihood is not None else None,
    )
    if query.since and query.until and query.since > query.until:
        raise UsageError(
            f"the window starts ({since}) after it ends ({until})", hint="swap them", field="since"
        )
    check_names(catalog, query)
    return query


def _likelihood(text: str) -> tuple[int, int]:
    from axiscli.likelihood import parse_range

    try:
        return parse_range(text)
    except ValueError as error:
        raise UsageError(str(error), field="likelihood") from None


def _typed_date(field: str, text: str, today: date) -> tuple[date, date]:
    from axiscli.dates import parse_user_date

    try:
        return parse_user_date(text, today)
    except ValueError as error:
        raise UsageError(str(error), field=field) from None


def check_names(catalog: Vocabulary, query: Query) -> None:
    """Refuse tags, sources and units that nothing in the store has, naming the closest ones."""
    known = {
        "tag": catalog.known_tags() if query.tags else set(),
        "source": catalog.known_sources() if query.sources else set(),
        "unit": catalog.known_units() if query.units else set(),
    }
    # A tag is known when it equals a stored one once folded and stemmed word by word.
    unknown_tag = set(unknown_tags(query.tags, known["tag"])) if query.tags else set()
    for what, given in (("tag", query.tags), ("source", query.sources), ("unit", query.units)):
        for name in given:
            if name in unknown_tag if what == "tag" else name not in known[what]:
                close = suggest(name, known[what], limit=3)
                hint = f" — did you mean {' or '.join(close)}?" if close else ""
                raise UsageError(f"unknown {what} '{name}'{hint}", field=what)


def in_window(record: "Record", query: Query) -> bool:
    """Whether the record is dated inside the query's window (see Query)."""
    if not query.has_window:
        return True
    # An assessment's horizon is when its holder looks to, not when it was made: in no window.
    if record.span is None or hasattr(record, "statement"):
        return False
    since, until = query.since or date.min, query.until or date.max
    if query.overlap:
        start, end = record.span.start or date.min, record.span.end or date.max
        return start <= until and since <= end
    start, end = record.span.anchor
    return since <= start and end <= until


def matches(record: "Record", query: Query) -> bool:
    involved = set(involved_actors(record))
    named = set(getattr(record, "people", ()))
    checks = (
        not query.actors or (any if query.any_actor else all)(a in involved for a in query.actors),
        not query.people or (any if query.any_actor else all)(p in named for p in query.people),
        in_window(record, query),
        not query.domains or getattr(record, "domain", None) in query.domains,
        not query.sources or any(c.source in query.sources for c in record.citations),
        not query.units or getattr(record, "unit", None) in query.units,
        not query.kinds
        or getattr(record, "statement", None) is not None
        and getattr(record, "kind", None) in query.kinds,
        not query.holders or holder_matches(getattr(record, "holder", None), query.holders),
        query.likelihood is None or _in_range(record, query.likelihood),
    )
    return all(checks)


def involved_actors(record: "Record") -> list[str]:
    """The actors of an event or figure; an assessment's subject, then its dyad's sides."""
    if hasattr(record, "actors"):
        return list(dict.fromkeys(record.actors))  # `[CHN, CHN]` involves CHN once
    return list(dict.fromkeys([*record.subject, *(record.dyad or ())]))


def holder_key(holder: str) -> str:
    """A holder as `--holder` compares it: folded words between spaces."""
    return f" {' '.join(words(holder))} "


def holder_matches(holder: str | None, wanted: Sequence[str]) -> bool:
    """Whether `holder` holds any of `wanted` as whole words ("Lowy" finds "Lowy Institute")."""
    if holder is None:
        return False
    key = holder_key(holder)
    return any(holder_key(name) in key for name in wanted if words(name))


def _in_range(record: "Record", levels: tuple[int, int]) -> bool:
    level = getattr(record, "likelihood_level", None)
    return level is not None and levels[0] <= level <= levels[1]


def select(records: Iterable[R], query: Query) -> list[R]:
    """The records that pass every filter of `query`, in the order given. Whether TERM names
    a metric is decided on all the records given, not only on those the other filters keep."""
    records = list(records)
    metrics = [metric for record in records if (metric := getattr(record, "metric", None))]
    candidates = [record for record in records if matches(record, query)]
    kept = {id(record) for record in select_text(candidates, query, metrics=metrics)}
    return [record for record in candidates if id(record) in kept]


def by_date(records: Iterable[R]) -> list[R]:
    """Oldest first by anchor, a day before its month; undated records last."""
    return sorted(records, key=lambda record: record.sort_key)


def imprecise_extra(records: "Iterable[Record]", query: Query) -> int:
    """How many more records `overlap` would add to this query's window."""
    if query.overlap or not query.has_window:
        return 0
    records = list(records)
    return len(select(records, replace(query, overlap=True))) - len(select(records, query))


def sort_figures(figures: "Iterable[Figure]", order: str) -> "list[Figure]":
    """`metric`: each metric's figures together, in date order; `date`; or `value` (a vague
    magnitude by its lower bound)."""
    dated = by_date(figures)
    if order == "date":
        return dated
    if order == "value":
        return sorted(dated, key=lambda f: f.amount)
    return sorted(dated, key=lambda f: f.metric)


def trim(records: Sequence[R], *, reverse: bool = False, limit: int | None = None) -> list[R]:
    """At most `limit` records; `reverse` puts the newest first and keeps undated ones last."""
    ordered = list(records)
    if reverse:
        dated = [record for record in ordered if record.span is not None]
        ordered = dated[::-1] + [record for record in ordered if record.span is None]
    return ordered[:limit] if limit is not None else ordered
