"""The top-level help page without Typer (`cli.helppage`): the page Typer prints, the page laid
out again from the texts kept, and the page kept, must not differ by a byte, at any width, with
colour or without; and what is kept must never outlive a change to what it was read from."""

import inspect
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from axiscli.cli import helppage
from axiscli.cli.app import COMMAND_ORDER, app
from axiscli.errors import ExitCode

# Runs `axis ARGS` as the console script does; reports its exit code and whether it loaded Typer
# and Rich.
_RUNNER = """
import json, sys
args, report = json.loads(sys.argv[1]), sys.argv[2]
sys.argv = ["axis", *args]
from axiscli.cli import main
code = 0
try:
    main()
except SystemExit as done:
    code = done.code
with open(report, "w") as out:
    json.dump({"code": code, "typer": "typer" in sys.modules, "rich": "rich" in sys.modules}, out)
"""

COLOUR = {"FORCE_COLOR": "1", "COLORTERM": "truecolor"}


def _axis(
    cache: Path, args: list[str], columns: int, env: dict[str, str] | None = None
) -> tuple[dict[str, Any], str, str]:
    report = cache.parent / "report.json"
    done = subprocess.run(
        [sys.executable, "-c", _RUNNER, json.dumps(args), str(report)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "AXIS_CACHE_DIR": str(cache), "COLUMNS": str(columns), **(env or {})},
    )
    return json.loads(report.read_text()), done.stdout, done.stderr


@pytest.mark.parametrize("args", [["--help"], ["-h"], []], ids=["--help", "-h", "no-args"])
@pytest.mark.parametrize("colour", [False, True], ids=["plain", "colour"])
@pytest.mark.parametrize("columns", [40, 80, 120])
def test_the_page_is_the_one_typer_prints(tmp_path, args, colour, columns):
    cache = tmp_path / "cache"
    env = COLOUR if colour else {}
    typers, laid_out, kept = (_axis(cache, args, columns, env) for _ in range(3))
    assert typers[0]["typer"] and not laid_out[0]["typer"] and not kept[0]["typer"]
    assert laid_out[0]["rich"] and not kept[0]["rich"]
    assert typers[1:] == laid_out[1:] == kept[1:]
    assert typers[0]["code"] == laid_out[0]["code"] == kept[0]["code"] == (0 if args else 2)
    assert ("\x1b[" in typers[1]) is colour
    assert "Commands" in typers[1] and "Usage: " in typers[1]


@pytest.mark.parametrize("columns", [20, 57, 100, 200])
def test_odd_widths_too(tmp_path, columns):
    cache = tmp_path / "cache"
    typers, laid_out, kept = (_axis(cache, ["--help"], columns, COLOUR) for _ in range(3))
    assert typers[1:] == laid_out[1:] == kept[1:]


def _kept(cache: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AXIS_CACHE_DIR", str(cache))
    return Path(helppage._path())


def test_a_page_is_kept_for_each_terminal(tmp_path, monkeypatch):
    """One kept file serves several terminals, each with the page laid out for it."""
    cache = tmp_path / "cache"
    reference = {}
    for columns, env in [(80, {}), (120, {}), (120, COLOUR), (80, {"NO_COLOR": "1", **COLOUR})]:
        fresh = tmp_path / f"fresh-{len(reference)}"
        reference[(columns, str(env))] = _axis(fresh, ["--help"], columns, env)[1:]
    for _ in range(2):
        for columns, env in [(80, {}), (120, {}), (120, COLOUR), (80, {"NO_COLOR": "1", **COLOUR})]:
            assert _axis(cache, ["--help"], columns, env)[1:] == reference[(columns, str(env))]
    kept = helppage.marshal.loads(_kept(cache, monkeypatch).read_bytes())
    assert len(kept["pages"]) == 4


def test_every_command_is_on_the_page_with_its_first_line():
    texts = helppage.page_texts(app)
    assert texts is not None
    (listed,) = texts["commands"].values()
    assert [name for name, _ in listed] == list(COMMAND_ORDER)
    registered = {(info.name or info.callback.__name__) for info in app.registered_commands}
    assert {name for name, _ in listed} == registered
    for info in app.registered_commands:
        name = info.name or info.callback.__name__
        first = inspect.getdoc(info.callback).split("\n\n")[0].strip()
        assert [name, first] in listed


def test_a_changed_or_added_module_is_read_again(tmp_path, monkeypatch):
    """The kept texts are keyed by every module of `axiscli.cli`: a new command (a new module,
    or a line in one) goes to Typer, which reads it, and is kept from then on."""
    cli = tmp_path / "cli"
    cli.mkdir()
    (cli / "explore.py").write_text("x = 1\n")
    monkeypatch.setattr(helppage, "_CLI", str(cli))
    helppage.remember(app)
    assert helppage._read(None) is not None
    (cli / "assess.py").write_text("y = 2\n")
    assert helppage._read(None) is None
    helppage.remember(app)
    assert helppage._read(None) is not None
    (cli / "explore.py").write_text("x = 10\n")
    assert helppage._read(None) is None


def test_a_new_version_or_language_reads_the_texts_again(monkeypatch):
    helppage.remember(app)
    assert helppage._read(None) is not None
    monkeypatch.setenv("LANGUAGE", "fr")
    assert helppage._read(None) is None
    monkeypatch.delenv("LANGUAGE")
    assert helppage._read(None) is not None
    monkeypatch.setattr("axiscli.__version__", "99.0")
    assert helppage._read(None) is None


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", b"\xe3" * 40])
def test_a_damaged_file_is_ignored(tmp_path, monkeypatch, damage):
    cache = tmp_path / "cache"
    expected = _axis(cache, ["--help"], 80)
    path = _kept(cache, monkeypatch)
    assert path.is_file()
    path.write_bytes(damage)
    again = _axis(cache, ["--help"], 80)
    assert again[0]["typer"] and again[1:] == expected[1:]


def test_a_cache_folder_that_cannot_be_written_costs_only_speed(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    first, second = (_axis(blocked, ["--help"], 80) for _ in range(2))
    assert first[0]["code"] == second[0]["code"] == 0 and second[0]["typer"]
    assert first[1:] == second[1:] and first[2] == ""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_reported_as_typer_reports_it(tmp_path):
    cache = tmp_path / "cache"
    _axis(cache, ["--help"], 80)
    _axis(cache, ["--help"], 80)  # kept from here on
    reports = []
    for env in ({"TYPER_USE_RICH": "1"}, {}):  # Typer's page, then the kept one
        report = tmp_path / "report.json"
        with open("/dev/full", "w") as full:
            done = subprocess.run(
                [sys.executable, "-c", _RUNNER, json.dumps(["--help"]), str(report)],
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
                timeout=120,
                env={**os.environ, "AXIS_CACHE_DIR": str(cache), "COLUMNS": "80", **env},
            )
        result = json.loads(report.read_text())
        reports.append((result["code"], done.stderr))
    failed = (ExitCode.OUTPUT, "Error: cannot write the output: No space left on device\n")
    assert reports == [failed, failed]


def test_typer_only_settings_leave_the_page_to_typer(tmp_path):
    cache = tmp_path / "cache"
    _axis(cache, ["--help"], 80)
    result, stdout, _ = _axis(cache, ["--help"], 80, {"TYPER_USE_RICH": "0"})
    assert result["typer"] and "╭" not in stdout
