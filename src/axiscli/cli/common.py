"""What every listing command shares: the store to read, the query asked, the notes printed."""

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from axiscli.cli.output import emit, note
from axiscli.render import Format

if TYPE_CHECKING:
    from axiscli.catalog import Catalog
    from axiscli.cli.options import Color
    from axiscli.index import CompiledStore
    from axiscli.query import Query
    from axiscli.render import Kind


def store_folders(data: list[Path] | None, no_bundled: bool) -> list[Path]:
    """The bundled store and the user's (unless left out), AXIS_DATA's folders, then --data's."""
    from axiscli.store import DATA_ENV, data_dirs
    from axiscli.store.locate import store_files, user_store_dir

    given = [p for p in os.environ.get(DATA_ENV, "").split(os.pathsep) if p]
    user = user_store_dir(os.environ)
    layered = [user] if not no_bundled and user.is_dir() and store_files(user) else []
    return data_dirs([*layered, *given, *(data or ())], bundled=not no_bundled)


# The stores a command opened, closed when it ends (`close_stores`), so that its read
# transaction never outlives it.
_OPENED: list["CompiledStore"] = []


def store_for(data: list[Path] | None, no_bundled: bool, no_cache: bool = False) -> "CompiledStore":
    """The compiled index of the store asked for: from the cache (AXIS_CACHE_DIR or the
    platform's) when it is current, else compiled again; `no_cache` neither reads nor writes it."""
    from axiscli.index import open_index
    from axiscli.index.cache import default_cache_dir

    cache_dir = None if no_cache else default_cache_dir(os.environ)
    store = open_index(store_folders(data, no_bundled), cache_dir=cache_dir)
    _OPENED.append(store)
    return store


def close_stores() -> None:
    while _OPENED:
        _OPENED.pop().close()


def catalog_for(data: list[Path] | None, no_bundled: bool, no_cache: bool = False) -> "Catalog":
    """Every record of the store as models, for commands that need them all."""
    return store_for(data, no_bundled, no_cache).catalog()


def emit_listing(
    store: "CompiledStore",
    numbers: list[int],
    fmt: Format,
    *,
    fields: str | None,
    kind: "Kind",
    color: "Color",
) -> None:
    """Print these records of the store; `--json` streams their stored objects as they come."""
    from axiscli.render import render_listing, streams_json

    if streams_json(fmt, fields, kind):
        from axiscli.render.formats import json_list

        for chunk in json_list(store.items(numbers)):
            sys.stdout.write(chunk)
        return
    emit(render_listing(store.rows(numbers), fmt, fields=fields, kind=kind), color)


def note_window(store: "CompiledStore", query: "Query", kind: "Kind", fmt: Format) -> None:
    """Tell a person at a terminal how many records --overlap would add to this window."""
    if not (fmt.is_view or sys.stderr.isatty()):
        return
    if kind == "assessment":
        return
    extra = store.imprecise_extra(query, "figure" if kind == "figure" else "event")
    if extra:
        more = f"{extra} more record{'s' * (extra != 1)}"
        note(f"{more} may fall in this window (imprecise dates): add --overlap")


def listing_query(
    store: "CompiledStore",
    *,
    actor: Sequence[str] | None = None,
    any_actor: bool = False,
    since: str | None = None,
    until: str | None = None,
    overlap: bool = False,
    today: str | None = None,
    domain: Sequence[str] | None = None,
    tag: Sequence[str] | None = None,
    source: Sequence[str] | None = None,
    claimant: Sequence[str] | None = None,
    grep: str | None = None,
    unit: Sequence[str] | None = None,
    term: str | None = None,
    person: Sequence[str] | None = None,
    kind: Sequence[str] | None = None,
    holder: Sequence[str] | None = None,
    likelihood: str | None = None,
) -> "Query":
    """The query the listing filters ask for, as the options give them (None: not given):
    `person` names people (ids or any name), `kind`, `holder` and `likelihood` ask of
    assessments."""
    from axiscli.query import build_query

    return build_query(
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
        units=unit or (),
        term=term,
        people=person or (),
        kinds=kind or (),
        holders=holder or (),
        likelihood=likelihood,
    )
