"""A selection as a standalone SQLite database for people: `datasette FILE.db`, `sqlite-utils`
or any SQL client explore it as it is.

The tables are `tables.TABLES` with their primary and foreign keys (dates as ISO text, booleans
as 0/1), an index on each link column, and FTS5 tables as `sqlite-utils enable-fts` makes them
(`events_fts` over titles and summaries, `figures_fts` over labels and notes,
`assessments_fts` over statements and holders, `citations_fts` over quotes and claimants),
which datasette offers as each table's search box. Unlike the compiled index
(`axiscli.index`), which is the CLI's own and holds JSON, this schema is meant to be read.
"""

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from axiscli.export.columns import Column, Table
from axiscli.export.output import Written, new_file
from axiscli.export.tables import TABLES, table_rows

if TYPE_CHECKING:
    from axiscli.export.selection import Selection

# Each text search: the table it searches and the columns it reads.
SEARCHED = {
    "events": ("title", "summary"),
    "figures": ("label", "note"),
    "assessments": ("statement", "holder"),
    "citations": ("quote", "claimant"),
}
_TOKENIZER = "porter unicode61 remove_diacritics 2"
_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "NUMERIC", "boolean": "INTEGER",
          "date": "TEXT"}  # fmt: skip


def write_sqlite(selection: "Selection", path: Path) -> Written:
    """Write `selection` as a new SQLite database at `path`, replacing any file there whole."""
    with new_file(path) as temporary:
        db = sqlite3.connect(temporary)
        # A file no one reads until it is whole and flushed (`new_file`) needs no journal.
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        try:
            fill(db, selection)
        finally:
            db.close()
    return Written(
        len(selection.events), len(selection.figures), assessments=len(selection.assessments)
    )


def fill(db: sqlite3.Connection, selection: "Selection") -> None:
    """Make the export's tables in the empty database `db`, fill them, and commit."""
    db.execute("PRAGMA foreign_keys = ON")
    rows = table_rows(selection)
    with db:
        for table in TABLES:
            db.execute(create_table(table))
            marks = ", ".join("?" for _ in table.columns)
            db.executemany(f"INSERT INTO [{table.name}] VALUES ({marks})", rows[table.name])
            for reference in table.references:
                if reference.columns != table.key[: len(reference.columns)]:
                    column = ", ".join(f"[{c}]" for c in reference.columns)
                    name = f"{table.name}_by_{'_'.join(reference.columns)}"
                    db.execute(f"CREATE INDEX [{name}] ON [{table.name}] ({column})")
        for table_name, columns in SEARCHED.items():
            listed = ", ".join(f"[{c}]" for c in columns)
            db.execute(
                f"CREATE VIRTUAL TABLE [{table_name}_fts] USING FTS5 ({listed}, "
                f"tokenize='{_TOKENIZER}', content=[{table_name}])"
            )
            db.execute(f"INSERT INTO [{table_name}_fts] ([{table_name}_fts]) VALUES ('rebuild')")


def create_table(table: Table) -> str:
    """The `CREATE TABLE` statement of `table`."""
    lines = [_column(column) for column in table.columns]
    lines.append(f"PRIMARY KEY ({_names(table.key)})")
    lines.extend(
        f"FOREIGN KEY ({_names(ref.columns)}) REFERENCES [{ref.table}] ({_names(ref.keys)})"
        for ref in table.references
    )
    if table.one_of:
        given = " + ".join(f"([{name}] IS NOT NULL)" for name in table.one_of)
        lines.append(f"CHECK ({given} = 1)")
    body = ",\n    ".join(lines)
    return f"CREATE TABLE [{table.name}] (\n    {body}\n)"


def _column(column: Column) -> str:
    text = f"[{column.name}] {_TYPES[column.type]}"
    if column.required:
        text += " NOT NULL"
    if column.type == "boolean":
        text += f" CHECK ([{column.name}] IN (0, 1))"
    return text


def _names(names: tuple[str, ...]) -> str:
    return ", ".join(f"[{name}]" for name in names)
