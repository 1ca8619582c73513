"""Start-up: each command line imports only what it needs. Never timed here (benchmarks/ times
it); these tests pin which modules a command loads, and that the shortcuts taken to avoid the
rest (the `--version` fast path, commands built on demand, coercion without pydantic) answer
exactly as Typer would."""

import inspect
import json
import os
import subprocess
import sys
from enum import Enum
from importlib.util import find_spec
from pathlib import Path
from typing import Any, get_args, get_origin

import pytest
import typer
from typer._click.exceptions import ClickException
from typer._coercion import build_runtime_param
from typer.main import get_command
from typer.testing import CliRunner

from axiscli import __version__
from axiscli.cli.app import COMMAND_ORDER, AxisGroup, _PlainCoercion, app
from axiscli.cli.output import note
from tests.conftest import STORE

# What a command loads only when it needs it: the store's parsers and model, the terminal views,
# the citation processor, the compiled index.
STORE_MODULES = ("pydantic", "yaml", "dateutil", "citeproc", "sqlite3")
VIEW_MODULES = ("rich",)
# What a question answered from a current index loads only when it needs it: the dates parser
# (for a window), the query parser, the row builders (for views and text formats), and what
# writing an index takes.
QUESTION_MODULES = ("axiscli.dates", "axiscli.query", "axiscli.render.rows", "tempfile")
# What only the commands that write or compare the store load.
CURATION_MODULES = ("filelock", "axiscli.curate", "axiscli.diff", "axiscli.render.diff")
# What only `axis figure --plot` loads: the plotting library (the `plot` extra).
PLOT_MODULES = ("matplotlib", "axiscli.render.plot")

# Runs `axis ARGS` as the console script does, then writes its exit code and which of the watched
# top-level modules it loaded.
_RUNNER = """
import json, sys
args, watched, report = json.loads(sys.argv[1]), json.loads(sys.argv[2]), sys.argv[3]
sys.argv = ["axis", *args]
from axiscli.cli import main
code = 0
try:
    main()
except SystemExit as done:
    code = done.code
with open(report, "w") as out:
    json.dump({"code": code, "loaded": [m for m in watched if m in sys.modules]}, out)
"""

WATCHED = (
    "typer",
    *VIEW_MODULES,
    *STORE_MODULES,
    *QUESTION_MODULES,
    *CURATION_MODULES,
    *PLOT_MODULES,
)


def _run(tmp_path: Path, *args: str, columns: int = 120) -> tuple[dict[str, Any], str, str]:
    report = tmp_path / "report.json"
    done = subprocess.run(
        [sys.executable, "-c", _RUNNER, json.dumps(args), json.dumps(WATCHED), str(report)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": str(columns)},
    )
    return json.loads(report.read_text()), done.stdout, done.stderr


def test_version_is_answered_before_typer_is_imported(tmp_path):
    result, stdout, stderr = _run(tmp_path, "--version")
    assert (result, stdout, stderr) == ({"code": 0, "loaded": []}, f"axis {__version__}\n", "")


def test_help_lists_every_command_with_its_line_without_loading_the_store(tmp_path):
    result, stdout, _ = _run(tmp_path, "--help", columns=220)
    assert result["code"] == 0
    assert not set(result["loaded"]) & {*STORE_MODULES, *QUESTION_MODULES}
    listed = [line.split()[1] for line in stdout.splitlines() if line.startswith("│ ")]
    assert listed[-len(COMMAND_ORDER) :] == list(COMMAND_ORDER)
    for info in app.registered_commands:
        assert info.callback is not None
        first = " ".join(str(inspect.getdoc(info.callback)).split("\n\n")[0].split())
        assert first in stdout, first


def test_command_order_names_every_command():
    registered = {info.name or info.callback.__name__ for info in app.registered_commands}
    assert set(COMMAND_ORDER) == registered


def test_the_cli_modules_load_nothing_heavy_on_import():
    code = f"import sys, axiscli.cli.app; print([m for m in {WATCHED[1:]!r} if m in sys.modules])"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("window", "needed"),
    [
        ((), {"axiscli.query"}),
        (("--since", "2023-06", "--until", "2024"), {"axiscli.query", "axiscli.dates"}),
    ],
)
def test_a_json_listing_loads_neither_the_views_nor_the_model(tmp_path, window, needed):
    args = ("timeline", "--actor", "DPRK", "--domain", "military", "-n", "3", "--json", *window)
    _run(tmp_path, *args)  # the first run may compile the store's index
    result, stdout, _ = _run(tmp_path, *args)
    assert result["code"] == 0 and json.loads(stdout)
    unneeded = {*VIEW_MODULES, "pydantic", "yaml", "dateutil", "citeproc", *QUESTION_MODULES}
    assert set(result["loaded"]) & {*unneeded, *CURATION_MODULES, *PLOT_MODULES} == needed


@pytest.mark.parametrize("view", [(), ("--chart",), ("--per", "year"), ("--json",)])
def test_figure_loads_the_plotting_library_only_to_plot(tmp_path, view):
    result, stdout, _ = _run(tmp_path, "figure", "exercises", *view)
    assert result["code"] == 0 and "exercises" in stdout
    assert not set(result["loaded"]) & set(PLOT_MODULES)


@pytest.mark.skipif(find_spec("matplotlib") is None, reason="the plot extra is not installed")
def test_figure_plot_loads_the_plotting_library(tmp_path):
    result, _, _ = _run(tmp_path, "figure", "exercises", "--plot", str(tmp_path / "x.svg"))
    assert result["code"] == 0
    assert set(result["loaded"]) >= set(PLOT_MODULES)


def test_show_loads_no_query_parser(tmp_path):
    _run(tmp_path, "show", "russia-dprk-treaty-signed")
    result, stdout, _ = _run(tmp_path, "show", "russia-dprk-treaty-signed")
    assert result["code"] == 0 and "russia-dprk-treaty-signed" in stdout
    assert "axiscli.query" not in result["loaded"] and "tempfile" not in result["loaded"]


def test_a_command_runs_with_the_garbage_collector_on():
    """Start-up pauses the collector and freezes what it loaded (`cli.main`); the command
    itself must run with the collector on, or a long one would never free a cycle."""
    code = (
        "import gc, sys\n"
        "from axiscli.cli import main, app\n"
        "@app.app.command()\n"
        "def probe() -> None:\n"
        "    print(gc.isenabled(), gc.get_freeze_count() > 0)\n"
        "sys.argv = ['axis', 'probe']\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout == "True True\n"


def test_a_usage_error_loads_no_view(tmp_path):
    result, stdout, stderr = _run(tmp_path, "timeline", "--bogus")
    assert result["code"] == 2 and stdout == ""
    assert stderr.startswith("Error: No such option: --bogus")
    assert not set(result["loaded"]) & {*VIEW_MODULES, *STORE_MODULES}


@pytest.mark.parametrize(
    "args",
    [
        ["timelin"],
        ["timeline", "--limit", "0"],
        ["timeline", "--format", "nope"],
        ["figure", "--sort", "x"],
        ["timeline", "--data", str(STORE / "events.yaml"), "--no-bundled", "--json"],
    ],
)
def test_the_console_script_answers_errors_as_the_test_runner_does(tmp_path, args):
    """The console script builds commands on demand (`AxisTyper.lazy_group`); the in-process
    runner lets Typer build them all: the two must not differ."""
    result, stdout, stderr = _run(tmp_path, *args)
    expected = CliRunner().invoke(app, args, prog_name="axis")
    assert (result["code"], stdout, stderr) == (
        expected.exit_code,
        expected.stdout,
        expected.stderr,
    )


def test_the_group_built_on_demand_is_the_group_typer_builds():
    eager = get_command(app)
    lazy = app.lazy_group()
    assert isinstance(eager, AxisGroup) and isinstance(lazy, AxisGroup)
    context = typer.Context(lazy)
    assert lazy.list_commands(context) == eager.list_commands(context) == list(COMMAND_ORDER)
    for name in COMMAND_ORDER:
        built, expected = lazy.get_command(context, name), eager.get_command(context, name)
        assert built is not None and expected is not None
        assert type(built) is type(expected)
        assert built.help == expected.help
        assert [p.opts for p in built.params] == [p.opts for p in expected.params]
    assert [p.opts for p in lazy.params] == [p.opts for p in eager.params]


def test_the_cite_styles_offered_are_the_renderers():
    from axiscli.cli import cite
    from axiscli.render import cite as render_cite

    assert cite.STYLES == render_cite.STYLES


def test_a_note_is_printed_as_written(capsys):
    note("Error: [bold]'x'[/bold] :smile:\tand\x1b[2J")
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "Error: [bold]'x'[/bold] :smile:\tand\\x1b[2J\n"


# --- coercion without pydantic gives Typer's own answers -------------------------------------


def _samples(annotation: Any, existing: Path) -> list[Any]:
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        singles = _samples(item, existing)
        return [(), *[(value,) for value in singles], tuple(singles[:2]), "not-a-list"]
    if annotation is str:
        return ["DPRK", "", "North Korea", "x\x1b[2Jy", 3]
    if annotation is int:
        return [
            "1",
            "12",
            "007",
            "0",
            "-1",
            "+2",
            " 3",
            "1.0",
            "1_000",
            "٣",
            "x",
            "9" * 30,
            4,
            True,
        ]
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        values = [member.value for member in annotation]
        return [*values, next(iter(annotation)), values[0].upper(), "nope", ""]
    if isinstance(annotation, type) and issubclass(annotation, Path):
        return [".", str(existing), str(existing / "missing"), "", "-", existing]
    return []


def _outcome(coercion: Any, value: Any, param: Any, context: Any) -> tuple[str, Any]:
    try:
        return "value", coercion.coerce(value, param=param, ctx=context)
    except ClickException as error:
        return "error", error.format_message()


def _parameters() -> list[tuple[str, Any]]:
    group = get_command(app)
    assert isinstance(group, AxisGroup)
    context = typer.Context(group)
    commands = [("axis", group)] + [
        (name, group.get_command(context, name)) for name in group.list_commands(context)
    ]
    return [
        (f"{name} {param.name}", param)
        for name, command in commands
        for param in command.params
        if hasattr(param, "type_descriptor")
    ]


PARAMETERS = _parameters()


@pytest.mark.parametrize(("name", "param"), PARAMETERS, ids=[name for name, _ in PARAMETERS])
def test_every_parameter_is_coerced_as_typer_coerces_it(name, param, tmp_path):
    context = typer.Context(typer.main.get_command(app))
    typers = build_runtime_param(param.type_descriptor)
    samples = [None, *_samples(param.type_descriptor.annotation, tmp_path)]
    for value in samples:
        got = _outcome(_PlainCoercion(), value, param, context)
        assert got == _outcome(typers, value, param, context), (name, value)
