"""The export's tables of assessments and people (`tables` puts them among the others).

An assessment is a row of `assessments` (its likelihood word as the text writes it, with the
ICD 203 level and term computed from it), linked to the actors it is about (`assessment_subjects`,
and the two sides of a relationship it judges in `assessment_dyads`), the people it names, its
tags, the events and figures it rests on and the assessments it disputes; its citations are
rows of `citations`. A person is a row of `people`, with their roles (each cited, in
`role_citations`) and their names in their own scripts; actors' native-script names are in
`actor_native_names`. A link to a record the filters left out is left out too, so every
reference resolves.
"""

from collections.abc import Iterator
from typing import TYPE_CHECKING

from axiscli.export.columns import EDTF_PATTERN, Column, Reference, Row, Table, joined, link

if TYPE_CHECKING:
    from axiscli.export.selection import Selection
    from axiscli.model import Assessment, Individual, NativeName


def native_names_table(owner: str, key: str, owners: str) -> Table:
    """`{owner}_native_names`: each actor's or person's names in their own scripts."""
    return Table(
        f"{owner}_native_names",
        f"Each {owner}'s names in their own scripts (Korean, Chinese, Russian…), with where "
        "each comes from.",
        (
            Column(owner, "string", f"The {owner}.", required=True),
            Column("number", "integer", "Its place among the names, from 1.", required=True),
            Column("name", "string", "The name, in its script.", required=True),
            Column("lang", "string", "Its language (BCP 47: ko, zh-Hans, ru…).", required=True),
            Column(
                "source", "string", "Where it comes from: a page's address, or CLDR.", required=True
            ),
            Column("quote", "string", "The words of that page that give it."),
        ),  # fmt: skip
        (owner, "number"),
        (Reference((owner,), owners, (key,)),),
    )


PEOPLE_TABLES: tuple[Table, ...] = (
    Table(
        "people",
        "The people the records name: only what the texts state.",
        (
            Column("id", "string", "The person's id.", required=True),
            Column("name", "string", "The name as the texts write it.", required=True),
            Column("aliases", "string", "Other spellings the texts use, '; '-separated."),
            Column("country", "string", "Their country's actor code."),
        ),
        ("id",),
        (Reference(("country",), "actors", ("code",)),),
    ),
    native_names_table("person", "id", "people"),
    Table(
        "person_roles",
        "The positions the texts say each person holds or held.",
        (
            Column("person", "string", "The person.", required=True),
            Column("number", "integer", "Its place among the roles, from 1.", required=True),
            Column("title", "string", "The role, in the text's words.", required=True),
            Column(
                "date", "string", "When (EDTF), as precisely as the text.", pattern=EDTF_PATTERN
            ),
            Column("date_text", "string", "The text's own wording of the date."),
        ),  # fmt: skip
        ("person", "number"),
        (Reference(("person",), "people", ("id",)),),
    ),
    Table(
        "role_citations",
        "Where each role comes from: a verbatim quote of a source.",
        (
            Column("person", "string", "The person.", required=True),
            Column("role", "integer", "The role's number.", required=True),
            Column(
                "number", "integer", "Its place among the role's citations, from 1.", required=True
            ),
            Column("source", "string", "The source quoted.", required=True),
            Column("quote", "string", "The verbatim quote.", required=True),
            Column("claimant", "string", "Who the source says claims it."),
        ),  # fmt: skip
        ("person", "role", "number"),
        (
            Reference(("person", "role"), "person_roles", ("person", "number")),
            Reference(("source",), "sources", ("id",)),
        ),
    ),
)

ASSESSMENTS = Table(
    "assessments",
    "Judgements the texts make (motivations, constraints, strategies, characterisations, "
    "outlooks, recommendations), in store order, each with whose judgement it is.",
    (
        Column("id", "string", "The assessment's id.", required=True),
        Column("position", "integer", "Place in store order, from 1.", required=True),
        Column("statement", "string", "The judgement, restated faithfully.", required=True),
        Column(
            "kind",
            "string",
            "motivation, constraint, strategy, characterisation, outlook or recommendation.",
            required=True,
        ),
        Column("holder", "string", "Whose judgement, as the text names them.", required=True),
        Column("likelihood", "string", "The estimative word, verbatim ('likely', 'could')."),
        Column(
            "likelihood_level",
            "integer",
            "Its ICD 203 level, 1 (almost no chance) to 7 "
            "(almost certain); empty for a word off the scale.",
        ),
        Column("likelihood_term", "string", "The ICD 203 term of that level."),
        Column("horizon", "string", "When the holder looks to (EDTF).", pattern=EDTF_PATTERN),
        Column("horizon_text", "string", "The text's own words for the horizon."),
        Column("horizon_start", "date", "Earliest day the horizon can mean; empty if open."),
        Column("horizon_end", "date", "Latest day the horizon can mean; empty if open."),
    ),  # fmt: skip
    ("id",),
)

JUDGED_LINKS: tuple[Table, ...] = (
    link("event", "person", "id", "The people each event names.", name="event_people",
         other_table="people"),
    link("assessment", "actor", "code", "The actors each assessment is about.",
         name="assessment_subjects"),
    link("assessment", "actor", "code", "The two sides of the relationship an assessment "
         "judges.", name="assessment_dyads"),
    link("assessment", "person", "id", "The people each assessment is about.",
         name="assessment_people", other_table="people"),
    link("assessment", "tag", "tag", "The tags of each assessment."),
    link("assessment", "event", "id", "The events the text gives as evidence for each "
         "assessment (rests_on).", name="assessment_events"),
    link("assessment", "figure", "id", "The figures the text gives as evidence for each "
         "assessment (rests_on).", name="assessment_figures"),
    Table(
        "assessment_disputes",
        "Assessments that contest others: `assessment` disputes `target`.",
        (
            Column("assessment", "string", "The assessment.", required=True),
            Column("target", "string", "The assessment it disputes.", required=True),
        ),
        ("assessment", "target"),
        (
            Reference(("assessment",), "assessments", ("id",)),
            Reference(("target",), "assessments", ("id",)),
        ),
    ),
)  # fmt: skip


def people_rows(selection: "Selection") -> dict[str, list[Row]]:
    """The rows of PEOPLE_TABLES: the people the selected records name."""
    people = selection.named_people()
    return {
        "people": [(p.id, p.name, joined(p.aliases), p.country) for p in people],
        "person_native_names": list(native_name_rows((p.id, p.native_names) for p in people)),
        "person_roles": [
            (p.id, n, role.title, role.date, role.date_text)
            for p in people
            for n, role in enumerate(p.roles, start=1)
        ],
        "role_citations": list(_role_citations(people)),
    }


def native_name_rows(owners: "Iterator[tuple[str, list[NativeName]]]") -> Iterator[Row]:
    """(owner, number, name, lang, source, quote) for each native-script name."""
    for owner, names in owners:
        for n, native in enumerate(names, start=1):
            yield (owner, n, native.name, native.lang, native.source, native.quote)


def _role_citations(people: "list[Individual]") -> Iterator[Row]:
    for person in people:
        for role_number, role in enumerate(person.roles, start=1):
            for n, citation in enumerate(role.citations, start=1):
                yield (person.id, role_number, n, citation.source, citation.quote,
                       citation.claimant)  # fmt: skip


def judged_rows(selection: "Selection") -> dict[str, list[Row]]:
    """The rows of ASSESSMENTS and JUDGED_LINKS."""
    judged = selection.assessments
    events = {event.id for event in selection.events}
    figures = {figure.id for figure in selection.figures}
    exported = {assessment.id for assessment in judged}
    named = {person.id for person in selection.named_people()}
    return {
        "assessments": [_assessment_row(n, a) for n, a in enumerate(judged, start=1)],
        "event_people": [
            (e.id, p) for e in selection.events for p in dict.fromkeys(e.people) if p in named
        ],
        "assessment_subjects": [(a.id, c) for a in judged for c in dict.fromkeys(a.subject)],
        "assessment_dyads": [(a.id, c) for a in judged for c in dict.fromkeys(a.dyad or ())],
        "assessment_people": [
            (a.id, p) for a in judged for p in dict.fromkeys(a.people) if p in named
        ],
        "assessment_tags": [(a.id, t) for a in judged for t in dict.fromkeys(a.tags)],
        "assessment_events": [
            (a.id, r) for a in judged for r in dict.fromkeys(a.rests_on) if r in events
        ],
        "assessment_figures": [
            (a.id, r) for a in judged for r in dict.fromkeys(a.rests_on) if r in figures
        ],
        "assessment_disputes": [
            (a.id, t) for a in judged for t in dict.fromkeys(a.disputes) if t in exported
        ],
    }


def _assessment_row(position: int, assessment: "Assessment") -> Row:
    from axiscli.likelihood import scale_term

    level = assessment.likelihood_level
    span = assessment.span
    start = span.start.isoformat() if span and span.start else None
    end = span.end.isoformat() if span and span.end else None
    return (
        assessment.id,
        position,
        assessment.statement,
        assessment.kind,
        assessment.holder,
        assessment.likelihood,
        level,
        scale_term(level),
        assessment.horizon,
        assessment.horizon_text,
        start,
        end,
    )
