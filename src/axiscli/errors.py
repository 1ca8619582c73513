"""Exit codes and the exceptions the core raises; the CLI turns them into one-line messages.

Messages speak of the data and of what the user asked, never of command-line flags: `field`
names the part of the question that was wrong (e.g. "since", "actor") and the CLI maps it to
its option; `hint` is an optional way to fix it.
"""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    DATA = 1
    USAGE = 2
    NOT_FOUND = 3
    OUTPUT = 4
    INTERRUPTED = 130  # Ctrl-C (SIGINT): 128 + the signal's number, as shells report it


class AxisError(Exception):
    """An error with a whole-sentence message meant for the user."""

    exit_code = ExitCode.DATA

    def __init__(self, message: str, *, hint: str | None = None, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.field = field


class DataError(AxisError):
    """The store (bundled or the user's) has a problem."""

    exit_code = ExitCode.DATA


class UsageError(AxisError):
    """The user's input cannot be understood."""

    exit_code = ExitCode.USAGE


class WriteError(AxisError):
    """A store file could not be written (a full disk, a read-only folder); it is as it was."""

    exit_code = ExitCode.OUTPUT


class NotFoundError(AxisError):
    """A record or source the user named does not exist."""

    exit_code = ExitCode.NOT_FOUND
