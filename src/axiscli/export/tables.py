"""The relational tables of an export, declared once: `sqlite` makes them SQL tables,
`datapackage` CSV files with a Table Schema each.

A selection becomes plain rows (text, whole and decimal numbers, booleans, None): its events
and figures in timeline order and its assessments in store order (`judged_tables`), their
citations, what they link to (actors, people, tags, figures they relate to), and the sources,
actors and people they cite, involve or name. A relation to a figure the filters left out is
left out too, so every reference resolves.
"""

from collections.abc import Iterator, Sequence
from itertools import count
from typing import TYPE_CHECKING

from axiscli.dates import when
from axiscli.export.columns import EDTF_PATTERN, Column, Reference, Row, Table, joined, link
from axiscli.export.judged_tables import (
    ASSESSMENTS,
    JUDGED_LINKS,
    PEOPLE_TABLES,
    judged_rows,
    native_name_rows,
    native_names_table,
    people_rows,
)

if TYPE_CHECKING:
    from axiscli.export.selection import Selection
    from axiscli.model import Assessment, Dated, Event, Figure

RELATIONS = ("updates", "equivalent_to", "disputes")


_DATED = (
    Column("date", "string", "The date as stored (EDTF), empty if the text gives none.",
           pattern=EDTF_PATTERN),
    Column("date_text", "string", "The text's own wording of the date."),
    Column("date_note", "string", "What an undated record's text implies about its date."),
    Column("when", "string", "The date as listings print it, e.g. '2025~ · early 2025'.",
           required=True),
    Column("anchor_start", "date", "First day the date names (X for 'since X', 'by X')."),
    Column("anchor_end", "date", "Last day the date names."),
    Column("span_start", "date", "Earliest day the date can mean; empty if open."),
    Column("span_end", "date", "Latest day the date can mean; empty if open."),
    Column("precision", "string", "day, month or year: how precise the anchor's start is."),
    Column("approximate", "boolean", "The date is approximate (~)."),
    Column("uncertain", "boolean", "The date is uncertain (?)."),
)  # fmt: skip
_ORDER = Column("position", "integer", "Place in timeline order, from 1.", required=True)

TABLES: tuple[Table, ...] = (
    Table(
        "sources",
        "The documents the records quote: only what each states.",
        (
            Column("id", "string", "The source's id.", required=True),
            Column("title", "string", "Its title."),
            Column("description", "string", "What an untitled text is."),
            Column("authors", "string", "Its authors, '; '-separated ('Family, Given')."),
            Column("publisher", "string", "Its publisher."),
            Column("published", "string", "Its date (EDTF).", pattern=EDTF_PATTERN),
            Column("url", "string", "Its address."),
            Column("kind", "string", "analysis, commentary, news, …", required=True),
            Column("notes", "string", "The curator's notes."),
        ),
        ("id",),
    ),
    Table(
        "actors",
        "The states, organisations and groups the records involve.",
        (
            Column("code", "string", "The actor's code.", required=True),
            Column("name", "string", "Its name.", required=True),
            Column("kind", "string", "state, organisation, …", required=True),
            Column("aliases", "string", "Other names for it, '; '-separated."),
        ),
        ("code",),
    ),
    native_names_table("actor", "code", "actors"),
    *PEOPLE_TABLES,
    Table(
        "tags",
        "The tags the records carry.",
        (Column("tag", "string", "The tag.", required=True),),
        ("tag",),
    ),
    Table(
        "events",
        "Events, in timeline order (undated last).",
        (
            Column("id", "string", "The event's id.", required=True),
            _ORDER,
            *_DATED,
            Column("title", "string", "Its title.", required=True),
            Column("summary", "string", "What happened.", required=True),
            Column("domain", "string", "diplomatic, military, …", required=True),
            Column("location", "string", "Where."),
        ),
        ("id",),
    ),
    Table(
        "figures",
        "Figures, metric by metric, each in date order.",
        (
            Column("id", "string", "The figure's id.", required=True),
            _ORDER,
            Column("metric", "string", "What it measures, e.g. troops.prk-in-rus.", required=True),
            Column("label", "string", "Its label.", required=True),
            Column("value", "number", "The number, in base units; empty for a magnitude word."),
            Column("magnitude", "string", "The text's word for a vague number ('thousands')."),
            Column("unit", "string", "The unit.", required=True),
            Column("qualifier", "string", "exact, about, at least, …", required=True),
            Column("low", "number", "Lower bound."),
            Column("high", "number", "Upper bound."),
            Column("amount", "number", "The value, else a bound: what it sorts by.", required=True),
            Column("note", "string", "The curator's note."),
            *_DATED,
        ),
        ("id",),
    ),
    ASSESSMENTS,
    Table(
        "citations",
        "Each record's citations: a verbatim quote of a source and who it says claims it.",
        (
            Column("id", "integer", "The citation's number.", required=True),
            Column("event", "string", "The event citing it (or empty)."),
            Column("figure", "string", "The figure citing it (or empty)."),
            Column("assessment", "string", "The assessment citing it (or empty)."),
            Column(
                "number",
                "integer",
                "Its place among the record's citations, from 1.",
                required=True,
            ),
            Column("source", "string", "The source quoted.", required=True),
            Column("quote", "string", "The verbatim quote.", required=True),
            Column("claimant", "string", "Who the source says claims it."),
        ),  # fmt: skip
        ("id",),
        (
            Reference(("event",), "events", ("id",)),
            Reference(("figure",), "figures", ("id",)),
            Reference(("assessment",), "assessments", ("id",)),
            Reference(("source",), "sources", ("id",)),
        ),
        one_of=("event", "figure", "assessment"),
    ),
    link("event", "actor", "code", "Which actors each event involves."),
    link("figure", "actor", "code", "Which actors each figure involves."),
    link("event", "tag", "tag", "The tags of each event."),
    link("figure", "tag", "tag", "The tags of each figure."),
    Table(
        "relations",
        "Figures about the same quantity: `figure` updates, is equivalent to or disputes `target`.",
        (
            Column("figure", "string", "The figure.", required=True),
            Column("relation", "string", "updates, equivalent_to or disputes.", required=True),
            Column("target", "string", "The figure it names.", required=True),
        ),
        ("figure", "relation", "target"),
        (
            Reference(("figure",), "figures", ("id",)),
            Reference(("target",), "figures", ("id",)),
        ),
    ),
    *JUDGED_LINKS,
)


def table_rows(selection: "Selection") -> dict[str, list[Row]]:
    """Every table's rows for `selection`, in the order of `TABLES`."""
    events, figures = selection.events, selection.figures
    records: Sequence[Dated] = (*events, *figures)
    involved = selection.involved_actors()
    tags = {tag for record in records for tag in record.tags}
    tags.update(tag for judged in selection.assessments for tag in judged.tags)
    exported = {figure.id for figure in figures}
    actors = [actor for actor in selection.actors.values() if actor.code in involved]
    rows: dict[str, list[Row]] = {
        "sources": [
            (s.id, s.title, s.description, joined(map(str, s.authors)), s.publisher,
             s.published, s.url, s.kind, s.notes)
            for s in selection.cited_sources()
        ],
        "actors": [(a.code, a.name, a.kind, joined(a.aliases)) for a in actors],
        "actor_native_names": list(native_name_rows((a.code, a.native_names) for a in actors)),
        **people_rows(selection),
        "tags": [(tag,) for tag in sorted(tags)],
        "events": [
            (e.id, n, *date_columns(e), e.title, e.summary, e.domain, e.location)
            for n, e in enumerate(events, start=1)
        ],
        "figures": [
            (f.id, n, f.metric, f.label, f.value, f.magnitude, f.unit, f.qualifier, f.low,
             f.high, f.amount, f.note, *date_columns(f))
            for n, f in enumerate(figures, start=1)
        ],
        "citations": list(_citations(selection)),
        "event_actors": [(e.id, a) for e in events for a in dict.fromkeys(e.actors)],
        "figure_actors": [(f.id, a) for f in figures for a in dict.fromkeys(f.actors)],
        "event_tags": [(e.id, t) for e in events for t in dict.fromkeys(e.tags)],
        "figure_tags": [(f.id, t) for f in figures for t in dict.fromkeys(f.tags)],
        "relations": [
            (figure.id, relation, target)
            for figure in figures
            for relation, target in dict.fromkeys(figure_relations(figure))
            if target in exported
        ],
        **judged_rows(selection),
    }  # fmt: skip
    return {table.name: rows[table.name] for table in TABLES}


def date_columns(record: "Dated") -> Row:
    """The `_DATED` columns of a record."""
    span = record.span
    if span is None:
        return (None, record.date_text, record.date_note, when(None, record.date_text),
                None, None, None, None, None, None, None)  # fmt: skip
    anchor_start, anchor_end = span.anchor
    return (
        record.date,
        record.date_text,
        record.date_note,
        when(record.date, record.date_text),
        anchor_start.isoformat(),
        anchor_end.isoformat(),
        span.start.isoformat() if span.start else None,
        span.end.isoformat() if span.end else None,
        str(span.precision),
        span.approximate,
        span.uncertain,
    )


def figure_relations(figure: "Figure") -> Iterator[tuple[str, str]]:
    """(relation, target) for every figure `figure` names: updates, equivalent_to, disputes."""
    if figure.updates:
        yield "updates", figure.updates
    for target in figure.equivalent_to:
        yield "equivalent_to", target
    for target in figure.disputes:
        yield "disputes", target


def _citations(selection: "Selection") -> Iterator[Row]:
    """Numbered in record order (events, figures, assessments); each names its record."""
    owners: list[tuple[tuple[str | None, ...], Event | Figure | Assessment]] = [
        *(((event.id, None, None), event) for event in selection.events),
        *(((None, figure.id, None), figure) for figure in selection.figures),
        *(((None, None, judged.id), judged) for judged in selection.assessments),
    ]
    numbers = count(1)
    for (event, figure, judged), record in owners:
        for place, citation in enumerate(record.citations, start=1):
            yield (next(numbers), event, figure, judged, place, citation.source, citation.quote,
                   citation.claimant)  # fmt: skip
