"""The command line as a whole: help, data folders, exit codes, pipes."""

import json
import os
import re
import shlex
import shutil
import subprocess
import sys

import pytest

from axiscli.cli.app import app
from axiscli.errors import ExitCode
from tests.conftest import FIXTURES, STORE, ids

COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)


def test_every_command_is_registered():
    assert COMMANDS == sorted(
        [
            "actors",
            "add",
            "assess",
            "brief",
            "check",
            "claimants",
            "cite",
            "diff",
            "disputes",
            "edit",
            "export",
            "figure",
            "import",
            "metrics",
            "people",
            "rm",
            "schema",
            "search",
            "show",
            "sources",
            "stats",
            "tags",
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
        (["--no-bundled"], "--data: no store to read: the bundled store is left out"),
    ],
)
def test_bad_data_folders_are_usage_errors(axis, args, message):
    result = axis("timeline", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stderr.count("\n") == 1


def _axis_process(*args: str) -> list[str]:
    return [sys.executable, "-m", "axiscli", *args]


def _shell(command: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run a shell line in which `axis` is this checkout's program."""
    line = command.replace("axis ", f"{shlex.join(_axis_process())} ", 1)
    environment = {**os.environ, **env}
    return subprocess.run(
        ["bash", "-c", line], capture_output=True, text=True, timeout=60, env=environment
    )


def test_a_reader_that_stops_early_ends_quietly():
    """More than a pipe buffer (64 KiB) is written, so the write really meets a closed pipe."""
    whole = _shell("axis timeline --json")
    assert len(whole.stdout.encode()) > 65536
    result = _shell('axis timeline --json | head -1; echo "status=${PIPESTATUS[0]}"')
    assert result.stdout.splitlines() == ["[", "status=0"]
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("redirect", "message"),
    [
        ("> /dev/full", "Error: cannot write the output: No space left on device"),
        (">&-", "Error: standard output is closed"),
    ],
)
def test_a_full_or_closed_stdout_is_one_message_and_the_output_code(redirect, message):
    result = _shell(f"axis timeline --json {redirect}")
    assert result.returncode == ExitCode.OUTPUT
    assert result.stderr.startswith(message)
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "C", "LANG": "C"}])
def test_a_narrow_stdout_encoding_still_prints(env):
    result = _shell("axis show russia-dprk-treaty-signed -f plain", **env)
    assert result.returncode == 0, result.stderr
    assert "russia-dprk-treaty-signed" in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["timeline", "--bogus"],
        ["timeline", "--limit", "zero"],
        ["timeline", "--domain", "space"],
        ["show"],
        ["nonsense"],
    ],
)
def test_usage_errors_are_one_line_and_a_hint(axis, args):
    result = axis(*args)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith("Error: ") and len(lines) <= 2, result.stderr
    assert not any(box in result.stderr for box in "╭│╰")


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_names_values_in_words(axis, command):
    result = axis(*command.split(), "--help", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert not re.search(r"<(bool|str|int|list|text|path)", result.stdout), result.stdout


def test_completion_offers_the_store_names():
    def complete(*words: str) -> list[str]:
        env = {"_AXIS_COMPLETE": "complete_bash", "COMP_WORDS": " ".join(["axis", *words])}
        env["COMP_CWORD"] = str(len(words))
        result = subprocess.run(
            _axis_process(), capture_output=True, text=True, timeout=60, env={**os.environ, **env}
        )
        return result.stdout.split()

    assert "PRK" in complete("timeline", "--actor", "PR")
    assert "russia-dprk-treaty-signed" in complete("show", "russia-dprk-t")
    assert "troops.dprk-in-russia" in complete("figure", "troops.")
    assert "treaty" in complete("timeline", "--tag", "trea")


def test_completion_can_be_installed():
    result = _shell("axis --show-completion bash")
    assert result.returncode == 0 and "_AXIS_COMPLETE=complete_bash" in result.stdout


def test_python_dash_m_runs_the_same_cli():
    result = subprocess.run(
        _axis_process("figure", "trade", "--json"), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    assert json.loads(result.stdout)


def test_error_messages_never_carry_control_characters(axis):
    result = axis("timeline", "--actor", "X\x1b[2JY")
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "X\\x1b[2JY" in result.stderr


def test_help_lists_everyday_commands_first(axis):
    listed = re.findall(r"^│ (\w+) ", axis("--help", env={"COLUMNS": "120"}).stdout, re.M)
    assert listed[:4] == ["timeline", "figure", "show", "search"]
    assert sorted(listed) == COMMANDS


def test_a_bad_choice_names_the_choices_in_plain_words(axis):
    result = axis("timeline", "--format", "nope")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "Error: Invalid value for '--format' / '-f': 'nope' is not one of 'table', "
    )
