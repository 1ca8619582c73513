"""The records a set of filters names, with the registries they cite and a title saying which.

store = open_index(data_dirs())
chosen = select_records(store, build_query(store, actors=["RUS", "DPRK"], since="2023"))
chosen.title  # "Russia–North Korea, since 2023"
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from axiscli.index import CompiledStore
    from axiscli.model import Actor, Event, Figure, Source
    from axiscli.query import Query


@dataclass(frozen=True)
class Selection:
    """What an export or a brief holds: events in timeline order (undated last), figures by
    metric then date, and the store's sources and actors by id and code."""

    title: str
    events: "tuple[Event, ...]"
    figures: "tuple[Figure, ...]"
    sources: "Mapping[str, Source]"
    actors: "Mapping[str, Actor]"

    def cited_sources(self) -> "list[Source]":
        """The sources the selected records cite, in the order they are first cited."""
        cited = dict.fromkeys(
            citation.source
            for record in (*self.events, *self.figures)
            for citation in record.citations
        )
        return [self.sources[source] for source in cited if source in self.sources]


def select_records(store: "CompiledStore", query: "Query") -> Selection:
    """The events and figures passing `query` (figures have no domain: a domain filter leaves
    them all out), as `axis timeline` and `axis figure` order them."""
    from axiscli.model import Event

    events = [r for r in store.records(store.select(query, "event")) if isinstance(r, Event)]
    figures = store.figures(store.select(query, "figure")) if not query.domains else []
    actors = {actor.code: actor for actor in store.actors()}
    return Selection(
        title=title_of(query, actors),
        events=tuple(events),
        figures=tuple(figures),
        sources={source.id: source for source in store.sources()},
        actors=actors,
    )


def title_of(query: "Query", actors: "Mapping[str, Actor]") -> str:
    """A heading for what the filters chose: "Russia–North Korea, 2023–2025", "Russia, military,
    since June 2024", "All events and figures"."""
    parts = []
    if query.actors:
        joiner = " or " if query.any_actor else "–"
        parts.append(joiner.join(actors[c].name if c in actors else c for c in query.actors))
    parts.extend(query.domains)
    parts.extend(f"#{tag}" for tag in query.tags)
    if query.term:
        parts.append(query.term)
    window = _window(query.since, query.until)
    if window:
        parts.append(window)
    if query.grep:
        parts.append(f"“{query.grep}”")
    return ", ".join(parts) if parts else "All events and figures"


def _window(since: date | None, until: date | None) -> str:
    if since and until:
        first, last = _when(since, start=True), _when(until, start=False)
        return first if first == last else f"{first}–{last}"
    if since:
        return f"since {_when(since, start=True)}"
    if until:
        return f"until {_when(until, start=False)}"
    return ""


def _when(day: date, *, start: bool) -> str:
    """A window's edge as the year or month it is the edge of, else the day."""
    if (day.month, day.day) == ((1, 1) if start else (12, 31)):
        return str(day.year)
    if day.day == 1 if start else (day + timedelta(days=1)).day == 1:
        return day.strftime("%B %Y")
    return day.isoformat()
