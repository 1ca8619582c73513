"""The command line: thin commands over the axiscli library.

`axis --version` is answered before Typer is imported; every other command line goes to the
Typer app in `axiscli.cli.app`.
"""

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"] and sys.stdout is not None:
        _print_version()
        return
    from axiscli.cli.app import app

    app(prog_name="axis")


def _print_version() -> None:
    from axiscli import __version__

    try:
        sys.stdout.write(f"axis {__version__}\n")
        sys.stdout.flush()
    except OSError as error:
        from axiscli.cli.app import _output_failed

        sys.exit(_output_failed(error))
