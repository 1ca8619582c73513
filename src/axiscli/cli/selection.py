"""The records the listing filters name, for the commands that hand them on (`export`, `brief`).

Each such command declares the filter options (`cli.options`) and passes them here as typed.
"""

from pathlib import Path
from typing import TYPE_CHECKING

from axiscli.cli.common import store_for

if TYPE_CHECKING:
    from axiscli.export.selection import Selection


def selection_for(
    data: list[Path] | None,
    no_bundled: bool,
    no_cache: bool,
    *,
    actor: list[str] | None = None,
    any_actor: bool = False,
    since: str | None = None,
    until: str | None = None,
    overlap: bool = False,
    today: str | None = None,
    domain: list[str] | None = None,
    tag: list[str] | None = None,
    source: list[str] | None = None,
    claimant: list[str] | None = None,
    grep: str | None = None,
    term: str | None = None,
) -> "Selection":
    """The selection these filters make of the store asked for, titled after them."""
    from axiscli.export.selection import select_records
    from axiscli.query import build_query

    store = store_for(data, no_bundled, no_cache)
    query = build_query(
        store,
        actors=actor or (),
        any_actor=any_actor,
        since=since,
        until=until,
        today=today,
        overlap=overlap,
        domains=domain or (),
        tags=tag or (),
        sources=source or (),
        claimants=claimant or (),
        grep=grep,
        term=term,
    )
    return select_records(store, query)
