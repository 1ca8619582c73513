"""Ready-to-paste citations of records and sources: quotes with their claimants, reference lists
in the official CSL styles, BibTeX and CSL-JSON.

- `text`, `markdown`: each quote of each record, its claimant "as reported in", then the
  source's APA reference; a source named on its own gives its reference.
- `apa`, `chicago`, `mla`, `harvard`: each quote with the style's in-text citation, then one
  reference list of every source named or cited, each once, in the style's order.
- `chicago-notes`: each quote with a note number, the notes, then the bibliography.
- `bibtex`, `csl-json`: the sources only, each once, for Zotero, pandoc and LaTeX.

The CSL processor (citeproc-py, in `cite_csl`) is imported only when a style needs it.
"""

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from axiscli.errors import NotFoundError, UsageError
from axiscli.model import Assessment, Event, Figure, Source
from axiscli.render.cite_data import (
    CslItem,
    Untitled,
    csl_item,
    escape_markdown,
    escaped_item,
    to_bibtex,
    to_csl_json,
)

if TYPE_CHECKING:
    from axiscli.catalog import Catalog


@dataclass(frozen=True)
class CslStyle:
    """An official style file and how its list is headed when quotes come before it."""

    file: str
    heading: str
    notes: bool = False
    untitled: Untitled = "genre"


CSL_STYLES = {
    "apa": CslStyle("apa.csl", "References"),
    "chicago": CslStyle("chicago-author-date.csl", "References"),
    "chicago-notes": CslStyle("chicago-notes-bibliography.csl", "Bibliography", notes=True),
    "mla": CslStyle("modern-language-association.csl", "Works Cited"),
    # Cite Them Right reads no `genre` for an untitled work: it gets a bracketed title.
    "harvard": CslStyle("harvard-cite-them-right.csl", "Reference list", untitled="title"),
}
QUOTE_STYLES = ("text", "markdown")
DATA_STYLES = ("bibtex", "csl-json")
STYLES = (*QUOTE_STYLES, *CSL_STYLES, *DATA_STYLES)
_QUOTE_REFERENCES = CSL_STYLES["apa"]


@dataclass(frozen=True)
class Cited:
    """What some ids name: the records, the sources named themselves, and every source named or
    cited, each once, in the order first met."""

    records: tuple[Event | Figure | Assessment, ...]
    named: tuple[Source, ...]
    sources: tuple[Source, ...]


def check_style(style: str) -> str:
    """`style` if it is one of STYLES; a UsageError listing them if not."""
    if style not in STYLES:
        raise UsageError(
            f"no citation style '{style}'", hint=f"styles: {', '.join(STYLES)}", field="style"
        )
    return style


def gather(catalog: "Catalog", ids: Iterable[str]) -> Cited:
    """The records and sources `ids` name, each once; NotFoundError for an id that is neither."""
    records: list[Event | Figure | Assessment] = []
    named: list[Source] = []
    sources: dict[str, Source] = {}
    for given in dict.fromkeys(ids):
        if given in catalog.sources:
            named.append(catalog.sources[given])
            sources.setdefault(given, catalog.sources[given])
            continue
        record: Event | Figure | Assessment
        try:
            record = catalog.record(given)
        except NotFoundError as error:
            judged = [a for a in catalog.assessments if a.id == given]
            if not judged:
                raise NotFoundError(
                    f"{error.message} (nor an assessment, nor a source with that id)"
                ) from None
            record = judged[0]
        records.append(record)
        for citation in record.citations:
            sources.setdefault(citation.source, catalog.sources[citation.source])
    return Cited(tuple(records), tuple(named), tuple(sources.values()))


def cite(catalog: "Catalog", ids: Iterable[str], style: str) -> str:
    """A citation of every record and source `ids` name, in `style` (one of STYLES)."""
    check_style(style)
    cited = gather(catalog, ids)
    if style == "bibtex":
        return to_bibtex(csl_item(source) for source in cited.sources)
    if style == "csl-json":
        return to_csl_json([csl_item(source) for source in cited.sources])
    if style in QUOTE_STYLES:
        return _quoted(cited, markdown=style == "markdown")
    return _with_references(cited, CSL_STYLES[style])


def _items(sources: Iterable[Source], style: CslStyle) -> list[CslItem]:
    return [csl_item(source, untitled=style.untitled) for source in sources]


def _quoted(cited: Cited, *, markdown: bool) -> str:
    from axiscli.render.cite_csl import format_csl

    items = _items(cited.sources, _QUOTE_REFERENCES)
    if markdown:
        items = [escaped_item(item, escape_markdown) for item in items]
    _, references = format_csl(
        _QUOTE_REFERENCES.file, items, markup="markdown" if markdown else "plain"
    )
    reference = dict(references)
    blocks = []
    for record in cited.records:
        for citation in record.citations:
            quote, claimant = citation.quote, citation.claimant
            if markdown:
                quote, claimant = escape_markdown(quote), claimant and escape_markdown(claimant)
            by = f"{claimant}, as reported in " if claimant else ""
            attribution = f"{by}{reference[citation.source]}"
            blocks.append(
                f"> “{quote}”\n\n— {attribution}" if markdown else f"“{quote}” — {attribution}"
            )
    blocks += [reference[source.id] for source in cited.named]
    return "\n\n".join(blocks) + "\n"


def _with_references(cited: Cited, style: CslStyle) -> str:
    from axiscli.render.cite_csl import format_csl

    citations = [citation for record in cited.records for citation in record.citations]
    cites = [
        [(c.source, f"{c.claimant}, as reported in " if c.claimant else "")] for c in citations
    ]
    if style.notes:  # a source named on its own gets a note too: the list may leave it out
        cites += [[(source.id, "")] for source in cited.named]
    rendered, references = format_csl(style.file, _items(cited.sources, style), cites)
    if style.notes:
        quotes = [f"“{c.quote}” [{n}]" for n, c in enumerate(citations, 1)]
        notes = _headed("Notes", [f"{n}. {note}" for n, note in enumerate(rendered, 1)])
        sections = ["\n\n".join(quotes), notes]
    else:
        sections = [
            "\n\n".join(f"“{c.quote}” {cite}" for c, cite in zip(citations, rendered, strict=True))
        ]
    entries = [text for _, text in references]
    sections.append(_headed(style.heading, entries) if any(sections) else "\n".join(entries))
    return "\n\n".join(section for section in sections if section) + "\n"


def _headed(heading: str, lines: Sequence[str]) -> str:
    return f"{heading}\n" + "\n".join(lines) if lines else ""


def read_ids(text: str) -> list[str]:
    """Ids from what a user piped in: the records or sources a `--json` listing printed (an
    array, one object, or JSON lines, each with an `id`), JSON strings, or bare ids a line each.
    """
    try:
        values = [json.loads(text)] if text.strip() else []
    except json.JSONDecodeError:
        values = [_read_line(line, number) for number, line in _lines(text)]
    ids = []
    for value in values:
        for entry in value if isinstance(value, list) else [value]:
            ids.append(_id_of(entry))
    return ids


def _lines(text: str) -> Iterable[tuple[int, str]]:
    return ((n, line.strip()) for n, line in enumerate(text.splitlines(), 1) if line.strip())


def _read_line(line: str, number: int) -> object:
    if line[0] in '[{"':
        try:
            return json.loads(line)
        except json.JSONDecodeError as error:
            raise UsageError(f"line {number} of the input is not JSON: {error.msg}") from None
    return line


def _id_of(entry: object) -> str:
    found = entry.get("id") if isinstance(entry, dict) else None
    if isinstance(found, str):
        return found
    if isinstance(entry, str) and entry.strip():
        return entry.strip()
    raise UsageError(
        f"cannot cite {json.dumps(entry, ensure_ascii=False)[:60]}: give ids, or records "
        "and sources with an `id`, such as a listing printed as JSON"
    )
