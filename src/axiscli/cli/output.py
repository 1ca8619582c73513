"""Printing: results to stdout in the chosen format, messages to stderr.

Rich is imported only to print a view; text formats and messages are written as they are, so a
command answering in JSON never loads it.
"""

import sys
from typing import TYPE_CHECKING

from axiscli.cli.options import Color
from axiscli.render import Format
from axiscli.render.safe import visible

if TYPE_CHECKING:
    from rich.console import Console, RenderableType


def stdout_console(color: Color = Color.auto) -> "Console":
    """The console for results: `auto` leaves NO_COLOR, TERM=dumb and tty detection to Rich."""
    from rich.console import Console

    if color is Color.always:
        return Console(force_terminal=True, no_color=False, highlight=False)
    if color is Color.never:
        return Console(color_system=None, highlight=False)
    return Console(highlight=False)


def note(message: str) -> None:
    """A message for the person, never for the pipe: one line on stderr, as written (no markup,
    no emoji codes), with control characters made visible."""
    if sys.stderr is None:  # pythonw and the like: nowhere to tell anyone
        return
    sys.stderr.write(visible(message) + "\n")
    sys.stderr.flush()


def pick_format(chosen: Format | None, as_json: bool, human: Format) -> Format:
    """`--json`, else `--format`, else the human view at a terminal and `plain` in a pipe."""
    if as_json:
        return Format.json
    if chosen:
        return chosen
    return human if sys.stdout.isatty() else Format.plain


def emit(output: "str | RenderableType", color: Color = Color.auto) -> None:
    """Print what a renderer made: text as it is, a view through Rich."""
    if isinstance(output, str):
        sys.stdout.write(output)
    else:
        stdout_console(color).print(output)


def note_empty(count: int, what: str = "records") -> None:
    if not count:
        note(f"No {what} match; loosen a filter or see `axis --help`.")
