"""Records to add, read from JSON (one object, an array, or JSON lines) or CSV.

JSON objects are records as `axis … --json` prints them or as the store holds them. A CSV has
the columns `axis timeline -f csv`, `axis figure -f csv` and `axis assess -f csv` write: a
`type` column (event, figure, assessment), a column per field (lists joined by ';'), and one
citation a row in `source`, `claimant` and `quote`; further rows with the same type and id add
citations to the record.
Each record comes with the number of the row or line it was read from.
"""

import csv
import io
import json
from typing import Any

from axiscli.errors import UsageError
from axiscli.render.formats import cell_as_written

NUMBERS = frozenset({"value", "low", "high"})
LISTS = frozenset("actors tags aliases equivalent_to disputes subject dyad people rests_on".split())
CITATION = ("source", "quote", "claimant")

Numbered = tuple[int, str, dict[str, Any]]  # (row or line, kind, fields)


def from_json(text: str, kind: str | None, where: str) -> list[Numbered]:
    """The records of a JSON document or of JSON lines; `kind` where a record has no `type`."""
    try:
        data = json.loads(text)
        if isinstance(data, list):
            items = list(zip(_item_lines(text), data, strict=True))
        else:
            items = [(1, data)]
    except json.JSONDecodeError as whole:
        lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
        items = []
        for number, line in lines:
            try:
                items.append((number, json.loads(line)))
            except json.JSONDecodeError as error:
                # Not JSON lines either: the error is the whole document's, where it arose.
                at, reason = (number, error.msg) if items else (whole.lineno, whole.msg)
                raise UsageError(
                    f"{where}:{at}: not JSON: {reason}",
                    hint="give one JSON object, an array of them, or one object a line",
                ) from None
    return [(number, _kind(item, kind, where, number), item) for number, item in items]


def _item_lines(text: str) -> list[int]:
    """The line each item of a JSON array (the whole of `text`, valid JSON) starts on."""
    decoder = json.JSONDecoder()
    lines: list[int] = []
    at = text.index("[") + 1
    line, counted = 1, 0
    while True:
        while text[at] in " \t\r\n,":
            at += 1
        if text[at] == "]":
            return lines
        line += text.count("\n", counted, at)
        counted = at
        lines.append(line)
        at = decoder.raw_decode(text, at)[1]


def from_csv(text: str, kind: str | None, where: str) -> list[Numbered]:
    """The records of a CSV file, a row each (row 2 is the first after the header)."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    records: dict[tuple[str, str], Numbered] = {}
    numbered: list[Numbered] = []
    for number, row in enumerate(reader, 2):
        if None in row:
            raise UsageError(f"{where}:{number}: the row has more cells than the header")
        record_kind = _kind(row, kind, where, number)
        fields = {key: _cell(key, value) for key, value in row.items() if key not in CITATION}
        citation = {key: cell_as_written(row[key] or "") or None for key in CITATION if key in row}
        key = (record_kind, str(fields.get("id") or f"row {number}"))
        if key in records and fields.get("id"):
            records[key][2]["citations"].append(citation)
            continue
        fields["citations"] = [citation] if any(citation.values()) else []
        records[key] = (number, record_kind, fields)
        numbered.append(records[key])
    return numbered


def _cell(key: str, value: str | None) -> Any:
    if not value:
        return None
    value = cell_as_written(value)  # without the `'` axis's CSV puts before a formula-like cell
    if key in LISTS:
        return [part for part in value.split(";") if part]
    if key in NUMBERS:
        try:
            number = float(value)
        except ValueError:
            return value  # the check says what is wrong with it
        return int(number) if number.is_integer() and "." not in value else number
    return value


def _kind(item: Any, kind: str | None, where: str, number: int) -> str:
    if not isinstance(item, dict):
        raise UsageError(f"{where}:{number}: a record must be a JSON object")
    given = item.get("type") or kind
    if not given:
        raise UsageError(
            f"{where}:{number}: the record has no `type` "
            "(event, figure, assessment, source, actor or person)",
            hint="add a type, or say which kind all records are with --kind",
        )
    return str(given)
