"""Ready-to-paste citations of a source, or of a record through the sources it cites."""

from axiscli.dates import parse_edtf
from axiscli.model import Citation, Event, Figure, Source

STYLES = ("text", "markdown", "apa", "chicago", "bibtex")


def _year(source: Source) -> str:
    return str(parse_edtf(source.published).start.year) if source.published else "n.d."  # type: ignore[union-attr]


def _title(source: Source) -> str:
    return source.title or f"[untitled document: {source.id}]"


def cite_source(source: Source, style: str) -> str:
    """A reference to `source` in `style`, with only the details the document states."""
    title, url = _title(source), source.url
    if style == "bibtex":
        fields = {
            "title": title,
            "author": source.author,
            "publisher": source.publisher,
            "year": _year(source) if source.published else None,
            "url": url,
            "note": f"axis source {source.id}",
        }
        body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields.items() if value)
        return f"@misc{{{source.id},\n{body}\n}}"
    if style == "apa":
        parts = [
            f"{source.author} ({_year(source)})." if source.author else None,
            f"{title}." if source.author else f"{title}. ({_year(source)}).",
            f"{source.publisher}." if source.publisher else None,
            url,
        ]
    elif style == "chicago":
        parts = [
            f"{source.author}." if source.author else None,
            f"“{title}.”",
            f"{source.publisher}," if source.publisher else None,
            f"{source.published or 'n.d.'}.",
            url,
        ]
    elif style == "markdown":
        name = f"[*{title}*]({url})" if url else f"*{title}*"
        parts = [
            f"{source.author}," if source.author else None,
            name,
            f"({source.publisher})" if source.publisher else None,
        ]
    else:
        parts = [
            f"{source.author}," if source.author else None,
            title,
            f"({source.publisher})" if source.publisher else None,
            url,
        ]
    return " ".join(part for part in parts if part)


def cite_record(record: Event | Figure, sources: dict[str, Source], style: str) -> str:
    """Each citation of `record`: the quote, who claimed it, and the source in `style`."""
    return "\n\n".join(_cite_one(c, sources[c.source], style) for c in record.citations)


def _cite_one(citation: Citation, source: Source, style: str) -> str:
    reference = cite_source(source, style)
    by = f"{citation.claimant}, as reported in " if citation.claimant else ""
    if style == "bibtex":
        return f"% {by}{source.id}: “{citation.quote}”\n{reference}"
    if style == "markdown":
        return f"> “{citation.quote}”\n\n— {by}{reference}"
    return f"“{citation.quote}” — {by}{reference}"
