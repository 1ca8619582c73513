"""`axis check`: a clean store passes; each kind of problem is caught, located and explained."""

import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, SEEDS, STORE


def test_the_fixture_store_is_clean(fixture_axis):
    result = fixture_axis("check", "--texts", STORE / "texts")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        f"OK: 9 records (5 events, 4 figures, 2 sources, 4 actors) in 4 files under {STORE};"
    )
    assert "9 quotes found verbatim" in result.stdout


def test_check_names_every_folder_it_read(axis):
    result = axis("check", "--no-bundled", "--data", STORE, "--data", FIXTURES / "extra")
    assert result.exit_code == 0, result.output
    assert f"in 5 files under {STORE} and {FIXTURES / 'extra'};" in result.stdout


def test_the_bundled_store_is_clean(axis):
    result = axis("check")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("OK: ")


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"source texts not found at {SEEDS}")
def test_every_bundled_quote_is_verbatim_in_its_source_text(axis):
    result = axis("check", "--texts", SEEDS)
    assert result.exit_code == 0, result.stdout
    assert "quotes found verbatim" in result.stdout


def _broken_store(tmp_path: Path, filename: str, old: str, new: str) -> Path:
    store = tmp_path / "store"
    shutil.copytree(STORE, store)
    path = store / filename
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in {filename}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return store


# (file, text to replace, replacement, expected line, expected words in the message)
PROBLEMS = {
    "yaml syntax": (
        "events.yaml",
        "  title: Joint drills begin",
        "  title: [unclosed",
        17,
        "invalid YAML",
    ),
    "unknown field": (
        "events.yaml",
        "  location: the capital",
        "  locaton: the capital",
        8,
        "unknown field 'locaton'",
    ),
    "missing field": (
        "events.yaml",
        "  summary: A pact was signed in 1961.\n",
        "",
        38,
        "required field 'summary' is missing",
    ),
    "closed set": (
        "events.yaml",
        "domain: military\n  tags: [exercise]",
        "domain: militery\n  tags: [exercise]",
        19,
        "domain: Input should be",
    ),
    "bad date": (
        "events.yaml",
        'date: "1961"',
        'date: "1961-13"',
        39,
        "'1961-13' is not a real calendar date",
    ),
    "unquoted date": ("events.yaml", 'date: "1961"', "date: 1961", 39, "quote dates"),
    "start after end": (
        "figures.yaml",
        'date: "2023"',
        'date: "2023/2021"',
        36,
        "starts after it ends",
    ),
    "duplicate id": (
        "events.yaml",
        "id: joint-drills",
        "id: treaty-signed",
        13,
        "duplicate record id",
    ),
    "unknown actor": (
        "events.yaml",
        "actors: [CHN, RUS]\n  domain: military",
        "actors: [CHN, DPRK]\n  domain: military",
        18,
        "unknown actor 'DPRK'",
    ),
    "unknown source": (
        "figures.yaml",
        "source: beta-notes",
        "source: gamma-notes",
        55,
        "unknown source 'gamma-notes'",
    ),
    "value outside range": ("figures.yaml", "low: 4000", "low: 5500", 43, "low 5500 is above"),
    "no citation": (
        "events.yaml",
        '  citations:\n    - source: beta-notes\n      quote: "in 1961 a pact was signed"',
        "  citations: []",
        45,
        "citations: List should have at least 1 item",
    ),
    "duplicate key": (
        "events.yaml",
        "  domain: arms",
        "  domain: arms\n  domain: military",
        32,
        "field 'domain' is given twice",
    ),
    "alias clash": (
        "actors.yaml",
        "aliases: [DPRK, NK]",
        "aliases: [DPRK, PRC]",
        12,
        "name 'prc' already stands for CHN",
    ),
}


@pytest.mark.parametrize("case", PROBLEMS, ids=list(PROBLEMS))
def test_each_kind_of_problem_is_reported_with_file_and_line(fixture_axis, axis, tmp_path, case):
    filename, old, new, line, words = PROBLEMS[case]
    store = _broken_store(tmp_path, filename, old, new)
    result = axis("check", "--no-bundled", "--data", store)
    assert result.exit_code == 1
    assert f"{store / filename}:{line}: " in result.stdout
    assert words in result.stdout
    assert "problem" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_actor_suggests_the_code_of_an_alias(axis, tmp_path):
    args = (
        "events.yaml",
        "actors: [CHN, RUS]\n  domain: military",
        "actors: [CHN, DPRK]\n  domain: military",
    )
    result = axis("check", "--no-bundled", "--data", _broken_store(tmp_path, *args))
    assert "(did you mean PRK?)" in result.stdout


def test_quote_that_is_not_verbatim_is_caught_with_a_hint(axis, tmp_path):
    store = _broken_store(
        tmp_path, "events.yaml", "“treaty of friendship”", r"\"treaty of friendship\""
    )
    result = axis("check", "--no-bundled", "--data", store, "--texts", store / "texts")
    assert result.exit_code == 1
    assert f"{store / 'events.yaml'}:11: 'treaty-signed': quote not found verbatim" in result.stdout
    assert "differs only in quotes" in result.stdout


def test_every_problem_is_reported_not_just_the_first(axis, tmp_path):
    store = _broken_store(tmp_path, "events.yaml", "id: joint-drills", "id: treaty-signed")
    figures = store / "figures.yaml"
    figures.write_text(figures.read_text().replace("low: 4000", "low: 5500"))
    result = axis("check", "--no-bundled", "--data", store)
    assert result.exit_code == 1
    assert result.stdout.count("\n") == 2
    assert f"2 problems found in 4 files under {store}." in result.stderr


def test_a_schema_error_hides_no_other_problem(axis, tmp_path):
    """A record that fails its schema still has its id, references and quotes checked."""
    store = _broken_store(
        tmp_path, "events.yaml", "  domain: military\n  tags: [exercise]", "  tags: [exercise]"
    )
    events = store / "events.yaml"
    text = events.read_text(encoding="utf-8")
    text = text.replace("id: pact-1961", "id: joint-drills")
    text = text.replace("actors: [CHN, RUS]", "actors: [CHN, XXX]")
    text = text.replace("Since 2022 the partners", "Since 2021 the partners")
    events.write_text(text, encoding="utf-8")
    result = axis("check", "--no-bundled", "--data", store, "--texts", store / "texts")
    assert result.exit_code == 1
    problems = result.stdout
    assert "'joint-drills': required field 'domain' is missing" in problems
    assert "'joint-drills': duplicate record id" in problems
    assert "'joint-drills': unknown actor 'XXX'" in problems
    assert "'joint-drills': quote not found verbatim in beta-notes" in problems
    assert "4 problems found" in result.stderr


def test_missing_text_file_is_a_problem(axis, tmp_path):
    result = axis("check", "--no-bundled", "--data", STORE, "--texts", tmp_path)
    assert result.exit_code == 1
    assert "text 'alpha.txt' is not in" in result.stdout


def test_texts_folder_must_exist(fixture_axis, tmp_path):
    result = fixture_axis("check", "--texts", tmp_path / "nowhere")
    assert result.exit_code == 2
    assert "is not a folder" in result.stderr


def test_other_commands_refuse_a_broken_store_with_one_line(axis, tmp_path):
    store = _broken_store(tmp_path, "figures.yaml", "low: 4000", "low: 5500")
    result = axis("timeline", "--no-bundled", "--data", store)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert "low 5500 is above value 5000" in result.stderr
    assert result.stderr.count("\n") == 1


def test_schema_is_generated_from_the_model(axis):
    import json

    result = axis("schema", "figures")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    figure = schema["$defs"]["Figure"]
    assert figure["additionalProperties"] is False
    assert {"metric", "value", "qualifier", "citations"} <= set(figure["required"])
