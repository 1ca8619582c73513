"""A selection as a Frictionless Data Package (v2): one CSV file per table of `tables.TABLES`
and a `datapackage.json` declaring each field's type, the primary and foreign keys, and the
EDTF pattern of stored dates. `frictionless validate DIR/datapackage.json` checks it; pandas,
R, spreadsheets and `csvkit` read the CSV files as they are.

CSV: UTF-8, a header row, an empty cell for an empty value, `true`/`false` for booleans.
"""

import csv
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from axiscli.export.columns import Column, Row, Table
from axiscli.export.output import Written, has_files, new_folder
from axiscli.export.tables import TABLES, table_rows

if TYPE_CHECKING:
    from axiscli.export.selection import Selection

DESCRIPTOR = "datapackage.json"
PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"


def write_datapackage(selection: "Selection", folder: Path, *, replace: bool = False) -> Written:
    """Write `selection` as a data package in the new folder `folder`, made whole beside it and
    renamed into place. Raise FileExistsError where `folder` holds files and not `replace`,
    NotADirectoryError where it is a file."""
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(f"{folder} is a file, not a folder")
    if has_files(folder) and not replace:
        raise FileExistsError(f"{folder} is a folder with files in it")
    rows = table_rows(selection)
    with new_folder(folder) as making:
        for table in TABLES:
            _write_csv(making / f"{table.name}.csv", table, rows[table.name])
        text = json.dumps(descriptor(selection.title), ensure_ascii=False, indent=2)
        (making / DESCRIPTOR).write_text(text + "\n", encoding="utf-8")
    return Written(
        len(selection.events), len(selection.figures), assessments=len(selection.assessments)
    )


def descriptor(title: str) -> dict[str, Any]:
    """The `datapackage.json` of an export titled `title`."""
    return {
        "$schema": PACKAGE_PROFILE,
        "name": "axis-export",
        "title": title,
        "description": "Events, figures and assessments (judgements) from an axis store, with "
        "the people they name, each with its citations: a verbatim quote of a source and who "
        "the source says claims it.",
        "resources": [_resource(table) for table in TABLES],
    }


def _resource(table: Table) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "$schema": SCHEMA_PROFILE,
        "fields": [_field(column, table.key) for column in table.columns],
        "missingValues": [""],
        "primaryKey": list(table.key),
    }
    if table.references:
        schema["foreignKeys"] = [
            {
                "fields": list(ref.columns),
                "reference": {"resource": ref.table, "fields": list(ref.keys)},
            }
            for ref in table.references
        ]
    return {
        "name": table.name,
        "type": "table",
        "path": f"{table.name}.csv",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": table.description,
        "schema": schema,
    }


def _field(column: Column, key: tuple[str, ...]) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": column.name,
        "type": column.type,
        "description": column.description,
    }
    if column.type == "boolean":
        field["trueValues"], field["falseValues"] = ["true"], ["false"]
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if key == (column.name,):
        constraints["unique"] = True
    if column.pattern:
        constraints["pattern"] = column.pattern
    if constraints:
        field["constraints"] = constraints
    return field


def _write_csv(path: Path, table: Table, rows: list[Row]) -> None:
    # The csv module writes None as an empty cell; only booleans need spelling out.
    flags = [n for n, column in enumerate(table.columns) if column.type == "boolean"]
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(column.name for column in table.columns)
        writer.writerows((_spelled(row, flags) for row in rows) if flags else rows)


def _spelled(row: Row, flags: list[int]) -> list[Any]:
    cells = list(row)
    for n in flags:
        if cells[n] is not None:
            cells[n] = "true" if cells[n] else "false"
    return cells
