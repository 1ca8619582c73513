"""Compile a checked catalog into the index's tables (see `schema`)."""

import json
import sqlite3
from collections.abc import Iterable, Iterator
from json.encoder import encode_basestring
from typing import Any

from axiscli.catalog import Catalog
from axiscli.dates import when
from axiscli.index.cache import Fingerprint
from axiscli.index.schema import INDEXES, REVERSE_RELATIONS, SCHEMA_VERSION, TABLES
from axiscli.match import COLUMNS, tag_keys, text_row
from axiscli.model import Event, Figure
from axiscli.render.rows import record_dict
from axiscli.store import Located, Store
from axiscli.textindex import TextIndex, create_table

Record = Event | Figure


def list_item(values: dict[str, Any]) -> str:
    """`values` exactly as `render.formats.to_json` writes an item of a list (indented twice)."""
    return "  " + _indented(values, 2)


def _indented(value: Any, indent: int) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2)` at depth `indent`, four times as fast:
    with `indent` the json module leaves its C encoder for a Python one, and a compile writes
    every record once."""
    if isinstance(value, str):
        return encode_basestring(value)
    if isinstance(value, dict | list) and value:
        pad = " " * (indent + 2)
        if isinstance(value, dict):
            inner = (
                f"{pad}{encode_basestring(k)}: {_indented(v, indent + 2)}" for k, v in value.items()
            )
            return "{\n" + ",\n".join(inner) + "\n" + " " * indent + "}"
        items = (pad + _indented(item, indent + 2) for item in value)
        return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"
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
    db.executescript(TABLES)
    create_table(db, COLUMNS)
    db.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        {**meta, "schema_version": str(SCHEMA_VERSION)}.items(),
    )
    record_files(db, files)
    for table, registry in (("sources", catalog.sources), ("actors", catalog.actors)):
        db.executemany(
            f"INSERT INTO {table} VALUES (?, ?, ?)",
            (
                (key, n, json.dumps(entry.model_dump(), ensure_ascii=False))
                for n, (key, entry) in enumerate(registry.items())
            ),
        )
    add_records(db, [*store.events, *store.figures], catalog, first=0)
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


def add_records(
    db: sqlite3.Connection, located: list[Located], catalog: Catalog, first: int
) -> None:
    """Index these records (checked, citing `catalog`'s sources), numbered from `first`."""
    records: list[Record] = [item.record for item in located]
    numbered = list(enumerate(records, start=first))
    db.executemany(
        f"INSERT INTO records VALUES ({', '.join('?' * 17)})",
        ((number, *_columns(item, catalog)) for number, item in enumerate(located, start=first)),
    )
    db.executemany(
        "INSERT INTO record_actors VALUES (?, ?)",
        ((actor, n) for n, record in numbered for actor in dict.fromkeys(record.actors)),
    )
    db.executemany("INSERT INTO record_sources VALUES (?, ?, ?)", _cited_sources(numbered))
    tags = sorted({tag for record in records for tag in record.tags})
    key = dict(zip(tags, tag_keys(tags), strict=True))
    db.executemany(
        "INSERT INTO record_tags VALUES (?, ?, ?)",
        ((key[tag], n, tag) for n, record in numbered for tag in dict.fromkeys(record.tags)),
    )
    db.executemany("INSERT INTO relations VALUES (?, ?, ?)", _relations(numbered))
    TextIndex(db, COLUMNS).add((n, text_row(record)) for n, record in numbered)


def sort_text(record: Record) -> str:
    """`record.sort_key` as text that sorts the same way: every part before the id has a
    fixed width."""
    if record.span is None:
        return f"1|{record.id}"
    start, precision, end = record.span.sort_key
    return f"0|{start.isoformat()}|{precision}|{end.isoformat()}|{record.id}"


def _columns(item: Located, catalog: Catalog) -> tuple[Any, ...]:
    record: Record = item.record
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
    )


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
        if not isinstance(record, Figure):
            continue
        targets = {
            "updates": [record.updates] if record.updates else [],
            "equivalent_to": record.equivalent_to,
            "disputes": record.disputes,
        }
        for field, named in targets.items():
            for target in named:
                yield target, REVERSE_RELATIONS[field], number
