"""Exit codes and the exceptions the core raises; the CLI turns them into one-line messages."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    DATA = 1
    USAGE = 2
    NOT_FOUND = 3


class AxisError(Exception):
    """An error with a whole-sentence message meant for the user."""

    exit_code = ExitCode.DATA


class DataError(AxisError):
    """The store (bundled or the user's) has a problem."""

    exit_code = ExitCode.DATA


class UsageError(AxisError):
    """The user's input cannot be understood."""

    exit_code = ExitCode.USAGE


class NotFoundError(AxisError):
    """A record or source the user named does not exist."""

    exit_code = ExitCode.NOT_FOUND
