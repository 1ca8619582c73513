"""The one place output is chosen: a format, the fields, and the renderer that makes them.

`render_records` and `render_rows` return text (machine formats, plain, Markdown) or a Rich
renderable (the table and timeline views); only the CLI prints. Rich is imported only for views,
and the record model, the row builders, the text formats (and json) and PyYAML only when a
format needs them: the CLI reads `Format` and `LIST_FIELDS` from here at start-up.
"""

from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal

from axiscli.errors import UsageError

if TYPE_CHECKING:
    from rich.console import RenderableType

    from axiscli.catalog import Catalog
    from axiscli.model import Event, Figure
    from axiscli.series import Per

Row = dict[str, Any]
Kind = Literal["event", "figure", "assessment", "any"]


class Format(StrEnum):
    table = "table"
    timeline = "timeline"
    plain = "plain"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    md = "md"
    yaml = "yaml"

    @property
    def is_view(self) -> bool:
        """A view for people at a terminal, rendered by Rich."""
        return self in (Format.table, Format.timeline)


class DiffFormat(StrEnum):
    """What `axis diff` writes (`render.diff`)."""

    table = "table"
    plain = "plain"
    json = "json"
    md = "md"


LIST_FIELDS = "list"

_PLAIN: dict[Kind, tuple[str, ...]] = {
    "event": ("date", "start", "end", "id", "actors", "title", "source", "claimant"),
    "figure": (
        "date",
        "start",
        "end",
        "id",
        "metric",
        "value",
        "unit",
        "qualifier",
        "label",
        "source",
        "claimant",
    ),
    "assessment": ("id", "kind", "subject", "holder", "likelihood", "statement", "source"),
    "any": ("type", "id", "date", "start", "end", "actors", "headline", "source", "claimant"),
}
_MARKDOWN: dict[Kind, tuple[str, ...]] = {
    "event": ("when", "actors", "title"),
    "figure": ("metric", "when", "value_text", "label"),
    "assessment": ("kind", "subject", "holder", "likelihood", "statement"),
    "any": ("type", "when", "actors", "headline"),
}


def _nested(kind: str, per: "Per | None") -> tuple[str, ...]:
    from axiscli.render.rows import ASSESSMENT_FIELDS, EVENT_FIELDS, figure_fields

    if kind == "assessment":
        return ASSESSMENT_FIELDS
    return figure_fields(per) if kind == "figure" else EVENT_FIELDS


def _rated(kind: Kind, per: "Per | None") -> bool:
    """Whether rows carry a rate: figures listed `--per` a year or a month."""
    return kind == "figure" and per is not None


def _union(field_lists: Sequence[Sequence[str]]) -> list[str]:
    return list(dict.fromkeys(name for names in field_lists for name in names))


def _kinds(kind: Kind) -> tuple[str, ...]:
    return ("event", "figure", "assessment") if kind == "any" else (kind,)


def available_fields(kind: Kind, per: "Per | None" = None) -> list[str]:
    from axiscli.render.rows import FLAT_EXTRA_FIELDS, RATE_EXTRA_FIELDS

    extra = RATE_EXTRA_FIELDS if _rated(kind, per) else ()
    return _union([(*_nested(k, per), *FLAT_EXTRA_FIELDS, *extra) for k in _kinds(kind)])


def default_fields(kind: Kind, fmt: Format, per: "Per | None" = None) -> list[str]:
    from axiscli.render.rows import (
        FIRST_CITATION_FIELDS,
        FLAT_EXTRA_FIELDS,
        RATE_EXTRA_FIELDS,
        RATE_FIELDS,
    )

    rated = _rated(kind, per)
    if fmt is Format.plain:
        plain = list(_PLAIN[kind])
        if rated:
            at = plain.index("qualifier") + 1
            plain[at:at] = RATE_FIELDS
        return plain
    if fmt is Format.md:
        return ["metric", "when", "rate_text", "label"] if rated else list(_MARKDOWN[kind])
    if fmt in (Format.json, Format.jsonl, Format.yaml):
        return _union([_nested(k, per) for k in _kinds(kind)])
    flat = [[name for name in _nested(k, per) if name != "citations"] for k in _kinds(kind)]
    if kind == "any":
        return ["type", "id", "date", "when", "actors", "headline", *FIRST_CITATION_FIELDS]
    return _union([*flat, FLAT_EXTRA_FIELDS, RATE_EXTRA_FIELDS if rated else ()])


def choose_fields(
    requested: str | None, available: Sequence[str], default: Sequence[str]
) -> list[str]:
    """The fields asked for (comma-separated), checked against what there is."""
    if requested is None:
        return list(default)
    names = [name.strip() for name in requested.split(",") if name.strip()]
    unknown = [name for name in names if name not in available]
    if requested == LIST_FIELDS or not names or unknown:
        what = f"unknown field '{unknown[0]}'; " if unknown and requested != LIST_FIELDS else ""
        raise UsageError(f"{what}available fields: {', '.join(available)}", field="fields")
    return names


def render_records(
    records: "Sequence[Event | Figure]",
    catalog: "Catalog",
    fmt: Format,
    *,
    fields: str | None = None,
    kind: Kind | None = None,
    per: "Per | None" = None,
) -> "str | RenderableType":
    """Records in `fmt`, with the fields of their `kind` (by default the kind they all share);
    with `per`, figures as rates a year or a month over the period each covers.

    An empty result keeps the format's shape: `[]`, a header row, or nothing.
    """
    from axiscli.render.rows import flat_dict, record_kind

    if kind is None:
        kinds = {record_kind(record) for record in records}
        kind = kinds.pop() if len(kinds) == 1 else "any"
    rows = [flat_dict(record, catalog, per) for record in records]
    return render_listing(rows, fmt, fields=fields, kind=kind, per=per)


def render_listing(
    rows: Sequence[Row],
    fmt: Format,
    *,
    fields: str | None = None,
    kind: Kind,
    per: "Per | None" = None,
) -> "str | RenderableType":
    """`render_records` of records already flattened to rows (`render.rows.flat_dict`), as the
    compiled index gives them."""
    chosen = choose_fields(fields, available_fields(kind, per), default_fields(kind, fmt, per))
    view = None
    if fmt.is_view and fields is None and rows:
        from axiscli.render import tables

        view = tables.records_table if fmt is Format.table else tables.timeline_view
        # The record views headline an assessment by its statement, as an event by its title.
        rows = [
            {**row, "type": "event", "title": row["statement"]}
            if row.get("type") == "assessment"
            else row
            for row in rows
        ]
    return render_rows(rows, fmt, chosen, view=view)


def streams_json(fmt: Format, fields: str | None, kind: Kind) -> bool:
    """Whether `fmt` with `fields` prints records of `kind` as their whole JSON objects, so that
    a listing may write the objects it stored (`formats.json_list`) instead of rendering rows."""
    return fmt is Format.json and fields is None and kind != "any"


def render_rows(
    rows: Sequence[Row],
    fmt: Format,
    fields: Sequence[str],
    *,
    view: "Callable[[Sequence[Row]], RenderableType] | None" = None,
) -> "str | RenderableType":
    """Rows through `view` (or a table of `fields`) for people, or as text in `fmt`."""
    if fmt.is_view:
        if view:
            return view(rows)
        from axiscli.render import details

        return details.fields_table(rows, fields)
    from axiscli.render import formats

    projected = [{name: row.get(name) for name in fields} for row in rows]
    match fmt:
        case Format.json:
            return formats.to_json(projected)
        case Format.jsonl:
            return formats.to_jsonl(projected)
        case Format.yaml:
            return formats.to_yaml(projected)
        case Format.csv | Format.tsv:
            delimiter = "," if fmt is Format.csv else "\t"
            return formats.to_delimited(projected, fields, delimiter, raw=raw_cells())
        case Format.md:
            return formats.to_markdown(projected, fields, [_citations(row) for row in rows])
        case _:
            return formats.to_plain(projected, fields)


RAW_CELLS_ENV = "AXIS_RAW_CELLS"


def raw_cells() -> bool:
    """Whether CSV and TSV keep cells that start like a formula as they are (AXIS_RAW_CELLS=1,
    for scripts that read them back), instead of prefixing a `'` so spreadsheets never run them."""
    import os

    return os.environ.get(RAW_CELLS_ENV, "") not in ("", "0")


def _citations(row: Row) -> list[Row]:
    citations = row.get("citations")
    return citations if isinstance(citations, list) else []


def render_one(
    row: Row,
    fmt: Format,
    fields: Sequence[str],
    *,
    view: "Callable[[Row], RenderableType]",
) -> "str | RenderableType":
    """One record or source: an object (`json`, `yaml`), `view` for people, else a one-row table."""
    from axiscli.render import formats

    if fmt is Format.json:
        return formats.to_json(row)
    if fmt is Format.yaml:
        return formats.to_yaml(row)
    if fmt.is_view:
        return view(row)
    return render_rows([row], fmt, fields)
