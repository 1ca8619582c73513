"""Properties that hold for every input, not just the examples (issue 12), checked with
hypothesis: stored dates round-trip; any text given to an option ends in an answer or a usage
error; records written by the store's emitter load back as they were; `--json` is JSON that
the published schemas accept; any bytes as a store file end in an answer or a data error.

Every test is derandomized (the same examples on every run, so CI cannot flake), keeps no
example database, and runs a modest number of examples.
"""

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft7Validator

from axiscli.dates import Precision, parse_edtf, parse_user_date
from axiscli.model import DOMAINS, QUALIFIERS, Event, Figure
from axiscli.store import load_store
from axiscli.store.emit import record_yaml
from tests.conftest import STORE, Run

SCHEMAS = Path(__file__).resolve().parents[1] / "schema"
OK_OR_USAGE = {0, 2}


def deterministic(examples: int) -> Any:
    # The autouse fixtures only pin the environment, the same for every example.
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


# --- stored dates -------------------------------------------------------------------------------


@st.composite
def points(draw: st.DrawFn) -> str:
    """One EDTF point of our subset: YYYY, YYYY-MM or YYYY-MM-DD, perhaps with ~, ? or %."""
    day = draw(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
    precision = draw(st.sampled_from(Precision))
    text = f"{day.year:04d}"
    if precision is not Precision.YEAR:
        text += f"-{day.month:02d}"
    if precision is Precision.DAY:
        text += f"-{day.day:02d}"
    return text + draw(st.sampled_from(["", "~", "?", "%"]))


@st.composite
def edtf_dates(draw: st.DrawFn) -> str:
    """A point, or an interval of two points (either end open, never both) in order."""
    kind = draw(st.sampled_from(["point", "interval", "since", "by"]))
    if kind == "point":
        return draw(points())
    if kind == "since":
        return f"{draw(points())}/.."
    if kind == "by":
        return f"../{draw(points())}"
    first, last = draw(points()), draw(points())
    if parse_edtf(first).start > parse_edtf(last).end:  # type: ignore[operator]
        first, last = last, first
    return f"{first}/{last}"


def _written(point: Any) -> str:
    """A parsed point written back out, from its parts alone."""
    text = f"{point.start.year:04d}"
    if point.precision is not Precision.YEAR:
        text += f"-{point.start.month:02d}"
    if point.precision is Precision.DAY:
        text += f"-{point.start.day:02d}"
    return (
        text
        + {(False, False): "", (True, False): "~", (False, True): "?", (True, True): "%"}[
            (point.approximate, point.uncertain)
        ]
    )


@deterministic(400)
@given(edtf_dates())
def test_every_stored_date_round_trips_and_starts_before_it_ends(text: str) -> None:
    span = parse_edtf(text)
    left = _written(span.first) if span.first else ".."
    right = _written(span.last) if span.last else ".."
    assert (left if not span.is_interval else f"{left}/{right}") == text
    if span.start is not None and span.end is not None:
        assert span.start <= span.end
    first, last = span.anchor
    assert first <= last
    if not span.is_interval and text[-1].isdigit():  # what a user types for it means the same
        assert parse_user_date(text, date(2026, 1, 1)) == (span.start, span.end)


@deterministic(200)
@given(points(), points())
def test_an_interval_that_ends_before_it_starts_is_refused(first: str, last: str) -> None:
    if parse_edtf(first).start > parse_edtf(last).end:  # type: ignore[operator]
        with pytest.raises(ValueError, match="starts after it ends"):
            parse_edtf(f"{first}/{last}")
    else:
        assert parse_edtf(f"{first}/{last}").is_interval


# --- any text for an option ---------------------------------------------------------------------

OPTIONS = [
    "--since", "--until", "--today", "--actor", "--limit", "--format", "--tag", "--domain",
    "--fields", "--color",
]  # fmt: skip
FIGURE_OPTIONS = ["--since", "--until", "--actor", "--limit", "--format", "--sort", "--per"]
TEXT = st.text(max_size=30)


@deterministic(40)
@given(st.lists(st.tuples(st.sampled_from(OPTIONS), TEXT), min_size=1, max_size=3))
def test_any_text_for_a_timeline_option_is_an_answer_or_a_usage_error(
    fixture_axis: Run, given_options: list[tuple[str, str]]
) -> None:
    args = [part for pair in given_options for part in pair]
    result = fixture_axis("timeline", *args)
    assert result.exit_code in OK_OR_USAGE, (args, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), args
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        assert result.stdout == ""
        assert result.stderr.startswith("Error: ") and len(result.stderr.splitlines()) <= 2


@deterministic(40)
@given(st.lists(st.tuples(st.sampled_from(FIGURE_OPTIONS), TEXT), min_size=1, max_size=3), TEXT)
def test_any_text_for_a_figure_option_is_an_answer_or_a_usage_error(
    fixture_axis: Run, given_options: list[tuple[str, str]], metric: str
) -> None:
    args = [metric, *(part for pair in given_options for part in pair)]
    result = fixture_axis("figure", *args)
    assert result.exit_code in OK_OR_USAGE, (args, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), args
    assert "Traceback" not in result.output


@deterministic(40)
@given(st.sampled_from(["show", "cite", "search"]), TEXT)
def test_any_text_as_an_id_or_words_is_an_answer_or_not_found(
    fixture_axis: Run, command: str, text: str
) -> None:
    result = fixture_axis(command, "--", text)
    assert result.exit_code in {0, 2, 3}, (command, text, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output


# --- records written by the emitter load back as they were --------------------------------------

SLUGS = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)
WORDS = st.text(min_size=1, max_size=40)  # any characters: quotes, colons, #, newlines, NUL…
ACTORS = ["CHN", "PRK", "RUS", "UKR"]  # the fixture store's registries
SOURCES = ["alpha-report", "beta-notes"]


def _optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


@st.composite
def citations(draw: st.DrawFn) -> list[dict[str, Any]]:
    made = []
    for _ in range(draw(st.integers(1, 3))):
        citation = {"source": draw(st.sampled_from(SOURCES)), "quote": draw(WORDS)}
        if (claimant := draw(_optional(WORDS))) is not None:
            citation["claimant"] = claimant
        made.append(citation)
    return made


def _dated(draw: st.DrawFn, record_id: str) -> dict[str, Any]:
    record: dict[str, Any] = {"id": record_id}
    for key, strategy in (("date", edtf_dates()), ("date_text", WORDS), ("date_note", WORDS)):
        if (value := draw(_optional(strategy))) is not None:
            record[key] = value
    record["actors"] = draw(st.lists(st.sampled_from(ACTORS), min_size=1, max_size=3))
    if tags := draw(st.lists(SLUGS, max_size=3)):
        record["tags"] = tags
    record["citations"] = draw(citations())
    return record


@st.composite
def events(draw: st.DrawFn, record_id: str) -> dict[str, Any]:
    record = _dated(draw, record_id)
    record.update(title=draw(WORDS), summary=draw(WORDS), domain=draw(st.sampled_from(DOMAINS)))
    if (location := draw(_optional(WORDS))) is not None:
        record["location"] = location
    return record


AMOUNTS = st.one_of(
    st.integers(-(10**18), 10**18),
    st.floats(-(10.0**18), 10.0**18, allow_nan=False, allow_infinity=False),
)


@st.composite
def figures(draw: st.DrawFn, record_id: str) -> dict[str, Any]:
    record = _dated(draw, record_id)
    value = draw(AMOUNTS)
    record.update(
        metric=draw(st.from_regex(r"[a-z]{1,8}(\.[a-z]{1,8}){0,2}", fullmatch=True)),
        label=draw(WORDS),
        value=value,
        unit=draw(st.sampled_from(["troops", "USD", "shells", "%"])),
        qualifier=draw(st.sampled_from(QUALIFIERS)),
    )
    if draw(st.booleans()):
        record["low"] = draw(st.one_of(st.just(value), AMOUNTS.filter(lambda low: low <= value)))
    if draw(st.booleans()):
        record["high"] = draw(AMOUNTS.filter(lambda high: high >= value))
    if (note := draw(_optional(WORDS))) is not None:
        record["note"] = note
    return record


@st.composite
def stores(draw: st.DrawFn) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    count = draw(st.integers(1, 4))
    return (
        [draw(events(f"event-{n}")) for n in range(count)],
        [draw(figures(f"figure-{n}")) for n in range(draw(st.integers(0, 3)))],
    )


def _write(folder: Path, records: list[dict[str, Any]], kind: str) -> None:
    # As curation writes them: each record emitted alone, one blank line between records.
    text = "\n".join(record_yaml(kind, record) for record in records)
    (folder / kind).write_text(text, encoding="utf-8")


def _store(tmp_path: Path, made: tuple[list[dict[str, Any]], list[dict[str, Any]]]) -> Path:
    folder = tmp_path / "generated"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for name in ("sources.yaml", "actors.yaml"):
        shutil.copy(STORE / name, folder / name)
    _write(folder, made[0], "events.yaml")
    _write(folder, made[1], "figures.yaml")
    return folder


@deterministic(50)
@given(stores())
def test_records_the_emitter_writes_load_back_equal(
    tmp_path: Path, made: tuple[list[dict[str, Any]], list[dict[str, Any]]]
) -> None:
    folder = _store(tmp_path, made)
    loaded = load_store([folder])
    assert loaded.problems == []
    assert [item.record for item in loaded.events] == [Event.model_validate(e) for e in made[0]]
    assert [item.record for item in loaded.figures] == [Figure.model_validate(f) for f in made[1]]


# --- --json is JSON the published schemas accept ------------------------------------------------

# What `--json` adds to a stored record: derived fields, and its citations' source details.
DERIVED = {"type", "start", "end", "value_text", "rate", "per"}
CITATION_DERIVED = {"source_title", "source_publisher", "source_url"}


def _strict_json(text: str) -> Any:
    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


def _as_stored(record: dict[str, Any]) -> dict[str, Any]:
    stored = {k: v for k, v in record.items() if k not in DERIVED and v is not None and v != []}
    stored["citations"] = [
        {k: v for k, v in citation.items() if k not in CITATION_DERIVED and v is not None}
        for citation in record["citations"]
    ]
    return stored


VALIDATORS = {
    kind: Draft7Validator(json.loads((SCHEMAS / f"{kind}s.schema.json").read_text()))
    for kind in ("event", "figure")
}


@deterministic(20)
@given(stores())
def test_json_output_is_json_the_published_schema_accepts(
    axis: Run, tmp_path: Path, made: tuple[list[dict[str, Any]], list[dict[str, Any]]]
) -> None:
    folder = _store(tmp_path, made)
    for command, written in (("timeline", made[0]), ("figure", made[1])):
        result = axis(command, "--json", "--no-bundled", "--data", folder)
        assert result.exit_code == 0, result.output
        printed = _strict_json(result.stdout)
        assert len(printed) == len(written)
        by_id = {record["id"]: record for record in written}
        for record in printed:
            stored = _as_stored(record)
            errors = list(VALIDATORS[record["type"]].iter_errors([stored]))
            assert not errors, (stored, [error.message for error in errors])
            assert stored == {
                key: value for key, value in by_id[record["id"]].items() if value != []
            }


# --- any bytes as a store file ------------------------------------------------------------------

FIXTURE_BYTES = {name: (STORE / name).read_bytes() for name in ("events.yaml", "figures.yaml")}


@st.composite
def mangled(draw: st.DrawFn) -> bytes:
    """A fixture file with a few bytes replaced, inserted or removed."""
    data = bytearray(FIXTURE_BYTES[draw(st.sampled_from(sorted(FIXTURE_BYTES)))])
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["replace", "insert", "delete"]))
        byte = draw(st.sampled_from(b"\x00\xff\xfe\t\r\n :-[]{}\"'&*!|>%@`#?,\\"))
        if action == "replace":
            data[at] = byte
        elif action == "insert":
            data.insert(at, byte)
        else:
            del data[at]
    return bytes(data)


@deterministic(40)
@given(
    st.sampled_from(["events.yaml", "figures.yaml", "sources.yaml", "actors.yaml"]),
    st.one_of(st.binary(max_size=400), mangled()),
)
def test_any_bytes_as_a_store_file_end_in_an_answer_or_a_data_error(
    axis: Run, tmp_path: Path, name: str, data: bytes
) -> None:
    folder = tmp_path / "bytes"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(STORE, folder, ignore=shutil.ignore_patterns("texts"))
    (folder / name).write_bytes(data)
    for command in ("timeline", "check"):
        result = axis(command, "--no-bundled", "--data", folder)
        assert result.exit_code in {0, 1}, (command, data, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "Traceback" not in result.output
        if result.exit_code == 1 and command == "timeline":
            line = result.stderr.strip()
            assert line.startswith(f"Error: {folder}") and "\n" not in line, result.stderr
    assert (folder / name).read_bytes() == data
