"""`axis cite`: ready-to-paste citations of records and sources."""

from typing import Annotated

import typer

from axiscli.cli import options as o
from axiscli.cli.app import app
from axiscli.cli.common import catalog_for
from axiscli.cli.lookup import IdArg
from axiscli.errors import NotFoundError
from axiscli.render.cite import cite_record, cite_source


@app.command()
def cite(
    record_id: IdArg,
    style: Annotated[
        o.CiteStyle, typer.Option("--style", help="Citation style.")
    ] = o.CiteStyle.text,
    data: o.DataOpt = None,
    no_bundled: o.NoBundledOpt = False,
) -> None:
    """A ready-to-paste citation of a record (its quotes, claimants, sources) or of a source.

    Example: axis cite russia-dprk-treaty-signed --style markdown
    """
    catalog = catalog_for(data, no_bundled)
    if record_id in catalog.sources:
        print(cite_source(catalog.sources[record_id], style))
        return
    try:
        record = catalog.record(record_id)
    except NotFoundError as error:
        raise NotFoundError(f"{error} (nor a source with that id)") from None
    print(cite_record(record, catalog.sources, style))
