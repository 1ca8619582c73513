"""Sources as CSL items (the data every citation style formats), as CSL-JSON and as BibTeX.

Only what a source states goes in: no invented dates, authors or addresses. A text with no title
is named by its curator's `description`: as the CSL `genre` (APA prints it as `[Description]`,
Chicago and MLA as a plain phrase in the title's place) or, for a style that does not read
`genre` there, as a bracketed title.
"""

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal

from axiscli.dates import Point, Precision, parse_edtf
from axiscli.model import Person, Source
from axiscli.render.safe import escape_markdown as escape_markdown

Untitled = Literal["genre", "title"]
CslItem = dict[str, Any]

# Untitled texts with no description still never show their internal id.
UNTITLED = "Untitled document"

_CSL_TYPES = {"report": "report", "official": "report", "dataset": "dataset"}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def csl_item(source: Source, *, untitled: Untitled = "genre") -> CslItem:
    """The CSL-JSON item of `source`: id, type, title (or its description), authors, publisher,
    date and address, each only where the source states it."""
    item: CslItem = {"id": source.id, "type": _csl_type(source)}
    if source.title:
        item["title"] = source.title
    elif untitled == "genre":
        item["genre"] = source.description or UNTITLED
    else:
        item["title"] = f"[{source.description or UNTITLED}]"
    if source.authors:
        item["author"] = [_csl_name(person) for person in source.authors]
    if source.publisher:
        item["publisher"] = source.publisher
    if source.published:
        item["issued"] = _csl_date(source.published)
    if source.url:
        item["URL"] = source.url
    return item


def _csl_type(source: Source) -> str:
    if source.kind in _CSL_TYPES:
        return _CSL_TYPES[source.kind]
    return "webpage" if source.url else "document"


def _csl_name(person: Person) -> dict[str, str]:
    if person.literal:
        return {"literal": person.literal}
    name = {"family": person.family or ""}
    if person.given:
        name["given"] = person.given
    return name


def _csl_date(edtf: str) -> dict[str, Any]:
    span = parse_edtf(edtf)
    points = [point for point in (span.first, span.last) if point]
    if not span.is_interval:
        points = points[:1]
    date: dict[str, Any] = {"date-parts": [_date_parts(point) for point in points]}
    if span.approximate or span.uncertain:
        date["circa"] = True
    return date


def _date_parts(point: Point) -> list[int]:
    day = point.start
    if point.precision is Precision.DAY:
        return [day.year, day.month, day.day]
    if point.precision is Precision.MONTH:
        return [day.year, day.month]
    return [day.year]


def to_csl_json(items: Sequence[CslItem]) -> str:
    """A CSL-JSON array, as Zotero, pandoc and citeproc processors import it."""
    return json.dumps(list(items), ensure_ascii=False, indent=2) + "\n"


def to_bibtex(items: Iterable[CslItem]) -> str:
    """One `@misc` entry per item, keyed by source id, with every special character escaped and
    the title braced so that no style changes its case."""
    return "\n\n".join(_bibtex_entry(item) for item in items) + "\n"


def _bibtex_entry(item: CslItem) -> str:
    fields: list[tuple[str, str]] = []
    if "author" in item:
        fields.append(("author", " and ".join(_bibtex_name(name) for name in item["author"])))
    title = item.get("title") or f"[{item['genre']}]"
    fields.append(("title", f"{{{escape_bibtex(title)}}}"))
    if "publisher" in item:
        fields.append(("publisher", escape_bibtex(item["publisher"])))
    if "issued" in item:
        first = item["issued"]["date-parts"][0]
        fields.append(("year", str(first[0])))
        if len(first) > 1:
            fields.append(("month", _MONTHS[first[1] - 1]))
    if "URL" in item:
        url = item["URL"].replace("{", "%7B").replace("}", "%7D").replace(" ", "%20")
        fields.append(("url", url))
    body = ",\n".join(
        f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}"
        for name, value in fields
    )
    return f"@misc{{{item['id']},\n{body}\n}}"


def _bibtex_name(name: dict[str, str]) -> str:
    if "literal" in name:
        return f"{{{escape_bibtex(name['literal'])}}}"
    family = escape_bibtex(name["family"])
    return f"{family}, {escape_bibtex(name['given'])}" if "given" in name else family


def escape_bibtex(text: str) -> str:
    """`text` with BibTeX's special characters escaped; any other Unicode is kept as it is."""
    return "".join(_BIBTEX_SPECIAL.get(char, char) for char in text)


def escaped_item(value: Any, escape: Callable[[str], str]) -> Any:
    """A CSL item with every piece of store text in it passed through `escape` (its id, type
    and dates aside). The CSL processor's markup escapes only the style's own words: titles,
    names and addresses reach its output as they are."""
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, list):
        return [escaped_item(part, escape) for part in value]
    if isinstance(value, dict):
        return {
            key: part if key in ("id", "type", "issued") else escaped_item(part, escape)
            for key, part in value.items()
        }
    return value
