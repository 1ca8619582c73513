"""Choosing a format and fields, and printing: results to stdout, notes to stderr."""

import sys
from collections.abc import Callable, Sequence

from rich.console import Console, RenderableType

from axiscli.catalog import Catalog
from axiscli.cli.options import Color, Format
from axiscli.errors import UsageError
from axiscli.model import Event, Figure
from axiscli.render import formats, tables
from axiscli.render.rows import EVENT_FIELDS, FIGURE_FIELDS, FLAT_EXTRA_FIELDS, flat_dict

LIST_FIELDS = "list"

_PLAIN = {
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
}
_MARKDOWN = {
    "event": ("when", "actors", "title"),
    "figure": ("metric", "when", "value_text", "label"),
}
_NESTED = {"event": EVENT_FIELDS, "figure": FIGURE_FIELDS}


def stdout_console(color: Color = Color.auto) -> Console:
    """The console for results: `auto` leaves NO_COLOR, TERM=dumb and tty detection to Rich."""
    if color is Color.always:
        return Console(force_terminal=True, no_color=False, highlight=False)
    if color is Color.never:
        return Console(color_system=None, highlight=False)
    return Console(highlight=False)


def note(message: str) -> None:
    """A message for the person, never for the pipe."""
    Console(stderr=True, highlight=False, soft_wrap=True).print(message, markup=False)


def pick_format(chosen: Format | None, as_json: bool, human: Format) -> Format:
    if as_json:
        return Format.json
    if chosen:
        return chosen
    return human if sys.stdout.isatty() else Format.plain


def _union(field_lists: Sequence[Sequence[str]]) -> list[str]:
    return list(dict.fromkeys(name for names in field_lists for name in names))


def _default_fields(kind: str, fmt: Format) -> Sequence[str]:
    if fmt is Format.plain:
        return _PLAIN[kind]
    if fmt is Format.md:
        return _MARKDOWN[kind]
    if fmt in (Format.json, Format.jsonl, Format.yaml):
        return _NESTED[kind]
    return (*(name for name in _NESTED[kind] if name != "citations"), *FLAT_EXTRA_FIELDS)


def choose_fields(
    requested: str | None, available: Sequence[str], default: Sequence[str]
) -> list[str]:
    """`--fields` checked against what there is; the default when it is not given."""
    if requested is None:
        return list(default)
    names = [name.strip() for name in requested.split(",") if name.strip()]
    unknown = [name for name in names if name not in available]
    if requested == LIST_FIELDS or not names or unknown:
        what = f"unknown field '{unknown[0]}'; " if unknown and requested != LIST_FIELDS else ""
        raise UsageError(f"{what}available fields: {', '.join(available)}")
    return names


def emit_records(
    records: Sequence[Event | Figure],
    catalog: Catalog,
    *,
    fmt: Format,
    fields: str | None,
    color: Color,
) -> None:
    """Print records in `fmt`; an empty result is a note on stderr, not an error."""
    kinds = sorted({"event" if isinstance(r, Event) else "figure" for r in records}) or ["event"]
    available = _union([(*_NESTED[kind], *FLAT_EXTRA_FIELDS) for kind in kinds])
    chosen = choose_fields(fields, available, _union([_default_fields(k, fmt) for k in kinds]))
    if not records:
        note("No records match; loosen a filter or see `axis --help`.")
        return
    view = tables.records_table if fmt is Format.table else tables.timeline_view
    emit_rows(
        [flat_dict(record, catalog) for record in records],
        fmt=fmt,
        fields=chosen,
        color=color,
        view=None if fields else view,
    )


def emit_rows(
    rows: list[dict],
    *,
    fmt: Format,
    fields: Sequence[str],
    color: Color,
    view: Callable[[list[dict]], RenderableType] | None = None,
) -> None:
    """Print rows: through `view` (or a table of `fields`) for people, as text for programs."""
    if fmt in (Format.table, Format.timeline):
        stdout_console(color).print(view(rows) if view else tables.fields_table(rows, fields))
    else:
        sys.stdout.write(render_text(rows, list(fields), fmt))


def emit_view(view: RenderableType, color: Color) -> None:
    stdout_console(color).print(view)


def render_text(rows: list[dict], fields: list[str], fmt: Format) -> str:
    projected = [{name: row.get(name) for name in fields} for row in rows]
    match fmt:
        case Format.json:
            return formats.to_json(projected)
        case Format.jsonl:
            return formats.to_jsonl(projected)
        case Format.yaml:
            return formats.to_yaml(projected)
        case Format.csv | Format.tsv:
            return formats.to_delimited(projected, fields, "," if fmt is Format.csv else "\t")
        case Format.md:
            return formats.to_markdown(
                projected, fields, [row.get("citations", []) for row in rows]
            )
        case _:
            return formats.to_plain(projected, fields)
