"""Records as plain dicts: the JSON contract and the flat rows CSV, TSV and tables are made of.

Key order here is the order of every output. Flat rows put the first citation in
`source`/`claimant`/`quote` columns; `citations` holds all of them in JSON-like formats.
"""

from typing import Any, Literal

from axiscli.catalog import Catalog
from axiscli.dates import when
from axiscli.model import Citation, Event, Figure
from axiscli.render.values import format_value

EVENT_FIELDS = (
    "type",
    "id",
    "date",
    "date_text",
    "date_note",
    "start",
    "end",
    "title",
    "summary",
    "actors",
    "domain",
    "tags",
    "location",
    "citations",
)
FIGURE_FIELDS = (
    "type",
    "id",
    "metric",
    "label",
    "value",
    "unit",
    "qualifier",
    "low",
    "high",
    "value_text",
    "date",
    "date_text",
    "date_note",
    "start",
    "end",
    "actors",
    "tags",
    "note",
    "citations",
)
FIRST_CITATION_FIELDS = ("source", "source_title", "claimant", "quote")
FLAT_EXTRA_FIELDS = ("when", "headline", *FIRST_CITATION_FIELDS)


def citation_dict(citation: Citation, catalog: Catalog) -> dict[str, Any]:
    source = catalog.sources[citation.source]
    return {
        "source": citation.source,
        "source_title": source.title,
        "source_publisher": source.publisher,
        "source_url": source.url,
        "claimant": citation.claimant,
        "quote": citation.quote,
    }


def record_kind(record: Event | Figure) -> Literal["event", "figure"]:
    return "event" if isinstance(record, Event) else "figure"


def record_dict(record: Event | Figure, catalog: Catalog) -> dict[str, Any]:
    """Every field of a record, derived `start`/`end` and enriched citations included."""
    values = record.model_dump(exclude={"citations"})
    values["type"] = record_kind(record)
    values["start"] = record.start.isoformat() if record.start else None
    values["end"] = record.end.isoformat() if record.end else None
    values["citations"] = [citation_dict(c, catalog) for c in record.citations]
    if isinstance(record, Figure):
        values["value_text"] = format_value(record)
    fields = EVENT_FIELDS if isinstance(record, Event) else FIGURE_FIELDS
    return {name: values[name] for name in fields}


def flat_dict(record: Event | Figure, catalog: Catalog) -> dict[str, Any]:
    """A record with, besides its fields, `when` (its sortable date and the text's wording),
    `headline` (an event's title, a figure's value and label) and the first citation's source,
    claimant and quote in their own keys, for one-row-per-record formats."""
    values = record_dict(record, catalog)
    first = values["citations"][0]
    values["when"] = when(record.date, record.date_text)
    values["headline"] = (
        record.title if isinstance(record, Event) else f"{values['value_text']} {record.label}"
    )
    values.update({name: first[name] for name in FIRST_CITATION_FIELDS})
    return values


SOURCE_FIELDS = (
    "id",
    "title",
    "description",
    "authors",
    "publisher",
    "published",
    "url",
    "kind",
    "text_file",
    "notes",
    "records",
    "citations",
)
ACTOR_FIELDS = ("code", "name", "kind", "aliases", "events", "figures")


def source_dict(catalog: Catalog, source_id: str) -> dict[str, Any]:
    """A source with how many records and citations rest on it."""
    citing = [
        [c for c in record.citations if c.source == source_id]
        for record in (*catalog.events, *catalog.figures)
    ]
    values = catalog.sources[source_id].model_dump()
    values["records"] = sum(1 for found in citing if found)
    values["citations"] = sum(len(found) for found in citing)
    return values


def actor_dict(catalog: Catalog, code: str) -> dict[str, Any]:
    """An actor with how many events and figures involve it."""
    values = catalog.actors[code].model_dump()
    values["events"] = sum(code in event.actors for event in catalog.events)
    values["figures"] = sum(code in figure.actors for figure in catalog.figures)
    return values
