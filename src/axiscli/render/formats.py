"""Text formats for scripts and memos: JSON, JSON Lines, CSV, TSV, Markdown, YAML and plain.

Each takes rows (dicts already cut to the chosen fields) and returns the whole text. PyYAML and
the csv module are imported only when their format is asked for.
"""

import io
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from axiscli.render.safe import visible

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
        if value and isinstance(value[0], dict) and "quote" not in value[0]:
            return "; ".join(map(_person_text, value))
        return (
            " | ".join(map(_citation_text, value))
            if value and isinstance(value[0], dict)
            else ";".join(map(str, value))
        )
    return str(value)


def _person_text(person: Row) -> str:
    """An author as `Lee, Seong-Hyon`, or an organisation's name."""
    parts = (person.get("family"), person.get("given"))
    return str(person.get("literal") or ", ".join(filter(None, parts)))


def _citation_text(citation: Row) -> str:
    claimant = f" ({citation['claimant']})" if citation.get("claimant") else ""
    return f"{citation['source']}: “{citation['quote']}”{claimant}"


def to_delimited(rows: Sequence[Row], fields: Sequence[str], delimiter: str = ",") -> str:
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(fields)
    writer.writerows([flat_value(row[name]) for name in fields] for row in rows)
    return buffer.getvalue()


def to_plain(rows: Sequence[Row], fields: Sequence[str]) -> str:
    """One record a line, tab-separated, no header: for grep, cut and awk. Control characters
    are written out (`\\x1b`) before runs of white space become one space."""
    return "".join(
        "\t".join(" ".join(visible(flat_value(row[name])).split()) for name in fields) + "\n"
        for row in rows
    )


def _md_cell(value: Any) -> str:
    return visible(flat_value(value)).replace("|", "\\|").replace("\n", " ")


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


def _footnote(number: int, citation: Row) -> str:
    source = citation["source_title"] or citation["source"]
    claimant = f"{citation['claimant']}, as reported in " if citation.get("claimant") else ""
    url = f" <{citation['source_url']}>" if citation.get("source_url") else ""
    return visible(f"[^{number}]: {claimant}*{source}*{url}: “{citation['quote']}”")
