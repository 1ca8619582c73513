"""A store diff (`axiscli.diff.StoreDiff`) as a Rich view, plain lines, Markdown or JSON.

The JSON object (`diff_object`) is a contract for scripts: its keys and their order are pinned
by tests/test_diff.py and documented in README. Human formats write store text through
`safe.visible`, and Markdown escapes what would otherwise become emphasis, links or HTML. Rich
is imported only for the view.
"""

import json
from typing import TYPE_CHECKING, Any

from axiscli.render import DiffFormat
from axiscli.render.formats import to_json
from axiscli.render.safe import markdown_inline, visible
from axiscli.render.values import format_number

if TYPE_CHECKING:
    from rich.console import RenderableType

    from axiscli.diff import RecordChange, StoreDiff


ABSENT = "—"
_STATUS_STYLES = {"added": "green", "removed": "red", "changed": "yellow", "moved": "cyan"}
_HEADLINES = {
    "source": "title",
    "actor": "name",
    "person": "name",
    "event": "title",
    "figure": "label",
    "assessment": "statement",
}


def render_diff(diff: "StoreDiff", fmt: DiffFormat) -> "str | RenderableType":
    match fmt:
        case DiffFormat.json:
            return to_json(diff_object(diff))
        case DiffFormat.md:
            return diff_markdown(diff)
        case DiffFormat.plain:
            return diff_plain(diff)
        case _:
            return diff_view(diff)


# --- JSON --------------------------------------------------------------------------------------


def diff_object(diff: "StoreDiff") -> dict[str, Any]:
    """The diff as plain data, in a fixed shape and key order."""
    return {
        "old": {"revision": diff.old.name, "commit": diff.old.commit},
        "new": {"revision": diff.new.name, "commit": diff.new.commit},
        "folders": diff.folders,
        "summary": {
            **{status: diff.count(status) for status in ("added", "removed", "changed", "moved")},
            "figure_values": len(diff.figure_values),
            "problems": len(diff.problems),
        },
        "records": [
            {
                "kind": change.kind,
                "id": change.id,
                "status": change.status,
                "moved": change.moved,
                "old_file": change.old_file,
                "new_file": change.new_file,
                "fields": [
                    {"field": item.field, "old": item.old, "new": item.new}
                    for item in change.fields
                ],
                "record": change.record,
            }
            for change in diff.records
        ],
        "figure_values": [
            {
                "id": value.id,
                "metric": value.metric,
                "label": value.label,
                "old": value.old,
                "new": value.new,
            }
            for value in diff.figure_values
        ],
        "files": [{"path": file.path, "status": file.status} for file in diff.files],
        "problems": [
            {
                "revision": problem.revision,
                "file": problem.file,
                "line": problem.line,
                "id": problem.record_id,
                "message": problem.message,
            }
            for problem in diff.problems
        ],
    }


# --- text shared by the human formats ----------------------------------------------------------


def readable(value: Any) -> str:
    """A value as a person reads it: lists joined, a citation as `source: “quote” (claimant)`,
    other mappings as `key: value; …`, numbers and booleans as YAML writes them."""
    if value is None:
        return ABSENT
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        joiner = " | " if value and all(isinstance(item, dict) for item in value) else ", "
        return joiner.join(readable(item) for item in value)
    if isinstance(value, dict):
        if "source" in value and "quote" in value:
            claimant = f" ({readable(value['claimant'])})" if value.get("claimant") else ""
            return f"{readable(value['source'])}: “{readable(value['quote'])}”{claimant}"
        return "; ".join(f"{key}: {readable(item)}" for key, item in value.items())
    return json.dumps(value, ensure_ascii=False, default=str)


def quantity(fields: dict[str, Any]) -> str:
    """A figure's value fields as a phrase: "at least 3,000 troops", "thousands (≥ 2,000)
    troops"."""

    def number(value: Any) -> str:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return format_number(value)
        return readable(value)

    value, low, high = fields.get("value"), fields.get("low"), fields.get("high")
    if value is not None:
        amount = number(value)
        if low is not None or high is not None:
            amount += f" (range {number(low) if low is not None else '…'}–"
            amount += f"{number(high) if high is not None else '…'})"
    else:
        if low is not None and high is not None:
            bounds = f"{number(low)}–{number(high)}"
        elif low is not None:
            bounds = f"≥ {number(low)}"
        elif high is not None:
            bounds = f"≤ {number(high)}"
        else:
            bounds = ""
        magnitude = readable(fields.get("magnitude")) if fields.get("magnitude") else ""
        amount = f"{magnitude} ({bounds})" if magnitude and bounds else magnitude or bounds
    qualifier = fields.get("qualifier")
    words = [
        readable(qualifier) if qualifier not in (None, "exact") else "",
        amount or ABSENT,
        readable(fields.get("unit")) if fields.get("unit") is not None else "",
    ]
    return " ".join(word for word in words if word)


def headline(change: "RecordChange") -> str:
    """What the record is about: an event's title, a figure's label, an actor's or person's
    name, an assessment's statement."""
    value = change.record.get(_HEADLINES.get(change.kind, "title"))
    return readable(value) if value is not None else ""


def counts(diff: "StoreDiff") -> str:
    """ "2 added, 1 changed", or "no record changed"."""
    counted = [
        f"{count} {status}"
        for status in ("added", "removed", "changed", "moved")
        if (count := diff.count(status))
    ]
    return ", ".join(counted) if counted else "no record changed"


def summary_line(diff: "StoreDiff") -> str:
    return f"{diff.old.label} → {diff.new.label}: {counts(diff)}"


def _rows(change: "RecordChange") -> list[tuple[str, str, str]]:
    """(field, old, new) for each line a record's change takes."""
    rows: list[tuple[str, str, str]] = []
    if change.status == "added":
        rows.append(("file", "", change.new_file or ""))
    elif change.status == "removed":
        rows.append(("file", change.old_file or "", ""))
    elif change.moved:
        rows.append(("file", change.old_file or "", change.new_file or ""))
    for item in change.fields:
        rows.append((item.field, readable(item.old), readable(item.new)))
    return rows


# --- plain -------------------------------------------------------------------------------------


def _cell(text: str) -> str:
    return " ".join(visible(text).split())


def diff_plain(diff: "StoreDiff") -> str:
    """One line per changed field, tab-separated: status, kind, id, field, old, new. A record
    added, removed or moved also gets a `file` line with its file at each side (empty where it
    is absent); an absent field's value is empty too."""
    lines = []
    for change in diff.records:
        for name, old, new in _rows(change):
            cells = (change.status, change.kind, change.id, name, old, new)
            lines.append("\t".join(_cell("" if text == ABSENT else text) for text in cells))
    return "".join(line + "\n" for line in lines)


# --- Markdown ----------------------------------------------------------------------------------


def _md(text: str) -> str:
    """Store text as Markdown that prints it as written, on one line, safe in a table cell."""
    return markdown_inline(text)


def diff_markdown(diff: "StoreDiff") -> str:
    """A Markdown report: the summary, figure values, then records added, removed, moved and
    changed (a table of fields each), the files and any problems."""
    out = [f"## Store changes: {_md(diff.old.label)} → {_md(diff.new.label)}", ""]
    if diff.empty:
        return "\n".join([*out, "No changes.", ""])
    out += [_md(counts(diff).capitalize()) + ".", ""]
    if diff.figure_values:
        out += ["### Figure values", "", "| figure | old | new |", "|---|---|---|"]
        out += [
            f"| {_md(value.id)} | {_md(quantity(value.old))} | **{_md(quantity(value.new))}** |"
            for value in diff.figure_values
        ]
        out.append("")
    for status, title in (("added", "Added"), ("removed", "Removed"), ("moved", "Moved")):
        changes = [change for change in diff.records if change.status == status]
        if not changes:
            continue
        out += [f"### {title}", ""]
        for change in changes:
            if status == "moved":
                where = f"{_md(change.old_file or '')} → {_md(change.new_file or '')}"
            else:
                where = _md(change.new_file or change.old_file or "")
            about = f" — {_md(headline(change))}" if headline(change) else ""
            out.append(f"- {change.kind} **{_md(change.id)}**{about} ({where})")
        out.append("")
    changed = [change for change in diff.records if change.status == "changed"]
    if changed:
        out += ["### Changed", ""]
        for change in changed:
            about = f" — {_md(headline(change))}" if headline(change) else ""
            out += [f"#### {change.kind} {_md(change.id)}{about}", ""]
            out += ["| field | old | new |", "|---|---|---|"]
            out += [
                f"| {_md(name)} | {_md(old)} | {_md(new)} |" for name, old, new in _rows(change)
            ]
            out.append("")
    if diff.files:
        out += ["### Files", ""]
        out += [f"- {file.status}: {_md(file.path)}" for file in diff.files]
        out.append("")
    if diff.problems:
        out += ["### Problems", ""]
        out += [f"- {_md(str(problem))}" for problem in diff.problems]
        out.append("")
    return "\n".join(out)


# --- the terminal view -------------------------------------------------------------------------


def diff_view(diff: "StoreDiff") -> "RenderableType":
    """The summary line, a table of figure values, a table of record changes (a line per field),
    the files and any problems."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    def text(value: str, style: str = "") -> Text:
        return Text(visible(value), style=style)

    parts: list[RenderableType] = [text(summary_line(diff), "bold")]
    if diff.empty:
        parts.append(Text("No changes to the store."))
        return Group(*parts)
    if diff.figure_values:
        values = Table(title="Figure values", title_justify="left", box=box.SIMPLE_HEAD)
        values.add_column("figure", no_wrap=True, style="dim")
        values.add_column("old")
        values.add_column("new", style="bold")
        for value in diff.figure_values:
            values.add_row(text(value.id), text(quantity(value.old)), text(quantity(value.new)))
        parts.append(values)
    if diff.records:
        parts.append(_ByWidth(_records_table(diff, text), _records_stacked(diff, text)))
    if diff.files:
        parts.append(text("\n".join(f"{file.status}: {file.path}" for file in diff.files), "dim"))
    for problem in diff.problems:
        parts.append(text(f"Problem: {problem}", "red"))
    return Group(*parts)


# Below this width the record changes are stacked, a line per field, instead of a table whose
# six columns would leave each a few letters.
_TABLE_WIDTH = 80


class _ByWidth:
    """One of two renderables, chosen by the width it is given."""

    def __init__(self, wide: "RenderableType", narrow: "RenderableType") -> None:
        self.wide, self.narrow = wide, narrow

    def __rich_console__(self, console: Any, options: Any) -> Any:
        yield self.wide if options.max_width >= _TABLE_WIDTH else self.narrow


def _records_stacked(diff: "StoreDiff", text: Any) -> "RenderableType":
    """Each changed record on a line of its own, then its fields: old on a `-` line, new on `+`,
    each wrapped under itself."""
    from rich.console import Group
    from rich.padding import Padding

    lines: list[RenderableType] = []
    for change in diff.records:
        heading = f"{change.status} {change.kind} {change.id}"
        lines += [text(""), text(heading, _STATUS_STYLES[change.status])]
        for name, old, new in _rows(change):
            lines.append(Padding(text(name, "dim"), (0, 0, 0, 2)))
            for mark, value, style in (("-", old, "red"), ("+", new, "green")):
                if value and value != ABSENT:
                    lines.append(Padding(text(f"{mark} {value}", style), (0, 0, 0, 4)))
    lines.append(text(""))
    return Group(*lines)


def _records_table(diff: "StoreDiff", text: Any) -> "RenderableType":
    """The record changes as a table: a row per changed field."""
    from rich import box
    from rich.table import Table

    records = Table(box=box.SIMPLE_HEAD)
    records.add_column("change", no_wrap=True)
    records.add_column("kind", no_wrap=True)
    records.add_column("id", no_wrap=True)
    records.add_column("field", overflow="fold")
    records.add_column("old", overflow="fold")
    records.add_column("new", overflow="fold")
    for change in diff.records:
        style = _STATUS_STYLES[change.status]
        for number, (name, old, new) in enumerate(_rows(change)):
            first = number == 0
            records.add_row(
                text(change.status if first else "", style),
                text(change.kind if first else ""),
                text(change.id if first else "", "bold"),
                text(name, "dim"),
                text(old, "red" if old and old != ABSENT else ""),
                text(new, "green" if new and new != ABSENT else ""),
            )
    return records
