"""The records the listing filters name, for the commands that hand them on (`export`, `brief`).

Each such command declares the filter options (`cli.options`) and passes them here as typed.
"""

from pathlib import Path
from typing import TYPE_CHECKING, Any

from axiscli.cli.common import listing_query, store_for

if TYPE_CHECKING:
    from axiscli.export.selection import Selection


def selection_for(
    data: list[Path] | None, no_bundled: bool, no_cache: bool, **filters: Any
) -> "Selection":
    """The selection the listing filters (`listing_query`'s keywords) make of the store asked
    for, titled after them."""
    from axiscli.export.selection import select_records

    store = store_for(data, no_bundled, no_cache)
    return select_records(store, listing_query(store, **filters))
