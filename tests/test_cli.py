"""The command line as a whole: help, data folders, exit codes, pipes."""

import json
import os
import shutil
import subprocess
import sys

import pytest

from axiscli.cli.app import app
from tests.conftest import FIXTURES, STORE, ids

COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)


def test_every_command_is_registered():
    assert COMMANDS == sorted(
        [
            "actors",
            "check",
            "cite",
            "figure",
            "schema",
            "search",
            "show",
            "sources",
            "stats",
            "timeline",
        ]
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_that_leads_with_an_example(axis, command):
    result = axis(command, "--help")
    assert result.exit_code == 0
    assert "Example: axis " in result.stdout


def test_version(axis):
    from axiscli import __version__

    assert axis("--version").stdout.strip() == f"axis {__version__}"


def test_user_store_merges_with_others_and_cites_their_sources(axis):
    result = axis(
        "timeline", "--no-bundled", "--data", STORE, "--data", FIXTURES / "extra", "--json"
    )
    assert "user-note" in ids(result)


def test_axis_data_environment_variable_adds_stores(axis):
    env = {"AXIS_DATA": os.pathsep.join([str(STORE), str(FIXTURES / "extra")])}
    assert "user-note" in ids(axis("timeline", "--no-bundled", "--json", env=env))


def test_clashing_ids_between_stores_name_both_files(axis, tmp_path):
    shutil.copytree(STORE, tmp_path / "copy")
    result = axis("check", "--no-bundled", "--data", STORE, "--data", tmp_path / "copy")
    assert result.exit_code == 1
    assert (
        f"{tmp_path / 'copy' / 'events.yaml'}:1: 'treaty-signed': duplicate record id; "
        f"first used at {STORE / 'events.yaml'}:1" in result.stdout
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--data", "/no/such/folder"], "data folder '/no/such/folder' does not exist"),
        (["--data", str(FIXTURES)], "is not a store folder"),
        (["--no-bundled"], "--no-bundled needs --data DIR or AXIS_DATA"),
    ],
)
def test_bad_data_folders_are_usage_errors(axis, args, message):
    result = axis("timeline", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stderr.count("\n") == 1


def _axis_process(*args: str) -> list[str]:
    return [sys.executable, "-m", "axiscli", *args]


def test_a_closed_pipe_ends_quietly():
    shell = f"{' '.join(_axis_process('timeline'))} | head -1"
    result = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, timeout=60)
    assert len(result.stdout.splitlines()) == 1
    assert result.stderr == ""


def test_python_dash_m_runs_the_same_cli():
    result = subprocess.run(
        _axis_process("figure", "trade", "--json"), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    assert json.loads(result.stdout)
