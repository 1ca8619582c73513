"""The command line: thin commands over the axiscli library."""

from axiscli.cli import (  # noqa: F401  (registers commands)
    check,
    cite,
    explore,
    listings,
    lookup,
    registries,
)
from axiscli.cli.app import app


def main() -> None:
    app(prog_name="axis")
