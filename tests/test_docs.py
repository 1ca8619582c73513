"""README documents every command, format and exit code the CLI has."""

from pathlib import Path

import pytest

from axiscli.cli.app import app
from axiscli.cli.options import Format
from axiscli.errors import ExitCode

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "command", [c.name or c.callback.__name__ for c in app.registered_commands]
)
def test_readme_documents_every_command(command):
    assert f"| `{command}" in README


def test_readme_documents_every_format_and_exit_code():
    for fmt in Format:
        assert fmt.value in README
    for code in ExitCode:
        assert f"| {code.value} |" in README
