"""Hostile runs (issue 12): Ctrl-C, data folders and caches that cannot be read or written, a
50 MB file, writers that are refused, blocked, killed or out of disk, files with a BOM and CRLF
line ends, and options given nonsense.

Each case asserts the exit code, a one-line message naming the option or file, no traceback, a
time bound where work could run away, and the store's files byte for byte as they were.
Permission cases run unprivileged: as root (CI), in a user namespace of their own
(`unshare --user`), where root's files are bound by their owner's permission bits like anyone's.
"""

import errno
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import pytest

from axiscli.check import check_store
from axiscli.curate import transaction
from axiscli.errors import ExitCode
from axiscli.store import load_store, write
from tests.conftest import STORE, Run

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import generate  # noqa: E402  (a script's module, beside run.py in benchmarks/)

TIMEOUT = 60  # seconds: a bound on a run that could hang, not a benchmark
EVENT = ["add", "event", "--date", "2024-07-01", "--title", "Leaders meet", "--summary",
         "They met.", "--actor", "RUS", "--actor", "DPRK", "--domain", "diplomatic",
         "--source", "alpha-report", "--quote", "q"]  # fmt: skip


def hashes(folder: Path) -> dict[str, str]:
    """Every file under `folder` by its sha256 (the lock file aside: taking it is harmless)."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != write.LOCK_NAME
    }


def one_line(stderr: str) -> str:
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


def copy_store(tmp_path: Path, name: str = "store") -> Path:
    store = tmp_path / name
    shutil.copytree(STORE, store, ignore=shutil.ignore_patterns("texts"))
    return store


def axis_process(*args: str | Path, prefix: tuple[str, ...] = ()) -> list[str]:
    return [*prefix, sys.executable, "-m", "axiscli", *map(str, args)]


def run_axis(*args: str | Path, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        axis_process(*args, prefix=prefix), capture_output=True, text=True, timeout=TIMEOUT
    )


@pytest.fixture(scope="module")
def unprivileged() -> tuple[str, ...]:
    """What to run a command under so that file permissions bind it."""
    if os.geteuid() != 0:
        return ()
    prefix = ("unshare", "--user")
    probe = Path(__file__)  # readable by its owner
    try:
        works = subprocess.run([*prefix, "test", "-r", str(probe)], timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        works = False
    if not works:
        pytest.skip("running as root, and `unshare --user` cannot drop root's file privileges here")
    return prefix


@pytest.fixture
def locked_down() -> Iterator[Callable[[Path, int], None]]:
    """chmod a path for the test; restored afterwards, so that tmp_path can be removed."""
    changed: list[tuple[Path, int]] = []

    def chmod(path: Path, mode: int) -> None:
        changed.append((path, path.stat().st_mode & 0o7777))
        path.chmod(mode)

    yield chmod
    for path, mode in reversed(changed):
        path.chmod(mode)


_HOLD = (
    "import sys, time\nfrom filelock import FileLock\nlock = FileLock(sys.argv[1])\n"
    "lock.acquire()\nprint('held', flush=True)\ntime.sleep(120)\n"
)


@contextmanager
def lock_held(store: Path) -> Iterator[None]:
    """Another process holds the store's write lock meanwhile."""
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, store / write.LOCK_NAME], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        yield
    finally:
        holder.kill()
        holder.wait()


def wait_until(seen: Callable[[], bool], process: subprocess.Popen[str], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not seen():
        assert process.poll() is None, f"axis ended before {what}: {process.communicate()}"
        assert time.monotonic() < deadline, f"axis never got to {what}"
        time.sleep(0.005)


# How an interrupted axis ends: exit code 130, or (when Python re-sends itself the SIGINT it was
# handling as it exits, so that callers see an interrupt) killed by SIGINT, which a shell also
# reports as 130.
INTERRUPTED = (ExitCode.INTERRUPTED, -signal.SIGINT)
assert ExitCode.INTERRUPTED == 130


def timer_sleeping(pid: int) -> bool:
    """Whether process `pid` is asleep in a timed sleep (`time.sleep`)."""
    try:
        return "nanosleep" in Path(f"/proc/{pid}/wchan").read_text()
    except OSError:
        return False


def mapped(pid: int, library: str) -> bool:
    try:
        return library in Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return False


needs_proc = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs Linux /proc")


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """10,000 generated events (about 8 MB): a `check` of it takes a second or two."""
    folder = tmp_path_factory.mktemp("big") / "store"
    generate.write_store(folder, 10_000, 0, seed=12)
    return folder


# --- Ctrl-C -------------------------------------------------------------------------------------


@needs_proc
def test_ctrl_c_while_checking_a_big_store_ends_in_130_and_one_word(big_store: Path) -> None:
    before = hashes(big_store)
    # An interrupt that lands while PyYAML imports its C parser is swallowed by PyYAML (about one
    # in four here), and check went on to say OK with exit 0; twelve runs catch that all but
    # about once in thirty. Such a run may finish its answer, but still ends as interrupted.
    for _ in range(12):
        process = subprocess.Popen(
            axis_process("check", "--no-bundled", "--data", big_store),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        # Parsing is about to begin once the C YAML parser is loaded (commands load it to read).
        wait_until(lambda p=process: mapped(p.pid, "_yaml"), process, "parsing the store")
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=TIMEOUT)
        assert process.returncode in INTERRUPTED
        assert err == "Interrupted\n"
        assert out == "" or out.startswith("OK: 10000 records")
    assert hashes(big_store) == before


@needs_proc
def test_ctrl_c_while_waiting_for_the_store_lock_writes_nothing(tmp_path: Path) -> None:
    store = copy_store(tmp_path)
    before = hashes(store)
    with lock_held(store):
        writer = subprocess.Popen(
            axis_process(*EVENT, "--data", store, "--no-bundled"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        # filelock polls: it opens the lock file, fails to take it, closes it and sleeps. Only
        # that wait sleeps on a timer (start-up never does), so a timed sleep marks it.
        wait_until(lambda: timer_sleeping(writer.pid), writer, "waiting for the lock")
        writer.send_signal(signal.SIGINT)
        out, err = writer.communicate(timeout=TIMEOUT)
    assert writer.returncode in INTERRUPTED
    assert (out, err) == ("", "Interrupted\n")
    assert hashes(store) == before
    assert not list(store.glob("*.tmp")) and not list(store.glob(".*.tmp"))


# --- --data that cannot be read -----------------------------------------------------------------


def test_data_that_is_a_file_is_a_usage_error(fixture_axis: Run, axis: Run) -> None:
    result = axis("timeline", "--no-bundled", "--data", STORE / "events.yaml")
    assert result.exit_code == 2
    assert one_line(result.stderr).startswith(
        f"Error: --data: data folder '{STORE / 'events.yaml'}' is a file, not a folder; "
    )


@pytest.mark.parametrize("command", ["timeline", "check"])
def test_an_unreadable_data_folder_is_a_usage_error(
    tmp_path: Path, unprivileged: tuple[str, ...], locked_down, command: str
) -> None:
    store = copy_store(tmp_path)
    before = hashes(store)
    locked_down(store, 0o000)
    result = run_axis(command, "--no-bundled", "--data", store, prefix=unprivileged)
    assert result.returncode == 2, result
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == f"Error: Invalid value for '--data' / '-d': path '{store}' is not readable."
    assert lines[1:] == [f"Try 'axis {command} --help' for help."]
    locked_down(store, 0o755)
    assert hashes(store) == before


def test_an_unreadable_store_file_is_a_problem_named_by_its_file(
    tmp_path: Path, unprivileged: tuple[str, ...], locked_down
) -> None:
    store = copy_store(tmp_path)
    before = hashes(store)
    locked_down(store / "events.yaml", 0o000)
    result = run_axis("timeline", "--no-bundled", "--data", store, prefix=unprivileged)
    assert result.returncode == 1, result
    assert result.stdout == ""
    assert one_line(result.stderr) == (
        f"Error: {store / 'events.yaml'}: cannot read the file: Permission denied "
        "(`axis check` lists every problem)"
    )
    checked = run_axis("check", "--no-bundled", "--data", store, prefix=unprivileged)
    assert checked.returncode == 1
    assert f"{store / 'events.yaml'}: cannot read the file: Permission denied" in checked.stdout
    locked_down(store / "events.yaml", 0o644)
    assert hashes(store) == before


# --- the compiled index: a cache that cannot be written or read ---------------------------------


def _timeline(store: Path, cache: Path, prefix: tuple[str, ...] = ()) -> list[str]:
    result = subprocess.run(
        axis_process("timeline", "--json", "--no-bundled", "--data", store, prefix=prefix),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env={**os.environ, "AXIS_CACHE_DIR": str(cache)},
    )
    assert result.returncode == 0, result
    assert result.stderr == ""
    return [event["id"] for event in json.loads(result.stdout)]


@pytest.mark.parametrize("mode", [0o500, 0o000], ids=["read-only", "no access"])
def test_a_cache_folder_that_cannot_be_written_gives_the_same_answers(
    tmp_path: Path, unprivileged: tuple[str, ...], locked_down, mode: int
) -> None:
    store = copy_store(tmp_path)
    want = _timeline(store, tmp_path / "writable")
    cache = tmp_path / "cache"
    cache.mkdir()
    locked_down(cache, mode)
    assert _timeline(store, cache, unprivileged) == want
    locked_down(cache, 0o700)
    assert not list(cache.iterdir())


def test_an_index_file_that_cannot_be_read_gives_the_same_answers(
    tmp_path: Path, unprivileged: tuple[str, ...], locked_down
) -> None:
    store = copy_store(tmp_path)
    cache = tmp_path / "cache"
    want = _timeline(store, cache)
    (index,) = cache.glob("store-*.sqlite")
    locked_down(index, 0o000)
    assert _timeline(store, cache, unprivileged) == want


@pytest.mark.parametrize(
    "foreign",
    [
        lambda path: path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000),
        lambda path: (path.unlink(), path.mkdir()),
        lambda path: (path.unlink(), path.symlink_to("/dev/null")),
        lambda path: (path.unlink(), path.symlink_to(path.parent / "nowhere")),
    ],
    ids=["a spoiled header", "a folder", "a link to /dev/null", "a dangling link"],
)
def test_whatever_stands_where_the_index_was_gives_the_same_answers(
    tmp_path: Path, foreign: Callable[[Path], object]
) -> None:
    store = copy_store(tmp_path)
    cache = tmp_path / "cache"
    want = _timeline(store, cache)
    (index,) = cache.glob("store-*.sqlite")
    foreign(index)
    assert _timeline(store, cache) == want
    assert _timeline(store, cache) == want  # and again, from what the first run left


# --- a 50 MB file -------------------------------------------------------------------------------

MIB = 1 << 20
COLD_BUDGET_MIB = 400  # README "Performance": a cold query of the 100k store, ≤ 400 MiB


def _peak_mib(
    args: list[str], env: dict[str, str]
) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run `args` under a Python parent of its own, whose only child it is: the children's peak
    RSS (`ru_maxrss`, KiB on Linux) is then the command's own."""
    probe = (
        "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
        "sys.exit(r.returncode)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=300, env=env
    )
    *said, peak = result.stderr.splitlines()
    result.stderr = "\n".join(said) + ("\n" if said else "")
    return result, int(peak) * 1024 / MIB


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in KiB on Linux only")
def test_a_50_mb_events_file_is_answered_within_the_memory_budget(tmp_path: Path) -> None:
    """About 64,000 events in one 50 MB file: about 25 s in all on a 2-core machine."""
    store = tmp_path / "store"
    generate.write_store(store, 64_000, 0, seed=50)
    assert (store / "events.yaml").stat().st_size > 50 * 10**6
    before = hashes(store)
    env = {**os.environ, "AXIS_CACHE_DIR": str(tmp_path / "cache")}
    checked, peak = _peak_mib(axis_process("check", "--no-bundled", "--data", store), env)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("OK: 64000 records")
    assert peak <= COLD_BUDGET_MIB, peak
    cold, peak = _peak_mib(
        axis_process("timeline", "--json", "--no-bundled", "--data", store, "-a", "PRK"), env
    )
    assert cold.returncode == 0, cold.stderr
    assert len(json.loads(cold.stdout)) > 1000
    assert peak <= COLD_BUDGET_MIB, peak
    assert hashes(store) == before


def test_a_50_mb_file_broken_at_its_start_is_refused_at_that_line(tmp_path: Path) -> None:
    """The fast half of the 50 MB case: a quote left open on line 2, then 50 MB of comments (the
    parser meets the end of the file before it can tell): refused in seconds, at line 2."""
    store = copy_store(tmp_path)
    padding = b"# a comment line of the kind people leave in long files, repeated\n"
    (store / "events.yaml").write_bytes(b'- id: a\n  title: "unclosed\n' + padding * 800_000)
    assert (store / "events.yaml").stat().st_size > 50 * 10**6
    before = hashes(store)
    started = time.monotonic()
    result = run_axis("timeline", "--no-bundled", "--data", store)
    assert time.monotonic() - started < TIMEOUT
    assert result.returncode == 1, result.stderr[:500]
    assert one_line(result.stderr) == (
        f"Error: {store / 'events.yaml'}:2: invalid YAML: a quoted text that starts on this line "
        "is never closed (close the quote, or escape the quote marks inside it) (`axis check` "
        "lists every problem)"
    )
    assert hashes(store) == before


UNCLOSED = {
    "a single quote, never closed": (
        "'",
        "a quoted text that starts on this line is never closed (close the quote, or escape "
        "the quote marks inside it)",
    ),
    "a double quote, closed by the next record's": (
        '"',
        "did not find expected key on line 23, after a quote opened on this line and not "
        "closed on it (close the quote on this line, or escape the quote marks inside it)",
    ),
}


@pytest.mark.parametrize(("quote", "message"), UNCLOSED.values(), ids=UNCLOSED.keys())
def test_a_quote_left_open_is_reported_where_it_opens(
    axis: Run, tmp_path: Path, quote: str, message: str
) -> None:
    store = copy_store(tmp_path)
    text = (store / "events.yaml").read_text(encoding="utf-8")
    (store / "events.yaml").write_text(
        text.replace("  title: Joint drills begin\n", f"  title: {quote}Joint drills begin\n")
    )
    before = hashes(store)
    result = axis("check", "--no-bundled", "--data", store)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == f"{store / 'events.yaml'}:16: invalid YAML: {message}"
    assert hashes(store) == before


RAW_BYTES = {
    "a NUL byte": (b"\x00", "U+0000"),
    "an escape byte": (b"\x1b[31m", "U+001B"),
    "a bell": (b"\x07", "U+0007"),
    "a DEL": (b"\x7f", "U+007F"),
}


@pytest.mark.parametrize(("raw", "shown"), RAW_BYTES.values(), ids=RAW_BYTES.keys())
@pytest.mark.parametrize("command", ["check", "timeline"])
def test_a_control_character_is_one_line_at_its_line(
    axis: Run, tmp_path: Path, raw: bytes, shown: str, command: str
) -> None:
    store = copy_store(tmp_path)
    data = (store / "events.yaml").read_bytes()
    at = data.index(b"Joint drills begin")  # line 16
    (store / "events.yaml").write_bytes(data[:at] + raw + data[at:])
    before = hashes(store)
    result = axis(command, "--no-bundled", "--data", store)
    assert result.exit_code == 1
    said = result.stdout.splitlines()[0] if command == "check" else one_line(result.stderr)
    assert said.removeprefix("Error: ") == (
        f"{store / 'events.yaml'}:16: invalid YAML: the control character {shown} cannot stand "
        "in a store file (remove it; inside double quotes an escape such as \\t stands for one)"
        + ("" if command == "check" else " (`axis check` lists every problem)")
    )
    assert hashes(store) == before


def test_an_actor_listed_twice_in_a_record_is_answered_once_and_named_by_check(
    axis: Run, tmp_path: Path
) -> None:
    store = copy_store(tmp_path)
    text = (store / "events.yaml").read_text(encoding="utf-8")
    (store / "events.yaml").write_text(text.replace("actors: [CHN, RUS]", "actors: [CHN, CHN]"))
    result = axis("timeline", "--actor", "CHN", "--json", "--no-bundled", "--data", store)
    assert result.exit_code == 0, result.output
    assert [event["id"] for event in json.loads(result.stdout)] == ["pact-1961", "joint-drills"]
    checked = axis("check", "--no-bundled", "--data", store)
    assert checked.exit_code == 1
    line = text[: text.index("actors: [CHN, RUS]")].count("\n") + 1
    assert f"events.yaml:{line}: " in checked.stdout + checked.stderr
    assert "actors: 'CHN' is listed twice (list it once)" in checked.stdout + checked.stderr


CROSSED = {
    "low above high, a magnitude": (
        "  value: 5000\n  unit: containers\n  qualifier: about\n  low: 4000\n  high: 6000\n",
        "  magnitude: thousands\n  unit: containers\n  qualifier: about\n  low: 6000\n"
        "  high: 4000\n",
        "low 6000 is above high 4000",
    ),
    "high below the value": (
        "  high: 6000\n",
        "  high: 4500\n",
        "high 4500 is below value 5000; low <= value <= high",
    ),
}


@pytest.mark.parametrize(("old", "new", "says"), CROSSED.values(), ids=CROSSED.keys())
def test_bounds_that_cross_are_a_problem_at_the_record(
    axis: Run, tmp_path: Path, old: str, new: str, says: str
) -> None:
    store = copy_store(tmp_path)
    text = (store / "figures.yaml").read_text(encoding="utf-8")
    assert old in text
    (store / "figures.yaml").write_text(text.replace(old, new))
    before = hashes(store)
    result = axis("figure", "--no-bundled", "--data", store)
    assert result.exit_code == 1
    line = one_line(result.stderr)
    assert line.startswith(f"Error: {store / 'figures.yaml'}:")
    assert f"'containers-2023': {says}" in line
    assert hashes(store) == before


# --- curation: refused, blocked, killed, out of disk --------------------------------------------


def test_a_read_only_store_folder_refuses_a_write_and_keeps_every_file(
    tmp_path: Path, unprivileged: tuple[str, ...], locked_down
) -> None:
    store = copy_store(tmp_path)
    before = hashes(store)
    locked_down(store, 0o555)
    result = run_axis(*EVENT, "--data", store, "--no-bundled", prefix=unprivileged)
    assert result.returncode == ExitCode.OUTPUT, result
    assert result.stdout == ""
    assert one_line(result.stderr) == (
        f"Error: cannot write in the store {store}: Permission denied (nothing was written; "
        "allow writing there, or write to another store)"
    )
    assert hashes(store) == before


def test_a_read_only_store_file_refuses_a_write_and_keeps_every_file(
    tmp_path: Path, unprivileged: tuple[str, ...], locked_down
) -> None:
    store = copy_store(tmp_path)
    (store / write.LOCK_NAME).touch()  # the lock file is there: only the store files are shut
    before = hashes(store)
    locked_down(store, 0o555)
    result = run_axis(*EVENT, "--data", store, "--no-bundled", prefix=unprivileged)
    assert result.returncode == ExitCode.OUTPUT, result
    assert one_line(result.stderr) == (
        f"Error: cannot write {store / 'events.yaml'}: Permission denied (events.yaml is as it "
        "was; make room or allow writing there, and run it again)"
    )
    assert hashes(store) == before


def test_a_writer_that_cannot_get_the_lock_gives_up_with_one_line(
    axis: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = copy_store(tmp_path)
    before = hashes(store)
    monkeypatch.setattr(transaction, "store_lock", partial(write.store_lock, timeout=1))
    with lock_held(store):
        result = axis(*EVENT, "--data", store, "--no-bundled")
    assert result.exit_code == 1
    assert one_line(result.stderr) == (
        f"Error: another axis process has held the store {store} for over 1 s (wait for it to "
        f"finish; if none is running, remove {store / write.LOCK_NAME})"
    )
    assert hashes(store) == before


def _failing(real: Callable[..., object], code: int, store: Path) -> Callable[..., object]:
    """`real`, except in the store folder, where it fails as a full or broken disk does."""

    def fail(*args: object, **kwargs: object) -> object:
        if str(store) in " ".join(map(str, [*args, *kwargs.values()])) or isinstance(
            args[0] if args else None, int
        ):
            raise OSError(code, os.strerror(code))
        return real(*args, **kwargs)

    return fail


FULL_DISK = {
    "no room for the temporary file": ("tempfile", "mkstemp", errno.ENOSPC),
    "no room when flushed": ("os", "fsync", errno.ENOSPC),
    "over quota when flushed": ("os", "fsync", errno.EDQUOT),
    "an I/O error on the move": ("os", "replace", errno.EIO),
}
CHANGES = {
    "add": lambda store: [*EVENT],
    "edit --set": lambda store: ["edit", "treaty-signed", "--set", "location=Moscow"],
    "rm": lambda store: ["rm", "treaty-signed", "--yes"],
    "import": lambda store: ["import", store.parent / "new.json"],
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
@pytest.mark.parametrize(("module", "name", "code"), FULL_DISK.values(), ids=FULL_DISK.keys())
def test_a_full_disk_loses_nothing_and_says_which_file(
    axis: Run,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    change: Callable[[Path], list[str | Path]],
    module: str,
    name: str,
    code: int,
) -> None:
    store = copy_store(tmp_path)
    (tmp_path / "new.json").write_text(
        json.dumps([{"type": "event", "id": "new-one", "date": "2024-07-02", "title": "New",
                     "summary": "New.", "actors": ["RUS"], "domain": "diplomatic",
                     "citations": [{"source": "alpha-report", "quote": "q"}]}])
    )  # fmt: skip
    before = hashes(store)
    owner = write.tempfile if module == "tempfile" else write.os
    monkeypatch.setattr(owner, name, _failing(getattr(owner, name), code, store))
    result = axis(*change(store), "--data", store, "--no-bundled")
    monkeypatch.undo()
    assert result.exit_code == ExitCode.OUTPUT, result.output
    assert result.stdout == ""
    assert one_line(result.stderr) == (
        f"Error: cannot write {store / 'events.yaml'}: {os.strerror(code)} (events.yaml is as "
        "it was; make room or allow writing there, and run it again)"
    )
    assert hashes(store) == before  # no temporary file left behind either


def test_an_import_parses_its_file_a_bounded_number_of_times(
    axis: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each record added used to parse the whole file again: 600 records took minutes."""
    from axiscli.store import yaml_io

    store = copy_store(tmp_path)
    made = [
        {"type": "event", "id": f"imported-{n}", "date": "2024-07-02", "title": f"Event {n}",
         "summary": "Something.", "actors": ["RUS"], "domain": "diplomatic",
         "citations": [{"source": "alpha-report", "quote": "q"}]}
        for n in range(200)
    ]  # fmt: skip
    (tmp_path / "many.json").write_text(json.dumps(made))
    parsed: list[int] = []
    real = yaml_io.parse

    def counting(text: str, *args: object, **kwargs: object) -> object:
        parsed.append(len(text))
        return real(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(yaml_io, "parse", counting)
    result = axis("import", tmp_path / "many.json", "--data", store, "--no-bundled")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.split()) == 200
    assert len(parsed) < 50, len(parsed)  # the store's files, a few times each: not per record


# Runs axis with one `os` function replaced by a SIGKILL of the process itself: a kill at an
# exact instant of the write, with no handler and no clean-up, as `kill -9` or a power cut.
KILLED_AT = """
import os, signal, sys
from axiscli.cli import main

def killed(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

os.{function} = killed
sys.argv[0] = "axis"
main()
"""


@pytest.mark.parametrize(
    "function",
    ["fsync", "replace"],
    ids=["killed-before-the-new-text-is-on-disk", "killed-before-it-replaces-the-file"],
)
def test_an_import_killed_while_it_writes_leaves_the_old_file(
    tmp_path: Path, function: str
) -> None:
    generated = tmp_path / "generated"
    generate.write_store(generated, 301, 0, seed=9)
    text = (generated / "events.yaml").read_text(encoding="utf-8")
    cut = text.index("\n- id: ", text.index("\n- id: ") + 1) + 1  # after the header, one event
    store = tmp_path / "store"
    store.mkdir()
    for name in ("sources.yaml", "actors.yaml"):
        shutil.copy(generated / name, store / name)
    (store / "events.yaml").write_text(text[:cut], encoding="utf-8")  # the first event only
    old = (store / "events.yaml").read_bytes()
    listed = run_axis("timeline", "--json", "--no-bundled", "--data", generated)
    events = json.loads(listed.stdout)
    first = text[:cut].split("\n- id: ")[1].split("\n")[0]
    (tmp_path / "import.json").write_text(json.dumps([e for e in events if e["id"] != first]))

    importer = subprocess.run(
        [sys.executable, "-c", KILLED_AT.format(function=function), "import"]
        + [str(tmp_path / "import.json"), "--data", str(store), "--no-bundled"],
        capture_output=True,
        timeout=TIMEOUT,
    )
    assert importer.returncode == -signal.SIGKILL
    assert any(store.glob(".events.yaml.*.tmp"))  # killed while it wrote

    assert (store / "events.yaml").read_bytes() == old
    # Every file parses and passes every check (but that every actor is used: the store holds
    # too few events for that).
    loaded = load_store([store])
    problems = check_store(loaded, curation=True)
    assert not [problem for problem in problems if "used by no record" not in problem.message]
    assert len(loaded.events) == 1
    assert all(path.name.startswith(".") for path in store.glob("*.tmp"))  # never read
    assert {name: (store / name).read_bytes() for name in ("sources.yaml", "actors.yaml")} == {
        name: (generated / name).read_bytes() for name in ("sources.yaml", "actors.yaml")
    }


# --- BOM and CRLF: they simply work -------------------------------------------------------------


def _bom_crlf(store: Path) -> None:
    for path in store.glob("*.yaml"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))


@pytest.mark.parametrize(
    "args",
    [
        ("timeline", "--json"),
        ("figure", "--json"),
        ("sources", "--json"),
        ("actors", "--json"),
        ("show", "treaty-signed", "--json"),
    ],
    ids=" ".join,
)
def test_a_store_with_a_bom_and_crlf_line_ends_answers_as_the_plain_one(
    axis: Run, tmp_path: Path, args: tuple[str, ...]
) -> None:
    store = copy_store(tmp_path)
    _bom_crlf(store)
    before = hashes(store)
    got = axis(*args, "--no-bundled", "--data", store)
    want = axis(*args, "--no-bundled", "--data", copy_store(tmp_path, "plain"))
    assert got.exit_code == 0, got.output
    assert (got.stdout, got.stderr) == (want.stdout, want.stderr)
    assert hashes(store) == before


def test_a_store_with_a_bom_and_crlf_line_ends_passes_check_with_the_same_lines(
    axis: Run, tmp_path: Path
) -> None:
    store = copy_store(tmp_path)
    _bom_crlf(store)
    result = axis("check", "--no-bundled", "--data", store)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("OK: 9 records")
    text = (store / "events.yaml").read_bytes().replace(b"Treaty of", b"Treaty  of:\r\n  x:")
    (store / "events.yaml").write_bytes(text)
    broken = axis("check", "--no-bundled", "--data", store)
    plain = copy_store(tmp_path, "plain")
    (plain / "events.yaml").write_bytes(text.replace(b"\r\n", b"\n").removeprefix(b"\xef\xbb\xbf"))
    want = axis("check", "--no-bundled", "--data", plain)
    assert broken.exit_code == want.exit_code == 1
    assert broken.stdout.replace(str(store), "") == want.stdout.replace(str(plain), "")


def test_curating_a_crlf_file_keeps_its_bom_and_line_ends(axis: Run, tmp_path: Path) -> None:
    store = copy_store(tmp_path)
    _bom_crlf(store)
    old = (store / "events.yaml").read_bytes()
    added = axis(*EVENT, "--data", store, "--no-bundled")
    assert added.exit_code == 0, added.output
    new = (store / "events.yaml").read_bytes()
    assert new.startswith(old)
    assert new.count(b"\n") == new.count(b"\r\n")
    removed = axis("rm", added.stdout.strip(), "--yes", "--data", store, "--no-bundled")
    assert removed.exit_code == 0, removed.output
    assert (store / "events.yaml").read_bytes() == old


# --- options given nonsense ---------------------------------------------------------------------

OPTIONS = {
    "since after until": (
        ("timeline", "--since", "2025", "--until", "2024"),
        "Error: --since: the window starts (2025) after it ends (2024) (swap them)",
    ),
    "since after until, figures": (
        ("figure", "--since", "2025-06", "--until", "2025-01"),
        "Error: --since: the window starts (2025-06) after it ends (2025-01) (swap them)",
    ),
    "negative limit": (
        ("timeline", "--limit", "-1"),
        "Error: Invalid value for '--limit' / '-n': Input should be greater than or equal to 1",
    ),
    "zero limit": (
        ("figure", "--limit", "0"),
        "Error: Invalid value for '--limit' / '-n': Input should be greater than or equal to 1",
    ),
    "fractional limit": (
        ("timeline", "--limit", "1.5"),
        "Error: Invalid value for '--limit' / '-n': Input should be a valid integer",
    ),
    "unknown actor": (
        ("timeline", "--actor", "Atlantis"),
        "Error: --actor: unknown actor 'Atlantis' (`axis actors` lists them all)",
    ),
    "unknown format": (
        ("timeline", "--format", "docx"),
        "Error: Invalid value for '--format' / '-f': 'docx' is not one of 'table', 'timeline', "
        "'plain', 'json', 'jsonl', 'csv', 'tsv', 'md', 'yaml'.",
    ),
    "unknown field": (
        ("timeline", "--fields", "id,colour"),
        "Error: --fields: unknown field 'colour'; available fields: ",
    ),
    "unknown tag": (
        ("timeline", "--tag", "zzz"),
        "Error: --tag: unknown tag 'zzz' (`axis tags` lists them all)",
    ),
    "unreadable date": (("timeline", "--since", "the day after"), "Error: --since: "),
    "unknown domain": (("timeline", "--domain", "space"), "Error: Invalid value for '--domain'"),
}


@pytest.mark.parametrize(("args", "message"), OPTIONS.values(), ids=OPTIONS.keys())
def test_an_option_given_nonsense_is_a_usage_error_naming_it(
    fixture_axis: Run, args: tuple[str, ...], message: str
) -> None:
    before = hashes(STORE)
    result = fixture_axis(*args)
    assert result.exit_code == ExitCode.USAGE, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    first, *rest = result.stderr.splitlines()
    assert first.startswith(message), first
    assert rest == [] or (len(rest) == 1 and rest[0].endswith(f" {args[0]} --help' for help."))
    assert hashes(STORE) == before
