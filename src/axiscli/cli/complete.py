"""Shell completion of the store's names: actors, record ids, tags and metrics.

Each completer reads the store the command line names so far (`--data`, `--no-bundled`) and
offers nothing, rather than an error, when that store cannot be read. The store is opened only
when the shell asks for a completion, never when a command merely registers its completers.
"""

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from axiscli.errors import AxisError

if TYPE_CHECKING:
    from axiscli.catalog import Catalog


def _completer(names: "Callable[[Catalog], Iterable[str]]") -> Callable[..., list[str]]:
    def complete(ctx: Any, incomplete: str) -> list[str]:
        from axiscli.cli.common import catalog_for

        try:
            catalog = catalog_for(ctx.params.get("data"), bool(ctx.params.get("no_bundled")))
        except AxisError:
            return []
        folded = incomplete.casefold()
        return sorted({name for name in names(catalog) if name.casefold().startswith(folded)})

    return complete


def _actor_names(catalog: "Catalog") -> Iterable[str]:
    for actor in catalog.actors.values():
        yield from (actor.code, actor.name, *actor.aliases)
        yield from (native.name for native in actor.native_names)


def _person_names(catalog: "Catalog") -> Iterable[str]:
    for person in catalog.people.values():
        yield from (person.id, person.name, *person.aliases)
        yield from (native.name for native in person.native_names)


def _record_ids(catalog: "Catalog") -> Iterable[str]:
    yield from (record.id for record in (*catalog.events, *catalog.figures))
    yield from (assessment.id for assessment in catalog.assessments)
    yield from catalog.sources
    yield from catalog.actors
    yield from catalog.people


complete_actor = _completer(_actor_names)
complete_person = _completer(_person_names)
complete_id = _completer(_record_ids)
complete_tag = _completer(lambda c: (tag for r in (*c.events, *c.figures) for tag in r.tags))
complete_metric = _completer(lambda c: (figure.metric for figure in c.figures))
complete_source = _completer(lambda c: c.sources)
