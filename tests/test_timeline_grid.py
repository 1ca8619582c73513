"""The timeline view lays its columns out itself (`render.tables._grid`): its lines must be the
ones Rich's `Table.grid` prints for the same cells, byte for byte, at every width, with colour and
without (the golden files in tests/golden pin three widths of one store; this pins the rest)."""

import io
from collections.abc import Iterator

import pytest
from rich.console import Console

from axiscli import Format, by_date, open_catalog, render_records
from axiscli.render import tables
from tests.conftest import FIXTURES, STORE

# Stacked below 60 columns; compact date and actors from 60; one line a record where all fits.
WIDTHS = [20, 33, 47, 59, 60, 61, 67, 74, 80, 93, 100, 111, 120, 137, 160, 200]


def _as_rich_grid(console: Console, rows: Iterator, widths: tuple[int, ...]) -> Iterator:
    yield tables._table_grid(rows, widths)


def _pages(records, catalog, colour: bool) -> list[bytes]:
    view = render_records(records, catalog, Format.timeline)
    pages = []
    for width in WIDTHS:
        console = Console(
            file=io.StringIO(),
            width=width,
            force_terminal=colour,
            color_system="truecolor" if colour else None,
            highlight=False,
        )
        console.print(view)
        pages.append(console.file.getvalue().encode())
    return pages


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "colour"])
@pytest.mark.parametrize(
    ("folders", "kind"),
    [
        ([], "events"),
        ([], "figures"),
        ([FIXTURES / "hostile"], "events"),
        ([FIXTURES / "hostile"], "figures"),
        ([STORE, FIXTURES / "undated"], "events"),
    ],
    ids=["bundled-events", "bundled-figures", "hostile-events", "hostile-figures", "undated"],
)
def test_the_grid_prints_what_rich_prints(monkeypatch, folders, kind, colour):
    catalog = open_catalog(folders, bundled=STORE not in folders)
    records = by_date(getattr(catalog, kind))
    assert records
    ours = _pages(records, catalog, colour)
    monkeypatch.setattr(tables, "_grid", _as_rich_grid)
    assert ours == _pages(records, catalog, colour)


def test_a_column_with_nothing_in_it_is_left_to_rich():
    """A column of width 0 (no actors at all) goes to Rich's grid: its rules for it are its own."""
    console = Console(file=io.StringIO(), width=60, color_system=None)
    rows = iter([(tables.Text("2024"), tables.Text(""), tables.Text("A title"))])
    (grid,) = tables._grid(console, rows, (4, 0, 30))
    assert type(grid).__name__ == "Table"
