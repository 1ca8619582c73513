"""Curating never loses or corrupts a record: writers started at once all get in, one after
the other, and a writer killed at any instant leaves the old file or the new one."""

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import yaml

from axiscli.check import check_store
from axiscli.store import load_store
from tests.conftest import STORE

WRITERS = 20


def _copy(tmp_path: Path) -> Path:
    store = tmp_path / "store"
    shutil.copytree(STORE, store, ignore=shutil.ignore_patterns("texts"))
    return store


def _axis(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "axiscli", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_writers_started_at_once_all_get_in(tmp_path: Path) -> None:
    store = _copy(tmp_path)
    old = (store / "events.yaml").read_text()
    # Every writer adds the same record: each must see the others' ids to make its own.
    args = ["add", "event", "--date", "2024-07-01", "--title", "Leaders meet",
            "--summary", "They met.", "--actor", "RUS", "--actor", "DPRK",
            "--domain", "diplomatic", "--source", "alpha-report", "--quote", "q",
            "--data", str(store), "--no-bundled"]  # fmt: skip
    writers = [
        subprocess.Popen(
            [sys.executable, "-m", "axiscli", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(WRITERS)
    ]
    said = [writer.communicate(timeout=120) for writer in writers]
    assert [writer.returncode for writer in writers] == [0] * WRITERS, said
    stem = "2024-07-01-leaders-meet"
    made = sorted(out.strip() for out, _ in said)
    assert made == sorted([stem, *(f"{stem}-{n}" for n in range(2, WRITERS + 1))])
    new = (store / "events.yaml").read_text()
    assert new.startswith(old)  # what was there is still there, byte for byte
    records = yaml.safe_load(new)
    assert len(records) == len(yaml.safe_load(old)) + WRITERS
    assert sorted(record["id"] for record in records[-WRITERS:]) == made
    check = _axis("check", "--data", store, "--no-bundled")
    assert check.returncode == 0, check.stderr
    assert check.stdout.startswith("OK: ")
    assert not list(store.rglob("*.tmp"))


# A writer that adds events in a loop until it is killed, saying each id once it is written.
_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from axiscli.curate import add_records

    store = Path(sys.argv[1])
    start = int(sys.argv[2])

    def event(n):
        return {
            "id": f"killed-{n}",
            "date": "2024-07-01",
            "title": f"Written by a writer killed at random, number {n}",
            "summary": "Nothing happened. " * 8,
            "actors": ["RUS", "PRK"],
            "domain": "diplomatic",
            "citations": [{"source": "alpha-report", "quote": "q", "claimant": "someone"}],
        }

    add_records([store], store, [("event", event(start))], dry_run=True)  # imports done
    print("ready", flush=True)
    for n in range(start, start + 10_000):
        add_records([store], store, [("event", event(n))])
        print(n, flush=True)
    """
)
TRIALS = 50


@pytest.mark.slow
def test_a_writer_killed_at_any_instant_leaves_a_valid_store(tmp_path: Path) -> None:
    store = _copy(tmp_path)
    events = store / "events.yaml"
    original = events.read_text()
    shards = {name: (store / name).read_bytes() for name in ("figures.yaml", "sources.yaml")}
    random.seed(20241)
    written = 0  # records on disk after the last trial
    for trial in range(TRIALS):
        writer = subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(store), str(written)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert writer.stdout is not None
        assert writer.stdout.readline() == "ready\n"
        time.sleep(random.uniform(0, 0.15))
        os.kill(writer.pid, signal.SIGKILL)
        said = [line for line in writer.stdout.read().split() if line]
        writer.wait()

        # Every file parses and the store passes every check…
        loaded = load_store([store])
        problems = check_store(loaded, curation=True)
        assert not problems, (trial, [str(p) for p in problems])
        # …and it holds the old records and k whole new ones, each written exactly as added.
        ids = [str(item.get("id")) for item in loaded.events]
        base = len(yaml.safe_load(original))
        new = ids[base + written :]
        assert new == [f"killed-{n}" for n in range(written, written + len(new))], trial
        assert len(said) <= len(new) <= len(said) + 1, (trial, said, new)
        assert events.read_text().startswith(original)
        written += len(new)
        assert {name: (store / name).read_bytes() for name in shards} == shards
        # A killed writer may leave its temporary file: hidden, and never read.
        assert all(path.name.startswith(".") for path in store.rglob("*.tmp"))
    assert written > 0
    check = _axis("check", "--data", store, "--no-bundled")
    assert check.returncode == 0, check.stderr
    listed = _axis("timeline", "--json", "--data", store, "--no-bundled")
    assert len(json.loads(listed.stdout)) == len(yaml.safe_load(original)) + written
