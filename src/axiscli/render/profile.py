"""An actor's profile (`axis show ACTOR`): a key/value view for people, one object for scripts,
one flat row for the row formats."""

from typing import TYPE_CHECKING

from rich.console import Group
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from axiscli.render import Format, Row, render_one, render_rows
from axiscli.render.safe import visible
from axiscli.stats import PROFILE_FIELDS

if TYPE_CHECKING:
    from rich.console import RenderableType

# The profile `axis show ACTOR` prints: `stats.actor_profile`, with the actor's names in their
# own scripts after its aliases, and the assessments about it last (`with_judgements`).
ACTOR_PROFILE_FIELDS = (
    *PROFILE_FIELDS[: PROFILE_FIELDS.index("aliases") + 1],
    "native_names",
    *PROFILE_FIELDS[PROFILE_FIELDS.index("aliases") + 1 :],
    "assessments",
)
# One row: each of the profile's first/last events becomes an id and its `when`.
FLAT_PROFILE_FIELDS = tuple(
    name
    for field in ACTOR_PROFILE_FIELDS
    for name in (
        (field, field.replace("_event", "_when")) if field.endswith("_event") else (field,)
    )
)
_IDENTITY = ("code", "name", "kind", "aliases", "events", "figures")


def with_judgements(profile: Row, native_names: list[Row], assessments: list[Row]) -> Row:
    """`profile` with the actor's native names after its aliases and its assessments last."""
    values = {**profile, "native_names": native_names, "assessments": assessments}
    return {name: values[name] for name in ACTOR_PROFILE_FIELDS}


def _event_cell(event: Row | None) -> Text:
    if event is None:
        return Text("none dated", style="dim")
    text = Text(visible(event["when"]), style="bold")
    text.append(f"  {visible(event['title'])}\n")
    return text.append(visible(event["id"]), style="dim")


def _claimants_cell(claimants: list[Row]) -> "RenderableType":
    if not claimants:
        return Text("none", style="dim")
    grid = Table.grid(padding=(0, 2))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(overflow="fold")
    for row in claimants:
        grid.add_row(str(row["records"]), Text(visible(row["claimant"])))
    return grid


def _judgements_cell(judgements: list[Row]) -> Text:
    if not judgements:
        return Text("none", style="dim")
    text = Text()
    for number, row in enumerate(judgements):
        if number:
            text.append("\n")
        text.append(f"{visible(row['kind'])}  ", style="yellow")
        text.append(f"{visible(row['holder'])}: ", style="bold")
        text.append(visible(row["statement"]))
        text.append(f"  {visible(row['id'])}", style="dim")
    return text


def profile_view(profile: Row) -> "RenderableType":
    """The profile as a key/value grid under a rule naming the actor; store text is shown with
    its control characters made visible, never interpreted as markup."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for name in _IDENTITY:
        value = profile[name]
        text = ", ".join(value) if isinstance(value, list) else str(value)
        grid.add_row(name, Text(visible(text)))
        if name == "aliases" and profile.get("native_names"):
            names = [f"{n['name']} ({n['lang']})" for n in profile["native_names"]]
            grid.add_row("native names", Text(visible(", ".join(names))))
    grid.add_row("first event", _event_cell(profile["first_event"]))
    grid.add_row("last event", _event_cell(profile["last_event"]))
    grid.add_row("metrics", Text(visible("\n".join(profile["metrics"])) or "none"))
    grid.add_row("claimants", _claimants_cell(profile["claimants"]))
    if "assessments" in profile:
        grid.add_row("assessments", _judgements_cell(profile["assessments"]))
    return Group(Rule(Text(f"actor {visible(profile['code'])}"), align="left"), grid)


def flat_profile(profile: Row) -> Row:
    """The profile as one row: first and last events by id and When, claimants as `name: n`."""
    first, last = profile["first_event"], profile["last_event"]
    return {
        **{name: profile[name] for name in _IDENTITY},
        "native_names": profile.get("native_names", []),
        "first_event": first["id"] if first else None,
        "first_when": first["when"] if first else None,
        "last_event": last["id"] if last else None,
        "last_when": last["when"] if last else None,
        "metrics": profile["metrics"],
        "claimants": [f"{row['claimant']}: {row['records']}" for row in profile["claimants"]],
        "assessments": [row["id"] for row in profile.get("assessments", [])],
    }


def render_profile(profile: Row, fmt: Format) -> "str | RenderableType":
    """The profile in `fmt`: one object for json/yaml, the view for people, else one flat row."""
    if fmt in (Format.json, Format.yaml) or fmt.is_view:
        return render_one(profile, fmt, (), view=profile_view)
    return render_rows([flat_profile(profile)], fmt, FLAT_PROFILE_FIELDS)
