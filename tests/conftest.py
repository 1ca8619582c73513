"""Shared test set-up: a stable terminal, the fixture stores, and a CLI runner."""

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from axiscli.cli.app import app

FIXTURES = Path(__file__).parent / "fixtures"
STORE = FIXTURES / "store"
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="Rewrite tests/golden/*.txt from the current output instead of comparing with it.",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    """Whether golden-file tests write what they got rather than compare it."""
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture(autouse=True)
def stable_terminal(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # Each test compiles its stores into a cache of its own, never the user's.
    monkeypatch.setenv("AXIS_CACHE_DIR", str(tmp_path_factory.mktemp("axis-cache")))
    # …and writes to a user store of its own (not there until a test writes to it).
    monkeypatch.setenv("AXIS_USER_STORE", str(tmp_path_factory.mktemp("axis-user") / "store"))
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    monkeypatch.delenv("AXIS_DATA", raising=False)
    monkeypatch.delenv("AXIS_TEXTS", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


Run = Callable[..., Result]


@pytest.fixture
def axis() -> Run:
    """Run `axis ARGS…` in-process; stdout and stderr are kept apart."""

    def run(*args: str | Path, env: dict[str, str] | None = None) -> Result:
        return CliRunner().invoke(app, [str(a) for a in args], env=env)

    return run


@pytest.fixture
def fixture_axis(axis: Run) -> Run:
    """`axis` reading only the small fixture store."""

    def run(*args: str | Path, env: dict[str, str] | None = None) -> Result:
        return axis(*args, "--no-bundled", "--data", STORE, env=env)

    return run


def ids(result: Result) -> list[str]:
    """The ids of the records a `--json` run printed, in order."""
    assert result.exit_code == 0, result.output
    return [record["id"] for record in json.loads(result.stdout)]
