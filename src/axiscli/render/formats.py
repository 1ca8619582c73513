"""Text formats for scripts and memos: JSON, JSON Lines, CSV, TSV, Markdown, YAML and plain.

Each takes rows (dicts already cut to the chosen fields) and returns the whole text. PyYAML and
the csv module are imported only when their format is asked for.
"""

import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from axiscli.render.safe import markdown_inline, visible

Row = dict[str, Any]


def to_json(value: Sequence[Row] | Row) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def json_list(items: Iterable[str]) -> Iterator[str]:
    """A list of JSON objects already written as `to_json` writes a list's items (indented two
    spaces), streamed: joined, the same text as `to_json` of the list."""
    first = True
    for item in items:
        yield ("[\n" if first else ",\n") + item
        first = False
    yield "[]\n" if first else "\n]\n"


def to_jsonl(rows: Sequence[Row]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def to_yaml(value: Sequence[Row] | Row) -> str:
    import yaml

    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=100)


def flat_value(value: Any) -> str:
    """One cell: lists `;`-joined, citations as `source: “quote” (claimant)`, None empty."""
    if value is None:
        return ""
    if isinstance(value, list):
        if value and isinstance(value[0], dict) and "lang" in value[0]:  # native names
            return ";".join(f"{name['name']} ({name['lang']})" for name in value)
        if value and isinstance(value[0], dict) and "title" in value[0]:  # a person's roles
            return ";".join(_role_text(role) for role in value)
        if value and isinstance(value[0], dict) and "quote" not in value[0]:
            return "; ".join(map(_person_text, value))
        return (
            " | ".join(map(_citation_text, value))
            if value and isinstance(value[0], dict)
            else ";".join(map(str, value))
        )
    return str(value)


def _role_text(role: Row) -> str:
    """A role as `title (date)`."""
    dated = role.get("date_text") or role.get("date")
    return f"{role['title']} ({dated})" if dated else str(role["title"])


def _person_text(person: Row) -> str:
    """An author as `Lee, Seong-Hyon`, or an organisation's name."""
    parts = (person.get("family"), person.get("given"))
    return str(person.get("literal") or ", ".join(filter(None, parts)))


def _citation_text(citation: Row) -> str:
    claimant = f" ({citation['claimant']})" if citation.get("claimant") else ""
    return f"{citation['source']}: “{citation['quote']}”{claimant}"


# A cell a spreadsheet would read as a formula: one starting with a character OWASP lists (`=`,
# `+`, `-`, `@`, tab, CR), or such a cell behind the `'`s this module adds (so that reading back
# strips exactly one `'` from any cell). A plain number such as `-5` stays a number.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)


def spreadsheet_cell(text: str) -> str:
    """`text` as a spreadsheet shows it and never runs: a cell that would start a formula gets a
    leading `'`, as OWASP advises; a number such as `-5` stays a number."""
    if _FORMULA.match(text) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def cell_as_written(cell: str) -> str:
    """A cell of axis's CSV or TSV as the store holds it: `spreadsheet_cell` undone."""
    return cell[1:] if cell[:1] == "'" and _FORMULA.match(cell, 1) else cell


def to_delimited(
    rows: Sequence[Row], fields: Sequence[str], delimiter: str = ",", *, raw: bool = False
) -> str:
    """CSV or TSV with a header; cells that would start a formula neutralised unless `raw`."""
    import csv

    cell = flat_value if raw else lambda value: spreadsheet_cell(flat_value(value))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow([cell(name) for name in fields])
    writer.writerows([cell(row[name]) for name in fields] for row in rows)
    return buffer.getvalue()


def to_plain(rows: Sequence[Row], fields: Sequence[str]) -> str:
    """One record a line, tab-separated, no header: for grep, cut and awk. Control characters
    are written out (`\\x1b`) before runs of white space become one space."""
    return "".join(
        "\t".join(" ".join(visible(flat_value(row[name])).split()) for name in fields) + "\n"
        for row in rows
    )


def _md_cell(value: Any) -> str:
    return markdown_inline(flat_value(value))


def to_markdown(rows: Sequence[Row], fields: Sequence[str], citations: Sequence[list[Row]]) -> str:
    """A GitHub table; each row's citations become numbered footnotes below it."""
    lines = ["| " + " | ".join(fields) + " |", "|" + "---|" * len(fields)]
    notes: list[str] = []
    for row, row_citations in zip(rows, citations, strict=True):
        marks = ""
        for citation in row_citations:
            notes.append(_footnote(len(notes) + 1, citation))
            marks += f"[^{len(notes)}]"
        cells = [_md_cell(row[name]) for name in fields]
        cells[-1] += marks
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n\n" + "\n".join(notes) + ("\n" if notes else "")


# An address a footnote links: a web address with nothing in it that ends the link.
_WEB_URL = re.compile(r"https?://[^\s<>\\`]+", re.ASCII | re.IGNORECASE)


def _footnote(number: int, citation: Row) -> str:
    """`[^n]: claimant, as reported in *Source* <url>: “quote”`, the store's text inert and on
    one line; an address other than http(s) prints as text, never as a link."""
    source = markdown_inline(citation["source_title"] or citation["source"])
    claimant = citation.get("claimant")
    reported = f"{markdown_inline(claimant)}, as reported in " if claimant else ""
    address = citation.get("source_url") or ""
    url = f" <{address}>" if _WEB_URL.fullmatch(address) else ""
    if address and not url:
        url = f" ({markdown_inline(address)})"
    quote = markdown_inline(citation["quote"])
    return f"[^{number}]: {reported}*{source}*{url}: “{quote}”"
