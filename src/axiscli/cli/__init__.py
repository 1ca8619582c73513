"""The command line: thin commands over the axiscli library.

`axis --version` is answered before Typer is imported, and so is the top-level help page once
Typer has printed it (`cli.helppage`); every other command line goes to the Typer app in
`axiscli.cli.app`.
"""

import gc
import os
import signal
import sys
from types import FrameType


def main() -> None:
    signal.signal(signal.SIGINT, _interrupt)
    try:
        _main(sys.argv[1:])
    except KeyboardInterrupt:
        # Ctrl-C while axis starts, before the app's own handler (`app._run_guarded`) runs.
        from axiscli.errors import ExitCode

        sys.stderr.write("Interrupted\n")
        sys.exit(ExitCode.INTERRUPTED)


# Whether Ctrl-C was pressed. The KeyboardInterrupt it raises can be swallowed: one that lands
# while PyYAML imports its C parser becomes the ImportError PyYAML catches to fall back to its
# Python parser, and the command would end as if nothing had happened. `app._run_guarded`
# looks here once the command is done.
interrupted = False


def _interrupt(number: int, frame: FrameType | None) -> None:
    global interrupted
    interrupted = True
    raise KeyboardInterrupt


def _main(args: list[str]) -> None:
    if args == ["--version"] and sys.stdout is not None:
        _print_version()
        return
    # Shell completion runs a bare `axis` too, with `_AXIS_COMPLETE` set: that is Typer's.
    wants_help = args in ([], ["--help"], ["-h"]) and "_AXIS_COMPLETE" not in os.environ
    if wants_help and sys.stdout is not None:
        from axiscli.cli import helppage

        code = helppage.print_page(args)
        if code is not None:
            sys.exit(code)
    # Loading Typer and the commands makes some 20,000 objects for the collector to track, all
    # of them alive until the process ends: it would walk them again and again while they load,
    # and once more at exit, for nothing (about a tenth of `axis timeline --json`). Frozen, they
    # are left alone by the collections made while the command runs.
    gc.disable()
    from axiscli.cli.app import app

    gc.freeze()
    gc.enable()
    if not wants_help:
        app(prog_name="axis")
        return
    try:
        app(prog_name="axis")
    finally:
        from axiscli.cli import helppage

        helppage.remember(app)


def _print_version() -> None:
    from axiscli import __version__

    try:
        sys.stdout.write(f"axis {__version__}\n")
        sys.stdout.flush()
    except OSError as error:
        from axiscli.cli.app import _output_failed

        sys.exit(_output_failed(error))
