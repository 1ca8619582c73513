"""The Typer app and the one place where errors become messages and exit codes.

Start-up is part of every answer, so this module and the command modules it registers import
only Typer and light parts of axiscli; each command imports the store, the record model and
Rich when it runs, and only if its output needs them.
"""

import copy
import errno
import os
import sys
from collections.abc import Callable, Iterator, MutableMapping, Sequence
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

import typer
from typer._click import Command
from typer._click.exceptions import ClickException, NoArgsIsHelpError
from typer._click.exceptions import UsageError as ClickUsageError
from typer.core import TyperCommand, TyperGroup
from typer.main import get_command, get_command_from_info, get_command_name
from typer.models import CommandFunctionType, CommandInfo

from axiscli import __version__, cli
from axiscli.cli.output import note
from axiscli.errors import AxisError, DataError, ExitCode
from axiscli.render import LIST_FIELDS


class _AxisParams:
    """What axis changes in every command's parameters.

    Help names values in words: a flag as its name alone (`--overlap`, not `<bool>`), an
    argument by its metavar (`ID`, not `ID <str>`). And values are coerced without pydantic
    where that is certain (see `_PlainCoercion`).
    """

    def get_params(self, ctx: Any) -> list[Any]:
        params: list[Any] = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            if getattr(param, "is_flag", False) and param.metavar is None:
                param.metavar = ""
            elif param.param_type_name == "argument":
                param.display_type_rich = _no_type
            # Typer builds its coercion on first use into `_runtime_param`; fill it first.
            if hasattr(param, "type_descriptor") and getattr(param, "_runtime_param", 0) is None:
                param._runtime_param = _PlainCoercion()
        return params


def _no_type(ctx: Any) -> None:
    return None


# Typer coerces each parameter's value through a pydantic TypeAdapter that it builds the first
# time the parameter is processed, even when the option was not given: importing pydantic and
# building a command's adapters costs more than the rest of `axis timeline --json`. What axis
# takes is simple (words, whole numbers, choices, paths, and lists of them), so those values are
# coerced here. Anything else, and every value that Typer would reject or might read otherwise,
# goes to Typer's own coercion, so its results, messages and exit codes stay the ones users get
# (tests/test_startup.py compares the two over every parameter of every command).
_UNSURE: Any = object()


class _PlainCoercion:
    """Typer's runtime-coercion contract, `coerce(value, param=, ctx=)`, for simple values."""

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        if value is None:  # not given, and no default: as Typer's `RuntimeParam.coerce`
            return () if param.multiple or param.nargs == -1 else None
        plain = _plain_value(param.type_descriptor, value, param, ctx)
        if plain is not _UNSURE:
            return plain
        from typer._coercion import build_runtime_param

        return build_runtime_param(param.type_descriptor).coerce(value, param=param, ctx=ctx)


def _plain_value(descriptor: Any, value: Any, param: Any, ctx: Any) -> Any:
    """`value` coerced to the parameter's type, or `_UNSURE`."""
    info = descriptor.parameter_info
    if descriptor.file_annotation is not None or info.parser is not None:
        return _UNSURE
    annotation = descriptor.annotation
    if get_origin(annotation) is not list:
        return _plain_item(annotation, value, info, param, ctx)
    if not isinstance(value, list | tuple):
        return _UNSURE
    (item_type,) = get_args(annotation)
    items = [_plain_item(item_type, item, info, param, ctx) for item in value]
    return _UNSURE if any(item is _UNSURE for item in items) else items


def _plain_item(annotation: Any, value: Any, info: Any, param: Any, ctx: Any) -> Any:
    if annotation is str:
        return value if isinstance(value, str) else _UNSURE
    if annotation is int:
        return _plain_int(value, info)
    if not isinstance(annotation, type):
        return _UNSURE
    if issubclass(annotation, Enum):
        if isinstance(value, annotation):
            return value
        if not isinstance(value, str) or not info.case_sensitive or ctx.token_normalize_func:
            return _UNSURE
        return next((m for m in annotation if str(m.value) == value), _UNSURE)
    if issubclass(annotation, Path) and info.path_type is None and not info.allow_dash:
        if not isinstance(value, str) or not value or "\x00" in value:
            return _UNSURE
        from typer._param_types import coerce_cli_path

        # Typer's own checks (exists, file_okay, readable…), given a Path rather than text.
        return coerce_cli_path(annotation(value), info, path_type=annotation, param=param, ctx=ctx)
    return _UNSURE


def _plain_int(value: Any, info: Any) -> Any:
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) < 19:
        number = int(value)
    elif type(value) is int:
        number = value
    else:
        return _UNSURE
    if info.clamp or (info.min is not None and number < info.min):
        return _UNSURE
    if info.max is not None and number > info.max:
        return _UNSURE
    return number


class AxisCommand(_AxisParams, TyperCommand):
    pass


# The order `axis --help` lists commands in: everyday questions first, upkeep last.
COMMAND_ORDER = (
    "timeline",
    "figure",
    "show",
    "search",
    "assess",
    "disputes",
    "cite",
    "brief",
    "sources",
    "actors",
    "people",
    "tags",
    "metrics",
    "claimants",
    "export",
    "stats",
    "check",
    "add",
    "edit",
    "rm",
    "import",
    "diff",
    "schema",
)


class AxisGroup(_AxisParams, TyperGroup):
    def list_commands(self, ctx: Any) -> list[str]:
        names = list(self.commands)  # the names alone: building every command is for --help
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
        from axiscli.cli.common import close_stores

        try:
            return super().invoke(ctx)
        except AxisError as error:
            note(f"Error: {_message(error)}")
            raise typer.Exit(error.exit_code) from None
        except OSError as error:
            # Typer ends a broken pipe met while a command writes with exit code 1 and no word;
            # carried past it, it ends as any other failed write does (`_output_failed`).
            raise _OutputFailed(error) from error
        except Exception as error:
            if type(error).__module__ != "sqlite3":
                raise
            # Only damage the checks on opening cannot see (a page spoiled in place) gets here.
            note(
                f"Error: the store's compiled index cannot be read ({error}); run the command "
                "again with --no-cache, or delete the cache folder (AXIS_CACHE_DIR, else the "
                "platform's cache folder for axis) to compile it afresh"
            )
            raise typer.Exit(ExitCode.DATA) from None
        finally:
            close_stores()

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
    except KeyboardInterrupt:
        result = ExitCode.INTERRUPTED
    except NoArgsIsHelpError:
        return ExitCode.USAGE  # a bare `axis`: its answer is the help page, already printed
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
    except _OutputFailed as failed:
        return _output_failed(failed.error)
    except OSError as error:
        return _output_failed(error)
    if result == ExitCode.INTERRUPTED or cli.interrupted:
        # Typer turns a Ctrl-C into exit code 130 without a word; a store being written is left
        # whole (the old file or the new one), so saying so is all there is to do.
        note("Interrupted")
        return ExitCode.INTERRUPTED
    return result if isinstance(result, int) else ExitCode.OK


class _OutputFailed(Exception):
    def __init__(self, error: OSError) -> None:
        super().__init__(error)
        self.error = error


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


class _BuiltOnDemand(MutableMapping[str, Command]):
    """A group's commands by name, each built from its declaration when first looked up."""

    def __init__(self, declared: dict[str, Callable[[], Command]]) -> None:
        self._declared = declared
        self._built: dict[str, Command] = {}

    def __getitem__(self, name: str) -> Command:
        if name not in self._built:
            self._built[name] = self._declared[name]()
        return self._built[name]

    def __setitem__(self, name: str, command: Command) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        self._declared.pop(name, None)
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter({**dict.fromkeys(self._declared), **dict.fromkeys(self._built)})

    def __len__(self) -> int:
        return len(self._declared.keys() | self._built.keys())


class AxisTyper(typer.Typer):
    def command(
        self, *args: Any, **kwargs: Any
    ) -> Callable[[CommandFunctionType], CommandFunctionType]:
        kwargs.setdefault("cls", AxisCommand)
        return super().command(*args, **kwargs)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        """Run the command line, as Typer would (`pretty_exceptions_enable` is off, so its
        exception hook has nothing to add), through `lazy_group`."""
        return self.lazy_group()(*args, **kwargs)

    def lazy_group(self) -> AxisGroup:
        """The click group Typer makes of this app, but with each command built from its
        declaration only when it is looked up: by name to run it, all of them for `--help`.

        Typer builds every command, parameters and all, before it reads the command line; for
        axis's 13 that is ≈ 0.7× the interpreter's own start-up, which `axis timeline --json`
        would pay to run one of them.
        """
        bare = copy.copy(self)
        bare.registered_commands = []
        group = get_command(bare)
        assert isinstance(group, AxisGroup)
        group.commands = _BuiltOnDemand(
            {_command_name(info): self._builder(info) for info in self.registered_commands}
        )
        return group

    def _builder(self, info: CommandInfo) -> Callable[[], Command]:
        return lambda: get_command_from_info(
            info,
            pretty_exceptions_short=self.pretty_exceptions_short,
            rich_markup_mode=self.rich_markup_mode,
        )


def _command_name(info: CommandInfo) -> str:
    assert info.callback is not None
    return info.name or get_command_name(info.callback.__name__)


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


# Registers the commands. Each module is cheap to import (Typer and the option declarations, the
# rest on first use), so they are all imported here and `app.registered_commands` is complete;
# tests/test_startup.py keeps them cheap.
from axiscli.cli import (  # noqa: E402, F401
    assess,
    brief,
    check,
    cite,
    curate,
    diff,
    explore,
    export,
    listings,
    lookup,
    registries,
)
