"""Records as plain dicts: the JSON contract and the flat rows CSV, TSV and tables are made of.

Key order here is the order of every output. Flat rows put the first citation in
`source`/`claimant`/`quote` columns; `citations` holds all of them in JSON-like formats.
"""

from typing import TYPE_CHECKING, Any, Literal

from axiscli.dates import when
from axiscli.render.values import format_rate, format_value
from axiscli.series import Per, rate, reverse_relations

if TYPE_CHECKING:
    from axiscli.catalog import Catalog
    from axiscli.model import Assessment, Citation, Event, Figure, Individual

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
    "people",
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
    "magnitude",
    "equivalent_to",
    "updates",
    "disputes",
    "citations",
)
# An assessment: `likelihood` as its text writes it, `likelihood_level` its step (1..7, null
# for a word the ICD 203 scale has no step for) and `likelihood_term` the scale's term for it.
ASSESSMENT_FIELDS = (
    "type",
    "id",
    "kind",
    "statement",
    "subject",
    "dyad",
    "people",
    "holder",
    "likelihood",
    "likelihood_level",
    "likelihood_term",
    "horizon",
    "horizon_text",
    "tags",
    "rests_on",
    "disputes",
    "citations",
)
# With a rate (`axis figure --per year`), after `value_text`: the rate, and what it is per.
RATE_FIELDS = ("rate", "per")
FIRST_CITATION_FIELDS = ("source", "source_title", "claimant", "quote")
FLAT_EXTRA_FIELDS = ("when", "headline", *FIRST_CITATION_FIELDS)
RATE_EXTRA_FIELDS = ("rate_text",)


def figure_fields(per: Per | None = None) -> tuple[str, ...]:
    """A figure's fields in their order; with `per`, the rate's fields after `value_text`."""
    if per is None:
        return FIGURE_FIELDS
    at = FIGURE_FIELDS.index("value_text") + 1
    return (*FIGURE_FIELDS[:at], *RATE_FIELDS, *FIGURE_FIELDS[at:])


def citation_dict(citation: "Citation", catalog: "Catalog") -> dict[str, Any]:
    source = catalog.sources[citation.source]
    return {
        "source": citation.source,
        "source_title": source.title,
        "source_publisher": source.publisher,
        "source_url": source.url,
        "claimant": citation.claimant,
        "quote": citation.quote,
    }


def record_kind(record: "Event | Figure | Assessment") -> Literal["event", "figure", "assessment"]:
    fields = type(record).model_fields
    if "statement" in fields:
        return "assessment"
    return "figure" if "metric" in fields else "event"


def assessment_dict(assessment: "Assessment", catalog: "Catalog") -> dict[str, Any]:
    """Every field of an assessment (subject and dyad by actor code), with its likelihood's
    level and term on the ICD 203 scale and enriched citations."""
    from axiscli.catalog import with_codes
    from axiscli.likelihood import scale_term

    record = with_codes(assessment, catalog.names)
    values = {name: getattr(record, name) for name in type(record).model_fields}
    values["type"] = "assessment"
    values["likelihood_level"] = level = record.likelihood_level
    values["likelihood_term"] = scale_term(level)
    values["citations"] = [citation_dict(c, catalog) for c in record.citations]
    return {name: values[name] for name in ASSESSMENT_FIELDS}


def record_dict(
    record: "Event | Figure | Assessment", catalog: "Catalog", per: Per | None = None
) -> dict[str, Any]:
    """Every field of a record, derived `start`/`end` and enriched citations included; with
    `per`, a figure's `rate` over its period (null where it covers none) and `per`."""
    from axiscli.model import Assessment, Figure

    if isinstance(record, Assessment):
        return assessment_dict(record, catalog)

    # The fields as `model_dump` gives them (they hold no models, citations aside), read
    # directly: a compile does this for every record, and model_dump takes seven times as long.
    values = {name: getattr(record, name) for name in type(record).model_fields}
    values["type"] = record_kind(record)
    values["start"] = record.start.isoformat() if record.start else None
    values["end"] = record.end.isoformat() if record.end else None
    values["citations"] = [citation_dict(c, catalog) for c in record.citations]
    if not isinstance(record, Figure):
        return {name: values[name] for name in EVENT_FIELDS}
    values["value_text"] = format_value(record)
    if per is not None:
        over = rate(record, per)
        values["rate"] = round(over.amount, 4) if over else None
        values["per"] = str(per)
    return {name: values[name] for name in figure_fields(per)}


def flat_dict(
    record: "Event | Figure | Assessment", catalog: "Catalog", per: Per | None = None
) -> dict[str, Any]:
    """`flatten` of the record's `record_dict`; with `per`, a figure's `rate_text` (the rate as
    people write it) is its headline's value."""
    from axiscli.model import Assessment, Figure

    values = record_dict(record, catalog, per)
    if isinstance(record, Assessment):
        return flatten(values, assessment_when(record.horizon, record.horizon_text))
    rate_text = None
    if per is not None and isinstance(record, Figure):
        rate_text = format_rate(record, rate(record, per))
    return flatten(values, when(record.date, record.date_text), rate_text)


def flatten(values: dict[str, Any], when_text: str, rate_text: str | None = None) -> dict[str, Any]:
    """A `record_dict` with, besides its fields, `when` (its sortable date and the text's
    wording), `headline` (an event's title, a figure's value and label) and the first
    citation's source, claimant and quote in their own keys, for one-row-per-record formats."""
    first = values["citations"][0]
    values["when"] = when_text
    if values["type"] == "event":
        values["headline"] = values["title"]
    elif values["type"] == "assessment":
        values["headline"] = values["statement"]
        values["actors"] = list(dict.fromkeys([*values["subject"], *(values["dyad"] or ())]))
    else:
        if rate_text is not None:
            values["rate_text"] = rate_text
        shown = values["value_text"] if rate_text is None else rate_text
        values["headline"] = f"{shown} {values['label']}"
    values.update({name: first[name] for name in FIRST_CITATION_FIELDS})
    return values


def assessment_when(horizon: str | None, horizon_text: str | None) -> str:
    """An assessment's When: its horizon and the text's words for it, or nothing."""
    if horizon is None:
        return " ".join(horizon_text.split()) if horizon_text else ""
    return when(horizon, horizon_text)


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
ACTOR_FIELDS = (
    "code",
    "name",
    "kind",
    "aliases",
    "native_names",
    "events",
    "figures",
    "assessments",
)
# `axis people`: a person of the registry, with how many events and assessments name them.
PERSON_FIELDS = (
    "id",
    "name",
    "aliases",
    "native_names",
    "country",
    "roles",
    "events",
    "assessments",
)


def person_dict(person: "Individual", events: int, assessments: int) -> dict[str, Any]:
    """A person of the registry with how many events and assessments name them."""
    values = person.model_dump()
    return {**values, "events": events, "assessments": assessments}


def source_dict(catalog: "Catalog", source_id: str) -> dict[str, Any]:
    """A source with how many records and citations rest on it."""
    records: tuple[Event | Figure | Assessment, ...] = (
        *catalog.events,
        *catalog.figures,
        *catalog.assessments,
    )
    citing = [[c for c in record.citations if c.source == source_id] for record in records]
    values = catalog.sources[source_id].model_dump()
    values["records"] = sum(1 for found in citing if found)
    values["citations"] = sum(len(found) for found in citing)
    return values


def actor_dict(catalog: "Catalog", code: str) -> dict[str, Any]:
    """An actor with how many events and figures involve it."""
    values = catalog.actors[code].model_dump()
    values["events"] = sum(code in event.actors for event in catalog.events)
    values["figures"] = sum(code in figure.actors for figure in catalog.figures)
    values["assessments"] = sum(code in judged_actors(a) for a in catalog.assessments)
    return values


def judged_actors(assessment: "Assessment") -> list[str]:
    """The actors an assessment is about: its subject, then the sides of its dyad."""
    return list(dict.fromkeys([*assessment.subject, *(assessment.dyad or ())]))


def relation_marks(row: dict[str, Any]) -> list[str]:
    """A figure's relations as its headline notes them: "≡ equivalent of ID", "updates ID",
    "disputes ID"."""
    marks = [f"≡ equivalent of {other}" for other in row.get("equivalent_to") or ()]
    if row.get("updates"):
        marks.append(f"updates {row['updates']}")
    marks += [f"disputes {other}" for other in row.get("disputes") or ()]
    return marks


def detail_dict(record: "Event | Figure", catalog: "Catalog") -> dict[str, Any]:
    """A record as `axis show` lists it: `flat_dict`, and for a figure, after its own relations,
    the figures that name it in theirs (`updated by`, `equivalent of`, `disputed by`)."""
    values = flat_dict(record, catalog)
    if values["type"] == "event":
        return values
    return with_reverse_relations(values, reverse_relations(catalog.figures, record.id))


def with_reverse_relations(values: dict[str, Any], reverse: dict[str, list[str]]) -> dict[str, Any]:
    """A figure's flat row with the figures naming it in their relations after its own."""
    keys = list(values)
    at = keys.index("disputes") + 1
    return {
        **{key: values[key] for key in keys[:at]},
        **reverse,
        **{key: values[key] for key in keys[at:]},
    }
