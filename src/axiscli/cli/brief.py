"""`axis brief`: a memo-ready brief of what the filters choose, in Markdown or as a web page.

The command imports the store, the brief's writer and the CSL processor when it runs (see
`cli.app`).
"""

import sys
from pathlib import Path
from typing import Annotated

import typer

from axiscli.cli import options as o
from axiscli.cli.app import app
from axiscli.errors import AxisError, ExitCode, UsageError

# `export.brief.STYLES`, copied because that module imports the record model (pydantic) at
# import; tests/test_brief.py keeps the two equal.
STYLES = ("apa", "chicago", "chicago-notes", "mla", "harvard")
DEFAULT_STYLE = "chicago-notes"
LIST_STYLES = "list"
_SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}


def _complete_style(incomplete: str) -> list[str]:
    return [style for style in (*STYLES, LIST_STYLES) if style.startswith(incomplete)]


@app.command()
def brief(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE: Markdown if it ends in .md, a web page if in .html "
            "(default: Markdown to standard output).",
        ),
    ] = None,
    style: Annotated[
        str,
        typer.Option(
            "--style",
            metavar="STYLE",
            autocompletion=_complete_style,
            help=f"How the sources are cited: {', '.join(STYLES)}; '--style list' prints them.",
        ),
    ] = DEFAULT_STYLE,
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
    """A brief for a memo: the events, figures and judgements, each quote footnoted to its source.

    Example: axis brief -a RUS -a DPRK --since 2024 -o brief.md
    """
    if style == LIST_STYLES:
        print("\n".join(STYLES))
        return
    kind = _kind_of(output)
    from axiscli.cli.output import note_empty
    from axiscli.cli.selection import selection_for
    from axiscli.export.brief import check_style, to_html, to_markdown

    check_style(style)
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
    text = to_markdown(chosen, style=style)
    if kind == "html":
        text = to_html(text, title=chosen.title)
    if output is None:
        sys.stdout.write(text)
    else:
        _write(output, text)
    note_empty(len(chosen.events) + len(chosen.figures) + len(chosen.assessments))


def _kind_of(output: Path | None) -> str:
    if output is None:
        return "md"
    kind = _SUFFIXES.get(output.suffix.lower())
    if kind is None:
        raise UsageError(
            f"cannot tell what to write to '{output.name}'",
            hint="name it FILE.md for Markdown or FILE.html for a web page",
            field="output",
        )
    return kind


def _write(path: Path, text: str) -> None:
    from axiscli.store.write import write_atomic

    try:
        write_atomic(path, text)
    except OSError as error:
        raise _WriteFailed(f"cannot write {path}: {error.strerror or error}") from None


class _WriteFailed(AxisError):
    exit_code = ExitCode.OUTPUT
