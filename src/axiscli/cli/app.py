"""The Typer app and the one place where errors become messages and exit codes."""

from typing import Any

import typer
from typer.core import TyperGroup

from axiscli import __version__
from axiscli.cli.output import LIST_FIELDS, note
from axiscli.errors import AxisError


class AxisGroup(TyperGroup):
    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        # A bare `--fields` asks which fields there are, as `gh --json` does.
        args = list(args)
        for index, arg in enumerate(args):
            if arg == "--fields" and (index + 1 == len(args) or args[index + 1].startswith("-")):
                args.insert(index + 1, LIST_FIELDS)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except AxisError as error:
            note(f"Error: {error}")
            raise typer.Exit(error.exit_code) from None


app = typer.Typer(
    cls=AxisGroup,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        print(f"axis {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(
        False,
        "--version",
        callback=_show_version,
        is_eager=True,
        help="Print the version and exit.",
    ),
) -> None:
    """Sourced facts and timelines of the China–Russia–North Korea alignment.

    Every event and figure carries its source, who claimed it, and a verbatim quote.

    Example: axis timeline --actor DPRK --since 2024

    Also: axis figure troops · axis show russia-dprk-treaty-signed · axis search treaty ·
    axis cite russia-dprk-treaty-signed --style apa · axis check
    """
