"""Add, replace and remove one record in a store file's text, leaving every other byte alone.

A store file is a YAML block list of records. A record's text runs from the line of its `- `
to its last line of content: blank lines after it, and comments at the start of a line just
before the next record (a heading for what follows), are not part of it. Splicing whole lines
at those boundaries keeps every comment, blank line, key order and quoting style of the rest
of the file byte for byte, which no YAML round trip promises.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

# A file that says it holds no records: `[]`, perhaps with a comment after it.
_EMPTY_LIST = re.compile(r"^[ \t]*\[[ \t]*\][ \t]*(#.*)?(?:\n|\Z)", re.MULTILINE)


@dataclass(frozen=True)
class Span:
    """Where one record's text lies in the file's text: `text[start:end]`."""

    start: int
    end: int


def record_spans(text: str, starts: list[int]) -> list[Span]:
    """The span of each record, given where each record's node starts (`yaml_io.Parsed`)."""
    beginnings = [_line_of_dash(text, start) for start in starts]
    ends = [*beginnings[1:], len(text)][: len(beginnings)]
    return [
        Span(begin, _content_end(text, begin, end))
        for begin, end in zip(beginnings, ends, strict=True)
    ]


def _line_of_dash(text: str, start: int) -> int:
    """The start of the line holding the `-` that opens the record whose node starts here."""
    line = text.rfind("\n", 0, start) + 1
    while not text[line:start].lstrip().startswith("-") and line > 0:
        line = text.rfind("\n", 0, line - 1) + 1
    return line


def _content_end(text: str, begin: int, end: int) -> int:
    """The end of the last line in `text[begin:end]` that belongs to the record."""
    lines = text[begin:end].splitlines(keepends=True)
    while len(lines) > 1 and (not lines[-1].strip() or lines[-1].startswith("#")):
        lines.pop()
    return begin + sum(len(line) for line in lines)


def separator(text: str, spans: list[Span]) -> int:
    """How many blank lines to put before a new record: as many as stand before the file's
    last record (above its heading comment, if it has one), or one where a lone record has
    none; none in a file with no record yet, so that removing the record it gets gives back
    the file as it was."""
    if not spans:
        return 0
    lines = _lines_before(text, spans[-1].start)
    line = next(lines, None)
    while line is not None and line.startswith("#"):
        line = next(lines, None)  # a heading comment for the record: the blank lines are before it
    blanks = 0
    while line is not None and not line.strip():
        blanks += 1
        line = next(lines, None)
    return blanks if len(spans) > 1 or blanks else 1


def _lines_before(text: str, end: int) -> Iterator[str]:
    """The lines of `text[:end]`, last first: read back from `end`, only as far as asked, so
    that appending many records does not split the whole file for each one."""
    while end > 0:
        begin = text.rfind("\n", 0, end - 1) + 1
        yield text[begin:end].rstrip("\r\n")
        end = begin


def append(text: str, spans: list[Span], record: str) -> str:
    """`text` with `record` (the YAML of one list item, ending in a newline) added at the end."""
    if not spans:
        # `[]` would make the file a flow list; a comment after it stays, on its own line.
        text = _EMPTY_LIST.sub(lambda empty: f"{empty[1]}\n" if empty[1] else "", text, count=1)
    if text and not text.endswith("\n"):
        text += "\n"
    if text.isspace() or not text:
        return text + record
    trailing = len(text) - len(text.rstrip("\n")) - 1
    blanks = max(separator(text, spans) - max(trailing, 0), 0)
    return text + "\n" * blanks + record


def replace(text: str, span: Span, record: str) -> str:
    """`text` with the record at `span` replaced by `record` (ending in a newline)."""
    tail = text[span.end :]
    if not text[span.start : span.end].endswith("\n") and not tail:
        record = record.removesuffix("\n")
    return text[: span.start] + record + tail


def remove(text: str, spans: list[Span], index: int) -> str:
    """`text` without the record `index`, and without the blank lines that set it apart: those
    before it when it is the last record, else those after it. (Before a last record, only as
    many as `append` would have put there: blank lines the file ended with before the record
    was added stay, so that adding a record and removing it gives back the same bytes.)"""
    span = spans[index]
    start, end = span.start, span.end
    if index == len(spans) - 1 and index > 0:
        head = text[:start]
        blanks = head.count("\n", len(head.rstrip("\n")) + 1) if head.strip() else 0
        if blanks <= separator(text, spans[:index]):
            start = len(head.rstrip("\n")) + 1 if head.strip() else 0
            start = min(start, span.start)
    else:
        following = spans[index + 1].start if index + 1 < len(spans) else len(text)
        gap = text[end:following]
        end += len(gap) - len(gap.lstrip("\n"))
    return text[:start] + text[end:]
