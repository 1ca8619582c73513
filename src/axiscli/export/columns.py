"""The pieces an export's tables are declared with (`tables`, `judged_tables`): columns with
their types, tables with their keys, and foreign keys between them."""

from dataclasses import dataclass
from typing import Any, Literal

ColumnType = Literal["string", "integer", "number", "boolean", "date"]
Row = tuple[Any, ...]

# A stored date (`dates` reads it): a point, or an interval with either end open. As XML Schema
# (Table Schema's pattern language) reads it, matched whole; grouped, so that it still matches
# whole where a reader wraps it in ^…$.
_POINT = r"\d{4}(-\d{2}(-\d{2})?)?[~?%]?"
EDTF_PATTERN = rf"({_POINT}(/({_POINT}|\.\.))?|\.\./{_POINT})"


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    description: str
    required: bool = False
    pattern: str | None = None


@dataclass(frozen=True)
class Reference:
    """A foreign key: `columns` of this table name the row of `table` with those `keys`."""

    columns: tuple[str, ...]
    table: str
    keys: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    references: tuple[Reference, ...] = ()
    # Exactly one of these columns holds a value in each row (a citation names one record).
    one_of: tuple[str, ...] = ()


def link(
    record: str,
    other: str,
    other_key: str,
    description: str,
    *,
    name: str | None = None,
    other_table: str | None = None,
) -> Table:
    """A table pairing a record (`event`, `figure`, `assessment`) with another row: the
    `record_others` table with columns `record` and `other`, keyed on both."""
    records = f"{record}s"
    return Table(
        name or f"{record}_{other}s",
        description,
        (
            Column(record, "string", f"The {record}'s id.", required=True),
            Column(other, "string", f"The {other}.", required=True),
        ),
        (record, other),
        (
            Reference((record,), records, ("id",)),
            Reference((other,), other_table or f"{other}s", (other_key,)),
        ),
    )


def joined(parts: Any) -> str | None:
    """Names as one cell, '; '-separated; None for none."""
    return "; ".join(parts) or None
