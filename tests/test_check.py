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
        "name 'PRC' already stands for CHN",
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
    figure = schema["definitions"]["Figure"]
    assert figure["additionalProperties"] is False
    assert {"metric", "unit", "qualifier", "citations"} <= set(figure["required"])
    assert "value" not in figure["required"]  # a vague magnitude has none
    assert {"magnitude", "equivalent_to", "updates", "disputes"} <= set(figure["properties"])


# --- relations between figures, date_text, unused actors (issue 7) ------------------------------

SERIES = FIXTURES / "series"


def _changed(tmp_path: Path, filename: str, *edits: tuple[str, str]) -> Path:
    """A copy of the series fixture store with `edits` (old, new) made to one file."""
    store = tmp_path / "series"
    shutil.copytree(SERIES, store)
    path = store / filename
    text = path.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, f"fixture text {old!r} not in {filename}"
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return store


def _line_of(path: Path, words: str, after: str = "") -> int:
    """The number of the first line holding `words` after the first line holding `after`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(n for n, line in enumerate(lines) if after in line)
    return next(n for n, line in enumerate(lines[start:], start + 1) if words in line)


def test_the_series_fixture_store_is_clean(axis):
    result = axis("check", "--no-bundled", "--data", SERIES, "--texts", SERIES / "texts")
    assert result.exit_code == 0, result.output


# (edits to figures.yaml, the id whose line it is, the words on that line, the message, the hint)
RELATION_PROBLEMS = {
    "dangling equivalent_to": (
        [("equivalent_to: [containers-2023-12]", "equivalent_to: [containers-2023-1]")],
        "id: shells-152mm-2023-12",
        "equivalent_to:",
        "'shells-152mm-2023-12': equivalent_to: no figure 'containers-2023-1'",
        "(did you mean containers-2023-12?)",
    ),
    "dangling equivalent_to, second of a block list": (
        [
            (
                "equivalent_to: [containers-2023-12]",
                "equivalent_to:\n    - containers-2023-12\n    - contaners-2023-12",
            )
        ],
        "id: shells-152mm-2023-12",
        "- contaners-2023-12",
        "equivalent_to: no figure 'contaners-2023-12'",
        "did you mean containers-2023-12?",
    ),
    "dangling updates": (
        [("updates: troops-2024-10", "updates: troops-2024-11")],
        "id: troops-early-2025",
        "updates:",
        "'troops-early-2025': updates: no figure 'troops-2024-11'",
        "did you mean troops-2024-10?",
    ),
    "dangling disputes": (
        [("disputes: [troops-early-2025]", "disputes: [nothing-like-it]")],
        "id: troops-moscow-2025",
        "disputes:",
        "disputes: no figure 'nothing-like-it'",
        "",
    ),
    "self-reference": (
        [("disputes: [troops-early-2025]", "disputes: [troops-moscow-2025]")],
        "id: troops-moscow-2025",
        "disputes:",
        "'troops-moscow-2025': disputes names the figure itself",
        "",
    ),
    "updates another metric": (
        [("updates: troops-2024-10", "updates: casualties-2025-01")],
        "id: troops-early-2025",
        "updates:",
        "updates 'casualties-2025-01', a figure of metric 'casualties.dprk-in-russia', "
        "not 'troops.dprk-in-russia'",
        "about the same metric",
    ),
    "disputes another metric": (
        [("disputes: [troops-early-2025]", "disputes: [containers-2023-12]")],
        "id: troops-moscow-2025",
        "disputes:",
        "disputes 'containers-2023-12', a figure of metric 'munitions.containers'",
        "",
    ),
    "updates a later figure": (
        [
            (
                "date_text: confirmed in October 2024\n",
                "date_text: confirmed in October 2024\n  updates: troops-moscow-2025\n",
            )
        ],
        "id: troops-2024-10",
        "updates:",
        "'troops-2024-10': updates 'troops-moscow-2025', which is dated later (../2025-06~)",
        "names the earlier count",
    ),
    "equivalents declared on both sides": (
        [
            (
                "date_text: by December 2023\n  actors",
                "date_text: by December 2023\n  equivalent_to: [shells-152mm-2023-12]\n  actors",
            )
        ],
        "id: containers-2023-12",
        "equivalent_to:",
        "'containers-2023-12' and 'shells-152mm-2023-12' name each other in equivalent_to",
        "declare it once, on the figure that restates the other",
    ),
}


@pytest.mark.parametrize("case", RELATION_PROBLEMS, ids=list(RELATION_PROBLEMS))
def test_relations_must_name_fitting_figures(axis, tmp_path, case):
    edits, record, words, message, hint = RELATION_PROBLEMS[case]
    store = _changed(tmp_path, "figures.yaml", *edits)
    path = store / "figures.yaml"
    line = _line_of(path, words, after=record)
    result = axis("check", "--no-bundled", "--data", store)
    assert result.exit_code == 1, result.output
    problems = [p for p in result.stdout.splitlines() if message in p]
    assert len(problems) == 1, result.stdout
    assert problems[0].startswith(f"{path}:{line}: "), problems[0]
    assert hint in problems[0]
    assert "1 problem found" in result.stderr


def test_a_dangling_relation_stops_other_commands_too(axis, tmp_path):
    store = _changed(tmp_path, "figures.yaml", ("updates: troops-2024-10", "updates: gone"))
    result = axis("figure", "--no-bundled", "--data", store)
    assert result.exit_code == 1
    assert "updates: no figure 'gone'" in result.stderr


def test_updates_that_run_in_a_loop_are_a_problem(axis, tmp_path):
    store = _changed(
        tmp_path,
        "figures.yaml",
        ("updates: troops-2024-10", "updates: troops-moscow-2025"),
        ("disputes: [troops-early-2025]", "updates: troops-early-2025"),
    )
    result = axis("check", "--no-bundled", "--data", store)
    assert result.exit_code == 1
    assert result.stdout.count("updates run in a loop") == 1, result.stdout
    assert "troops-early-2025 → troops-moscow-2025 → troops-early-2025" in result.stdout


def test_a_relation_to_an_event_says_so(axis, tmp_path):
    store = _changed(tmp_path, "figures.yaml", ("updates: troops-2024-10", "updates: pact-1961"))
    result = axis("check", "--no-bundled", "--data", store, "--data", STORE)
    assert "updates: no figure 'pact-1961' (it is an event; relations name figures)" in (
        result.stdout
    )


def test_date_text_must_be_the_texts_own_words(axis, tmp_path):
    store = _changed(
        tmp_path, "figures.yaml", ("date_text: by January 2025", "date_text: in January 2025")
    )
    path = store / "figures.yaml"
    line = _line_of(path, "date_text: in January 2025")
    result = axis("check", "--no-bundled", "--data", store, "--texts", store / "texts")
    assert result.exit_code == 1
    assert result.stdout == (
        f"{path}:{line}: 'casualties-2025-01': date_text 'in January 2025' is not in the text "
        "of gamma-essay (write the text's own words, or leave date_text out)\n"
    )
    # without the texts there is nothing to compare it with
    assert axis("check", "--no-bundled", "--data", store).exit_code == 0


def test_date_text_may_differ_from_the_text_in_letter_case_only(axis, tmp_path):
    # "By early 2025" opens a sentence of the text; the fixture's date_text is "by early 2025".
    store = _changed(
        tmp_path, "figures.yaml", ("date_text: by early 2025", "date_text: By early 2025")
    )
    assert axis("check", "--no-bundled", "--data", store, "--texts", store / "texts").exit_code == 0
    dashed = _changed(
        tmp_path / "dashed",
        "figures.yaml",
        ("date_text: by January 2025", "date_text: in 2024-2025"),
    )
    result = axis("check", "--no-bundled", "--data", dashed, "--texts", dashed / "texts")
    assert result.exit_code == 1
    assert "date_text 'in 2024-2025' is not in the text of gamma-essay" in result.stdout
    assert "(it differs only in quotes, dashes, hyphens or spaces; copy them exactly)" in (
        result.stdout
    )


def test_every_registered_actor_is_used(axis, tmp_path):
    store = _changed(
        tmp_path,
        "actors.yaml",
        ("- code: IRN", "- code: JPN\n  name: Japan\n  kind: state\n- code: IRN"),
    )
    path = store / "actors.yaml"
    result = axis("check", "--no-bundled", "--data", store)
    assert result.exit_code == 1
    assert result.stdout == (
        f"{path}:{_line_of(path, 'code: JPN')}: 'JPN': actor JPN is used by no record "
        "(remove it from actors.yaml or add the records that involve it)\n"
    )
    # a curation rule: answers do not depend on it, so other commands still answer
    assert axis("figure", "--no-bundled", "--data", store).exit_code == 0


def test_an_actor_used_by_another_store_is_used(axis):
    # extra/ registers no actor; the fixture store's actors are used by its own records
    result = axis("check", "--no-bundled", "--data", STORE, "--data", FIXTURES / "extra")
    assert result.exit_code == 0, result.output
