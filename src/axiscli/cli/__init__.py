"""The command line: thin commands over the axiscli library."""

from axiscli.cli import check, cite, explore, lookup, registries  # noqa: F401  (registers commands)
from axiscli.cli.app import app


def main() -> None:
    app(prog_name="axis")
