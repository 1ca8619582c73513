"""`axis check` and `axis schema`: is the store sound, and what shape must it have.

Both import the store, the checks and pydantic when they run (see `cli.app`).
"""

import json as jsonlib
from pathlib import Path
from typing import Annotated, Any

import typer

from axiscli.cli import options as o
from axiscli.cli.app import app
from axiscli.cli.output import note
from axiscli.errors import ExitCode, UsageError
from axiscli.render.safe import visible


@app.command()
def check(
    texts: Annotated[
        Path | None,
        typer.Option(
            "--texts",
            metavar="DIR",
            help="Also check every quote verbatim against the source texts in DIR.",
        ),
    ] = None,
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
    records = len(store.events) + len(store.figures)
    counts = (
        f"{len(store.events)} events, {len(store.figures)} figures, "
        f"{len(store.sources)} sources, {len(store.actors)} actors"
    )
    quotes = sum(len(item.record.citations) for item in (*store.events, *store.figures))
    if texts is not None:
        unchecked = unchecked_quotes(store)
        skipped = f" ({unchecked} of sources with no text_file not checked)" if unchecked else ""
        verdict = f"{quotes - unchecked} quotes found verbatim in {texts}{skipped}"
    else:
        verdict = f"{quotes} quotes (add --texts DIR to check them against the sources)"
    print(f"OK: {records} records ({counts}) in {where}; {verdict}.")


@app.command()
def schema(
    record: Annotated[
        str, typer.Argument(metavar="KIND", help="sources, actors, events or figures.")
    ] = "events",
) -> None:
    """Print the JSON Schema of one store file's records.

    Example: axis schema figures > figures.schema.json
    """
    from pydantic import TypeAdapter

    from axiscli.store import STORE_FILES

    filename = f"{record}.yaml"
    if filename not in STORE_FILES:
        raise UsageError(f"unknown record kind '{record}'; use sources, actors, events or figures")
    adapter: TypeAdapter[list[Any]] = TypeAdapter(list[STORE_FILES[filename]])  # type: ignore[valid-type]
    print(jsonlib.dumps(adapter.json_schema(), indent=2, ensure_ascii=False))
