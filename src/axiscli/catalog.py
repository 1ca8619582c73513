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
        actors = [located.record for located in store.actors]
        return cls(
            sources={located.record.id: located.record for located in store.sources},
            actors={actor.code: actor for actor in actors},
            events=tuple(located.record for located in store.events),
            figures=tuple(located.record for located in store.figures),
            names=ActorNames(actors),
        )

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
    store = load_store(data_dirs(list(folders), bundled=bundled))
    problems = check_store(store)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise DataError(f"{problems[0]}{more}")
    return Catalog.from_store(store)
