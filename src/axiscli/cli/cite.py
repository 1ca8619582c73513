"""`axis cite`: ready-to-paste citations of records and sources.

The command imports the store and the citation renderer when it runs (see `cli.app`).
"""

import sys
from pathlib import Path
from typing import Annotated

import typer

from axiscli.cli import options as o
from axiscli.cli.app import app
from axiscli.cli.complete import complete_id
from axiscli.errors import UsageError
from axiscli.render.safe import visible

# The styles `axis cite` offers, for its help and completion. They are `render.cite.STYLES`,
# copied because that module imports the record model (pydantic) and the date parser at import;
# tests/test_startup.py keeps the two equal.
STYLES = (
    "text",
    "markdown",
    "apa",
    "chicago",
    "chicago-notes",
    "mla",
    "harvard",
    "bibtex",
    "csl-json",
)
LIST_STYLES = "list"


def _complete_style(incomplete: str) -> list[str]:
    return [style for style in (*STYLES, LIST_STYLES) if style.startswith(incomplete)]


@app.command()
def cite(
    ids: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="ID",
            autocompletion=complete_id,
            help="Events, figures or sources; each source is listed once.",
        ),
    ] = None,
    style: Annotated[
        str,
        typer.Option(
            "--style",
            metavar="STYLE",
            autocompletion=_complete_style,
            help=f"{', '.join(STYLES)}; '--style list' prints them.",
        ),
    ] = "text",
    from_json: Annotated[
        Path | None,
        typer.Option(
            "--from-json",
            metavar="FILE",
            help="Also cite the ids or records in FILE ('-': standard input), as a --json "
            "listing prints them.",
        ),
    ] = None,
    data: o.DataOpt = None,
    no_bundled: o.NoBundledOpt = False,
    no_cache: o.NoCacheOpt = False,
) -> None:
    """Citations of records (each quote, its claimant, its source) and sources, in a style.

    Example: axis cite russia-dprk-treaty-signed --style apa
    """
    if style == LIST_STYLES:
        print("\n".join(STYLES))
        return
    from axiscli.cli.common import catalog_for
    from axiscli.render.cite import check_style, read_ids
    from axiscli.render.cite import cite as cite_ids

    check_style(style)
    wanted = list(ids or ())
    if from_json is not None:
        text = sys.stdin.read() if str(from_json) == "-" else _read(from_json)
        wanted += read_ids(text)
    if not wanted:
        raise UsageError("nothing to cite", hint="give ids, or --from-json FILE")
    # JSON escapes control characters itself; every other style is read by people.
    print(visible(cite_ids(catalog_for(data, no_bundled, no_cache), wanted, style)), end="")


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(
            f"cannot read {path}: {getattr(error, 'strerror', None) or error}", field="from-json"
        ) from None
