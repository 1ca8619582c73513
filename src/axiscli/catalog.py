"""The validated store as lookups: sources by id, actors and people by any name, records by id."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from axiscli.check import check_store
from axiscli.errors import DataError, NotFoundError
from axiscli.model import Actor, Assessment, Event, Figure, Individual, Source
from axiscli.names import ActorNames, PersonNames, suggest
from axiscli.store import Store, data_dirs, load_store


@dataclass(frozen=True)
class Catalog:
    """A store that passed its checks, ready to query. Nothing here is ever mutated.

    Its assessments name their actors by code: a `subject` or `dyad` written with an alias
    is given as the code it stands for (`with_codes`)."""

    sources: dict[str, Source]
    actors: dict[str, Actor]
    events: tuple[Event, ...]
    figures: tuple[Figure, ...]
    names: ActorNames
    assessments: tuple[Assessment, ...] = ()
    people: dict[str, Individual] = field(default_factory=dict)
    person_names: PersonNames = field(default_factory=lambda: PersonNames(()))

    @classmethod
    def from_store(cls, store: Store) -> "Catalog":
        return cls.from_records(
            [located.record for located in store.sources],
            [located.record for located in store.actors],
            [located.record for located in (*store.events, *store.figures)],
            people=[located.record for located in store.people],
            assessments=[located.record for located in store.assessments],
        )

    @classmethod
    def from_records(
        cls,
        sources: list[Source],
        actors: list[Actor],
        records: Sequence[Event | Figure | Assessment],
        *,
        people: Sequence[Individual] = (),
        assessments: Sequence[Assessment] = (),
    ) -> "Catalog":
        """A catalog of checked records, events, figures and assessments each in the order
        given (assessments among `records`, then those of `assessments`)."""
        names = ActorNames(actors)
        judged = [*(r for r in records if isinstance(r, Assessment)), *assessments]
        return cls(
            sources={source.id: source for source in sources},
            actors={actor.code: actor for actor in actors},
            events=tuple(record for record in records if isinstance(record, Event)),
            figures=tuple(record for record in records if isinstance(record, Figure)),
            names=names,
            assessments=tuple(with_codes(each, names) for each in judged),
            people={person.id: person for person in people},
            person_names=PersonNames(people),
        )

    def known_tags(self) -> set[str]:
        records: tuple[Event | Figure | Assessment, ...] = (
            *self.events,
            *self.figures,
            *self.assessments,
        )
        return {tag for record in records for tag in record.tags}

    def person(self, name: str) -> Individual:
        """The person `name` (an id or any of their names) stands for; UsageError else."""
        return self.people[self.person_names.resolve(name)]

    def known_sources(self) -> set[str]:
        return set(self.sources)

    def known_units(self) -> set[str]:
        return {figure.unit for figure in self.figures}

    def record(self, record_id: str) -> Event | Figure:
        records: tuple[Event | Figure, ...] = (*self.events, *self.figures)
        for record in records:
            if record.id == record_id:
                return record
        close = suggest(record_id, [r.id for r in records], limit=3)
        hint = f"; closest: {', '.join(close)}" if close else ""
        raise NotFoundError(f"no event or figure with id '{record_id}'{hint}")

    def assessment(self, assessment_id: str) -> Assessment:
        for assessment in self.assessments:
            if assessment.id == assessment_id:
                return assessment
        close = suggest(assessment_id, [a.id for a in self.assessments], limit=3)
        hint = f"; closest: {', '.join(close)}" if close else ""
        raise NotFoundError(f"no assessment with id '{assessment_id}'{hint}")

    def source(self, source_id: str) -> Source:
        if source_id in self.sources:
            return self.sources[source_id]
        close = suggest(source_id, self.sources, limit=3)
        hint = f"; closest: {', '.join(close)}" if close else ""
        raise NotFoundError(f"no source with id '{source_id}'{hint}")


def open_catalog(folders: Iterable[str | Path] = (), *, bundled: bool = True) -> Catalog:
    """Load and check the bundled store (unless `bundled` is false) and the store `folders`.

    Raise DataError naming the first problem (and how many more) when the store is not clean.
    """
    return load_catalog(data_dirs(list(folders), bundled=bundled))


def load_catalog(folders: list[Path]) -> Catalog:
    """Load and check exactly these store folders (see `open_catalog`)."""
    return Catalog.from_store(checked_store(folders))


def checked_store(folders: list[Path]) -> Store:
    """The store in these folders; DataError naming the first problem (and how many more)
    when it is not clean."""
    store = load_store(folders)
    problems = check_store(store)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise DataError(f"{problems[0]}{more}")
    return store


def with_codes(assessment: Assessment, names: ActorNames) -> Assessment:
    """`assessment` with its subject and dyad named by actor code (a checked store's aliases
    all resolve; a name that does not is kept as written)."""
    subject = [names.find(name) or name for name in assessment.subject]
    dyad = [names.find(name) or name for name in assessment.dyad] if assessment.dyad else None
    if subject == assessment.subject and dyad == assessment.dyad:
        return assessment
    return assessment.model_copy(update={"subject": subject, "dyad": dyad})
