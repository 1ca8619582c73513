"""`axis check` and `axis schema`: is the store sound, and what shape must it have.

Both import the store, the checks and pydantic when they run (see `cli.app`).
"""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from axiscli.cli import options as o
from axiscli.cli.app import app
from axiscli.cli.output import note
from axiscli.errors import ExitCode, UsageError
from axiscli.render.safe import visible


@app.command()
def check(
    texts: o.TextsOpt = None,
    data: o.DataOpt = None,
    no_bundled: o.NoBundledOpt = False,
) -> None:
    """Validate the store: YAML, schema, ids, references, dates, and with --texts the quotes.

    Example: axis check --texts ../shared/seeds
    """
    from axiscli.check import check_store, unchecked_quotes
    from axiscli.cli.common import store_folders
    from axiscli.store import load_store

    if texts is not None and not texts.is_dir():
        raise UsageError(
            f"'{texts}' is not a folder; give the folder of source texts", field="texts"
        )
    store = load_store(store_folders(data, no_bundled))
    problems = check_store(store, texts, curation=True)
    for problem in problems:
        print(visible(str(problem)))
    where = f"{len(store.files)} files under {' and '.join(map(str, store.folders))}"
    if problems:
        note(f"{len(problems)} problem{'s' * (len(problems) != 1)} found in {where}.")
        raise typer.Exit(ExitCode.DATA)
    records = len(store.events) + len(store.figures) + len(store.assessments)
    counted = [
        (len(store.events), "events"),
        (len(store.figures), "figures"),
        (len(store.assessments), "assessments"),
        (len(store.sources), "sources"),
        (len(store.actors), "actors"),
        (len(store.people), "people"),
    ]
    # A store without assessments or people says nothing of them, as before they existed.
    counts = ", ".join(
        f"{n} {what}" for n, what in counted if n or what not in ("assessments", "people")
    )
    cited = (*store.events, *store.figures, *store.assessments)
    quotes = sum(len(item.record.citations) for item in cited)
    quotes += sum(len(role.citations) for item in store.people for role in item.record.roles)
    if texts is not None:
        unchecked = unchecked_quotes(store)
        skipped = f" ({unchecked} of sources with no text_file not checked)" if unchecked else ""
        verdict = f"{quotes - unchecked} quotes found verbatim in {texts}{skipped}"
    else:
        verdict = f"{quotes} quotes (add --texts DIR to check them against the sources)"
    print(f"OK: {records} records ({counts}) in {where}; {verdict}.")


class SchemaKind(StrEnum):
    sources = "sources"
    actors = "actors"
    people = "people"
    events = "events"
    figures = "figures"
    assessments = "assessments"


@app.command()
def schema(
    kind: Annotated[
        SchemaKind | None,
        typer.Argument(
            metavar="KIND",
            help="sources, actors, people, events, figures or assessments (events when "
            "printing; all with --out).",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            metavar="DIR",
            help="Write KIND.schema.json into DIR rather than print it (every kind unless given).",
        ),
    ] = None,
) -> None:
    """Print the JSON Schema (draft-07) of a store file: a list of records of one kind.

    Example: axis schema --out schema
    """
    from axiscli.schema import KINDS, schema_text, write_schemas

    if out is None:
        print(schema_text(kind or SchemaKind.events), end="")
        return
    if not out.is_dir():
        raise UsageError(f"'{out}' is not a folder; give the folder to write into", field="out")
    written = write_schemas(out, (kind,) if kind else KINDS)
    note(f"Wrote {', '.join(path.name for path in written)} in {out}.")
