"""Options shared by several commands, declared once."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from axiscli.cli.complete import complete_actor, complete_person, complete_source, complete_tag
from axiscli.render import Format
from axiscli.vocab import ASSESSMENT_KINDS, DOMAINS

# mypy cannot see the members of an Enum built from a tuple; Typer needs an Enum for a list option.
DomainChoice = StrEnum("DomainChoice", {name: name for name in DOMAINS})  # type: ignore[misc]
AssessmentKindChoice = StrEnum(  # type: ignore[misc]
    "AssessmentKindChoice", {name: name for name in ASSESSMENT_KINDS}
)


class Color(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


class FigureOrder(StrEnum):
    metric = "metric"
    date = "date"
    value = "value"


DataOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--data",
        "-d",
        metavar="DIR",
        help="Also read the store in DIR (repeatable; AXIS_DATA lists more, separated by ':').",
    ),
]
NoBundledOpt = Annotated[
    bool, typer.Option("--no-bundled", help="Leave out the store shipped with axis.")
]
TextsOpt = Annotated[
    Path | None,
    typer.Option(
        "--texts",
        metavar="DIR",
        envvar="AXIS_TEXTS",
        show_envvar=False,
        help="Check quotes verbatim against the source texts in DIR (default: AXIS_TEXTS).",
    ),
]
NoCacheOpt = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Read the store's files afresh, neither using nor writing the compiled index.",
    ),
]
ActorOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--actor",
        "-a",
        metavar="ACTOR",
        autocompletion=complete_actor,
        help="Records involving this actor: a code or any alias, in any script, e.g. DPRK, "
        "'North Korea', PRC, КНДР (repeat: all of them).",
    ),
]
AnyActorOpt = Annotated[
    bool,
    typer.Option(
        "--any-actor", help="With several --actor (or --person): records involving any of them."
    ),
]
PersonOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--person",
        "-p",
        metavar="PERSON",
        autocompletion=complete_person,
        help="Records naming this person: an id or any name, in any script, e.g. "
        "'Kim Jong Un', kim-jong-un, 김정은 (repeat: all of them).",
    ),
]
AssessmentKindOpt = Annotated[
    list[AssessmentKindChoice] | None,
    typer.Option(
        "--kind",
        "-k",
        metavar="KIND",
        help=f"Only judgements of this kind (repeatable): {', '.join(ASSESSMENT_KINDS)}.",
    ),
]
HolderOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--holder",
        metavar="NAME",
        help="Only judgements held by someone whose name holds these words, e.g. 'the author', "
        "Lowy, analysts (repeatable: any of them).",
    ),
]
LikelihoodOpt = Annotated[
    str | None,
    typer.Option(
        "--likelihood",
        "-l",
        metavar="LEVEL",
        help="Only judgements whose estimative word is at this step of the ICD 203 scale, or in "
        "a range A..B (either end open): likely, 'very likely..', ..unlikely, 4..6.",
    ),
]
SinceOpt = Annotated[
    str | None,
    typer.Option(
        "--since",
        metavar="DATE",
        help="From DATE on: 2023, 2023-06, "
        "'June 2024', 2024Q2, 'last year'; a partial date means all of it.",
    ),
]
UntilOpt = Annotated[
    str | None,
    typer.Option(
        "--until",
        metavar="DATE",
        help="Up to the end of DATE (--until 2024 runs through 31 Dec 2024).",
    ),
]
OverlapOpt = Annotated[
    bool,
    typer.Option(
        "--overlap",
        help="Also keep records whose imprecise or open date merely overlaps --since/--until "
        "(by default a record's date must lie inside them).",
    ),
]
TodayOpt = Annotated[
    str | None,
    typer.Option(
        "--today",
        metavar="DATE",
        help="Read 'last year' and the like relative to DATE instead of today.",
    ),
]
DomainOpt = Annotated[
    list[DomainChoice] | None,
    typer.Option(
        "--domain",
        metavar="DOMAIN",
        help=f"Only this domain (repeatable): {', '.join(DOMAINS)}.",
    ),
]
TagOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--tag",
        "-t",
        metavar="TAG",
        autocompletion=complete_tag,
        help="Only records with this tag (repeatable: any of them).",
    ),
]
SourceOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--source",
        "-s",
        metavar="SOURCE_ID",
        autocompletion=complete_source,
        help="Only records citing this source.",
    ),
]
ClaimantOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--claimant",
        "-c",
        metavar="NAME",
        help="Only records claimed by someone whose name contains this, e.g. CSIS, "
        "'U.S. officials'.",
    ),
]
GrepOpt = Annotated[
    str | None,
    typer.Option(
        "--grep", "-g", metavar="TEXT", help="Only records whose text or quotes contain TEXT."
    ),
]
LimitOpt = Annotated[
    int | None, typer.Option("--limit", "-n", metavar="N", min=1, help="Show at most N.")
]
ReverseOpt = Annotated[bool, typer.Option("--reverse", "-r", help="Newest first.")]
FormatOpt = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help=f"Output format: {', '.join(Format)}; the default is a table on a "
        "terminal and plain tab-separated lines in a pipe.",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Same as --format json.")]
FieldsOpt = Annotated[
    str | None,
    typer.Option(
        "--fields",
        metavar="A,B,C",
        help="Only these fields, in this order; '--fields list' shows the ones there are.",
    ),
]
ColorOpt = Annotated[
    Color,
    typer.Option(
        "--color",
        metavar="WHEN",
        help="Colour: auto (follows the terminal, NO_COLOR and TERM=dumb), always or never.",
    ),
]
