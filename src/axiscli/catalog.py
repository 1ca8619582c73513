"""The validated store as lookups: sources by id, actors by any name, records by id."""

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from axiscli.check import check_store
from axiscli.errors import DataError, NotFoundError
from axiscli.model import Actor, Event, Figure, Source
from axiscli.names import ActorNames, suggest
from axiscli.store import Store, data_dirs, load_store


@dataclass(frozen=True)
class Catalog:
    """A store that passed its checks, ready to query. Nothing here is ever mutated."""

    sources: dict[str, Source]
    actors: dict[str, Actor]
    events: tuple[Event, ...]
    figures: tuple[Figure, ...]
    names: ActorNames

    @classmethod
    def from_store(cls, store: Store) -> "Catalog":
        return cls.from_records(
            [located.record for located in store.sources],
            [located.record for located in store.actors],
            [located.record for located in (*store.events, *store.figures)],
        )

    @classmethod
    def from_records(
        cls, sources: list[Source], actors: list[Actor], records: list[Event | Figure]
    ) -> "Catalog":
        """A catalog of checked records, events and figures each in the order given."""
        return cls(
            sources={source.id: source for source in sources},
            actors={actor.code: actor for actor in actors},
            events=tuple(record for record in records if isinstance(record, Event)),
            figures=tuple(record for record in records if isinstance(record, Figure)),
            names=ActorNames(actors),
        )

    def known_tags(self) -> set[str]:
        return {tag for record in (*self.events, *self.figures) for tag in record.tags}

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
