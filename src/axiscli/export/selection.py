"""The records a set of filters names, with the registries they cite and a title saying which.

store = open_index(data_dirs())
chosen = select_records(store, build_query(store, actors=["RUS", "DPRK"], since="2023"))
chosen.title  # "Russia–North Korea, since 2023"
"""

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from axiscli.index import CompiledStore
    from axiscli.model import Actor, Assessment, Citation, Event, Figure, Individual, Source
    from axiscli.query import Query


@dataclass(frozen=True)
class Selection:
    """What an export or a brief holds: events in timeline order (undated last), figures by
    metric then date, assessments in store order (their subject and dyad as actor codes), and
    the store's sources, actors and people by id and code."""

    title: str
    events: "tuple[Event, ...]"
    figures: "tuple[Figure, ...]"
    sources: "Mapping[str, Source]"
    actors: "Mapping[str, Actor]"
    assessments: "tuple[Assessment, ...]" = ()
    people: "Mapping[str, Individual]" = field(default_factory=dict)

    def named_people(self) -> "list[Individual]":
        """The people the selected events and assessments name, in the registry's order."""
        named = {person for event in self.events for person in event.people}
        named.update(person for judged in self.assessments for person in judged.people)
        return [person for person_id, person in self.people.items() if person_id in named]

    def cited_sources(self, *, roles: bool = True) -> "list[Source]":
        """The sources the selected records (and, unless not `roles`, the roles of the people
        they name) cite, in the order they are first cited."""
        cited = dict.fromkeys(citation.source for citation in self.citations(roles=roles))
        return [self.sources[source] for source in cited if source in self.sources]

    def citations(self, *, roles: bool = True) -> "Iterator[Citation]":
        """Every citation of the selection: events', figures', assessments', then (unless not
        `roles`) those of the roles of the people they name."""
        records: Sequence[Event | Figure | Assessment] = (
            *self.events,
            *self.figures,
            *self.assessments,
        )
        for record in records:
            yield from record.citations
        if roles:
            for person in self.named_people():
                for role in person.roles:
                    yield from role.citations

    def involved_actors(self) -> set[str]:
        """The codes of the actors the selected records involve, judge, or are the country of
        a person they name."""
        codes = {code for record in (*self.events, *self.figures) for code in record.actors}
        for assessment in self.assessments:
            codes.update([*assessment.subject, *(assessment.dyad or ())])
        codes.update(p.country for p in self.named_people() if p.country is not None)
        return codes


def select_records(store: "CompiledStore", query: "Query") -> Selection:
    """The events, figures and assessments passing `query`, as `axis timeline`, `axis figure`
    and `axis assess` order them. A filter on a field one kind of record lacks leaves that
    kind out: figures have no domain, events and figures no kind, holder or likelihood, and
    assessments no domain or unit. The date window does not choose assessments: it says when
    things happened, and a judgement is not dated (its horizon is when its holder looks to),
    so a brief "since 2024" keeps what the texts judge of the actors and people it names."""
    from axiscli.model import Event

    judged_only = bool(query.kinds or query.holders or query.likelihood)
    events, figures = [], []
    if not judged_only:
        events = [r for r in store.records(store.select(query, "event")) if isinstance(r, Event)]
        if not query.domains:
            figures = store.figures(store.select(query, "figure"))
    actors = {actor.code: actor for actor in store.actors()}
    people = store.people()
    chosen = select_assessments(store, query)
    return Selection(
        title=title_of(query, actors, people={p.id: p.name for p in people}, judged=chosen),
        events=tuple(events),
        figures=tuple(figures),
        sources={source.id: source for source in store.sources()},
        actors=actors,
        assessments=tuple(chosen),
        people={person.id: person for person in people},
    )


def select_assessments(store: "CompiledStore", query: "Query") -> "list[Assessment]":
    """The assessments passing `query` but its date window, in store order, their subject
    and dyad named by actor code (see `select_records`)."""
    from dataclasses import replace

    from axiscli.catalog import with_codes

    if query.domains or query.units:
        return []
    undated = replace(query, since=None, until=None, overlap=False)
    numbers = store.select(undated, "assessment", order="store")
    return [with_codes(each, store.names) for each in store.assessments(numbers)]


def title_of(
    query: "Query",
    actors: "Mapping[str, Actor]",
    *,
    people: Mapping[str, str] | None = None,
    judged: "Sequence[Assessment]" = (),
) -> str:
    """A heading for what the filters chose: "Russia–North Korea, 2023–2025", "Russia, military,
    since June 2024", "Kim Jong Un, outlook", "All events and figures" ("All events, figures
    and assessments" where there are `judged` assessments)."""
    parts = []
    if query.actors:
        joiner = " or " if query.any_actor else "–"
        parts.append(joiner.join(actors[c].name if c in actors else c for c in query.actors))
    if query.people:
        joiner = " or " if query.any_actor else " and "
        parts.append(joiner.join((people or {}).get(p, p) for p in query.people))
    parts.extend(query.domains)
    parts.extend(query.kinds)
    parts.extend(f"according to {holder}" for holder in query.holders)
    if query.likelihood:
        parts.append(_likelihood_words(query.likelihood))
    parts.extend(f"#{tag}" for tag in query.tags)
    if query.term:
        parts.append(query.term)
    window = _window(query.since, query.until)
    if window:
        parts.append(window)
    if query.grep:
        parts.append(f"“{query.grep}”")
    if parts:
        return ", ".join(parts)
    return "All events, figures and assessments" if judged else "All events and figures"


def _likelihood_words(levels: tuple[int, int]) -> str:
    """`--likelihood` as words: "likely", "likely or more", "unlikely or less",
    "unlikely to likely"."""
    from axiscli.likelihood import scale_term

    low, high = levels
    if low == high:
        return f"{scale_term(low)}"
    if high == 7:
        return f"{scale_term(low)} or more"
    if low == 1:
        return f"{scale_term(high)} or less"
    return f"{scale_term(low)} to {scale_term(high)}"


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
