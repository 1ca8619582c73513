"""Rich views of judgements and people: the `axis assess` listing, `axis disputes` side by side,
and a person's profile (`axis show PERSON`). Store text goes through `cells.store_text`, so
neither control characters nor `[brackets]` act on the terminal or on Rich."""

from collections.abc import Sequence
from typing import Any

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from axiscli.render import Format, Row, render_one, render_rows
from axiscli.render.cells import store_text
from axiscli.render.safe import visible


def likelihood_text(row: Row) -> Text:
    """The estimative word as the text writes it, with its ICD 203 step: `likely (5/7)`;
    a word with no step stays as written, dim."""
    word = row.get("likelihood")
    if not word:
        return Text("—", style="dim")
    level = row.get("likelihood_level")
    if level is None:
        return store_text(word, "dim")
    return store_text(word, "bold").append(f" ({level}/7)", style="dim")


def _about(row: Row) -> Text:
    text = store_text(" ".join(row["subject"]), "yellow")
    if row.get("dyad"):
        text.append(f" ({visible(' ↔ '.join(row['dyad']))})", style="dim")
    return text


def _attribution(row: Row) -> Text:
    first = row["citations"][0]
    text = store_text(first["source_title"] or first["source"], "cyan")
    if first["claimant"]:
        text.append(f" — {visible(first['claimant'])}", style="magenta")
    if len(row["citations"]) > 1:
        text.append(f" (+{len(row['citations']) - 1} more)", style="dim")
    return text


def assessments_table(rows: Sequence[Row]) -> RenderableType:
    """Judgements one a block: kind, what it is about, holder and likelihood on the first line;
    indented beneath, the statement, the horizon and source, and the id (dim)."""
    parts: list[RenderableType] = []
    for number, row in enumerate(rows):
        if number:
            parts.append(Text())
        head = store_text(row["kind"], "bold yellow").append("  ")
        head.append_text(_about(row).copy()).append("  ")
        head.append(visible(row["holder"]), style="bold")
        if row.get("likelihood"):
            head.append("  ").append_text(likelihood_text(row))
        parts.append(head)
        body = [store_text(row["statement"]), _attribution(row), store_text(row["id"], "dim")]
        if row.get("when"):
            body.insert(1, store_text(row["when"], "green"))
        parts += [Padding(text, (0, 0, 0, 2)) for text in body]
    return Group(*parts)


def _side(row: Row | None) -> Text:
    if row is None:
        return Text("(not in the store)", style="dim")
    text = Text()
    if row["type"] == "assessment":
        text.append(f"{visible(row['holder'])}", style="bold").append(": ")
        text.append(visible(row["statement"]))
        if row.get("likelihood"):
            text.append("  ").append_text(likelihood_text(row))
    else:
        text.append(visible(row.get("headline") or row.get("title") or ""), style="bold")
    for citation in row["citations"]:
        text.append("\n“" + visible(" ".join(citation["quote"].split())) + "”", style="italic")
        text.append("\n  — ", style="magenta")
        if citation["claimant"]:
            text.append(f"{visible(citation['claimant'])}, ", style="magenta")
        text.append(visible(citation["source_title"] or citation["source"]), style="cyan")
    return text


# Below this width the two sides of a pair are stacked rather than set side by side.
_SIDE_BY_SIDE_MIN = 80


class _DisputesView:
    """Each disputing pair: a heading naming both records (ids whole, never cut), then the
    record and the one it contests, side by side where the terminal allows, else stacked."""

    def __init__(self, pairs: Sequence[Row]) -> None:
        self.pairs = pairs

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for number, pair in enumerate(self.pairs):
            if number:
                yield Text()
            disputed = pair["disputed"]
            heading = store_text(pair["type"], "bold").append("  ")
            heading.append_text(store_text(pair["record"]["id"], "dim"))
            heading.append("  disputes  ", style="yellow")
            heading.append_text(store_text(disputed["id"] if disputed else "?", "dim"))
            yield heading
            sides = (_side(pair["record"]), _side(disputed))
            if options.max_width < _SIDE_BY_SIDE_MIN:
                yield Padding(sides[0], (0, 0, 0, 2))
                yield Padding(Text("disputes", style="yellow"), (0, 0, 0, 2))
                yield Padding(sides[1], (0, 0, 0, 2))
                continue
            grid = Table.grid(padding=(0, 3), expand=True)
            grid.add_column(ratio=1)
            grid.add_column(ratio=1)
            grid.add_row(*sides)
            yield Padding(grid, (0, 0, 0, 2))


def disputes_view(pairs: Sequence[Row]) -> RenderableType:
    """Each disputing pair side by side: the record, and the one it contests."""
    return _DisputesView(pairs)


DISPUTE_FIELDS = (
    "type",
    "id",
    "holder",
    "quote",
    "disputes",
    "disputed_holder",
    "disputed_quote",
)


def flat_dispute(pair: Row) -> Row:
    """A pair as one row: each side's id, holder (an assessment's) or first claimant, quote."""

    def side(row: Row | None) -> tuple[Any, Any, Any]:
        if row is None:
            return None, None, None
        first = row["citations"][0]
        return row["id"], row.get("holder") or first["claimant"], first["quote"]

    own, other = side(pair["record"]), side(pair["disputed"])
    return dict(zip(DISPUTE_FIELDS, (pair["type"], *own, *other), strict=True))


def render_disputes(pairs: Sequence[Row], fmt: Format) -> "str | RenderableType":
    """The pairs in `fmt`: whole records side by side for json/yaml, the view for people,
    one flat row a pair for the row formats."""
    if fmt in (Format.json, Format.jsonl, Format.yaml):
        from axiscli.render import formats

        if fmt is Format.json:
            return formats.to_json(list(pairs))
        if fmt is Format.jsonl:
            return formats.to_jsonl(list(pairs))
        return formats.to_yaml(list(pairs))
    if fmt.is_view:
        return disputes_view(pairs)
    return render_rows([flat_dispute(pair) for pair in pairs], fmt, DISPUTE_FIELDS)


PERSON_PROFILE_FIELDS = (
    "id",
    "name",
    "aliases",
    "native_names",
    "country",
    "roles",
    "events",
    "assessments",
)


def _names_cell(names: list[Row]) -> Text:
    if not names:
        return Text("none", style="dim")
    text = Text()
    for number, native in enumerate(names):
        if number:
            text.append("\n")
        text.append(visible(native["name"]), style="bold").append(f" ({visible(native['lang'])})")
        text.append(f"  {visible(native['source'])}", style="dim")
        if native.get("quote"):
            text.append(f" “{visible(native['quote'])}”", style="dim")
    return text


def _roles_cell(roles: list[Row]) -> Text:
    if not roles:
        return Text("none the texts give", style="dim")
    text = Text()
    for number, role in enumerate(roles):
        if number:
            text.append("\n")
        text.append(visible(role["title"]), style="bold")
        dated = role.get("date_text") or role.get("date")
        if dated:
            text.append(f" · {visible(dated)}")
        for citation in role["citations"]:
            text.append(f"\n  “{visible(' '.join(citation['quote'].split()))}”", style="italic")
            text.append(f" — {visible(citation['source'])}", style="cyan")
    return text


def _records_cell(records: list[Row], headline: str) -> Text:
    if not records:
        return Text("none", style="dim")
    text = Text()
    for number, row in enumerate(records):
        if number:
            text.append("\n")
        if row.get("when"):
            text.append(f"{visible(row['when'])}  ", style="bold")
        if row.get("kind") and headline == "statement":
            text.append(f"{visible(row['kind'])}  ", style="yellow")
        text.append(visible(row[headline]))
        text.append(f"  {visible(row['id'])}", style="dim")
    return text


def person_view(profile: Row) -> RenderableType:
    """A person's profile as a key/value grid under a rule naming them."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row("id", store_text(profile["id"]))
    grid.add_row("name", store_text(profile["name"]))
    grid.add_row("aliases", store_text(", ".join(profile["aliases"]) or "none"))
    grid.add_row("native names", _names_cell(profile["native_names"]))
    grid.add_row("country", store_text(profile["country"] or "not given"))
    grid.add_row("roles", _roles_cell(profile["roles"]))
    grid.add_row("events", _records_cell(profile["events"], "title"))
    grid.add_row("assessments", _records_cell(profile["assessments"], "statement"))
    return Group(Rule(Text(f"person {visible(profile['id'])}"), align="left"), grid)


def flat_person(profile: Row) -> Row:
    """The profile as one row: names joined, roles by title, records by id."""
    return {
        "id": profile["id"],
        "name": profile["name"],
        "aliases": profile["aliases"],
        "native_names": [f"{n['name']} ({n['lang']})" for n in profile["native_names"]],
        "country": profile["country"],
        "roles": [role["title"] for role in profile["roles"]],
        "events": [row["id"] for row in profile["events"]],
        "assessments": [row["id"] for row in profile["assessments"]],
    }


def render_person(profile: Row, fmt: Format) -> "str | RenderableType":
    """A person's profile in `fmt`: one object for json/yaml, the view for people, else a row."""
    if fmt in (Format.json, Format.yaml) or fmt.is_view:
        return render_one(profile, fmt, (), view=person_view)
    return render_rows([flat_person(profile)], fmt, PERSON_PROFILE_FIELDS)
