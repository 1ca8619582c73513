"""Hostile stores: text files outside the texts folder, and small YAML files built to take the
machine down (alias and merge-key bombs, deep nesting, thousands of unknown keys, Python tags).

Each case runs axis in a subprocess with a time limit, and asserts the exit code, the problem
with its file:line, no traceback, and the store's files unchanged.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from axiscli.store import yaml_io

TIMEOUT = 10  # seconds: a bound, not a benchmark

SOURCE = "- id: src\n  title: Source\n  kind: analysis\n  text_file: {text_file}\n"
ACTORS = "- code: AAA\n  name: Aland\n  kind: state\n"
EVENT = (
    "- id: ev\n"
    '  date: "2024"\n'
    "  title: Event\n"
    "  summary: Something happened.\n"
    "  actors: [AAA]\n"
    "  domain: diplomatic\n"
    "  citations:\n"
    "    - source: src\n"
    '      quote: "the secret words"\n'
)


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "axiscli", *(str(arg) for arg in args)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env={**os.environ, "COLUMNS": "400"},
    )


def _store(folder: Path, files: dict[str, str | bytes]) -> dict[Path, bytes]:
    """A store of these files in `folder`; the bytes of each, to compare with afterwards."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, content in files.items():
        path = folder / name
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(data)
        written[path] = data
    return written


def _unchanged(written: dict[Path, bytes]) -> None:
    for path, data in written.items():
        assert path.read_bytes() == data, path


def _no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream
        assert "RecursionError" not in stream


# --- text files outside the texts folder -------------------------------------------------------


def _outside(tmp_path: Path, texts: Path) -> str:
    """A text file outside `texts` that holds the quote: were it read, the quote would stand."""
    secret = tmp_path / "secret.txt"
    secret.write_text("the secret words\n", encoding="utf-8")
    (texts / "link.txt").symlink_to(secret)
    (texts / "inner").mkdir()
    (texts / "inner" / "up.txt").symlink_to(Path("..") / ".." / "secret.txt")
    return str(secret)


OUTSIDE = {
    "an absolute path": "/etc/passwd",
    "an absolute path to the secret": "{secret}",
    "a path up and out": "../secret.txt",
    "a path in and up and out": "inner/../../secret.txt",
    "a symlink out": "link.txt",
    "a relative symlink out": "inner/up.txt",
    "the process environment": "/proc/self/environ",
}


@pytest.mark.parametrize("text_file", OUTSIDE.values(), ids=OUTSIDE.keys())
def test_a_text_file_outside_the_texts_folder_is_refused_unread(tmp_path, text_file):
    texts = tmp_path / "texts"
    texts.mkdir()
    secret = _outside(tmp_path, texts)
    text_file = text_file.format(secret=secret)
    data = tmp_path / "store"
    written = _store(
        data,
        {
            "sources.yaml": SOURCE.format(text_file=f'"{text_file}"'),
            "actors.yaml": ACTORS,
            "events.yaml": EVENT,
        },
    )
    result = _run("check", "--no-bundled", "--data", data, "--texts", texts)
    assert result.returncode == 1, result
    _no_traceback(result)
    assert result.stdout.splitlines() == [
        f"{data / 'sources.yaml'}:4: 'src': text_file '{text_file}' must name a file inside "
        f"the texts folder {texts} (give a name relative to that folder, with no '..', and no "
        "symlink out of it)"
    ]
    _unchanged(written)


def test_a_symlink_inside_the_texts_folder_to_a_file_inside_it_is_read(tmp_path):
    texts = tmp_path / "texts"
    (texts / "real").mkdir(parents=True)
    (texts / "real" / "text.txt").write_text("not the words\n", encoding="utf-8")
    (texts / "link.txt").symlink_to(Path("real") / "text.txt")
    data = tmp_path / "store"
    _store(
        data,
        {
            "sources.yaml": SOURCE.format(text_file="link.txt"),
            "actors.yaml": ACTORS,
            "events.yaml": EVENT,
        },
    )
    result = _run("check", "--no-bundled", "--data", data, "--texts", texts)
    assert result.returncode == 1
    _no_traceback(result)
    assert result.stdout.splitlines() == [
        f"{data / 'events.yaml'}:9: 'ev': quote not found verbatim in src "
        "(copy it from the text again)"
    ]


def test_a_source_text_that_is_not_utf8_is_a_problem(tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "latin.txt").write_bytes("the secret words, café\n".encode("latin-1"))
    data = tmp_path / "store"
    written = _store(
        data,
        {
            "sources.yaml": SOURCE.format(text_file="latin.txt"),
            "actors.yaml": ACTORS,
            "events.yaml": EVENT,
        },
    )
    result = _run("check", "--no-bundled", "--data", data, "--texts", texts)
    assert result.returncode == 1
    _no_traceback(result)
    assert result.stdout.splitlines() == [
        f"{data / 'sources.yaml'}:4: 'src': text 'latin.txt' is not UTF-8 (save it as UTF-8)"
    ]
    _unchanged(written)


# --- small files that would take the machine down ----------------------------------------------


def _laughs() -> str:
    """Nine aliases a level, nine levels: 9**9 nodes from a few hundred bytes."""
    text = '- id: a\n  title: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    previous = "a"
    for name in "bcdefghi":
        text += f"  {name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
        previous = name
    return text


def _merges() -> str:
    """Each record merges the one before it twice: 2**30 pairs from about 600 bytes."""
    text = "- &a {id: x, kind: state}\n"
    previous = "a"
    for number in range(30):
        name = f"m{number}"
        text += f"- &{name}\n  <<: [*{previous}, *{previous}]\n  {name}: 1\n"
        previous = name
    return text


def _deep_flow() -> str:
    return "- " + "[" * 10_000 + "]" * 10_000 + "\n"


def _deep_block() -> str:
    return "- id: a\n  k:\n" + "".join(" " * (2 * level + 4) + "k:\n" for level in range(200))


def _deep_compact() -> str:
    return "- " + "- " * 10_000 + "x\n"


def _deep_enough_to_crash() -> str:
    # libyaml's composer recurses in C: this deep, unguarded, it ends in a segmentation fault.
    return "- " + "[" * 200_000 + "]" * 200_000 + "\n"


HOSTILE = {
    "billion laughs": (_laughs, 6, "refused: its aliases expand beyond 10000 nodes"),
    "merge-key bomb": (_merges, 30, "refused: its aliases expand beyond 10000 nodes"),
    "10,000 flow levels": (_deep_flow, 1, "refused: the data nests deeper than 64 levels"),
    "200 block levels": (_deep_block, 65, "refused: the data nests deeper than 64 levels"),
    "10,000 compact levels": (_deep_compact, 1, "refused: the data nests deeper than 64 levels"),
    "200,000 flow levels": (_deep_enough_to_crash, 1, "refused: the data nests deeper than 64"),
    "a python object tag": (
        lambda: "- id: a\n  title: !!python/object/apply:os.system ['touch {marker}']\n",
        2,
        "invalid YAML: could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system'",
    ),
    "a python name tag": (
        lambda: "- !!python/name:os.system\n",
        1,
        "invalid YAML: could not determine a constructor",
    ),
    "a custom tag": (lambda: "- id: a\n  title: !secret x\n", 2, "invalid YAML: could not"),
    "a 5,000-digit number": (
        lambda: "- id: a\n  title: T\n  n: " + "9" * 5000 + "\n",
        3,
        "invalid YAML: the number is too long (5000 characters) (write it with fewer digits, "
        "or quote it as text)",
    ),
}


@pytest.mark.parametrize("make, line, message", HOSTILE.values(), ids=HOSTILE.keys())
@pytest.mark.parametrize("command", ["check", "sources"])
def test_a_hostile_store_file_is_refused_quickly_with_its_line(
    tmp_path, make, line, message, command
):
    marker = tmp_path / "executed"
    data = tmp_path / "store"
    written = _store(data, {"sources.yaml": make().replace("{marker}", str(marker))})
    result = _run(command, "--no-bundled", "--data", data)
    assert result.returncode == 1, result
    _no_traceback(result)
    where = f"{data / 'sources.yaml'}:{line}: {message}"
    if command == "check":
        assert len(result.stdout.splitlines()) == 1
        assert result.stdout.startswith(where)
    else:
        assert result.stdout == ""
        assert len(result.stderr.splitlines()) == 1
        assert result.stderr.startswith(f"Error: {where}")
    assert not marker.exists()
    _unchanged(written)


def test_thousands_of_unknown_keys_are_each_reported_in_linear_time(tmp_path):
    keys = "".join(f"  unknown_key_{number:06d}: v\n" for number in range(25_000))
    data = tmp_path / "store"
    written = _store(data, {"sources.yaml": f"- id: a\n  title: T\n  kind: analysis\n{keys}"})
    assert (data / "sources.yaml").stat().st_size > 590_000
    result = _run("check", "--no-bundled", "--data", data)
    assert result.returncode == 1
    _no_traceback(result)
    lines = result.stdout.splitlines()
    assert len(lines) == 25_000
    assert lines[-1] == (
        f"{data / 'sources.yaml'}:25003: 'a': unknown field 'unknown_key_024999' "
        "(remove it or fix its spelling)"
    )
    _unchanged(written)


def test_aliases_within_the_budget_still_load():
    text = "- id: a\n  tags: &t [x, y]\n- id: b\n  tags: *t\n- &c {id: c}\n- <<: *c\n  n: 1\n"
    assert yaml_io.parse(text).data == [
        {"id": "a", "tags": ["x", "y"]},
        {"id": "b", "tags": ["x", "y"]},
        {"id": "c"},
        {"id": "c", "n": 1},
    ]


def test_nesting_up_to_the_limit_still_loads():
    deepest = "[" * yaml_io.MAX_DEPTH + "]" * yaml_io.MAX_DEPTH
    assert yaml_io.parse(deepest).data is not None
    with pytest.raises(yaml_io.TooDeep):
        yaml_io.parse(f"[{deepest}]")


def test_a_long_text_of_many_shallow_lists_is_measured_and_still_loads():
    text = "- [x, {y: [z]}]\n" * 5_000  # enough brackets to be measured on its events first
    assert yaml_io.parse(text).data == [["x", {"y": ["z"]}]] * 5_000
