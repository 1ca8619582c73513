"""The Typer app and the one place where errors become messages and exit codes."""

import errno
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

import typer
from typer._click.exceptions import ClickException
from typer._click.exceptions import UsageError as ClickUsageError
from typer.core import TyperCommand, TyperGroup
from typer.models import CommandFunctionType

from axiscli import __version__
from axiscli.cli.output import note
from axiscli.errors import AxisError, DataError, ExitCode
from axiscli.render import LIST_FIELDS


class _WordMetavars:
    """Help names values in words: a flag as its name alone (`--overlap`, not `<bool>`), an
    argument by its metavar (`ID`, not `ID <str>`)."""

    def get_params(self, ctx: Any) -> list[Any]:
        params: list[Any] = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            if getattr(param, "is_flag", False) and param.metavar is None:
                param.metavar = ""
            elif param.param_type_name == "argument":
                param.display_type_rich = _no_type
        return params


def _no_type(ctx: Any) -> None:
    return None


class AxisCommand(_WordMetavars, TyperCommand):
    pass


# The order `axis --help` lists commands in: everyday questions first, upkeep last.
COMMAND_ORDER = (
    "timeline",
    "figure",
    "show",
    "search",
    "cite",
    "sources",
    "actors",
    "tags",
    "metrics",
    "claimants",
    "stats",
    "check",
    "schema",
)


class AxisGroup(_WordMetavars, TyperGroup):
    def list_commands(self, ctx: Any) -> list[str]:
        names = super().list_commands(ctx)
        rank = {name: index for index, name in enumerate(COMMAND_ORDER)}
        return sorted(names, key=lambda name: rank.get(name, len(rank)))

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
            note(f"Error: {_message(error)}")
            raise typer.Exit(error.exit_code) from None

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command; usage errors, a closed or full stdout end in one message and a code."""
        code = _run_guarded(
            lambda: super(AxisGroup, self).main(args, prog_name, complete_var, False, **extra)
        )
        if standalone_mode:
            sys.exit(code)
        return code


# Ways to fix a problem that name a command: the core never names one, the CLI adds them.
_LISTINGS = {"actor": "actors", "tag": "tags", "source": "sources", "unit": "metrics"}


def _message(error: AxisError) -> str:
    """`--option: message (hint)`; a store problem points at `axis check`."""
    option = f"--{error.field}: " if error.field else ""
    hint = error.hint
    if hint is None and error.field in _LISTINGS:
        hint = f"`axis {_LISTINGS[error.field]}` lists them all"
    if hint is None and isinstance(error, DataError):
        hint = "`axis check` lists every problem"
    return f"{option}{error.message}" + (f" ({hint})" if hint else "")


def _run_guarded(run: Any) -> int:
    if sys.stdout is None:
        note("Error: standard output is closed; give axis somewhere to write (a file or a pipe)")
        return ExitCode.OUTPUT
    _tolerate_narrow_encodings()
    try:
        result = run()
        sys.stdout.flush()
    except ClickUsageError as error:
        # Typer validates through pydantic, whose wording leaks in: "Value error, 'x' is not…".
        note(f"Error: {error.format_message().replace('Value error, ', '')}")
        if error.ctx is not None:
            note(f"Try '{error.ctx.command_path} --help' for help.")
        return ExitCode.USAGE
    except ClickException as error:
        note(f"Error: {error.format_message()}")
        return error.exit_code
    except typer.Abort:
        note("Aborted.")
        return ExitCode.DATA
    except OSError as error:
        return _output_failed(error)
    return result if isinstance(result, int) else ExitCode.OK


def _tolerate_narrow_encodings() -> None:
    """On an ASCII or Latin-1 stdout, print what can be printed and replace the rest."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def _output_failed(error: OSError) -> int:
    # Whatever is still buffered must not be flushed again at exit, or Python prints a traceback.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    if error.errno == errno.EPIPE:
        return ExitCode.OK  # the reader has all it wanted, as with `| head -1`
    note(f"Error: cannot write the output: {error.strerror or error}")
    return ExitCode.OUTPUT


class AxisTyper(typer.Typer):
    def command(
        self, *args: Any, **kwargs: Any
    ) -> Callable[[CommandFunctionType], CommandFunctionType]:
        kwargs.setdefault("cls", AxisCommand)
        return super().command(*args, **kwargs)


app = AxisTyper(
    cls=AxisGroup,
    no_args_is_help=True,
    add_completion=True,
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

    Also: axis figure troops · axis show PRK · axis search treaty · \
axis cite russia-dprk-treaty-signed --style apa · axis check
    """
