"""`axis diff`: what changed in the store between two git revisions.

Imports git's reader, the store's parser and Rich when it runs (see `cli.app`).
"""

import sys
from typing import Annotated

import typer

from axiscli.cli import options as o
from axiscli.cli.app import app
from axiscli.cli.output import emit, note
from axiscli.render import DiffFormat

DiffFormatOpt = Annotated[
    DiffFormat | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help=f"Output format: {', '.join(DiffFormat)}; the default is a table on a terminal "
        "and plain tab-separated lines in a pipe.",
    ),
]


@app.command()
def diff(
    revisions: Annotated[
        str | None,
        typer.Argument(
            metavar="REV..REV",
            help="Two git revisions (REV..REV), or one against the working tree (REV.. or REV); "
            "by default HEAD against the working tree.",
        ),
    ] = None,
    fmt: DiffFormatOpt = None,
    json: o.JsonOpt = False,
    color: o.ColorOpt = o.Color.auto,
    data: o.DataOpt = None,
    no_bundled: o.NoBundledOpt = False,
) -> None:
    """What changed in the store between two git revisions: records added, removed, changed.

    Example: axis diff @{2025-11-01}..

    Also: axis diff HEAD~3..HEAD --format md · axis diff HEAD~1 --json
    """
    from axiscli.cli.common import store_folders
    from axiscli.diff import diff_store
    from axiscli.gitstore import in_git_repository
    from axiscli.render.diff import render_diff

    folders = store_folders(data, no_bundled)
    if len(folders) > 1 and not no_bundled and not in_git_repository(folders[0]):
        folders = folders[1:]  # an installed axis's own store has no history to compare
    changes = diff_store(folders, revisions)
    chosen = (
        DiffFormat.json
        if json
        else fmt or (DiffFormat.table if sys.stdout.isatty() else DiffFormat.plain)
    )
    emit(render_diff(changes, chosen), color)
    if chosen is DiffFormat.plain:
        for problem in changes.problems:
            note(f"Problem: {problem}")
        if not changes.records:
            note(f"No record changed from {changes.old.label} to {changes.new.label}.")
