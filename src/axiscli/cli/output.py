"""Printing: results to stdout in the chosen format, messages to stderr.

Rich is imported only to print a view; text formats and messages are written as they are, so a
command answering in JSON never loads it.
"""

import os
import shutil
import sys
from typing import TYPE_CHECKING

from axiscli.cli.options import Color
from axiscli.render import Format
from axiscli.render.safe import visible

if TYPE_CHECKING:
    from rich.console import Console, RenderableType


# The widest a view is laid out: a COLUMNS beyond it (`99999999999999999999`) is a mistake, and
# Rich would lay every line out that wide.
MAX_WIDTH = 1000


def view_width() -> int | None:
    """The width to lay views out at when COLUMNS is set but unusable (0, negative, huge, not a
    number): the terminal's, else 80, at most MAX_WIDTH. None leaves a usable COLUMNS to Rich."""
    columns = os.environ.get("COLUMNS")
    if columns is None or (columns.isdigit() and 0 < int(columns) <= MAX_WIDTH):
        return None
    return min(shutil.get_terminal_size().columns, MAX_WIDTH)


def stdout_console(color: Color = Color.auto) -> "Console":
    """The console for results: `auto` leaves NO_COLOR, TERM=dumb and tty detection to Rich."""
    from rich.console import Console

    width = view_width()
    if color is Color.always:
        return Console(force_terminal=True, no_color=False, highlight=False, width=width)
    if color is Color.never:
        return Console(color_system=None, highlight=False, width=width)
    return Console(highlight=False, width=width)


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
