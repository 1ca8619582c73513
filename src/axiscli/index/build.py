"""Compile the store into the index's tables (see `schema`): streamed from its files, a chunk
of records at a time (`stream`), or from a store loaded and checked whole (`build`)."""

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

from axiscli.catalog import Catalog, with_codes
from axiscli.dates import when
from axiscli.index.cache import Fingerprint
from axiscli.index.schema import INDEXES, REVERSE_RELATIONS, SCHEMA_VERSION, TABLES
from axiscli.match import COLUMNS, tag_keys, text_row
from axiscli.model import Assessment, Event, Figure
from axiscli.query import holder_key, involved_actors
from axiscli.render.rows import assessment_when, record_dict
from axiscli.store import Located, Store
from axiscli.textindex import TextIndex, create_table

Record = Event | Figure | Assessment


def list_item(values: dict[str, Any]) -> str:
    """`values` exactly as `render.formats.to_json` writes an item of a list (indented twice)."""
    return "  " + _indented(values, 2)


def _indented(value: Any, indent: int) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2)` at depth `indent`, several times as
    fast: with `indent` the json module leaves its C encoder for a Python one, and a compile
    writes every record once."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if isinstance(value, dict | list) and value:
        pad = "\n" + " " * (indent + 2)
        if isinstance(value, dict):
            inner = [
                f"{pad}{encode_basestring(k)}: {_indented(v, indent + 2)}" for k, v in value.items()
            ]
            return "{" + ",".join(inner) + "\n" + " " * indent + "}"
        items = [pad + _indented(item, indent + 2) for item in value]
        return "[" + ",".join(items) + "\n" + " " * indent + "]"
    return json.dumps(value)


def build(
    db: sqlite3.Connection,
    store: Store,
    files: Iterable[tuple[str, Fingerprint]],
    *,
    meta: dict[str, str],
) -> None:
    """Write the whole index of the checked `store` into the empty database `db`, and commit."""
    catalog = Catalog.from_store(store)
    _begin(db, catalog, files, meta)
    Indexer(db, catalog).add([*store.events, *store.figures, *store.assessments])
    _finish(db)


def stream(
    db: sqlite3.Connection,
    folders: Sequence[Path],
    files: Iterable[tuple[str, Fingerprint]],
    *,
    meta: dict[str, str],
) -> None:
    """`build` the index of the store in `folders` into `db`, loading, checking and indexing
    its events and figures a chunk of records at a time, so that only the registries and what
    the checks across files need of each record (`cross_file_view`) stay in memory. Raise
    Unstreamable where the store has a problem, or a file must be parsed whole: `build` of
    `checked_store` then says what the problem is, or compiles it all the same."""
    from axiscli.check import check_references, check_store, cross_file_view
    from axiscli.store import SHARDED, STORE_FILES, Unstreamable, load_parts, load_store
    from axiscli.store.locate import entry_problem, store_files

    store = load_store(folders, kinds=[kind for kind in STORE_FILES if kind not in SHARDED])
    if store.problems:
        raise Unstreamable(store.problems[0])
    catalog = Catalog.from_store(store)
    _begin(db, catalog, files, meta)
    indexer = Indexer(db, catalog)
    # Numbered as `build` numbers them: every folder's events, then every folder's figures,
    # then every folder's assessments.
    for kind in SHARDED:
        for folder in folders:
            for path in (path for of, path in store_files(folder) if of == kind):
                if entry_problem(folder, kind, path) is not None:
                    raise Unstreamable(path)
                for part in load_parts(path, STORE_FILES[kind]):
                    if problem := next(check_references(store, part), None):
                        raise Unstreamable(problem)
                    indexer.add(part)
                    store.records(kind).extend(map(cross_file_view, part))
    if problems := check_store(store):
        raise Unstreamable(problems[0])
    _finish(db)


def _begin(
    db: sqlite3.Connection,
    catalog: Catalog,
    files: Iterable[tuple[str, Fingerprint]],
    meta: dict[str, str],
) -> None:
    """The tables, with the meta, the files and the registries filled in."""
    db.executescript(TABLES)
    create_table(db, COLUMNS)
    db.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        {**meta, "schema_version": str(SCHEMA_VERSION)}.items(),
    )
    record_files(db, files)
    registries = (
        ("sources", catalog.sources),
        ("actors", catalog.actors),
        ("people", catalog.people),
    )
    for table, registry in registries:
        db.executemany(
            f"INSERT INTO {table} VALUES (?, ?, ?)",
            (
                (key, n, json.dumps(entry.model_dump(), ensure_ascii=False))
                for n, (key, entry) in enumerate(registry.items())
            ),
        )


def _finish(db: sqlite3.Connection) -> None:
    db.executescript(INDEXES)
    db.commit()


def record_files(db: sqlite3.Connection, files: Iterable[tuple[str, Fingerprint]]) -> None:
    """The store's files (kind, fingerprint) as the index was made from them, in load order."""
    db.execute("DELETE FROM files")
    db.executemany(
        "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (f.path, f.size, f.mtime_ns, f.ctime_ns, f.inode, f.sha256, kind, rank)
            for rank, (kind, f) in enumerate(files)
        ),
    )


class Indexer:
    """Writes checked records (citing `catalog`'s sources) into an index's tables, numbering
    them on from `first`."""

    def __init__(self, db: sqlite3.Connection, catalog: Catalog, first: int = 0) -> None:
        self.db = db
        self.catalog = catalog
        self.next = first
        self._tag_keys: dict[str, str] = {}
        self._texts = TextIndex(db, COLUMNS)

    def add(self, located: list[Located]) -> None:
        """Index these records, the next numbers theirs."""
        db = self.db
        names = self.catalog.names
        records: list[Record] = [
            with_codes(item.record, names) if isinstance(item.record, Assessment) else item.record
            for item in located
        ]
        numbered = list(enumerate(records, start=self.next))
        db.executemany(
            f"INSERT INTO records VALUES ({', '.join('?' * 18)})",
            (
                (number, *_columns(item, record, self.catalog))
                for number, item, record in zip(
                    range(self.next, self.next + len(records)), located, records, strict=True
                )
            ),
        )
        db.executemany(
            "INSERT INTO record_actors VALUES (?, ?)",
            ((actor, n) for n, record in numbered for actor in involved_actors(record)),
        )
        db.executemany(
            "INSERT INTO record_people VALUES (?, ?)",
            (
                (person, n)
                for n, record in numbered
                for person in dict.fromkeys(getattr(record, "people", ()))
            ),
        )
        db.executemany(
            "INSERT INTO assessments VALUES (?, ?, ?, ?)",
            (
                (n, record.kind, holder_key(record.holder), record.likelihood_level)
                for n, record in numbered
                if isinstance(record, Assessment)
            ),
        )
        db.executemany("INSERT INTO record_sources VALUES (?, ?, ?)", _cited_sources(numbered))
        key = self._tag_keys
        tags = sorted({tag for record in records for tag in record.tags} - key.keys())
        key.update(zip(tags, tag_keys(tags), strict=True))
        db.executemany(
            "INSERT INTO record_tags VALUES (?, ?, ?)",
            ((key[tag], n, tag) for n, record in numbered for tag in dict.fromkeys(record.tags)),
        )
        db.executemany("INSERT INTO relations VALUES (?, ?, ?)", _relations(numbered))
        self._texts.add((n, text_row(record)) for n, record in numbered)
        self.next += len(records)


def sort_text(record: Record) -> str:
    """`record.sort_key` as text that sorts the same way: every part before the id has a
    fixed width."""
    if record.span is None:
        return f"1|{record.id}"
    start, precision, end = record.span.sort_key
    return f"0|{start.isoformat()}|{precision}|{end.isoformat()}|{record.id}"


def _columns(item: Located, record: Record, catalog: Catalog) -> tuple[Any, ...]:
    if isinstance(record, Assessment):
        return (
            record.id,
            "assessment",
            str(item.file),
            item.line,
            f"1|{record.id}",
            False,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            assessment_when(record.horizon, record.horizon_text),
            list_item(record_dict(record, catalog)),
            digest(item.record),
        )
    span = record.span
    anchor = span.anchor if span else None
    figure = record if isinstance(record, Figure) else None
    return (
        record.id,
        "event" if isinstance(record, Event) else "figure",
        str(item.file),
        item.line,
        sort_text(record),
        span is not None,
        anchor[0].isoformat() if anchor else None,
        anchor[1].isoformat() if anchor else None,
        _iso(span.start if span else None),
        _iso(span.end if span else None),
        getattr(record, "domain", None),
        figure.metric if figure else None,
        figure.unit if figure else None,
        float(figure.amount) if figure else None,
        when(record.date, record.date_text),
        list_item(record_dict(record, catalog)),
        digest(record),
    )


def digest(record: Record) -> str:
    """A hash of the record's fields (`schema`: what an update in place compares)."""
    return hashlib.blake2b(record.model_dump_json().encode(), digest_size=16).hexdigest()


def _iso(day: Any) -> str | None:
    return day.isoformat() if day is not None else None


def _cited_sources(records: list[tuple[int, Record]]) -> Iterator[tuple[str, int, int]]:
    for number, record in records:
        counts: dict[str, int] = {}
        for citation in record.citations:
            counts[citation.source] = counts.get(citation.source, 0) + 1
        for source, count in counts.items():
            yield source, number, count


def _relations(records: list[tuple[int, Record]]) -> Iterator[tuple[str, str, int]]:
    for number, record in records:
        targets: dict[str, list[str]]
        if isinstance(record, Assessment):
            targets = {"disputes": record.disputes, "rests_on": record.rests_on}
        elif isinstance(record, Figure):
            targets = {
                "updates": [record.updates] if record.updates else [],
                "equivalent_to": record.equivalent_to,
                "disputes": record.disputes,
            }
        else:
            continue
        for field, named in targets.items():
            for target in named:
                yield target, REVERSE_RELATIONS[field], number
