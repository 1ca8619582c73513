"""axis: a sourced fact and timeline explorer for the China–Russia–North Korea alignment.

The library answers the same questions as the CLI::

    from axiscli import Format, build_query, by_date, open_catalog, render_records, select

    catalog = open_catalog()
    query = build_query(catalog, actors=["DPRK"], since="2023")
    print(render_records(by_date(select(catalog.events, query)), catalog, Format.csv))

Names are imported on first use, so `import axiscli` stays cheap: `axis --version` imports
this module alone, not even `typing` (which would cost as much as the rest of it).
"""

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; type checkers read True

__version__ = "0.6.0"

_EXPORTS = {
    "open_catalog": "axiscli.catalog",
    "Catalog": "axiscli.catalog",
    "Query": "axiscli.query",
    "build_query": "axiscli.query",
    "select": "axiscli.query",
    "by_date": "axiscli.query",
    "search": "axiscli.match",
    "Format": "axiscli.render",
    "render_records": "axiscli.render",
    "Event": "axiscli.model",
    "Figure": "axiscli.model",
    "Assessment": "axiscli.model",
    "Individual": "axiscli.model",
    "AxisError": "axiscli.errors",
}
__all__ = [
    "Assessment",
    "AxisError",
    "Catalog",
    "Event",
    "Figure",
    "Format",
    "Individual",
    "Query",
    "__version__",
    "build_query",
    "by_date",
    "open_catalog",
    "render_records",
    "search",
    "select",
]

if TYPE_CHECKING:
    from typing import Any

    from axiscli.catalog import Catalog, open_catalog
    from axiscli.errors import AxisError
    from axiscli.match import search
    from axiscli.model import Assessment, Event, Figure, Individual
    from axiscli.query import Query, build_query, by_date, select
    from axiscli.render import Format, render_records


def __getattr__(name: str) -> "Any":
    if name in _EXPORTS:
        from importlib import import_module

        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'axiscli' has no attribute '{name}'")
