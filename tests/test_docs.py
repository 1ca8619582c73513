"""README documents every command, format and exit code, and its examples run as written."""

import contextlib
import io
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from axiscli.cli.app import app
from axiscli.errors import ExitCode
from axiscli.render import Format, default_fields
from tests.conftest import SEEDS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _section(heading: str) -> str:
    start = README.index(f"{heading}\n")
    following = re.search(r"^#{2,3} ", README[start + len(heading) :], re.M)
    return README[start : start + len(heading) + (following.start() if following else len(README))]


def _table_keys(section: str) -> set[str]:
    """The first cells of a Markdown table's rows, backticks and arguments stripped."""
    cells = re.findall(r"^\| `?(\w[\w-]*)[^|]*\|", section, re.M)
    return {cell for cell in cells if cell not in ("command", "code")}


def test_the_commands_table_lists_exactly_the_commands():
    registered = {c.name or c.callback.__name__ for c in app.registered_commands}
    assert _table_keys(_section("### Commands")) == registered


def test_the_exit_codes_table_lists_exactly_the_codes():
    assert _table_keys(_section("### Exit codes")) == {str(code.value) for code in ExitCode}


def test_the_output_section_names_every_format():
    listed = re.search(r"`--format/-f ([\w|]+)`", _section("### Output"))
    assert listed is not None
    assert listed.group(1).split("|") == [fmt.value for fmt in Format]


def _shell_examples() -> list[str]:
    """Every `axis …` line of README's sh blocks but the set-up, `;`-joined commands split."""
    blocks = re.findall(r"```sh\n(.*?)```", README, re.S)
    lines = [line.strip() for block in blocks for line in block.splitlines()]
    commands = [part.strip() for line in lines for part in line.split("; ")]
    return [command for command in commands if command.startswith("axis ")]


EXAMPLES = _shell_examples()


def test_readme_has_examples_to_run():
    assert len(EXAMPLES) >= 12


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_readme_example_runs_as_written(axis, example, monkeypatch):
    monkeypatch.chdir(ROOT)
    if "../shared/seeds" in example and not SEEDS.is_dir():
        pytest.skip(f"source texts not found at {SEEDS}")
    command, _, pipeline = example.partition(" | ")
    args = shlex.split(command, comments=True)[1:]
    result = axis(*args)
    assert result.exit_code == 0, f"{example}\n{result.stderr}"
    if pipeline and shutil.which(shlex.split(pipeline)[0]):
        shell = example.replace("axis ", f"{sys.executable} -m axiscli ", 1)
        shell = f"set -o pipefail; {shell.split(' #')[0]}"
        run = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, timeout=60)
        assert run.returncode == 0 and run.stdout, f"{example}\n{run.stderr}"


def test_the_library_example_runs_and_prints_csv():
    code = re.search(r"## Using the library.*?```python\n(.*?)```", README, re.S)
    assert code is not None
    lines = code.group(1).strip().splitlines()
    assert len(lines) <= 10
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code.group(1), "README.md", "exec"), {})
    header, *rows = printed.getvalue().splitlines()
    assert header.split(",") == default_fields("event", Format.csv)
    assert any("russia-dprk-treaty-signed" in row for row in rows)


def _example_records() -> list[dict]:
    """The records README shows in YAML; a line holding only `…` elides fields."""
    blocks = re.findall(r"```yaml\n(- (?:id|code): .*?)```", README, re.S)
    shown = ["\n".join(x for x in block.splitlines() if x.strip() != "…") for block in blocks]
    return [record for block in shown for record in yaml.safe_load(block)]


@pytest.mark.parametrize("example", _example_records(), ids=lambda r: r.get("id") or r["code"])
def test_readme_example_records_are_the_stored_ones(example):
    """Every field an example shows is what the bundled store holds (an ending `…` elides)."""
    stored = {
        record.get("id") or record.get("code"): record
        for name in ("sources", "actors", "events", "figures")
        for record in yaml.safe_load((ROOT / "data" / f"{name}.yaml").read_text(encoding="utf-8"))
    }
    record = stored[example.get("id") or example["code"]]
    for key, value in example.items():
        if isinstance(value, str) and value.endswith("…"):
            assert str(record.get(key, "")).startswith(value.removesuffix("…").strip()), key
        else:
            assert record.get(key) == value, key
