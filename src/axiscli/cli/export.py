"""`axis export`: what the filters choose, written for other tools (see `axiscli.export`).

The command imports the store and the chosen format's writer when it runs (see `cli.app`).
"""

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from axiscli.cli import options as o
from axiscli.cli.app import app
from axiscli.errors import UsageError

if TYPE_CHECKING:
    from axiscli.export.output import Written
    from axiscli.export.selection import Selection


class ExportFormat(StrEnum):
    html = "html"
    timelinejs = "timelinejs"
    sqlite = "sqlite"
    datapackage = "datapackage"


@app.command()
def export(
    fmt: Annotated[
        ExportFormat,
        typer.Argument(
            metavar="FORMAT",
            help="html (one offline page), timelinejs (JSON), sqlite (a database) or "
            "datapackage (a folder of CSV files).",
        ),
    ],
    path: Annotated[
        Path | None, typer.Argument(metavar="PATH", help="The file (a folder for datapackage).")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="PATH", help="Same as PATH.")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace a datapackage folder that holds files.")
    ] = False,
    actor: o.ActorOpt = None,
    person: o.PersonOpt = None,
    any_actor: o.AnyActorOpt = False,
    since: o.SinceOpt = None,
    until: o.UntilOpt = None,
    overlap: o.OverlapOpt = False,
    today: o.TodayOpt = None,
    domain: o.DomainOpt = None,
    tag: o.TagOpt = None,
    source: o.SourceOpt = None,
    claimant: o.ClaimantOpt = None,
    grep: o.GrepOpt = None,
    judged_kind: o.AssessmentKindOpt = None,
    holder: o.HolderOpt = None,
    likelihood: o.LikelihoodOpt = None,
    data: o.DataOpt = None,
    no_bundled: o.NoBundledOpt = False,
    no_cache: o.NoCacheOpt = False,
) -> None:
    """Write the events, figures and assessments the filters choose as a file other tools open.

    Example: axis export sqlite axis.db --actor DPRK --since 2023
    """
    if (path is None) == (output is None):
        raise UsageError("give the file to write once: as PATH or as -o PATH")
    target = path or output
    assert target is not None
    from axiscli.cli.output import note
    from axiscli.cli.selection import selection_for
    from axiscli.export.output import Written

    chosen = selection_for(
        data,
        no_bundled,
        no_cache,
        actor=actor,
        person=person,
        any_actor=any_actor,
        since=since,
        until=until,
        overlap=overlap,
        today=today,
        domain=domain,
        tag=tag,
        source=source,
        claimant=claimant,
        grep=grep,
        kind=judged_kind,
        holder=holder,
        likelihood=likelihood,
    )
    written = _write(fmt, chosen, target, force) or Written(
        len(chosen.events), len(chosen.figures), assessments=len(chosen.assessments)
    )
    note(f"Wrote {_counted(written)} to {target}.")
    if written.left_out:
        note(f"Left out {written.left_out}.")


def _write(fmt: ExportFormat, chosen: "Selection", target: Path, force: bool) -> "Written | None":
    """Write the export; what went in it, where the format says (the HTML page holds it all)."""
    if fmt is ExportFormat.html:
        from axiscli.export.html import write_html

        write_html(chosen, target)
        return None
    if fmt is ExportFormat.timelinejs:
        from axiscli.export.timelinejs import write_timelinejs

        return write_timelinejs(chosen, target)
    if fmt is ExportFormat.sqlite:
        from axiscli.export.sqlite import write_sqlite

        return write_sqlite(chosen, target)
    from axiscli.export.datapackage import write_datapackage

    try:
        return write_datapackage(chosen, target, replace=force)
    except FileExistsError:
        raise UsageError(
            f"{target} is a folder with files in it", hint="name a new folder, or add --force"
        ) from None
    except NotADirectoryError:
        raise UsageError(f"{target} is a file; a data package is a folder") from None


def _counted(written: "Written") -> str:
    counts = [(written.events, "event")]
    if written.figures is not None:
        counts.append((written.figures, "figure"))
    if written.assessments:
        counts.append((written.assessments, "assessment"))
    return ", ".join(f"{n} {what}{'s' * (n != 1)}" for n, what in counts)
