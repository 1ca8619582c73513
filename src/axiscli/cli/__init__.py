"""The command line: thin commands over the axiscli library.

`axis --version` is answered before Typer is imported; every other command line goes to the
Typer app in `axiscli.cli.app`.
"""

import gc
import sys


def main() -> None:
    if sys.argv[1:] == ["--version"] and sys.stdout is not None:
        _print_version()
        return
    # Loading Typer and the commands makes some 20,000 objects for the collector to track, all
    # of them alive until the process ends: it would walk them again and again while they load,
    # and once more at exit, for nothing (about a tenth of `axis timeline --json`). Frozen, they
    # are left alone by the collections made while the command runs.
    gc.disable()
    from axiscli.cli.app import app

    gc.freeze()
    gc.enable()
    app(prog_name="axis")


def _print_version() -> None:
    from axiscli import __version__

    try:
        sys.stdout.write(f"axis {__version__}\n")
        sys.stdout.flush()
    except OSError as error:
        from axiscli.cli.app import _output_failed

        sys.exit(_output_failed(error))
