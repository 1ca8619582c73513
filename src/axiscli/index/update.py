"""Bring a compiled index up to date in place when only some shards of events, figures or
assessments changed, so that editing one file of a large store re-reads that file alone.

The changed files are parsed and checked as the whole store would be: each record by its
schema, ids against every other file's (in SQL), actors and sources against the registries,
and relations, which may reach across files, by refusing: a change that touches a figure or
an assessment taking part in a relation (an assessment's `disputes` and `rests_on` included;
before or after the edit) is left to a full compile, as is any problem, any change to
sources.yaml, actors.yaml or people.yaml, and any new folder. Of the records checked,
only those the edit changed (by their `digest`) are indexed again; the rest keep their rows.
The update is one SQLite transaction: a reader sees the index before it or after it, never
half of it.
"""

import json
import sqlite3
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from axiscli.index.build import Indexer, digest, record_files
from axiscli.index.cache import Fingerprint, fingerprint

if TYPE_CHECKING:
    from pydantic import BaseModel

    from axiscli.store import Located

_SHARDED = ("events.yaml", "figures.yaml", "assessments.yaml")


def refresh(
    db: sqlite3.Connection,
    files: Sequence[tuple[str, Path]],
    changed: set[str],
    *,
    known: Mapping[str, Fingerprint],
    built_ns: int,
) -> bool:
    """Update `db` (writable, in no transaction) for the `changed` paths among the store's
    `files` (kind, path), whose other files are `known` to hold what their fingerprints say;
    False, with `db` untouched, when only a full compile will do."""
    from axiscli.catalog import Catalog
    from axiscli.check import check_store
    from axiscli.model import Actor, Assessment, Event, Figure, Individual, Source
    from axiscli.store import Located, Store, load_file

    kinds = dict(db.execute("SELECT path, kind FROM files").fetchall())
    recorded = set(kinds)
    kinds.update((str(path), kind) for kind, path in files)
    if any(kinds[name] not in _SHARDED for name in changed):
        return False
    db.execute("BEGIN IMMEDIATE")
    try:
        # Only a changed file is hashed again, before it is read.
        prints = [
            (kind, fingerprint(path) if str(path) in changed else known[str(path)])
            for kind, path in files
        ]
        store = Store()
        for name in sorted(changed & {str(path) for _, path in files}):
            models: dict[str, type[BaseModel]] = {"events.yaml": Event, "figures.yaml": Figure}
            model = models.get(kinds[name], Assessment)
            located, problems = load_file(Path(name), model)
            if problems:
                raise _FullCompile
            store.records(kinds[name]).extend(located)
        store.sources = [
            Located(Source.model_validate(json.loads(body)), Path("sources"), 0)
            for (body,) in db.execute("SELECT body FROM sources ORDER BY position")
        ]
        store.actors = [
            Located(Actor.model_validate(json.loads(body)), Path("actors"), 0)
            for (body,) in db.execute("SELECT body FROM actors ORDER BY position")
        ]
        store.people = [
            Located(Individual.model_validate(json.loads(body)), Path("people"), 0)
            for (body,) in db.execute("SELECT body FROM people ORDER BY position")
        ]
        if check_store(store):
            raise _FullCompile
        new = [*store.events, *store.figures, *store.assessments]
        rows = _rows(
            db,
            "SELECT rowid, file, id, digest, line FROM records WHERE file IN ({})",
            sorted(changed),
        )
        old = [rowid for rowid, *_ in rows]
        if _related(db, old, new) or _clashing(db, old, [item.record.id for item in new]):
            raise _FullCompile
        # A record the edit left as it was keeps its rows (in a file the index recorded); only
        # its line may have moved.
        standing = {(file, id_, hash_): (rowid, line) for rowid, file, id_, hash_, line in rows}
        kept: set[int] = set()
        fresh = []
        for item in new:
            found = standing.pop((str(item.file), item.record.id, digest(item.record)), None)
            if found is None or str(item.file) not in recorded:
                fresh.append(item)
                continue
            kept.add(found[0])
            if found[1] != item.line:
                db.execute("UPDATE records SET line = ? WHERE rowid = ?", (item.line, found[0]))
        _remove(db, [rowid for rowid in old if rowid not in kept])
        (last,) = db.execute("SELECT coalesce(max(rowid), -1) FROM records").fetchone()
        Indexer(db, Catalog.from_store(store), first=last + 1).add(fresh)
        record_files(db, prints)
        db.execute("UPDATE meta SET value = ? WHERE key = 'built_ns'", (str(built_ns),))
        db.commit()
        return True
    except _FullCompile:
        db.rollback()
        return False
    except BaseException:
        db.rollback()
        raise


class _FullCompile(Exception):
    """The change cannot be applied in place."""


def _rows(db: sqlite3.Connection, statement: str, values: Sequence[object]) -> list[Any]:
    """Run `statement` (its `IN ({})` filled with `values`) in batches SQLite accepts; the rows
    it selects."""
    found: list[Any] = []
    for start in range(0, len(values), 500):
        batch = values[start : start + 500]
        found += db.execute(statement.format(", ".join("?" for _ in batch)), batch).fetchall()
    return found


def _numbers(db: sqlite3.Connection, statement: str, values: Sequence[object]) -> list[Any]:
    """`_rows`, one column."""
    return [value for (value, *_) in _rows(db, statement, values)]


def _related(db: sqlite3.Connection, old: list[int], new: list["Located"]) -> bool:
    """Whether a removed or new record takes part in a relation."""
    if any(
        getattr(item.record, "updates", None)
        or getattr(item.record, "equivalent_to", None)
        or getattr(item.record, "disputes", None)
        or getattr(item.record, "rests_on", None)
        for item in new
    ):
        return True
    ids = [item.record.id for item in new] + _numbers(
        db, "SELECT id FROM records WHERE rowid IN ({})", old
    )
    return bool(
        _numbers(db, "SELECT record FROM relations WHERE record IN ({})", old)
        or _numbers(db, "SELECT record FROM relations WHERE target IN ({})", ids)
    )


def _clashing(db: sqlite3.Connection, old: list[int], ids: list[str]) -> bool:
    """Whether a new id is already taken by a record of another file."""
    taken = set(_numbers(db, "SELECT rowid FROM records WHERE id IN ({})", ids))
    return bool(taken - set(old))


def _remove(db: sqlite3.Connection, numbers: list[int]) -> None:
    tables = (
        "record_actors",
        "record_people",
        "assessments",
        "record_sources",
        "record_tags",
        "relations",
    )
    for table in tables:
        _numbers(db, f"DELETE FROM {table} WHERE record IN ({{}})", numbers)
    _numbers(db, "DELETE FROM texts WHERE rowid IN ({})", numbers)
    _numbers(db, "DELETE FROM records WHERE rowid IN ({})", numbers)
