"""What every listing command shares: the store to read, the query asked, the notes printed."""

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from axiscli.catalog import Catalog, open_catalog
from axiscli.cli.output import note
from axiscli.model import Event, Figure
from axiscli.query import Query, imprecise_extra
from axiscli.render import Format
from axiscli.store import DATA_ENV, data_dirs


def store_folders(data: list[Path] | None, no_bundled: bool) -> list[Path]:
    """The bundled store (unless left out), AXIS_DATA's folders, then --data's."""
    return data_dirs(_folders_given(data), bundled=not no_bundled)


def _folders_given(data: list[Path] | None) -> list[str | Path]:
    return [*(p for p in os.environ.get(DATA_ENV, "").split(os.pathsep) if p), *(data or ())]


def catalog_for(data: list[Path] | None, no_bundled: bool) -> Catalog:
    return open_catalog(_folders_given(data), bundled=not no_bundled)


def note_window(records: Sequence[Event | Figure], query: Query, fmt: Format) -> None:
    """Tell a person at a terminal how many records --overlap would add to this window."""
    if not (fmt.is_view or sys.stderr.isatty()):
        return
    extra = imprecise_extra(records, query)
    if extra:
        more = f"{extra} more record{'s' * (extra != 1)}"
        note(f"{more} may fall in this window (imprecise dates): add --overlap")
